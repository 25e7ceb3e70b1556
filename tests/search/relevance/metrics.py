"""Ranking metrics for the relevance set: pure functions over titles and grades.

``ranked`` is the list of result titles, best first; ``grades`` maps the titles a
resident would want to their grade (3, 2 or 1); anything else has grade 0.
"""

import math
from collections.abc import Mapping, Sequence


def precision_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """The share of the first ``k`` places held by relevant shops (grade ≥ 1).

    Missing results count as misses: two good answers out of two returned is
    2/5 at k=5, as a resident sees two useful lines where five could have been.
    """
    hits = sum(1 for title in ranked[:k] if grades.get(title, 0) > 0)
    return hits / k


def ideal_precision_at_k(grades: Mapping[str, int], k: int) -> float:
    """The best precision@k this judgement allows (fewer than k relevant shops)."""
    return min(k, sum(1 for grade in grades.values() if grade > 0)) / k


def dcg_at_k(gains: Sequence[int], k: int) -> float:
    """Discounted cumulative gain: gain at rank i (from 1) divided by log2(i + 1)."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains[:k], 1))


def ndcg_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """DCG of the ranking over DCG of the ideal ranking, both cut at ``k``.

    Gains are the grades themselves (linear). 0.0 when nothing is relevant.
    """
    ideal = dcg_at_k(sorted(grades.values(), reverse=True), k)
    if ideal == 0:
        return 0.0
    return dcg_at_k([grades.get(title, 0) for title in ranked], k) / ideal


def page_precision(ranked: Sequence[str], grades: Mapping[str, int]) -> float:
    """The share of what page 1 shows that is relevant (grade ≥ 1).

    Unlike precision@k, a short page is not penalised: this measures padding, the
    unrelated shops a resident scrolls past. An empty page scores 1.0 when nothing
    relevant exists and 0.0 otherwise.
    """
    if not ranked:
        return 0.0 if any(grade > 0 for grade in grades.values()) else 1.0
    return sum(1 for title in ranked if grades.get(title, 0) > 0) / len(ranked)
