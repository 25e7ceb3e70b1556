"""The JSON search API: the same parameters and selectors as the HTML page."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from search.gazetteer import Place, places_matching
from search.pacing import paced
from search.params import clean_text, search_params_parse
from search.selectors import (
    UNAVAILABLE,
    categories_suggest,
    shops_clusters,
    shops_search,
    shops_suggest,
)

MIN_ZOOM, MAX_ZOOM = 1, 20


def _json(body: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _engine_down() -> JsonResponse:
    return _json(
        {
            "errors": [
                gettext("Search is unavailable for a moment. Please try again soon.")
            ]
        },
        status=503,
    )


def _shop(
    request, shop, distance_km: float | None, highlights: list[str] | None = None
) -> dict:
    status = shop.hours_status()
    return {
        "id": shop.pk,
        "name": shop.title,
        "category": {"slug": shop.category.slug, "name": shop.category.name},
        "commune": {"insee": shop.commune.insee_code, "name": shop.commune.name},
        "address": ", ".join(
            filter(
                None,
                [
                    shop.street_address,
                    f"{shop.postal_code} {shop.commune.name}".strip(),
                ],
            )
        ),
        "coordinates": {"lat": shop.latitude, "lon": shop.longitude},
        "distance_km": round(distance_km, 2) if distance_km is not None else None,
        "url": request.build_absolute_uri(shop.get_url(request)),
        "open_now": status.is_open if status else None,
        "next_change": (
            status.next_change.isoformat() if status and status.next_change else None
        ),
        "highlights": {"products": highlights or []},
    }


def _place(place: Place | None) -> dict | None:
    """The place a "where" was understood as, so a client can say it back."""
    if place is None:
        return None
    return {
        "name": place.name,
        "label": place.label,
        "kind": place.kind,
        "commune": place.commune,
        "coordinates": {"lat": round(place.lat, 6), "lon": round(place.lon, 6)},
        "radius_km": place.radius_km,
    }


@require_GET
@paced(rates="SEARCH_RATES", json=True)
def search_api(request):
    params, errors = search_params_parse(request.GET)
    if errors:
        return _json({"errors": errors}, status=400)
    results = shops_search(params=params)
    return _json(
        {
            "results": [
                _shop(request, shop, distance, results.highlights.get(shop.pk))
                for shop, distance in results.rows
            ],
            "count": results.total,
            "page": results.page,
            # True while the engine is away: a database answer without facets,
            # distances or opening filters.
            "degraded": not results.engine_available,
            "understood": list(params.understood),
            "place": _place(params.place),
            "facets": {
                "commune": [
                    {"key": key, "count": count}
                    for key, count in results.facets.get("commune", [])
                ],
                "category": [
                    {"key": key, "count": count}
                    for key, count in results.facets.get("category", [])
                ],
                "click_and_collect": results.click_and_collect_count,
                "open_now": results.open_now_count,
            },
        }
    )


@require_GET
@paced(rates="SEARCH_SUGGEST_RATES", json=True)
def suggest_api(request):
    text = clean_text(request.GET.get("q", ""))
    try:
        suggestions = shops_suggest(text=text)
    except UNAVAILABLE:
        return _engine_down()
    search_url = reverse("search:shops")
    return _json(
        {
            "categories": [
                {
                    "name": category.name,
                    "url": request.build_absolute_uri(
                        f"{search_url}?category={category.slug}"
                    ),
                }
                for category in categories_suggest(text=text)
            ],
            "suggestions": [
                {
                    "name": shop.title,
                    "url": request.build_absolute_uri(shop.get_url(request)),
                    "category": shop.category.name,
                    "product": product,
                }
                for shop, product in suggestions
            ],
        }
    )


@require_GET
@paced(rates="SEARCH_SUGGEST_RATES", json=True)
def places_api(request):
    """Places whose name starts like ``q``: the "where" box's suggestions."""
    places = places_matching(clean_text(request.GET.get("q", "")))
    return _json({"places": [_place(place) for place in places]})


@require_GET
@paced(rates="SEARCH_RATES", json=True)
def clusters_api(request):
    """The search's results counted by map cell: ``zoom`` (1-20) and ``bbox``."""
    params, errors = search_params_parse(request.GET)
    try:
        zoom = int(request.GET.get("zoom", ""))
    except ValueError:
        zoom = None
    if zoom is None or not MIN_ZOOM <= zoom <= MAX_ZOOM:
        errors = [
            *errors,
            gettext("The zoom is a whole number from %(min)d to %(max)d.")
            % {"min": MIN_ZOOM, "max": MAX_ZOOM},
        ]
    if errors:
        return _json({"errors": errors}, status=400)
    try:
        clusters = shops_clusters(params=params, zoom=zoom)
    except UNAVAILABLE:
        return _engine_down()
    return _json(
        {
            "clusters": [
                {
                    "lat": round(cluster.lat, 5),
                    "lon": round(cluster.lon, 5),
                    "count": cluster.count,
                    "cell": cluster.cell,
                }
                for cluster in clusters
            ]
        }
    )
