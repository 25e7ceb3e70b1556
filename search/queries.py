"""Pure query builders: each returns a ``Search`` and never touches the engine.

Tests compare ``.to_dict()`` without a server; ``search/selectors.py`` executes them.
"""

from elasticsearch_dsl import Q, Search

from search.engine import index_name


def shop_search(*, text: str, page: int = 1, per_page: int = 20) -> Search:
    """Shops matching every word of ``text``, typos forgiven, best names first."""
    search = Search(index=index_name("shops"))
    text = text.strip()
    if text:
        search = search.query(
            Q(
                "bool",
                must=[
                    Q(
                        "multi_match",
                        query=text,
                        fields=["all_text", "all_text.folded"],
                        fuzziness="AUTO",
                        prefix_length=1,
                        operator="and",
                    )
                ],
                should=[
                    Q("match_phrase", name={"query": text, "boost": 8}),
                    Q("match", name={"query": text, "boost": 4}),
                    Q("match", category_labels={"query": text, "boost": 3}),
                    Q("match", products={"query": text, "boost": 1.5}),
                ],
            )
        )
    else:
        search = search.query("match_all").sort("name.raw")
    start = (page - 1) * per_page
    return search.extra(track_total_hits=True)[start : start + per_page]
