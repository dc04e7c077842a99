"""Loading predictions: one-line errors naming file, line and problem; lenient mode drops the bad item."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from builder.score.predictions import PredictionError, check_record, load_predictions

RAWS = {"p1": "Titre\nLe texte ici.", "p2": "Autre page"}  # p1 is 19 characters long


def line(**record: Any) -> str:
    return json.dumps(record)


def zone(start: Any, end: Any, label: str = "title") -> dict[str, Any]:
    return {"start": start, "end": end, "label": label}


def load(*lines: str, lenient: bool = False) -> tuple[dict, list[str]]:
    return load_predictions(list(lines), RAWS.keys(), RAWS, lenient=lenient)


def error_of(*lines: str) -> str:
    with pytest.raises(PredictionError) as caught:
        load(*lines)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_good_lines_load() -> None:
    records, warnings = load(
        line(id="p1", zones=[zone(0, 5)], repairs=[{"offset": 8}]),
        "",
        line(id="p2", entities=[{"start": 0, "end": 5, "label": "MISC", "text": "Autre"}]),
    )
    assert warnings == []
    assert records["p1"]["zones"] == [zone(0, 5)]
    assert records["p2"]["zones"] == [] and records["p2"]["entities"][0]["label"] == "MISC"


def test_a_file_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "preds.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line(id="p2").encode() + b"\n")
    records, _ = load_predictions(path, RAWS.keys(), RAWS)
    assert list(records) == ["p2"]


def test_messages_can_name_the_stream() -> None:
    with pytest.raises(PredictionError, match="^<stdin>:1: unknown id 'x'"):
        load_predictions([line(id="x")], RAWS.keys(), RAWS, name="<stdin>")


def test_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "preds.jsonl"
    path.write_text(line(id="p2") + "\n" + line(id="p1", zones=[zone(0, 9001)]) + "\n")
    expected = r"preds\.jsonl:2: zone 0 ends at 9001, past the end of page p1 \(19 chars\)$"
    with pytest.raises(PredictionError, match=expected):
        load_predictions(path, RAWS.keys(), RAWS)


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ('{"id": "p1", "zones": [', r"^<predictions>:2: not JSON \(Expecting value at column 24\)$"),
        ("[1, 2]", "not a JSON object but list"),
        (line(zones=[]), "no 'id'"),
        (line(id=7), "id 7 is not a string"),
        (line(id="p9"), "unknown id 'p9'"),
        (line(id="p1", zones=[zone(-1, 3)]), "zone 0 starts at -1"),
        (line(id="p1", zones=[zone(4, 4)]), r"zone 0 is empty or reversed \(start 4 >= end 4"),
        (line(id="p1", zones=[zone(5, 2)]), "zone 0 is empty or reversed"),
        (line(id="p1", zones=[zone("0", 5)]), "zone 0 has start '0', not an integer"),
        (line(id="p1", zones=[zone(0, 5.0)]), "zone 0 has end 5.0, not an integer"),
        (line(id="p1", zones=[zone(False, 5)]), "zone 0 has start False, not an integer"),
        (line(id="p1", zones=[{"end": 5, "label": "title"}]), "zone 0 has no 'start'"),
        (line(id="p1", zones=[{"start": 0, "end": 5, "label": "headline"}]), "zone 0 has unknown label 'headline'"),
        (line(id="p1", zones=["title"]), "zone 0 is not a JSON object"),
        (
            line(id="p1", zones=[zone(0, 5), {"start": 3, "end": 9, "label": "lead"}]),
            r"zone 1 \(3-9\) overlaps zone 0 \(0-5\)",
        ),
        (line(id="p1", zones={"start": 0}), "'zones' is not a list"),
        (line(id="p1", repairs=[{"offset": 2.5}]), "repair 0 has offset 2.5, not an integer"),
        (line(id="p1", repairs=[{"offset": 20}]), r"repair 0 has offset 20, outside page p1 \(0 to 19\)"),
        (line(id="p1", repairs=[{"at": 3}]), "repair 0 has no 'offset'"),
        (line(id="p1", entities=[{"start": 0, "end": 5, "label": "PERSON"}]), "entity 0 has unknown label 'PERSON'"),
        (line(id="p1", entities=[{"start": 0, "end": 30, "label": "PER"}]), "entity 0 ends at 30, past the end"),
    ],
)
def test_each_problem_raises_one_line(bad_line: str, expected: str) -> None:
    message = error_of(line(id="p2"), bad_line)
    assert message.startswith("<predictions>:2: ")
    assert re.search(expected, message), message


def test_duplicate_id_names_the_first_line() -> None:
    assert error_of(line(id="p1"), line(id="p1")) == "<predictions>:2: duplicate id 'p1' (first on line 1)"


def test_lenient_drops_bad_items_and_keeps_the_rest() -> None:
    records, warnings = load(
        '{"id": "p2", broken',
        line(id="p1", zones=[
            zone(0, 5),
            {"start": 2, "end": 8, "label": "lead"},  # overlaps zone 0: dropped
            {"start": 6, "end": 19, "label": "body"},
        ], repairs=[{"offset": 99}, {"offset": 8}], entities=[{"start": 6, "end": 8, "label": "XX"}]),
        line(id="p1", zones=[]),  # duplicate: the whole line is dropped
        line(id="nope"),
        lenient=True,
    )
    assert [z["label"] for z in records["p1"]["zones"]] == ["title", "body"]
    assert records["p1"]["repairs"] == [{"offset": 8}]
    assert records["p1"]["entities"] == []
    assert "p2" not in records  # its only line is broken
    assert [w.split(": ")[0] for w in warnings] == ["<predictions>:1", "<predictions>:2", "<predictions>:2",
                                                    "<predictions>:2", "<predictions>:3", "<predictions>:4"]
    assert "zone 1 (2-8) overlaps zone 0 (0-5)" in warnings[1]


def test_strict_mode_stops_at_the_first_problem() -> None:
    message = error_of(line(id="p1", repairs=[{"offset": 99}], zones=[zone(0, 99)]))
    assert "zone 0" in message  # zones are checked before repairs


def test_check_record_keeps_only_the_schema() -> None:
    clean, problems = check_record({"id": "p2", "zones": [zone(0, 5)], "extra": 1},
                                   RAWS["p2"])
    assert problems == []
    assert clean == {"id": "p2", "zones": [zone(0, 5)], "repairs": [], "entities": []}
