"""``parse_page``: zones, repairs, structured fields, language and entities of one raw page."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from builder.model import Caption, Dateline, Fields, ParsedPage, Repair, Teaser, Zone, apply_repairs
from builder.parse import zones as zoning
from builder.parse.language import article_paragraphs, detect_language, language_sample
from builder.parse.repairs import find_repairs

#: Zones whose text is no article's: site furniture (footers, menus) has no entities worth tagging.
UNTAGGED_ZONES = frozenset({"boilerplate"})


def entity_spans(zones: list[Zone]) -> list[tuple[int, int]]:
    """The spans the entity tagger reads: every zone but site furniture (:data:`UNTAGGED_ZONES`)."""
    return [(z.start, z.end) for z in zones if z.label not in UNTAGGED_ZONES]


def repaired_span(raw: str, start: int, end: int, repairs: list[Repair]) -> str:
    """``raw[start:end]`` with the repairs that fall strictly inside it applied."""
    inside = [r.offset - start for r in repairs if start < r.offset < end]
    return apply_repairs(raw[start:end], inside)


#: :data:`zones.ALT_MARKER_RE` from its letter on: a search opening on ``\s*`` tries the regex at every character.
_ALT_MARKER_FROM_LETTER_RE = re.compile(r"[ảẢ]nh\s*\d+\s*")


def alt_marker_span(text: str) -> tuple[int, int] | None:
    r"""The span of ``zones.ALT_MARKER_RE.search(text)``: the marker found from its letter, then widened over the
    white space before it (where the leftmost match of the leading ``\s*`` starts)."""
    m = _ALT_MARKER_FROM_LETTER_RE.search(text)
    if m is None:
        return None
    return len(text[: m.start()].rstrip()), m.end()


def find_credit(text: str) -> re.Match[str] | None:
    """``zones.CREDIT_RE.search(text)``, tried only where a match can start: at a credit's first word
    (:data:`zones.CREDIT_WORDS`, found by ``str.find``) or at the ``(`` before it, leftmost first."""
    starts: set[int] = set()
    for word in zoning.CREDIT_WORDS:
        at = text.find(word)
        while at >= 0:
            starts.add(at)
            if at > 0 and text[at - 1] == "(":
                starts.add(at - 1)
            at = text.find(word, at + 1)
    for start in sorted(starts):
        m = zoning.CREDIT_RE.match(text, start)
        if m:
            return m
    return None


def split_caption(text: str) -> Caption:
    """``<alt text> ảnh 1<caption>. Photo : VNA`` → alt text, caption, credit."""
    alt = ""
    marker = alt_marker_span(text)
    if marker:
        alt, text = text[: marker[0]].strip(), text[marker[1] :]
    credit = ""
    c = find_credit(text)
    if c:
        credit = c.group("credit").strip()
        text = text[: c.start()]
    return Caption(alt_text=alt, caption=text.strip().strip("()").strip(), credit=credit)


def build_fields(raw: str, zones: list[Zone], repairs: list[Repair]) -> Fields:
    """Structured fields from the zones, in repaired text."""
    offsets = sorted(r.offset for r in repairs)

    def text(z: Zone) -> str:
        """:func:`repaired_span` of the zone: the sorted repair offsets bisected, and a plain slice when none falls
        inside (most zones)."""
        start, end = z.start, z.end
        lo, hi = bisect_right(offsets, start), bisect_left(offsets, end)
        if lo >= hi:
            return raw[start:end]
        inside = offsets[lo:hi]
        return " ".join([raw[a:b] for a, b in zip([start, *inside], [*inside, end])])

    by_label: dict[str, list[Zone]] = {}
    for z in zones:
        by_label.setdefault(z.label, []).append(z)
    dateline = None
    if "dateline" in by_label:
        m = zoning.find_dateline(raw[by_label["dateline"][0].start : by_label["dateline"][0].end])
        if m:
            dateline = Dateline(place=(m.group("place") or "").strip(), date=(m.group("date") or "").strip(),
                                agency=m.group("agency").replace(" ", ""))
    teasers: list[Teaser] = []
    pending = Caption("", "", "")
    title = ""
    for z in zones:
        if z.label == "teaser_caption":
            pending = split_caption(text(z))
        elif z.label == "teaser_title":
            title = text(z)
        elif z.label == "teaser_summary":
            teasers.append(Teaser(caption=pending.caption, credit=pending.credit, title=title, summary=text(z)))
            pending, title = Caption("", "", ""), ""
    if title:
        teasers.append(Teaser(caption=pending.caption, credit=pending.credit, title=title, summary=""))
    return Fields(
        title=" ".join(text(z) for z in by_label.get("title", [])),
        lead=" ".join(text(z) for z in by_label.get("lead", [])),
        captions=tuple(split_caption(text(z)) for z in by_label.get("caption", [])),
        dateline=dateline,
        body=tuple(text(z) for z in by_label.get("body", [])),
        inline_links=tuple(text(z).strip("[]").strip() for z in by_label.get("inline_link", [])),
        signature=" ".join(text(z) for z in by_label.get("signature", [])),
        source=" ".join(text(z) for z in by_label.get("source", [])),
        teasers=tuple(teasers),
    )


def parse_page(raw: str, id: str = "", *, language: bool = True, entities: bool = True) -> ParsedPage:
    """Parse one raw page; never raises on text, reports what it could not place as warnings.

    >>> chapeau = "Un chapeau qui résume tout l’article en une phrase assez longue."
    >>> page = parse_page(f"Titre\\n\\n{chapeau}\\n\\nHanoï (VNA) – Le textede la page. -VNA\\n")
    >>> [z.label for z in page.zones]
    ['title', 'lead', 'dateline', 'body', 'signature']
    >>> page.fields.body, page.fields.dateline.place
    (('Le texte de la page.',), 'Hanoï')
    """
    zones, warnings = zoning.segment(raw)
    repairs = find_repairs(raw)
    fields = build_fields(raw, zones, repairs)
    lang, prob = "unknown", 0.0
    if language:
        sample = language_sample(article_paragraphs(fields))
        lang, prob = detect_language(sample)
    found = ()
    if entities:
        from builder.parse.entities import tag_entities

        found = tuple(tag_entities(raw, entity_spans(zones)))
    return ParsedPage(
        id=id,
        raw=raw,
        zones=tuple(zones),
        repairs=tuple(repairs),
        repaired_text=apply_repairs(raw, [r.offset for r in repairs]),
        fields=fields,
        language=lang,
        language_prob=prob,
        entities=found,
        warnings=tuple(warnings),
    )
