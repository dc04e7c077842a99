"""``vna-corpus score``: the CLI mirrors ``builder.api.score``, against gold files or a built dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.label import load_gold
from builder.read import bundled_gold_dir, bundled_pages_dir


@pytest.fixture(scope="module")
def gold_as_predictions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("preds") / "gold.jsonl"
    records = load_gold(bundled_gold_dir())
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()), encoding="utf-8")
    return path


def test_gold_against_itself_scores_one(gold_as_predictions: Path) -> None:
    result = CliRunner().invoke(main, ["score", "--pred", str(gold_as_predictions), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["zones"]["characters"]["micro"]["f1"] == 1.0
    assert scores["zones"]["spans"]["f1"] == 1.0
    assert scores["repairs"]["f1"] == 1.0
    assert scores["entities"]["overall"]["strict"]["f1"] == 1.0
    assert scores["zones"]["boundary_errors"]["pk"] == 0.0


def test_parser_predictions_scored_against_built_dataset(tmp_path: Path, built: tuple) -> None:
    built_dataset = built[1]
    preds = tmp_path / "preds.jsonl"
    parsed = CliRunner().invoke(main, ["parse", str(bundled_pages_dir()), "--out", str(preds)])
    assert parsed.exit_code == 0, parsed.output
    against_files = CliRunner().invoke(main, ["score", "--pred", str(preds), "--format", "json", "--task", "repair"])
    against_dataset = CliRunner().invoke(
        main, ["score", "--pred", str(preds), "--gold", str(built_dataset), "--format", "json", "--task", "repair"])
    assert against_files.exit_code == 0 and against_dataset.exit_code == 0, against_dataset.output
    files, dataset = json.loads(against_files.output), json.loads(against_dataset.output)
    assert dataset["repairs"] == files["repairs"]
    assert 0.9 <= files["repairs"]["f1"] < 1.0


def test_bad_prediction_is_named(tmp_path: Path) -> None:
    preds = tmp_path / "bad.jsonl"
    preds.write_text('{"id": "no_such_page", "zones": []}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["score", "--pred", str(preds)])
    assert result.exit_code == 1
    assert "bad.jsonl:1" in result.output and "no_such_page" in result.output


def test_markdown_with_bootstrap(gold_as_predictions: Path) -> None:
    result = CliRunner().invoke(main, ["score", "--pred", str(gold_as_predictions), "--format", "markdown",
                                       "--bootstrap", "50", "--seed", "1", "--task", "repairs"])
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("#") or "|" in result.output
