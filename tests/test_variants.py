"""The layout-variant suite: its gold is exact, and the zone step holds its floors on every kind."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.label import load_gold
from builder.parse.zones import segment
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page
from builder.score.zones import char_labels
from builder.variants import KINDS, derive_variants, gold_variants, rebuild, score_variants

#: Every variant kind of the bundled gold pages scores at least this zone char-F1 (figures: RESULTS.md).
KIND_FLOOR = 0.97


@pytest.fixture(scope="module")
def variants() -> list:
    gold = load_gold(bundled_gold_dir())
    raws = {page_id: read_page(bundled_pages_dir() / f"{page_id}.txt").raw for page_id in gold}
    return gold_variants(gold, raws)


def test_every_kind_is_made(variants) -> None:
    assert {v.kind for v in variants} == set(KINDS)


def test_variant_gold_is_exact(variants) -> None:
    gold = load_gold(bundled_gold_dir())
    for v in variants:
        original = " ".join(z["text"] for z in gold[v.page_id]["zones"])
        previous_end = 0
        for z in v.zones:
            text = v.raw[z["start"] : z["end"]]
            assert text == z["text"] and text == text.strip() and "\n" not in text, (v.name, z)
            assert z["start"] >= previous_end, (v.name, z)
            previous_end = z["end"]
            if z["label"] != "boilerplate":
                assert text in original, (v.name, z)
        covered = char_labels(v.raw, v.zones)
        assert all(label is not None for ch, label in zip(v.raw, covered) if not ch.isspace()), v.name


def test_rebuild_clips_a_zone_cut_mid_word() -> None:
    raw = "Un titre\n\nUn paragraphe du corps.\n"
    zones = [{"start": 0, "end": 8, "label": "title"}, {"start": 10, "end": 33, "label": "body"}]
    new_raw, new_zones = rebuild(raw, zones, [(0, 16)])
    assert new_raw == "Un titre\n\nUn par"
    assert [(z["label"], z["text"]) for z in new_zones] == [("title", "Un titre"), ("body", "Un par")]


def test_head_cuts_stop_at_the_first_body_paragraph() -> None:
    raw = read_page(bundled_pages_dir() / "000_5b3fb5f38518c9b8.txt").raw
    gold = load_gold(bundled_gold_dir())["000_5b3fb5f38518c9b8"]
    heads = [v for v in derive_variants("000", raw, gold["zones"]) if v.kind == "head_cut"]
    assert [v.zones[0]["label"] for v in heads] == ["lead", "caption", "dateline"]


def test_every_kind_scores_above_its_floor(variants) -> None:
    result = score_variants(variants)
    low = {kind: round(r["f1"], 3) for kind, r in result.items() if r["f1"] < KIND_FLOOR}
    assert not low, low


def assert_no_false_title(variants) -> None:
    """No character the gold gives another label is called title on a headless variant."""
    for v in variants:
        if v.kind not in ("head_cut", "no_title"):
            continue
        gold_labels = char_labels(v.raw, v.zones)
        predicted = char_labels(v.raw, [{"start": z.start, "end": z.end, "label": z.label}
                                        for z in segment(v.raw)[0]])
        wrong = {g for g, p in zip(gold_labels, predicted) if p == "title" and g != "title"}
        assert not wrong, (v.name, wrong)


def test_no_paragraph_is_a_title_for_coming_first(variants) -> None:
    """Where the headline is gone (title removed, head cut), no body, lead or caption character is called title."""
    assert_no_false_title(variants)


def test_variants_command_prints_the_table_and_json() -> None:
    table = CliRunner().invoke(main, ["variants"])
    assert table.exit_code == 0, table.output
    assert "| `head_cut` |" in table.output and "zone char-F1" in table.output
    data = CliRunner().invoke(main, ["variants", "--format", "json"])
    assert set(json.loads(data.output)) == set(KINDS)


def test_no_title_for_coming_first_on_the_written_pages() -> None:
    """The same on the variants of the pages written for the tests (``tests/data``)."""
    from pathlib import Path

    data = Path(__file__).resolve().parent / "data"
    gold = load_gold(data / "gold")
    raws = {page_id: read_page(data / "pages" / f"{page_id}.txt").raw for page_id in gold}
    assert_no_false_title(gold_variants(gold, raws))


def test_every_kind_scores_above_its_floor_on_the_written_pages() -> None:
    """The variant suite of the pages written for the tests (53 pages, 660-odd variants) holds the same floor."""
    from pathlib import Path

    data = Path(__file__).resolve().parent / "data"
    gold = load_gold(data / "gold")
    raws = {page_id: read_page(data / "pages" / f"{page_id}.txt").raw for page_id in gold}
    result = score_variants(gold_variants(gold, raws))
    assert set(result) == set(KINDS)
    low = {kind: round(r["f1"], 3) for kind, r in result.items() if r["f1"] < KIND_FLOOR}
    assert not low, low
