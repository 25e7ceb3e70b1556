"""The metrics on examples computed by hand."""

import math

import pytest

from tests.search.relevance.metrics import (
    dcg_at_k,
    ideal_precision_at_k,
    ndcg_at_k,
    precision_at_k,
)

GRADES = {"a": 3, "b": 2, "c": 1}


def test_precision_counts_relevant_shops_in_the_first_k_places():
    assert precision_at_k(["a", "x", "b", "y", "c", "z"], GRADES, 5) == 3 / 5
    assert precision_at_k(["x", "y"], GRADES, 5) == 0.0
    # Fewer results than k: the empty places are misses.
    assert precision_at_k(["a", "b"], GRADES, 5) == 2 / 5
    assert precision_at_k(["a", "b", "c"], GRADES, 1) == 1.0


def test_ideal_precision_is_capped_by_the_number_of_relevant_shops():
    assert ideal_precision_at_k(GRADES, 5) == 3 / 5
    assert ideal_precision_at_k(GRADES, 2) == 1.0
    assert ideal_precision_at_k({"a": 3, "z": 0}, 5) == 1 / 5


def test_dcg_divides_each_gain_by_log2_of_rank_plus_one():
    # 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.26186 + 0.5
    assert dcg_at_k([3, 2, 1], 10) == pytest.approx(3 + 2 / math.log2(3) + 0.5)
    assert dcg_at_k([3, 2, 1], 1) == 3.0
    assert dcg_at_k([], 10) == 0.0


def test_ndcg_is_one_for_the_ideal_order_and_less_otherwise():
    assert ndcg_at_k(["a", "b", "c"], GRADES, 10) == pytest.approx(1.0)
    # Reversed: (1 + 2/log2 3 + 3/2) / (3 + 2/log2 3 + 1/2) = 3.76186 / 4.76186
    assert ndcg_at_k(["c", "b", "a"], GRADES, 10) == pytest.approx(
        3.761859507 / 4.761859507
    )
    # One miss in first place pushes everyone down one rank:
    # (3/log2 3 + 2/2 + 1/log2 5) / 4.76186 = (1.89279 + 1 + 0.43068) / 4.76186
    assert ndcg_at_k(["x", "a", "b", "c"], GRADES, 10) == pytest.approx(
        3.323466 / 4.761860, abs=1e-6
    )


def test_ndcg_cuts_both_rankings_at_k():
    # k=1: only the first place counts; the ideal has grade 3 there.
    assert ndcg_at_k(["b", "a"], GRADES, 1) == pytest.approx(2 / 3)
    assert ndcg_at_k(["x"], GRADES, 10) == 0.0
    assert ndcg_at_k(["a"], {}, 10) == 0.0
