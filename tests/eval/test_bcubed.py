"""B-cubed scoring, checked against hand-computed values."""

from __future__ import annotations

import pytest

from incidentdesk.eval.bcubed import bcubed, partition


def test_identical_clusterings_score_one() -> None:
    gold = partition({"a": 1, "b": 1, "c": 2, "d": 3})
    result = bcubed(gold, gold)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert (result.items, result.gold_groups, result.predicted_clusters) == (4, 3, 3)


def test_cluster_names_do_not_matter() -> None:
    gold = partition({"a": 1, "b": 1, "c": 2})
    predicted = partition({"a": "x", "b": "x", "c": "y"})
    assert bcubed(predicted, gold).f1 == 1.0


def test_all_singletons_against_one_gold_group() -> None:
    gold = partition({"a": 0, "b": 0, "c": 0, "d": 0})
    predicted = partition({k: k for k in "abcd"})
    result = bcubed(predicted, gold)
    assert result.precision == 1.0
    assert result.recall == pytest.approx(1 / 4)
    assert result.f1 == pytest.approx(2 * 0.25 / 1.25)


def test_one_cluster_against_singleton_gold() -> None:
    gold = partition({k: k for k in "abcd"})
    predicted = partition({k: 0 for k in "abcd"})
    result = bcubed(predicted, gold)
    assert result.precision == pytest.approx(1 / 4)
    assert result.recall == 1.0


def test_textbook_example() -> None:
    # gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}
    gold = partition({"a": 1, "b": 1, "c": 1, "d": 2, "e": 2})
    predicted = partition({"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"})
    result = bcubed(predicted, gold)
    # precision: a,b 1; c 1/3; d,e 2/3 -> (2 + 1/3 + 4/3) / 5
    assert result.precision == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)
    # recall: a,b 2/3; c 1/3; d,e 1 -> (4/3 + 1/3 + 2) / 5
    assert result.recall == pytest.approx((4 / 3 + 1 / 3 + 2) / 5)


def test_items_without_gold_are_not_scored() -> None:
    gold = {"a": {1}, "b": {1}, "noise": set()}
    predicted = partition({"a": 0, "b": 0, "noise": 0})
    result = bcubed(predicted, gold)
    assert result.items == 2
    assert result.precision == 1.0


def test_unpredicted_item_is_its_own_cluster() -> None:
    gold = partition({"a": 1, "b": 1})
    result = bcubed(partition({"a": 0}), gold)
    assert result.precision == 1.0
    assert result.recall == pytest.approx(0.5)


def test_overlapping_gold_extended_bcubed() -> None:
    # a reports incidents 1 and 2, b reports 1, c reports 2; all in one predicted cluster.
    gold = {"a": {1, 2}, "b": {1}, "c": {2}}
    predicted = partition({"a": 0, "b": 0, "c": 0})
    result = bcubed(predicted, gold)
    # precision: a: (1 + 1 + 1)/3; b: (1 + 1 + 0)/3; c: (1 + 0 + 1)/3
    assert result.precision == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    # recall: a vs itself min(1, 2)/2, vs b 1/1, vs c 1/1 -> (0.5 + 1 + 1)/3; b, c: 1
    assert result.recall == pytest.approx((2.5 / 3 + 1 + 1) / 3)


def test_overlapping_gold_matched_by_overlapping_prediction() -> None:
    gold = {"a": {1, 2}, "b": {1}, "c": {2}}
    assert bcubed(gold, gold).f1 == pytest.approx(1.0)


def test_empty_gold() -> None:
    result = bcubed({}, {})
    assert (result.items, result.f1) == (0, 0.0)
