"""Our parsing core and every peer, declared as parsers of the harness (:mod:`builder.evaluate`).

Each is registered under the entry-point group ``vna_corpus.parsers`` in this project's ``pyproject.toml``, the
same way any installed plugin registers its parser, so ``vna-corpus baselines`` is the harness run over every
registered parser. A peer's package is imported only in its ``setup``.
"""

from __future__ import annotations

from builder.baselines import spacy_ner, trafilatura_zones, wordseg_repairs
from builder.baselines.ours import OUR_PREDICTORS
from builder.evaluate.parsers import OURS, PEER, REFERENCE, Parser

_VOCABULARY = f"the {wordseg_repairs.VOCABULARY_SIZE:,} most frequent French words of wordfreq (letters only)"
_RUNS = f"letter runs of {wordseg_repairs.MIN_RUN}+ letters not in its dictionary"
_PAGE_AS_HTML = "each page wrapped as HTML (first line as <title> and <h1>, every other line a <p>)"
_OURS_HOW = "our parsing core (`builder.parse`), the same step `parse_page` runs for this task"


def _ours(task: str, name: str = "ours", how: str = _OURS_HOW, labels: tuple[str, ...] | None = None) -> Parser:
    options = {"entity_labels": labels} if labels else {}
    return Parser(name, lambda: OUR_PREDICTORS[task], (task,), OURS, how, ("vna-corpus",), **options)


def _trafilatura(mode: str) -> Parser:
    option = {"default": "default settings", "precision": "favor_precision=True", "recall": "favor_recall=True"}
    suffix = "" if mode == "default" else f" ({option[mode].split('=')[0]})"
    return Parser(
        f"trafilatura{suffix}", lambda: trafilatura_zones.load_trafilatura_zones(mode), ("zones",), PEER,
        f"`trafilatura.extract` ({option[mode]}) on {_PAGE_AS_HTML}; kept paragraphs found back in the raw "
        "text in order and labelled body", ("trafilatura",))


def _segmenter(name: str, rule: str) -> Parser:
    load = wordseg_repairs.load_wordninja_repairs if name == "wordninja" else wordseg_repairs.load_symspell_repairs
    offered = _RUNS if rule == "all" else f"{_RUNS} and starting lowercase"
    method = "`LanguageModel` DP split" if name == "wordninja" else "`word_segmentation`, max edit distance 0"
    return Parser(f"{name} ({rule} unknown runs)", lambda: load(rule), ("repairs",), PEER,
                  f"{name} {method} over {_VOCABULARY}, offered {offered}; each split point is a repair", (name,))


OURS_ZONES = _ours("zones")
OURS_REPAIRS = _ours("repairs")
OURS_ENTITIES = _ours("entities", labels=spacy_ner.SCORED_LABELS)
OURS_ENTITIES_WITH_DATE = _ours("entities", "ours (with DATE)", _OURS_HOW + ", scored on all five labels")

TRAFILATURA = _trafilatura("default")
TRAFILATURA_PRECISION = _trafilatura("precision")
TRAFILATURA_RECALL = _trafilatura("recall")
JUSTEXT = Parser(
    "jusText", trafilatura_zones.load_justext_zones, ("zones",), PEER,
    f"`justext.justext` (default settings, French stop list) on {_PAGE_AS_HTML}; paragraphs not classed "
    "boilerplate found back in the raw text and labelled body", ("justext",))
EVERY_LINE_IS_BODY = Parser("every line is body", lambda: trafilatura_zones.all_lines_zones, ("zones",), REFERENCE,
                            "every non-empty line labelled body: the floor")

WORDNINJA_ALL = _segmenter("wordninja", "all")
WORDNINJA_LOWERCASE = _segmenter("wordninja", "lowercase")
SYMSPELL_ALL = _segmenter("symspellpy", "all")
SYMSPELL_LOWERCASE = _segmenter("symspellpy", "lowercase")

SPACY = Parser(
    f"spaCy {spacy_ner.MODEL}", spacy_ner.load_spacy_ner, ("entities",), PEER,
    f"spaCy `{spacy_ner.MODEL}` with only its `ner` component, one document per non-empty raw line "
    "(glued words left as they are); PER/ORG/LOC/MISC kept as ours, no DATE in its label set",
    ("spacy", "fr_core_news_sm"), spacy_ner.SCORED_LABELS)
