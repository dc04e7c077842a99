"""Zone scores on cases small enough to count by hand."""

from __future__ import annotations

import pytest

from builder.score.zones import (
    character_counts,
    main_content_counts,
    span_counts,
    summarize_characters,
    summarize_main_content,
    summarize_spans,
)

# "ab cd\nef": a0 b1 _2 c3 d4 \n5 e6 f7 -- six non-white-space characters.
RAW = "ab cd\nef"
GOLD = [{"start": 0, "end": 2, "label": "title"}, {"start": 3, "end": 8, "label": "body"}]
PREDICTED = [{"start": 0, "end": 5, "label": "title"}, {"start": 6, "end": 8, "label": "body"}]


def test_character_counts_by_hand() -> None:
    # a, b: title/title; c, d: gold body, predicted title; e, f: body/body. Spaces and the newline do not count.
    counts = character_counts(RAW, GOLD, PREDICTED)
    assert counts == {("tp", "title"): 2, ("fp", "title"): 2, ("tp", "body"): 2, ("fn", "body"): 2}


def test_character_scores_by_hand() -> None:
    scores = summarize_characters(character_counts(RAW, GOLD, PREDICTED))
    title, body = scores["per_label"]["title"], scores["per_label"]["body"]
    assert (title["precision"], title["recall"]) == (2 / 4, 2 / 2)
    assert (body["precision"], body["recall"]) == (2 / 2, 2 / 4)
    assert title["f1"] == pytest.approx(2 * 0.5 * 1 / 1.5)
    assert list(scores["per_label"]) == ["title", "body"]  # ZONE_LABELS order
    # micro: tp 4, fp 2, fn 2 -> P = R = 4/6
    assert scores["micro"]["precision"] == scores["micro"]["recall"] == pytest.approx(4 / 6)
    assert (scores["micro"]["gold"], scores["micro"]["predicted"]) == (6, 6)
    # macro: P = (0.5 + 1) / 2, F1 = mean of the two F1s (2/3 each)
    assert scores["macro"]["precision"] == pytest.approx(0.75)
    assert scores["macro"]["f1"] == pytest.approx(2 / 3)


def test_uncovered_characters_are_no_label() -> None:
    # gold labels nothing: every predicted character is a false positive, nothing is missed.
    scores = summarize_characters(character_counts(RAW, [], PREDICTED))
    assert scores["per_label"]["title"]["predicted"] == 4  # a b c d
    assert scores["micro"]["precision"] == 0.0
    assert scores["micro"]["gold"] == 0


def test_span_scores_by_hand() -> None:
    # one of three predicted zones equals a gold zone; two gold zones.
    predicted = [*PREDICTED, {"start": 0, "end": 2, "label": "title"}]
    scores = summarize_spans(span_counts(GOLD, predicted))
    assert (scores["correct"], scores["predicted"], scores["gold"]) == (1, 3, 2)
    assert (scores["precision"], scores["recall"]) == (1 / 3, 1 / 2)
    assert scores["per_label"]["title"]["recall"] == 1.0
    assert scores["per_label"]["body"]["correct"] == 0


def test_span_needs_same_label() -> None:
    relabelled = [{**z, "label": "lead"} for z in GOLD]
    assert summarize_spans(span_counts(GOLD, relabelled))["f1"] == 0.0


def test_main_content_bag_of_tokens_by_hand() -> None:
    raw = "Le chef, le Chef et LE chef"
    gold = [{"start": 0, "end": len(raw), "label": "body"}]  # le x3, chef x3, et x1: 7 tokens
    predicted = [
        {"start": 0, "end": 7, "label": "body"},  # "Le chef": le, chef
        {"start": 9, "end": len(raw), "label": "teaser_summary"},  # not body: ignored
    ]
    scores = summarize_main_content(main_content_counts(raw, gold, predicted))
    assert (scores["common"], scores["predicted"], scores["gold"]) == (2, 2, 7)
    assert (scores["precision"], scores["recall"]) == (1.0, 2 / 7)


def test_main_content_counts_repeated_tokens_once_per_occurrence() -> None:
    raw = "le le le chef"
    gold = [{"start": 0, "end": 5, "label": "body"}]  # le x2
    predicted = [{"start": 0, "end": len(raw), "label": "body"}]  # le x3, chef
    assert main_content_counts(raw, gold, predicted) == {("common",): 2, ("gold",): 2, ("predicted",): 4}
