"""The bundled gold obeys the guidelines' mechanics, and the validator catches each kind of slip."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.label import (
    GUIDELINES_VERSION,
    gold_repairs,
    gold_zones,
    is_repair_pair,
    load_gold,
    validate_gold_dir,
    validate_gold_record,
)
from builder.model import ZONE_LABELS, apply_repairs
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page

PAGE_IDS = sorted(p.stem for p in bundled_pages_dir().glob("*.txt"))


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the bundled gold and pages."""
    gold, pages = tmp_path / "gold", tmp_path / "pages"
    shutil.copytree(bundled_gold_dir(), gold)
    shutil.copytree(bundled_pages_dir(), pages)
    return gold, pages


def edit_record(gold: Path, page_id: str, change: Any) -> str:
    """Apply ``change(record, raw)`` to one gold file on disk; returns the file name."""
    path = gold / f"{page_id}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record, read_page(bundled_pages_dir() / f"{page_id}.txt").raw)
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path.name


def only_problems_of(problems: list[str], file_name: str) -> list[str]:
    assert problems, "the corruption was not caught"
    assert all(p.startswith(f"{file_name}: ") for p in problems), problems
    return problems


# --- the bundled gold -------------------------------------------------------------------


def test_bundled_gold_validates_clean() -> None:
    assert validate_gold_dir(bundled_gold_dir(), bundled_pages_dir()) == []


def test_every_bundled_page_has_gold() -> None:
    assert sorted(load_gold(bundled_gold_dir())) == PAGE_IDS
    assert len(PAGE_IDS) >= 5


def test_cli_validate_gold_passes_on_bundled_gold() -> None:
    result = CliRunner().invoke(main, ["validate-gold"])
    assert result.exit_code == 0, result.output
    assert "gold files OK" in result.output


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_gold_follows_the_page_layout(page_id: str) -> None:
    """Title first at offset 0, then lead; one more_header; teasers after it; signature before it."""
    record = load_gold(bundled_gold_dir())[page_id]
    labels = [z.label for z in gold_zones(record)]
    assert record["guidelines_version"] == GUIDELINES_VERSION
    assert gold_zones(record)[0].start == 0
    assert labels[:2] == ["title", "lead"]
    assert labels.count("more_header") == 1
    split = labels.index("more_header")
    article, teasers = labels[:split], labels[split + 1 :]
    assert "body" in article and article.count("signature") == 1
    assert set(teasers) <= {"teaser_caption", "teaser_title", "teaser_summary"}
    # Each teaser: an optional caption, then a title, then a summary.
    grouped = " ".join(teasers).replace("teaser_caption teaser_title teaser_summary", "T")
    assert set(grouped.replace("teaser_title teaser_summary", "T").split()) == {"T"}


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_gold_repairs_rebuild_the_lead_where_the_body_repeats_it(page_id: str) -> None:
    """Where the first body paragraph repeats the lead with glued words, the repairs must give back its spacing."""
    record = load_gold(bundled_gold_dir())[page_id]
    raw = read_page(bundled_pages_dir() / f"{page_id}.txt").raw
    zones = gold_zones(record)
    lead = next(z for z in zones if z.label == "lead")
    body = next(z for z in zones if z.label == "body")
    lead_words = raw[lead.start : lead.end].rstrip(".").split()
    if not "".join(raw[body.start : body.end].split()).startswith("".join(lead_words)):
        pytest.skip("the first body paragraph does not repeat the lead")
    inside = [r.offset - body.start for r in gold_repairs(record) if body.start < r.offset < body.end]
    repaired = apply_repairs(raw[body.start : body.end], inside)
    assert " ".join(repaired.split()).startswith(" ".join(lead_words))


# --- the repair rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [("e", "m", True), ("1", "L", True), ("é", "œ", True), (".", "O", True), ("…", "L", True),
     (",", "s", False), (":", "V", False), (".", "o", False), ("e", " ", False), ("t", "(", False)],
)
def test_repair_pair_rule(before: str, after: str, expected: bool) -> None:
    assert is_repair_pair(before, after) is expected


# --- each corruption is caught, naming the file -------------------------------------------


def test_shifted_zone_offset_is_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def shift(record: dict, raw: str) -> None:
        record["zones"][0]["start"] += 1

    name = edit_record(gold, PAGE_IDS[0], shift)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert any("does not match raw" in p for p in problems)
    assert any("in no zone" in p and "offset 0 (line 1)" in p for p in problems)


def test_wrong_zone_text_is_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def retype(record: dict, raw: str) -> None:
        record["zones"][1]["text"] = record["zones"][1]["text"].upper()

    name = edit_record(gold, PAGE_IDS[1], retype)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert len(problems) == 1 and "zone 1" in problems[0] and "does not match raw" in problems[0]


def test_overlapping_zones_are_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def overlap(record: dict, raw: str) -> None:
        zone = record["zones"][2]
        zone["start"] = record["zones"][1]["end"] - 3
        zone["text"] = raw[zone["start"] : zone["end"]]

    name = edit_record(gold, PAGE_IDS[2], overlap)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert any("zone 2" in p and "overlaps" in p for p in problems)


def test_unsorted_zones_are_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def swap(record: dict, raw: str) -> None:
        record["zones"][3], record["zones"][4] = record["zones"][4], record["zones"][3]

    name = edit_record(gold, PAGE_IDS[0], swap)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert any("zone 4" in p and "not sorted" in p for p in problems)


def test_gap_names_the_first_uncovered_character(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus
    dropped: dict[str, int] = {}

    def drop_body(record: dict, raw: str) -> None:
        index = next(i for i, z in enumerate(record["zones"]) if z["label"] == "body")
        zone = record["zones"].pop(index)
        dropped.update(start=zone["start"], line=raw.count("\n", 0, zone["start"]) + 1)

    name = edit_record(gold, PAGE_IDS[3], drop_body)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    # Repairs inside the dropped paragraph now lie in no zone, so the gap is not the only problem.
    gap = [p for p in problems if "in no zone" in p]
    assert len(gap) == 1
    assert f"at offset {dropped['start']} (line {dropped['line']})" in gap[0]


def test_zone_with_surrounding_space_is_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def widen(record: dict, raw: str) -> None:
        zones = record["zones"]
        zone = next(z for z, before in zip(zones[1:], zones, strict=False)
                    if z["start"] - 1 >= before["end"] and raw[z["start"] - 1] == " ")
        zone["start"] -= 1
        zone["text"] = raw[zone["start"] : zone["end"]]

    name = edit_record(gold, PAGE_IDS[0], widen)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert any("white space" in p for p in problems)


def test_unknown_label_is_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def relabel(record: dict, raw: str) -> None:
        record["zones"][0]["label"] = "headline"

    name = edit_record(gold, PAGE_IDS[4], relabel)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert len(problems) == 1 and "unknown label" in problems[0] and "headline" in problems[0]
    assert "headline" not in ZONE_LABELS


def test_repair_at_a_word_space_pair_is_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus
    moved: dict[str, int] = {}

    def misplace(record: dict, raw: str) -> None:
        repair = record["repairs"][-1]
        offset = raw.index(" ", repair["offset"])  # the end of the glued run: letter then space
        assert raw[offset - 1].isalnum()
        repair["offset"] = offset
        moved["offset"] = offset

    name = edit_record(gold, PAGE_IDS[1], misplace)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert any(f"at {moved['offset']}" in p and "not a glued boundary" in p for p in problems)


def test_repair_context_and_order_are_checked(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def scramble(record: dict, raw: str) -> None:
        record["repairs"][0]["context"] = "nowhere-near"
        record["repairs"][1], record["repairs"][2] = record["repairs"][2], record["repairs"][1]

    name = edit_record(gold, PAGE_IDS[2], scramble)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert any("repair 0" in p and "context" in p for p in problems)
    assert any("repair 2" in p and "sorted and unique" in p for p in problems)


def test_id_must_match_the_file_name(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def rename(record: dict, raw: str) -> None:
        record["id"] = "another_page"

    name = edit_record(gold, PAGE_IDS[0], rename)
    problems = only_problems_of(validate_gold_dir(gold, pages), name)
    assert len(problems) == 1 and "another_page" in problems[0]


def test_broken_json_is_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus
    path = gold / f"{PAGE_IDS[3]}.json"
    path.write_text(path.read_text(encoding="utf-8")[:-10], encoding="utf-8")
    problems = only_problems_of(validate_gold_dir(gold, pages), path.name)
    assert len(problems) == 1 and "broken JSON" in problems[0]


def test_missing_page_and_missing_gold_are_caught(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus
    (pages / f"{PAGE_IDS[0]}.txt").unlink()
    (gold / f"{PAGE_IDS[1]}.json").unlink()
    problems = validate_gold_dir(gold, pages)
    assert len(problems) == 2
    assert any(p.startswith(f"{PAGE_IDS[0]}.json: no page") for p in problems)
    assert any(p.startswith(f"{PAGE_IDS[1]}.txt: no gold file") for p in problems)


def test_cli_validate_gold_fails_naming_the_file(corpus: tuple[Path, Path]) -> None:
    gold, pages = corpus

    def relabel(record: dict, raw: str) -> None:
        record["zones"][-1]["label"] = "footer"

    name = edit_record(gold, PAGE_IDS[2], relabel)
    result = CliRunner().invoke(main, ["validate-gold", str(gold), "--pages", str(pages)])
    assert result.exit_code == 1
    assert f"error: {name}: " in result.output and "footer" in result.output


# --- the entity hook --------------------------------------------------------------------


def test_entities_are_checked_when_present() -> None:
    raw = "Le ministre Bui Thanh Son est a Hanoi."

    def entity(text: str, label: str) -> dict:
        start = raw.index(text)
        return {"start": start, "end": start + len(text), "label": label, "text": text}

    record = {
        "id": "page", "annotator": "a", "guidelines_version": GUIDELINES_VERSION,
        "zones": [{"start": 0, "end": len(raw), "label": "body", "text": raw}], "repairs": [],
        "entities": [entity("Bui Thanh Son", "PER"), entity("Hanoi", "LOC")],
    }
    assert validate_gold_record(record, raw, "page.json") == []
    record["entities"] += [entity("Thanh", "PER"), entity("Le", "THING")]
    problems = validate_gold_record(record, raw, "page.json")
    assert len(problems) == 2
    assert any("entity 2" in p and "overlaps entity 0" in p for p in problems)
    assert any("entity 3" in p and "unknown label" in p for p in problems)
