"""The scale corpus: seeded, of the sample layout, read by the build, and marked synthetic in the card."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner

from builder.api import build
from builder.cli import main
from builder.label import is_repair_pair
from builder.parse import parse_page
from builder.read import iter_pages
from builder.synth import (
    SYNTH_URL_PREFIX,
    is_synthetic,
    sample_parts,
    synth_page,
    synth_pages,
    synthetic_pages_in,
    write_synth,
)

PAGES = 40


@pytest.fixture(scope="module")
def pages():
    return list(synth_pages(PAGES, seed=3))


def test_same_seed_same_pages_and_page_i_does_not_depend_on_n(pages):
    assert [p.raw for p in synth_pages(PAGES, seed=3)] == [p.raw for p in pages]
    assert synth_page(17, seed=3) == pages[17]
    assert [p.raw for p in synth_pages(5, seed=4)] != [p.raw for p in pages[:5]]


def test_ids_and_the_synthetic_mark(pages):
    assert [p.id for p in pages[:3]] == ["synth-0000000", "synth-0000001", "synth-0000002"]
    assert all(re.fullmatch(r"synth-\d{7}", p.id) for p in pages)
    assert all(p.url == f"{SYNTH_URL_PREFIX}3/{p.id}" and is_synthetic(p) for p in pages)
    assert len({p.raw for p in pages}) == PAGES, "no two pages alike (the build would drop duplicates)"


def test_the_parser_zones_every_synthetic_page_of_the_layout(pages):
    parts = sample_parts()
    for page in pages:
        parsed = parse_page(page.raw, page.id, entities=False)
        labels = Counter(z.label for z in parsed.zones)
        assert parsed.warnings == (), page.id
        assert parsed.language == "fr", page.id
        assert labels["title"] == labels["lead"] == labels["more_header"] == 1, page.id
        assert labels["signature"] == 1 and labels["body"] >= 3, page.id
        # Every teaser of the Voir plus block is found whole: its title, then its summary.
        teasers = page.raw.split("\nVoir plus\n", 1)[1]
        expected = [t for t in parts.teasers if f"\n{t.summary}\n" in teasers]
        assert labels["teaser_title"] == labels["teaser_summary"] == len(expected), page.id
        assert parsed.fields.title == page.raw.split("\n", 1)[0]


def test_glued_words_come_back_as_repairs(pages):
    """The body lost a space at each wrap; the parser's repairs give most glued paragraphs back exactly."""
    clean = set(sample_parts().paragraphs)
    glued = recovered = 0
    for page in pages:
        parsed = parse_page(page.raw, page.id, entities=False, language=False)
        for r in parsed.repairs:
            assert is_repair_pair(page.raw[r.offset - 1], page.raw[r.offset]), page.id
        bodies = [z for z in parsed.zones if z.label == "body"]
        for zone, repaired in zip(bodies, parsed.fields.body):
            if page.raw[zone.start : zone.end] not in clean:
                glued += 1
                recovered += repaired in clean
    assert glued > len(pages), "most pages have glued paragraphs"
    assert recovered / glued > 0.5


def test_write_synth_shards_that_the_build_reads_and_marks(tmp_path):
    paths = write_synth(25, tmp_path / "synth", seed=1, shard_pages=10)
    assert [p.name for p in paths] == ["synth-00000.jsonl.gz", "synth-00001.jsonl.gz", "synth-00002.jsonl.gz"]
    again = write_synth(25, tmp_path / "again", seed=1, shard_pages=10)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again], "byte-identical files"
    with gzip.open(paths[0], "rt", encoding="utf-8") as stream:
        first = json.loads(stream.readline())
    assert set(first) == {"id", "text", "url"} and first["id"] == "synth-0000000"
    read = list(iter_pages([tmp_path / "synth"]))
    assert [p.raw for p in read] == [p.raw for p in synth_pages(25, seed=1)]

    report = build([tmp_path / "synth"], tmp_path / "built", workers=1)
    assert report.pages_written == 25 == report.synthetic_pages
    assert "synthetic: 25 pages" in report.summary()
    card = (tmp_path / "built" / "README.md").read_text(encoding="utf-8")
    assert "**Synthetic benchmark build.** 25 of the 25 pages" in card
    assert "- synthetic" in card.split("---")[1], "tagged synthetic in the YAML"
    assert synthetic_pages_in(tmp_path / "built") == 25, "the data itself says so, for a release to refuse"


def test_a_build_of_real_pages_says_nothing_synthetic(built):
    report, folder = built
    assert report.synthetic_pages == 0 == synthetic_pages_in(folder)
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert "Synthetic" not in card and "- synthetic" not in card
    assert "synthetic" not in report.summary()


def test_cli_synth(tmp_path):
    result = CliRunner().invoke(main, ["synth", "12", "--out", str(tmp_path / "s"), "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "Wrote 12 synthetic pages (seed 2)" in result.output
    assert len(list(iter_pages([tmp_path / "s"]))) == 12
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(main, ["synth", "3", "--out", str(tmp_path / "file")])
    assert result.exit_code != 0 and "file" in result.output
