"""The search page: a plain, complete list; the map enhances it with JavaScript."""

from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from search.chips import active_filters
from search.measurement import results_shown
from search.pacing import paced
from search.params import OPEN_AT_DAYS, SearchParams, clean_text, search_params_parse
from search.selectors import SearchPage, ShopResults, search_page_results
from shops.models.categories import Family
from territory.communes import Commune
from territory.hours import PARIS

# "Open now" is read as a moment a few seconds old by the time the page renders.
ASKED_NOW = timedelta(minutes=2)


@dataclass(frozen=True)
class FacetOption:
    key: str
    label: str
    count: int | None
    checked: bool


def _options(
    results: ShopResults, facet: str, selected: tuple[str, ...]
) -> list[FacetOption]:
    """Checkboxes for a facet; a chosen value stays listed even with no count."""
    labels = results.labels.get(facet, {})
    counts = dict(results.facets.get(facet, []))
    keys = [key for key in selected if key not in counts]
    keys += [key for key, _count in results.facets.get(facet, [])]
    return [
        FacetOption(key, labels.get(key, key), counts.get(key), key in selected)
        for key in keys
    ]


def _open_days() -> list:
    today = timezone.now().astimezone(PARIS).date()
    return [today + timedelta(days=offset) for offset in range(OPEN_AT_DAYS + 1)]


def _asked_moment(params: SearchParams):
    """The day (or moment) the search asked about, for the cards to answer it;
    None for "open now", which the cards' usual status already answers."""
    if params.open_on:
        return params.open_on
    if params.open_at and abs(params.open_at - timezone.now()) > ASKED_NOW:
        return params.open_at
    return None


def _home_communes(request) -> tuple[str, ...]:
    """The signed-in resident's communes, which lead their results.

    Residents sit above search in the layers: ``SEARCH_HOME_COMMUNES`` names the
    function that knows them instead of an import. Anonymous visitors cost nothing.
    """
    if not request.user.is_authenticated:
        return ()
    return tuple(import_string(settings.SEARCH_HOME_COMMUNES)(request.user))


@require_GET
@paced(rates="SEARCH_RATES")
def search_page(request):
    params, errors = search_params_parse(request.GET, lenient_page=True)
    if not errors and not params.communes:
        params = replace(params, home_communes=_home_communes(request))
    if errors:
        found, status = SearchPage(results=ShopResults()), 400
        params = SearchParams()
    else:
        found, status = search_page_results(params), 200
    results = found.results
    # Pagination links keep every filter and change only the page.
    kept = request.GET.copy()
    kept.pop("page", None)
    context = {
        "q": clean_text(request.GET.get("q", "")),
        "params": params,
        "errors": errors,
        "results": results,
        "commune_options": _options(results, "commune", params.communes),
        "category_options": _options(results, "category", params.categories),
        "families": Family.choices,
        "query_without_page": kept.urlencode(),
        "lat": request.GET.get("lat", ""),
        "lon": request.GET.get("lon", ""),
        "radius_km": request.GET.get("radius_km", ""),
        "open_now": request.GET.get("open_now", ""),
        "open_on": request.GET.get("open_on", ""),
        "open_time": request.GET.get("open_time", ""),
        "open_days": _open_days(),
        "map_tiles_url": settings.SEARCH_MAP_TILES_URL,
        "map_tiles_attribution": settings.SEARCH_MAP_TILES_ATTRIBUTION,
        "places": found.places,
        "events": found.events,
        "chips": active_filters(
            request.GET,
            params,
            results,
            place=params.place.label if params.place else "",
        ),
        "where": clean_text(request.GET.get("where", "")),
        "asked": _asked_moment(params),
    }
    results_shown.send(sender=None, request=request, params=params, results=results)
    return render(request, "search/results.html", context, status=status)


@require_GET
@cache_control(public=True, max_age=24 * 3600)
def communes_outlines(request):
    """The 95 commune outlines as GeoJSON: the results map's background."""
    features = [
        {
            "type": "Feature",
            "properties": {"insee": insee_code, "name": name},
            "geometry": outline,
        }
        for insee_code, name, outline in Commune.objects.exclude(
            outline=None
        ).values_list("insee_code", "name", "outline")
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
