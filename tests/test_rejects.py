"""A folder of bad inputs: each is rejected with its reason, nothing is lost, the good pages are built."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import builder.parse
from builder.api import build
from builder.read import READ_REASONS, TOO_LARGE, bundled_pages_dir, iter_pages
from builder.steps import REJECT_REASONS, content_problem

BUNDLED = sorted(bundled_pages_dir().glob("*.txt"))
MAX_BYTES = 30_000

ENGLISH_PAGE = """Flood waters recede in the northern provinces

Authorities said on Tuesday that the water level of the main rivers had fallen after a week of heavy rain.

Hanoi (VNA) – The water level of the Red River fell sharply on Tuesday morning, allowing thousands of families \
who had been evacuated last week to return to their homes. Local authorities have mobilised soldiers and \
volunteers to clean schools and hospitals, and to repair the roads damaged by landslides. -VNA
"""

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Actualités</title></head>
<body><div class="article"><p>Le texte de la page.</p></div></body></html>
"""


def make_inputs(root: Path) -> dict[str, str | None]:
    """Write the input folder; return each input's name (as the build names it) and its expected reason."""
    good, bad = root / "good", root / "later"
    good.mkdir(parents=True)
    bad.mkdir()
    texts = [p.read_bytes() for p in BUNDLED]
    expected: dict[str, str | None] = {}

    def put(folder: Path, name: str, data: bytes, reason: str | None) -> None:
        path = folder / name
        path.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)
        expected[f"{root.name}/{folder.name}/{name}"] = reason

    put(good, BUNDLED[0].name, texts[0], None)
    put(good, BUNDLED[1].name, texts[1].replace(b"\n", b"\r\n"), None)
    put(good, BUNDLED[2].stem + ".txt.gz", texts[2], None)
    records = [
        json.dumps({"id": BUNDLED[3].stem, "text": texts[3].decode(), "url": "https://example.org/a"}),
        "",
        json.dumps({"id": BUNDLED[4].stem, "text": texts[4].decode()}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "markup", "text": HTML_PAGE}),
        json.dumps({"id": "copy-in-jsonl", "text": texts[0].decode()}),
    ]
    (good / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    jsonl = f"{root.name}/good/records.jsonl"
    for number, reason in [(1, None), (3, None), (4, "bad-record"), (5, "bad-record"), (6, "html"),
                           (7, "duplicate")]:
        expected[f"{jsonl}:{number}"] = reason

    put(bad, "binary.txt", b"PK\x03\x04\x00\x00\x00\x08\x00", "binary")
    put(bad, "blank.txt", b"  \n\n \t\n", "empty")
    put(bad, "boom.txt", texts[1].replace(b"\n\n", b"\n\n\n", 1), "parse-error")
    (bad / "broken.txt.gz").write_bytes(b"this is not gzip data")  # named .gz, but not compressed
    expected[f"{root.name}/later/broken.txt.gz"] = "unreadable"
    put(bad, "copy.txt", texts[0], "duplicate")
    put(bad, "empty.txt", b"", "empty")
    put(bad, "english.txt", ENGLISH_PAGE.encode(), "not-french")
    put(bad, "huge.txt", texts[0] * (MAX_BYTES // len(texts[0]) + 1), TOO_LARGE)
    put(bad, "latin1.txt", texts[0].decode().encode("latin-1", "replace"), "not-utf8")
    put(bad, "page.txt", HTML_PAGE.encode(), "html")
    put(bad, BUNDLED[0].name, texts[0] + b"\nUne ligne de plus.\n", "duplicate-id")
    return expected


@pytest.fixture(scope="module")
def rejected_build(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("inputs") / "crawl"
    expected = make_inputs(root)
    real_parse = builder.parse.parse_page

    def parse_or_fail(raw: str, id: str = "", **kwargs):
        if id == "boom":
            raise RuntimeError("simulated parser bug")
        return real_parse(raw, id, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builder.parse, "parse_page", parse_or_fail)  # the seam the build calls through
        report = build([root], tmp_path_factory.mktemp("out") / "ds", workers=1, max_page_bytes=MAX_BYTES)
    rejects = [json.loads(line) for line in (report.out / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    return expected, report, rejects


def test_each_bad_input_is_rejected_with_its_reason(rejected_build):
    expected, _, rejects = rejected_build
    assert {r["input"]: r["reason"] for r in rejects} == {k: v for k, v in expected.items() if v}
    assert set(expected.values()) - {None} == set(REJECT_REASONS), "every reason is exercised"
    for reject in rejects:
        assert set(reject) == {"input", "id", "reason", "detail"}
        assert reject["detail"]


def test_details_name_the_earlier_page(rejected_build):
    _, _, rejects = rejected_build
    by_input = {r["input"]: r for r in rejects}
    assert by_input["crawl/later/copy.txt"]["detail"] == f"exact duplicate of page {BUNDLED[0].stem}"
    assert by_input[f"crawl/later/{BUNDLED[0].name}"]["detail"].endswith(f"crawl/good/{BUNDLED[0].name}")
    assert "en" in by_input["crawl/later/english.txt"]["detail"]


def test_nothing_is_lost(rejected_build):
    expected, report, rejects = rejected_build
    assert report.pages_in == len(expected) == report.pages_written + len(rejects)
    assert report.pages_rejected == len(rejects)
    assert sum(report.rejects.values()) == len(rejects)
    assert report.steps[0].total == report.pages_in


def test_each_step_counts_what_it_dropped(rejected_build):
    _, report, rejects = rejected_build
    step_of = {**{reason: "read" for reason in READ_REASONS}, "empty": "check", "html": "check",
               "duplicate": "dedup", "duplicate-id": "dedup", "parse-error": "parse", "not-french": "language"}
    dropped = {step.name: step.dropped for step in report.steps}
    for reason in REJECT_REASONS:
        assert dropped[step_of[reason]].get(reason) == sum(r["reason"] == reason for r in rejects), reason
    assert sum(n for by_reason in dropped.values() for n in by_reason.values()) == len(rejects)
    assert dropped["write"] == {} and report.steps[-1].forwarded == report.pages_written


def test_the_good_pages_are_built(rejected_build, load):
    _, report, _ = rejected_build
    rows = [row for split in load(report.out, "pages").values() for row in split]
    assert sorted(row["id"] for row in rows) == [p.stem for p in BUNDLED]
    originals = {page.id: page.raw for page in iter_pages(BUNDLED)}
    for row in rows:
        assert row["raw"] == originals[row["id"]], "CRLF, gzip and JSON Lines give the same raw text"
    urls = {row["id"]: row["url"] for row in rows}
    assert urls[BUNDLED[3].stem] == "https://example.org/a" and urls[BUNDLED[4].stem] == ""
    assert {row["id"]: row["source_file"] for row in rows}[BUNDLED[4].stem] == "crawl/good/records.jsonl:3"


def test_card_and_summary_count_the_rejects(rejected_build):
    _, report, rejects = rejected_build
    card = (report.out / "README.md").read_text(encoding="utf-8")
    assert f"{report.pages_in} input pages, of which {report.pages_written} are in the dataset and\n" \
           f"{len(rejects)} were rejected" in card
    for reason in REJECT_REASONS:
        count = sum(r["reason"] == reason for r in rejects)
        assert f"| `{reason}` | {REJECT_REASONS[reason]} | {count} |" in card
    summary = report.summary()
    assert f"pages in: {report.pages_in} = {report.pages_written} written + {len(rejects)} rejected" in summary
    assert "rejects.jsonl" in summary


@pytest.mark.parametrize("raw, problem", [
    ("", "empty"),
    ("Titre\n\nLe code <p> apparaît une fois dans ce texte.\n", None),
    ("<div><p>a</p><p>b</p><span>c</span></div>", "html"),
])
def test_content_checks(raw, problem):
    found = content_problem(raw)
    assert (found[0] if found else None) == problem


def test_an_over_long_jsonl_line_is_skipped_without_losing_the_next(tmp_path):
    path = tmp_path / "long.jsonl"
    long_text = "mot " * 5000
    page = "Titre\n\nChapeau.\n"
    path.write_text(json.dumps({"id": "a", "text": long_text}) + "\n" + json.dumps({"id": "b", "text": page}) + "\n",
                    encoding="utf-8")
    items = list(iter_pages([path], max_bytes=1000))
    assert [getattr(i, "reason", None) for i in items] == [TOO_LARGE, None]
    assert items[1].raw == page
