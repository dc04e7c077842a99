"""The ``entities`` config: ClassLabel BIO tags that turn back into the stored spans, exact raw offsets."""

from __future__ import annotations

import re

import pytest

from builder.label import gold_entities, load_gold
from builder.model import ENTITY_LABELS, NER_TAGS
from builder.read import bundled_gold_dir, bundled_pages_dir, iter_pages
from builder.tokens import TokenTable, bio_tags, page_tokens, spans_from_bio, token_table, tokenize

RAW_BY_ID = {page.id: page.raw for page in iter_pages([bundled_pages_dir()])}


@pytest.fixture(scope="module")
def rows(built, load) -> list[dict]:
    _, folder = built
    dataset = load(folder, "entities")
    return [row for split in dataset.values() for row in split]


def test_ner_tags_load_as_classlabel_in_documented_order(built, load):
    _, folder = built
    features = next(iter(load(folder, "entities").values())).features
    assert features["ner_tags"].feature.names == list(NER_TAGS)
    assert features["entities"].feature["label"].names == list(ENTITY_LABELS)
    assert NER_TAGS[:3] == ("O", "B-PER", "I-PER")


def test_bio_tags_turn_back_into_the_stored_spans(built, load, rows):
    _, folder = built
    features = next(iter(load(folder, "entities").values())).features
    tag_names = features["ner_tags"].feature.names
    label_names = features["entities"].feature["label"].names
    checked = 0
    for row in rows:
        tokens = TokenTable(row["tokens"], row["token_starts"], row["token_ends"])
        spans = spans_from_bio(tokens, [tag_names[i] for i in row["ner_tags"]])
        stored = [(e["start"], e["end"], label_names[e["label"]]) for e in row["entities"]]
        assert spans == stored, row["id"]
        checked += len(stored)
    assert checked > 400


def test_token_offsets_index_the_raw_text_and_tokens_come_from_the_repaired_text(rows):
    for row in rows:
        raw = RAW_BY_ID[row["page_id"]]
        for token, start, end in zip(row["tokens"], row["token_starts"], row["token_ends"]):
            assert raw[start:end] == token
        assert "".join(row["tokens"]) == "".join(row["text"].split())
        for entity in row["entities"]:
            assert raw[entity["start"] : entity["end"]] == entity["text"]


def test_gold_entities_are_all_in_the_config(rows):
    """Every gold entity of the bundled pages reaches exactly one row (none crosses a line break)."""
    stored = {(row["page_id"], e["start"], e["end"]) for row in rows for e in row["entities"]}
    gold = {(page_id, e.start, e.end) for page_id, record in load_gold(bundled_gold_dir()).items()
            for e in gold_entities(record)}
    assert gold == stored
    assert all(row["label_source"] == "gold" for row in rows)


def test_glued_words_give_two_tokens_with_exact_offsets():
    raw = "Sur invitation du chef de la diplomatie russeSergueï Lavrov, leministre"
    glue = raw.index("Sergueï")
    repairs = [glue, raw.index("ministre")]
    tokens = tokenize(raw, 100, [100 + o for o in repairs], cuts=[100 + glue, 100 + raw.index(",")])
    assert tokens.texts[-6:] == ["russe", "Sergueï", "Lavrov", ",", "le", "ministre"]
    assert all(raw[s - 100 : e - 100] == t for t, s, e in zip(*tokens))
    tags = bio_tags(tokens, [(100 + glue, 100 + raw.index(","), "PER")])
    assert tags[-6:] == ["O", "B-PER", "I-PER", "O", "O", "O"]


def test_elided_forms_and_inner_hyphens_stay_tokens():
    tokens = tokenize("l'épidémie de COVID-19 d’après 3.321 tonnes").texts
    assert tokens == ["l'", "épidémie", "de", "COVID-19", "d’", "après", "3.321", "tonnes"]


def test_adjacent_spans_of_one_label_stay_apart():
    tokens = tokenize("Vietnam Russie")
    tags = bio_tags(tokens, [(0, 7, "LOC"), (8, 14, "LOC")])
    assert tags == ["B-LOC", "B-LOC"]
    assert spans_from_bio(tokens, tags) == [(0, 7, "LOC"), (8, 14, "LOC")]


def test_card_counts_entities_per_label(built):
    report, folder = built
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert "### Entity labels" in card and "most frequent entities" in card
    gold = [e for record in load_gold(bundled_gold_dir()).values() for e in gold_entities(record)]
    for label in ENTITY_LABELS:
        count = sum(e.label == label for e in gold)
        assert sum(report.entity_counts[label].values()) == count
        assert f"| `{label}` |" in card and f"| {count} | {count} | 0 |" in card


def test_a_pages_tokens_are_its_paragraphs_tokens_one_after_another():
    """One pass over the page gives each paragraph the tokens a pass over the paragraph alone would."""
    for raw in RAW_BY_ID.values():
        page = page_tokens(raw)
        assert all(raw[s:e] == t for t, s, e in zip(*page))
        expected = TokenTable([], [], [])
        for line in re.finditer(r"\S(?:[^\n]*\S)?", raw):
            alone = token_table(line.group(), line.start())
            assert page.between(line.start(), line.end()) == alone
            for mine, theirs in zip(expected, alone):
                mine.extend(theirs)
        assert page == expected


def test_rows_cut_the_page_once_as_each_paragraph_cut_alone():
    """``entity_rows`` cuts the page's tokens once and slices them per paragraph: the tokens and tags are those of
    tokenising each paragraph alone, cut at its own repairs and entity boundaries (``builder.tokens``), and the
    rows made with the page's shared lines are those made without them. Synthetic pages as well as the bundled
    ones, so repairs, entities at line edges and pages of many paragraphs are all met."""
    from builder.parse.zones import split_lines
    from builder.process import PageTask, label_page
    from builder.rows import entity_rows, page_config_rows
    from builder.split import DEFAULT_RATIOS
    from builder.steps import content_digest
    from builder.synth import synth_pages

    pages = [*iter_pages([bundled_pages_dir()]), *synth_pages(40)]
    paragraphs = cut_entities = 0
    for page in pages:
        lp = label_page(PageTask(page, content_digest(page.raw).hex(), None, DEFAULT_RATIOS))
        rows = [row for _, row in entity_rows(lp, DEFAULT_RATIOS)]
        assert rows == [row for _, row in page_config_rows(lp, DEFAULT_RATIOS)["entities"]]
        lines = split_lines(page.raw)
        assert len(rows) == len(lines)
        offsets = [r.offset for r in lp.repairs]
        for line, row in zip(lines, rows):
            inside = [e for e in lp.entities if line.start <= e.start and e.end <= line.end]
            repairs = [o for o in offsets if line.start < o < line.end]
            tokens = tokenize(line.text, line.start, repairs, [b for e in inside for b in (e.start, e.end)])
            assert (row["tokens"], row["token_starts"], row["token_ends"]) == tuple(tokens), row["id"]
            tags = bio_tags(tokens, [(e.start, e.end, e.label) for e in sorted(inside, key=lambda e: (e.start, e.end))])
            assert [NER_TAGS[i] for i in row["ner_tags"]] == tags, row["id"]
            paragraphs += 1
            cut_entities += len(inside)
    assert paragraphs > 500 and cut_entities > 300
