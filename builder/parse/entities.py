"""A fast rule-based named-entity tagger for French news about Vietnam (PER, ORG, LOC, MISC, DATE).

Why rules and not a statistical model: the pages are short, formulaic and full of names that spaCy's French model
has never seen (Vietnamese names without their diacritics, words glued by the scraper); a few patterns over
general-knowledge gazetteers are more accurate here and a hundred times faster.

How: detectors propose candidate spans over the raw text. Gazetteers are compiled into one accent-insensitive trie
regex; dates, organisations, treaties and events are head words extended by regex over their French complements;
persons are found by the shape of Vietnamese names and by the titles, roles and appositions around foreign names.
Candidates are resolved greedily: the longest span wins, then the detector's priority. Everything is compiled
once at import, and every scan opens on a literal or a character class so that the regex engine can skip ahead.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import fields
from functools import lru_cache
from itertools import repeat
from operator import methodcaller
from typing import NamedTuple

import wordfreq

from builder.model import Entity
from builder.parse.gazetteers import catalogues as gazetteers
from builder.parse.gazetteers.french import (
    GLUED_ELISIONS,
    GLUED_TAILS,
    MONTHS,
    NATIONALITY_ADJECTIVES,
    UNACCENTED_MONTHS,
    WEEKDAYS,
    adjective_forms,
)
from builder.parse.gazetteers.organisations import (
    INSTITUTION_ADJECTIVES,
    INSTITUTION_DOMAINS,
    NAMED_ORG_HEADS,
    ORG_HEADS,
    STANDALONE_ORG_HEADS,
)
from builder.parse.gazetteers.other_names import EVENT_HEADS, TREATY_HEADS
from builder.parse.gazetteers.persons import (
    AMBIGUOUS_FAMILY_NAMES,
    COURTESY_TITLES,
    PHOTO_POSITIONS,
    ROLE_ADJECTIVES,
    ROLE_DOMAINS,
    ROLES,
    VIETNAMESE_FAMILY_NAMES,
)
from builder.parse.gazetteers.places import SEA_HEADS
from builder.parse.syllables import VIETNAMESE_SYLLABLE_RE as _VIETNAMESE_SYLLABLE_RE

__all__ = ["canonical_key", "fold", "tag_entities"]

#: Sizes of the text-keyed caches. Names recur from page to page, the frequent ones most (what a cache of this size
#: keeps); a bigger cache buys few hits on a real crawl, whose rare names are countless, for the memory of every
#: worker: 65,536 distinct runs of three words filled the run and word caches with about 60 MiB (23 MiB at these
#: sizes).
WORD_CACHE_SIZE = 32768
RUN_CACHE_SIZE = 8192

# ----------------------------------------------------------------------------------------------------------------
# Characters: Latin letters (Vietnamese ones included) and a one-for-one accent fold.

_LATIN = "".join(
    chr(cp) for block in ((0x41, 0x5B), (0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00)) for cp in range(*block)
)
UPPER = "".join(c for c in _LATIN if c.isupper())
LOWER = "".join(c for c in _LATIN if c.islower())
_U = f"[{UPPER}]"
_L = f"[{LOWER}]"
_LETTER = f"[{UPPER}{LOWER}]"
_NOT_LETTER_AFTER = f"(?![{UPPER}{LOWER}])"
_SP = r"[ \t\u00a0\u202f]"
_APOS = "['’ʼ]"
_SPECIAL_FOLDS = {"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "’": "'", "ʼ": "'", "‘": "'"}


def _fold_char(char: str) -> str:
    """The unaccented base letter of a Latin letter, or the character itself (always one character)."""
    if char in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() and base.isalpha() else char


_FOLD_TABLE = {ord(c): _fold_char(c) for c in _LATIN + "’ʼ‘" if _fold_char(c) != c}
_FOLD_TABLE.update({0x00A0: " ", 0x202F: " ", 0x2009: " ", 0x2013: "-", 0x2014: "-", 0x2011: "-", 0x2010: "-"})
_FOLD = str.maketrans(_FOLD_TABLE)


def fold(text: str) -> str:
    """Accents removed, letter case kept, one character for one (offsets into the text stay valid)."""
    return text.translate(_FOLD)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def canonical_key(text: str) -> str:
    """A grouping key with accents, case, apostrophes and spacing folded: ``Tô Lâm`` and ``To Lam`` share one.

    >>> canonical_key("Lê  Hoài Trung") == canonical_key("le hoai trung")
    True
    """
    folded = fold(text)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.casefold().split())


# ----------------------------------------------------------------------------------------------------------------
# Regex building: tries (an alternation of many words fails at its first character, not after trying each word).


def _variant_classes() -> dict[str, str]:
    """For each base letter, a regex class of every letter that folds to it (``a`` -> ``[aàáâ...]``)."""
    variants: dict[str, list[str]] = {}
    for c in _LATIN:
        variants.setdefault(_FOLD_TABLE.get(ord(c), c), []).append(c)
    classes = {base: "[" + "".join(chars) + "]" for base, chars in variants.items() if len(chars) > 1}
    classes.update({"'": _APOS, "-": "[-‐‑–]"})
    return classes


_VARIANT_CLASSES: dict[str, str] = _variant_classes()
_SPACE_REQUIRED = "\x01"
_SPACE_OPTIONAL = "\x02"


def _accent_insensitive(symbol: str) -> str:
    """A regex for one trie symbol of a gazetteer name: any accented form of a letter, or a space marker."""
    if symbol == _SPACE_REQUIRED:
        return f"{_SP}+"
    if symbol == _SPACE_OPTIONAL:
        return f"{_SP}*"
    return _VARIANT_CLASSES.get(symbol) or re.escape(symbol)


def _exact(symbol: str) -> str:
    """A regex for one character of a word, exactly (any apostrophe, any run of spaces)."""
    if symbol == "'":
        return _APOS
    if symbol == " ":
        return f"{_SP}+"
    return re.escape(symbol)


def _trie_regex(keys: Iterable[str], symbol_regex=_exact) -> str:
    """A regex matching any of ``keys`` (the longest when several match), branching one symbol at a time."""
    trie: dict = {}
    for key in keys:
        node = trie
        for symbol in key:
            node = node.setdefault(symbol, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [symbol_regex(s) + emit(child) for s, child in sorted(node.items()) if s]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + emit(trie) + ")"


def words_regex(words: Iterable[str]) -> str:
    """A trie regex of exact words (the longest wins)."""
    return _trie_regex(sorted(set(words)))


def _capitalised_too(words: Iterable[str]) -> set[str]:
    return {v for w in words for v in (w, w[:1].upper() + w[1:])}


def _first_letters(words: Iterable[str]) -> str:
    """A regex class of the first characters of ``words``."""
    return "[" + "".join(sorted({re.escape(w[0]) for w in words})) + "]"


# ----------------------------------------------------------------------------------------------------------------
# Scanners. Python's regex engine skips ahead fast only when a pattern opens with a literal (fastest) or a
# character class; a pattern opening with a lookbehind or an alternation is tried at every offset. A scanner
# therefore opens on such a character and captures the match proper in group 1.


class Scanner(NamedTuple):
    """Compiled searches for one body regex; each opens on a literal or a class, the body is group 1."""

    searches: tuple[re.Pattern[str], ...]
    #: For scanners that open on the character before the body: ``(?=(body))``, tried where the text starts.
    at_text_start: re.Pattern[str] | None

    def matches(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        """Every match whose body opens inside ``text[start:end]``, sorted by that opening; they may overlap."""
        found: list[re.Match[str]] = []
        begin = start
        if self.at_text_start is not None:
            if start == 0:
                first = self.at_text_start.match(text, 0, end)
                if first is not None and first.end(1) > 0:
                    found.append(first)
            else:
                begin = start - 1
        for search in self.searches:
            found.extend(search.finditer(text, begin, end))
        if len(self.searches) > 1:
            found.sort(key=_body_start)
        return found

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The (start, end) of every match whose body opens inside ``text[start:end]``, sorted."""
        return [m.span(1) for m in self.matches(text, start, end)]


_body_start = methodcaller("start", 1)


def starting_with(first_class: str, body: str) -> Scanner:
    """A scanner for ``body``, whose first character is always in ``first_class``."""
    return Scanner((re.compile(f"{first_class}(?<=(?=({body})).)"),), None)


def after_boundary(boundaries: str, body: str) -> Scanner:
    """A scanner for ``body`` right after one of the ``boundaries`` characters (each searched as a literal)."""
    searches = tuple(re.compile(f"{re.escape(b)}(?=({body}))") for b in boundaries)
    return Scanner(searches, re.compile(f"(?=({body}))"))


#: Characters after which a lowercase keyword may start (the literal scans are much faster than a class).
_WORD_BOUNDARIES = " \n('’"

# ----------------------------------------------------------------------------------------------------------------
# Gazetteers: one trie regex over accent-folded names; a space before a capital may be missing (glued words).


def _gazetteer_symbols(name: str) -> str:
    """The trie symbols of a name: folded letters, and a space marker that is optional before a capital."""
    out: list[str] = []
    folded = " ".join(fold(name).split())
    for i, ch in enumerate(folded):
        if ch == " ":
            out.append(_SPACE_OPTIONAL if folded[i + 1 : i + 2].isupper() else _SPACE_REQUIRED)
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _gazetteer_key(text: str) -> str:
    return "".join(fold(text).split())


def _gazetteer_label_index() -> dict[str, str]:
    """Gazetteer key -> label; a later label wins (a name that is a place and an organisation is an ORG)."""
    index: dict[str, str] = {}
    named = (("LOC", gazetteers.LOCATIONS), ("ORG", gazetteers.ORGANISATIONS), ("MISC", gazetteers.OTHER_NAMES))
    for label, names in named:
        for name in names:
            index[_gazetteer_key(name)] = label
    return index


_GAZETTEER_LABELS: dict[str, str] = _gazetteer_label_index()
_GAZETTEER_SYMBOLS = sorted({_gazetteer_symbols(n) for n in gazetteers.LOCATIONS | gazetteers.ORGANISATIONS
                             | gazetteers.OTHER_NAMES})
#: A name may end before a non-letter, before a capital (glued), or before a glued French word (``Laosa``).
_GLUED_END = (
    f"(?:(?![{UPPER}{LOWER}0-9])|(?<=[{LOWER}])(?=[{UPPER}])"
    f"|(?={words_regex(GLUED_TAILS)}{_NOT_LETTER_AFTER})|(?={words_regex(GLUED_ELISIONS)}{_APOS}))"
)
_GLUED_START = f"(?:(?<![{UPPER}{LOWER}0-9])|(?<=[{LOWER}])(?=[{UPPER}]))"
GAZETTEER = starting_with(
    "[" + "".join(sorted({_accent_insensitive(k[0]).strip("[]") for k in _GAZETTEER_SYMBOLS})) + "]",
    _GLUED_START + _trie_regex(_GAZETTEER_SYMBOLS, _accent_insensitive) + _GLUED_END,
)

# ----------------------------------------------------------------------------------------------------------------
# Shared pieces of French institution names.

_INSTITUTION_ADJ = words_regex(
    _capitalised_too(f for a in INSTITUTION_ADJECTIVES + NATIONALITY_ADJECTIVES for f in adjective_forms(a))
)
_CAP_WORD = rf"{_U}{_L}+(?:-{_U}?{_L}+)*"
_ACRONYM_WORD = rf"{_U}{{2,6}}(?![{LOWER}])"
_GLUED_PREP = rf"(?:d(?:e(?:{_SP}*(?:la{_SP}+|l{_APOS})|s{_SP}*|{_SP}*)|u{_SP}*|{_APOS}))"
_DOMAIN = words_regex(INSTITUTION_DOMAINS)
_NAMED = rf"{_CAP_WORD}(?:{_SP}+{_CAP_WORD})*"
_ORG_COMPLEMENT = (
    rf"(?:{_SP}+{_INSTITUTION_ADJ}(?![{LOWER}])"
    rf"|{_SP}*{_GLUED_PREP}(?:{_NAMED}|{_ACRONYM_WORD}|{_DOMAIN}(?![{LOWER}]))"
    rf"|{_SP}+pour{_SP}+(?:l{_APOS}|la{_SP}+|le{_SP}+|les{_SP}+){_DOMAIN}(?![{LOWER}]))"
)
_ORG_HEAD = words_regex(f for h in ORG_HEADS for f in ((h,) if h.endswith("s") else (h, h + "s")))
_EVENT_HEAD = words_regex(EVENT_HEADS)
_TREATY_HEAD = words_regex(TREATY_HEADS)
_TREATY_TAIL_WORD = rf"(?:[{LOWER}]+(?:{_APOS}|-[{LOWER}]+)?|{_CAP_WORD})"
_TREATY_TAIL = (
    rf"(?:{_SP}+(?:sur|relatif|relative|relatifs|relatives|concernant|contre)(?:{_SP}+(?:à|aux|au))?"
    rf"(?:{_SP}*{_TREATY_TAIL_WORD}){{1,9}})?"
)
_TREATY_TAIL_STOP = frozenset(
    "a ont est sont été sera seront était qui que dont signé signée adopté adoptée ratifié ratifiée entre avec "
    "pour par afin ainsi lors".split()
)
_TRAILING_FUNCTION_WORDS = frozenset("de des du d' la le les l' en et à au aux sur".split())

_CAPITALISED_HEADS = (
    tuple(f for h in ORG_HEADS for f in ((h,) if h.endswith("s") else (h, h + "s")))
    + NAMED_ORG_HEADS + STANDALONE_ORG_HEADS + EVENT_HEADS + TREATY_HEADS
)
_ACRONYM = rf"[A-Z][A-Z0-9&]{{1,5}}(?![{UPPER}{LOWER}0-9/]|-[A-Za-z0-9])"
#: Organisations, events and treaties headed by a capitalised word, courtesy titles, acronyms (groups 2 to 6).
CAPITALISED_HEAD = starting_with(
    "[A-Z" + _first_letters(_CAPITALISED_HEADS + COURTESY_TITLES)[1:],
    rf"(?<![{UPPER}{LOWER}0-9/.\-])"
    rf"(?={words_regex(_CAPITALISED_HEADS)}{_NOT_LETTER_AFTER}|{words_regex(COURTESY_TITLES)}{_SP}|{_ACRONYM})(?:"
    rf"(?:(?=((?:{_ORG_HEAD}{_NOT_LETTER_AFTER}(?:{_ORG_COMPLEMENT})+"
    rf"|{words_regex(NAMED_ORG_HEADS)}{_SP}+{_NAMED}(?:{_ORG_COMPLEMENT})*"
    rf"|{words_regex(STANDALONE_ORG_HEADS)}{_NOT_LETTER_AFTER})))|)"
    rf"(?:(?=({_EVENT_HEAD}{_NOT_LETTER_AFTER}(?:{_ORG_COMPLEMENT})+))|)"
    rf"(?:(?=({_TREATY_HEAD}{_NOT_LETTER_AFTER}(?:{_ORG_COMPLEMENT})*{_TREATY_TAIL}))|)"
    rf"(?:(?=({words_regex(COURTESY_TITLES)}{_SP}+)(?={_U}))|)"
    rf"(?:(?=([A-Z][A-Z0-9&]{{1,5}})(?![{UPPER}{LOWER}0-9/]|-[A-Za-z0-9]))|)"
    rf")(?=.)",
)
_ROMAN_NUMERAL_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
NOT_ORGANISATION_ACRONYMS = frozenset(
    "PM TV OK USD VND EUR PIB GDP FDI IDE TIC PS NB AE HT TTC CO2 PHOTO VIDEO AM ID PDG CEO NDLR".split()
)

# ----------------------------------------------------------------------------------------------------------------
# Dates, and events numbered by an ordinal (``14e Congrès national du Parti``): both open on a digit.

_DAY = r"(?:1er|1ᵉʳ|[12][0-9]|3[01]|0?[1-9])"
_MONTH = words_regex(_capitalised_too(MONTHS + ("fevrier", "aout", "decembre")))
_WEEKDAY = words_regex(_capitalised_too(WEEKDAYS))
_YEAR = r"(?:19|20)[0-9]{2}"
_RANGE_SEP = rf"{_SP}*(?:-|–|au|et|à){_SP}*"
_RELATIVE = r"(?:dernier|prochain)"
_DATE_END = r"(?![\w/%]|[.,][0-9])"
_DAY_MONTH = (
    rf"{_DAY}{_SP}+{_MONTH}{_RANGE_SEP}{_DAY}{_SP}+{_MONTH}(?:{_SP}+{_YEAR})?"
    rf"|(?:{_DAY}{_RANGE_SEP})?{_DAY}{_SP}*{_MONTH}(?:{_SP}+(?:{_YEAR}|{_RELATIVE}))?"
)
_ROMAN_ORDINAL = rf"(?:[IVX][IVXLC]{{0,5}}|[LC][IVXLC]{{1,5}})(?:e|ème|ᵉ)(?![{LOWER}])"
DIGIT_START = starting_with("[0-9IVXLC]", rf"(?<![\w/°.,-])(?:[0-9]|{_ROMAN_ORDINAL})")
DIGIT_DATE_RE = re.compile(rf"(?:{_DAY_MONTH}|{_YEAR}{_SP}*[-–]{_SP}*{_YEAR}|{_YEAR}){_DATE_END}")
WORD_DATE_RE = re.compile(
    rf"(?:{_WEEKDAY}(?:{_SP}+(?:{_DAY_MONTH}))?(?:{_SP}+{_RELATIVE})?"
    rf"|{_MONTH}{_SP}+(?:{_YEAR}|{_RELATIVE})){_DATE_END}"
)
_ORDINAL = rf"(?:[0-9]{{1,3}}(?:e|è|ème|er|ᵉ|ᵉʳ)(?![{LOWER}])|{_ROMAN_ORDINAL})"
ORDINAL_EVENT_RE = re.compile(rf"{_ORDINAL}{_SP}+{_EVENT_HEAD}{_NOT_LETTER_AFTER}(?:{_ORG_COMPLEMENT})*")

# ----------------------------------------------------------------------------------------------------------------
# Lowercase keywords: roles (a name may follow), place nouns (``province de X``), months and weekdays,
# ``ministère`` and ``convention``. One scan finds them all; each kind then has its own anchored pattern.

_ROLE = words_regex(_capitalised_too(ROLES) | {"vice-Premier ministre", "Vice-Premier ministre"})
_ROLE_ADJ = words_regex(set(ROLE_ADJECTIVES) | {f for a in NATIONALITY_ADJECTIVES for f in adjective_forms(a)})
_ROLE_PREP = rf"(?:(?:et{_SP}+)?(?:de{_SP}+la|de{_SP}+l{_APOS}|des|du|de|d{_APOS}|au|aux|en|auprès{_SP}+des?|à))"
ROLE_PHRASE_RE = re.compile(
    rf"{_ROLE}{_NOT_LETTER_AFTER}"
    rf"(?:{_SP}+{_ROLE_ADJ}(?![{LOWER}])"
    rf"|{_SP}*{_ROLE_PREP}{_SP}*(?:{_CAP_WORD}|{_ACRONYM_WORD}|{words_regex(ROLE_DOMAINS)}(?![{LOWER}]))"
    rf"(?:{_SP}+{_INSTITUTION_ADJ}(?![{LOWER}]))*)*"
)
#: A role phrase (group 1), then the spaces and the comma after it: a name may start at either end.
ROLE_THEN_GAP_RE = re.compile(rf"({ROLE_PHRASE_RE.pattern})[ \t\u00a0]*(?:,[ \t\u00a0]*)?")
_PLACE_NOUNS = tuple(
    "province provinces ville villes commune communes district districts région régions localité localités "
    "municipalité village villages quartier arrondissement comté préfecture département capitale "
    "îles île archipel".split()
)
_PLACE_QUALIFIER = words_regex(
    f for a in NATIONALITY_ADJECTIVES + ("frontalier", "voisin", "côtier", "montagneux", "septentrional",
                                         "méridional", "central") for f in adjective_forms(a)
)
PLACE_CONTEXT_RE = re.compile(
    rf"{words_regex(_PLACE_NOUNS)}(?:{_SP}+{_PLACE_QUALIFIER})?{_SP}+(?:de|d{_APOS}|du){_SP}*(?={_U})"
)
PLACE_LIST_ITEM_RE = re.compile(_NAMED)
PLACE_LIST_SEP_RE = re.compile(rf"(?:{_SP}*,{_SP}*|{_SP}+et{_SP}+)(?:de{_SP}+|d{_APOS})?(?={_U})")
#: Portfolios coordinated under one ``ministère`` make one name (``ministère de l'Industrie et du Commerce``).
_COORDINATED_PORTFOLIO = rf"(?:{_SP}+et{_SP}+{_GLUED_PREP}{_NAMED})"
LOWERCASE_ORG_RE = re.compile(rf"ministères?{_NOT_LETTER_AFTER}(?:{_ORG_COMPLEMENT})+{_COORDINATED_PORTFOLIO}*")
LOWERCASE_TREATY_RE = re.compile(
    rf"convention(?={_SP}+des{_SP}+Nations)(?:{_ORG_COMPLEMENT})*{_TREATY_TAIL}"
)
_KEYWORD_KINDS: dict[str, tuple[str, ...]] = {}
for _kind, _words in (
    ("role", _capitalised_too(ROLES) | {"vice-Premier ministre", "Vice-Premier ministre"}),
    ("place", _PLACE_NOUNS),
    ("date", _capitalised_too(MONTHS + WEEKDAYS + UNACCENTED_MONTHS)),
    ("org", ("ministère", "ministères")),
    ("treaty", ("convention",)),
):
    for _word in _words:
        _first_word = _word.split()[0].split("-")[0] if _kind == "role" else _word
        _KEYWORD_KINDS[_first_word] = (*_KEYWORD_KINDS.get(_first_word, ()), _kind)
KEYWORD_KINDS: dict[str, tuple[str, ...]] = {k: tuple(sorted(set(v))) for k, v in _KEYWORD_KINDS.items()}
KEYWORD = after_boundary(_WORD_BOUNDARIES, rf"{words_regex(KEYWORD_KINDS)}(?![{LOWER}])")

# ----------------------------------------------------------------------------------------------------------------
# Persons.

#: A capitalised word (hyphens included); a single capital stands alone. Runs of them make name candidates.
_NAME_WORD = rf"(?:{_U}{_L}+(?:-{_U}?{_L}+)*|{_U}(?![{UPPER}{LOWER}]))"
#: The same word, opening on its capital (the regex engine skips ahead to capitals), the check before it after.
_FAST_NAME_WORD = rf"{_U}(?<=(?<![{UPPER}0-9\-]).)(?:{_L}+(?:-{_U}?{_L}+)*|(?![{UPPER}{LOWER}]))"
NAME_WORD_RE = re.compile(_FAST_NAME_WORD)
APPOSITION_AFTER_RE = re.compile(
    rf"{_SP}*(?:,{_SP}*(?:l[ea]{_SP}+|l{_APOS}|un{_SP}+|une{_SP}+)?(?:{_ROLE_ADJ}{_SP}+)?{_ROLE}(?![{LOWER}])"
    rf"|\({_SP}*{words_regex(PHOTO_POSITIONS)}{_SP}*[,)])"
)
#: A run of capitalised words (spaces, tabs or nothing between them); its last group is set (empty) when an
#: apposition follows the run.
NAME_RUN_RE = re.compile(
    rf"({_FAST_NAME_WORD})(?:[ \t\u00a0]*+{_FAST_NAME_WORD})*+(?:(?={APPOSITION_AFTER_RE.pattern})()|)"
)
_FAMILY_NAMES = frozenset(n.lower() for n in VIETNAMESE_FAMILY_NAMES)
_AMBIGUOUS_FAMILY_NAMES = frozenset(n.lower() for n in AMBIGUOUS_FAMILY_NAMES)
_GLUED_TAIL_WORDS = frozenset(fold(t) for t in GLUED_TAILS)
_NON_NAME_WORDS = frozenset(
    canonical_key(w)
    for w in (
        *ORG_HEADS, *EVENT_HEADS, *TREATY_HEADS, *MONTHS, *WEEKDAYS, *ROLES, *NATIONALITY_ADJECTIVES,
        "Photo", "Vidéo", "Source", "Voir", "Nord", "Sud", "Est", "Ouest", "Centre", "Etat", "Etats", "Nations",
        "Unies", "Affaires", "Premier", "Vice", "Président", "Secrétaire", "Assemblée", "Excellence", "Majesté",
        "Dieu", "Internet", "Covid",
    )
)
#: Above this Zipf frequency a capitalised word is taken as French, not as part of a foreign name.
FRENCH_WORD_ZIPF = 3.6
#: Above this even a name announced by a title stops (``Le``, ``Les``, ``Dans`` are never names).
FUNCTION_WORD_ZIPF = 5.0
#: A lone syllable after an ambiguous family name (``Le``, ``Mai``) this frequent in French is not a name.
AMBIGUOUS_TAIL_ZIPF = 4.0


class WordFacts(NamedTuple):
    """What the person detector needs to know about one capitalised word."""

    key: str
    zipf: float
    syllable: bool
    family: bool
    weak_name: bool
    strong_name: bool


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_facts(word: str) -> WordFacts:
    """Facts about a capitalised word, cached: folded key, French frequency, Vietnamese shape, name-likeness."""
    key = canonical_key(word)
    zipf = wordfreq.zipf_frequency(key, "fr") if len(key) > 1 else 0.0
    syllable = _VIETNAMESE_SYLLABLE_RE.fullmatch(key) is not None
    place = any(_gazetteer_key(part) in _GAZETTEER_LABELS for part in (word, *word.split("-")))
    weak = len(key) == 1 or (key not in _NON_NAME_WORDS and not place and zipf < FUNCTION_WORD_ZIPF)
    strong = weak and len(key) > 1 and zipf < FRENCH_WORD_ZIPF
    return WordFacts(key, zipf, syllable, key in _FAMILY_NAMES, weak, strong)


@lru_cache(maxsize=4096)
def _glued_syllable_length(word: str) -> int:
    """Length of a Vietnamese syllable opening ``word`` when a French word is glued after it (``Lâmet``), or 0."""
    key = canonical_key(word)
    for cut in range(len(key) - 1, 0, -1):
        if key[cut:] in _GLUED_TAIL_WORDS and _VIETNAMESE_SYLLABLE_RE.fullmatch(key[:cut]):
            return cut
    return 0


# ----------------------------------------------------------------------------------------------------------------
# Candidates and their resolution.

#: Tie-breaks between candidates of equal length.
PRIORITY = {
    "date": 6, "gazetteer": 5, "treaty": 4, "place": 4, "event": 3, "org": 3, "person": 3, "person-weak": 2,
    "acronym": 2,
}


#: A proposed entity: ``(start, end, label, source)``; ``source`` names the detector, whose :data:`PRIORITY`
#: breaks length ties. A plain tuple: pages have hundreds of candidates.
Candidate = tuple[int, int, str, str]


class Word(NamedTuple):
    start: int
    end: int
    facts: WordFacts


def _segments(raw: str, spans: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """Where to tag: the given spans clipped to the text, cut at line breaks (no entity crosses a line)."""
    bounds = [(0, len(raw))] if spans is None else [(max(0, s), min(len(raw), e)) for s, e in spans]
    segments: list[tuple[int, int]] = []
    for start, end in bounds:
        pos = start
        while pos < end:
            newline = raw.find("\n", pos, end)
            stop = end if newline < 0 else newline
            if stop > pos:
                segments.append((pos, stop))
            pos = stop + 1
    return sorted(segments)


@lru_cache(maxsize=16384)
def _trimmed_length(span: str) -> int:
    """Length of a span without the spaces, prepositions and articles it stopped on (``... de la mer de``).
    Cached by the span's text (it reads nothing else; institution names recur page after page)."""
    end = len(span)
    while True:
        while end > 0 and span[end - 1] in " \t\u00a0":
            end -= 1
        cut = span.rfind(" ", 0, end)
        if cut < 0 or fold(span[cut + 1 : end]).lower() not in _TRAILING_FUNCTION_WORDS:
            return end
        end = cut


@lru_cache(maxsize=4096)
def _treaty_length(span: str) -> int:
    """Length of a treaty name: its tail stops before a verb or a clause word (then as :func:`_trimmed_length`)."""
    for w in re.finditer(r"\S+", span):
        if fold(w.group()).lower() in _TREATY_TAIL_STOP:
            span = span[: w.start()]
            break
    return _trimmed_length(span)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _gazetteer_label(name: str) -> str | None:
    """The label of a name the gazetteer regex matched (cached: one call a match instead of two)."""
    return _GAZETTEER_LABELS.get(_gazetteer_key(name))


def _gazetteer_candidates(raw: str, start: int, end: int) -> list[Candidate]:
    label_of = _gazetteer_label
    return [
        (m.start(1), m.end(1), label, "gazetteer")
        for m in GAZETTEER.matches(raw, start, end)
        if (label := label_of(m.group(1)))
    ]


def _capitalised_head_candidates(raw: str, start: int, end: int, name_starts: set[int]) -> Iterator[Candidate]:
    """Organisations, events and treaties under a capitalised head; acronyms; courtesy titles (name starts)."""
    for m in CAPITALISED_HEAD.matches(raw, start, end):
        org, event, treaty, title, acronym = m.group(2, 3, 4, 5, 6)
        s = m.start(1)
        if org:
            yield (s, s + _trimmed_length(org), "ORG", "org")
        if event:
            yield (s, s + _trimmed_length(event), "MISC", "event")
        if treaty:
            stop = s + _treaty_length(treaty)
            if raw.count(" ", s, stop):
                yield (s, stop, "MISC", "treaty")
        if title:
            name_starts.add(s + len(title))
        if acronym and not (
            acronym in NOT_ORGANISATION_ACRONYMS or _ROMAN_NUMERAL_RE.fullmatch(acronym) or acronym.isdigit()
        ):
            yield (s, s + len(acronym), "ORG", "acronym")


def _digit_candidates(raw: str, start: int, end: int) -> Iterator[Candidate]:
    """Dates opening on a number (``du 25 au 28 septembre``, ``2026-2031``) and numbered events."""
    for s, _ in DIGIT_START.spans(raw, start, end):
        date = DIGIT_DATE_RE.match(raw, s, end)
        if date:
            begin = s - 3 if raw[max(start, s - 3) : s] in ("du ", "Du ") and " au " in date.group() else s
            yield (begin, date.end(), "DATE", "date")
        event = ORDINAL_EVENT_RE.match(raw, s, end)
        if event:
            yield (s, s + _trimmed_length(event.group()), "MISC", "event")


def _place_list(raw: str, pos: int, end: int) -> Iterator[Candidate]:
    """Capitalised names from ``pos`` on, as a list (``X, Y et Z``), after a place noun."""
    while (item := PLACE_LIST_ITEM_RE.match(raw, pos, end)) is not None:
        yield (item.start(), item.end(), "LOC", "place")
        sep = PLACE_LIST_SEP_RE.match(raw, item.end(), end)
        if not sep:
            return
        pos = sep.end()


def _keyword_candidates(raw: str, start: int, end: int, name_starts: set[int]) -> Iterator[Candidate]:
    """Dates opening on a month or weekday, places after a place noun, ``ministère ...``, ``convention ...``;
    and, after a role phrase, where a name may start (added to ``name_starts``)."""
    for s, e in KEYWORD.spans(raw, start, end):
        for kind in KEYWORD_KINDS.get(raw[s:e], ()):
            if kind == "role":
                role = ROLE_THEN_GAP_RE.match(raw, s, end)
                if role:
                    name_starts.add(role.end(1))
                    name_starts.add(role.end())
            elif kind == "date":
                date = WORD_DATE_RE.match(raw, s, end)
                if date:
                    yield (s, date.end(), "DATE", "date")
            elif kind == "place":
                context = PLACE_CONTEXT_RE.match(raw, s, end)
                if context:
                    yield from _place_list(raw, context.end(), end)
            elif kind == "org":
                org = LOWERCASE_ORG_RE.match(raw, s, end)
                if org:
                    yield (s, s + _trimmed_length(org.group()), "ORG", "org")
            else:
                treaty = LOWERCASE_TREATY_RE.match(raw, s, end)
                if treaty:
                    yield (s, s + _treaty_length(treaty.group()), "MISC", "treaty")


def _vietnamese_name_end(words: list[Word], i: int, raw: str) -> int:
    """End offset of a Vietnamese name whose family name is ``words[i]``, or -1."""
    syllables: list[WordFacts] = []
    end = -1
    for word in words[i + 1 : i + 4]:
        facts = word.facts
        # A family name also serves as a middle or given name (``Truong Thi Mai``), even one that is a French
        # word elsewhere (``mai``, the month).
        if facts.syllable and (facts.key not in _NON_NAME_WORDS or facts.family):
            syllables.append(facts)
            end = word.end
            continue
        cut = _glued_syllable_length(raw[word.start : word.end])
        if cut:
            syllables.append(word_facts(raw[word.start : word.start + cut]))
            end = word.start + cut
        break
    if not syllables:
        return -1
    if words[i].facts.key in _AMBIGUOUS_FAMILY_NAMES and len(syllables) == 1:
        if syllables[0].zipf >= AMBIGUOUS_TAIL_ZIPF:
            return -1
    return end


#: A run of capitalised words as :data:`NAME_RUN_RE` found it (its ``Match.regs``): the run's ``(start, end)``,
#: its first word's ``(start, end)`` (the run is one word when both end together) and the apposition group's
#: span (``(-1, -1)`` when no apposition follows). Plain tuples: most runs are one word that no rule reads.
Run = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


def _capitalised_runs(raw: str, start: int, end: int) -> list[Run]:
    """The runs of capitalised words in ``raw[start:end]`` (separated by spaces or glued), and for each whether an
    apposition (a role, a photo position) follows it: one regex finds whole runs (most are one word)."""
    return [m.regs for m in NAME_RUN_RE.finditer(raw, start, end)]


def _run_words(raw: str, run: Run) -> list[Word]:
    """The words of a run, with their facts (a run of several words is scanned again for its words)."""
    (s, e), (_, first_end), _ = run
    if first_end == e:
        return [Word(s, e, word_facts(raw[s:e]))]
    return [Word(s + a, s + b, facts) for a, b, facts in _run_layout(raw[s:e])]


@lru_cache(maxsize=RUN_CACHE_SIZE)
def _run_layout(run: str) -> tuple[tuple[int, int, WordFacts], ...]:
    """The words of a run of several capitalised words: their offsets into the run and their facts. Cached by
    the run's text, as :func:`word_facts` is by the word's: the same names and institutions recur page after
    page, and a run reads alike wherever it stands (its first word opens it whatever comes before)."""
    return tuple((w.start(), w.end(), word_facts(w.group())) for w in NAME_WORD_RE.finditer(run))


#: A run of several capitalised words as the person rules keep it for the later rules: where it starts, its text.
LongRun = tuple[int, str]


def _person_candidates(
    raw: str, runs: list[Run], name_starts: set[int], names: list[tuple[str, ...]], long_runs: list[LongRun]
) -> Iterator[Candidate]:
    """Persons among capitalised runs; each foreign name's word keys go to ``names`` (to spot later mentions), and
    each run of several words to ``long_runs``."""
    facts_of = word_facts
    announced = sorted(name_starts)
    for (start, stop), (_, first_end), (apposed, _) in runs:
        if first_end == stop:  # the common case, the rules below for one word: its facts only when a rule asks
            if apposed >= 0 or start in name_starts:
                facts = facts_of(raw[start:stop])
                if facts.weak_name and len(facts.key) > 1:
                    yield (start, stop, "PER", "person")
                    names.append((facts.key,))
            continue
        run = raw[start:stop]
        long_runs.append((start, run))
        first, last = bisect_left(announced, start), bisect_left(announced, stop)
        inside = tuple(p - start for p in announced[first:last]) if first < last else ()
        found, found_names = _run_persons(run, inside, apposed >= 0)
        yield from ((start + s, start + e, "PER", source) for s, e, source in found)
        names.extend(found_names)


@lru_cache(maxsize=RUN_CACHE_SIZE)
def _run_persons(
    run: str, name_starts: tuple[int, ...], apposed: bool
) -> tuple[tuple[tuple[int, int, str], ...], tuple[tuple[str, ...], ...]]:
    """The persons of a run of several words as offsets into the run with their source, and the names they add.
    They depend only on the run's text, where a role or title announced a name inside it (offsets) and whether an
    apposition follows it: cached by these, like the run's words."""
    words = [Word(a, b, facts) for a, b, facts in _run_layout(run)]
    names: list[tuple[str, ...]] = []
    found = tuple((s, e, source) for s, e, _, source in _long_run_persons(run, words, set(name_starts), apposed, names))
    return found, tuple(names)


def _long_run_persons(
    raw: str, words: list[Word], name_starts: set[int], apposed: bool, names: list[tuple[str, ...]]
) -> Iterator[Candidate]:
    """Persons in a run of several words: Vietnamese names by their shape, names after a role or title, a name in
    apposition (``apposed``), then foreign names (two or more words that are neither French nor all syllables)."""
    count = len(words)
    taken = [False] * count
    i = 0
    while i < count:
        if words[i].facts.family and i + 1 < count:
            vn_end = _vietnamese_name_end(words, i, raw)
            if vn_end > 0:
                j = i
                while j < count and words[j].start < vn_end:
                    taken[j] = True
                    j += 1
                yield (words[i].start, vn_end, "PER", "person")
                i = j
                continue
        if words[i].start in name_starts:
            j = i
            while j < count and words[j].facts.weak_name:
                j += 1
            if j - i > 1 or (j > i and len(words[i].facts.key) > 1):
                yield (words[i].start, words[j - 1].end, "PER", "person")
                names.append(tuple(w.facts.key for w in words[i:j]))
                taken[i:j] = [True] * (j - i)
                i = j
                continue
        i += 1
    last = count - 1
    # A name in apposition before a role (``X, président de``) or a photo position (``X (droite)``).
    if not taken[last] and apposed:
        j = last
        while j >= 0 and not taken[j] and words[j].facts.weak_name:
            j -= 1
        if last - j > 1 or (j < last and len(words[last].facts.key) > 1):
            yield (words[j + 1].start, words[last].end, "PER", "person")
            names.append(tuple(w.facts.key for w in words[j + 1 :]))
            taken[j + 1 :] = [True] * (last - j)
    # Two or more words that are not French, not all Vietnamese syllables: a foreign name.
    i = 0
    while i < count:
        j = i
        while j < count and not taken[j] and words[j].facts.strong_name:
            j += 1
        if j - i >= 2 and not all(w.facts.syllable for w in words[i:j]):
            yield (words[i].start, words[j - 1].end, "PER", "person-weak")
            names.append(tuple(w.facts.key for w in words[i:j]))
        i = max(j, i + 1)


def _sea_candidates(long_runs: list[LongRun]) -> Iterator[Candidate]:
    """A sea head followed by a capitalised adjective in one run (``Mer Noire``, ``Océan Indien``)."""
    for start, run in long_runs:
        layout = _run_layout(run)
        if run[: layout[0][1]] in SEA_HEADS:
            yield (start, start + layout[1][1], "LOC", "gazetteer")


@lru_cache(maxsize=RUN_CACHE_SIZE)
def _run_keys(run: str) -> tuple[str, ...]:
    """The folded keys of a run's words (cached like its words)."""
    return tuple(facts.key for _, _, facts in _run_layout(run))


def _repeated_name_candidates(
    raw: str, runs: list[Run], long_runs: list[LongRun], names: list[tuple[str, ...]]
) -> Iterator[Candidate]:
    """Other mentions of a foreign name found on the page, in full or by its last word.

    One-word runs come first, then the runs of several words (the order among these candidates, all ``PER`` of
    one source, never decides anything).
    """
    wanted = set(names) | {(n[-1],) for n in names if len(n) > 1 and word_facts(n[-1]).strong_name}
    if not wanted:
        return
    one_word = {n[0] for n in wanted if len(n) == 1}
    if one_word:
        key = canonical_key  # a one-word run's facts key is its canonical key
        for (start, stop), (_, first_end), _ in runs:
            if first_end == stop and key(raw[start:stop]) in one_word:
                yield (start, stop, "PER", "person-weak")
    longest = max(len(n) for n in wanted)
    last_words = {n[-1] for n in wanted} | {n[0] for n in wanted}
    for start, run in long_runs:
        keys = _run_keys(run)
        if last_words.isdisjoint(keys):
            continue
        layout = _run_layout(run)
        for i in range(len(keys)):
            for size in range(min(longest, len(keys) - i), 0, -1):
                if keys[i : i + size] in wanted:
                    yield (start + layout[i][0], start + layout[i + size - 1][1], "PER", "person-weak")
                    break


def _resolve(candidates: list[Candidate], length: int, segments: list[tuple[int, int]] | None) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then highest priority, then leftmost (then found first).

    With ``segments``, only candidates that lie wholly inside one segment compete (the others are dropped
    first, so they never block one that does).
    """
    priority = PRIORITY
    # One integer a candidate, ordered as ``(start - end, -priority, start, index)`` (mixed radix: every digit but
    # the first lies in its range); the index breaks the last ties (the order the detectors found them) and
    # gives the candidate back. Integers sort several times faster than tuples.
    size = length + 1
    count = len(candidates)
    order = [
        (((start - end) * 16 + 15 - priority[source]) * size + start) * count + i
        for i, (start, end, _, source) in enumerate(candidates)
    ]
    order.sort()
    taken = bytearray(size)
    # Positions outside the segments start taken, so a candidate that leaves them is refused. When a gap lies
    # between every two segments (they are cut at line breaks), that alone keeps a candidate inside one; only
    # segments that touch or overlap need the bisection.
    touching = False
    if segments is not None:
        starts = [s for s, _ in segments]
        ends = [e for _, e in segments]
        taken = bytearray(b"\x01") * size
        for s, e in segments:
            taken[s:e] = bytes(e - s)
        touching = any(e >= s for e, s in zip(ends, starts[1:]))
    chosen: list[Candidate] = []
    for key in order:
        candidate = candidates[key % count]
        start, end = candidate[0], candidate[1]
        if end > start and taken.find(1, start, end) < 0:
            if touching:
                k = bisect_right(starts, start) - 1
                if k < 0 or end > ends[k]:
                    continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(candidate)
    chosen.sort()
    return chosen


def _propagate_acronym_labels(raw: str, chosen: list[Candidate]) -> list[Candidate]:
    """An acronym in parentheses takes the label of the name it abbreviates; its other mentions follow."""
    by_acronym: dict[str, str] = {}
    for prev, cur in zip(chosen, chosen[1:]):  # (start, end, label, source)
        if cur[3] == "acronym" and prev[2] in ("ORG", "MISC") and raw[prev[1] : cur[0]].strip() == "(":
            by_acronym[raw[cur[0] : cur[1]]] = prev[2]
    if not by_acronym:
        return chosen
    return [
        (c[0], c[1], by_acronym[raw[c[0] : c[1]]], c[3])
        if c[3] == "acronym" and raw[c[0] : c[1]] in by_acronym
        else c
        for c in chosen
    ]


def tag_entities(raw: str, spans: list[tuple[int, int]] | None = None) -> list[Entity]:
    """Named entities of ``raw`` (or only inside ``spans``), sorted, flat and non-overlapping.

    >>> [(e.text, e.label) for e in tag_entities("Le 3 mars 2024, M. Jan Novak a rencontré Nguyen Van An à Hanoï.")]
    [('3 mars 2024', 'DATE'), ('Jan Novak', 'PER'), ('Nguyen Van An', 'PER'), ('Hanoï', 'LOC')]
    """
    segments = _segments(raw, spans)
    if not segments:
        return []
    # One scan of the text covering every segment (fewer, longer scans are faster); matches that leave a
    # segment are dropped afterwards. No pattern crosses a line break.
    start, end = segments[0][0], max(e for _, e in segments)
    name_starts: set[int] = set()
    names: list[tuple[str, ...]] = []
    candidates = [
        *_gazetteer_candidates(raw, start, end),
        *_capitalised_head_candidates(raw, start, end, name_starts),
        *_digit_candidates(raw, start, end),
        *_keyword_candidates(raw, start, end, name_starts),
    ]
    runs = _capitalised_runs(raw, start, end)
    long_runs: list[LongRun] = []
    candidates.extend(_person_candidates(raw, runs, name_starts, names, long_runs))
    candidates.extend(_sea_candidates(long_runs))
    candidates.extend(_repeated_name_candidates(raw, runs, long_runs, names))
    chosen = _propagate_acronym_labels(raw, _resolve(candidates, len(raw), None if spans is None else segments))
    return _entities(raw, chosen)


_new_object = object.__new__
#: The slot setters of :class:`Entity`, in field order: the frozen dataclass's ``__init__`` goes through
#: ``object.__setattr__`` once a field (about 0.8 µs an entity, a tenth of the step); filling a field for every
#: entity at once through its slot is about 3 times cheaper and makes the same objects.
_ENTITY_SLOTS = tuple(getattr(Entity, f.name).__set__ for f in fields(Entity))


def _entities(raw: str, chosen: list[Candidate]) -> list[Entity]:
    """The :class:`Entity` objects of the chosen candidates (field by field, see :data:`_ENTITY_SLOTS`)."""
    if not chosen:
        return []
    starts, ends, labels, _ = zip(*chosen)
    texts = [raw[begin:stop] for begin, stop, _, _ in chosen]
    entities = list(map(_new_object, repeat(Entity, len(chosen))))
    for set_slot, values in zip(_ENTITY_SLOTS, (starts, ends, labels, texts, map(canonical_key, texts))):
        deque(map(set_slot, entities, values), maxlen=0)
    return entities
