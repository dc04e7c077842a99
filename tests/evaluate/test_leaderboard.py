"""The leaderboard: results appended, one ranking per gold set, never two gold sets in one ranking."""

from __future__ import annotations

import json
import shutil

import pytest

from builder import api
from builder.evaluate.leaderboard import LeaderboardError, read_leaderboard
from builder.read import bundled_gold_dir, bundled_pages_dir


def _section(markdown: str, digest: str) -> str:
    return markdown.split(f"## Gold set `{digest[:12]}`", 1)[1].split("\n## ", 1)[0]


def test_two_gold_sets_are_ranked_apart(test_parsers, tmp_path):
    board = tmp_path / "board" / "leaderboard.json"
    options = {"task": "zones", "bootstrap": 20, "min_seconds": 0, "leaderboard": board}
    full = api.evaluate(["test_parsers:lines"], **options)
    subset = tmp_path / "gold"
    subset.mkdir()
    for path in sorted(bundled_gold_dir().glob("*.json"))[:3]:
        shutil.copy(path, subset / path.name)
    part = api.evaluate(["test_parsers:raising"], gold=subset, pages=bundled_pages_dir(), **options)

    assert full["gold_set"]["sha256"] != part["gold_set"]["sha256"]
    assert (full["gold_set"]["pages"], part["gold_set"]["pages"]) == (5, 3)
    entries = read_leaderboard(board)
    assert [(e["parser"], e["gold_set"]["pages"]) for e in entries] == [
        ("ours", 5), ("test_parsers:lines", 5), ("ours", 3), ("test_parsers:raising", 3)]
    entry = entries[1]
    assert entry["toolkit"]["name"] == "vna-corpus" and entry["machine"]["cpus"] >= 1
    assert entry["tasks"]["zones"]["metrics"]["main_content"]["f1_ci_low"] <= \
        entry["tasks"]["zones"]["metrics"]["main_content"]["f1"]
    markdown = (board.parent / "LEADERBOARD.md").read_text(encoding="utf-8")
    first, second = _section(markdown, full["gold_set"]["sha256"]), _section(markdown, part["gold_set"]["sha256"])
    assert "test_parsers:lines" in first and "test_parsers:raising" not in first
    assert "test_parsers:raising" in second and "test_parsers:lines" not in second
    assert "| 1 | ours |" in first and "| 2 | test_parsers:lines |" in first

    # the same gold set again: a new entry, and the newest of each parser is ranked
    api.evaluate(["test_parsers:lines"], **options)
    assert len(read_leaderboard(board)) == 6
    markdown = (board.parent / "LEADERBOARD.md").read_text(encoding="utf-8")
    assert _section(markdown, full["gold_set"]["sha256"]).count("test_parsers:lines") == 1


def test_the_gold_set_identity_follows_the_labels_not_the_folder(tmp_path):
    from builder.evaluate import gold_set_identity
    from builder.label import load_gold_corpus

    gold, raws = load_gold_corpus()
    copy = tmp_path / "gold"
    shutil.copytree(bundled_gold_dir(), copy)
    assert gold_set_identity(*load_gold_corpus(copy)) == gold_set_identity(gold, raws)
    page = sorted(gold)[0]
    changed = {**gold, page: {**gold[page], "repairs": gold[page]["repairs"][1:]}}
    assert gold_set_identity(changed, raws) != gold_set_identity(gold, raws)


def test_a_broken_leaderboard_file_is_one_clear_error(tmp_path):
    board = tmp_path / "leaderboard.json"
    board.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(LeaderboardError, match="leaderboard.json: not a leaderboard JSON file"):
        read_leaderboard(board)
