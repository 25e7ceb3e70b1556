"""A shop's page and what hangs off it: products, photos, closures and offers.

A shop is a Wagtail page under its commune's page. The merchant who signed up is
the page's ``owner`` (Wagtail's own field); the commune's staff verify it. Fields
that only staff or the platform may set (owner, commune, verification, hours
confirmation) are not editable in any form, so a crafted POST cannot reach them.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from shops.choices import CollectPayment, ListingSource, Wheelchair
from shops.listing.forms import ProductForm, ShopPageForm
from shops.listing.panels import HoursFreshnessPanel, RowFormInlinePanel
from shops.listing.validators import validate_siret, validate_web_url
from shops.models.categories import Category
from shops.money import PriceCentsField
from territory.communes import Commune
from territory.fields import DateRangeMixin, native_date_input, photo_field
from territory.places import LOCATION_PANEL, Closure, Place
from web.page_cache import CachedPageMixin

SHOP_DESCRIPTION_FEATURES = ["bold", "italic", "ul", "link"]


class ShopPage(CachedPageMixin, Place, Page):
    """A shop or a craftworker's workshop, published under its commune's page."""

    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="shops",
        editable=False,
        verbose_name=_("commune"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    secondary_categories = ParentalManyToManyField(
        Category, blank=True, related_name="+", verbose_name=_("other categories")
    )
    siret = models.CharField(
        _("SIRET"), max_length=14, blank=True, validators=[validate_siret]
    )
    pitch = models.CharField(_("one-line pitch"), max_length=140, blank=True)
    description = RichTextField(
        _("description"), features=SHOP_DESCRIPTION_FEATURES, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_web_url])
    facebook_url = models.URLField(
        _("Facebook page"), blank=True, validators=[validate_web_url]
    )
    instagram_url = models.URLField(
        _("Instagram account"), blank=True, validators=[validate_web_url]
    )
    image = photo_field()
    logo = photo_field()
    offers_click_and_collect = models.BooleanField(
        _("click-and-collect"), default=False
    )
    collect_payment = models.CharField(
        _("payment for click-and-collect"),
        max_length=10,
        choices=CollectPayment.choices,
        default=CollectPayment.AT_PICKUP,
        help_text=_(
            "Online payment needs a Stripe account that can take payments "
            "(Orders > Stripe in the admin)."
        ),
    )
    pickup_lead_minutes = models.PositiveIntegerField(
        _("preparation time (minutes)"),
        default=60,
        validators=[MaxValueValidator(7 * 24 * 60)],
        help_text=_("The earliest pickup is this long after the order."),
    )
    pickup_orders_per_slot = models.PositiveSmallIntegerField(
        _("orders per half hour"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    stripe_account_id = models.CharField(
        _("Stripe account"), max_length=64, blank=True, editable=False
    )
    stripe_charges_enabled = models.BooleanField(
        _("Stripe account takes payments"), default=False, editable=False
    )
    offers_delivery = models.BooleanField(_("home delivery"), default=False)
    by_appointment_only = models.BooleanField(_("by appointment only"), default=False)
    wheelchair = models.CharField(
        _("wheelchair access"), max_length=10, choices=Wheelchair.choices, blank=True
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    payment_methods = models.JSONField(_("payment methods"), default=list, blank=True)
    served_communes = ParentalManyToManyField(
        Commune,
        blank=True,
        related_name="+",
        verbose_name=_("communes served"),
        help_text=_("Craftworkers: the communes where you work on site."),
    )
    hours_confirmed_at = models.DateTimeField(
        _("hours confirmed on"), null=True, blank=True, editable=False
    )
    hours_reminded_at = models.DateTimeField(
        _("hours reminder sent on"), null=True, blank=True, editable=False
    )
    verified_at = models.DateTimeField(
        _("verified on"), null=True, blank=True, editable=False
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("verified by"),
    )
    # Open data: listings imported from OpenStreetMap or a CSV file have no merchant
    # until one claims them (opendata.claims); the public page says so.
    osm_id = models.CharField(
        _("OpenStreetMap id"), max_length=30, blank=True, db_index=True, editable=False
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=ListingSource.choices,
        default=ListingSource.MERCHANT,
        editable=False,
    )
    is_claimed = models.BooleanField(
        _("claimed by its merchant"), default=True, editable=False
    )

    shop_panels = [
        *Page.content_panels,
        FieldPanel("pitch"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("siret")]),
        FieldPanel("secondary_categories"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("image"), FieldPanel("logo")])],
            heading=_("Pictures"),
        ),
        InlinePanel("photos", heading=_("Photo gallery"), label=_("Photo")),
        LOCATION_PANEL,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldRowPanel(
                    [FieldPanel("facebook_url"), FieldPanel("instagram_url")]
                ),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("offers_click_and_collect"),
                        FieldPanel("offers_delivery"),
                        FieldPanel("by_appointment_only"),
                    ]
                ),
                FieldPanel("wheelchair"),
                FieldPanel("languages"),
                FieldPanel("payment_methods"),
                FieldPanel("served_communes"),
            ],
            heading=_("Services and access"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("collect_payment"),
                FieldRowPanel(
                    [
                        FieldPanel("pickup_lead_minutes"),
                        FieldPanel("pickup_orders_per_slot"),
                    ]
                ),
            ],
            heading=_("Click-and-collect"),
        ),
    ]
    hours_panels = [
        HoursFreshnessPanel(),
        FieldPanel("opening_hours"),
        InlinePanel("closures", heading=_("Exceptional closures"), label=_("Closure")),
    ]
    catalogue_panels = [
        RowFormInlinePanel(
            "products",
            heading=_("Products"),
            label=_("Product"),
            inherit=["photo_collection"],
        ),
        InlinePanel("offers", heading=_("Offers and news"), label=_("Offer")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(shop_panels, heading=_("Shop")),
            ObjectList(hours_panels, heading=_("Hours and closures")),
            ObjectList(catalogue_panels, heading=_("Products and offers")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    base_form_class = ShopPageForm
    # Read by every render of the page (cms.models.pages.HomePage.route).
    served_with = ("category", "commune", "image")
    parent_page_types = ["cms.CommunePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("shop")
        verbose_name_plural = _("shops")

    def save(self, *args, **kwargs):
        # The commune is the one whose page the shop sits under; it is copied here so
        # that lists, exports and permissions filter on a column, not on the tree.
        parent = self.get_parent()
        if parent is not None and hasattr(parent.specific, "commune_id"):
            self.commune_id = parent.specific.commune_id
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, quote_form=None, **kwargs):
        from shops.listing.forms import QuoteRequestForm

        context = super().get_context(request, *args, **kwargs)
        if self.category.is_craft:
            context["quote_form"] = quote_form or QuoteRequestForm()
        return context

    def with_content_json(self, content):
        # Verification, hours confirmation and the commune belong to the platform:
        # publishing or reverting to an older revision must not roll them back.
        page = super().with_content_json(content)
        platform_fields = (
            "verified_at",
            "verified_by_id",
            "hours_confirmed_at",
            "hours_reminded_at",
            "commune_id",
            "stripe_account_id",
            "stripe_charges_enabled",
            "osm_id",
            "source",
            "is_claimed",
        )
        for name in platform_fields:
            setattr(page, name, getattr(self, name))
        return page

    @property
    def contact_email(self) -> str:
        """Where mail about the shop goes: its merchant's account, else the shop's."""
        return self.owner.email if self.owner_id else self.email

    @property
    def takes_online_payment(self) -> bool:
        return (
            self.collect_payment == CollectPayment.ONLINE
            and self.stripe_charges_enabled
            and bool(settings.STRIPE_SECRET_KEY)
        )

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def gallery(self):
        # Renditions come with the photos, so six photos cost no more than one.
        return self.photos.select_related("image").prefetch_related("image__renditions")

    def active_products(self):
        return self.products.filter(active=True).select_related("image")

    def current_offers(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.offers.filter(valid_from__lte=today, valid_until__gte=today)


class Product(Orderable, ClusterableModel):
    shop = ParentalKey(ShopPage, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    price_cents = PriceCentsField(_("price (€)"))
    currency = models.CharField(
        _("currency"), max_length=3, default="EUR", editable=False
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    image = photo_field()
    stock = models.PositiveIntegerField(
        _("stock"), null=True, blank=True, help_text=_("Leave empty for made to order.")
    )
    available_for_click_and_collect = models.BooleanField(
        _("available for click-and-collect"), default=True
    )
    active = models.BooleanField(_("active"), default=True)

    # The photo sits beside the product's name, so that it is chosen for this
    # product and not mistaken for the next row's (or an offer's); a new one is
    # sent from the row itself (ProductForm's ``photo_file``, no chooser).
    panels = [
        FieldRowPanel(
            [
                FieldPanel("name"),
                FieldPanel("image", heading=_("Photo of this product")),
                FieldPanel("photo_file", disable_comments=True),
            ]
        ),
        FieldRowPanel(
            [FieldPanel("price_cents"), FieldPanel("unit"), FieldPanel("stock")]
        ),
        FieldRowPanel(
            [FieldPanel("available_for_click_and_collect"), FieldPanel("active")]
        ),
        FieldPanel("description"),
    ]

    base_form_class = ProductForm

    class Meta(Orderable.Meta):
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Stock is live, revisions are not (shops.stock): an existing row keeps the
        # count orders left in it, whatever revision or copy is being saved.
        if (
            self.pk
            and kwargs.get("update_fields") is None
            and Product.objects.filter(pk=self.pk).exists()
        ):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "stock"
            ]
        super().save(*args, **kwargs)


class ShopPhoto(Orderable):
    """A gallery photo; its description is required so blind visitors get it too."""

    shop = ParentalKey(ShopPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("photo"),
    )
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=200,
        help_text=_("What the photo shows, for visitors who cannot see it."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]


class ShopClosure(Closure):
    """Summer holidays, works, a family event: the shop is closed these days."""

    shop = ParentalKey(ShopPage, on_delete=models.CASCADE, related_name="closures")


class Offer(DateRangeMixin, Orderable):
    """A "bon plan" or a piece of news, shown while it is valid, hidden after."""

    start_field = "valid_from"
    end_field = "valid_until"

    shop = ParentalKey(ShopPage, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text"), max_length=1000)
    image = photo_field()
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))

    panels = [
        FieldRowPanel(
            [
                FieldPanel("title"),
                FieldPanel("image", heading=_("Photo of this offer")),
            ]
        ),
        FieldPanel("text"),
        FieldRowPanel(
            [
                FieldPanel("valid_from", widget=native_date_input()),
                FieldPanel("valid_until", widget=native_date_input()),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
