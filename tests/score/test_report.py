"""Terminal and Markdown reports of a score result."""

from __future__ import annotations

import copy

from builder.score import format_markdown, format_table, score


def imperfect(hand_gold: dict) -> dict:
    predicted = copy.deepcopy(hand_gold)
    predicted["repairs"] = []
    predicted["entities"] = predicted["entities"][:2]
    return predicted


def test_table_lists_every_score(hand_gold: dict, hand_raws: dict) -> None:
    result = score({"hand": hand_gold}, hand_raws, {"hand": imperfect(hand_gold)})
    text = format_table(result)
    assert "Line segmentation errors (lower is better)" in text
    assert "Scores (higher is better)" in text
    repairs_row = next(line for line in text.splitlines() if line.startswith("repairs"))
    assert repairs_row.split()[-5:] == ["0.000", "0.000", "0.000", "1", "0"]
    strict_row = next(line for line in text.splitlines() if line.startswith("entities") and "strict" in line)
    assert strict_row.split()[2:] == ["1.000", "0.667", "0.800", "3", "2"]


def test_markdown_tables_are_well_formed(hand_gold: dict, hand_raws: dict) -> None:
    result = score({"hand": hand_gold}, hand_raws, {}, bootstrap=20)
    text = format_markdown(result)
    assert "no prediction (scored as empty) for 1: hand" in text
    tables = [block for block in text.split("\n\n") if block.startswith("|")]
    assert len(tables) == 5
    for table in tables:
        lines = table.splitlines()
        assert len({line.count("|") for line in lines}) == 1  # same number of cells on every line
        assert set(lines[1]) <= set("|-:")
    assert "| 95% CI (F1) |" in text


def test_nothing_to_score_reads_n_a(hand_gold: dict, hand_raws: dict) -> None:
    no_entities = {**hand_gold, "entities": []}
    text = format_table(score({"hand": no_entities}, hand_raws, {"hand": no_entities}))
    strict_row = next(line for line in text.splitlines() if line.startswith("entities") and "strict" in line)
    assert strict_row.split()[2:] == ["n/a", "n/a", "n/a", "0", "0"]
