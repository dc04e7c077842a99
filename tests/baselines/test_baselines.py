"""The baselines: each peer's adapter gives valid predictions, the comparison runs, the card carries the table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.baselines import baselines_markdown, default_systems, run_baselines
from builder.baselines.optional import MissingPeer
from builder.baselines.ours import OUR_PREDICTORS
from builder.card import BASELINES, CARDS_DIR
from builder.cli import main
from builder.evaluate import Entry, Parser, ParserSource
from builder.label import load_gold_corpus
from builder.score import check_record, score

GOLD, RAWS = load_gold_corpus()
SYSTEMS = {(task, e.parser.name): e for e in default_systems() if e.source.distribution == "vna-corpus"
           for task in e.parser.tasks}


def _loaded(entry: Entry):
    try:
        return entry.parser.setup()
    except MissingPeer as err:
        pytest.skip(str(err))


def test_our_core_and_every_peer_are_registered_plugins():
    names = {name for _, name in SYSTEMS}
    assert {"ours", "trafilatura", "jusText", "every line is body", "spaCy fr_core_news_sm"} <= names
    assert {"wordninja (all unknown runs)", "symspellpy (lowercase unknown runs)"} <= names
    assert all(entry.source.plugin for entry in SYSTEMS.values())


@pytest.mark.parametrize("key", sorted(SYSTEMS), ids=lambda key: f"{key[0]}:{key[1]}")
def test_every_system_gives_valid_predictions_on_every_page(key):
    task, entry = key[0], SYSTEMS[key]
    predict = _loaded(entry)
    for page_id, raw in RAWS.items():
        record = predict(raw, page_id)
        cleaned, problems = check_record(record, raw)
        assert problems == [], (entry.name, page_id, problems[:3])
        assert cleaned[task] or task == "repairs", f"{entry.name} predicts nothing on {page_id}"


def test_the_floor_keeps_every_body_token():
    floor = SYSTEMS[("zones", "every line is body")]
    result = run_baselines(GOLD, RAWS, bootstrap=20, seed=1, systems=[SYSTEMS[("zones", "ours")], floor],
                           min_seconds=0)
    ours, every_line = result["tasks"]["zones"]["systems"]
    assert every_line["scores"]["main_content"]["recall"] == 1.0
    assert every_line["scores"]["main_content"]["precision"] < 0.5
    diff = every_line["difference_vs_ours"]
    assert diff["ci_low"] <= diff["difference"] <= diff["ci_high"] < 0
    assert ours["speed_vs_ours"] == 1.0


GHOST = """
from builder.baselines.optional import import_peer
from builder.evaluate import Parser

GHOST = Parser("ghost", lambda: import_peer("a_package_that_is_not_installed"), ("repairs",), "peer",
               "a peer that is not installed")
"""


def test_a_missing_peer_is_a_row_with_its_install_line(tmp_path, monkeypatch):
    (tmp_path / "ghost_peer.py").write_text(GHOST, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    source = ParserSource("ghost_peer:GHOST")
    ghost = Entry(source.load(), source)
    assert isinstance(ghost.parser, Parser)
    result = run_baselines(GOLD, RAWS, bootstrap=0, systems=[SYSTEMS[("repairs", "ours")], ghost], min_seconds=0)
    row = result["tasks"]["repairs"]["systems"][1]
    assert row["status"] == "missing" and "pip install" in row["error"]
    assert "not run: " in baselines_markdown(result)


def test_the_stored_comparison_scores_our_current_core():
    """``cards/baselines.json`` must be rerun when the core changes: its `ours` rows equal a fresh score."""
    stored = json.loads((CARDS_DIR / BASELINES).read_text(encoding="utf-8"))
    assert stored["pages"] == sorted(GOLD)
    metric_paths = {"zones": ("zones", "main_content"), "repairs": ("repairs",)}
    for task, section in stored["tasks"].items():
        ours = next(row for row in section["systems"] if row["system"] == "ours")
        predictions = {i: OUR_PREDICTORS[task](raw, i) for i, raw in RAWS.items()}
        gold = GOLD
        if task == "entities":
            labels = ours["labels"]
            gold = {i: {**r, "entities": [e for e in r["entities"] if e["label"] in labels]} for i, r in GOLD.items()}
            predictions = {i: {**p, "entities": [e for e in p["entities"] if e["label"] in labels]}
                           for i, p in predictions.items()}
        fresh = score(gold, RAWS, predictions, task=task)
        node = fresh["entities"]["overall"]["strict"] if task == "entities" else fresh
        if task != "entities":
            for key in metric_paths[task]:
                node = node[key]
        first_metric = section["metrics"][0]
        assert ours["scores"][first_metric]["f1"] == pytest.approx(node["f1"]), (task, "rerun vna-corpus baselines")
    assert all(row["status"] == "ok" for section in stored["tasks"].values() for row in section["systems"])


def test_the_card_carries_the_baselines_table(built):
    _, folder = built
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert "\n## Baselines\n" in card
    for system in ("trafilatura", "jusText", "wordninja", "symspellpy", "spaCy fr_core_news_sm"):
        assert f"| {system}" in card


PLUGIN = """
import re

DATELINE = re.compile(r"^[^\\n()]{2,60}\\((?:VNA|AVI)\\)\\s?[-–]", re.M)


def parse(raw, page_id):
    return {"id": page_id, "zones": [{"start": m.start(), "end": m.end(), "label": "dateline"}
                                     for m in DATELINE.finditer(raw)]}
"""


def install_plugin(site: Path) -> None:
    """A tiny distribution, as pip would install it: a module and its dist-info with one entry point."""
    site.mkdir()
    (site / "dateline_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "dateline_plugin-0.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: dateline-plugin\nVersion: 0.3\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[vna_corpus.parsers]\ndateline-finder = dateline_plugin:parse\n",
                                           encoding="utf-8")


def test_cli_prints_the_comparison_with_an_installed_plugin_and_writes_json(tmp_path, monkeypatch):
    install_plugin(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    out = tmp_path / "baselines.json"
    result = CliRunner().invoke(main, ["baselines", "--bootstrap", "0", "--min-seconds", "0", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("## Baselines")
    written = json.loads(out.read_text(encoding="utf-8"))
    assert set(written["tasks"]) == {"zones", "repairs", "entities"}
    # the plugin is run like every other registered parser, with nothing of this project changed
    [row] = [r for r in written["tasks"]["zones"]["systems"] if r["system"] == "dateline-finder"]
    assert row["status"] == "ok" and row["kind"] == "candidate"
    assert row["per_label"]["dateline"]["f1"] > 0.9 and row["scores"]["main_content"]["f1"] == 0.0
    assert "difference_vs_ours" in row and "difference_vs_best_peer" in row
    [parser] = [p for p in written["parsers"] if p["name"] == "dateline-finder"]
    assert parser["source"] == {"plugin": "dateline-finder", "distribution": "dateline-plugin",
                                "reference": "dateline_plugin:parse"}
    assert parser["version"] == "0.3"
    assert "| dateline-finder |" in result.output
