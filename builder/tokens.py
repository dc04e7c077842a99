"""Tokens and BIO tags for the ``entities`` config, with an exact way back to raw offsets.

A paragraph's tokens come from its *repaired* text (the lost spaces put back), so a glued
``russeIvan`` gives two tokens. Each token also keeps its half-open span in the raw
text (``raw[start:end]`` is the token: an inserted space is never inside a token), and the
tokeniser cuts at every entity boundary, so BIO tags turned back into spans give exactly the
stored spans (:func:`spans_from_bio` inverts :func:`bio_tags`).

>>> raw = "la diplomatie russeIvan Petrov"
>>> tokens = tokenize(raw, 0, [19], cuts=[19, 30])
>>> [(t.text, t.start, t.end) for t in tokens][2:]
[('russe', 14, 19), ('Ivan', 19, 23), ('Petrov', 24, 30)]
>>> tags = bio_tags(tokens, [(19, 30, "PER")])
>>> tags
['O', 'O', 'O', 'B-PER', 'I-PER']
>>> spans_from_bio(tokens, tags)
[(19, 30, 'PER')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

#: Words (letters and digits, with inner hyphens, dots or commas between digits: ``COVID-19``, ``3.321``),
#: an elided form with its apostrophe (``d'``, ``qu’``), or any other single non-space character.
TOKEN_RE = re.compile(r"[^\W\d_]{1,7}['’](?=[^\W\d_])|\w+(?:[-.,]\w+)*|\S")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the repaired text and its half-open span in the raw text."""

    text: str
    start: int
    end: int


def tokenize(raw: str, offset: int = 0, repairs: Sequence[int] = (), cuts: Sequence[int] = ()) -> list[Token]:
    """Tokens of ``raw`` (a paragraph starting at ``offset`` of its page) split at the ``repairs``
    (page offsets where a space goes back) and at the ``cuts`` (page offsets of entity boundaries).

    Raw offsets stay exact because the repaired text is only ``raw`` with spaces inserted, and a
    token never holds one: cutting ``raw`` at the repair offsets is the same as tokenising the
    repaired text.
    """
    breaks = sorted({o - offset for o in (*repairs, *cuts) if 0 < o - offset < len(raw)})
    tokens: list[Token] = []
    for match in TOKEN_RE.finditer(raw):
        start, end = match.span()
        lo, hi = bisect_right(breaks, start), bisect_left(breaks, end)
        for a, b in zip([start, *breaks[lo:hi]], [*breaks[lo:hi], end]):
            tokens.append(Token(raw[a:b], offset + a, offset + b))
    return tokens


def bio_tags(tokens: Sequence[Token], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """``B-``/``I-``/``O`` tags of ``tokens`` for the (start, end, label) ``spans`` (raw offsets).

    A token belongs to a span when it lies inside it; spans are flat (no overlap).
    """
    tags = ["O"] * len(tokens)
    starts = [t.start for t in tokens]
    for start, end, label in spans:
        first = bisect_left(starts, start)
        inside = False
        for i in range(first, len(tokens)):
            if tokens[i].end > end:
                break
            tags[i] = ("I-" if inside else "B-") + label
            inside = True
    return tags


def spans_from_bio(tokens: Sequence[Token], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) raw spans from BIO tags: a span runs from a ``B-`` over the ``I-`` of its label.

    An ``I-`` that does not continue a span of its label opens one (the usual lenient reading).
    """
    spans: list[tuple[int, int, str]] = []
    current: list | None = None
    for token, tag in zip(tokens, tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label:
            current[1] = token.end
            continue
        if current is not None:
            spans.append(tuple(current))
            current = None
        if prefix in ("B", "I"):
            current = [token.start, token.end, label]
    if current is not None:
        spans.append(tuple(current))
    return spans
