"""Pure query builders: each returns a ``Search`` and never touches the engine.

Tests compare ``.to_dict()`` without a server; ``search/selectors.py`` executes them.
User text only ever reaches ``match``-family queries, never ``query_string``, so
query-syntax characters are plain text here.
"""

import re
from collections.abc import Sequence

from elasticsearch_dsl import Q, Search

from search.engine import index_name
from search.synonyms import word_alternatives

COMMUNE_FACET_SIZE = 100
CATEGORY_FACET_SIZE = 200
SUGGESTION_SIZE = 8


MAX_EXPANDED_WORDS = 10


def _expanded_words(text: str) -> Q:
    words = re.findall(r"[\w'\u2019-]+", text)[:MAX_EXPANDED_WORDS]
    return Q(
        "bool",
        must=[
            Q(
                "bool",
                should=[
                    Q("match", all_text=alternative)
                    for alternative in word_alternatives(word)
                ],
                minimum_should_match=1,
            )
            for word in words
        ],
    )


def _text_query(text: str, *, filters: list[Q]) -> Q:
    return Q(
        "bool",
        filter=filters,
        must=[
            Q(
                "bool",
                should=[
                    Q(
                        "multi_match",
                        query=text,
                        fields=["all_text", "all_text.folded"],
                        fuzziness="AUTO",
                        prefix_length=1,
                        operator="and",
                    ),
                    # Commerce synonyms, word by word: "pain lille" finds the
                    # bakeries of Lille. Kept apart from fuzziness, which
                    # Elasticsearch does not combine with expansions.
                    _expanded_words(text),
                ],
                minimum_should_match=1,
            )
        ],
        should=[
            Q("match_phrase", name={"query": text, "boost": 8}),
            Q("match", name={"query": text, "boost": 4}),
            Q("match", category_labels={"query": text, "boost": 3}),
            Q("match", products={"query": text, "boost": 1.5}),
        ],
    )


def _filters(
    *,
    communes: Sequence[str],
    categories: Sequence[str],
    family: str | None,
    click_and_collect: bool,
    verified_only: bool,
    wheelchair: bool,
    near: tuple[float, float] | None,
    radius_km: float | None,
) -> list[Q]:
    filters = []
    if communes:
        # A craftworker based elsewhere still belongs to the communes they serve.
        filters.append(
            Q(
                "bool",
                should=[
                    Q("terms", commune_insee=list(communes)),
                    Q("terms", served_communes=list(communes)),
                ],
                minimum_should_match=1,
            )
        )
    if categories:
        filters.append(Q("terms", category=list(categories)))
    if family:
        filters.append(Q("term", family=family))
    if click_and_collect:
        filters.append(Q("term", click_and_collect=True))
    if verified_only:
        filters.append(Q("term", verified=True))
    if wheelchair:
        filters.append(Q("term", wheelchair="yes"))
    if near is not None and radius_km is not None:
        lat, lon = near
        filters.append(
            Q(
                "geo_distance",
                distance=f"{radius_km}km",
                location={"lat": lat, "lon": lon},
            )
        )
    return filters


def _distance_sort(near: tuple[float, float]) -> dict:
    lat, lon = near
    return {
        "_geo_distance": {
            "location": {"lat": lat, "lon": lon},
            "order": "asc",
            "unit": "km",
        }
    }


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
) -> Search:
    """Shops matching every word of ``text``, typos forgiven, best names first.

    Filters sit in ``bool.filter`` so they narrow the results without changing
    scores. With ``near`` (lat, lon) the distance in km is the last sort value of
    every hit: the only sort with ``sort_by_distance``, a tie-breaker otherwise.
    """
    search = Search(index=index_name("shops"))
    text = text.strip()
    filters = _filters(
        communes=communes,
        categories=categories,
        family=family,
        click_and_collect=click_and_collect,
        verified_only=verified_only,
        wheelchair=wheelchair,
        near=near,
        radius_km=radius_km,
    )
    if text:
        search = search.query(_text_query(text, filters=filters))
    else:
        search = search.query(Q("bool", must=[Q("match_all")], filter=filters))
    if near is not None and sort_by_distance:
        search = search.sort(_distance_sort(near))
    else:
        primary = "_score" if text else "name.raw"
        tie_breakers = [_distance_sort(near)] if near is not None else []
        search = search.sort(primary, *tie_breakers)
    search.aggs.bucket(
        "commune", "terms", field="commune_insee", size=COMMUNE_FACET_SIZE
    )
    search.aggs.bucket("category", "terms", field="category", size=CATEGORY_FACET_SIZE)
    search.aggs.bucket("click_and_collect", "filter", Q("term", click_and_collect=True))
    start = (page - 1) * per_page
    return search.extra(track_total_hits=True)[start : start + per_page]


def shop_suggest(*, text: str, size: int = SUGGESTION_SIZE) -> Search:
    """Shops whose name has words starting like those of ``text`` (as-you-type)."""
    return (
        Search(index=index_name("shops"))
        .query(
            "match",
            **{"name.autocomplete": {"query": text.strip(), "operator": "and"}},
        )
        .source(["name", "category", "url"])[:size]
    )
