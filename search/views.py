from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.params import SearchParams, clean_text, search_params_parse
from search.selectors import ShopResults, shops_search
from shops.models.categories import Family


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


@require_GET
def search_page(request):
    params, errors = search_params_parse(request.GET, lenient_page=True)
    if errors:
        results, status = ShopResults(), 400
        params = SearchParams()
    else:
        results = shops_search(params=params)
        status = 200 if results.engine_available else 503
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
    }
    return render(request, "search/results.html", context, status=status)
