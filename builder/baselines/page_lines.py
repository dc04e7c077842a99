"""The lines of a raw page: the unit every peer is given (a paragraph, a title, a caption, a teaser line)."""

from __future__ import annotations

import re

LINE_RE = re.compile(r"[^\n]+")


def line_spans(raw: str) -> list[tuple[int, int]]:
    """The non-empty lines of ``raw`` as half-open spans, without their surrounding white space.

    >>> line_spans("Titre\\n\\n  Un texte. \\n")
    [(0, 5), (9, 17)]
    """
    spans = []
    for m in LINE_RE.finditer(raw):
        text = m.group()
        stripped = text.strip()
        if stripped:
            start = m.start() + len(text) - len(text.lstrip())
            spans.append((start, start + len(stripped)))
    return spans
