"""Shared cases: one small hand-made page with every task labelled, and the bundled gold when it exists."""

from __future__ import annotations

import json
from typing import Any

import pytest

from builder.read import bundled_gold_dir, bundled_pages_dir, read_page

#: A made-up page of the layout family: title, lead, dateline + body over two lines, signature, a teaser.
HAND_RAW = (
    "Titre du jour\n"  # 0-13
    "Le chapeau ici.\n"  # 14-29
    "Paris (VNA) – Le maire de Lyon parle.\n"  # 30-67
    "Le texte continuesans espace.\n"  # 68-97
    "-VNA\n"  # 98-102
    "Un autre titre\n"  # 103-117
)


def span(raw: str, text: str, label: str) -> dict[str, Any]:
    """A span dict for the first occurrence of ``text``."""
    start = raw.index(text)
    return {"start": start, "end": start + len(text), "label": label}


@pytest.fixture
def hand_raws() -> dict[str, str]:
    return {"hand": HAND_RAW}


@pytest.fixture
def hand_gold() -> dict[str, Any]:
    raw = HAND_RAW
    return {
        "id": "hand",
        "zones": [
            span(raw, "Titre du jour", "title"),
            span(raw, "Le chapeau ici.", "lead"),
            span(raw, "Paris (VNA) –", "dateline"),
            span(raw, "Le maire de Lyon parle.", "body"),
            span(raw, "Le texte continuesans espace.", "body"),
            span(raw, "-VNA", "signature"),
            span(raw, "Un autre titre", "teaser_title"),
        ],
        "repairs": [{"offset": raw.index("sans espace")}],
        "entities": [span(raw, "Paris", "LOC"), span(raw, "Lyon", "LOC"), span(raw, "VNA", "ORG")],
    }


@pytest.fixture(scope="session")
def bundled_gold() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Gold records and raw texts of the bundled corpus; skips until the gold files are written."""
    paths = sorted(bundled_gold_dir().glob("*.json"))
    if not paths:
        pytest.skip("no bundled gold files yet")
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in paths}
    raws = {page_id: read_page(bundled_pages_dir() / f"{page_id}.txt").raw for page_id in gold}
    return gold, raws
