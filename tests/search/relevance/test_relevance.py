"""The relevance set: resident queries on a fixed corpus, scored and held to a floor.

The corpus (``corpus.py``) is built and indexed once for the module; every query of
``judgements.py`` goes through the site's own parameter parsing and search
selector. The report (mean precision@5 and nDCG@10, overall and per kind, then
query by query) is printed and written as JSON:

    .venv/bin/python -m pytest tests/search/relevance -s -q
    RELEVANCE_REPORT=/tmp/relevance.json \
        .venv/bin/python -m pytest tests/search/relevance

CI fails when a mean drops under its floor. The floors sit a few points under the
figures measured when the set was written (see MEASURED below); raise them when
the search gets better, never lower them to let a change through.
"""

import json
import os
import time
from collections import defaultdict
from statistics import mean

from django.db import transaction
from django.http import QueryDict

import pytest

from cms.models import Commune
from search.engine import client, index_name
from search.gazetteer import gazetteer_forget
from search.indexing import index_rebuild
from search.params import search_params_parse
from search.selectors import shops_search
from tests.search.relevance.corpus import SHOPS, corpus_build
from tests.search.relevance.judgements import (
    JUDGEMENTS,
    PAGE_ONE,
    UNDERSTANDING,
    Judgement,
)
from tests.search.relevance.metrics import (
    ideal_precision_at_k,
    ndcg_at_k,
    page_precision,
    precision_at_k,
)

# Measured with query understanding, ranking boosts and English synonyms, the same
# on every run (the corpus and the engine's tie-breaking are deterministic):
#   all 104 queries:                     P@5 0.567   nDCG@10 0.945
#   86 queries needing no understanding: P@5 0.593   nDCG@10 0.943
# (Before them, at e9b7ba7: 0.485 / 0.756 and 0.584 / 0.910.)
# Each floor is 2 to 3 points below its figure. (P@5 cannot reach 1: many queries have
# fewer than five right answers; the report's "max" column is the ceiling, 0.640.)
FLOOR_PRECISION_AT_5 = 0.54
FLOOR_NDCG_AT_10 = 0.92
# The plain queries (no "understanding" needed): a regression there must not hide
# behind gains elsewhere.
FLOOR_READY_PRECISION_AT_5 = 0.57
FLOOR_READY_NDCG_AT_10 = 0.92

# The page-one set (judgements.PAGE_ONE, 30 queries): the share of page 1 that is
# relevant, and nDCG@10. Measured when it was written: page-1 precision 0.809
# before near-spellings were kept for words that find too little as written,
# 0.816 after (the 104 queries above: 0.923 → 0.930, P@5 and nDCG@10 unchanged).
FLOOR_PAGE_ONE_PRECISION = 0.79
FLOOR_PAGE_ONE_NDCG_AT_10 = 0.86

K_PRECISION = 5
K_NDCG = 10


def _query_string(judgement: Judgement) -> QueryDict:
    data = QueryDict(mutable=True)
    data["q"] = judgement.query
    for name, value in judgement.params.items():
        data[name] = value
    return data


def _ranked_titles(judgement: Judgement) -> list[str]:
    params, errors = search_params_parse(_query_string(judgement))
    assert not errors, (judgement.query, errors)
    results = shops_search(params=params)
    assert results.engine_available
    return [shop.title for shop in results.shops]


def _scores(judgement: Judgement, ranked: list[str]) -> dict:
    grades = judgement.grades
    return {
        "kind": judgement.kind,
        "query": judgement.query,
        "params": judgement.params,
        "needs": judgement.needs,
        "precision_at_5": precision_at_k(ranked, grades, K_PRECISION),
        "ideal_precision_at_5": ideal_precision_at_k(grades, K_PRECISION),
        "ndcg_at_10": ndcg_at_k(ranked, grades, K_NDCG),
        "page_1_precision": page_precision(ranked, grades),
        "top": [[title, grades.get(title, 0)] for title in ranked[:K_NDCG]],
        "missed": [
            title for title, grade in judgement.expected if title not in ranked[:K_NDCG]
        ],
    }


def _summary(rows: list[dict]) -> dict:
    return {
        "queries": len(rows),
        "precision_at_5": mean(row["precision_at_5"] for row in rows),
        "ideal_precision_at_5": mean(row["ideal_precision_at_5"] for row in rows),
        "ndcg_at_10": mean(row["ndcg_at_10"] for row in rows),
        "page_1_precision": mean(row["page_1_precision"] for row in rows),
    }


def _report(rows: list[dict], timings: dict) -> dict:
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    ready = [row for row in rows if not row["needs"]]
    understanding = [row for row in rows if row["needs"] == UNDERSTANDING]
    return {
        "overall": _summary(rows),
        "ready": _summary(ready),
        UNDERSTANDING: _summary(understanding),
        "kinds": {kind: _summary(kind_rows) for kind, kind_rows in by_kind.items()},
        "timings_s": timings,
        "queries": rows,
    }


def _table(report: dict) -> str:
    def line(name, summary):
        return (
            f"{name:<28}{summary['queries']:>4}  {summary['precision_at_5']:>6.3f}"
            f"  {summary['ideal_precision_at_5']:>6.3f}  {summary['ndcg_at_10']:>7.3f}"
            f"  {summary['page_1_precision']:>6.3f}"
        )

    lines = [
        "",
        f"{'relevance set':<28}{'n':>4}  {'P@5':>6}  {'max':>6}  {'nDCG10':>7}"
        f"  {'page1':>6}",
        line("overall", report["overall"]),
        line("ready (no understanding)", report["ready"]),
        line(UNDERSTANDING, report[UNDERSTANDING]),
    ]
    lines += [line(f"  {kind}", summary) for kind, summary in report["kinds"].items()]
    lines.append(line("page-one set (issue 17)", report["page_one"]))
    for row in report["page_one_queries"]:
        if row["page_1_precision"] < 1:
            params = " ".join(f"{k}={v}" for k, v in row["params"].items())
            lines.append(
                f"  page 1 {row['page_1_precision']:.2f}  {row['query']!r} {params}"
                f"  got: {', '.join(f'{t} [{g}]' for t, g in row['top'][:6])}"
            )
    lines.append("")
    lines.append("queries under nDCG@10 0.8 (grade of each of the top 5 results):")
    for row in report["queries"]:
        if row["ndcg_at_10"] < 0.8:
            params = " ".join(f"{k}={v}" for k, v in row["params"].items())
            top = ", ".join(f"{title} [{grade}]" for title, grade in row["top"][:5])
            lines.append(
                f"  {row['ndcg_at_10']:.2f} {row['precision_at_5']:.1f}"
                f"  {row['kind']}: {row['query']!r} {params}".rstrip()
            )
            lines.append(f"        got: {top or '(nothing)'}")
    lines.append(
        "timings: corpus {corpus:.1f} s, index {index:.1f} s, "
        "{queries:.2f} s for all queries".format(**report["timings_s"])
    )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def relevance_report(
    django_db_setup, django_db_blocker, search_engine_url, tmp_path_factory
):
    """Build and index the corpus, run every query, roll the database back."""
    timings = {}
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.perf_counter()
        corpus_build()
        gazetteer_forget()  # its streets are the corpus's
        timings["corpus"] = time.perf_counter() - started
        started = time.perf_counter()
        index_rebuild("shops")
        timings["index"] = time.perf_counter() - started
        started = time.perf_counter()
        rows = [
            _scores(judgement, _ranked_titles(judgement)) for judgement in JUDGEMENTS
        ]
        page_one_rows = [
            _scores(judgement, _ranked_titles(judgement)) for judgement in PAGE_ONE
        ]
        timings["queries"] = time.perf_counter() - started
        transaction.set_rollback(True)
    es = client()
    if es.indices.exists_alias(name=index_name("shops")):
        for concrete in es.indices.get_alias(name=index_name("shops")):
            es.indices.delete(index=concrete)
    gazetteer_forget()
    report = _report(rows, timings)
    report["page_one"] = _summary(page_one_rows)
    report["page_one_queries"] = page_one_rows
    print(_table(report))
    text = json.dumps(report, indent=2, ensure_ascii=False)
    (tmp_path_factory.mktemp("relevance") / "relevance.json").write_text(text)
    if os.environ.get("RELEVANCE_REPORT"):
        with open(os.environ["RELEVANCE_REPORT"], "w", encoding="utf-8") as file:
            file.write(text)
    return report


def test_the_set_has_sixty_queries_of_every_kind_the_issue_names():
    assert len(JUDGEMENTS) >= 60
    kinds = {judgement.kind for judgement in JUDGEMENTS}
    assert {
        "typos",
        "accents",
        "plurals",
        "elisions",
        "products",
        "en_nl",
        "commune_category",
        "near",
        "sunday",
        "names",
        "craft_served",
    } <= kinds
    assert len({(j.query, tuple(j.params.items())) for j in JUDGEMENTS}) == len(
        JUDGEMENTS
    )


def test_every_judged_shop_is_in_the_corpus_once():
    titles = [spec.title for spec in SHOPS]
    assert len(titles) == len(set(titles))
    for judgement in JUDGEMENTS:
        assert judgement.expected, judgement.query
        for title, grade in judgement.expected:
            assert title in titles, (judgement.query, title)
            assert grade in (1, 2, 3)


@pytest.mark.django_db
def test_every_shop_stands_inside_its_commune():
    from tests.search.relevance.corpus import position

    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    for index, spec in enumerate(SHOPS):
        latitude, longitude = position(index, spec, communes)
        assert communes[spec.commune].contains(
            latitude=latitude, longitude=longitude
        ), spec.title


# The mark makes pytest-django create the test database even when this test runs
# alone; the corpus itself lives in the module fixture's rolled-back transaction.
@pytest.mark.django_db
def test_mean_precision_and_ndcg_stay_above_their_floors(relevance_report):
    overall, ready = relevance_report["overall"], relevance_report["ready"]
    assert overall["precision_at_5"] >= FLOOR_PRECISION_AT_5
    assert overall["ndcg_at_10"] >= FLOOR_NDCG_AT_10
    assert ready["precision_at_5"] >= FLOOR_READY_PRECISION_AT_5
    assert ready["ndcg_at_10"] >= FLOOR_READY_NDCG_AT_10


@pytest.mark.django_db
def test_page_one_shows_what_was_asked(relevance_report):
    page_one = relevance_report["page_one"]
    assert page_one["page_1_precision"] >= FLOOR_PAGE_ONE_PRECISION
    assert page_one["ndcg_at_10"] >= FLOOR_PAGE_ONE_NDCG_AT_10
