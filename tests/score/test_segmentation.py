"""Pk and WindowDiff: hand-computed cases and agreement with segeval."""

from __future__ import annotations

from itertools import groupby

import pytest
import segeval
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.score.segmentation import (
    boundaries,
    boundary_counts,
    line_labels,
    pk_counts,
    summarize_boundaries,
    window_diff_counts,
    window_size,
)

# 8 lines in 5 gold segments; the hypothesis merges the lead and the signature into the body.
REF = ["title", "lead", "body", "body", "body", "body", "signature", "teaser_title"]
HYP = ["title", "body", "body", "body", "body", "body", "body", "teaser_title"]


def masses(labels: list) -> tuple[int, ...]:
    """Segment lengths, segeval's input format."""
    return tuple(len(list(run)) for _, run in groupby(labels))


def test_window_is_half_the_mean_gold_segment_at_least_two() -> None:
    assert window_size(REF) == 2  # 8 lines / 5 segments / 2 = 0.8 -> 1 -> raised to 2
    assert window_size(["body"] * 14 + ["signature"] * 2) == 4  # 16 / 2 / 2
    assert window_size(["body"] * 13 + ["signature"] * 2) == 4  # 15 / 2 / 2 = 3.75 -> 4
    assert window_size(["body"] * 9 + ["signature"]) == 2  # 10 / 2 / 2 = 2.5 -> 2 (half to even)
    assert window_size(["body"] * 13 + ["signature"]) == 4  # 14 / 2 / 2 = 3.5 -> 4 (half to even)


def test_pk_and_window_diff_by_hand() -> None:
    # gap boundaries: REF 1 1 0 0 0 1 1, HYP 1 0 0 0 0 0 1; k = 2, N - k = 6 windows of gaps (i, i+1).
    assert boundaries(REF) == [True, True, False, False, False, True, True]
    assert boundaries(HYP) == [True, False, False, False, False, False, True]
    # Pk, "some boundary in the window?": REF 1 1 0 0 1 1, HYP 1 0 0 0 0 1 -> windows 1 and 4 differ.
    assert pk_counts(REF, HYP, 2) == (2, 6)
    # WindowDiff, "how many boundaries?": REF 2 1 0 0 1 2, HYP 1 0 0 0 0 1 -> windows 0, 1, 4, 5 differ.
    assert window_diff_counts(REF, HYP, 2) == (4, 6)


def test_pk_and_window_diff_equal_segeval_by_hand() -> None:
    k = window_size(REF)
    assert pk_counts(REF, HYP, k) == segeval.pk(masses(HYP), masses(REF), return_parts=True)
    assert window_diff_counts(REF, HYP, k) == segeval.window_diff(masses(HYP), masses(REF), return_parts=True)
    assert float(segeval.pk(masses(HYP), masses(REF))) == pytest.approx(2 / 6)


labels = st.sampled_from(["title", "lead", "body", "signature"])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_pk_and_window_diff_equal_segeval(data: st.DataObject) -> None:
    reference = data.draw(st.lists(labels, min_size=3, max_size=60))
    hypothesis = data.draw(st.lists(labels, min_size=len(reference), max_size=len(reference)))
    k = window_size(reference)
    assert k == segeval.compute_window_size(masses(reference))
    if len(reference) <= k:  # segeval's WindowDiff divides by N - k
        assert pk_counts(reference, hypothesis, k)[1] == 0
        return
    assert pk_counts(reference, hypothesis, k) == segeval.pk(masses(hypothesis), masses(reference), return_parts=True)
    assert window_diff_counts(reference, hypothesis, k) == segeval.window_diff(
        masses(hypothesis), masses(reference), return_parts=True
    )


def test_same_segments_give_no_error() -> None:
    assert pk_counts(REF, REF, 2) == (0, 6)
    assert window_diff_counts(REF, REF, 2) == (0, 6)


def test_line_labels_take_the_majority_of_non_space_characters() -> None:
    raw = "Titre\n  \nParis (VNA) – Le texte plus long\nfin"
    dateline = raw.index("Paris")
    zones = [
        {"start": 0, "end": 5, "label": "title"},
        {"start": dateline, "end": dateline + len("Paris (VNA) –"), "label": "dateline"},  # 5 + 5 + 1 = 11 non-space
        {"start": raw.index("Le texte"), "end": raw.index("\nfin"), "label": "body"},  # 2 + 5 + 4 + 4 = 15 non-space
    ]
    # the blank line is skipped; "fin" is in no zone.
    assert line_labels(raw, zones) == ["title", "body", None]


def test_line_label_ties_go_to_the_first_label_on_the_line() -> None:
    raw = "ab cd"
    zones = [{"start": 0, "end": 2, "label": "signature"}, {"start": 3, "end": 5, "label": "source"}]
    assert line_labels(raw, zones) == ["signature"]


def test_boundary_counts_pool_pages() -> None:
    raw = "\n".join(f"ligne {i}" for i in range(8))
    line_starts = [raw.index(f"ligne {i}") for i in range(8)]

    def zones_for(line_labels_: list[str]) -> list[dict]:
        return [{"start": s, "end": s + 7, "label": label} for s, label in zip(line_starts, line_labels_)]

    page = boundary_counts(raw, zones_for(REF), zones_for(HYP))
    assert page == {("pk_errors",): 2, ("window_diff_errors",): 4, ("windows",): 6}
    twice = page + page
    scores = summarize_boundaries(twice)
    assert (scores["pk"], scores["window_diff"], scores["windows"]) == (4 / 12, 8 / 12, 12)


def test_a_page_shorter_than_the_window_has_no_window() -> None:
    scores = summarize_boundaries(boundary_counts("une ligne", [], []))
    assert scores["windows"] == 0
    assert scores["pk"] is None and scores["window_diff"] is None
