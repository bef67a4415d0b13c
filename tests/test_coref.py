"""The coreference scorers (MUC, B³, CEAF-e, CoNLL F1) on hand-computed cases and invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.evaluate.coref import b_cubed, ceaf_e, clusters_from_labels, conll, muc, prf

KEY = [{1, 2, 3}, {4, 5}]
RESPONSE = [{1, 2}, {3, 4, 5}]


def test_hand_computed_scores() -> None:
    assert muc(KEY, RESPONSE).recall == pytest.approx(2 / 3) and muc(KEY, RESPONSE).precision == pytest.approx(2 / 3)
    assert b_cubed(KEY, RESPONSE).recall == pytest.approx(11 / 15)
    assert b_cubed(KEY, RESPONSE).precision == pytest.approx(11 / 15)
    assert ceaf_e(KEY, RESPONSE).recall == pytest.approx(0.8) and ceaf_e(KEY, RESPONSE).precision == pytest.approx(0.8)
    assert conll(KEY, RESPONSE)["conll_f1"] == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)


def test_twinless_mentions_as_the_reference_scorer() -> None:
    key, response = [{1, 2}], [{1, 3}]
    assert muc(key, response).recall == 0.0
    assert b_cubed(key, response).recall == pytest.approx(0.25) and b_cubed(key, response).precision == pytest.approx(0.25)
    assert ceaf_e(key, response).f1 == pytest.approx(0.5)


def test_all_in_one_and_all_singletons() -> None:
    key = [{1, 2}, {3, 4}, {5}]
    one = [{1, 2, 3, 4, 5}]
    assert muc(key, one).recall == 1.0 and muc(key, one).precision == pytest.approx(2 / 4)
    assert b_cubed(key, one).recall == 1.0 and b_cubed(key, one).precision == pytest.approx((4 + 4 + 1) / 25)
    singletons = [{m} for m in range(1, 6)]
    assert muc(key, singletons).recall == 0.0 and b_cubed(key, singletons).precision == 1.0


def test_helpers() -> None:
    assert sorted(map(sorted, clusters_from_labels({"a": 1, "b": 1, "c": 2}))) == [["a", "b"], ["c"]]
    assert prf(3, 4, 6).precision == 0.75 and prf(0, 0, 0).f1 == 0.0


partitions = st.lists(st.integers(0, 6), min_size=1, max_size=25).map(
    lambda labels: clusters_from_labels(dict(enumerate(labels)))
)


@settings(max_examples=80, deadline=None)
@given(partitions, partitions)
def test_scores_are_bounded_and_perfect_on_identity(key, response) -> None:  # type: ignore[no-untyped-def]
    for metric in (muc, b_cubed, ceaf_e):
        score = metric(key, response)
        assert 0.0 <= score.precision <= 1.0 + 1e-9 and 0.0 <= score.recall <= 1.0 + 1e-9
        assert metric(key, response).recall == pytest.approx(metric(response, key).precision)
    assert b_cubed(key, key).f1 == pytest.approx(1.0) and ceaf_e(key, key).f1 == pytest.approx(1.0)
    if any(len(c) > 1 for c in key):
        assert muc(key, key).f1 == pytest.approx(1.0)
