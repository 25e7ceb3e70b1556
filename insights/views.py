"""Public endpoints: the counting beacon, the outbound-link redirect, ``/stats/``.

The beacon is a one-pixel image in the page's HTML, so it is requested even when
the page itself came from the page cache, and works without JavaScript; it costs
the visitor a tiny request and the server a few cache operations.
"""

import base64

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from insights.models import Measure
from insights.recording import page_hit_record
from insights.selectors import public_stats
from shops.models import ShopPage

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
BEACON_MEASURES = {Measure.VIEW}
# Where each outbound link leads, from the shop's own fields.
OUTBOUND = {
    Measure.PHONE: lambda shop: (
        f"tel:{shop.phone.replace(' ', '')}" if shop.phone else ""
    ),
    Measure.WEBSITE: lambda shop: shop.website,
    Measure.DIRECTIONS: lambda shop: (
        "https://www.openstreetmap.org/directions?to="
        f"{shop.latitude:.5f}%2C{shop.longitude:.5f}"
    ),
}


@never_cache
@require_GET
def hit_view(request, measure: str, page_id: int):
    if measure not in BEACON_MEASURES:
        raise Http404
    page_hit_record(request, measure=measure, page_id=page_id)
    return HttpResponse(PIXEL, content_type="image/gif")


class _RedirectAnywhere(HttpResponseRedirect):
    # tel: is a scheme browsers follow from a redirect to open the phone's dialler.
    allowed_schemes = ["http", "https", "tel"]


@never_cache
@require_GET
def outbound_view(request, page_id: int, measure: str):
    """Count a click on a shop's phone, website or directions link, then follow it."""
    if measure not in OUTBOUND:
        raise Http404
    shop = get_object_or_404(ShopPage.objects.live(), pk=page_id)
    target = OUTBOUND[measure](shop)
    if not target:
        raise Http404
    page_hit_record(request, measure=measure, page_id=page_id)
    return _RedirectAnywhere(target)


@require_GET
@cache_control(public=True, max_age=300)
def stats_page(request):
    return render(request, "insights/stats.html", {"stats": public_stats()})


@extend_schema(
    summary="The directory's own figures",
    description=(
        "Shops and communes covered, verified and fresh shares, orders per month "
        "(last 12 months), open-data downloads and API calls and the most searched "
        "words (searched at least 5 times) of the last 30 days."
    ),
    responses=inline_serializer(
        "Stats",
        {
            "period": inline_serializer(
                "StatsPeriod",
                {"start": serializers.DateField(), "end": serializers.DateField()},
            ),
            "shops": serializers.IntegerField(),
            "communes_covered": serializers.IntegerField(),
            "communes_total": serializers.IntegerField(),
            "verified_percent": serializers.IntegerField(),
            "fresh_percent": serializers.IntegerField(),
            "orders_per_month": inline_serializer(
                "StatsMonth",
                {
                    "month": serializers.CharField(),
                    "orders": serializers.IntegerField(),
                },
                many=True,
            ),
            "open_data_downloads": serializers.IntegerField(),
            "api_calls": serializers.IntegerField(),
            "top_searches": inline_serializer(
                "StatsSearch",
                {
                    "words": serializers.CharField(),
                    "searches": serializers.IntegerField(),
                },
                many=True,
            ),
        },
    ),
)
@api_view(["GET"])
def stats_api(request):
    return Response(public_stats())
