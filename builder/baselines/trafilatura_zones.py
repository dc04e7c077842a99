"""Main-content peers: trafilatura and jusText (trafilatura's own fallback) on each page wrapped as simple HTML.

The scraper kept text, not HTML, so a page is given back the least structure a web page has: the first non-empty
line as ``<title>`` and ``<h1>``, every other non-empty line as one ``<p>``, in order. Whatever the extractor keeps
is found back in the raw text, paragraph by paragraph and in order (white space may differ: extractors collapse it),
and each found span is labelled ``body``; everything else gets no zone. So only the body scores mean anything for a
peer: it has no notion of lead, caption or teaser, and the dateline and signature that share a line with the body
are kept with it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Any

from builder.baselines.optional import import_peer
from builder.parse.zones import split_lines

#: The zone label given to kept text.
KEPT_LABEL = "body"

#: trafilatura's precision/recall trade-off: ``"default"``, ``"precision"`` (favor_precision) or ``"recall"``.
TRAFILATURA_MODES: tuple[str, ...] = ("default", "precision", "recall")

#: jusText's stop-word list for the page language.
JUSTEXT_STOPLIST = "French"

Predictor = Callable[[str, str], dict[str, Any]]


def page_html(raw: str) -> str:
    """A raw page as minimal HTML: first line as title and ``<h1>``, every other non-empty line a ``<p>``.

    >>> page_html("Titre & co\\n\\nUn <texte>.\\n").split("\\n")  # doctest: +NORMALIZE_WHITESPACE
    ['<html><head><title>Titre &amp; co</title></head><body>', '<h1>Titre &amp; co</h1>',
     '<p>Un &lt;texte&gt;.</p>', '</body></html>']
    """
    lines = [html.escape(line.text, quote=False) for line in split_lines(raw)]
    if not lines:
        return "<html><head></head><body></body></html>"
    paragraphs = "".join(f"<p>{line}</p>\n" for line in lines[1:])
    return f"<html><head><title>{lines[0]}</title></head><body>\n<h1>{lines[0]}</h1>\n{paragraphs}</body></html>"


def _loose_pattern(paragraph: str) -> re.Pattern[str] | None:
    """A regex for the paragraph's words in order, with any run of white space between them."""
    words = paragraph.split()
    return re.compile(r"\s+".join(map(re.escape, words))) if words else None


def kept_text_zones(raw: str, paragraphs: Iterable[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Body zones for the kept paragraphs, found in ``raw`` in order; and the paragraphs not found.

    Each paragraph is searched from the end of the previous match, so a repeated sentence maps to its next
    occurrence and zones never overlap.

    >>> kept_text_zones("Titre\\nUn  texte ici.\\nAutre", ["Un texte ici.", "Absent"])
    ([{'start': 6, 'end': 20, 'label': 'body'}], ['Absent'])
    """
    zones: list[dict[str, Any]] = []
    unmapped: list[str] = []
    cursor = 0
    for paragraph in paragraphs:
        pattern = _loose_pattern(paragraph)
        if pattern is None:
            continue
        m = pattern.search(raw, cursor)
        if m is None:
            unmapped.append(paragraph)
            continue
        zones.append({"start": m.start(), "end": m.end(), "label": KEPT_LABEL})
        cursor = m.end()
    return zones, unmapped


def trafilatura_paragraphs(trafilatura: Any, raw: str, mode: str = "default") -> list[str]:
    """The text trafilatura keeps from the page's HTML, one paragraph per line."""
    if mode not in TRAFILATURA_MODES:
        raise ValueError(f"unknown trafilatura mode {mode!r} (expected one of {', '.join(TRAFILATURA_MODES)})")
    text = trafilatura.extract(
        page_html(raw), output_format="txt", favor_precision=mode == "precision", favor_recall=mode == "recall"
    )
    return (text or "").split("\n")


def justext_paragraphs(justext: Any, stoplist: frozenset[str], raw: str) -> list[str]:
    """The paragraphs jusText does not call boilerplate, with its default settings."""
    paragraphs = justext.justext(page_html(raw).encode("utf-8"), stoplist, encoding="utf-8")
    return [p.text for p in paragraphs if not p.is_boilerplate]


def _record(page_id: str, raw: str, paragraphs: list[str]) -> dict[str, Any]:
    zones, unmapped = kept_text_zones(raw, paragraphs)
    return {"id": page_id, "zones": zones, "repairs": [], "entities": [], "unmapped": unmapped}


def load_trafilatura_zones(mode: str = "default") -> Predictor:
    """A predictor ``(raw, page_id) -> record`` (with an ``unmapped`` list of kept text not found in raw)."""
    trafilatura = import_peer("trafilatura")

    def predict(raw: str, page_id: str) -> dict[str, Any]:
        return _record(page_id, raw, trafilatura_paragraphs(trafilatura, raw, mode))

    return predict


def load_justext_zones() -> Predictor:
    """A predictor ``(raw, page_id) -> record`` over jusText with the French stop-word list."""
    justext = import_peer("justext")
    stoplist = justext.get_stoplist(JUSTEXT_STOPLIST)

    def predict(raw: str, page_id: str) -> dict[str, Any]:
        return _record(page_id, raw, justext_paragraphs(justext, stoplist, raw))

    return predict


def all_lines_zones(raw: str, page_id: str) -> dict[str, Any]:
    """The floor every extractor should beat: every non-empty line called body."""
    zones = [{"start": line.start, "end": line.end, "label": KEPT_LABEL} for line in split_lines(raw)]
    return {"id": page_id, "zones": zones, "repairs": [], "entities": []}
