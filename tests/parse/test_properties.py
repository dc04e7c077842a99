"""Properties that hold on any text: the parser never raises, zones partition the page, repairs are legal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import ZONE_LABELS
from builder.parse import parse_page

PIECES = st.sampled_from(
    [
        "Voir plus", "source", "-VNA", " - VNA", "Hanoï (VNA) – ", "Photo : VNA", " ảnh 1", "[lien]", "\n", "\n\n",
        "   ", "\xa0", "leministre", "Surinvitation", "partiesont", "Le Vietnam", ".Organisée", "2021", "14ᵉ",
        "(VNA)", "–", "'", "’", "Manille, 7 août (VNA) –", "\r\n",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_parse_never_raises_and_zones_partition_the_text(raw: str) -> None:
    page = parse_page(raw, "x", language=False, entities=False)
    covered = [0] * len(raw)
    previous_end = 0
    for zone in page.zones:
        assert zone.label in ZONE_LABELS
        assert previous_end <= zone.start < zone.end <= len(raw)
        assert not raw[zone.start].isspace() and not raw[zone.end - 1].isspace()
        previous_end = zone.end
        for i in range(zone.start, zone.end):
            covered[i] += 1
    for i, ch in enumerate(raw):
        assert covered[i] <= 1 if ch.isspace() else covered[i] == 1, (i, ch)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_repairs_sit_between_splittable_characters(raw: str) -> None:
    page = parse_page(raw, "x", language=False, entities=False)
    offsets = [r.offset for r in page.repairs]
    assert offsets == sorted(set(offsets))
    for offset in offsets:
        left, right = raw[offset - 1], raw[offset]
        assert (left.isalnum() and right.isalnum()) or (left in ".!?…" and right.isupper()), (left, right)
    assert len(page.repaired_text) == len(raw) + len(offsets)
