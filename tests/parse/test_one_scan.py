"""The fused scans of the parsing core give exactly what the separate scans they replace gave.

Speed work merged several regex passes into one (the seven glue scans of the repair finder, the capitalised
words and their runs of the entity tagger) and rewrote the token regex. Each fused form is checked here against
the plain formulation it replaces, kept in this file as the reference (as seqeval is checked against
``conlleval.pl``), on the bundled pages, the pages written for the tests, and edge cases written by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.model import Repair
from builder.parse import entities
from builder.parse.page import alt_marker_span, find_credit
from builder.parse.repairs import (
    ALT_MARKER_GLUE_RE,
    CAMEL_RE,
    DIGITS_THEN_LETTER_RE,
    ELISION_RE,
    LETTER_THEN_DIGITS_RE,
    PLURAL_DETERMINERS,
    PREVIOUS_WORD_RE,
    SENTENCE_GLUE_RE,
    WEB_NAME_MARK_RE,
    _after_plural,
    glue_marks,
    make_repair,
)
from builder.parse.zones import ALT_MARKER_RE, CREDIT_RE
from builder.read import bundled_pages_dir, iter_pages
from builder.tokens import token_table

WRITTEN_PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"

#: Hand-made edge cases: elisions of every length, digits glued both ways and in other scripts, camel case
#: with accented capitals, sentence and web marks, the image-number marker, names glued and in apposition.
EDGE_TEXTS = (
    "l’État d'abord aujourd’hui jusqu’à presqu’île quelqu’un 3’a a1’b _a’b abcdefgh’x Ba-l’x ab-c’d a.b’c l' x’",
    "«l’Asie» (d’Europe) x,l’y 2,5’a é’ é’é ’a '",
    "aB 1a a1 a12b 1 12 2020pour le15 le3econgrès ٣a a٣ _1 1_ 1²a COVID-19 G20 3km",
    "ảnh 12x ảnh 1 Ảnh 3Le x.Ab x.com a@b.vn ...Ab Fin.Début ?Oui !Non …Puis",
    "la diplomatie russeSergueï Lavrov, ministre des Affaires étrangères, et TrânDai (droite) à Hanoï",
    "M. Jan Novak\tNguyen Van  An\u00a0Hanoï A B C ABC Jean-Pierre Marie-Claire X-Men O'Neil",
    "",
    "A",
    "1",
)


def _texts() -> list[str]:
    pages = [p.raw for p in iter_pages([bundled_pages_dir(), WRITTEN_PAGES]) if hasattr(p, "raw")]
    assert len(pages) >= 30
    return [*pages, *EDGE_TEXTS]


TEXTS = _texts()

#: The token regex as first written: the elided form tried before every word.
REFERENCE_TOKEN_RE = re.compile(r"([^\W\d_]{1,7}+['’](?=[^\W\d_])|\w++(?:[-.,]\w+)*+|\S)")


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_token_pass_equals_the_reference_tokeniser(text: str) -> None:
    parts = REFERENCE_TOKEN_RE.split(text)
    assert token_table(text).texts == parts[1::2]


def test_token_pass_keeps_elided_forms_and_cuts_long_runs() -> None:
    assert token_table("l’État jusqu’à abcdefgh’x Ba-l’x").texts == [
        "l’", "État", "jusqu’", "à", "abcdefgh", "’", "x", "Ba-l", "’", "x",
    ]


def _seven_scans(raw: str) -> tuple[list[int], ...]:
    """The seven scans the repair finder made before they were fused, with the offsets it read from each."""
    return (
        [m.start() for m in CAMEL_RE.finditer(raw)],
        [m.start() - 1 for m in ELISION_RE.finditer(raw)],
        [m.start() for m in LETTER_THEN_DIGITS_RE.finditer(raw)],
        [m.end() for m in DIGITS_THEN_LETTER_RE.finditer(raw)],
        [m.start() for m in SENTENCE_GLUE_RE.finditer(raw)],
        [m.end() for m in ALT_MARKER_GLUE_RE.finditer(raw)],
        [m.start() for m in WEB_NAME_MARK_RE.finditer(raw)],
    )


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_glue_marks_equal_the_seven_scans(text: str) -> None:
    assert tuple(glue_marks(text)) == _seven_scans(text)


def test_glue_marks_find_every_kind() -> None:
    marks = glue_marks("russeSergueï qu’il le15 2020pour fin.Début ảnh 1Le qdnd.vn")
    assert all(marks), marks


#: A capitalised word, searched word by word (the tagger's scan before runs were read in one match).
REFERENCE_NAME_WORD = entities.starting_with(
    entities._U, rf"(?<![{entities.UPPER}0-9\-]){entities._NAME_WORD}"
)


def _runs_word_by_word(raw: str, start: int, end: int) -> list[tuple[list[tuple[int, int]], bool]]:
    """Runs of capitalised words joined by spaces, tabs or nothing; each with whether an apposition follows."""
    runs: list[list[tuple[int, int]]] = []
    previous_end = -1
    for s, e in REFERENCE_NAME_WORD.spans(raw, start, end):
        if runs and (s == previous_end or not raw[previous_end:s].strip(" \t\u00a0")):
            runs[-1].append((s, e))
        else:
            runs.append([(s, e)])
        previous_end = e
    return [(run, entities.APPOSITION_AFTER_RE.match(raw, run[-1][1], end) is not None) for run in runs]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_capitalised_runs_equal_the_word_by_word_scan(text: str) -> None:
    for start, end in ((0, len(text)), (len(text) // 3, len(text) - len(text) // 4)):
        runs = entities._capitalised_runs(text, start, end)
        found = [([(w.start, w.end) for w in entities._run_words(text, run)], run[2][0] >= 0) for run in runs]
        assert found == _runs_word_by_word(text, start, end)


def _name_starts_after_role(raw: str, pos: int, end: int) -> set[int]:
    """Where a name may start after a role phrase ending at ``pos``, read character by character (the tagger's
    loop before the phrase and its gap were one regex): right there, and after the spaces and comma that follow."""
    starts = {pos}
    while pos < end and raw[pos] in " \t\u00a0":
        pos += 1
    if pos < end and raw[pos] == ",":
        pos += 1
        while pos < end and raw[pos] in " \t\u00a0":
            pos += 1
    return starts | {pos}


ROLE_EDGE_TEXTS = (
    "le ministre , Nguyen Van An ; le président\t,\u00a0Xi Jinping ; le ministre des Affaires étrangères,Lavrov",
    "Premier ministre Pham Minh Chinh et vice-Premier ministre ; l'ambassadeur   ",
)


@pytest.mark.parametrize("text", [*TEXTS, *ROLE_EDGE_TEXTS], ids=range(len(TEXTS) + len(ROLE_EDGE_TEXTS)))
def test_role_phrase_and_its_gap_equal_the_character_loop(text: str) -> None:
    end = len(text)
    for s, e in entities.KEYWORD.spans(text, 0, end):
        if "role" not in entities.KEYWORD_KINDS.get(text[s:e], ()):
            continue
        phrase = entities.ROLE_PHRASE_RE.match(text, s, end)
        fused = entities.ROLE_THEN_GAP_RE.match(text, s, end)
        assert (phrase is None) == (fused is None)
        if phrase is not None:
            assert phrase.end() == fused.end(1)
            assert _name_starts_after_role(text, phrase.end(), end) == {fused.end(1), fused.end()}


#: Captions with the alt-text marker and credits in odd places: after a letter or a bracket, twice, with no-break
#: spaces, credit words that open no credit, a marker without its number.
CAPTION_EDGES = (
    "x(Photo : VNA)", "(Photo : VNA)", "Le port. Photo : VNA", "Photo Photo : VNA", "Photos: a:b", "Photographie : X",
    " \t ảnh 1 ảnh2Le", "ảnh x ảnh 3\u00a0Le", "Minh ảnh 12 Le Ảnh 1", "ảnh", "Ảnh", "\u00a0 ảnh 7\n",
    "Source photo : X.", "Source : Y", "Crédit photo : Y", "Photo diffusée par la VNA", "(Photo d’illustration : CPV).",
    "PHOTO: AFP", "Ảnh: TTXVN", "Le ministre. (Photo : VNA)\n", "Photo : VNA. Suite", "((Photo : A)", "",
)


@pytest.mark.parametrize("text", [*TEXTS, *CAPTION_EDGES], ids=range(len(TEXTS) + len(CAPTION_EDGES)))
def test_caption_shortcuts_equal_the_regex_searches(text: str) -> None:
    for piece in [text, *text.splitlines()]:
        marker = ALT_MARKER_RE.search(piece)
        assert alt_marker_span(piece) == (marker.span() if marker else None)
        credit, found = CREDIT_RE.search(piece), find_credit(piece)
        assert _credit_read(found) == _credit_read(credit)


def _credit_read(m: re.Match[str] | None) -> tuple[tuple[int, int], str] | None:
    """What ``split_caption`` reads of a credit match."""
    return (m.span(), m.group("credit")) if m else None


def test_caption_shortcuts_find_what_they_look_for() -> None:
    assert alt_marker_span("Le port  ảnh 1 Le quai") == (7, 15)
    found = find_credit("Le quai (Photo : VNA)")
    assert found is not None and found.start() == 8 and found.group("credit") == "Photo : VNA"


def test_repairs_made_through_their_slot_are_repairs() -> None:
    repair = make_repair(12)
    assert type(repair) is Repair and repair == Repair(12) and hash(repair) == hash(Repair(12))
    assert repr(repair) == repr(Repair(12))
    with pytest.raises(AttributeError):
        repair.offset = 4  # type: ignore[misc]


def _after_plural_by_regex(raw: str, start: int) -> bool:
    """The plural look-back as first written: :data:`PREVIOUS_WORD_RE` searched in the 20 characters before."""
    m = PREVIOUS_WORD_RE.search(raw[max(0, start - 20) : start])
    return m is not None and m.group(1).lower() in PLURAL_DETERMINERS


@pytest.mark.parametrize("text", [*TEXTS, "les\n", "des \nx", "LES  x", "QUATRE\u00a0x", "a_les x", "²les x", "1des x"])
def test_plural_look_back_equals_the_regex(text: str) -> None:
    starts = [m.start() for m in re.finditer(r"(?<![^\W\d_])[^\W\d_]", text)] or range(len(text) + 1)
    assert [_after_plural(text, s) for s in starts] == [_after_plural_by_regex(text, s) for s in starts]
