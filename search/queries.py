"""Pure query builders: each returns a ``Search`` and never touches the engine.

Tests compare ``.to_dict()`` without a server; ``search/selectors.py`` executes them.
User text only ever reaches ``match``-family queries, never ``query_string``, so
query-syntax characters are plain text here.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from elasticsearch_dsl import Q, Search

from search.documents import open_slot
from search.engine import index_name
from search.synonyms import word_alternatives

COMMUNE_FACET_SIZE = 100
CATEGORY_FACET_SIZE = 200
SUGGESTION_SIZE = 8
CLUSTER_SIZE = 300
PLACES_SIZE = 4
# Among matches of equal relevance: a listing checked by commune staff, then one
# that tells residents enough, comes first. Small enough never to beat a better
# text match (an exact name weighs 8).
VERIFIED_BOOST = 1.3
COMPLETE_BOOST = 1.15
# A signed-in resident's own communes: enough to lead among comparable matches,
# not to put a poor match of their commune above the right trade elsewhere.
HOME_COMMUNE_BOOST = 1.5


MAX_EXPANDED_WORDS = 10


def _expanded_words(text: str) -> Q:
    """Every word, or a commerce word meaning the same shop: one ``match`` per word
    whose alternatives are OR-ed, so the engine scans once per word, not once per
    synonym."""
    words = re.findall(r"[\w'\u2019-]+", text)[:MAX_EXPANDED_WORDS]
    return Q(
        "bool",
        must=[
            Q(
                "match",
                all_text={
                    "query": " ".join(word_alternatives(word)),
                    "operator": "or",
                },
            )
            for word in words
        ],
    )


def _text_query(text: str, *, filters: list[Q], typos: bool = True) -> Q:
    """Every word, as written (accents and case aside) or as a stem or synonym;
    with ``typos``, the words as written also match within a typo (see
    ``shop_search``). Without, they still score the shops that use them."""
    as_written = Q(
        "match",
        **{
            "all_text.folded": {
                "query": text,
                # Typos are forgiven against the words as written: a typo on a
                # stem would reach unrelated words ("libra" → "libre").
                **({"fuzziness": "AUTO", "prefix_length": 1} if typos else {}),
                "operator": "and",
            }
        },
    )
    return Q(
        "bool",
        filter=filters,
        must=[
            Q(
                "bool",
                should=[
                    as_written,
                    # Stems and commerce synonyms, word by word: "pains lille"
                    # finds the bakeries of Lille. Kept apart from fuzziness,
                    # which Elasticsearch does not combine with expansions.
                    _expanded_words(text),
                ],
                minimum_should_match=1,
            )
        ],
        should=[
            Q("match_phrase", name={"query": text, "boost": 8}),
            Q(
                "multi_match",
                query=text,
                fields=["name^4", "category_labels^3", "products^1.5"],
                type="most_fields",
            ),
        ],
    )


@dataclass(frozen=True)
class Area:
    """The rectangle a map shows: only what is inside it is listed."""

    south: float
    west: float
    north: float
    east: float


def _filters(
    *,
    family: str | None,
    click_and_collect: bool,
    verified_only: bool,
    wheelchair: bool,
    near: tuple[float, float] | None,
    radius_km: float | None,
    open_at: datetime | None,
    open_on: date | None,
    area: Area | None,
) -> list[Q]:
    """Filters that narrow every count: the facets count inside them."""
    filters = []
    if family:
        filters.append(Q("term", family=family))
    if click_and_collect:
        filters.append(Q("term", click_and_collect=True))
    if verified_only:
        filters.append(Q("term", verified=True))
    if wheelchair:
        filters.append(Q("term", wheelchair="yes"))
    if open_at is not None:
        filters.append(Q("term", open_slots=open_slot(open_at)))
    if open_on is not None:
        filters.append(Q("term", open_days=open_on.isoformat()))
    if near is not None and radius_km is not None:
        lat, lon = near
        filters.append(
            Q(
                "geo_distance",
                distance=f"{radius_km}km",
                location={"lat": lat, "lon": lon},
            )
        )
    if area is not None:
        filters.append(
            Q(
                "geo_bounding_box",
                location={
                    "top_left": {"lat": area.north, "lon": area.west},
                    "bottom_right": {"lat": area.south, "lon": area.east},
                },
            )
        )
    return filters


def _facet_filters(
    *, communes: Sequence[str], categories: Sequence[str]
) -> dict[str, Q]:
    """The multi-select facets: each narrows the hits and the other facets only.

    A craftworker based elsewhere still belongs to the communes they serve.
    """
    chosen = {}
    if communes:
        chosen["commune"] = Q("terms", communes_reached=list(communes))
    if categories:
        chosen["category"] = Q("terms", category=list(categories))
    return chosen


def _all_of(queries: list[Q]) -> Q:
    return Q("bool", filter=queries) if queries else Q("match_all")


def _ranked(query: Q, *, home_communes: Sequence[str] = ()) -> Q:
    """Verified and complete listings first among equally good matches, and
    those serving the resident's own communes (``home_communes``) before others."""
    functions = [
        {"filter": Q("term", verified=True).to_dict(), "weight": VERIFIED_BOOST},
        {
            "filter": Q("range", completeness={"gte": 0.8}).to_dict(),
            "weight": COMPLETE_BOOST,
        },
    ]
    if home_communes:
        functions.append(_home_function(home_communes))
    return Q(
        "function_score",
        query=query,
        functions=functions,
        score_mode="multiply",
        boost_mode="multiply",
    )


def _home_function(home_communes: Sequence[str]) -> dict:
    return {
        "filter": Q("terms", communes_reached=list(home_communes)).to_dict(),
        "weight": HOME_COMMUNE_BOOST,
    }


def _home_first(query: Q, home_communes: Sequence[str]) -> Q:
    """Without words every match scores the same: the resident's communes first,
    then (by the sort's tie-breaker) names from A to Z."""
    return Q(
        "function_score",
        query=query,
        functions=[_home_function(home_communes)],
        boost_mode="multiply",
    )


def _distance_sort(near: tuple[float, float]) -> dict:
    lat, lon = near
    return {
        "_geo_distance": {
            "location": {"lat": lat, "lon": lon},
            "order": "asc",
            "unit": "km",
        }
    }


def _add_facets(search: Search, chosen: dict[str, Q], *, now_slot: int) -> Search:
    def others(facet: str) -> Q:
        return _all_of([query for name, query in chosen.items() if name != facet])

    everything = _all_of(list(chosen.values()))
    search.aggs.bucket("commune", "filter", others("commune")).bucket(
        "terms", "terms", field="communes_reached", size=COMMUNE_FACET_SIZE
    )
    search.aggs.bucket("category", "filter", others("category")).bucket(
        "terms", "terms", field="category", size=CATEGORY_FACET_SIZE
    )
    search.aggs.bucket(
        "click_and_collect",
        "filter",
        _all_of([everything, Q("term", click_and_collect=True)]),
    )
    search.aggs.bucket(
        "open_now", "filter", _all_of([everything, Q("term", open_slots=now_slot)])
    )
    return search


def shop_search(
    *,
    text: str,
    page: int = 1,
    per_page: int = 20,
    communes: Sequence[str] = (),
    categories: Sequence[str] = (),
    family: str | None = None,
    click_and_collect: bool = False,
    verified_only: bool = False,
    wheelchair: bool = False,
    near: tuple[float, float] | None = None,
    radius_km: float | None = None,
    sort_by_distance: bool = False,
    open_at: datetime | None = None,
    open_on: date | None = None,
    area: Area | None = None,
    now: datetime | None = None,
    typos: bool = True,
    home_communes: Sequence[str] = (),
) -> Search:
    """Shops matching every word of ``text``, typos forgiven, best names first.

    Filters sit in ``bool.filter`` so they narrow the results without changing
    scores; the chosen communes and categories sit in ``post_filter`` so that each
    facet still counts the values not chosen yet. With ``near`` (lat, lon) the
    distance in km is the last sort value of every hit: the only sort with
    ``sort_by_distance``, a tie-breaker otherwise. ``now`` dates the "open now"
    count (tests freeze it). ``typos=False`` leaves out the matches that are only
    a typo away: the selector asks for those when the words as written (their
    stems and synonyms) find too little, so near-spellings never pad a page of
    real answers ("huitres" is not "huiles"). ``home_communes`` (a signed-in
    resident's communes) lifts the shops serving them above equally good others.
    """
    search = Search(index=index_name("shops"))
    text = text.strip()
    filters = _filters(
        family=family,
        click_and_collect=click_and_collect,
        verified_only=verified_only,
        wheelchair=wheelchair,
        near=near,
        radius_km=radius_km,
        open_at=open_at,
        open_on=open_on,
        area=area,
    )
    search = search.query(
        _shop_query(text, filters, typos=typos, home_communes=home_communes)
    )
    if text:
        # Which products matched, so "huîtres" shows the oysters a shop lists.
        search = search.highlight(
            "products",
            number_of_fragments=0,
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            highlight_query=Q(
                "match", products={"query": text, "fuzziness": "AUTO"}
            ).to_dict(),
        )
    chosen = _facet_filters(communes=communes, categories=categories)
    if chosen:
        search = search.post_filter(_all_of(list(chosen.values())))
    if near is not None and sort_by_distance:
        search = search.sort(_distance_sort(near))
    else:
        primary = ["_score"] if text else ["name.raw"]
        if home_communes and not text:
            primary = ["_score", "name.raw"]
        tie_breakers = [_distance_sort(near)] if near is not None else []
        search = search.sort(*primary, *tie_breakers)
    search = _add_facets(search, chosen, now_slot=open_slot(now or timezone.now()))
    start = (page - 1) * per_page
    # Pages are read from the database, so the hits need no ``_source``: a twentieth
    # of the bytes to send and decode.
    search = search.source(False)
    return search.extra(track_total_hits=True)[start : start + per_page]


def _shop_query(
    text: str,
    filters: list[Q],
    *,
    typos: bool = True,
    home_communes: Sequence[str] = (),
) -> Q:
    if text:
        query = _text_query(text, filters=filters, typos=typos)
        return _ranked(query, home_communes=home_communes)
    everything = Q("bool", must=[Q("match_all")], filter=filters)
    if home_communes:
        return _home_first(everything, home_communes)
    return everything


def shop_clusters(
    *,
    precision: int,
    text: str,
    communes: Sequence[str] = (),
    categories: Sequence[str] = (),
    sort_by_distance: bool = False,
    home_communes: Sequence[str] = (),
    size: int = CLUSTER_SIZE,
    **criteria,
) -> Search:
    """The shops :func:`shop_search` finds, counted by geohash cell, for the map.

    Aggregations ignore ``post_filter``, so the chosen communes and categories join
    the other filters here; order, highlights and facets are not asked for (and
    ``sort_by_distance`` or ``home_communes``, which only order, change no count).
    """
    chosen = _facet_filters(communes=communes, categories=categories)
    filters = _filters(**criteria) + list(chosen.values())
    search = Search(index=index_name("shops")).query(
        _shop_query(text.strip(), filters)
    )[0:0]
    clusters = search.aggs.bucket(
        "clusters", "terms", field=f"geohash_{precision}", size=size
    )
    clusters.metric("lat", "avg", field="lat")
    clusters.metric("lon", "avg", field="lon")
    return search


def shop_suggest(*, text: str, size: int = SUGGESTION_SIZE) -> Search:
    """Shop names and products starting like ``text`` (as-you-type).

    A shop can come back once per product that matches, so three times ``size``
    options are asked for; ``search.selectors.shops_suggest`` keeps the first of
    each shop. The option's text says what matched: the name, or a product.
    """
    return (
        Search(index=index_name("suggestions"))
        .suggest(
            "shops",
            text.strip(),
            completion={"field": "suggest", "size": size * 3},
        )
        .source(["name"])[:0]
    )


def place_search(*, text: str, size: int = PLACES_SIZE) -> Search:
    """Points of interest matching ``text``, shown beside the shops."""
    return (
        Search(index=index_name("places"))
        .query(
            "multi_match",
            query=text.strip(),
            fields=["all_text", "all_text.folded", "name^4"],
            fuzziness="AUTO",
            prefix_length=1,
            operator="and",
        )
        .source(False)[:size]
    )


def event_search(*, text: str, now: datetime, size: int = PLACES_SIZE) -> Search:
    """Events not over yet matching ``text``, the soonest first."""
    return (
        Search(index=index_name("events"))
        .query(
            "bool",
            must=[
                Q(
                    "multi_match",
                    query=text.strip(),
                    fields=["all_text", "all_text.folded", "name^4"],
                    fuzziness="AUTO",
                    prefix_length=1,
                    operator="and",
                )
            ],
            filter=[Q("range", ends_at={"gte": now.isoformat()})],
        )
        .sort("starts_at")
        .source(False)[:size]
    )
