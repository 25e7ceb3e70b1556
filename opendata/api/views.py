"""The read-only resources of ``/api/v1/``: thin viewsets over selectors' querysets.

Every successful GET carries an ETag (a hash of the body) and, where the items
have a publication date, a Last-Modified; a client sending them back gets 304.
Answers are kept in the shared cache for a minute under the version of their
dataset (the one the export files use), so a publication shows at once and the
same page asked by many clients is serialised once. Quotas are counted before.
"""

import hashlib

from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from cms.models import Commune, EventPage, PointOfInterestPage
from opendata.api import serializers
from opendata.api.filters import (
    EventFilter,
    PlaceFilter,
    ProductFilter,
    ShopFilter,
)
from opendata.datasets import DATASETS
from opendata.links import site_root_path
from opendata.places import communes_by_page_path
from shops.models import Category, Product, ShopPage

CACHE_SECONDS = 60
ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH)
REFERENCE_DATA = "reference"  # communes and categories change with a deployment


class ConditionalViewSet(viewsets.ReadOnlyModelViewSet):
    """ETag / Last-Modified on every 200, 304 when the client's copy is current."""

    updated_field: str | None = None
    dataset: str = REFERENCE_DATA
    _last_modified = None
    # Ids: digits that fit a database column; anything else is the API's JSON 404.
    lookup_value_regex = r"[0-9]{1,18}"

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

    def _cached(self, request, compute):
        version = (
            DATASETS[self.dataset].version()
            if self.dataset in DATASETS
            else REFERENCE_DATA
        )
        address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"api-v1:{version}:{address}"
        hit = cache.get(key)
        if hit is not None:
            data, self._last_modified = hit
            return Response(data)
        response = compute()
        if response.status_code == 200:
            cache.set(key, (response.data, self._last_modified), CACHE_SECONDS)
        return response

    def list(self, request, *args, **kwargs):
        return self._cached(
            request,
            lambda: super(ConditionalViewSet, self).list(request, *args, **kwargs),
        )

    def retrieve(self, request, *args, **kwargs):
        return self._cached(
            request,
            lambda: super(ConditionalViewSet, self).retrieve(request, *args, **kwargs),
        )

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
    retrieve=extend_schema(
        summary="One published shop", tags=["shops"], parameters=[ID_PARAMETER]
    ),
)
class ShopViewSet(ConditionalViewSet):
    """Published shops and craftworkers, with OpenStreetMap categories and hours.

    Listings imported from open data that no merchant has claimed yet have
    "claimed": false. Contact emails and merchants' accounts are never published.
    """

    serializer_class = serializers.ShopSerializer
    filterset_class = ShopFilter
    updated_field = "last_published_at"
    dataset = "shops"

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
    retrieve=extend_schema(
        summary="One active product", tags=["products"], parameters=[ID_PARAMETER]
    ),
)
class ProductViewSet(ConditionalViewSet):
    """Products that merchants show as active on a published shop; prices in cents."""

    serializer_class = serializers.ProductSerializer
    filterset_class = ProductFilter
    dataset = "shops"  # products change with their shop's publication

    def get_queryset(self):
        return Product.objects.filter(active=True, shop__live=True)


@extend_schema_view(
    list=extend_schema(summary="List points of interest", tags=["places"]),
    retrieve=extend_schema(
        summary="One point of interest", tags=["places"], parameters=[ID_PARAMETER]
    ),
)
class PlaceViewSet(ConditionalViewSet):
    """Cultural and historical places curated by the communes' staff."""

    serializer_class = serializers.PlaceSerializer
    filterset_class = PlaceFilter
    updated_field = "last_published_at"
    dataset = "points-of-interest"

    def get_queryset(self):
        return PointOfInterestPage.objects.live()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["communes_by_path"] = communes_by_page_path()
        return context


@extend_schema_view(
    list=extend_schema(summary="List local events", tags=["events"]),
    retrieve=extend_schema(
        summary="One local event", tags=["events"], parameters=[ID_PARAMETER]
    ),
)
class EventViewSet(ConditionalViewSet):
    """Braderies, markets, festivals and road works published by the communes."""

    serializer_class = serializers.EventSerializer
    filterset_class = EventFilter
    updated_field = "last_published_at"
    dataset = "events"

    def get_queryset(self):
        return EventPage.objects.live().select_related("commune").order_by("pk")


@extend_schema_view(
    list=extend_schema(summary="List the 95 communes", tags=["communes"]),
    retrieve=extend_schema(summary="One commune, with its outline", tags=["communes"]),
)
class CommuneViewSet(ConditionalViewSet):
    """The 95 communes of the metropolis, by INSEE code, with their town hall."""

    queryset = Commune.objects.all()
    lookup_field = "insee_code"
    lookup_value_regex = r"[^/\x00]+"  # anything but a slash or a NUL
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
    lookup_value_regex = r"[^/\x00]+"
    pagination_class = None
