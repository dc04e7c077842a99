"""``vna-corpus parse``: JSON Lines in the gold schema; bad files are named, the rest still parsed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from builder.cli import main
from builder.read import bundled_pages_dir


def test_parse_bundled_corpus_writes_gold_schema() -> None:
    result = CliRunner().invoke(main, ["parse", str(bundled_pages_dir())])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    ids = sorted(p.stem for p in bundled_pages_dir().glob("*.txt"))
    assert [r["id"] for r in records] == ids
    for record in records:
        raw = (bundled_pages_dir() / f"{record['id']}.txt").read_text(encoding="utf-8")
        assert {"id", "zones", "repairs", "entities"} <= set(record)
        for zone in record["zones"]:
            assert raw[zone["start"] : zone["end"]] == zone["text"]
        assert "fields" not in record


def test_parse_fields_option(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    page = sorted(bundled_pages_dir().glob("*.txt"))[0]
    result = CliRunner().invoke(main, ["parse", str(page), "--fields", "--out", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["language"] == "fr"
    assert record["fields"]["title"] == page.read_text(encoding="utf-8").split("\n", 1)[0]
    assert record["fields"]["dateline"]["agency"] == "VNA"
    assert record["fields"]["teasers"]


def test_bad_file_gets_one_line_error_and_others_are_parsed(tmp_path: Path) -> None:
    for page in sorted(bundled_pages_dir().glob("*.txt"))[:2]:
        shutil.copy(page, tmp_path / page.name)
    (tmp_path / "latin1.txt").write_bytes("Une page en latin-1 : coopération".encode("latin-1"))
    result = CliRunner().invoke(main, ["parse", str(tmp_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "latin1.txt" in errors[0] and "not UTF-8" in errors[0]
    assert len(result.stdout.splitlines()) == 2
