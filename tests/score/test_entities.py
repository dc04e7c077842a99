"""Entity scores: SemEval-2013 9.1 schemes by hand, and agreement with nervaluate and seqeval."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.scheme import IOB2

from builder.model import ENTITY_LABELS
from builder.score.entities import OUTCOMES, SCHEMES, entity_counts, match_entities, summarize_entities


def ent(start: int, end: int, label: str) -> dict[str, Any]:
    return {"start": start, "end": end, "label": label}


GOLD = [ent(0, 5, "PER"), ent(10, 20, "LOC"), ent(30, 35, "ORG"), ent(40, 45, "DATE")]
PREDICTED = [
    ent(0, 5, "PER"),  # same span, same label
    ent(10, 15, "LOC"),  # overlaps the LOC, same label
    ent(30, 35, "MISC"),  # same span as the ORG, other label
    ent(50, 55, "ORG"),  # overlaps nothing
]  # and the DATE is missed


def outcomes(node: dict[str, Any]) -> tuple[int, ...]:
    return tuple(node[o] for o in OUTCOMES)


def test_four_schemes_by_hand() -> None:
    result = summarize_entities(entity_counts(GOLD, PREDICTED))["overall"]
    # (correct, incorrect, partial, missed, spurious); possible = actual = 4 in every scheme.
    assert outcomes(result["strict"]) == (1, 2, 0, 1, 1)  # PER correct; LOC and MISC incorrect
    assert outcomes(result["exact"]) == (2, 1, 0, 1, 1)  # PER and MISC have exact spans
    assert outcomes(result["partial"]) == (2, 0, 1, 1, 1)  # LOC is a partial match
    assert outcomes(result["ent_type"]) == (2, 1, 0, 1, 1)  # LOC overlaps a LOC; MISC overlaps an ORG
    assert result["strict"]["precision"] == result["strict"]["recall"] == 1 / 4
    assert result["partial"]["precision"] == (2 + 0.5 * 1) / 4
    assert all(result[s]["possible"] == result[s]["actual"] == 4 for s in SCHEMES)


def test_per_label_reruns_the_matching_on_one_label() -> None:
    per_label = summarize_entities(entity_counts(GOLD, PREDICTED))["per_label"]
    assert list(per_label) == ["PER", "ORG", "LOC", "MISC", "DATE"]
    assert outcomes(per_label["LOC"]["strict"]) == (0, 1, 0, 0, 0)
    assert outcomes(per_label["ORG"]["strict"]) == (0, 0, 0, 1, 1)  # the ORG at 50 meets no ORG
    assert outcomes(per_label["MISC"]["ent_type"]) == (0, 0, 0, 0, 1)


def test_overlap_must_cover_one_percent_of_the_gold_span() -> None:
    gold = [(0, 200, "LOC")]
    # 1 shared character of 200 is 0.5%: no overlap; 2 of 200 is 1%: an overlap.
    assert match_entities(gold, [(199, 210, "LOC")], "strict") == {"spurious": 1, "missed": 1}
    assert match_entities(gold, [(198, 210, "LOC")], "strict") == {"incorrect": 1}


def test_ent_type_takes_the_closest_gold_entity_and_the_first_on_a_tie() -> None:
    gold = [(0, 10, "LOC"), (10, 20, "LOC")]
    # (5, 15) is 5 + 5 from both: it takes the first, which leaves (10, 20) for (12, 20).
    assert match_entities(gold, [(5, 15, "LOC"), (12, 20, "LOC")], "ent_type") == {"correct": 2}
    # (8, 19) is 8 + 9 from the first and 2 + 1 from the second: it takes the second.
    assert match_entities(gold, [(8, 19, "LOC"), (9, 12, "LOC")], "ent_type") == {"correct": 2}


def test_identical_entities_score_one() -> None:
    result = summarize_entities(entity_counts(GOLD, GOLD))
    assert all(result["overall"][s]["f1"] == 1.0 for s in SCHEMES)


def nervaluate_results(gold_docs: list[list[dict]], predicted_docs: list[list[dict]]) -> dict:
    """nervaluate on the same entities (sorted, as entity_counts sorts them; ends made inclusive)."""
    def convert(docs: list[list[dict]]) -> list[list[dict]]:
        return [sorted(({"start": e["start"], "end": e["end"] - 1, "label": e["label"]} for e in doc),
                       key=lambda e: (e["start"], e["end"], e["label"])) for doc in docs]

    return Evaluator(convert(gold_docs), convert(predicted_docs), tags=list(ENTITY_LABELS), loader="dict").evaluate()


def our_results(gold_docs: list[list[dict]], predicted_docs: list[list[dict]]) -> dict:
    total: Counter = Counter()
    for gold, predicted in zip(gold_docs, predicted_docs):
        total.update(entity_counts(gold, predicted))
    return summarize_entities(total)


def assert_same_as_nervaluate(gold_docs: list[list[dict]], predicted_docs: list[list[dict]]) -> None:
    theirs, ours = nervaluate_results(gold_docs, predicted_docs), our_results(gold_docs, predicted_docs)
    keys = (*OUTCOMES, "possible", "actual", "precision", "recall", "f1")
    for scheme in SCHEMES:
        expected = theirs["overall"][scheme]
        assert {k: ours["overall"][scheme][k] for k in keys} == {k: getattr(expected, k) for k in keys}, scheme
    assert set(ours["per_label"]) == set(theirs["entities"])
    for label, by_scheme in theirs["entities"].items():
        for scheme, expected in by_scheme.items():
            assert {k: ours["per_label"][label][scheme][k] for k in keys} == {k: getattr(expected, k) for k in keys}


def test_same_as_nervaluate_by_hand() -> None:
    long_gold = [ent(0, 200, "LOC"), ent(300, 500, "LOC")]
    threshold = [ent(199, 210, "LOC"), ent(298, 310, "PER")]  # 0.5% and 1% of the gold spans
    tie = [ent(5, 15, "LOC"), ent(12, 20, "LOC")]
    assert_same_as_nervaluate(
        [GOLD, [ent(3, 9, "PER")], [], long_gold, [ent(0, 10, "LOC"), ent(10, 20, "LOC")]],
        [PREDICTED, [], [ent(1, 2, "DATE")], threshold, tie],
    )


entity = st.builds(
    lambda start, length, label: ent(start, start + length, label),
    st.integers(0, 300), st.integers(1, 250), st.sampled_from(ENTITY_LABELS[:3]),
)


@st.composite
def predicted_from(draw: st.DrawFn, gold: list[dict]) -> list[dict]:
    """Gold entities kept, relabelled or moved by a few characters, plus random ones."""
    predicted = []
    for e in gold:
        kind = draw(st.sampled_from(["keep", "relabel", "move", "drop"]))
        if kind == "relabel":
            predicted.append({**e, "label": draw(st.sampled_from(ENTITY_LABELS[:3]))})
        elif kind == "move":
            start = max(0, e["start"] + draw(st.integers(-3, 3)))
            predicted.append({**e, "start": start, "end": max(start + 1, e["end"] + draw(st.integers(-3, 3)))})
        elif kind == "keep":
            predicted.append(e)
    return predicted + draw(st.lists(entity, max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_same_as_nervaluate(data: st.DataObject) -> None:
    """Random, overlapping, long and short entities: every count and score equals nervaluate's."""
    gold_docs = data.draw(st.lists(st.lists(entity, max_size=6), min_size=1, max_size=4))
    predicted_docs = [data.draw(predicted_from(gold)) for gold in gold_docs]
    assert_same_as_nervaluate(gold_docs, predicted_docs)


def bio_to_entities(tokens: list[str], tags: list[str]) -> list[dict]:
    """Character spans of IOB2-tagged whitespace tokens (tokens joined by one space)."""
    starts = [sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
    entities: list[dict] = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-"):
            entities.append(ent(starts[i], starts[i] + len(tokens[i]), tag[2:]))
        elif tag.startswith("I-"):
            entities[-1]["end"] = starts[i] + len(tokens[i])
    return entities


def test_strict_equals_seqeval_by_hand() -> None:
    tokens = "Le maire de Lyon a vu la ministre Marie Curie".split()
    gold = ["O", "O", "O", "B-LOC", "O", "O", "O", "O", "B-PER", "I-PER"]
    predicted = ["O", "B-PER", "O", "B-LOC", "O", "O", "O", "B-PER", "I-PER", "I-PER"]
    ours = summarize_entities(entity_counts(bio_to_entities(tokens, gold), bio_to_entities(tokens, predicted)))
    # seqeval: LOC correct; of 2 gold and 3 predicted entities, 1 matches: P = 1/3, R = 1/2, F1 = 0.4.
    assert ours["overall"]["strict"]["f1"] == pytest.approx(0.4)
    assert ours["overall"]["strict"]["f1"] == pytest.approx(f1_score([gold], [predicted], mode="strict", scheme=IOB2))


@st.composite
def iob2_tags(draw: st.DrawFn, length: int) -> list[str]:
    tags: list[str] = []
    for _ in range(length):
        choice = draw(st.sampled_from(["O", "B-PER", "B-LOC", "I"]))
        if choice == "I":
            choice = f"I-{tags[-1][2:]}" if tags and tags[-1] != "O" else "O"
        tags.append(choice)
    return tags


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_strict_equals_seqeval(data: st.DataObject) -> None:
    """Token-aligned, non-overlapping entities: strict P/R/F1 equal seqeval's (mode strict, IOB2)."""
    sizes = data.draw(st.lists(st.integers(1, 15), min_size=1, max_size=4))
    token_docs = [[f"mot{i}" * (i % 3 + 1) for i in range(n)] for n in sizes]
    gold_tags = [data.draw(iob2_tags(n)) for n in sizes]
    predicted_tags = [data.draw(iob2_tags(n)) for n in sizes]
    gold_docs = [bio_to_entities(t, g) for t, g in zip(token_docs, gold_tags)]
    predicted_docs = [bio_to_entities(t, p) for t, p in zip(token_docs, predicted_tags)]
    if not any(gold_docs) or not any(predicted_docs):
        return  # seqeval warns and returns 0 for an undefined score
    strict = our_results(gold_docs, predicted_docs)["overall"]["strict"]
    for name, metric in (("precision", precision_score), ("recall", recall_score), ("f1", f1_score)):
        assert strict[name] == pytest.approx(metric(gold_tags, predicted_tags, mode="strict", scheme=IOB2)), name
