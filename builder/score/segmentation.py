"""Pk and WindowDiff over the line boundaries of the zones: ERROR rates, lower is better.

A page becomes the sequence of its non-blank lines, each labelled by the zone label covering
most of its non-white-space characters (None where no zone covers them; a tie goes to the
label seen first on the line). A segment boundary sits between two consecutive lines whose
labels differ.

Conventions, those of segeval (Fournier 2013), which the tests check against:

* window ``k`` = half the mean length (in lines) of the *gold* segments of the page, rounded
  half to even, and at least 2;
* Pk (Beeferman et al. 1999) probes the ``N - k`` pairs of lines ``(i, i + k)`` and counts the
  pairs that one segmentation puts in the same segment and the other does not;
* WindowDiff (Pevzner and Hearst 2002) counts the ``N - k`` windows of ``k`` line gaps whose
  number of boundaries differs, without the Lamprier et al. (2007) padding;
* a corpus score pools the pages: the sum of the errors over the sum of the windows. A page
  with no more lines than ``k`` has no window and adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import groupby
from typing import Any

from builder.score.fscore import ratio
from builder.score.zones import char_labels

#: The smallest window segeval uses.
MIN_WINDOW = 2

Labels = Sequence[str | None]


def line_labels(raw: str, zones: Sequence[Mapping[str, Any]]) -> list[str | None]:
    """One label per non-blank line: the zone label covering most of its non-white-space characters.

    >>> line_labels("Titre\\n\\nA: un mot", [{"start": 0, "end": 5, "label": "title"},
    ...                                       {"start": 7, "end": 9, "label": "dateline"},
    ...                                       {"start": 10, "end": 16, "label": "body"}])
    ['title', 'body']
    """
    labels = char_labels(raw, zones)
    result: list[str | None] = []
    line_start = 0
    for line in raw.split("\n"):
        votes = Counter(labels[line_start + i] for i, char in enumerate(line) if not char.isspace())
        if votes:
            result.append(max(votes, key=votes.__getitem__))
        line_start += len(line) + 1
    return result


def boundaries(labels: Labels) -> list[bool]:
    """For each gap between consecutive lines, whether the label changes there.

    >>> boundaries(["title", "body", "body", "teaser_title"])
    [True, False, True]
    """
    return [a != b for a, b in zip(labels, labels[1:])]


def window_size(reference: Labels) -> int:
    """Half the mean gold segment length, rounded half to even, at least 2 (segeval's default window).

    >>> window_size(["title", "body", "body", "body", "body", "body", "body", "signature"])  # 8 lines / 3 segments
    2
    >>> window_size(["body"] * 9 + ["signature"])  # 10 lines / 2 segments / 2 = 2.5, rounded to even
    2
    >>> window_size(["body"] * 11 + ["signature"])  # 12 / 2 / 2 = 3
    3
    """
    segments = sum(1 for _ in groupby(reference))
    if not segments:
        return MIN_WINDOW
    return max(MIN_WINDOW, round(Fraction(len(reference), 2 * segments)))


def pk_counts(reference: Labels, hypothesis: Labels, k: int) -> tuple[int, int]:
    """Pk as ``(errors, windows)``: pairs of lines ``k`` apart that are together in one segmentation only.

    >>> ref = ["title", "body", "body", "body", "body", "signature"]
    >>> hyp = ["title", "title", "body", "body", "body", "signature"]
    >>> pk_counts(ref, hyp, 2)  # pairs (0,2) (1,3) (2,4) (3,5): only (1,3) differs
    (1, 4)
    """
    ref, hyp = boundaries(reference), boundaries(hypothesis)
    windows = max(0, len(reference) - k)
    errors = sum(any(ref[i : i + k]) != any(hyp[i : i + k]) for i in range(windows))
    return errors, windows


def window_diff_counts(reference: Labels, hypothesis: Labels, k: int) -> tuple[int, int]:
    """WindowDiff as ``(errors, windows)``: windows of ``k`` gaps whose boundary counts differ.

    >>> ref = ["title", "body", "body", "body", "body", "signature"]
    >>> hyp = ["title", "title", "body", "body", "body", "signature"]
    >>> window_diff_counts(ref, hyp, 2)  # gaps 01 12 23 34 45: ref 1 0 0 0 1, hyp 0 1 0 0 1
    (1, 4)
    """
    ref, hyp = boundaries(reference), boundaries(hypothesis)
    windows = max(0, len(reference) - k)
    errors = sum(sum(ref[i : i + k]) != sum(hyp[i : i + k]) for i in range(windows))
    return errors, windows


def boundary_counts(raw: str, gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]) -> Counter:
    """One page's additive Pk and WindowDiff counts, with the window taken from its gold segments."""
    reference, hypothesis = line_labels(raw, gold), line_labels(raw, predicted)
    k = window_size(reference)
    pk_errors, windows = pk_counts(reference, hypothesis, k)
    window_diff_errors, _ = window_diff_counts(reference, hypothesis, k)
    return Counter({("pk_errors",): pk_errors, ("window_diff_errors",): window_diff_errors, ("windows",): windows})


def summarize_boundaries(counts: Mapping[tuple, int]) -> dict[str, Any]:
    """Pooled Pk and WindowDiff error rates (None when no page has a window)."""
    windows = counts.get(("windows",), 0)
    pk_errors, window_diff_errors = counts.get(("pk_errors",), 0), counts.get(("window_diff_errors",), 0)
    return {
        "pk": ratio(pk_errors, windows) if windows else None,
        "window_diff": ratio(window_diff_errors, windows) if windows else None,
        "pk_errors": pk_errors,
        "window_diff_errors": window_diff_errors,
        "windows": windows,
        "lower_is_better": True,
    }
