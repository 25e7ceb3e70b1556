"""What every place on the map shares: an address, a point in the metropolis, hours."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from territory.communes import validate_in_metropolis
from territory.fields import DateRangeMixin, native_date_input
from territory.hours import hours_normalise, hours_status, hours_validate, hours_week

OSM_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def _osm_date(day: date) -> str:
    return f"{day.year} {OSM_MONTHS[day.month - 1]} {day.day:02d}"


# Where ``Place._closures`` keeps a page's closures once read.
CLOSURES_READ = "_closures_read"


def closures_read_together(pages: Iterable[models.Model]) -> None:
    """Read the closures of many pages with one query per page type.

    Lists (search results, a commune's shops, highlights) show every row's open
    status and closure notice. ``prefetch_related("closures")`` does that too, but
    through modelcluster's relation manager, which cost about as much as reading
    the pages themselves (2 ms of the 4.5 ms it took to read twenty search rows);
    a plain query, its rows kept where ``Place._closures`` looks, does not. Pages
    without closures, or whose closures are read already, are left alone.
    """
    by_type: dict[type, dict[int, models.Model]] = {}
    for page in pages:
        if hasattr(type(page), "closures") and CLOSURES_READ not in page.__dict__:
            by_type.setdefault(type(page), {})[page.pk] = page
    for page_type, by_id in by_type.items():
        relation = page_type._meta.get_field("closures")
        found: dict[int, list] = {pk: [] for pk in by_id}
        rows = relation.related_model.objects.filter(
            **{f"{relation.field.name}__in": list(by_id)}
        )
        for closure in rows:
            found[getattr(closure, relation.field.attname)].append(closure)
        for pk, page in by_id.items():
            page.__dict__[CLOSURES_READ] = found[pk]


class Place(models.Model):
    """A page with a point on the map and, optionally, hours and closures.

    Subclasses that have exceptional closures name them ``closures`` (an inline of
    rows with ``start_date``, ``end_date`` and ``reason``).
    """

    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    opening_hours = models.CharField(
        _("opening hours (OpenStreetMap format)"),
        max_length=255,
        blank=True,
        help_text=_(
            "For example: Tu-Sa 09:00-12:30,14:00-19:00; Su 09:00-12:00; PH off"
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.opening_hours:
            self.opening_hours = hours_normalise(self.opening_hours)
            try:
                hours_validate(self.opening_hours)
            except ValidationError as error:
                errors["opening_hours"] = error.messages
        try:
            validate_in_metropolis(latitude=self.latitude, longitude=self.longitude)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def _closures(self) -> list:
        """The page's closures, read once per page object.

        A page is rendered from a fresh object each request; the hours status,
        the week's table, the closure notice and the page cache's expiry all read
        the closures, which would otherwise cost one query each.
        """
        if not hasattr(self, "closures"):
            return []
        if CLOSURES_READ not in self.__dict__:
            self.__dict__[CLOSURES_READ] = list(self.closures.all())
        return self.__dict__[CLOSURES_READ]

    @property
    def effective_opening_hours(self) -> str:
        """The weekly hours followed by one ``off`` rule per exceptional closure.

        In OSM syntax a later rule overrides earlier ones for its dates, so "open
        now" and the week's table honour closures through the same parser.
        """
        if not self.opening_hours:
            return ""
        rules = [self.opening_hours]
        for closure in self._closures():
            rules.append(
                f"{_osm_date(closure.start_date)}-{_osm_date(closure.end_date)} off"
            )
        return "; ".join(rules)

    def hours_status(self):
        return hours_status(self.effective_opening_hours)

    def hours_week(self):
        return hours_week(self.effective_opening_hours)

    def current_closure(self, today: date | None = None):
        """The next closure (under way or to come), announced from the day it is
        published so that residents can plan around it."""
        today = today or timezone.localdate()
        upcoming = [
            closure for closure in self._closures() if closure.end_date >= today
        ]
        return min(upcoming, key=lambda closure: closure.start_date, default=None)


# Shared by every Place page type so the editing form reads the same everywhere.
LOCATION_PANEL = MultiFieldPanel(
    [
        FieldRowPanel([FieldPanel("street_address"), FieldPanel("postal_code")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ],
    heading=_("Location"),
)


class Closure(DateRangeMixin, Orderable):
    """Days a place or a shop is closed; each kind adds the key to its page."""

    start_date = models.DateField(_("first day closed"))
    end_date = models.DateField(_("last day closed"))
    reason = models.CharField(_("reason"), max_length=140, blank=True)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("start_date", widget=native_date_input()),
                FieldPanel("end_date", widget=native_date_input()),
            ]
        ),
        FieldPanel(
            "reason",
            heading=_("Note for visitors (optional)"),
            help_text=_("For example: summer holidays, works, inventory."),
        ),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("exceptional closure")
        verbose_name_plural = _("exceptional closures")
