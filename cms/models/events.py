"""Local events and works: braderies, markets, festivals, road works.

An event belongs to its commune (it is published under the commune's page, so the
commune's staff manage it). It happens at a place, or over an area: the whole
commune, or a radius around its point. Area events carry a notice that the pages
of the shops inside the area show while it is near (``cms.selectors``).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.forms import EventPageForm
from territory.communes import Commune, validate_in_metropolis
from territory.fields import DateRangeMixin, photo_field
from territory.geo import haversine_km
from web.page_cache import CachedPageMixin

EVENT_FEATURES = ["bold", "italic", "ul", "link"]
MAX_RADIUS_METRES = 5000


# How long before an event starts shops near it show its notice.
NOTICE_LEAD_TIME = timedelta(days=7)


class EventPage(CachedPageMixin, DateRangeMixin, Page):
    class Kind(models.TextChoices):
        BRADERIE = "braderie", _("Braderie or flea market")
        MARKET = "market", _("Market")
        FESTIVAL = "festival", _("Festival or celebration")
        ROAD_WORKS = "road_works", _("Road works")
        OTHER = "other", _("Other event")

    class Area(models.TextChoices):
        PLACE = "place", _("At its place only")
        COMMUNE = "commune", _("The whole commune")
        RADIUS = "radius", _("A radius around its point")

    start_field = "starts_at"
    end_field = "ends_at"
    end_before_start_message = _(
        "The event ends before it starts: check the end date and time."
    )

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    summary = models.CharField(_("short description"), max_length=255)
    body = RichTextField(_("description"), features=EVENT_FEATURES, blank=True)
    image = photo_field()
    location_name = models.CharField(
        _("place"),
        max_length=150,
        blank=True,
        help_text=_("For example: Place de la Nouvelle Aventure"),
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    area = models.CharField(
        _("area concerned"), max_length=10, choices=Area.choices, default=Area.PLACE
    )
    radius_m = models.PositiveIntegerField(
        _("radius (metres)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(MAX_RADIUS_METRES)],
    )
    notice = models.CharField(
        _("notice for the shops of the area"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown on the pages of the shops inside the area, for example: "
            "“Market day: rue Gambetta closed 7:00-14:00”."
        ),
    )
    official_url = models.URLField(_("official website"), blank=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="events",
        editable=False,
        verbose_name=_("commune"),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("official_url")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("body"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("location_name"), FieldPanel("street_address")]
                ),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("area"), FieldPanel("radius_m")]),
                FieldPanel("notice"),
            ],
            heading=_("Area and notice"),
        ),
    ]
    base_form_class = EventPageForm
    parent_page_types = ["cms.CommunePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def save(self, *args, **kwargs):
        # Like shops: the commune is that of the page the event sits under.
        parent = self.get_parent()
        if parent is not None and hasattr(parent.specific, "commune_id"):
            self.commune_id = parent.specific.commune_id
        return super().save(*args, **kwargs)

    def clean(self):
        errors: dict[str, list] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        errors.update(self._place_errors())
        if errors:
            raise ValidationError(errors)

    def _place_errors(self) -> dict[str, list]:
        has_lat, has_lon = self.latitude is not None, self.longitude is not None
        if has_lat != has_lon:
            return {"latitude": [_("Give both the latitude and the longitude.")]}
        if self.area == self.Area.RADIUS and not has_lat:
            return {"latitude": [_("A radius needs a point: give its coordinates.")]}
        if self.area == self.Area.RADIUS and not self.radius_m:
            return {"radius_m": [_("Give the radius of the area, in metres.")]}
        if not has_lat:
            return {}
        try:
            found = validate_in_metropolis(
                latitude=self.latitude, longitude=self.longitude
            )
        except ValidationError as error:
            return error.update_error_dict({})
        commune = self._commune()
        if commune is not None and found.pk != commune.pk:
            message = _(
                "This point is in %(found)s, not in %(commune)s: an event of "
                "%(commune)s takes place in %(commune)s."
            ) % {"found": found.name, "commune": commune.name}
            return {"latitude": [message]}
        return {}

    def _commune(self) -> Commune | None:
        if self.commune_id:
            return self.commune
        parent = self.get_parent() if self.path else None
        return getattr(parent.specific, "commune", None) if parent else None

    @property
    def has_area(self) -> bool:
        return self.area != self.Area.PLACE

    @property
    def notice_text(self) -> str:
        return self.notice or self.summary

    @classmethod
    def notices_for_shops(
        cls, shops: Iterable, *, now: datetime | None = None
    ) -> dict[int, list["EventPage"]]:
        """For each shop id, the area events under way or starting within a week.

        Meant for lists too (search results): one query for the events, then plain
        arithmetic per shop.
        """
        now = now or timezone.now()
        events = list(
            cls.objects.live()
            .exclude(area=cls.Area.PLACE)
            .filter(ends_at__gte=now, starts_at__lte=now + NOTICE_LEAD_TIME)
            .order_by("starts_at", "pk")
        )
        return {
            shop.pk: [event for event in events if event.covers(shop)] for shop in shops
        }

    def covers(self, shop) -> bool:
        """Whether this event's area takes in ``shop`` (its commune or its radius)."""
        if self.area == self.Area.COMMUNE:
            return self.commune_id == shop.commune_id
        if self.area == self.Area.RADIUS and self.latitude is not None:
            distance = haversine_km(
                self.latitude, self.longitude, shop.latitude, shop.longitude
            )
            return distance * 1000 <= (self.radius_m or 0)
        return False
