"""Reads from the search engine, shaped for views.

Results are ids from the engine, then the pages themselves from the database, so a
page never shows a shop that was unpublished a second ago. When the engine is down
or slow, a circuit breaker stops asking it for a while and a plain database search
gives a reduced answer (names, categories, communes) instead of an error.
"""

import logging
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

import pybreaker
from elasticsearch.dsl import Search

from ops.breakers import circuit_storage
from search.engine import ENGINE_ERRORS, client
from search.indexing import EVENT_PAGE, PLACE_PAGE
from search.params import SearchParams
from search.queries import (
    SUGGESTION_SIZE,
    event_search,
    place_search,
    shop_clusters,
    shop_search,
    shop_suggest,
)
from search.result_cache import answers_get, answers_keep, answers_key
from search.synonyms import fold
from shops.models import Category, ShopPage
from territory.communes import Commune
from territory.places import closures_read_together

logger = logging.getLogger(__name__)
PER_PAGE = 20
# Below this many matches for the words as written (stems and synonyms included),
# the search asks again forgiving typos; above, near-spellings would only pad it.
TYPOS_BELOW = 3
MIN_SUGGEST_LENGTH = 2
MAX_CATEGORY_SUGGESTIONS = 3
# Map zoom levels (Leaflet's) and the geohash length that gives readable clusters.
CLUSTER_PRECISION_BY_ZOOM = ((9, 4), (11, 5), (13, 6))
FINEST_CLUSTER_PRECISION = 7


class _LogStateChanges(pybreaker.CircuitBreakerListener):
    def state_change(self, breaker, old, new):
        if old is not None and old.name != new.name:
            logger.warning("search engine circuit %s → %s", old.name, new.name)


# After a few failures in a row, every request goes straight to the database
# fallback until the reset timeout lets one try again. In production the state is
# shared by all the workers through Redis (ops.breakers), else kept per process.
engine_breaker = pybreaker.CircuitBreaker(
    fail_max=settings.SEARCH_BREAKER_FAILURES,
    reset_timeout=settings.SEARCH_BREAKER_RESET_SECONDS,
    listeners=[_LogStateChanges()],
    state_storage=circuit_storage("search-engine"),
)


class QueryRefused(Exception):
    """The engine answered, but not this query (its index missing, say)."""


UNAVAILABLE = (*ENGINE_ERRORS, pybreaker.CircuitBreakerError, QueryRefused)


def _engine_answers(queries: list[tuple[list[str], dict]]) -> list[dict | None]:
    """One round trip to the engine: the raw answer of each ``(index, body)``.

    The answers stay plain dicts, as the client decoded them: wrapping them in
    elasticsearch-dsl ``Response`` objects cost more than the rest of the request
    around the engine. A query that failed alone (its index missing) gives None.
    """
    lines: list[dict] = []
    for index, body in queries:
        lines += [{"index": index}, body]
    answer = engine_breaker.call(client().msearch, searches=lines)
    return [None if found.get("error") else found for found in answer["responses"]]


def _execute_all(searches: list[Search]) -> list[dict | None]:
    """Run queries in one round trip, through the breaker and the result cache.

    Raises one of ``UNAVAILABLE`` when the engine does not answer; a query that
    fails alone (an index not built yet) gives None in its place.
    """
    queries = [(search._index, search.to_dict()) for search in searches]
    key = answers_key([list(query) for query in queries])
    answers = answers_get(key)
    if answers is None:
        answers = _engine_answers(queries)
        if None not in answers:
            answers_keep(key, answers)
    return answers


def _execute(search: Search) -> dict:
    answer = _execute_all([search])[0]
    if answer is None:
        raise QueryRefused(search._index)
    return answer


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
    open_now_count: int = 0
    # Kilometres from the searched position, by page id (empty without a position).
    distances: dict[int, float] = field(default_factory=dict)
    # Matching product names with <mark> around the matched words, by page id.
    highlights: dict[int, list[str]] = field(default_factory=dict)
    # Area events (market day, road works) touching each shop, by page id.
    notices: dict[int, list] = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def rows(self) -> list[tuple[ShopPage, float | None]]:
        return [(shop, self.distances.get(shop.pk)) for shop in self.shops]


def _live_pages_in_order(
    ids: list[int],
    *,
    related: tuple[str, ...] = ("category", "commune"),
    with_closures: bool = True,
) -> list[ShopPage]:
    """Live shops of ``ids``, in that order, with what a result row shows: trade,
    commune, open status. No row shows a photo (reading it cost a quarter of the
    read): a row that does must add ``image`` to ``related``."""
    pages = (
        ShopPage.objects.live().filter(pk__in=ids).select_related(*related).in_bulk()
    )
    in_order = [pages[pk] for pk in ids if pk in pages]
    if with_closures:
        closures_read_together(in_order)
    return in_order


def _hit_ids(answer: dict) -> list[int]:
    return [int(hit["_id"]) for hit in answer["hits"]["hits"]]


def _buckets(answer: dict, name: str) -> list[tuple[str, int]]:
    return [
        (str(bucket["key"]), bucket["doc_count"])
        for bucket in answer["aggregations"][name]["terms"]["buckets"]
    ]


@cache
def _communes_by_code() -> dict[str, str]:
    # Reference data loaded by load_communes: read once per process.
    return dict(Commune.objects.values_list("insee_code", "name"))


@cache
def _categories_by_slug() -> dict[str, Category]:
    # Reference data too; ``Category.name`` picks the visitor's language on access.
    return {category.slug: category for category in Category.objects.all()}


def _facet_labels(
    facets: dict[str, list[tuple[str, int]]], params: SearchParams
) -> dict[str, dict[str, str]]:
    codes = {key for key, _count in facets.get("commune", [])} | set(params.communes)
    slugs = {key for key, _count in facets.get("category", [])} | set(params.categories)
    communes, categories = _communes_by_code(), _categories_by_slug()
    return {
        "commune": {code: communes[code] for code in codes if code in communes},
        "category": {
            slug: categories[slug].name for slug in slugs if slug in categories
        },
    }


def shops_search_in_database(params: SearchParams) -> ShopResults:
    """The reduced answer while the engine is away: every word in the name,
    category or commune, the same commune and category filters, by name."""
    shops = ShopPage.objects.live()
    for word in params.text.split():
        shops = shops.filter(
            Q(title__icontains=word)
            | Q(category__name_fr__icontains=word)
            | Q(category__name_en__icontains=word)
            | Q(category__name_nl__icontains=word)
            | Q(commune__name__icontains=word)
        )
    if params.communes:
        shops = shops.filter(
            Q(commune__insee_code__in=params.communes)
            | Q(served_communes__insee_code__in=params.communes)
        )
    if params.categories:
        shops = shops.filter(category__slug__in=params.categories)
    if params.family:
        shops = shops.filter(category__family=params.family)
    ids = list(shops.order_by("title", "pk").values_list("pk", flat=True).distinct())
    start = (params.page - 1) * PER_PAGE
    return ShopResults(
        shops=_live_pages_in_order(ids[start : start + PER_PAGE]),
        total=len(ids),
        page=params.page,
        engine_available=False,
        labels=_facet_labels({}, params),
    )


def _highlights(answer: dict) -> dict[int, list[str]]:
    found = {}
    for hit in answer["hits"]["hits"]:
        fragments = hit.get("highlight", {}).get("products")
        if fragments:
            found[int(hit["_id"])] = list(fragments)
    return found


def _pages_found(answer: dict | None, model) -> list:
    """Live pages of ``model`` for a search's hits, in its order (none on failure)."""
    if answer is None:
        return []
    ids = _hit_ids(answer)
    pages = model.objects.live().filter(pk__in=ids).in_bulk()
    return [pages[pk] for pk in ids if pk in pages]


@dataclass(frozen=True)
class SearchPage:
    """What the HTML search shows: shops, and places and events beside them."""

    results: "ShopResults"
    places: list[Page] = field(default_factory=list)
    events: list[Page] = field(default_factory=list)


def search_page_results(params: SearchParams) -> SearchPage:
    """Shops with facets, places and events, in one round trip to the engine.

    Places and events complete the first page of a text search only.
    """
    return _search(params, beside=bool(params.text) and params.page == 1)


def shops_search(
    *, text: str = "", page: int = 1, params: SearchParams | None = None
) -> ShopResults:
    """Shops for ``params`` (or plain ``text`` and ``page``), with facets."""
    params = params or SearchParams(text=text, page=page)
    return _search(params, beside=False).results


def _search(params: SearchParams, *, beside: bool) -> SearchPage:
    """Shops, with ``beside`` places and events; the database if the engine fails."""
    searches = [
        shop_search(
            page=params.page,
            per_page=PER_PAGE,
            typos=not params.text,
            **params.query_kwargs(),
        )
    ]
    if beside:
        searches += [
            place_search(text=params.text),
            # To the minute: the same question asked again is the same query.
            event_search(
                text=params.text, now=timezone.now().replace(second=0, microsecond=0)
            ),
        ]
    try:
        answers = _execute_all(searches)
    except UNAVAILABLE:
        answers = [None]
    if answers[0] is None:
        logger.warning("search engine unavailable for %r: database fallback", params)
        return SearchPage(results=shops_search_in_database(params))
    if params.text and answers[0]["hits"]["total"]["value"] < TYPOS_BELOW:
        answers[0] = _with_typos(params) or answers[0]
    results = _shop_results(params, answers[0])
    if not beside:
        return SearchPage(results=results)
    return SearchPage(
        results=results,
        places=_pages_found(answers[1], apps.get_model(PLACE_PAGE)),
        events=_pages_found(answers[2], apps.get_model(EVENT_PAGE)),
    )


def _with_typos(params: SearchParams) -> dict | None:
    """The same search forgiving typos, for words that found too little as
    written; None if the engine fails now (the first answer stands)."""
    query = shop_search(page=params.page, per_page=PER_PAGE, **params.query_kwargs())
    try:
        return _execute(query)
    except UNAVAILABLE:
        return None


def _shop_results(params: SearchParams, answer: dict) -> "ShopResults":
    ids = _hit_ids(answer)
    distances = (
        {int(hit["_id"]): float(hit["sort"][-1]) for hit in answer["hits"]["hits"]}
        if params.near is not None
        else {}
    )
    aggregations = answer["aggregations"]
    facets = {
        "commune": _buckets(answer, "commune"),
        "category": _buckets(answer, "category"),
    }
    shops = _live_pages_in_order(ids)
    return ShopResults(
        shops=shops,
        notices=apps.get_model(EVENT_PAGE).notices_for_shops(shops),
        total=answer["hits"]["total"]["value"],
        page=params.page,
        facets=facets,
        labels=_facet_labels(facets, params),
        click_and_collect_count=aggregations["click_and_collect"]["doc_count"],
        open_now_count=aggregations["open_now"]["doc_count"],
        distances=distances,
        highlights=_highlights(answer),
    )


@dataclass(frozen=True)
class Cluster:
    lat: float
    lon: float
    count: int
    cell: str


def cluster_precision(zoom: int) -> int:
    """The geohash length for a map zoom level: coarse far out, a street up close."""
    for max_zoom, precision in CLUSTER_PRECISION_BY_ZOOM:
        if zoom <= max_zoom:
            return precision
    return FINEST_CLUSTER_PRECISION


def shops_clusters(*, params: SearchParams, zoom: int) -> list[Cluster]:
    """The results of ``params`` grouped by map cell, each at its shops' average.

    Raises one of ``UNAVAILABLE`` when the engine does not answer.
    """
    query = shop_clusters(precision=cluster_precision(zoom), **params.query_kwargs())
    answer = _execute(query)
    return [
        Cluster(
            lat=bucket["lat"]["value"],
            lon=bucket["lon"]["value"],
            count=bucket["doc_count"],
            cell=bucket["key"],
        )
        for bucket in answer["aggregations"]["clusters"]["buckets"]
    ]


def shops_suggest(*, text: str) -> list[tuple[ShopPage, str]]:
    """Up to eight live shops whose name or a product starts like ``text``, each
    with the product that matched ("" when the name did); none under 2 letters.

    Raises one of ``UNAVAILABLE`` when the engine does not answer.
    """
    # The suggester lowercases first: "Boul" and "boul" are one question, asked
    # (and kept by the result cache) once.
    text = " ".join(text.lower().split())
    if len(text) < MIN_SUGGEST_LENGTH:
        return []
    answer = _execute(shop_suggest(text=text))
    matched: dict[int, str] = {}
    for option in answer["suggest"]["shops"][0]["options"]:
        page_id = int(option["_id"])
        if page_id not in matched and len(matched) < SUGGESTION_SIZE:
            name = option["_source"]["name"]
            matched[page_id] = "" if option["text"] == name else option["text"]
    # A suggestion shows a name, a trade and a link: no hours, no photo.
    shops = _live_pages_in_order(
        list(matched), related=("category",), with_closures=False
    )
    return [(shop, matched[shop.pk]) for shop in shops]


def categories_suggest(*, text: str) -> list[Category]:
    """Categories whose name, in the visitor's language, starts like ``text``."""
    folded = fold(text.strip())
    if len(folded) < MIN_SUGGEST_LENGTH:
        return []
    found = [
        category
        for category in _categories_by_slug().values()
        if fold(category.name).startswith(folded)
    ]
    return sorted(found, key=lambda category: category.name)[:MAX_CATEGORY_SUGGESTIONS]
