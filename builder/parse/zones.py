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

The costs are set by hand (no fitting, no model): see :func:`line_costs` and :data:`TRANSITIONS`; the
annotation guidelines (``cards/annotation-guidelines.md``) define the labels. Everything here is a pure
function of the raw text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from builder.model import Zone

#: News agencies and outlets that sign datelines and articles on the site.
AGENCIES = frozenset(
    "VNA AVI TTXVN VOV VNS CVN CPV VNP QDND VTV VNEXPRESS NHANDAN AFP AP REUTERS XINHUA TASS SPUTNIK RIA KYODO "
    "YONHAP BERNAMA ANTARA KPL PNA MNA APS MAP RFI".split()
)

_AGENCY = r"[A-Z][A-Za-z]{1,11}(?:\s?/\s?[A-Z][A-Za-z]{1,11})*"

#: ``Hanoï (VNA) –``, ``Hanoi, 25 juillet(VNA) -``, ``Vientiane (VNA)-``, ``Manille, 7 août (VNA) –``.
DATELINE_RE = re.compile(
    r"(?P<place>[A-ZÀ-ÖØ-ÞĐ][\w'’.-]*(?:[ -][\w'’.-]+){0,5}?)"
    r"\s*(?:,\s*(?P<date>[^()\n,]{1,40}?))?"
    r"\s*\(\s*(?P<agency>" + _AGENCY + r")\s*\)"
    r"\s*(?P<dash>[-–—‒]+|:)"
)

#: ``-VNA``, ``- VNA``, ``.-VNA``, ``-AVI``, ``- CPV/VNA``, ``-VOV/VNA`` closing a paragraph.
SIGNATURE_RE = re.compile(r"(?:^|(?<=[\s.!?»”\")…]))(?P<sig>[-–—]+\s?(?P<agency>" + _AGENCY + r")\.?)$")
#: A signature alone on its line, with or without the dash: ``VNA``, ``(VNA)``, ``AVI/CVN``.
LONE_SIGNATURE_RE = re.compile(r"^(?:[-–—]+\s?)?\(?(?P<agency>" + _AGENCY + r")\)?\.?$")

#: A photo credit at the end of a caption: ``Photo : VNA``, ``Photo: qdnd.vn``, ``Photo d'illustration : CPV``.
CREDIT_RE = re.compile(
    r"(?:^|(?<=[\s.(]))\(?(?P<credit>(?:Photos?|PHOTO|Crédit(?:\s+photo)?|Ảnh|Source\s+photo)"
    r"(?:\s+(?:d['’]\s?(?:illustration|archives?)|[a-zé]+))?\s*:\s*[^\s:][^:]{0,48}?)\)?\.?$"
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
    "infographies magazine régions opinions débats". split()
)
#: An interview's question or answer marker opening a line: ``Question :``, ``Q :``, ``R :``, ``CVN :``.
SPEAKER_RE = re.compile(r"^(?:questions?|réponses?|q|r|cvn|lcdv|vna|avi|vnp)\s?[:.–—-]\s", re.IGNORECASE)


class Line(NamedTuple):
    """A non-blank line of the raw text, as the span of its stripped content."""

    start: int
    end: int
    text: str


#: A line's stripped content: from its first to its last non-space character (``\s`` is ``str.isspace``).
_LINE_RE = re.compile(r"\S(?:[^\n]*\S)?")


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped content (a line of only spaces is skipped)."""
    return [Line(m.start(), m.end(), m.group()) for m in _LINE_RE.finditer(raw)]


_NOT_WORD_RE = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case, punctuation and white space folded: for comparing copies of a line."""
    return _NOT_WORD_RE.sub("", text.casefold())


CREDIT_TAIL = 72


def has_credit(text: str) -> bool:
    """A credit closes the line: only its tail is searched, and only when the tail has the credit's colon."""
    start = max(0, len(text) - CREDIT_TAIL)
    return text.find(":", start) >= 0 and CREDIT_RE.search(text, start) is not None


def has_alt_marker(text: str) -> bool:
    """The ``ảnh 1`` marker; its letter is looked for first (``nh`` alone is in every ``Minh``)."""
    return ("ả" in text or "Ả" in text) and ALT_MARKER_RE.search(text) is not None


_CLOSING_QUOTES = "'’\"»”)"


def ends_sentence(text: str) -> bool:
    """:data:`SENTENCE_END_RE` without scanning the line: sentence punctuation, then closing quotes, at the end."""
    return text.rstrip(_CLOSING_QUOTES).endswith((".", "!", "?", "…"))


def is_agency(name: str) -> bool:
    """True when every part of ``VNA`` / ``CPV/VNA`` names an agency and at least one is known."""
    parts = [p.strip().upper() for p in name.split("/")]
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
    m = LONE_SIGNATURE_RE.match(text)
    return bool(m) and is_agency(m.group("agency"))


def is_boilerplate(text: str) -> bool:
    """Footer fields, buttons, menus, share bars and copyright lines: site furniture, by its vocabulary."""
    if len(text) > 160:
        return False
    if BOILERPLATE_RE.match(text):
        return True
    words = [w for w in re.split(r"[\s|/•·>»›,]+", text.casefold()) if w]
    return len(words) >= 2 and all(w in _MENU_WORDS for w in words)


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
                                                                  if k != "caption"}, "teaser_title": 3.0},
    "lead": {"lead": 2.0, **_ARTICLE_NEXT},
    "caption": {**_ARTICLE_NEXT, "teaser_title": 4.0},
    "body": {**_ARTICLE_NEXT, "source": 0.5, "signature": 0.0, "boilerplate": 0.5, "teaser_caption": 4.0,
             "teaser_title": 4.0},
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


def _predecessors() -> tuple[tuple[tuple[int, float], ...], ...]:
    preds: list[list[tuple[int, float]]] = [[] for _ in range(N_STATES)]
    for source, targets in TRANSITIONS.items():
        if source == START:
            continue
        for target, cost in targets.items():
            preds[_S[target]].append((_S[source], cost))
    return tuple(tuple(p) for p in preds)


#: For each state, the states it may follow and the cost of that step (the transposed :data:`TRANSITIONS`).
PREDECESSORS = _predecessors()
START_COSTS: tuple[float, ...] = tuple(TRANSITIONS[START].get(label, INF) for label in _S)


# --- line features and their costs ----------------------------------------------------------------------------


class LineFacts(NamedTuple):
    """What a line is, as far as the decoder cares (see :func:`line_facts`)."""

    length: int
    sentence_end: str  # the closing punctuation ('.', '?', '!', '…'), '' if none, '~' if the line was cut short
    alt_marker: bool
    credit: bool
    credit_only: bool
    dateline: bool
    signature_at: int  # offset in the line where a closing signature starts, -1 if none (0: alone on the line)
    lone_signature: bool
    inline_link: bool
    source: bool
    more_header: bool
    boilerplate: bool
    speaker: bool
    repeats_next: bool
    repeats_previous_caption: bool
    next_is_credit: bool
    title_copy: bool  # the line is the title that a caption's alt text (or glued copy) repeats
    starts_with_title: bool  # a caption that opens with a copy of the title
    lead_evidence: float  # how much the lines below say this is the standfirst (its repeat, a dateline, ảnh 1)


def line_costs(f: LineFacts) -> list[float]:
    """The cost of each decoder state for a line: lower is likelier; ``inf``: this line cannot be that."""
    costs = [INF] * N_STATES
    n = f.length
    end = f.sentence_end
    cut = end == "~"
    marked = f.alt_marker or f.credit
    if f.more_header:
        costs[MORE_HEADER] = -6.0
        costs[BOILERPLATE] = costs[PRE_BOILERPLATE] = 3.0
        return costs
    if f.inline_link:
        costs[INLINE_LINK] = -3.0
        costs[BODY] = 4.0
        costs[TEASER_TITLE] = 4.0
        return costs
    if f.lone_signature:
        costs[SIGNATURE] = -3.0
        costs[BOILERPLATE] = 2.0
        return costs
    if f.source:
        costs[SOURCE] = -3.0
        costs[BOILERPLATE] = 2.0
        return costs
    if f.boilerplate:
        costs[BOILERPLATE] = costs[PRE_BOILERPLATE] = -3.0
        costs[BODY] = 4.0
        return costs

    # Captions: a credit, the alt-text marker, a copy of the caption above or of the title, a credit below.
    if marked:
        caption = -2.0
    elif f.repeats_previous_caption or f.starts_with_title:
        caption = -2.0
    elif f.next_is_credit:
        caption = -1.0
    else:
        caption = 3.5 + (2.0 if n > 320 else 0.0)
    if f.dateline:
        caption += 8.0
    costs[CAPTION] = costs[PRE_CAPTION] = caption

    body = (5.0 if marked else 0.0) + (0.5 if not end and not cut else 0.0)
    if f.signature_at > 0:
        costs[BODY_SIGNED] = body - 0.5
        body += 1.5
    costs[BODY] = body

    if not (marked or f.dateline or n > 250):
        title = 3.0 if f.speaker else 0.0
        if end in (".", "…"):
            title += 3.5
        elif end in ("?", "!"):
            title += 1.5
        if n > 150:
            title += 2.5
        elif n < 10:
            title += 2.0
        if f.title_copy:
            title -= 3.0
        costs[TITLE] = title

    if not (marked or f.dateline):
        lead = 1.0 - f.lead_evidence
        if not end and not cut:
            lead += 2.0
        if n < 60:
            lead += 2.0
        costs[LEAD] = lead

    # Teasers: a caption (credited, or the title printed twice), a title line, a summary paragraph.
    if marked:
        costs[TEASER_CAPTION] = -1.5
    elif f.repeats_next:
        costs[TEASER_CAPTION] = -1.5
    else:
        costs[TEASER_CAPTION] = 2.0 + (2.0 if f.dateline else 0.0)
    if not (marked or f.dateline):
        teaser_title = 3.0 if f.speaker else 0.0
        if end in (".", "…"):
            teaser_title += 1.5
        if n > 220:
            teaser_title += 2.0
        elif n < 15:
            teaser_title += 1.0
        if f.repeats_next:
            teaser_title += 2.5
        costs[TEASER_TITLE] = teaser_title
    costs[TEASER_SUMMARY] = (6.0 if marked else 0.0) + (1.0 if n < 60 else 0.0) + (0.5 if not end and not cut
                                                                                    else 0.0)
    furniture = 2.5 if n < 100 else 6.0
    costs[BOILERPLATE] = costs[PRE_BOILERPLATE] = furniture
    return costs


def _same_text(a: str, b: str) -> bool:
    return abs(len(a) - len(b)) <= 3 and (a == b or fold(a) == fold(b))


_LEAD_KEY = 40


def _body_key(text: str) -> str:
    """The folded opening of a paragraph, its dateline left out: what a repeat of the lead starts with."""
    m = find_dateline(text) if "(" in text[:80] else None
    return fold(text[m.end() : m.end() + 2 * _LEAD_KEY] if m else text[: 2 * _LEAD_KEY])[:_LEAD_KEY]


def line_facts(raw: str, lines: list[Line]) -> list[LineFacts]:
    """The features of every line (a line is read with its neighbours: copies, a credit below, the lead's repeat)."""
    n_lines = len(lines)
    texts = [line.text for line in lines]
    cut_last = bool(lines) and lines[-1].end == len(raw)  # no newline after the last line: it may be cut short
    alt = [has_alt_marker(t) for t in texts]
    credit = [has_credit(t) for t in texts]
    datelines = [("(" in t[:80] and find_dateline(t) is not None) for t in texts]
    credit_only = [c and len(t) <= 60 and CREDIT_RE.match(t.lstrip("(")) is not None for t, c in zip(texts, credit)]

    # The title's copies: the alt text before ``ảnh N`` repeats the headline.
    alt_keys = set()
    for t, a in zip(texts, alt):
        if a:
            m = ALT_MARKER_RE.search(t)
            if m and m.start() > 0:
                alt_keys.add(fold(t[: m.start()]))
    title_key = ""
    for t in texts[:3]:
        if len(t) <= 200 and not ends_sentence(t) and fold(t) in alt_keys:
            title_key = fold(t)
            break

    facts: list[LineFacts] = []
    for i, text in enumerate(texts):
        n = len(text)
        cut = cut_last and i == n_lines - 1
        stripped = text.rstrip(_CLOSING_QUOTES)
        end = "~" if cut else (stripped[-1] if stripped and stripped[-1] in ".!?…" else "")
        sig_at = -1
        last = text[-1]
        if last.isupper() or last in ".)":
            m = find_signature(text)
            if m:
                sig_at = m.start("sig")
        lone = sig_at == 0 or (n <= 20 and is_lone_signature(text))
        first = text[0]
        link = (first == "[" and last == "]") or text.startswith(">>")
        source = first in "sS" and n < 80 and SOURCE_RE.match(text) is not None
        more = n < 25 and MORE_HEADER_RE.match(text) is not None
        boiler = not link and is_boilerplate(text) if n <= 160 else False
        speaker = ":" in text[:12] and SPEAKER_RE.match(text) is not None and not datelines[i]
        nxt = texts[i + 1] if i + 1 < n_lines else ""
        repeats_next = bool(nxt) and _same_text(text, nxt)
        prev_caption = i > 0 and (alt[i - 1] or credit[i - 1] or (facts and facts[-1].repeats_previous_caption))
        repeats_previous_caption = False
        if prev_caption and n >= 12:
            prev = texts[i - 1]
            key = fold(text)
            prev_key = fold(prev)
            repeats_previous_caption = len(key) >= 12 and (prev_key.endswith(key) or prev_key == key or
                                                           key.startswith(prev_key))
        next_is_credit = i + 1 < n_lines and credit_only[i + 1]
        title_copy = bool(title_key) and i < 3 and fold(text) == title_key
        starts_with_title = bool(title_key) and not title_copy and text[:1].casefold() == title_key[:1] and \
            fold(text[: 2 * len(title_key) + 16]).startswith(title_key)
        if not starts_with_title and cut and title_key and n >= 10 and i > 0:
            starts_with_title = title_key.startswith(fold(text))  # a caption cut inside its title copy
        lead_evidence = 0.0
        if i < 6 and n >= 60 and not alt[i] and not credit[i] and not datelines[i]:
            j = i + 1
            while j < n_lines and j <= i + 3 and (alt[j] or credit[j]):
                j += 1
            if j < n_lines:
                if datelines[j]:
                    lead_evidence += 2.0
                if _body_key(texts[j]) == fold(text[: 2 * _LEAD_KEY])[:_LEAD_KEY]:
                    lead_evidence += 3.0
            if i + 1 < n_lines and alt[i + 1]:
                lead_evidence += 1.0
            if cut and i > 0:
                lead_evidence += 1.5  # a paragraph cut short under the title: the standfirst is what comes first
        facts.append(LineFacts(n, end, alt[i], credit[i], credit_only[i], datelines[i], sig_at, lone, link, source,
                               more, boiler, speaker, repeats_next, repeats_previous_caption, next_is_credit,
                               title_copy, starts_with_title, lead_evidence))
    return facts


# --- decoding -------------------------------------------------------------------------------------------------

#: A line whose chosen label costs this much or more fits no label well: it is reported in the warnings.
POOR_FIT = 3.0


def decode(costs: list[list[float]]) -> list[int]:
    """The cheapest state sequence (Viterbi) for per-line state costs under :data:`PREDECESSORS`."""
    if not costs:
        return []
    first = costs[0]
    scores = [START_COSTS[s] + first[s] for s in range(N_STATES)]
    table = [scores]
    for line_costs_ in costs[1:]:
        prev = scores
        scores = [INF] * N_STATES
        for s in range(N_STATES):
            c = line_costs_[s]
            if c == INF:
                continue
            best = INF
            for p, t in PREDECESSORS[s]:
                v = prev[p] + t
                if v < best:
                    best = v
            scores[s] = best + c
        table.append(scores)
    state = min(range(N_STATES), key=scores.__getitem__)
    path = [state]
    for i in range(len(costs) - 1, 0, -1):
        prev = table[i - 1]
        target = table[i][state] - costs[i][state]
        state = min(PREDECESSORS[state], key=lambda pt: abs(prev[pt[0]] + pt[1] - target))[0]
        path.append(state)
    path.reverse()
    return path


def segment(raw: str) -> tuple[list[Zone], list[str]]:
    """Zones of a page (sorted, non-overlapping, stripped, covering every non-space character) and warnings."""
    lines = split_lines(raw)
    if not lines:
        return [], ["empty page"]
    facts = line_facts(raw, lines)
    costs = [line_costs(f) for f in facts]
    path = decode(costs)
    warnings: list[str] = []
    zones: list[Zone] = []
    dateline_done = False
    for line, f, state, c in zip(lines, facts, path, costs):
        label = STATE_LABELS[state]
        if c[state] >= POOR_FIT:
            warnings.append(f"line at offset {line.start} fits no zone well ({line.text[:40]!r}); labelled {label}")
        start, end = line.start, line.end
        if state in (BODY, BODY_SIGNED) and f.dateline and not dateline_done:
            m = find_dateline(line.text)
            assert m is not None
            d_start, d_end = _strip_span(raw, start, start + m.end())
            zones.append(Zone(d_start, d_end, "dateline"))
            start = start + m.end()
            dateline_done = True
        elif state in (BODY, BODY_SIGNED):
            dateline_done = dateline_done or f.dateline
        sig_start = end
        if state == BODY_SIGNED and f.signature_at > 0:
            sig_start = line.start + f.signature_at
        s, e = _strip_span(raw, start, sig_start)
        if s < e:
            zones.append(Zone(s, e, label))
        if sig_start < end:
            zones.append(Zone(sig_start, end, "signature"))
    if not any(z.label in ("body", "lead") for z in zones):
        warnings.append("no body paragraph found")
    return zones, warnings


def segment_zones(raw: str) -> list[Zone]:
    """Zones only (see :func:`segment`)."""
    return segment(raw)[0]
