"""Shops, what they sell, and the OpenStreetMap-based category taxonomy."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from cms.models import Commune
from cms.models.fields import photo_field
from cms.models.places import LOCATION_PANEL, Place

SHOP_DESCRIPTION_FEATURES = ["bold", "italic", "ul", "link"]


class Family(models.TextChoices):
    """How a resident browses a high street; each category belongs to one."""

    FOOD = "food", _("Food")
    HOME = "home", _("Home and garden")
    FASHION = "fashion", _("Fashion")
    HEALTH_BEAUTY = "health_beauty", _("Health and beauty")
    CULTURE_LEISURE = "culture_leisure", _("Culture and leisure")
    SERVICES = "services", _("Services")
    CRAFTS = "crafts", _("Crafts")


class Category(models.Model):
    """A kind of shop or craft, named after its OpenStreetMap tag (``shop=bakery``).

    Labels come from OpenStreetMap's iD presets in French, English and Dutch, so a
    category can be exported to and imported from OSM without a mapping table.
    """

    osm_key = models.CharField(_("OSM key"), max_length=10)
    osm_value = models.CharField(_("OSM value"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    family = models.CharField(_("family"), max_length=20, choices=Family.choices)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    terms = models.JSONField(_("search terms"), default=dict, blank=True)

    class Meta:
        ordering = ["name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["osm_key", "osm_value"], name="unique_osm_tag"
            )
        ]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The label in the active language, French when there is none."""
        language = (get_language() or "fr")[:2]
        return getattr(self, f"name_{language}", None) or self.name_fr

    @property
    def osm_tag(self) -> str:
        return f"{self.osm_key}={self.osm_value}"

    @property
    def is_craft(self) -> bool:
        return self.osm_key == "craft"


class ShopPage(Place, Page):
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
    pitch = models.CharField(_("one-line pitch"), max_length=140, blank=True)
    description = RichTextField(
        _("description"), features=SHOP_DESCRIPTION_FEATURES, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    image = photo_field()

    content_panels = Page.content_panels + [
        FieldPanel("category"),
        FieldPanel("pitch"),
        FieldPanel("description"),
        FieldPanel("image"),
        LOCATION_PANEL,
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("products", heading=_("Products"), label=_("Product")),
    ]
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

    def active_products(self):
        return self.products.filter(active=True).select_related("image")


class Product(Orderable, ClusterableModel):
    shop = ParentalKey(ShopPage, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    price_cents = models.PositiveIntegerField(
        _("price (cents)"), validators=[MaxValueValidator(10_000_000)]
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="EUR", editable=False
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    image = photo_field()
    stock = models.PositiveIntegerField(
        _("stock"), null=True, blank=True, help_text=_("Leave empty for made to order.")
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("active")]),
        FieldRowPanel(
            [FieldPanel("price_cents"), FieldPanel("unit"), FieldPanel("stock")]
        ),
        FieldPanel("description"),
        FieldPanel("image"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.name
