"""Reads from the search engine, shaped for views.

Results are ids from the engine, then the pages themselves from the database, so a
page never shows a shop that was unpublished a second ago.
"""

import logging
from dataclasses import dataclass, field

from cms.models import Commune
from search.engine import ENGINE_ERRORS, client
from search.params import SearchParams
from search.queries import shop_search, shop_suggest
from shops.models import Category, ShopPage

logger = logging.getLogger(__name__)
PER_PAGE = 20
MIN_SUGGEST_LENGTH = 2


@dataclass
class ShopResults:
    shops: list[ShopPage] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    engine_available: bool = True
    # Facets: (key, count) best first; "commune" keys are INSEE codes, "category"
    # keys slugs. Their display names are in ``labels`` under the same facet name.
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    click_and_collect_count: int = 0
    # Kilometres from the searched position, by page id (empty without a position).
    distances: dict[int, float] = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def rows(self) -> list[tuple[ShopPage, float | None]]:
        return [(shop, self.distances.get(shop.pk)) for shop in self.shops]


def _live_pages_in_order(ids: list[int]) -> list[ShopPage]:
    pages = (
        ShopPage.objects.live()
        .filter(pk__in=ids)
        .select_related("category", "commune", "image")
        .prefetch_related("closures")
        .in_bulk()
    )
    return [pages[pk] for pk in ids if pk in pages]


def _buckets(response, name: str) -> list[tuple[str, int]]:
    return [
        (str(bucket.key), bucket.doc_count)
        for bucket in getattr(response.aggregations, name).buckets
    ]


def shops_search(
    *, text: str = "", page: int = 1, params: SearchParams | None = None
) -> ShopResults:
    """Shops for ``params`` (or plain ``text`` and ``page``), with facets."""
    params = params or SearchParams(text=text, page=page)
    query = shop_search(page=params.page, per_page=PER_PAGE, **params.query_kwargs())
    try:
        response = query.using(client()).execute()
    except ENGINE_ERRORS:
        logger.exception("search engine unavailable for %r", params.text)
        return ShopResults(page=params.page, engine_available=False)
    ids = [int(hit.meta.id) for hit in response]
    distances = (
        {int(hit.meta.id): float(hit.meta.sort[-1]) for hit in response}
        if params.near is not None
        else {}
    )
    facets = {
        "commune": _buckets(response, "commune"),
        "category": _buckets(response, "category"),
    }
    selected = {"commune": params.communes, "category": params.categories}
    codes = {key for key, _count in facets["commune"]} | set(selected["commune"])
    slugs = {key for key, _count in facets["category"]} | set(selected["category"])
    return ShopResults(
        shops=_live_pages_in_order(ids),
        total=response.hits.total.value,
        page=params.page,
        facets=facets,
        labels={
            "commune": dict(
                Commune.objects.filter(insee_code__in=codes).values_list(
                    "insee_code", "name"
                )
            ),
            "category": {
                category.slug: category.name
                for category in Category.objects.filter(slug__in=slugs)
            },
        },
        click_and_collect_count=response.aggregations.click_and_collect.doc_count,
        distances=distances,
    )


def shops_suggest(*, text: str) -> list[ShopPage]:
    """Up to eight live shops whose name starts like ``text``; none under 2 letters.

    Raises one of ``ENGINE_ERRORS`` when the engine does not answer.
    """
    if len(text.strip()) < MIN_SUGGEST_LENGTH:
        return []
    response = shop_suggest(text=text).using(client()).execute()
    return _live_pages_in_order([int(hit.meta.id) for hit in response])
