"""score(): every task over a corpus; gold against itself is perfect; missing and unknown pages."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from builder.score import PredictionError, score


def scores_in(result: Mapping[str, Any], path: tuple = ()) -> Iterator[tuple[tuple, str, Any]]:
    """Every (path, key, value) of precision, recall, F1, Pk and WindowDiff in a result."""
    for key, value in result.items():
        if isinstance(value, Mapping):
            yield from scores_in(value, (*path, key))
        elif key in ("precision", "recall", "f1", "pk", "window_diff"):
            yield path, key, value


def assert_perfect(result: Mapping[str, Any], skip_entities: bool = False) -> None:
    found = list(scores_in(result))
    assert found
    for path, key, value in found:
        if skip_entities and path[0] == "entities":
            continue
        assert value == (0.0 if key in ("pk", "window_diff") else 1.0), (path, key)


def test_gold_against_itself_is_perfect(hand_gold: dict, hand_raws: dict) -> None:
    result = score({"hand": hand_gold}, hand_raws, {"hand": hand_gold})
    assert_perfect(result)
    assert result["missing_ids"] == []
    assert result["zones"]["boundary_errors"]["windows"] > 0
    assert list(result["entities"]["per_label"]) == ["ORG", "LOC"]
    assert json.loads(json.dumps(result)) == result  # plain JSON data


def test_bundled_gold_against_itself_is_perfect(bundled_gold: tuple[dict, dict]) -> None:
    gold, raws = bundled_gold
    result = score(gold, raws, gold, bootstrap=50)
    has_entities = any(record.get("entities") for record in gold.values())
    assert_perfect(result, skip_entities=not has_entities)
    assert result["documents"] == len(gold)
    assert result["zones"]["characters"]["micro"]["f1_ci_low"] == 1.0
    assert json.loads(json.dumps(result)) == result


def test_bundled_gold_with_summaries_called_titles(bundled_gold: tuple[dict, dict]) -> None:
    """Relabel every teaser summary as a teaser title and drop one page's repairs: scores follow from gold counts."""
    gold, raws = bundled_gold
    predictions = copy.deepcopy(gold)
    for record in predictions.values():
        for zone in record["zones"]:
            if zone["label"] == "teaser_summary":
                zone["label"] = "teaser_title"
    first = sorted(gold)[0]
    predictions[first]["repairs"] = []
    result = score(gold, raws, predictions)

    def non_space(label: str) -> int:
        return sum(sum(not c.isspace() for c in raws[i][z["start"] : z["end"]])
                   for i, r in gold.items() for z in r["zones"] if z["label"] == label)

    summaries, titles = non_space("teaser_summary"), non_space("teaser_title")
    if not summaries:
        pytest.skip("the bundled gold has no teaser summary")
    per_label = result["zones"]["characters"]["per_label"]
    assert per_label["teaser_title"]["precision"] == pytest.approx(titles / (titles + summaries))
    assert per_label["teaser_summary"]["recall"] == 0.0
    zones = sum(len(r["zones"]) for r in gold.values())
    changed = sum(z["label"] == "teaser_summary" for r in gold.values() for z in r["zones"])
    assert result["zones"]["spans"]["precision"] == pytest.approx((zones - changed) / zones)
    assert result["zones"]["main_content"]["f1"] == 1.0  # body zones untouched
    # a teaser title line now runs into its summary line: WindowDiff counts the lost boundaries (Pk, which only
    # asks whether a window holds any boundary, need not: the teaser lines still change label every line or two).
    assert result["zones"]["boundary_errors"]["window_diff"] > 0
    repairs = sum(len(r["repairs"]) for r in gold.values())
    assert result["repairs"]["recall"] == pytest.approx((repairs - len(gold[first]["repairs"])) / repairs)
    assert result["repairs"]["precision"] == 1.0


def test_a_page_without_prediction_counts_as_empty(hand_gold: dict, hand_raws: dict) -> None:
    other = {**hand_gold, "id": "other"}
    result = score({"hand": hand_gold, "other": other}, {**hand_raws, "other": hand_raws["hand"]}, {"hand": hand_gold})
    assert result["missing_ids"] == ["other"]
    assert result["repairs"]["recall"] == 1 / 2
    assert result["zones"]["characters"]["micro"]["precision"] == 1.0
    assert result["zones"]["characters"]["micro"]["recall"] == pytest.approx(1 / 2)


def test_task_selects_what_is_scored(hand_gold: dict, hand_raws: dict) -> None:
    result = score({"hand": hand_gold}, hand_raws, {}, task="repairs")
    assert result["tasks"] == ["repairs"]
    assert "zones" not in result and "entities" not in result
    assert result["repairs"]["gold"] == 1
    with pytest.raises(ValueError, match="unknown task 'ner'"):
        score({"hand": hand_gold}, hand_raws, {}, task="ner")


def test_unknown_page_and_bad_prediction_raise(hand_gold: dict, hand_raws: dict) -> None:
    with pytest.raises(PredictionError, match="no gold: stray"):
        score({"hand": hand_gold}, hand_raws, {"stray": {"id": "stray"}})
    bad = {"id": "hand", "zones": [{"start": 0, "end": 500, "label": "title"}]}
    with pytest.raises(PredictionError, match="prediction for page hand: zone 0 ends at 500"):
        score({"hand": hand_gold}, hand_raws, {"hand": bad})
    with pytest.raises(ValueError, match="gold for page hand: zone 0 ends at 500"):
        score({"hand": bad}, hand_raws, {})
    with pytest.raises(ValueError, match="no raw text for gold pages: hand"):
        score({"hand": hand_gold}, {}, {})


def test_an_imperfect_prediction_by_hand(hand_gold: dict, hand_raws: dict) -> None:
    # The parser misses the signature, takes the dateline for body and finds one of three entities.
    predicted = copy.deepcopy(hand_gold)
    predicted["zones"] = [z for z in predicted["zones"] if z["label"] != "signature"]
    predicted["zones"][2]["label"] = "body"
    predicted["entities"] = predicted["entities"][:1]
    result = score({"hand": hand_gold}, hand_raws, {"hand": predicted})
    spans = result["zones"]["spans"]
    assert (spans["correct"], spans["predicted"], spans["gold"]) == (5, 6, 7)
    chars = result["zones"]["characters"]["per_label"]
    assert chars["signature"]["recall"] == 0.0
    assert chars["dateline"]["recall"] == 0.0 and chars["body"]["recall"] == 1.0
    content = result["zones"]["main_content"]
    # gold body tokens: le maire de lyon parle / le texte continuesans espace = 9; the dateline adds paris, vna.
    assert (content["gold"], content["predicted"], content["recall"]) == (9, 11, 1.0)
    assert content["precision"] == 9 / 11
    strict = result["entities"]["overall"]["strict"]
    assert (strict["correct"], strict["missed"], strict["precision"], strict["recall"]) == (1, 2, 1.0, 1 / 3)
