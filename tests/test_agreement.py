"""Inter-annotator agreement: kappa checked against scikit-learn, scores on real gold, differences listed exactly."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import api
from builder.agreement import agreement, cohen_kappa, entity_token_tags, zone_char_labels
from builder.cli import main
from builder.label import load_gold
from builder.parse import parse_page
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page

sklearn_metrics = pytest.importorskip("sklearn.metrics")

GOLD = load_gold(bundled_gold_dir())
RAWS = {page_id: read_page(bundled_pages_dir() / f"{page_id}.txt").raw for page_id in GOLD}


def silver(page_id: str) -> dict:
    return parse_page(RAWS[page_id], page_id).to_record()


@pytest.mark.parametrize("page_id", sorted(GOLD))
def test_kappa_agrees_with_scikit_learn_on_gold_against_the_parser(page_id: str) -> None:
    raw, gold, parsed = RAWS[page_id], GOLD[page_id], relabelled(silver(page_id))
    chars_gold, chars_parsed = zone_char_labels(raw, gold["zones"]), zone_char_labels(raw, parsed["zones"])
    tags_gold, tags_parsed = entity_token_tags(raw, gold["entities"], parsed["entities"])
    for a, b in ((chars_gold, chars_parsed), (tags_gold, tags_parsed)):
        ours = cohen_kappa(a, b)
        assert ours == pytest.approx(sklearn_metrics.cohen_kappa_score(a, b), abs=1e-9)
        assert ours == pytest.approx(sklearn_metrics.cohen_kappa_score(b, a), abs=1e-9)
    assert len(set(chars_gold)) > 3 and len(set(tags_gold)) > 3


def relabelled(record: dict) -> dict:
    """A second annotator who reads every caption as a lead and every teaser caption as a teaser title."""
    swap = {"caption": "lead", "teaser_caption": "teaser_title"}
    return {**record, "zones": [{**z, "label": swap.get(z["label"], z["label"])} for z in record["zones"]]}


def test_pooled_kappa_agrees_with_scikit_learn_over_all_pages() -> None:
    records_b = {page_id: relabelled(silver(page_id)) for page_id in GOLD}
    result = agreement(GOLD, records_b, RAWS)
    chars_a = [c for p in sorted(GOLD) for c in zone_char_labels(RAWS[p], GOLD[p]["zones"])]
    chars_b = [c for p in sorted(GOLD) for c in zone_char_labels(RAWS[p], records_b[p]["zones"])]
    assert result["overall"]["zones"]["kappa"] == pytest.approx(
        sklearn_metrics.cohen_kappa_score(chars_a, chars_b), abs=1e-9)
    assert result["overall"]["zones"]["characters"] == len(chars_a)
    assert result["overall"]["zones"]["kappa"] < 1.0


def test_kappa_on_small_hand_counted_cases() -> None:
    # 10 items, 8 agree; A says x 5 times, B says x 5 times: chance = 0.5, kappa = (0.8 - 0.5) / 0.5.
    a = list("xxxxxyyyyy")
    b = list("xxxxyxyyyy")
    assert cohen_kappa(a, b) == pytest.approx(0.6, abs=1e-12)
    assert cohen_kappa(["x"] * 4, ["x"] * 4) == 1.0          # one label on both sides: full agreement
    with pytest.raises(ValueError):
        cohen_kappa(["x"], ["x", "y"])


def test_gold_against_itself_agrees_fully() -> None:
    result = agreement(GOLD, copy.deepcopy(GOLD), RAWS)
    for scores in [*result["pages"].values(), result["overall"]]:
        assert scores["zones"]["kappa"] == scores["entities"]["kappa"] == 1.0
        assert scores["zones"]["micro"]["f1"] == scores["repairs"]["f1"] == 1.0
        assert scores["entities"]["strict"]["f1"] == scores["entities"]["partial"]["f1"] == 1.0
    assert all(not any(d["zones"]) for d in (s["differences"] for s in result["pages"].values()))


def test_one_moved_boundary_one_added_entity_and_one_missing_repair_are_the_only_differences() -> None:
    page_id = "000_5b3fb5f38518c9b8"
    raw, edited = RAWS[page_id], copy.deepcopy(GOLD[page_id])
    index = next(i for i, z in enumerate(edited["zones"]) if z["label"] == "dateline")
    dateline, body = edited["zones"][index], edited["zones"][index + 1]
    assert body["label"] == "body" and body["start"] - dateline["end"] == 1
    word_end = raw.index(" ", body["start"])                     # the dateline swallows the body's first word
    moved = raw[body["start"]:word_end]
    dateline["end"], dateline["text"] = word_end, raw[dateline["start"]:word_end]
    body["start"] = word_end + 1
    body["text"] = raw[body["start"]:body["end"]]
    covered = {i for e in edited["entities"] for i in range(e["start"], e["end"])}
    start = raw.index("coordination", body["start"])
    assert not covered & set(range(start, start + 12))
    added = {"start": start, "end": start + 12, "label": "MISC", "text": "coordination"}
    edited["entities"] = sorted([*edited["entities"], added], key=lambda e: e["start"])
    dropped = edited["repairs"].pop(0)["offset"]
    result = agreement(GOLD, {page_id: edited}, RAWS)
    scores = result["pages"][page_id]
    assert scores["differences"] == {
        "zones": [{"start": body["start"] - len(moved) - 1, "end": word_end, "a": "body", "b": "dateline",
                   "text": moved}],
        "repairs": {"a_only": [dropped], "b_only": []},
        "entities": {"a_only": [], "b_only": [added]},
    }
    assert scores["zones"]["disagreements"] == len(moved)
    assert 0.9 < scores["zones"]["kappa"] < 1.0
    gold_entities = len(GOLD[page_id]["entities"])
    assert scores["entities"]["strict"]["correct"] == gold_entities and scores["entities"]["strict"]["spurious"] == 1
    assert scores["entities"]["per_label"]["MISC"]["strict"]["spurious"] == 1
    assert result["a_only"] == sorted(set(GOLD) - {page_id}) and result["b_only"] == []


def test_the_cli_prints_a_table_markdown_and_json(tmp_path: Path) -> None:
    b = tmp_path / "b"
    b.mkdir()
    for page_id in sorted(GOLD)[:2]:
        shutil.copy(bundled_gold_dir() / f"{page_id}.json", b)
    runner = CliRunner()
    table = runner.invoke(main, ["agreement", str(bundled_gold_dir()), str(b)])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[0].split()[:3] == ["page", "zone", "kappa"]
    assert f"{sorted(GOLD)[4]}: in A only (not compared)" in table.output
    markdown = runner.invoke(main, ["agreement", str(bundled_gold_dir()), str(b), "--format", "markdown"])
    assert markdown.output.startswith("| page | zone kappa |")
    data = json.loads(runner.invoke(main, ["agreement", str(bundled_gold_dir()), str(b), "--format", "json"]).output)
    assert data["common"] == sorted(GOLD)[:2] and data["a_only"] == sorted(GOLD)[2:]
    assert data == json.loads(json.dumps(api.agreement(bundled_gold_dir(), b)))
