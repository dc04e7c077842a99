"""A parser that raises, returns malformed output or hangs on one page: that page fails, every other is scored."""

from __future__ import annotations

import importlib

from builder import api
from builder.label import load_gold_corpus
from builder.score import score
from tests.evaluate.conftest import FAIL_ON

GOLD, RAWS = load_gold_corpus()


def _main_content(predictions):
    return score(GOLD, RAWS, predictions, task="zones")["zones"]["main_content"]


def test_each_failing_parser_loses_only_its_failed_page(test_parsers):
    result = api.evaluate(["test_parsers:lines", "test_parsers:raising", "test_parsers:past_end",
                           "test_parsers:sleeping", "test_parsers:not_a_record"],
                          task="zones", bootstrap=0, min_seconds=0, timeout=3, compare=False)
    parsers = {p["name"]: p for p in result["parsers"]}
    reasons = {name: [(f["page"], f["reason"]) for f in p["failed_pages"]] for name, p in parsers.items()}
    assert reasons["test_parsers:lines"] == []
    [(page, why)] = reasons["test_parsers:raising"]
    assert page == FAIL_ON and why.startswith("RuntimeError: cannot read this page (at test_parsers.py:")
    [(page, why)] = reasons["test_parsers:past_end"]
    assert page == FAIL_ON and "malformed output" in why and "past the end of page" in why
    [(page, why)] = reasons["test_parsers:sleeping"]
    assert (page, why) == (FAIL_ON, "timed out after 3 s")
    [(page, why)] = reasons["test_parsers:not_a_record"]
    assert page == FAIL_ON and why == "malformed output: a str, not a record (dict)"

    # every other page is scored: the same counts as every line called body on all pages but the failed one
    lines = importlib.import_module("test_parsers").lines
    expected = _main_content({i: lines(raw, i) for i, raw in RAWS.items() if i != FAIL_ON})
    full = _main_content({i: lines(raw, i) for i, raw in RAWS.items()})
    rows = {row["system"]: row for row in result["tasks"]["zones"]["systems"]}
    for name in ("raising", "past_end", "sleeping", "not_a_record"):
        node = rows[f"test_parsers:{name}"]["scores"]["main_content"]
        assert (node["predicted"], node["common"]) == (expected["predicted"], expected["common"]), name
        assert node["gold"] == full["gold"]
    assert rows["test_parsers:lines"]["scores"]["main_content"]["predicted"] == full["predicted"]
    assert expected["predicted"] < full["predicted"]
    # the harness carried on after killing the hung worker: it was set up again and timed
    assert parsers["test_parsers:sleeping"]["pages_per_second"] > 0


def test_a_parser_that_cannot_be_imported_is_one_clear_error(test_parsers):
    import pytest

    from builder.evaluate import EvaluateError

    with pytest.raises(EvaluateError, match="test_parsers:nothing: 'test_parsers' has no attribute 'nothing'"):
        api.evaluate(["test_parsers:nothing"], task="zones", bootstrap=0, min_seconds=0, compare=False)
    with pytest.raises(EvaluateError, match="no {pages_dir} placeholder"):
        api.evaluate(commands=["cat {out_file}"], task="zones", bootstrap=0, min_seconds=0, compare=False)


def test_a_command_that_stops_halfway_fails_the_pages_it_did_not_write(tmp_path):
    script = tmp_path / "half.py"
    script.write_text(
        "import json, sys, pathlib\n"
        "pages = sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))\n"
        "with open(sys.argv[2], 'w') as out:\n"
        "    for page in pages[:2]:\n"
        "        out.write(json.dumps({'id': page.stem, 'zones': []}) + '\\n')\n"
        "sys.exit('out of memory' if pages else 0)\n", encoding="utf-8")
    import sys

    result = api.evaluate(commands=[f"{sys.executable} {script} {{pages_dir}} {{out_file}}"], task="zones",
                          bootstrap=0, min_seconds=0, compare=False)
    [parser] = result["parsers"]
    failed = {f["page"]: f["reason"] for f in parser["failed_pages"]}
    assert sorted(failed) == sorted(RAWS)[2:]
    assert set(failed.values()) == {"the command exited with code 1: out of memory"}


def test_a_setup_step_is_timed_apart_and_gives_the_predictor(setup_parser):
    result = api.evaluate([setup_parser], bootstrap=0, min_seconds=0, compare=False)
    [parser] = result["parsers"]
    assert parser["failed_pages"] == [] and parser["tasks"] == ["repairs"]
    assert parser["setup_seconds"] >= 0.5
    assert parser["pages_per_second"] > 2 * len(RAWS) / 0.5  # warm passes do not pay for the setup


def test_variants_add_the_variant_pages_and_score_their_zones_only(test_parsers):
    from builder.variants import variant_corpus

    variant_gold, variant_raws = variant_corpus(GOLD, RAWS)
    result = api.evaluate(["test_parsers:lines"], variants=True, bootstrap=0, min_seconds=0, compare=False)
    [parser] = result["parsers"]
    assert parser["failed_pages"] == [] and set(result["tasks"]) == {"zones"}
    assert "layout variants" in result["gold_set"]["source"]
    lines = importlib.import_module("test_parsers").lines
    everything = {**RAWS, **variant_raws}
    expected = score({**GOLD, **variant_gold}, everything, {i: lines(raw, i) for i, raw in everything.items()},
                     task="zones")["zones"]["main_content"]
    [row] = result["tasks"]["zones"]["systems"]
    assert (row["scores"]["main_content"]["gold"], row["scores"]["main_content"]["common"]) == (
        expected["gold"], expected["common"])
    assert expected["gold"] > score(GOLD, RAWS, {}, task="zones")["zones"]["main_content"]["gold"]
