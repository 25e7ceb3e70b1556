"""Cultural and historical places: a page each, with photos, hours and closures."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
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

from shops.choices import Wheelchair
from territory.fields import photo_field
from territory.places import LOCATION_PANEL, Closure, Place
from web.forms import ScopedChoicesPageForm
from web.page_cache import CachedPageMixin

EDITORIAL_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class PointOfInterestPage(CachedPageMixin, Place, Page):
    """A cultural or historical place worth the detour, and the shops around it."""

    base_form_class = ScopedChoicesPageForm

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
        INDUSTRIAL_HERITAGE = "industrial_heritage", _("Industrial heritage")
        CASTLE = "castle", _("Castle or manor")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("short description"), max_length=255)
    body = RichTextField(_("description"), features=EDITORIAL_FEATURES, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    history = RichTextField(_("history"), features=EDITORIAL_FEATURES, blank=True)
    is_free = models.BooleanField(_("free entry"), default=True)
    price_note = models.CharField(_("price note"), max_length=255, blank=True)
    image = photo_field()
    image_credit = models.CharField(_("photo credit"), max_length=255, blank=True)
    wheelchair = models.CharField(
        _("wheelchair access"), max_length=10, choices=Wheelchair.choices, blank=True
    )
    accessibility_note = models.TextField(
        _("accessibility"),
        max_length=1000,
        blank=True,
        help_text=_("Step-free entrance, lift, adapted toilets, induction loop…"),
    )
    official_url = models.URLField(_("official website"), blank=True)

    place_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("period")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("history"),
        LOCATION_PANEL,
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_credit")], heading=_("Photo")
        ),
        InlinePanel("photos", heading=_("More photos"), label=_("Photo")),
        FieldPanel("official_url"),
    ]
    visiting_panels = [
        FieldPanel("opening_hours"),
        InlinePanel("closures", heading=_("Exceptional closures"), label=_("Closure")),
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("price_note")]),
        FieldPanel("wheelchair"),
        FieldPanel("accessibility_note"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(place_panels, heading=_("Place")),
            ObjectList(visiting_panels, heading=_("Visiting")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    parent_page_types = ["cms.CommunePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("point of interest")
        verbose_name_plural = _("points of interest")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import shops_open_now_near

        context = super().get_context(request, *args, **kwargs)
        context["nearby"] = shops_open_now_near(
            latitude=self.latitude, longitude=self.longitude
        )
        return context

    def gallery(self):
        return self.photos.select_related("image")


class PlacePhoto(Orderable):
    """A photo of the place with its author: most heritage photos need a credit."""

    place = ParentalKey(
        PointOfInterestPage, on_delete=models.CASCADE, related_name="photos"
    )
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
    credit = models.CharField(_("credit"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("credit")]


class PlaceClosure(Closure):
    """Works, a private event, the winter break: the place is closed these days."""

    place = ParentalKey(
        PointOfInterestPage, on_delete=models.CASCADE, related_name="closures"
    )
