"""Repair peers: word segmenters (wordninja, SymSpell) with a French dictionary built from ``wordfreq``.

What a segmenter sees: every letter run of three letters or more (our repair step looks at the same runs) that
is not a word of the segmenter's own dictionary; a known word is never offered for splitting. Each split point
it returns becomes one repair (a space inserted before that raw offset). Glue at a digit (``2020pour``) or after
sentence punctuation (``fin.Le``) is not a letter-run split, so no segmenter can find it.

Two candidate rules: ``all`` offers every unknown run; ``lowercase`` offers only runs that start with a lowercase
letter, the obvious guard of a French text full of foreign names (a capitalised unknown run is mostly a name,
which a dictionary of French words would cut into pieces).

The dictionary: the :data:`VOCABULARY_SIZE` most frequent French words of ``wordfreq`` made only of letters, in
frequency order; about the size of wordninja's own English list (126k words), fixed before any scoring.
"""

from __future__ import annotations

import gzip
import re
import tempfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from builder.baselines.optional import import_peer

VOCABULARY_SIZE = 125_000

#: Shortest letter run offered to a segmenter (as in our repair step).
MIN_RUN = 3

#: Which unknown runs a segmenter is given.
CANDIDATE_RULES: tuple[str, ...] = ("all", "lowercase")

RUN_RE = re.compile(r"[^\W\d_]+")

Predictor = Callable[[str, str], dict[str, Any]]
Segmenter = Callable[[str], list[str]]


def french_vocabulary(size: int = VOCABULARY_SIZE) -> list[str]:
    """The ``size`` most frequent French words of wordfreq that are letters only, most frequent first."""
    import wordfreq

    return [word for word in wordfreq.top_n_list("fr", size) if RUN_RE.fullmatch(word)]


def candidate_runs(raw: str, vocabulary: Collection[str], rule: str = "all") -> Iterator[tuple[int, str]]:
    """``(start, run)`` of each letter run a segmenter is offered: long enough and not a known word.

    >>> list(candidate_runs("Le chatnoir de Xyzabc", {"le", "de"}, "lowercase"))
    [(3, 'chatnoir')]
    """
    if rule not in CANDIDATE_RULES:
        raise ValueError(f"unknown candidate rule {rule!r} (expected one of {', '.join(CANDIDATE_RULES)})")
    for m in RUN_RE.finditer(raw):
        run = m.group()
        if len(run) < MIN_RUN or run.lower() in vocabulary:
            continue
        if rule == "lowercase" and not run[0].islower():
            continue
        yield m.start(), run


def split_offsets(start: int, run: str, parts: list[str]) -> list[int]:
    """Raw offsets of the spaces between ``parts``; none when the parts do not spell the run exactly.

    >>> split_offsets(10, "chatnoir", ["chat", "noir"])
    [14]
    >>> split_offsets(10, "chatnoir", ["chat", "noire"])
    []
    """
    if "".join(parts) != run:
        return []
    offsets, position = [], start
    for part in parts[:-1]:
        position += len(part)
        offsets.append(position)
    return offsets


def segmented_repairs(raw: str, vocabulary: Collection[str], segment: Segmenter, rule: str) -> list[dict[str, int]]:
    """Repairs of one page: the split points of every candidate run, sorted."""
    offsets: set[int] = set()
    for start, run in candidate_runs(raw, vocabulary, rule):
        offsets.update(split_offsets(start, run, segment(run)))
    return [{"offset": offset} for offset in sorted(offsets)]


def _predictor(vocabulary: Collection[str], segment: Segmenter, rule: str) -> Predictor:
    if rule not in CANDIDATE_RULES:
        raise ValueError(f"unknown candidate rule {rule!r} (expected one of {', '.join(CANDIDATE_RULES)})")

    def predict(raw: str, page_id: str) -> dict[str, Any]:
        return {"id": page_id, "zones": [], "repairs": segmented_repairs(raw, vocabulary, segment, rule),
                "entities": []}

    return predict


def wordninja_segmenter(words: list[str]) -> Segmenter:
    """wordninja's dynamic programme over a language model of ``words`` (most frequent first).

    wordninja reads its model from a gzipped word list, so one is written to a temporary folder and read back.
    Its public ``split`` first cuts the text at every character outside ``[a-zA-Z0-9']``, which drops accented
    letters (``é``) and loses offsets; the model's ``_split`` is the same programme on the run as given.
    """
    wordninja = import_peer("wordninja")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "french_words.txt.gz"
        path.write_bytes(gzip.compress("\n".join(words).encode("utf-8")))
        model = wordninja.LanguageModel(str(path))
    return lambda run: list(model._split(run))


def symspell_segmenter(words: list[str]) -> Segmenter:
    """SymSpell's ``word_segmentation`` with no spelling correction (edit distance 0), counts from wordfreq.

    Counts are wordfreq frequencies per billion words. A run SymSpell would change (it NFKC-normalises and drops
    hyphens) gives parts that do not spell it, and so no repair.
    """
    import wordfreq

    symspellpy = import_peer("symspellpy")
    frequencies = wordfreq.get_frequency_dict("fr")
    sym_spell = symspellpy.SymSpell(max_dictionary_edit_distance=0)
    for word in words:
        sym_spell.create_dictionary_entry(word, max(1, round(frequencies.get(word, 0.0) * 1e9)))
    return lambda run: sym_spell.word_segmentation(run, max_edit_distance=0).segmented_string.split(" ")


def load_wordninja_repairs(rule: str = "all", size: int = VOCABULARY_SIZE) -> Predictor:
    """A predictor ``(raw, page_id) -> record`` over wordninja with the French model."""
    words = french_vocabulary(size)
    return _predictor(frozenset(words), wordninja_segmenter(words), rule)


def load_symspell_repairs(rule: str = "all", size: int = VOCABULARY_SIZE) -> Predictor:
    """A predictor ``(raw, page_id) -> record`` over SymSpell with the French dictionary."""
    words = french_vocabulary(size)
    return _predictor(frozenset(words), symspell_segmenter(words), rule)
