"""Word-boundary repair: find the spaces the scraper lost at line wraps.

``leministre``, ``visiteofficielle``, ``russeSergueï``, ``chiffred'affaires``,
``.Organisée``: a repair is the raw offset where one space goes back. Decisions
come from French word frequencies (``wordfreq``), never from a list of this
corpus's glued words: a letter run that is not a known word and splits into known
words is glued; a known word (``lesquels``, ``partout``) is never split.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from typing import NamedTuple

from builder.model import Repair
from builder.parse.syllables import folded_lower, is_vietnamese_syllable
from builder.tokens import page_token_texts

#: Short French words that may stand as a part of a glued run. Longer parts must be frequent words.
FUNCTION_WORDS = frozenset(
    """a à y au aux ce ces cet cette de des du elle en et il ils la le les leur leurs lui ne ni nous on ou où
    par pas pour qu que qui sa se ses si son sur un une vos vous dans avec est ont sont mais plus tout très
    bien comme entre sans sous vers chez dont été être fait lors après avant selon""".split()
)

#: Elided forms that stand before an apostrophe on their own (``d'``, ``qu'``, ``aujourd'hui``).
ELIDED = frozenset("c d j l m n s t qu jusqu lorsqu puisqu quoiqu quelqu presqu aujourd entr prud".split())

#: Ordinal and unit suffixes that legitimately follow digits (``12e``, ``1er``, ``14ᵉ``, ``3km``).
DIGIT_SUFFIXES = frozenset(
    "e er re ère ème eme es è ᵉ ᵉʳ h km m cm mm kg g t ha mw gw kw kwh mwh ms s min mn usd vnd eur ans x".split()
)

KNOWN_ZIPF = 4.0  # at or above: a word, whatever it splits into
RARE_ZIPF = 2.0  # below: not a word of the lexicon, may be split into words
PART_ZIPF = 2.8  # a content part of a split must be at least this frequent
CAPITALISED_PART_ZIPF = 3.5
ZIPF_TOTAL = 9.0  # Zipf is log10 of the frequency per billion words: log10 P(w) = zipf - 9
#: log10 of the chance that a word boundary lost its space: about 1 in 100 boundaries on these pages.
LOST_SPACE_LOG10_PRIOR = -2.0
#: log10 of the chance that a word on these (accented) pages lost its accents: ``deces`` is ``décès``, but
#: ``dela`` is ``de la`` glued far more often than ``delà`` unaccented.
UNACCENTED_LOG10_PRIOR = -1.0

SENTENCE_GLUE_RE = re.compile(r"[.!?…](?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])")
APOSTROPHES = "'’"
#: ``… ảnh 1Le ministre``: the image number of the alt text glued to the caption's first word.
ALT_MARKER_GLUE_RE = re.compile(r"[ảẢ]nh \d+(?=[^\W\d_])")


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Zipf frequencies of French words (lowercase), from ``wordfreq``, the set of common words (lowercase), and the
    frequencies of the accented words under their unaccented spelling (``developpement``)."""

    zipf: dict[str, float]
    common: frozenset[str]
    unaccented: dict[str, float]

    def __call__(self, word: str) -> float:
        return self.zipf.get(word.lower(), 0.0)

    def spelled_any_way(self, word: str) -> float:
        """The Zipf of ``word`` as written, or of the word it is with its accents dropped, whichever is higher."""
        low = word.lower()
        return max(self.zipf.get(low, 0.0), self.unaccented.get(folded_lower(low), 0.0))


@cache
def french_lexicon() -> Lexicon:
    """The French ``wordfreq`` list as Zipf values; loaded once per process (immutable)."""
    import wordfreq

    freqs = wordfreq.get_frequency_dict("fr", wordlist="best")
    zipf = {w: round(math.log10(f) + 9, 2) for w, f in freqs.items() if f > 0}
    unaccented: dict[str, float] = {}
    for w, z in zipf.items():
        if z >= BASE_ZIPF and not w.isascii():
            key = folded_lower(w)
            unaccented[key] = max(z, unaccented.get(key, 0.0))
    # Only lowercase words are common (every look-up lowers first), so a page's tokens that are common words as
    # written can be dropped before they are lowered (``find_repairs``).
    common = frozenset(w for w, z in zipf.items() if z >= KNOWN_ZIPF and w == w.lower()) | FUNCTION_WORDS
    return Lexicon(zipf, common, unaccented)


@cache
def english_lexicon() -> dict[str, float]:
    """Zipf frequencies of the common English words (``wordfreq``'s small list): brand names are made of them."""
    import wordfreq

    return {w: round(math.log10(f) + 9, 2) for w, f in wordfreq.get_frequency_dict("en", wordlist="small").items()
            if f > 0}


#: Plural endings of nouns and adjectives, and what the singular ends with instead (``régionaux`` → ``régional``).
PLURAL_ENDINGS = (("aux", ("al", "ail")), ("s", ("",)), ("x", ("",)))
#: Feminine endings, and the masculine's (``culturelle`` → ``culturel``, ``active`` → ``actif``).
FEMININE_ENDINGS = (
    ("elle", "el"), ("enne", "en"), ("onne", "on"), ("ette", "et"), ("ère", "er"), ("ive", "if"), ("euse", "eux"),
    ("trice", "teur"), ("e", ""),
)
#: Future and conditional endings after the infinitive's ``r`` (``organiser|aient``, ``prendr|a`` of ``prendre``).
FUTURE_ENDINGS = ("aient", "ions", "iez", "ais", "ait", "ons", "ont", "ez", "ai", "as", "a")
#: Other verb endings after the stem (present, imperfect, participles, subjunctive; ``-ir`` verbs' ``iss``).
VERB_ENDINGS = (
    "issaient", "issions", "issiez", "issait", "issais", "issant", "issent", "issons", "issez", "isse", "isses",
    "aient", "èrent", "irent", "ions", "iez", "ait", "ais", "ant", "ante", "antes", "ants", "ent", "ons", "ez",
    "ées", "és", "ée", "é", "ies", "is", "ie", "it", "i", "ues", "us", "ue", "u", "es", "e",
)
#: Simple-past endings, taken as verb forms only for runs the lexicon has (``parla``): elsewhere ``Xa`` is glue.
SIMPLE_PAST_ENDINGS = ("a", "as", "ai")
INFINITIVE_ENDINGS = ("er", "ir", "re")
BASE_ZIPF = 3.0  # the base form an inflected form comes from must be at least this frequent
MIN_STEM = 3
#: A noun or adjective base must be this long: short closed-class words (``quel``, ``tel``) take no ``-e``/``-s``
#: (``quele`` is ``que le`` glued).
MIN_BARE_BASE = 5


def _known_base(word: str, lexicon: Lexicon) -> bool:
    return len(word) >= MIN_STEM and lexicon.spelled_any_way(word) >= BASE_ZIPF


def _nominal_bases(word: str) -> list[str]:
    """The singular masculine forms ``word`` may be an inflection of (itself included)."""
    singulars = [word]
    for ending, replacements in PLURAL_ENDINGS:
        if word.endswith(ending):
            singulars += [word[: -len(ending)] + r for r in replacements]
            break
    bases = list(singulars)
    for singular in singulars:
        for ending, replacement in FEMININE_ENDINGS:
            if singular.endswith(ending):
                bases.append(singular[: -len(ending)] + replacement)
                break
    return bases


def is_word_form(run: str, lexicon: Lexicon) -> bool:
    """True when ``run`` is a real French word the frequency list lacks: written without its accents, or an
    inflection (plural, feminine, future, conditional, another tense or a participle) of a frequent word.

    >>> lexicon = french_lexicon()
    >>> [is_word_form(w, lexicon) for w in ("festivaux", "sécuriseraient", "developpement", "leministre")]
    [True, True, True, False]
    """
    low = run.lower()
    return lexicon.spelled_any_way(low) >= RARE_ZIPF or is_inflection(low, lexicon)


def is_inflection(low: str, lexicon: Lexicon, simple_past: bool = False) -> bool:
    """True when the lowercase ``low`` is an inflection of a frequent word (see :func:`is_word_form`)."""
    if any(_known_base(base, lexicon) and len(base) >= MIN_BARE_BASE for base in _nominal_bases(low)[1:]):
        return True
    for ending in FUTURE_ENDINGS:
        if low.endswith("r" + ending):
            stem = low[: -len(ending)]  # ends with the infinitive's r
            if _known_base(stem, lexicon) or _known_base(stem + "e", lexicon):
                return True
            if stem.endswith("er") and _known_base(stem[:-2] + "ir", lexicon):  # ``accueillera``
                return True
    endings = VERB_ENDINGS + SIMPLE_PAST_ENDINGS if simple_past else VERB_ENDINGS
    for ending in endings:
        if low.endswith(ending) and len(low) - len(ending) >= MIN_STEM - 1:
            stem = low[: -len(ending)]
            if any(_known_base(stem + inf, lexicon) for inf in INFINITIVE_ENDINGS):
                return True
    return False


def _part_ok(part: str, lexicon: Lexicon, min_zipf: float) -> bool:
    low = part.lower()
    if low in FUNCTION_WORDS:
        return True
    return len(part) >= 3 and lexicon(low) >= min_zipf


def is_typo_of_word(run: str, lexicon: Lexicon) -> bool:
    """True when one edit (a letter dropped, doubled or swapped) turns the run into a word.

    ``contruite`` is ``construite`` misspelt, not ``con truite``: a weak split of a
    run that is one keystroke from a frequent word is a typo, and typos are left alone.
    """
    low = run.lower()
    alphabet = "abcdefghijklmnopqrstuvwxyzéèêëàâîïôöûùüç"
    for i in range(len(low) + 1):
        for ch in alphabet:
            if lexicon(low[:i] + ch + low[i:]) >= PART_ZIPF:
                return True
    for i in range(len(low) - 1):
        if lexicon(low[:i] + low[i + 1] + low[i] + low[i + 2 :]) >= PART_ZIPF:
            return True
    return False


def _splits(run: str, lexicon: Lexicon, min_zipf: float, max_parts: int) -> list[tuple[float, list[int]]]:
    """Every split of ``run`` into 2..max_parts acceptable parts, scored by its weakest part."""
    def strength(part: str) -> float:
        return 7.0 if part.lower() in FUNCTION_WORDS else lexicon(part)

    found: list[tuple[float, list[int]]] = []
    n = len(run)
    for i in range(1, n):
        left = run[:i]
        if not _part_ok(left, lexicon, min_zipf):
            continue
        right = run[i:]
        if _part_ok(right, lexicon, min_zipf):
            found.append((min(strength(left), strength(right)), [i]))
            continue
        if max_parts < 3:
            continue
        for j in range(i + 1, n):
            middle, last = run[i:j], run[j:]
            if _part_ok(middle, lexicon, min_zipf) and _part_ok(last, lexicon, min_zipf):
                found.append((min(strength(left), strength(middle), strength(last)) - 1.0, [i, j]))
    return found


def _best_split(
    run: str, lexicon: Lexicon, min_zipf: float, max_parts: int, plural: bool = False
) -> tuple[float, list[int]] | None:
    """The split whose weakest part is the most frequent; after a plural determiner (``deux
    partiesont``), a near-best split whose first part is plural (``parties ont``) wins."""
    found = _splits(run, lexicon, min_zipf, max_parts)
    if not found:
        return None
    best = max(found, key=lambda c: c[0])
    if plural:
        agreeing = [c for c in found if c[0] >= best[0] - 1.5 and run[: c[1][0]][-1:] in ("s", "x")]
        if agreeing:
            return max(agreeing, key=lambda c: c[0])
    return best


def split_run(run: str, lexicon: Lexicon, sentence_start: bool = True, plural: bool = False) -> list[int]:
    """Split points (indices into ``run``) of a glued letter run, or ``[]`` for a word.

    A capitalised run in mid-sentence is most likely a proper name (``Bahadur``,
    ``Salavan``): it is only split as a frequent capitalised word glued to a
    following word (``Russiedans``).
    """
    zipf = lexicon(run)
    if zipf >= KNOWN_ZIPF or len(run) < 3:
        return []
    low = run.lower()
    capitalised = run[0].isupper()
    if zipf >= RARE_ZIPF:
        # A lexicon entry, but maybe a frequent typo of two function words (``dela``, ``ila``): split
        # only when the two words, weighed by the prior of a lost space, outweigh the entry itself
        # (``surplus``, ``atout``, ``passa`` stay words), and the entry is no verb form (``parla``) nor a
        # frequent word without its accents (``deces``).
        if capitalised or is_inflection(low, lexicon, simple_past=True):
            return []
        for i in range(1, len(run)):
            if low[:i] in FUNCTION_WORDS and low[i:] in FUNCTION_WORDS:
                pair = lexicon(low[:i]) + lexicon(low[i:]) - ZIPF_TOTAL + LOST_SPACE_LOG10_PRIOR
                unaccented = lexicon.unaccented.get(folded_lower(low), 0.0) + UNACCENTED_LOG10_PRIOR
                if pair > max(zipf, unaccented):
                    return [i]
        return []
    if is_word_form(run, lexicon):
        return []
    if capitalised and not sentence_start:
        best = _best_split(run, lexicon, KNOWN_ZIPF, 2)
        if best is None or run[: best[1][0]].lower() in FUNCTION_WORDS:
            return []
        if lexicon(run[: best[1][0]]) < CAPITALISED_PART_ZIPF:
            return []
    else:
        best = _best_split(run, lexicon, CAPITALISED_PART_ZIPF if capitalised else PART_ZIPF, 3, plural)
    if best is None:
        return []
    if best[0] < KNOWN_ZIPF and is_typo_of_word(run, lexicon):
        return []
    return best[1]


def _camel_points(run: str, lexicon: Lexicon, raw: str = "") -> list[int]:
    """Lower→Upper transitions inside a run that are word boundaries (``russeSergueï``, ``TrânDai``)."""
    points = []
    for i in range(1, len(run)):
        if run[i - 1].islower() and run[i].isupper():
            left, right = run[:i], run[i:]
            right_is_word = len(right) >= 2 and (right[1:2].islower() or right.isupper())
            if not right_is_word:
                continue
            if left[0].islower():
                # ``russeSergueï``, ``duCOVID``: the left part must read as French.
                if _part_ok(left, lexicon, PART_ZIPF) or split_run(left, lexicon):
                    points.append(i)
            elif left.lower() in FUNCTION_WORDS:
                points.append(i)  # ``LeVietnam``
            elif lexicon(run) < 1.0 and len(left) >= 2 and right[1:2].islower():
                if _names_glued(left, right, lexicon, raw):
                    points.append(i)
    return points


def _names_glued(left: str, right: str, lexicon: Lexicon, raw: str) -> bool:
    """Two capitalised words glued (``TrânDai``, ``PatrushevNikolai``), not one camel-case brand name.

    Brands are made of syllables and words of English or French (``VnExpress``, ``TikTok``, ``VinFast``,
    ``PetroVietnam``, ``AstraZeneca``): they are split only on evidence. Evidence is the page writing the two
    apart (``Mer Rouge``), both being Vietnamese syllables (``Xuân|Lich``: a brand's parts rarely are), or
    one part, a name and not a common word, standing alone elsewhere on the page (``Patrushev``).
    """
    if f"{left} {right}" in raw:
        return True
    if is_vietnamese_syllable(left) and is_vietnamese_syllable(right):
        return True
    english = english_lexicon()
    for part in (left, right):
        if (len(part) >= 4 and lexicon(part) < CAPITALISED_PART_ZIPF and english.get(part.lower(), 0.0) < BASE_ZIPF
                and _stands_alone(raw, part)):
            return True
    return False


def _stands_alone(raw: str, word: str) -> bool:
    """True when ``word`` occurs in ``raw`` as a whole word, not glued to letters on either side."""
    start = raw.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not raw[start - 1].isalpha()) and (end == len(raw) or not raw[end].isalpha()):
            return True
        start = raw.find(word, start + 1)
    return False


_L = r"[^\W\d_]"
WORD_RE = re.compile(rf"{_L}+")
CAMEL_RE = re.compile(r"[a-zß-ÿ][A-ZÀ-ÖØ-Þ]")
#: An apostrophe between letters, after at least two letters (``l'``, ``d'`` alone are the common case, never glue).
ELISION_RE = re.compile(rf"['’](?<={_L}{_L}.)(?={_L})")
NUMBER_RE = re.compile(r"\d+")
#: Maximal digit runs after / before a word character that is not a digit (opening on ``\d``, so the engine
#: skips ahead to digits instead of trying every offset).
LETTER_THEN_DIGITS_RE = re.compile(r"\d(?<=[^\W\d]\d)\d*")
DIGITS_THEN_LETTER_RE = re.compile(r"\d(?<!\d\d)\d*(?=[^\W\d])")
#: Every place a glue rule looks at, found in one scan of the page instead of seven (each scan of a page costs
#: about a fifth of the findall reference, whatever it finds): it opens on the characters that start one of
#: them, and the named group that is set says which it is. The same hits as, in turn: :data:`CAMEL_RE` (at
#: the capital), :data:`ELISION_RE`, :data:`LETTER_THEN_DIGITS_RE` (``l2d``, and ``d2l`` when the digits also
#: touch a letter after them), :data:`DIGITS_THEN_LETTER_RE` (``d2l_only``; the group is at the digits' end),
#: :data:`SENTENCE_GLUE_RE`, :data:`ALT_MARKER_GLUE_RE` (the group at the match's end) and
#: :data:`WEB_NAME_MARK_RE`. Every alternative opens on a character class (the digit ones too: their look-behind
#: comes after the digit), so the engine drops an alternative on its first character instead of trying its
#: look-around at every capital and full stop (a fifth faster).
GLUE_MARKS_RE = re.compile(
    r"[A-ZÀ-ÖØ-Þ'’\d.!?…ảẢ@](?<=(?="
    + "|".join((
        r"[A-ZÀ-ÖØ-Þ](?<=[a-zß-ÿ].)(?P<camel>)",
        rf"['’](?<={_L}{_L}.)(?={_L})(?P<elision>)",
        r"\d(?<=[^\W\d]\d)(?P<l2d>)(?:\d*+(?=[^\W\d])(?P<d2l>)|)",
        r"\d(?<!\d\d)\d*+(?=[^\W\d])(?P<d2l_only>)",
        r"[.!?…](?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])(?P<sentence>)",
        r"[ảẢ]nh \d+(?=[^\W\d_])(?P<alt>)",
        r"[.@](?=[a-z])(?P<web>)",
    ))
    + ").)"
)


class GlueMarks(NamedTuple):
    """Where each glue rule looks, in text order (see :data:`GLUE_MARKS_RE`)."""

    camel: list[int]  # the lowercase letter before a capital
    elision: list[int]  # the letter before an apostrophe that follows two letters
    letter_digits: list[int]  # digits that follow a letter: their start
    digits_letter: list[int]  # digits that a letter follows: their end
    sentence: list[int]  # the sentence mark glued to a capitalised word
    alt_marker: list[int]  # the end of ``ảnh 1`` glued to a word
    web: list[int]  # a dot or ``@`` before a lowercase letter


def glue_marks(raw: str) -> GlueMarks:
    """The places of ``raw`` each glue rule looks at, from one scan."""
    marks = GlueMarks([], [], [], [], [], [], [])
    camel, elision, letter_digits, digits_letter, sentence, alt_marker, web = marks
    for m in GLUE_MARKS_RE.finditer(raw):
        kind, at = m.lastgroup, m.start()
        if kind == "camel":
            camel.append(at - 1)
        elif kind == "elision":
            elision.append(at - 1)
        elif kind == "l2d":
            letter_digits.append(at)
        elif kind == "d2l":
            letter_digits.append(at)
            digits_letter.append(m.start(kind))
        elif kind == "d2l_only":
            digits_letter.append(m.start(kind))
        elif kind == "sentence":
            sentence.append(at)
        elif kind == "alt":
            alt_marker.append(m.start(kind))
        else:
            web.append(at)
    return marks




def _letter_runs(token: str) -> list[str]:
    """The letter runs of a ``\\w`` token worth a look (``2020pour`` → ``pour``)."""
    if token.isalpha():
        return [token]
    return [run for run in WORD_RE.findall(token) if len(run) >= 3 and run not in french_lexicon().common]


@lru_cache(maxsize=1 << 16)
def _glued_runs(token: str) -> tuple[str, ...]:
    """The letter runs of a lowercase token that split as glued words at a sentence start, memoised (tokens
    repeat across a crawl, and most rare tokens have none)."""
    if len(token) < 3:
        return ()
    return tuple(run for run in _letter_runs(token) if _split_decision(run, True))


def _lowered(raw: str) -> str:
    """``raw.lower()``, keeping offsets exact where a character would change length."""
    low = raw.lower()
    if len(low) == len(raw):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in raw)


def find_repairs(raw: str) -> list[Repair]:
    """Offsets where a lost space must be inserted, sorted (pure: the lexicon is read-only data).

    The common path stays in C: the page's distinct tokens (the page's one tokenisation pass, shared with
    the entity tagger and the rows) minus the common words leave a few dozen rare runs; only those that split
    are looked up again.
    """
    lexicon = french_lexicon()
    offsets: set[int] = set()
    words = set(page_token_texts(raw)) - lexicon.common  # common words are lowercase: most go before lowering
    rare = set(map(str.lower, words)) - lexicon.common
    glued = [run for token in rare for run in _glued_runs(token)]
    low = _lowered(raw) if glued else raw
    for run in glued:
        for start in _occurrences(low, run):
            end = start + len(run)
            original = raw[start:end]
            if any(map(str.isupper, original[1:])) or _before_apostrophe(raw, end):
                continue  # camel case and elided forms are decided below
            decision = _split_decision(original, _starts_sentence(raw, start), _after_plural(raw, start))
            offsets.update(start + p for p in decision)
    marks = glue_marks(raw)
    for start, end in _runs_around(raw, marks.camel):
        run = raw[start:end]
        points = _camel_points(run, lexicon, raw)
        offsets.update(start + p for p in points)
        bounds = [0, *points, len(run)]
        for a, b in zip(bounds, bounds[1:]):
            piece = run[a:b]
            if piece.lower() in lexicon.common or any(ch.isupper() for ch in piece[1:]):
                continue
            if b == len(run) and _before_apostrophe(raw, end):
                continue
            sentence_start = a > 0 or _starts_sentence(raw, start)
            offsets.update(start + a + p for p in _split_decision(piece, sentence_start))
    for start, end in _runs_around(raw, marks.elision):
        run = raw[start:end]
        if run.lower() in ELIDED and (len(run) <= 2 or run.islower()):
            continue  # ``l'``, ``d'``, ``qu'``: an elided form standing alone (the common case)
        cut = max(_camel_points(run, lexicon, raw), default=0) if not run.islower() else 0
        if any(ch.isupper() for ch in run[cut + 1 :]):
            continue
        offsets.update(start + cut + p for p in _elision_points(run[cut:], lexicon))
    # Digit runs touching a letter (the regexes find only runs next to a word character; isalpha decides).
    for start in marks.letter_digits:
        if raw[start - 1].isalpha():
            _digit_glue(raw, start, lexicon, offsets)
    for end in marks.digits_letter:
        if raw[end].isalpha():
            _digit_glue(raw, end, lexicon, offsets)
    offsets.update(at + 1 for at in marks.sentence if _ends_word(raw, at))
    offsets.update(marks.alt_marker)
    for start, end in _web_names(raw, marks.web):
        offsets.difference_update(range(start + 1, end))
    return list(map(make_repair, sorted(offsets)))


def _repair_maker() -> Callable[[int], Repair]:
    """``Repair(offset)`` without the frozen dataclass's ``__init__`` (an ``object.__setattr__`` call): the slot set
    through its descriptor, the same object at about a third of the cost (a page has dozens). Falls back to
    ``Repair`` itself should the class change shape (other fields, a ``__post_init__``, no slots)."""
    if (tuple(f.name for f in fields(Repair)) != ("offset",) or hasattr(Repair, "__post_init__")
            or getattr(Repair, "__slots__", None) != ("offset",)):
        return Repair
    new = object.__new__
    set_offset = Repair.offset.__set__  # type: ignore[attr-defined]

    def make_repair(offset: int) -> Repair:
        repair = new(Repair)
        set_offset(repair, offset)
        return repair

    return make_repair


make_repair = _repair_maker()


#: A dot or an at sign followed by a lowercase letter: inside a domain or an address (``qdnd.vn``), never a
#: sentence end (a repair there needs a capital).
WEB_NAME_MARK_RE = re.compile(r"[.@](?=[a-z])")


def _web_names(raw: str, marks: Iterable[int] | None = None) -> list[tuple[int, int]]:
    """Spans of the domain names and addresses of ``raw`` (``baoquocte.vn``, ``contact@vnanet.vn``): one token
    each, never split (a run of letters in a domain is usually words written together on purpose).

    ``marks``: the offsets of :data:`WEB_NAME_MARK_RE`'s hits, when already found (:func:`glue_marks`)."""
    spans: list[tuple[int, int]] = []
    for i in (m.start() for m in WEB_NAME_MARK_RE.finditer(raw)) if marks is None else marks:
        if i == 0 or not raw[i - 1].isalnum() or (spans and spans[-1][0] <= i < spans[-1][1]):
            continue
        start, end = i, i + 1
        while start > 0 and (raw[start - 1].isalnum() or raw[start - 1] in "-_.@/:"):
            start -= 1
        while end < len(raw) and (raw[end].isalnum() or raw[end] in "-_.@/"):
            end += 1
        spans.append((start, end))
    return spans


def _runs_around(raw: str, positions: Iterable[int]) -> list[tuple[int, int]]:
    """The distinct letter runs that contain the given positions (found by cheap regex hits)."""
    runs: list[tuple[int, int]] = []
    for i in positions:
        if i < 0 or not raw[i].isalpha() or (runs and runs[-1][0] <= i < runs[-1][1]):
            continue
        start, end = i, i + 1
        while start > 0 and raw[start - 1].isalpha():
            start -= 1
        m = WORD_RE.match(raw, end)
        if m:
            end = m.end()
        runs.append((start, end))
    return runs


def _ends_word(raw: str, i: int) -> bool:
    """Two lowercase letters before ``i``: a word ends there, not an initial (``M.``) or a number."""
    return i >= 2 and raw[i - 1].islower() and raw[i - 2].islower()


def _occurrences(text: str, word: str) -> list[int]:
    """Starts of ``word`` standing as a whole letter run in ``text`` (``str.find`` runs in C)."""
    found = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalpha()) and (end == len(text) or not text[end].isalpha()):
            found.append(start)
        start = text.find(word, end)
    return found


def _before_apostrophe(raw: str, end: int) -> bool:
    return end + 1 < len(raw) and raw[end] in APOSTROPHES and raw[end + 1].isalpha()


@lru_cache(maxsize=1 << 16)
def _split_decision(run: str, sentence_start: bool, plural: bool = False) -> tuple[int, ...]:
    """Memoised :func:`split_run` over the French lexicon (runs repeat across a crawl)."""
    return tuple(split_run(run, french_lexicon(), sentence_start, plural))


PLURAL_DETERMINERS = frozenset("les des ces mes tes ses nos vos leurs deux trois quatre plusieurs quelques".split())
PREVIOUS_WORD_RE = re.compile(rf"({_L}+)[ \xa0]+$")
#: The last letters of the plural determiners (``s``, ``x``, ``e``): a word ending otherwise is not read further.
_PLURAL_ENDS = frozenset(word[-1] for word in PLURAL_DETERMINERS)


def _after_plural(raw: str, start: int) -> bool:
    """True when the word before ``start`` is a plural determiner or a number word.

    :data:`PREVIOUS_WORD_RE` searched in ``raw[start - 20 : start]``, by hand: the letter run before the spaces that
    end the window (or end it but for one line break, as ``$`` allows); a word that does not end as a determiner
    does (:data:`_PLURAL_ENDS`) is not read back to its start.
    """
    low = max(0, start - 20)
    end = start - 1 if start > low and raw[start - 1] == "\n" else start
    i = end
    while i > low and raw[i - 1] in " \xa0":
        i -= 1
    if i == end or raw[i - 1].lower() not in _PLURAL_ENDS:
        return False
    j = i
    while j > low and (ch := raw[j - 1]).isalnum() and not ch.isdecimal():  # ``[^\W\d_]``, without the engine
        j -= 1
    return j < i and raw[j:i].lower() in PLURAL_DETERMINERS


def _starts_sentence(raw: str, start: int) -> bool:
    """True when the token at ``start`` opens a line or follows sentence punctuation."""
    i = start - 1
    while i >= 0 and raw[i] in " \t\xa0«\"“(":
        i -= 1
    return i < 0 or raw[i] in "\n.!?…:–—-"


def _elision_points(piece: str, lexicon: Lexicon) -> list[int]:
    """A run before an apostrophe must end in an elided form: ``chiffred'`` → ``chiffre d'``."""
    low = piece.lower()
    if low in ELIDED or lexicon(low + "'") > 0:
        return []
    for form in ("qu", "d", "l", "s", "n", "j", "m", "t", "c"):
        if low.endswith(form) and len(low) > len(form):
            head = piece[: -len(form)]
            if _part_ok(head, lexicon, PART_ZIPF) or lexicon(head) >= KNOWN_ZIPF:
                return [len(head)]
            inner = split_run(head, lexicon)
            if inner:
                return [*inner, len(head)]
            return []
    return []


def _digit_glue(raw: str, boundary: int, lexicon: Lexicon, offsets: set[int]) -> None:
    """``2020pour`` / ``le15`` / ``accueillera20``: digits glued to a lowercase word (not ``12e``, ``3km``,
    ``G20``); ``3econgrès``: an ordinal glued to the next word, the space goes after its suffix."""
    if raw[boundary].isalpha():  # digits, then letters
        m = WORD_RE.match(raw, boundary)
        word = m.group() if m else ""
        if not _word_after_digits(word, lexicon):
            suffix = _ordinal_suffix(word, lexicon)
            if suffix:
                offsets.add(boundary + suffix)
            return
    else:  # letters, then digits
        i = boundary
        while i > 0 and raw[i - 1].isalpha():
            i -= 1
        word = raw[i:boundary]
        if not _word_after_digits(word, lexicon):
            return
    offsets.add(boundary)


#: Ordinal suffixes after digits, longest first (``1er``, ``2nd``, ``3e``, ``4ème``, ``1ère``).
ORDINAL_SUFFIXES = ("ème", "eme", "ère", "ère", "ers", "nd", "nde", "er", "re", "e", "è", "ᵉʳ", "ᵉ")


def _ordinal_suffix(word: str, lexicon: Lexicon) -> int:
    """Length of the ordinal suffix opening ``word`` when a word follows it glued (``econgrès``), else 0."""
    for suffix in ORDINAL_SUFFIXES:
        if word.startswith(suffix) and len(word) - len(suffix) >= 3:
            rest = word[len(suffix) :]
            if rest.islower() and (rest in FUNCTION_WORDS or lexicon(rest) >= KNOWN_ZIPF):
                return len(suffix)
    return 0


def _word_after_digits(word: str, lexicon: Lexicon) -> bool:
    if not word.islower() or word in DIGIT_SUFFIXES or len(word) < 2:
        return False
    if word in FUNCTION_WORDS or lexicon(word) >= KNOWN_ZIPF:
        return True
    return len(word) >= 5 and is_word_form(word, lexicon) and lexicon.spelled_any_way(word) >= RARE_ZIPF
