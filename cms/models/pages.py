"""Editorial pages: the home page, the communes, and their points of interest.

The tree is home → communes index → one page per commune → shops and places.
Models stay declarative; reads that templates need are small helpers here or
selectors in ``cms/selectors.py``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.models.communes import Commune
from cms.models.fields import photo_field
from cms.models.places import LOCATION_PANEL, Place
from cms.page_cache import CachedPageMixin

EDITORIAL_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class IntroPage(Page):
    """A single page of the tree's top with a one-line introduction under its title."""

    intro = models.CharField(_("introduction"), max_length=255, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        abstract = True


class HomePage(IntroPage):
    """The front door: one search box for the whole metropolis."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.CommunesIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = home_overview()
        return context


class CommunesIndexPage(IntroPage):
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CommunePage"]

    class Meta:
        verbose_name = _("communes index")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import communes_with_counts

        context = super().get_context(request, *args, **kwargs)
        context["communes"] = communes_with_counts()
        return context


class CommunePage(Page):
    """A commune's own page, curated by its staff; shops and places live below it."""

    commune = models.OneToOneField(
        Commune,
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name=_("commune"),
    )
    intro = RichTextField(_("introduction"), features=EDITORIAL_FEATURES, blank=True)
    image = photo_field()

    content_panels = Page.content_panels + [
        FieldPanel("commune", read_only=True),
        FieldPanel("intro"),
        FieldPanel("image"),
    ]
    parent_page_types = ["cms.CommunesIndexPage"]
    subpage_types = ["shops.ShopPage", "cms.PointOfInterestPage"]

    class Meta:
        verbose_name = _("commune page")

    def live_shops(self):
        from shops.models import ShopPage

        return (
            ShopPage.objects.child_of(self)
            .live()
            .select_related("category", "commune", "image")
            .prefetch_related("closures")
            .order_by("title")
        )

    def live_places(self):
        return PointOfInterestPage.objects.child_of(self).live().order_by("title")

    def get_context(self, request, *args, **kwargs):
        from shops.selectors import shops_by_family

        context = super().get_context(request, *args, **kwargs)
        context["families"] = shops_by_family(self.live_shops())
        context["places"] = self.live_places().select_related("image")
        return context


class PointOfInterestPage(CachedPageMixin, Place, Page):
    """A cultural or historical place worth the detour, and the shops around it."""

    class Kind(models.TextChoices):
        MUSEUM = "museum", _("Museum")
        MONUMENT = "monument", _("Monument")
        CHURCH = "church", _("Church")
        PARK = "park", _("Park or garden")
        STREET_ART = "street_art", _("Street art")
        MARKET_HALL = "market_hall", _("Market hall")
        LIBRARY = "library", _("Library")
        THEATRE = "theatre", _("Theatre")
        VIEWPOINT = "viewpoint", _("Viewpoint")
        HISTORIC_SITE = "historic_site", _("Historic site")
        BELFRY = "belfry", _("Belfry")
        WINDMILL = "windmill", _("Windmill")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("short description"), max_length=255)
    body = RichTextField(_("description"), features=EDITORIAL_FEATURES, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    is_free = models.BooleanField(_("free entry"), default=True)
    price_note = models.CharField(_("price note"), max_length=255, blank=True)
    image = photo_field()
    image_credit = models.CharField(_("photo credit"), max_length=255, blank=True)
    official_url = models.URLField(_("official website"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("period"),
        LOCATION_PANEL,
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldPanel("is_free"),
                FieldPanel("price_note"),
            ],
            heading=_("Visiting"),
        ),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_credit")], heading=_("Photo")
        ),
        FieldPanel("official_url"),
    ]
    parent_page_types = ["cms.CommunePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("point of interest")
        verbose_name_plural = _("points of interest")
