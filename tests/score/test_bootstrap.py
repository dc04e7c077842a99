"""Bootstrap intervals: documents resampled with replacement, seeded, percentile method."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from builder.score import score
from builder.score.bootstrap import percentile_interval, resampled_totals, with_intervals
from builder.score.repairs import repair_counts, summarize_repairs


def pages(hand_gold: dict, hand_raws: dict, n: int) -> tuple[dict, dict]:
    gold = {f"p{i}": {**hand_gold, "id": f"p{i}"} for i in range(n)}
    return gold, {page_id: hand_raws["hand"] for page_id in gold}


def test_percentile_interval_by_hand() -> None:
    # 11 values 0..10: the 2.5th and 97.5th percentiles sit at positions 0.25 and 9.75 (linear interpolation).
    assert percentile_interval([float(v) for v in range(11)]) == pytest.approx((0.25, 9.75))


def test_resampling_draws_whole_documents() -> None:
    # Each document has 1 or 10 gold repairs: any resample of 2 documents totals 2, 11 or 20.
    docs = [Counter({("gold",): 1}), Counter({("gold",): 10})]
    totals = {t[("gold",)] for t in resampled_totals(docs, 200, seed=3)}
    assert totals == {2, 11, 20}


def test_same_seed_same_intervals_and_no_global_state(hand_gold: dict, hand_raws: dict) -> None:
    gold, raws = pages(hand_gold, hand_raws, 4)
    predictions = {"p0": gold["p0"], "p1": {**gold["p1"], "repairs": []}}
    random.seed(1)
    np.random.seed(1)
    before = (random.random(), np.random.random())
    random.seed(1)
    np.random.seed(1)
    first = score(gold, raws, predictions, bootstrap=300, seed=7)
    after = (random.random(), np.random.random())
    assert before == after  # the global generators were not touched
    assert first == score(gold, raws, predictions, bootstrap=300, seed=7)
    assert first["bootstrap"] == {"samples": 300, "seed": 7, "confidence": 0.95,
                                  "method": "percentile, documents resampled with replacement"}


def test_every_score_gets_an_interval_around_it(hand_gold: dict, hand_raws: dict) -> None:
    gold, raws = pages(hand_gold, hand_raws, 5)
    predictions = {"p0": gold["p0"], "p1": gold["p1"], "p2": {**gold["p2"], "zones": gold["p2"]["zones"][:3]}}
    result = score(gold, raws, predictions, bootstrap=500, seed=0)
    repairs = result["repairs"]
    # 2 of the 5 pages miss their one repair: recall 3/5; resamples range over 0/5 .. 5/5.
    assert repairs["recall"] == 3 / 5
    assert 0.0 <= repairs["recall_ci_low"] < 3 / 5 < repairs["recall_ci_high"] <= 1.0
    zones = result["zones"]
    for node in (zones["characters"]["micro"], zones["characters"]["per_label"]["body"], zones["spans"],
                 result["entities"]["overall"]["strict"]):
        for key in ("precision", "recall", "f1"):
            assert node[f"{key}_ci_low"] <= node[f"{key}_ci_high"]
    errors = result["zones"]["boundary_errors"]
    assert errors["pk_ci_low"] <= errors["pk"] <= errors["pk_ci_high"]


def test_another_seed_draws_other_resamples() -> None:
    docs = [Counter({("gold",): 10**i}) for i in range(6)]  # every resample total tells which documents were drawn
    assert list(resampled_totals(docs, 20, seed=7)) == list(resampled_totals(docs, 20, seed=7))
    assert list(resampled_totals(docs, 20, seed=7)) != list(resampled_totals(docs, 20, seed=8))


def test_identical_documents_give_a_zero_width_interval() -> None:
    docs = [repair_counts([{"offset": 1}, {"offset": 2}], [{"offset": 1}])] * 6
    result = summarize_repairs(sum(docs, Counter()))
    replicates = [summarize_repairs(t) for t in resampled_totals(docs, 50, seed=0)]
    intervals = with_intervals(result, replicates)
    assert intervals["recall"] == intervals["recall_ci_low"] == intervals["recall_ci_high"] == 1 / 2
    assert "recall_ci_low" not in result  # the input is not modified
