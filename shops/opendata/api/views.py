"""The read-only resources of ``/api/v1/``: thin viewsets over selectors' querysets.

Every successful GET carries an ETag (a hash of the body) and, where the items
have a publication date, a Last-Modified; a client sending them back gets 304.
"""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from cms.models import Commune, PointOfInterestPage
from shops.models import Category, Product, ShopPage
from shops.opendata.api import serializers
from shops.opendata.api.filters import PlaceFilter, ProductFilter, ShopFilter
from shops.opendata.links import site_root_path
from shops.opendata.places import communes_by_page_path

CACHE_SECONDS = 60


class ConditionalViewSet(viewsets.ReadOnlyModelViewSet):
    """ETag / Last-Modified on every 200, 304 when the client's copy is current."""

    updated_field: str | None = None
    _last_modified = None
    # Anything but a slash or a NUL (which PostgreSQL refuses in text).
    lookup_value_regex = r"[^/\x00]+"

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["root_path"] = site_root_path()
        return context

    def _note_updated(self, objects) -> None:
        if not self.updated_field:
            return
        stamps = [getattr(obj, self.updated_field) for obj in objects]
        stamps = [stamp for stamp in stamps if stamp is not None]
        if stamps:
            self._last_modified = max(stamps)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._note_updated(page or [])
        return page

    def get_object(self):
        obj = super().get_object()
        self._note_updated([obj])
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        last_modified = None
        if self._last_modified is not None:
            last_modified = int(self._last_modified.timestamp())
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


@extend_schema_view(
    list=extend_schema(summary="List published shops", tags=["shops"]),
    retrieve=extend_schema(summary="One published shop", tags=["shops"]),
)
class ShopViewSet(ConditionalViewSet):
    """Published shops and craftworkers, with OpenStreetMap categories and hours.

    Listings imported from open data that no merchant has claimed yet have
    ``claimed: false``. Contact emails and merchants' accounts are never published.
    """

    serializer_class = serializers.ShopSerializer
    filterset_class = ShopFilter
    updated_field = "last_published_at"

    def get_queryset(self):
        return (
            ShopPage.objects.live()
            .select_related("category", "commune")
            .prefetch_related("secondary_categories")
        )


@extend_schema_view(
    list=extend_schema(
        summary="List active products of published shops", tags=["products"]
    ),
    retrieve=extend_schema(summary="One active product", tags=["products"]),
)
class ProductViewSet(ConditionalViewSet):
    """Products that merchants show as active on a published shop; prices in cents."""

    serializer_class = serializers.ProductSerializer
    filterset_class = ProductFilter

    def get_queryset(self):
        return Product.objects.filter(active=True, shop__live=True)


@extend_schema_view(
    list=extend_schema(summary="List points of interest", tags=["places"]),
    retrieve=extend_schema(summary="One point of interest", tags=["places"]),
)
class PlaceViewSet(ConditionalViewSet):
    """Cultural and historical places curated by the communes' staff."""

    serializer_class = serializers.PlaceSerializer
    filterset_class = PlaceFilter
    updated_field = "last_published_at"

    def get_queryset(self):
        return PointOfInterestPage.objects.live()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["communes_by_path"] = communes_by_page_path()
        return context


@extend_schema_view(
    list=extend_schema(summary="List the 95 communes", tags=["communes"]),
    retrieve=extend_schema(summary="One commune, with its outline", tags=["communes"]),
)
class CommuneViewSet(ConditionalViewSet):
    """The 95 communes of the metropolis, by INSEE code, with their town hall."""

    queryset = Commune.objects.all()
    lookup_field = "insee_code"
    pagination_class = None

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.CommuneDetailSerializer
        return serializers.CommuneSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List the shop and craft categories", tags=["categories"]
    ),
    retrieve=extend_schema(summary="One category", tags=["categories"]),
)
class CategoryViewSet(ConditionalViewSet):
    """Shop and craft categories, named after OpenStreetMap tags, in three languages."""

    queryset = Category.objects.order_by("slug")
    serializer_class = serializers.CategorySerializer
    lookup_field = "slug"
    pagination_class = None
