"""Zone segmentation: which part of the page each line (or part of a line) is.

The layout family: a title line, a lead, photo captions (often glued to the image's
Vietnamese alt text ``… ảnh 1``), body paragraphs (the first may open with a
``Place, date (AGENCY) –`` dateline and the last may close with a ``-AGENCY``
signature), ``[...]`` inline links, an optional lone ``source`` line, then a
``Voir plus`` header followed by related-article teasers (optional caption, title,
summary). Everything here is a pure function of the raw text.
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
#: A signature alone on its line, with or without the dash: ``VNA``, ``(VNA)``.
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


def is_caption(text: str, title_key: str, previous_caption_key: str | None) -> bool:
    """A photo caption of the article: alt-text marker, credit, glued title copy, or a repeat of the last caption."""
    if has_alt_marker(text) or has_credit(text):
        return True
    if previous_caption_key is None and text[:1] != title_first_char(title_key, text):
        return False
    if not previous_caption_key:
        head = fold(text[:12])  # a prefix of fold(text): a title copy must agree with the title on it
        if not (title_key.startswith(head) if len(head) <= len(title_key) else head.startswith(title_key)):
            return False
    key = fold(text) if previous_caption_key else fold_prefix(text, len(title_key))
    if title_key and len(key) > len(title_key) and key.startswith(title_key):
        return True
    # A caption printed twice: the second copy repeats the first (or the first's part after the alt text).
    return bool(previous_caption_key) and len(key) >= 12 and previous_caption_key.endswith(key)


def fold_prefix(text: str, length: int) -> str:
    """``fold(text)``, or a prefix of it longer than ``length`` (folding works character by character)."""
    cut = 2 * length + 16
    if len(text) > cut:
        key = fold(text[:cut])
        if len(key) > length:
            return key
    return fold(text)


def title_first_char(title_key: str, text: str) -> str:
    """The first character a glued title copy would start with (cheap pre-check before folding)."""
    return text[:1] if title_key[:1] == text[:1].casefold() else ""


def _strip_span(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def _add(zones: list[Zone], raw: str, start: int, end: int, label: str) -> None:
    start, end = _strip_span(raw, start, end)
    if start < end:
        zones.append(Zone(start, end, label))


def _article_zones(raw: str, lines: list[Line], title_key: str, warnings: list[str]) -> list[Zone]:
    """Zones of the article lines between the title and the ``Voir plus`` header."""
    labels: list[str] = []
    last_caption: str | None = None
    dateline_at: int | None = None
    for i, line in enumerate(lines):
        text = line.text
        if INLINE_LINK_RE.match(text):
            labels.append("inline_link")
        elif SOURCE_RE.match(text) and len(text) < 80:
            labels.append("source")
        elif is_lone_signature(text) and (text[0] in "-–—(" or i == len(lines) - 1):
            labels.append("signature")
        elif is_caption(text, title_key, last_caption):
            labels.append("caption")
            last_caption = fold(text)
            continue
        elif dateline_at is None and find_dateline(text):
            dateline_at = i
            labels.append("body")
        else:
            labels.append("body")
        last_caption = None

    # The lead: the first paragraph after the title, unless the article opens with its dateline.
    for i, label in enumerate(labels):
        if label == "body":
            if dateline_at is None or i < dateline_at:
                labels[i] = "lead"
            break

    # The signature closes the last body paragraph.
    last_body = max((i for i, lab in enumerate(labels) if lab == "body"), default=None)
    zones: list[Zone] = []
    for i, (line, label) in enumerate(zip(lines, labels)):
        start, end = line.start, line.end
        if i == dateline_at:
            m = find_dateline(line.text)
            assert m is not None
            _add(zones, raw, start, start + m.end(), "dateline")
            start += m.end()
        sig_start = end
        if i == last_body:
            m = find_signature(line.text)
            if m and m.start("sig") > 0:
                sig_start = line.start + m.start("sig")
        _add(zones, raw, start, sig_start, label)
        if sig_start < end:
            _add(zones, raw, sig_start, end, "signature")
    if last_body is None and not any(z.label == "lead" for z in zones):
        warnings.append("no body paragraph found")
    return zones


# Teaser grouping: costs of reading a line as caption / title / summary (lower is likelier).
_UNPLACED_COST = 6.0


def _teaser_costs(lines: list[Line]) -> list[tuple[float, float, float]]:
    costs = []
    for i, line in enumerate(lines):
        text = line.text
        credit = has_credit(text) or has_alt_marker(text)
        repeats_next = i + 1 < len(lines) and _same_text(text, lines[i + 1].text)
        caption = 0.0 if credit or repeats_next else 2.0
        title = (3.0 if credit else 0.0) + (1.5 if ends_sentence(text) else 0.0) + (2.0 if len(text) > 220 else 0.0)
        title += 2.5 if repeats_next else 0.0
        summary = (3.0 if credit else 0.0) + (1.0 if len(text) < 60 else 0.0)
        costs.append((caption, title, summary))
    return costs


def _same_text(a: str, b: str) -> bool:
    return abs(len(a) - len(b)) <= 3 and (a == b or fold(a) == fold(b))


def group_teasers(lines: list[Line]) -> list[str]:
    """Label teaser lines by the cheapest grouping into ``[caption] title summary`` runs (dynamic programming)."""
    n = len(lines)
    costs = _teaser_costs(lines)
    best = [0.0] + [float("inf")] * n
    back: list[tuple[int, tuple[str, ...]]] = [(0, ())] * (n + 1)
    with_caption = ("teaser_caption", "teaser_title", "teaser_summary")
    without_caption = ("teaser_title", "teaser_summary")
    inf = float("inf")
    for i in range(n):
        here = best[i]
        if here == inf:
            continue
        if i + 3 <= n:
            cost = here + (costs[i][0] + costs[i + 1][1] + costs[i + 2][2])
            if cost < best[i + 3]:
                best[i + 3], back[i + 3] = cost, (i, with_caption)
        if i + 2 <= n:
            cost = here + (costs[i][1] + costs[i + 1][2])
            if cost < best[i + 2]:
                best[i + 2], back[i + 2] = cost, (i, without_caption)
        # A line that fits no teaser (kept, labelled by its looks, and reported).
        fallback = "teaser_caption" if costs[i][0] == 0.0 else "teaser_summary"
        if here + _UNPLACED_COST < best[i + 1]:
            best[i + 1], back[i + 1] = here + _UNPLACED_COST, (i, (fallback + "?",))
    labels: list[str] = []
    j = n
    while j > 0:
        i, option = back[j]
        labels[:0] = option
        j = i
    return labels


def segment(raw: str) -> tuple[list[Zone], list[str]]:
    """Zones of a page (sorted, non-overlapping, stripped, covering every non-space character) and warnings."""
    warnings: list[str] = []
    lines = split_lines(raw)
    if not lines:
        return [], ["empty page"]
    zones = [Zone(lines[0].start, lines[0].end, "title")]
    title_key = fold(lines[0].text)
    more_at = next((i for i, line in enumerate(lines[1:], 1) if MORE_HEADER_RE.match(line.text)), None)
    article = lines[1:more_at] if more_at is not None else lines[1:]
    zones.extend(_article_zones(raw, article, title_key, warnings))
    if more_at is not None:
        header = lines[more_at]
        zones.append(Zone(header.start, header.end, "more_header"))
        teaser_lines = lines[more_at + 1 :]
        for line, label in zip(teaser_lines, group_teasers(teaser_lines)):
            if label.endswith("?"):
                label = label[:-1]
                warnings.append(f"teaser line at offset {line.start} fits no teaser; labelled {label}")
            zones.append(Zone(line.start, line.end, label))
    else:
        warnings.append("no 'Voir plus' block")
    return zones, warnings


def segment_zones(raw: str) -> list[Zone]:
    """Zones only (see :func:`segment`)."""
    return segment(raw)[0]
