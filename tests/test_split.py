"""Splits: a pure function of the normalised title; adding pages never moves a page already placed."""

from __future__ import annotations

import random
import string

import pytest

from builder.api import build
from builder.read import bundled_pages_dir
from builder.split import SPLIT_NAMES, parse_ratios, split_key, split_of


def test_the_same_story_scraped_twice_lands_in_one_split():
    title = "Le Vietnam renforce la coopération économique avec l'Union européenne"
    variants = [
        title.upper(),
        "Le Vietnam renforce la coopération économiqueavec l’Union  européenne",  # a lost space, another apostrophe
        "le vietnam renforce la cooperation economique avec l'union europeenne ",
    ]
    assert {split_key(v, "id") for v in variants} == {split_key(title, "id")}
    for ratios in [(80, 10, 10), (1, 1, 1), (50, 0, 50)]:
        assert {split_of(split_key(v, "id"), ratios) for v in variants} == {split_of(split_key(title, "id"), ratios)}


def test_a_title_without_letters_falls_back_to_the_page_id():
    assert split_key(" – ", "page-7") == split_key("", "page-7") == "page7"


def test_split_sizes_follow_the_ratios():
    rng = random.Random(0)
    keys = ["".join(rng.choices(string.ascii_lowercase, k=12)) for _ in range(20_000)]
    for ratios in [(80, 10, 10), (1, 2, 1)]:
        counts = {name: 0 for name in SPLIT_NAMES}
        for key in keys:
            counts[split_of(key, ratios)] += 1
        for name, ratio in zip(SPLIT_NAMES, ratios):
            assert abs(counts[name] / len(keys) - ratio / sum(ratios)) < 0.015
    assert {split_of(key, (0, 0, 5)) for key in keys[:200]} == {"test"}


@pytest.mark.parametrize("text", ["80,20", "80,10,-10", "a,b,c", "0,0,0", "80;10;10"])
def test_bad_ratios_are_refused(text):
    with pytest.raises(ValueError):
        parse_ratios(text)


def test_adding_pages_never_moves_earlier_pages(built, tmp_path, load):
    """Rebuild with more pages (new stories, and a re-scrape of a known one): earlier pages keep their split."""
    _, folder = built
    before = {row["id"]: split for split, rows in load(folder, "pages").items() for row in rows}
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    pages = sorted(bundled_pages_dir().glob("*.txt"))
    for page in pages:
        (crawl / page.name).write_bytes(page.read_bytes())
    for i, page in enumerate(pages):
        title, rest = page.read_text(encoding="utf-8").split("\n", 1)
        (crawl / f"new_{i}.txt").write_text(f"Nouvelle édition {i} : {title}\n{rest}", encoding="utf-8")
    title, rest = pages[0].read_text(encoding="utf-8").split("\n", 1)
    (crawl / "rescrape.txt").write_text(title.upper() + "\n" + rest.replace(". ", ".  ", 1), encoding="utf-8")
    report = build([crawl], tmp_path / "bigger", workers=1, split_ratios=built[0].split_ratios)
    after = {row["id"]: split for split, rows in load(report.out, "pages").items() for row in rows}
    assert len(after) == len(before) + len(pages) + 1
    assert {page_id: after[page_id] for page_id in before} == before
    assert after["rescrape"] == before[pages[0].stem]
