"""Zone segmentation: which part of the page each line (or part of a line) is.

Zones are decided by what each line *is*, once for the whole page, never by where a line stands. Every
non-blank line gets a cost per label from its own features (length, sentence end, a photo credit, the ``ảnh N``
alt-text marker, a dateline, a signature, brackets, a copy of a neighbour or of the title, footer vocabulary,
menu and share lines, question lines, …), and a Viterbi pass over the page grammar

    {caption}* [title] [caption]* [lead] {caption | dateline+body | body | inline_link | source}* [signature]
    [source] [more_header] {[teaser_caption] teaser_title teaser_summary}* {boilerplate}*

(every part optional, site furniture allowed before the page too) picks the cheapest labelling. So a page that
opens at its caption, its dateline or mid-body, loses its title or lead, or closes after one teaser with no
``Voir plus`` header, is labelled from what its lines are. Datelines and signatures stay sub-line zones: the
dateline opens the first body paragraph, the signature closes the paragraph that ends the article.

A teaser without a ``Voir plus`` header is read after the article's closing signature (or its ``source``
line): without either, a short line and a paragraph at the end are body (a sub-heading looks the same).

The costs are set by hand (no fitting, no model): see :func:`label_lines` and :data:`TRANSITIONS`; the
annotation guidelines (``cards/annotation-guidelines.md``) define the labels. Everything here is a pure
function of the raw text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import fields
from functools import partial
from typing import NamedTuple

from builder.model import Zone
from builder.parse.gazetteers.french import MONTHS, UNACCENTED_MONTHS, WEEKDAYS

#: News agencies and outlets that sign datelines and articles on the site.
AGENCIES = frozenset(
    "VNA AVI TTXVN VOV VNS CVN CPV VNP QDND VTV VNEXPRESS NHANDAN AFP AP REUTERS XINHUA TASS SPUTNIK RIA KYODO "
    "YONHAP BERNAMA ANTARA KPL PNA MNA APS MAP RFI VOVWORLD".split()
)

_AGENCY = r"[A-Z][A-Za-z]{1,11}(?:\s?/\s?[A-Z][A-Za-z]{1,11})*"

#: ``Hanoï (VNA) –``, ``Hanoi, 25 juillet(VNA) -``, ``Vientiane (VNA)-``, ``Manille, 7 août (VNA) –``, and the
#: agency alone where a site gives no place: ``(VNA) –``, ``(VOVWORLD) -``.
DATELINE_RE = re.compile(
    r"(?:(?P<place>[A-ZÀ-ÖØ-ÞĐ][\w'’.-]*(?:[ -][\w'’.-]+){0,5}?)"
    r"\s*(?:,\s*(?P<date>[^()\n,]{1,40}?))?)?"
    r"\s*\(\s*(?P<agency>" + _AGENCY + r")\s*\)"
    r"\s*(?P<dash>[-–—‒]+|:)"
)

#: An agency's initials split by the scraper's stray space (``- VN A`` for ``- VNA``): read as the joined name.
_SPLIT_AGENCY = r"[A-Z]{1,4} [A-Z]{1,4}"

#: ``-VNA``, ``- VNA``, ``.-VNA``, ``-AVI``, ``- CPV/VNA``, ``-VOV/VNA`` closing a paragraph; ``- VN A`` too.
SIGNATURE_RE = re.compile(
    r"(?:^|(?<=[\s.!?»”\")…]))(?P<sig>[-–—]+\s?(?P<agency>" + _AGENCY + "|" + _SPLIT_AGENCY + r")\.?)$"
)
#: A signature alone on its line, with or without the dash: ``VNA``, ``(VNA)``, ``AVI/CVN``.
LONE_SIGNATURE_RE = re.compile(r"^(?:[-–—]+\s?)?\(?(?P<agency>" + _AGENCY + r")\)?\.?$")

#: A byline: the author's name, then the agency: ``Thanh Hà/CVN``, ``Minh Thu - VNA``.
BYLINE_RE = re.compile(r"^[A-ZÀ-ÖØ-ÞĐ][\w'’.-]*(?: [\w'’.-]+){0,4}\s?[/–-]\s?(?P<agency>" + _AGENCY + r")$")
#: What a credit names after its colon: an agency, a photographer, a site, a web address (``https://…``).
_CREDITED = r"(?:https?://)?[^\s:][^:]{0,48}?"
#: A credit that says who gave the photo instead of a colon: ``Photo diffusée par la VNA``, ``Photo fournie par …``.
_CREDITED_BY = r"\s+(?:diffusée|fournie|prise|publiée|transmise|offerte)s?\s+par\s+[^\s:][^:]{0,40}?"
#: A photo credit at the end of a caption: ``Photo : VNA``, ``Photo: qdnd.vn``, ``Photo d'illustration : CPV``,
#: ``Photo : https://…``, ``Photo diffusée par la VNA``.
CREDIT_RE = re.compile(
    r"(?:^|(?<=[\s.(]))\(?(?P<credit>(?:Photos?|PHOTO|Crédit(?:\s+photo)?|Ảnh|Source\s+photo)"
    r"(?:(?:\s+(?:d['’]\s?(?:illustration|archives?)|[a-zé]+))?\s*:\s*" + _CREDITED + "|" + _CREDITED_BY
    + r"))\)?\.?$"
)

#: A credit alone on its line, with or without a colon: ``Photo : VNA``, ``Photo d'archive``, ``(Photo : CVN)``.
CREDIT_ONLY_RE = re.compile(
    r"^\(?(?:Photos?|PHOTO|Ảnh|Crédit(?:\s+photo)?|Source\s+photo)"
    r"(?:\s*:\s*(?:https?://)?[^\s:][^:]{0,40}|\s+d['’]\s?(?:illustration|archives?)(?:\s*:\s*[^\s:][^:]{0,40})?"
    r"|" + _CREDITED_BY + r")\)?\.?$"
)

#: The Vietnamese alt text marker the scraper glues between the image and its caption.
ALT_MARKER_RE = re.compile(r"\s*[ảẢ]nh\s*\d+\s*")
MORE_HEADER_RE = re.compile(r"^(?:voir plus|voir aussi|lire aussi|à lire aussi|articles? liés?)\s*:?$", re.IGNORECASE)
SOURCE_RE = re.compile(r"^sources?\s*(?::.*)?$", re.IGNORECASE)
INLINE_LINK_RE = re.compile(r"^\[.*\]$", re.DOTALL)
SENTENCE_END_RE = re.compile(r"[.!?…]['’\"»”)]*$")

#: Site furniture: a footer field (``Rédactrice en chef :``, ``Adresse :``, ``Tél :``), or a button, menu,
#: share or copyright line. Only the start of a short line is matched.
BOILERPLATE_RE = re.compile(
    r"(?:(?:rédact(?:eur|rice)s?(?:\s+en\s+chef)?(?:\s+adjoint(?:e|s)?)?|direct(?:eur|rice)(?:\s+général(?:e)?)?"
    r"(?:\s+de\s+(?:la\s+)?publication)?|adresse|siège|t[ée]l(?:[ée]phone)?\.?|fax|hotline|e-?mail|courriel|"
    r"licence|permis|agrément|contact|publicité|service\s+commercial)\s*(?:\([^)]{0,30}\)\s*)?:"
    r"|(?:back\s+to\s+top|retour\s+en\s+haut|haut\s+de\s+(?:la\s+)?page|tous\s+droits\s+réservés|copyright|©|\(c\)\s"
    r"|partager|imprimer|envoyer\s+par|suivez[- ]nous|abonnez[- ]vous|newsletter|mentions\s+légales"
    r"|accueil\b|facebook\b|twitter\b|zalo\b|linkedin\b|youtube\b|instagram\b|tiktok\b|mots?[- ]clés?\s*:|tags?\s*:))",
    re.IGNORECASE,
)
#: Words of a navigation menu or a share bar, when a short line is made only of them.
_MENU_WORDS = frozenset(
    "accueil actualités actualité politique économie société culture sports sport monde vietnam francophonie "
    "environnement santé éducation sciences tourisme vidéo vidéos photos photo multimédia partager imprimer "
    "envoyer facebook twitter zalo linkedin email e-mail rss recherche rechercher menu contact copier lien "
    "infographies magazine régions opinions débats home about search login". split()
)
#: The first word of a line :data:`BOILERPLATE_RE` can match (a cheap test before it).
_FURNITURE_FIRST_WORDS = frozenset(
    "rédacteur rédactrice rédacteurs rédactrices directeur directrice adresse siège tel tél téléphone telephone "
    "fax hotline e-mail email courriel licence permis agrément contact publicité service back retour haut tous "
    "copyright partager imprimer envoyer suivez-nous suivez abonnez-vous abonnez newsletter mentions accueil "
    "facebook twitter zalo linkedin youtube instagram tiktok mots-clés mot-clé mots mot tags tag". split()
)
_MENU_SPLIT_RE = re.compile(r"[\s|/•·>»›,]+")
#: The publication time a site prints near the headline, alone on its line: ``Jeudi, 14/03/2024 - 09:30``,
#: ``14/03/2024 09:30 (GMT+7)``, ``Publié le 3 juin 2024 à 14h05``. Only date, time and their words; a year or a
#: time must be there (``1er mai`` alone is no publication time).
DATE_LINE_RE = re.compile(
    r"^(?:(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s?[:h]\s?\d{2}|\d{1,4}(?:er)?|(?:GMT|UTC)\s?[+-]\s?\d{1,2}"
    r"|(?:" + "|".join(WEEKDAYS + MONTHS + UNACCENTED_MONTHS) + r"|publiée?|mise?|à|jour|le|en|ligne)\b"
    r"|[-|,•·()/])\s*)+$",
    re.IGNORECASE,
)
_DATE_YEAR_OR_TIME_RE = re.compile(r"\d{4}|\d\s?[:h]\s?\d{2}")
#: First words of a publication time line (besides a digit).
_DATE_FIRST_WORDS = frozenset((*WEEKDAYS, "publié", "publiée", "mis", "mise"))
#: An interview's question or answer marker opening a line: ``Question :``, ``Q :``, ``R :``, ``CVN :``.
SPEAKER_RE = re.compile(r"^(?:questions?|réponses?|q|r|cvn|lcdv|vna|avi|vnp)\s?[:.–—-]\s", re.IGNORECASE)


class Line(NamedTuple):
    """A non-blank line of the raw text, as the span of its stripped content."""

    start: int
    end: int
    text: str


def page_lines(raw: str) -> tuple[list[int], list[int], list[str]]:
    r"""The non-blank lines as three parallel lists: start and end of each line's stripped content, and the content.

    A line is what lies between two ``\n``; its content runs from its first to its last non-space character
    (``str.strip`` and the regular expressions' ``\s`` agree on what a space is), so a line of only spaces is
    skipped. Splitting and stripping with the string methods costs half of a regular expression's matches.
    """
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    pos = 0
    for part in raw.split("\n"):
        if part:
            text = part.strip()
            if text:
                if text is part:  # nothing stripped (``strip`` then returns the string itself)
                    starts.append(pos)
                    ends.append(pos + len(part))
                else:
                    start = pos + len(part) - len(part.lstrip())
                    starts.append(start)
                    ends.append(start + len(text))
                texts.append(text)
        pos += len(part) + 1
    return starts, ends, texts


_new_line = partial(tuple.__new__, Line)


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped content (a line of only spaces is skipped)."""
    return list(map(_new_line, zip(*page_lines(raw))))


CREDIT_TAIL = 72


def has_credit(text: str) -> bool:
    """A credit closes the line: only its tail is searched, and only when the tail has the credit's colon (or
    its ``par``: ``Photo diffusée par la VNA``)."""
    start = max(0, len(text) - CREDIT_TAIL)
    return (text.find(":", start) >= 0 or text.find(" par ", start) >= 0) and CREDIT_RE.search(text, start) is not None


def has_alt_marker(text: str) -> bool:
    """The ``ảnh 1`` marker; its letter is looked for first (``nh`` alone is in every ``Minh``)."""
    return ("ả" in text or "Ả" in text) and ALT_MARKER_RE.search(text) is not None


_CLOSING_QUOTES = "'’\"»”)"


def ends_sentence(text: str) -> bool:
    """:data:`SENTENCE_END_RE` without scanning the line: sentence punctuation, then closing quotes, at the end."""
    return text.rstrip(_CLOSING_QUOTES).endswith((".", "!", "?", "…"))


def is_agency(name: str) -> bool:
    """True when every part of ``VNA`` / ``CPV/VNA`` names an agency and at least one is known."""
    parts = [p.strip().upper().replace(" ", "") for p in name.split("/")]  # ``VN A``: initials split by a space
    return any(p in AGENCIES for p in parts) and all(2 <= len(p) <= 12 for p in parts)


def find_dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of a paragraph, if it names a known agency."""
    m = DATELINE_RE.match(text)
    if m and is_agency(m.group("agency")):
        return m
    return None


def find_signature(text: str) -> re.Match[str] | None:
    """A closing signature at the end of a paragraph (or alone on its line)."""
    m = SIGNATURE_RE.search(text)
    if m and is_agency(m.group("agency")):
        return m
    return None


def is_lone_signature(text: str) -> bool:
    """A signature alone on its line: ``-VNA``, ``(VNA)``, ``AVI/CVN``, or a byline ``Thanh Hà/CVN``."""
    m = LONE_SIGNATURE_RE.match(text) or BYLINE_RE.match(text)
    return bool(m) and is_agency(m.group("agency"))


def is_boilerplate(text: str) -> bool:
    """Footer fields, buttons, menus, share bars, copyright lines and the publication time: site furniture, by its
    vocabulary."""
    if len(text) > 160:
        return False
    first = text[:24].split(None, 1)[0].casefold().rstrip(":.")
    if 8 <= len(text) <= 64 and (first[0].isdigit() or first.rstrip(",") in _DATE_FIRST_WORDS):
        return DATE_LINE_RE.match(text) is not None and _DATE_YEAR_OR_TIME_RE.search(text) is not None
    if first not in _FURNITURE_FIRST_WORDS and first not in _MENU_WORDS and not first.startswith(("©", "(c", "tél")):
        return False
    if BOILERPLATE_RE.match(text):
        return True
    if len(text) > 100 or text.split(None, 1)[0].casefold().strip("|/•·>»›,") not in _MENU_WORDS:
        return False
    words = [w for w in _MENU_SPLIT_RE.split(text.casefold()) if w]
    return bool(words) and all(w in _MENU_WORDS for w in words)


#: The first two letters of every word :func:`is_boilerplate` looks for at the start of a line (casefolded).
_FURNITURE_PREFIXES = frozenset({w[:2] for w in _FURNITURE_FIRST_WORDS | _MENU_WORDS | _DATE_FIRST_WORDS}
                                | {"(c", "té"} | {f"{d}{c}" for d in "0123456789" for c in "0123456789/.-: h"})


def may_be_furniture(text: str) -> bool:
    """A cheap test :func:`is_boilerplate` needs to pass: the line opens with ``©`` or with the first two letters
    of a furniture or menu word (casefolding is letter by letter, so the text's first two letters, casefolded,
    open its casefolded first word)."""
    return text[0] == "©" or text[:2].casefold()[:2] in _FURNITURE_PREFIXES


def _strip_span(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


# --- the grammar ----------------------------------------------------------------------------------------------

#: Decoder states. Two states may share a label: a caption before the title or lead (``PRE_CAPTION``) and one
#: inside the article (``CAPTION``); a body paragraph that goes on (``BODY``) and the one that closes the
#: article with its signature (``BODY_SIGNED``); furniture before the page (``PRE_BOILERPLATE``) and after it.
PRE_BOILERPLATE, PRE_CAPTION, TITLE, LEAD, CAPTION, BODY, BODY_SIGNED, INLINE_LINK, SOURCE, SIGNATURE, \
    MORE_HEADER, TEASER_CAPTION, TEASER_TITLE, TEASER_SUMMARY, BOILERPLATE = range(15)
N_STATES = 15

STATE_LABELS: tuple[str, ...] = (
    "boilerplate", "caption", "title", "lead", "caption", "body", "body", "inline_link", "source", "signature",
    "more_header", "teaser_caption", "teaser_title", "teaser_summary", "boilerplate",
)

START = "start"
_S = {
    "pre_boilerplate": PRE_BOILERPLATE, "pre_caption": PRE_CAPTION, "title": TITLE, "lead": LEAD,
    "caption": CAPTION, "body": BODY, "body_signed": BODY_SIGNED, "inline_link": INLINE_LINK, "source": SOURCE,
    "signature": SIGNATURE, "more_header": MORE_HEADER, "teaser_caption": TEASER_CAPTION,
    "teaser_title": TEASER_TITLE, "teaser_summary": TEASER_SUMMARY, "boilerplate": BOILERPLATE,
}

#: Allowed transitions and what each costs (0: the page's usual order; higher: a shape real pages have, but
#: rarely). ``start`` lists where a page may begin: anywhere, since crawls cut pages at the head.
_ARTICLE_NEXT = {"caption": 0.0, "body": 0.0, "body_signed": 0.0, "inline_link": 0.0, "source": 1.0,
                 "signature": 0.5, "more_header": 0.0, "boilerplate": 1.0}
_CLOSED_NEXT = {"source": 0.0, "more_header": 0.0, "teaser_caption": 0.0, "teaser_title": 0.0,
                "boilerplate": 0.0, "body": 3.0, "caption": 2.0, "inline_link": 2.0, "signature": 2.0}
TRANSITIONS: dict[str, dict[str, float]] = {
    START: {"pre_boilerplate": 0.0, "pre_caption": 0.5, "title": 0.0, "lead": 0.0, "body": 0.5,
            "body_signed": 0.5, "inline_link": 1.0, "source": 2.0, "signature": 2.0, "more_header": 0.0,
            "teaser_caption": 1.0, "teaser_title": 1.0, "teaser_summary": 2.0, "boilerplate": 1.0},
    "pre_boilerplate": {"pre_boilerplate": 0.0, "pre_caption": 0.5, "title": 0.0, "lead": 0.0, "body": 0.5,
                        "body_signed": 0.5, "more_header": 0.5},
    "pre_caption": {"pre_caption": 0.0, "title": 0.5, "lead": 0.0, **{k: v for k, v in _ARTICLE_NEXT.items()
                                                                        if k != "caption"}},
    "title": {"title": 1.5, "pre_caption": 0.0, "lead": 0.0, **{k: v for k, v in _ARTICLE_NEXT.items()
                                                                  if k != "caption"}},
    "lead": {"lead": 2.0, **_ARTICLE_NEXT},
    "caption": dict(_ARTICLE_NEXT),
    "body": {**_ARTICLE_NEXT, "source": 0.5, "signature": 0.0, "boilerplate": 0.5},
    "inline_link": dict(_ARTICLE_NEXT),
    "body_signed": dict(_CLOSED_NEXT),
    "signature": {**_CLOSED_NEXT},
    "source": {"source": 1.0, "more_header": 0.0, "teaser_caption": 0.5, "teaser_title": 0.5, "boilerplate": 0.0,
               "body": 2.0, "caption": 2.0, "signature": 1.0},
    "more_header": {"teaser_caption": 0.0, "teaser_title": 0.0, "teaser_summary": 3.0, "boilerplate": 1.0},
    "teaser_caption": {"teaser_title": 0.0, "teaser_caption": 2.5, "teaser_summary": 3.0, "boilerplate": 2.0},
    "teaser_title": {"teaser_summary": 0.0, "teaser_caption": 2.0, "teaser_title": 2.5, "boilerplate": 1.0},
    "teaser_summary": {"teaser_caption": 0.0, "teaser_title": 0.0, "teaser_summary": 2.0, "boilerplate": 0.0,
                       "more_header": 1.0},
    "boilerplate": {"boilerplate": 0.0},
}

INF = float("inf")


def _transition_columns() -> tuple[tuple[int, ...], tuple[tuple[float, ...], ...]]:
    order = tuple(_S[source] for source in TRANSITIONS if source != START)
    columns = [[INF] * N_STATES for _ in range(N_STATES)]
    for source, targets in TRANSITIONS.items():
        if source != START:
            for target, cost in targets.items():
                columns[_S[target]][_S[source]] = cost
    return order, tuple(tuple(column) for column in columns)


#: The order the decoder tries a state's predecessors in (:data:`TRANSITIONS`' order: of two equally cheap ones,
#: the first wins), and for each state the cost of stepping into it from each state (``inf``: not allowed).
PREDECESSOR_ORDER, TRANSITION_COLUMNS = _transition_columns()
assert PREDECESSOR_ORDER[-1] == BOILERPLATE  # the decoder keeps boilerplate apart, after the others
_ORDER_BUT_BOILERPLATE = PREDECESSOR_ORDER[:-1]
START_COSTS: tuple[float, ...] = tuple(TRANSITIONS[START].get(label, INF) for label in _S)


# --- line features and their costs ----------------------------------------------------------------------------


def squeeze(text: str) -> str:
    """The text without its white space: copies of a line (a caption printed twice, the lead repeated with words
    glued by the scraper, the title copied into a caption's alt text) are equal once squeezed."""
    return "".join(text.split())


def _copies(key: str, caption_key: str) -> bool:
    """A caption printed twice: the second copy is the first, or the first's part after the alt text."""
    return len(key) >= 12 and (caption_key.endswith(key) or key.startswith(caption_key))


#: ``)`` then a dash or a colon: what every dateline has in its first characters (a cheap test before the regex).
_DATELINE_HINT_RE = re.compile(r"\)\s*[-–—‒:]")
#: First words of a caption's credit (where :data:`CREDIT_RE` can match; :data:`CREDIT_ONLY_RE` needs one too).
CREDIT_WORDS = ("Photo", "PHOTO", "Crédit", "Ảnh", "Source")
#: A headline or a standfirst stands among the first lines of a page (menus and captions may come before them).
HEAD_LINES = 12
#: How many squeezed characters of the lead its repeat in the body must share.
LEAD_KEY = 40


class PageLabels(NamedTuple):
    """Per line: its decoded state, each state's cost, the end of its dateline (-1: none) and where its signature
    starts."""

    states: list[int]
    costs: list[list[float] | tuple[float, ...]]
    dateline_end: list[int]
    signature_at: list[int]  # -1: none; 0: the whole line is a signature


def _dateline_end(text: str) -> int:
    if "(" not in text[:80] or _DATELINE_HINT_RE.search(text, 0, 90) is None:
        return -1
    m = find_dateline(text)
    return m.end() if m else -1


def _is_credit(text: str) -> bool:
    """:func:`has_credit`, trying :data:`CREDIT_RE` only where a credit's first word stands in the line's tail;
    or a short line that is a credit alone (``Photo d'archive`` has no colon)."""
    n = len(text)
    if n <= 60 and CREDIT_ONLY_RE.match(text):
        return True
    start = n - CREDIT_TAIL if n > CREDIT_TAIL else 0
    if text.find(":", start) < 0 and text.find(" par ", start) < 0:
        return False
    for word in CREDIT_WORDS:  # every place a credit's first word starts (``str.find`` is cheaper than a regex)
        at = text.find(word, start)
        while at >= 0:
            if CREDIT_RE.match(text, at) or (at > 0 and text[at - 1] == "(" and CREDIT_RE.match(text, at - 1)):
                return True
            at = text.find(word, at + 1)
    return False


_DASHES = "-–—"


def _signature_at(text: str) -> int:
    """Where a closing signature starts in the line: -1 if none, 0 if the line is one (``-VNA``, ``AVI/CVN``)."""
    n = len(text)
    last = text[-1]
    if (last.isupper() or last in ".)") and ("-" in text[-18:] or "–" in text[-18:] or "—" in text[-18:]):
        # ``SIGNATURE_RE.search(text, max(0, n - 24))``, tried only where it can match: the signature's dashes
        # are the line's last run of dashes (the agency after them has none, and a dash may not stand before
        # the signature), so the search is one match at that run's start.
        at = max(text.rfind("-"), text.rfind("–"), text.rfind("—"))
        while at > 0 and text[at - 1] in _DASHES:
            at -= 1
        m = SIGNATURE_RE.match(text, at) if at >= n - 24 else None
        if m and is_agency(m.group("agency")):
            return m.start("sig")
    return 0 if n <= 40 and is_lone_signature(text) else -1


def _in_order(states: set[int]) -> tuple[int, ...]:
    """States in :data:`PREDECESSOR_ORDER`, without ``boilerplate`` (the decoder tries that one on every line)."""
    return tuple(s for s in PREDECESSOR_ORDER if s in states and s != BOILERPLATE)


def _only(state: int, cost: float, **others: float) -> tuple[tuple[float, ...], tuple[int, ...]]:
    """Costs of a line that says what it is: its state, and the few others it could still be."""
    costs = [INF] * N_STATES
    costs[state] = cost
    for name, value in others.items():
        costs[_S[name]] = value
    return tuple(costs), _in_order({s for s in range(N_STATES) if costs[s] != INF})


def _ordinary_states(head: bool) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The states an ordinary line may be, by ``[may be a caption][may close the article with a signature]``."""
    base = {BODY, TEASER_CAPTION, TEASER_TITLE, TEASER_SUMMARY} | ({PRE_BOILERPLATE, TITLE, LEAD} if head else set())
    return tuple(tuple(_in_order(base | ({PRE_CAPTION, CAPTION} if caption else set())
                                 | ({BODY_SIGNED} if signed else set())) for signed in (False, True))
                 for caption in (False, True))


#: An ordinary line among the first lines of a page, and after them (``boilerplate`` is always tried).
_HEAD_STATES = _ordinary_states(head=True)
_LATER_STATES = _ordinary_states(head=False)
#: An ordinary line once the article is over.
_TEASER_STATES = _in_order({TEASER_CAPTION, TEASER_TITLE, TEASER_SUMMARY})


_MORE_HEADER_COSTS = _only(MORE_HEADER, -6.0, boilerplate=3.0, pre_boilerplate=3.0)
_INLINE_LINK_COSTS = _only(INLINE_LINK, -3.0, body=4.0, teaser_title=4.0)
_SIGNATURE_COSTS = _only(SIGNATURE, -3.0, boilerplate=2.0)
_SOURCE_COSTS = _only(SOURCE, -3.0, boilerplate=2.0)
_BOILERPLATE_COSTS = _only(BOILERPLATE, -3.0, pre_boilerplate=-3.0, body=4.0)

#: :data:`_DATELINE_HINT_RE` inside one line (its spaces are no line break): found in the whole page at once.
_DATELINE_HINT_IN_LINE_RE = re.compile(r"\)[^\S\n]*[-–—‒:]")


def _lines_holding(raw: str, starts: list[int], needle: str) -> set[int]:
    """The lines (indices) where ``needle`` (no space in it) occurs: one ``str.find`` pass over the page."""
    found = set()
    at = raw.find(needle)
    while at >= 0:
        found.add(bisect_right(starts, at) - 1)
        at = raw.find(needle, at + 1)
    return found


#: A line whose chosen label costs this much or more fits no label well: it is reported in the warnings.
POOR_FIT = 3.0
#: States scoring this much worse than the best one on a line are dropped (they cannot catch up in practice:
#: no line's evidence is worth this much), which keeps the decoder within its time budget.
BEAM = 12.0
#: The states of the page's head (pre-boilerplate, pre-caption, title, lead: numbers up to this one, the first
#: four in :data:`PREDECESSOR_ORDER`) are reached only from one another: once the decoder holds none of them,
#: they are out of reach for the rest of the page, and their costs need not be worked out.
_LAST_HEAD_STATE = LEAD
#: The same holds for the article's states with its head (numbers up to this one, the first ten in the order):
#: once none is reachable, the page is in its teasers and furniture.
_LAST_ARTICLE_STATE = SIGNATURE


def label_lines(raw: str, starts: list[int], texts: list[str], cut_last: bool) -> PageLabels:
    """Every line's cost per decoder state, and the cheapest state sequence (Viterbi), in one pass.

    Costs come from what the line is (lower is likelier; ``inf``: it cannot be that). A line is read with its
    neighbours only to see copies and evidence: the caption above it repeated, a credit line below it, the title
    copied into a caption's alt text, the standfirst repeated by the body below it. The costs are set by hand from
    the layout family (annotation guidelines v1.1); nothing is fitted. ``cut_last``: no line break after the last
    line, which may be cut short.

    The decoder steps through :data:`TRANSITIONS` line by line: each step starts only from the reachable states
    of the line above within :data:`BEAM` of the best (a handful, kept as ``(state, score)`` pairs in
    :data:`PREDECESSOR_ORDER`) and tries them in that order (of two equally cheap ways in, the first wins);
    ``boilerplate`` leads only to itself, so it is tried apart. Once no head state (pre-boilerplate,
    pre-caption, title, lead) is reachable, none can be again: the head costs are no longer worked out.
    The rare features (the alt-text marker, a credit, a dateline) are looked for in the whole page at once, by
    the text they cannot do without, and only the lines holding that text are read closely.
    """
    n_lines = len(texts)
    alt = [False] * n_lines
    alt_lines: set[int] = set()
    if "ả" in raw or "Ả" in raw:
        alt_lines = _lines_holding(raw, starts, "ả") | _lines_holding(raw, starts, "Ả")
        for i in alt_lines:
            alt[i] = ALT_MARKER_RE.search(texts[i]) is not None
    # A credit needs a colon (or ``Photo … par``) in the line's tail, or a short line (a credit alone): the others
    # are not tried.
    credit = [(len(t) <= 60 or ":" in (tail := t[-CREDIT_TAIL:]) or "hoto" in tail) and _is_credit(t) for t in texts]
    datelines = [-1] * n_lines
    for m in _DATELINE_HINT_IN_LINE_RE.finditer(raw):
        i = bisect_right(starts, m.start()) - 1
        datelines[i] = _dateline_end(texts[i])

    # The title is the line a caption's alt text (before ``ảnh N``) copies.
    alt_copies = set()
    for i in alt_lines:
        if alt[i]:
            t = texts[i]
            m = ALT_MARKER_RE.search(t)
            if m and m.start() > 0:
                alt_copies.add(squeeze(t[: m.start()]))
    title_key = title_head = ""
    if alt_copies:
        for t in texts[:4]:
            if len(t) <= 200 and not ends_sentence(t) and squeeze(t) in alt_copies:
                title_key, title_head = squeeze(t), t[:8]
                break

    # A page cut inside a caption's glued copy of the headline: the cut last line is a prefix of the first line.
    cut_copy = -1
    if cut_last and n_lines >= 3 and len(texts[-1]) >= 8 and len(texts[0]) <= 200 and not ends_sentence(texts[0]):
        head_key = title_key or squeeze(texts[0])
        if head_key.startswith(squeeze(texts[-1])):
            cut_copy = n_lines - 1

    all_costs: list[list[float] | tuple[float, ...]] = []
    signatures = [-1] * n_lines
    previous_caption_text = ""  # the caption just above, for a caption printed twice
    last_index = n_lines - 1
    head = True  # a head state may still be reached
    article_open = True  # a state of the article (head, caption, body, signature, source...) may still be reached
    columns = TRANSITION_COLUMNS
    boilerplate_column = columns[BOILERPLATE]
    frontier: list[tuple[int, float]] = []  # the reachable states of the line above but boilerplate, and scores
    boilerplate = INF  # and the score of boilerplate (kept apart: it leads only to itself)
    low = INF  # the best of them
    backs: list[list[int]] = []
    for i, text in enumerate(texts):
        n = len(text)
        last = text[-1]
        if n <= 40:
            signature_at = signatures[i] = _signature_at(text)
        elif last in ".)" or last.isupper():
            tail = text[-18:]
            if "-" in tail or "–" in tail or "—" in tail:
                signature_at = signatures[i] = _signature_at(text)
            else:
                signature_at = -1
        else:
            signature_at = -1
        caption_text, previous_caption_text = previous_caption_text, ""

        # Lines that say what they are.
        first = text[0]
        if n < 25 and MORE_HEADER_RE.match(text):
            line, states = _MORE_HEADER_COSTS
        elif (first == "[" and last == "]") or (first == ">" and text.startswith(">>")):
            line, states = _INLINE_LINK_COSTS
        elif signature_at == 0:
            line, states = _SIGNATURE_COSTS
        elif n < 80 and (first == "s" or first == "S") and SOURCE_RE.match(text):
            line, states = _SOURCE_COSTS
        # (:func:`may_be_furniture` inlined: most lines stop at it)
        elif n <= 160 and (first == "©" or text[:2].casefold()[:2] in _FURNITURE_PREFIXES) and is_boilerplate(text):
            line, states = _BOILERPLATE_COSTS
        else:
            cut = cut_last and i == last_index
            if cut:
                end, sentence = "", True  # a line cut short: its closing punctuation is unknown, given the benefit
            else:
                if last in _CLOSING_QUOTES:
                    last = (text.rstrip(_CLOSING_QUOTES) or text)[-1]
                if signature_at > 0:  # the sentence ends before the closing signature
                    last = (text[:signature_at].rstrip().rstrip(_CLOSING_QUOTES) or text)[-1]
                if last in ".!?…":
                    end, sentence = last, True
                else:
                    end, sentence = "", False
            marked = alt[i] or credit[i]
            dl = datelines[i] >= 0
            nxt = texts[i + 1] if i < last_index else ""

            # A question or answer line (read only where a headline or a teaser title may be the line).
            speaker = not (marked or dl) and (n <= 250 or not end) and text.find(":", 0, 12) >= 0 \
                and SPEAKER_RE.match(text) is not None
            if article_open:
                # Captions: the alt-text marker or a credit; a copy of the caption above (printed twice) or one that
                # opens with the title (a glued alt text); a caption whose credit is the next line.
                if marked:
                    caption = -2.0
                    previous_caption_text = text
                    key = ""  # read only for a line with no caption's mark
                else:
                    copies_caption = caption_text and n >= 12 and (caption_text.endswith(text[-12:]) or
                                                                   text.startswith(caption_text[:12]))
                    key = squeeze(text) if copies_caption or (title_head and text[:8] == title_head) else ""
                    if key and ((copies_caption and _copies(key, squeeze(caption_text)))
                                or (title_key and key != title_key and key.startswith(title_key))):
                        caption = -2.0
                        previous_caption_text = text
                    elif i == cut_copy:
                        caption = -2.0  # a caption cut short inside its copy of the title
                    else:
                        caption = INF  # a caption says so: an unmarked paragraph is never an article caption
                if dl:
                    caption += 8.0

                # Body paragraphs (a dateline opens the first; a signature closes the last).
                body = 5.0 if marked else (0.0 if sentence else 0.5)
                if not sentence and n < 160 and i < last_index and datelines[i + 1] >= 0:
                    body += 2.0  # an unfinished short line right above the dateline: a headline line, not a sub-heading
                if signature_at > 0:
                    body_signed = body - 0.5
                    body += 1.5
                else:
                    body_signed = INF

                if head and i < HEAD_LINES:
                    title = INF
                    if not (marked or dl or n > 250):
                        # A headline: short, no closing full stop; the line a caption's alt text copies.
                        title = 3.0 if speaker else 0.0
                        if end:
                            title += 3.5 if end in ".…" else 1.5
                        if n > 150 or (cut and n > 100):  # a cut line this long was a paragraph, not a headline
                            title += 2.5
                        elif n < 10:
                            title += 2.0
                        if first.islower() and i > 0:
                            title -= 1.5  # a headline printed on two lines: the second goes on in lower case
                        if signature_at > 0:
                            title += 4.0  # a line the agency signs closes an article
                        if key and i < 4 and key == title_key:
                            title -= 3.0

                    lead = INF
                    if not (marked or dl):
                        # The standfirst: a full paragraph, repeated by the body below it or followed by the dateline.
                        lead = 1.0 if sentence else 3.0
                        if n < 60:
                            lead += 2.0
                        else:
                            j = i + 1
                            # related-article links under the lead
                            while j < n_lines and texts[j].startswith((">>", "[")):
                                j += 1
                            if j < n_lines and credit[j] and not alt[j] and i > 0 and not ends_sentence(texts[i - 1]):
                                lead -= 1.5  # a paragraph under the headline and above the photo: the standfirst
                            while j < n_lines and j <= i + 3 and (alt[j] or credit[j]):
                                j += 1
                            if j < n_lines:
                                below_start = max(datelines[j], 0)
                                if below_start:
                                    lead -= 2.0
                                below = texts[j][below_start : below_start + 2 * LEAD_KEY].lstrip()
                                if below[:2] == text[:2] and \
                                        squeeze(below)[:LEAD_KEY] == squeeze(text[: 2 * LEAD_KEY])[:LEAD_KEY]:
                                    lead -= 3.0
                                elif j == last_index and cut_last and below[:2] == text[:2] and \
                                        squeeze(text).startswith(squeeze(below)):
                                    lead -= 3.0  # its repeat in the body, cut short by the crawl
                            if nxt and (alt[i + 1] or i + 1 == cut_copy):
                                lead -= 1.0
                            if cut and i > 0:
                                lead -= 1.5  # a paragraph cut short under the title: the standfirst is what comes first
                    states = _HEAD_STATES[caption != INF][signature_at > 0]
                else:
                    title = lead = INF
                    states = _LATER_STATES[caption != INF][signature_at > 0]
            else:
                states = _TEASER_STATES  # after the article: only its teasers (and furniture) are left

            # Teasers: a caption (credited, or the title printed twice), a title line, a summary paragraph.
            repeats_next = nxt and -3 <= n - len(nxt) <= 3 and (text == nxt or squeeze(text) == squeeze(nxt))
            if marked or repeats_next:
                teaser_caption = -2.0
            elif n <= 320:
                teaser_caption = 4.0 if dl else 2.0
            else:
                teaser_caption = INF
            if marked or dl or (n > 220 and end):
                teaser_title = INF
            else:
                teaser_title = 3.0 if speaker else 0.0
                if end == "." or end == "…":
                    teaser_title += 1.5
                if n > 220:
                    teaser_title += 2.0
                elif n < 15:
                    teaser_title += 1.0
                if repeats_next:
                    teaser_title += 2.5
            teaser_summary = INF if marked else (1.0 if n < 60 else 0.0) + (0.0 if sentence else 0.5)
            if n < 100:
                # A short line heading the site's footer (its name above ``Adresse :``) is furniture too.
                if n < 60 and not end and signature_at < 0 and i < last_index and len(nxt) <= 160 \
                        and may_be_furniture(nxt) and is_boilerplate(nxt):
                    site = -1.0
                else:
                    site = 2.5
                site_pre = 2.5
            else:
                site, site_pre = 6.0, INF
            if article_open:
                line = [site_pre, caption, title, lead, caption, body, body_signed, INF, INF, INF, INF,
                        teaser_caption, teaser_title, teaser_summary, site]
            else:  # the article's states are out of reach (pre-boilerplate is kept: a page where nothing is
                # reachable any more ends in it, and its warnings read its cost)
                line = [site_pre, INF, INF, INF, INF, INF, INF, INF, INF, INF, INF,
                        teaser_caption, teaser_title, teaser_summary, site]
        all_costs.append(line)

        # One step of the decoder.
        if not i:
            for s in _ORDER_BUT_BOILERPLATE:
                v = START_COSTS[s] + line[s]
                if v != INF:
                    frontier.append((s, v))
                    if v < low:
                        low = v
            boilerplate = START_COSTS[BOILERPLATE] + line[BOILERPLATE]
            if boilerplate < low:
                low = boilerplate
        else:
            cutoff = low + BEAM
            if len(frontier) == 1:  # inside a run of body lines: a list of one is kept as it is
                article = frontier if frontier[0][1] < cutoff else []
            else:
                article = [pair for pair in frontier if pair[1] < cutoff]
            from_boilerplate = boilerplate < cutoff  # boilerplate leads only to itself, at no cost
            frontier = []
            low = INF
            back = [0] * N_STATES
            c = line[BOILERPLATE]
            if len(article) == 1:  # the usual case inside a run of body lines or of teasers: one way in
                (p, v_p), = article
                for s in states:
                    c_s = line[s]
                    if c_s != INF:
                        v = columns[s][p]
                        if v != INF:
                            v = v_p + v + c_s
                            frontier.append((s, v))
                            back[s] = p
                            if v < low:
                                low = v
                if c != INF:
                    best, arg = v_p + boilerplate_column[p], p
                    if from_boilerplate and boilerplate + 0.0 < best:
                        best, arg = boilerplate + 0.0, BOILERPLATE
            else:
                for s in states:
                    c_s = line[s]
                    if c_s == INF:
                        continue
                    column = columns[s]
                    best, arg = INF, 0
                    for p, v in article:
                        v += column[p]
                        if v < best:
                            best, arg = v, p
                    if best != INF:
                        v = best + c_s
                        frontier.append((s, v))
                        back[s] = arg
                        if v < low:
                            low = v
                if c != INF:
                    best, arg = INF, 0
                    for p, v in article:
                        v += boilerplate_column[p]
                        if v < best:
                            best, arg = v, p
                    if from_boilerplate and boilerplate + 0.0 < best:
                        best, arg = boilerplate + 0.0, BOILERPLATE
            if c != INF and best != INF:
                boilerplate = best + c
                back[BOILERPLATE] = arg
                if boilerplate < low:
                    low = boilerplate
            else:
                boilerplate = INF
            backs.append(back)
        if article_open and (not frontier or frontier[0][0] > _LAST_ARTICLE_STATE):
            article_open = head = False
        elif head and frontier[0][0] > _LAST_HEAD_STATE:
            head = False

    if frontier:
        state, score = min(frontier, key=_score_then_state)
        if boilerplate < score:
            state = BOILERPLATE
    else:
        state = BOILERPLATE if boilerplate != INF else 0
    path = [state]
    for back in reversed(backs):
        state = back[state]
        path.append(state)
    path.reverse()
    return PageLabels(path, all_costs, datelines, signatures)


def _score_then_state(pair: tuple[int, float]) -> tuple[float, int]:
    """The cheapest state of the last line; of equal scores, the lowest state."""
    return pair[1], pair[0]


def _zone_maker() -> Callable[[int, int, str], Zone]:
    """``Zone(start, end, label)`` without the Python frame of the dataclass's ``__init__``: the same object, set
    through its slots (the zone step makes one or more zones a line). Falls back to ``Zone`` itself should the
    class change shape (other fields, a ``__post_init__``, no slots)."""
    if (tuple(f.name for f in fields(Zone)) != ("start", "end", "label") or hasattr(Zone, "__post_init__")
            or getattr(Zone, "__slots__", None) != ("start", "end", "label")):
        return Zone
    new = object.__new__
    set_start, set_end, set_label = Zone.start.__set__, Zone.end.__set__, Zone.label.__set__  # type: ignore[attr-defined]

    def make_zone(start: int, end: int, label: str) -> Zone:
        zone = new(Zone)
        set_start(zone, start)
        set_end(zone, end)
        set_label(zone, label)
        return zone

    return make_zone


make_zone = _zone_maker()


def segment(raw: str) -> tuple[list[Zone], list[str]]:
    """Zones of a page (sorted, non-overlapping, stripped, covering every non-space character) and warnings."""
    starts, ends, texts = page_lines(raw)
    if not texts:
        return [], ["empty page"]
    page = label_lines(raw, starts, texts, ends[-1] == len(raw))
    warnings: list[str] = []
    zones: list[Zone] = []
    add = zones.append
    zone = make_zone
    labels = STATE_LABELS
    dateline_open = True  # only the first dateline of the body is one (as written, the article's place and date)
    for state, start, end, costs, dateline_end, signature_at, text in zip(page.states, starts, ends, page.costs,
                                                                          page.dateline_end, page.signature_at,
                                                                          texts):
        label = labels[state]
        if costs[state] >= POOR_FIT:
            warnings.append(f"line at offset {start} fits no zone well ({text[:40]!r}); labelled {label}")
        if (state != BODY and state != BODY_SIGNED) or (dateline_end < 0 and signature_at <= 0):
            add(zone(start, end, label))  # the whole line (already stripped)
            continue
        line_start = start
        sig_start = line_start + signature_at if state == BODY_SIGNED and signature_at > 0 else end
        if dateline_end >= 0 and dateline_open:
            # The signature closes the line: a dateline whose dashes run into it (``(VNA) –-VNA``) stops there.
            dateline_stop = min(start + dateline_end, sig_start)
            d_start, d_end = _strip_span(raw, start, dateline_stop)
            if d_start < d_end:
                add(zone(d_start, d_end, "dateline"))
            start = dateline_stop
            dateline_open = False
        s, e = _strip_span(raw, start, sig_start)
        if s < e:
            add(zone(s, e, label))
        if sig_start < end:
            add(zone(sig_start, end, "signature"))
    for z in zones:
        if z.label == "body" or z.label == "lead":
            break
    else:
        warnings.append("no body paragraph found")
    return zones, warnings


def segment_zones(raw: str) -> list[Zone]:
    """Zones only (see :func:`segment`)."""
    return segment(raw)[0]
