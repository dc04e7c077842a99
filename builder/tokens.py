"""One tokenisation pass over a page, shared by the repair finder, the entity tagger and the ``entities`` rows.

A page is tokenised once, by one compiled regex, into a :class:`TokenTable`: parallel lists of token texts and
of their half-open spans in the raw text (no per-token Python object). The split and the offsets are made in C:
``re.split`` with a capturing group gives gaps and tokens in turn, and the running sum of their lengths gives
every boundary. A paragraph's tokens are a slice of its page's (tokens never cross white space).

For the ``entities`` config a paragraph's tokens are those of its *repaired* text (the lost spaces put back), so
a glued ``russeIvan`` gives two tokens; a token keeps its span in the raw text (``raw[start:end]`` is the token:
an inserted space is never inside a token), and tokens are also cut at every entity boundary, so BIO tags turned
back into spans give exactly the stored spans (:func:`spans_from_bio` inverts :func:`bio_tags`).

>>> raw = "la diplomatie russeIvan Petrov"
>>> tokens = tokenize(raw, 0, [19], cuts=[19, 30])
>>> list(zip(*tokens))[2:]
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
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

_LETTER = r"[^\W\d_]"
#: A word of 1 to 7 letters just before the current position, opening its token (nothing of ``\w`` before it).
_SHORT_WORD_BEHIND = "|".join(f"(?<=(?<!\\w){_LETTER}{{{k}}})" for k in range(1, 8))
#: Words (letters and digits, with inner hyphens, dots or commas between digits: ``COVID-19``, ``3.321``),
#: an elided form with its apostrophe (``d'``, ``qu’``: a token of 1 to 7 letters, then the apostrophe, then a
#: letter), or any other single non-space character. Possessive quantifiers (no backtracking) give the same
#: tokens about a quarter faster; the elided form is read after the word, only when an apostrophe follows it
#: (not tried first at every word: that scanned every word twice), which is a third faster again. Both
#: alternatives open on ``\S`` (the word's first character, then a look-behind that it is ``\w``), so the
#: engine skips white space on a character class (about 5% fewer instructions than opening on ``\w++``).
TOKEN_RE = re.compile(
    rf"\S(?<=\w)\w*+(?:(?:[-.,]\w+)++|['’](?<=(?:{_SHORT_WORD_BEHIND}).)(?={_LETTER}))?+|\S"
)
#: The same, capturing: ``re.split`` then returns the white-space gaps and the tokens in turn.
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")


class TokenTable(NamedTuple):
    """Tokens as parallel lists: their texts and their half-open spans in the raw text."""

    texts: list[str]
    starts: list[int]
    ends: list[int]

    def between(self, start: int, end: int) -> TokenTable:
        """The tokens that lie inside ``[start, end)`` (a paragraph of the page), a slice of the lists."""
        lo, hi = bisect_left(self.starts, start), bisect_right(self.ends, end)
        return TokenTable(self.texts[lo:hi], self.starts[lo:hi], self.ends[lo:hi])


def token_table(text: str, offset: int = 0) -> TokenTable:
    """The tokens of ``text`` (which starts at ``offset`` of its page), in one regex pass."""
    return _table(_SPLIT_RE.split(text), offset)


def _table(parts: list[str], offset: int) -> TokenTable:
    """The table of ``re.split``'s gaps and tokens in turn: the running sum of their lengths gives the spans."""
    bounds = list(accumulate(map(len, parts), initial=offset))
    count = len(parts) // 2
    return TokenTable(parts[1::2], bounds[1::2][:count], bounds[2::2])


@lru_cache(maxsize=1)
def _page_parts(raw: str) -> list[str]:
    """The page's white-space gaps and tokens in turn: its one regex pass, kept for the last page only (a worker
    parses a page, then makes its rows; a benchmark looping over a few pages never times a cached pass)."""
    return _SPLIT_RE.split(raw)


def page_token_texts(raw: str) -> list[str]:
    """The texts of :func:`page_tokens` without their spans: the repair finder reads only the words, so the
    parse does not pay for the offsets (about a quarter of the pass) that only the rows read."""
    return _page_parts(raw)[1::2]


@lru_cache(maxsize=1)
def page_tokens(raw: str) -> TokenTable:
    """The tokens of a whole page, made once: the parse steps and the rows of the same page share them.

    Only the last page is kept, like its regex pass (:func:`page_token_texts` reads the same pass). The table is
    shared: treat its lists as read-only.
    """
    return _table(_page_parts(raw), 0)


def split_at(tokens: TokenTable, breaks: Sequence[int]) -> TokenTable:
    """``tokens`` with every token that holds one of the ``breaks`` (raw offsets) strictly inside cut there."""
    texts, starts, ends = tokens
    inside = sorted({b for b in breaks if (i := bisect_right(starts, b) - 1) >= 0 and starts[i] < b < ends[i]})
    if not inside:
        return tokens
    texts, starts, ends = list(texts), list(starts), list(ends)
    for b in reversed(inside):  # from the right, so the indices of the tokens before stay valid
        i = bisect_right(starts, b) - 1
        start, end, text = starts[i], ends[i], texts[i]
        texts[i : i + 1] = [text[: b - start], text[b - start :]]
        starts[i : i + 1] = [start, b]
        ends[i : i + 1] = [b, end]
    return TokenTable(texts, starts, ends)


def tokenize(raw: str, offset: int = 0, repairs: Sequence[int] = (), cuts: Sequence[int] = ()) -> TokenTable:
    """Tokens of ``raw`` (a paragraph starting at ``offset`` of its page) split at the ``repairs``
    (page offsets where a space goes back) and at the ``cuts`` (page offsets of entity boundaries).

    Raw offsets stay exact because the repaired text is only ``raw`` with spaces inserted, and a
    token never holds one: cutting ``raw`` at the repair offsets is the same as tokenising the
    repaired text.
    """
    return split_at(token_table(raw, offset), [*repairs, *cuts])


def tokens_inside(starts: Sequence[int], ends: Sequence[int], start: int, end: int, lo: int = 0,
                  hi: int | None = None) -> tuple[int, int]:
    """The indices ``[first, last)`` of the tokens (their ``starts`` and ``ends``, between ``lo`` and ``hi``) that
    lie inside the raw span ``[start, end)``: the tokens a span's BIO tags go on (none when ``last <= first``)."""
    hi = len(starts) if hi is None else hi
    first = bisect_left(starts, start, lo, hi)
    return first, bisect_right(ends, end, first, hi)


def bio_tags(tokens: TokenTable, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """``B-``/``I-``/``O`` tags of ``tokens`` for the (start, end, label) ``spans`` (raw offsets).

    A token belongs to a span when it lies inside it; spans are flat (no overlap).
    """
    _, starts, ends = tokens
    tags = ["O"] * len(starts)
    for start, end, label in spans:
        first, last = tokens_inside(starts, ends, start, end)
        if last > first:
            tags[first] = "B-" + label
            tags[first + 1 : last] = ["I-" + label] * (last - first - 1)
    return tags


def spans_from_bio(tokens: TokenTable, tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) raw spans from BIO tags: a span runs from a ``B-`` over the ``I-`` of its label.

    An ``I-`` that does not continue a span of its label opens one (the usual lenient reading).
    """
    _, starts, ends = tokens
    spans: list[tuple[int, int, str]] = []
    current: list | None = None
    for start, end, tag in zip(starts, ends, tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label:
            current[1] = end
            continue
        if current is not None:
            spans.append(tuple(current))
            current = None
        if prefix in ("B", "I"):
            current = [start, end, label]
    if current is not None:
        spans.append(tuple(current))
    return spans
