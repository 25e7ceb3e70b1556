"""What the API publishes: only what merchants and staff publish, no personal data.

A shop's email, its owner and its revisions stay out; SIRET numbers are public
business identifiers (the State's own SIRENE open data publishes them).
"""

from django.utils import timezone

from wagtail.rich_text import expand_db_html

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.models import Commune, EventPage, PointOfInterestPage
from opendata.links import page_public_url
from opendata.places import place_commune
from shops.models import Category, Product, ShopPage, Wheelchair


class PageUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page_public_url(page, self.context.get("root_path"))


PageUrlField = extend_schema_field(OpenApiTypes.URI)(PageUrlField)


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class OptionalUrlField(serializers.CharField):
    """A web address, or null when none is given (never an empty string)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


class OptionalChoiceField(serializers.ChoiceField):
    """One of the choices, or null when none is set (never an empty string)."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


class LocalDateField(serializers.DateField):
    """A stored moment given as its day in Europe/Paris."""

    def to_representation(self, value):
        return None if value is None else timezone.localtime(value).date().isoformat()


class ShopSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="title")
    url = PageUrlField(help_text="The shop's public page.")
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    osm_tag = serializers.CharField(
        source="category.osm_tag", help_text="OpenStreetMap tag, e.g. shop=bakery"
    )
    other_categories = serializers.SlugRelatedField(
        source="secondary_categories", slug_field="slug", many=True, read_only=True
    )
    commune = serializers.CharField(source="commune.insee_code", help_text="INSEE code")
    commune_name = serializers.CharField(source="commune.name")
    description_html = serializers.SerializerMethodField()
    hours_checked_on = LocalDateField(
        source="hours_confirmed_at",
        allow_null=True,
        help_text="When the merchant last confirmed the hours (check_date).",
    )
    verified_on = LocalDateField(
        source="verified_at",
        allow_null=True,
        help_text="When the commune's staff verified the listing, if they did.",
    )
    claimed = serializers.BooleanField(
        source="is_claimed",
        help_text="False for a listing imported from open data that no merchant "
        "has claimed yet.",
    )
    wheelchair = OptionalChoiceField(Wheelchair.choices)
    website = OptionalUrlField()
    facebook_url = OptionalUrlField()
    instagram_url = OptionalUrlField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)

    class Meta:
        model = ShopPage
        fields = [
            "id",
            "name",
            "url",
            "category",
            "osm_tag",
            "other_categories",
            "pitch",
            "description_html",
            "street_address",
            "postal_code",
            "commune",
            "commune_name",
            "latitude",
            "longitude",
            "opening_hours",
            "hours_checked_on",
            "phone",
            "website",
            "facebook_url",
            "instagram_url",
            "siret",
            "offers_click_and_collect",
            "offers_delivery",
            "by_appointment_only",
            "wheelchair",
            "languages",
            "payment_methods",
            "verified_on",
            "claimed",
            "source",
            "osm_id",
            "updated_at",
        ]
        read_only_fields = fields

    def get_description_html(self, shop) -> str:
        return expand_db_html(shop.description) if shop.description else ""


class ProductSerializer(serializers.ModelSerializer):
    availability = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "id",
            "shop",
            "name",
            "description",
            "price_cents",
            "currency",
            "unit",
            "availability",
            "available_for_click_and_collect",
        ]
        read_only_fields = fields

    def get_availability(self, product) -> str:
        """``in_stock``, ``out_of_stock`` or ``made_to_order`` (no stock kept)."""
        if product.stock is None:
            return "made_to_order"
        return "in_stock" if product.stock > 0 else "out_of_stock"


class PlaceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="title")
    url = PageUrlField()
    commune = serializers.SerializerMethodField(help_text="INSEE code")
    official_url = OptionalUrlField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)

    class Meta:
        model = PointOfInterestPage
        fields = [
            "id",
            "name",
            "url",
            "kind",
            "summary",
            "period",
            "street_address",
            "postal_code",
            "commune",
            "latitude",
            "longitude",
            "opening_hours",
            "is_free",
            "price_note",
            "official_url",
            "image_credit",
            "updated_at",
        ]
        read_only_fields = fields

    def get_commune(self, place) -> str | None:
        commune = place_commune(place, self.context["communes_by_path"])
        return commune.insee_code if commune else None


class EventSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="title")
    url = PageUrlField()
    commune = serializers.SlugRelatedField(
        slug_field="insee_code", read_only=True, help_text="INSEE code"
    )
    official_url = OptionalUrlField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)

    class Meta:
        model = EventPage
        fields = [
            "id",
            "name",
            "url",
            "kind",
            "summary",
            "starts_at",
            "ends_at",
            "location_name",
            "street_address",
            "commune",
            "latitude",
            "longitude",
            "area",
            "radius_m",
            "notice",
            "official_url",
            "updated_at",
        ]
        read_only_fields = fields


class TownHallSerializer(serializers.Serializer):
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    address = serializers.CharField(source="town_hall_address")


class CommuneSerializer(serializers.ModelSerializer):
    town_hall = TownHallSerializer(source="*")
    website = OptionalUrlField()

    class Meta:
        model = Commune
        fields = [
            "insee_code",
            "name",
            "slug",
            "postal_codes",
            "population",
            "town_hall",
            "website",
        ]
        read_only_fields = fields


class CommuneDetailSerializer(CommuneSerializer):
    outline = serializers.JSONField(
        help_text="Simplified outline, a GeoJSON Polygon or MultiPolygon."
    )

    class Meta(CommuneSerializer.Meta):
        fields = [*CommuneSerializer.Meta.fields, "outline"]
        read_only_fields = fields


class CategorySerializer(serializers.ModelSerializer):
    osm_tag = serializers.CharField()

    class Meta:
        model = Category
        fields = [
            "slug",
            "osm_key",
            "osm_value",
            "osm_tag",
            "family",
            "name_fr",
            "name_en",
            "name_nl",
        ]
        read_only_fields = fields
