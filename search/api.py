"""The JSON search API: the same parameters and selectors as the HTML page."""

from django.http import JsonResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from search.engine import ENGINE_ERRORS
from search.params import clean_text, search_params_parse
from search.selectors import shops_search, shops_suggest


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


def _shop(request, shop, distance_km: float | None) -> dict:
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
    }


@require_GET
def search_api(request):
    params, errors = search_params_parse(request.GET)
    if errors:
        return _json({"errors": errors}, status=400)
    results = shops_search(params=params)
    if not results.engine_available:
        return _engine_down()
    return _json(
        {
            "results": [
                _shop(request, shop, distance) for shop, distance in results.rows
            ],
            "count": results.total,
            "page": results.page,
            "facets": {
                "commune": [
                    {"key": key, "count": count}
                    for key, count in results.facets["commune"]
                ],
                "category": [
                    {"key": key, "count": count}
                    for key, count in results.facets["category"]
                ],
                "click_and_collect": results.click_and_collect_count,
            },
        }
    )


@require_GET
def suggest_api(request):
    try:
        shops = shops_suggest(text=clean_text(request.GET.get("q", "")))
    except ENGINE_ERRORS:
        return _engine_down()
    return _json(
        {
            "suggestions": [
                {
                    "name": shop.title,
                    "url": request.build_absolute_uri(shop.get_url(request)),
                    "category": shop.category.name,
                }
                for shop in shops
            ]
        }
    )
