"""Query parameters shared by the API's collections: commune, category, bbox, since."""

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


class BBoxField(forms.CharField):
    """``min_lon,min_lat,max_lon,max_lat`` in WGS84 degrees, as in GeoJSON."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            west, south, east, north = (float(part) for part in value.split(","))
        except ValueError:
            raise ValidationError(
                _(
                    "Give four numbers separated by commas: min longitude, min "
                    "latitude, max longitude, max latitude (e.g. 3.0,50.6,3.1,50.7)."
                )
            ) from None
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise ValidationError(
                _(
                    "The box must have longitudes between -180 and 180, latitudes "
                    "between -90 and 90, and its minimums below its maximums."
                )
            )
        return west, south, east, north


@extend_schema_field(
    {
        "type": "string",
        "description": "Bounding box: min_lon,min_lat,max_lon,max_lat (WGS84)",
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


class ShopFilter(django_filters.FilterSet):
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


class ProductFilter(django_filters.FilterSet):
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


class PlaceFilter(django_filters.FilterSet):
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


class EventFilter(django_filters.FilterSet):
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
