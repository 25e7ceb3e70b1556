"""Query parameters shared by the API's collections: commune, category, bbox, since."""

import re
from datetime import UTC

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from cms.models import EventPage, PointOfInterestPage
from shops.models import Product, ShopPage

NUMBER = r"-?[0-9]+(\.[0-9]+)?"
BBOX_PATTERN = re.compile(f"{NUMBER},{NUMBER},{NUMBER},{NUMBER}")


class BBoxField(forms.CharField):
    """``min_lon,min_lat,max_lon,max_lat`` in WGS84 degrees, as in GeoJSON."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if not BBOX_PATTERN.fullmatch(value):
            raise ValidationError(
                _(
                    "Give four numbers separated by commas: min longitude, min "
                    "latitude, max longitude, max latitude (e.g. 3.0,50.6,3.1,50.7)."
                )
            )
        west, south, east, north = (float(part) for part in value.split(","))
        # Corners given in any order, or beyond the world's edges, still make a box:
        # it is read as the part of the world it covers.
        west, east = sorted(max(-180.0, min(180.0, lon)) for lon in (west, east))
        south, north = sorted(max(-90.0, min(90.0, lat)) for lat in (south, north))
        return west, south, east, north


@extend_schema_field(
    {
        "type": "string",
        "description": (
            "Bounding box: min_lon,min_lat,max_lon,max_lat (WGS84); corners in "
            "any order, values beyond the world's edges are brought back to them"
        ),
        "pattern": f"^{BBOX_PATTERN.pattern}$",
        "example": "3.0,50.6,3.1,50.7",
    }
)
class BBoxFilter(django_filters.Filter):
    field_class = BBoxField

    def filter(self, queryset, value):
        if not value:
            return queryset
        west, south, east, north = value
        return queryset.filter(
            longitude__gte=west,
            longitude__lte=east,
            latitude__gte=south,
            latitude__lte=north,
        )


MAX_ID = 2**63 - 1  # the largest id a database column holds


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def _bbox():
    return BBoxFilter(
        label=_("Bounding box: min_lon,min_lat,max_lon,max_lat (WGS84 degrees)")
    )


def _commune(field_name: str = "commune__insee_code"):
    return django_filters.CharFilter(
        field_name=field_name, label=_("INSEE code of the commune (e.g. 59350)")
    )


class SinceField(IsoDateTimeField):
    """An ISO 8601 moment, turned into UTC (databases refuse odd offsets)."""

    def clean(self, value):
        value = super().clean(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValidationError(
                _("Give a moment between the years 1 and 9999.")
            ) from None


class SinceFilter(django_filters.IsoDateTimeFilter):
    field_class = SinceField


def _since(method: str | None = None, field_name: str = "last_published_at"):
    return SinceFilter(
        field_name=field_name,
        lookup_expr="gte",
        method=method,
        label=_("Only what changed at or after this time (ISO 8601)"),
    )


TYPED_FILTERS = (
    BBoxFilter,
    django_filters.NumberFilter,
    django_filters.BooleanFilter,
    django_filters.ChoiceFilter,
    django_filters.IsoDateTimeFilter,
)


class StrictFilterSet(django_filters.FilterSet):
    """A typed parameter sent empty or unreadable (``?claimed=null``) is an error.

    The published schema gives these parameters a type (a date-time, an integer, a
    boolean, one of some kinds), which an empty value is not: answering 400 keeps
    the API and its documentation saying the same thing.
    """

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, query_filter in self.filters.items():
            if not isinstance(query_filter, TYPED_FILTERS) or name not in self.data:
                continue
            # Forms read an empty or unknown value ("claimed=null") as "not given",
            # and Django's boolean widget takes "2" or "True" as well.
            unreadable = self.form.cleaned_data.get(name) in (None, "") or (
                isinstance(query_filter, django_filters.BooleanFilter)
                and self.data.get(name) not in ("true", "false")
            )
            if unreadable and name not in self.form.errors:
                self.form.add_error(
                    name, _("Give a valid value for this parameter, or leave it out.")
                )
                valid = False
        return valid


class ShopFilter(StrictFilterSet):
    commune = _commune()
    category = django_filters.CharFilter(
        method="filter_category",
        label=_("Category slug (main or other categories of the shop)"),
    )
    bbox = _bbox()
    updated_since = _since(method="filter_updated_since")
    claimed = django_filters.BooleanFilter(
        field_name="is_claimed",
        label=_("true: listings kept by their merchant; false: imported, unclaimed"),
    )

    class Meta:
        model = ShopPage
        fields = []

    def filter_category(self, queryset, name, value):
        return queryset.filter(
            Q(category__slug=value) | Q(secondary_categories__slug=value)
        ).distinct()

    def filter_updated_since(self, queryset, name, value):
        # Confirming the hours changes the export's check date without a new
        # publication; a client syncing changes needs both.
        return queryset.filter(
            Q(last_published_at__gte=value) | Q(hours_confirmed_at__gte=value)
        )


class ProductFilter(StrictFilterSet):
    shop = IdFilter(
        field_name="shop_id", label=_("Shop id"), min_value=1, max_value=MAX_ID
    )
    commune = _commune("shop__commune__insee_code")
    category = django_filters.CharFilter(
        field_name="shop__category__slug", label=_("Category slug of the shop")
    )
    updated_since = _since(field_name="shop__last_published_at")

    class Meta:
        model = Product
        fields = []


class PlaceFilter(StrictFilterSet):
    commune = django_filters.CharFilter(
        method="filter_commune", label=_("INSEE code of the commune (e.g. 59350)")
    )
    kind = django_filters.ChoiceFilter(
        choices=PointOfInterestPage.Kind.choices, label=_("Kind of place")
    )
    bbox = _bbox()
    updated_since = _since()

    class Meta:
        model = PointOfInterestPage
        fields = []

    def filter_commune(self, queryset, name, value):
        from cms.models import CommunePage

        parent = CommunePage.objects.filter(commune__insee_code=value).first()
        if parent is None:
            return queryset.none()
        return queryset.child_of(parent)


class EventFilter(StrictFilterSet):
    commune = _commune()
    kind = django_filters.ChoiceFilter(
        choices=EventPage.Kind.choices, label=_("Kind of event")
    )
    bbox = _bbox()
    updated_since = _since()
    ends_after = SinceFilter(
        field_name="ends_at",
        lookup_expr="gte",
        label=_("Only events not over at this time (ISO 8601), e.g. now"),
    )

    class Meta:
        model = EventPage
        fields = []
