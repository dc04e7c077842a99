"""The parsing core scored once against the hand-made gold of the sample pages (every task)."""

from __future__ import annotations

import pytest

from builder.label import load_gold
from builder.parse import parse_page
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page
from builder.score import format_table, score


@pytest.fixture(scope="session")
def scored() -> dict:
    """``builder.score`` of ``parse_page`` on every gold page; the table prints with ``-s``."""
    gold = load_gold(bundled_gold_dir())
    raws = {page_id: read_page(bundled_pages_dir() / f"{page_id}.txt").raw for page_id in gold}
    predictions = {page_id: parse_page(raw, page_id, language=False).to_record() for page_id, raw in raws.items()}
    result = score(gold, raws, predictions, task="all")
    print(format_table(result))
    return result
