"""The zone step's shortcuts give what their plain definitions give (the step is timed against a budget, so its
hot paths are written for speed; each is checked here against the slow, obvious version)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from builder.model import Zone
from builder.parse.zones import (
    _FURNITURE_FIRST_WORDS,
    _MENU_WORDS,
    BEAM,
    INF,
    N_STATES,
    SIGNATURE_RE,
    START_COSTS,
    TRANSITIONS,
    _signature_at,
    is_agency,
    is_boilerplate,
    is_lone_signature,
    label_lines,
    make_zone,
    may_be_furniture,
    page_lines,
    segment,
    split_lines,
)
from builder.parse.zones import _S as STATE_NUMBERS
from builder.read import bundled_pages_dir, read_page

WRITTEN_PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"


def _pages() -> list[str]:
    paths = sorted(bundled_pages_dir().glob("*.txt")) + sorted(WRITTEN_PAGES.glob("*.txt"))
    return [read_page(p).raw for p in paths]


def test_lines_are_the_regex_definition_on_odd_white_space() -> None:
    line_re = re.compile(r"\S(?:[^\n]*\S)?")
    alphabet = [" ", "\t", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\u200b",
                "\ufeff", "a", "é", "Ả"]
    rng = random.Random(12)
    for _ in range(20_000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        expected = [(m.start(), m.end(), m.group()) for m in line_re.finditer(raw)]
        assert list(zip(*page_lines(raw))) == expected, repr(raw)
        assert [tuple(line) for line in split_lines(raw)] == expected, repr(raw)


def _signature_by_search(text: str) -> int:
    """``_signature_at`` as first written: a regex search over the line's last 24 characters."""
    n = len(text)
    last = text[-1]
    if (last.isupper() or last in ".)") and ("-" in text[-18:] or "–" in text[-18:] or "—" in text[-18:]):
        m = SIGNATURE_RE.search(text, max(0, n - 24))
        if m and is_agency(m.group("agency")):
            return m.start("sig")
    return 0 if n <= 40 and is_lone_signature(text) else -1


def test_signature_is_found_where_the_search_finds_it() -> None:
    pieces = ["-", "–", "—", " ", ".", "VNA", "AVI", "CPV", "Vna", "/", " / ", "Xinhua", "Le", ")", "(", "!", "»",
              "”", '"', "…", "\t", "\xa0", "Abc", "Z" * 13, "x" * 20, "Hanoï", "2013"]
    rng = random.Random(7)
    texts = [line for raw in _pages() for line in page_lines(raw)[2]]
    for _ in range(30_000):
        text = ("y" * rng.randrange(30) + "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))).strip()
        if text:
            texts.append(text)
    for text in texts:
        assert _signature_at(text) == _signature_by_search(text), repr(text)


def test_the_furniture_pretest_lets_every_furniture_line_through() -> None:
    rng = random.Random(3)
    words = sorted(_FURNITURE_FIRST_WORDS | _MENU_WORDS)
    tails = ["", ":", ".", " :", " : 024 3825", "|Accueil", " / Vidéo", " de la publication : X"]
    furniture = 0
    for _ in range(20_000):
        word = "".join(c.upper() if rng.random() < 0.3 else c for c in rng.choice(words))
        text = (rng.choice(["", "©", "(c) ", "Tél"]) + word + rng.choice(tails)).strip()
        if is_boilerplate(text):
            furniture += 1
            assert may_be_furniture(text), text
    assert furniture > 5_000
    assert not may_be_furniture("Le ministre a reçu mardi une délégation.")


def test_zones_are_made_as_the_dataclass_makes_them() -> None:
    zone = make_zone(3, 9, "body")
    assert type(zone) is Zone and zone == Zone(3, 9, "body") and hash(zone) == hash(Zone(3, 9, "body"))
    with pytest.raises(AttributeError):
        zone.start = 4  # type: ignore[misc]


def _plain_viterbi(costs: list) -> list[int]:
    """The textbook decoder over every state: predecessors in :data:`TRANSITIONS` order, the same beam."""
    preds: list[list[tuple[int, float]]] = [[] for _ in range(N_STATES)]
    for source, targets in TRANSITIONS.items():
        if source != "start":
            for target, cost in targets.items():
                preds[STATE_NUMBERS[target]].append((STATE_NUMBERS[source], cost))
    scores = [START_COSTS[s] + costs[0][s] for s in range(N_STATES)]
    backs = []
    for line in costs[1:]:
        cutoff = min(scores) + BEAM
        new, back = [INF] * N_STATES, [0] * N_STATES
        for s in range(N_STATES):
            if line[s] == INF:
                continue
            best, arg = INF, 0
            for p, t in preds[s]:
                if scores[p] < cutoff and scores[p] + t < best:
                    best, arg = scores[p] + t, p
            if best != INF:
                new[s], back[s] = best + line[s], arg
        scores = new
        backs.append(back)
    state = min(range(N_STATES), key=scores.__getitem__)
    path = [state]
    for back in reversed(backs):
        state = back[state]
        path.append(state)
    return path[::-1]


def _variants(raw: str, rng: random.Random) -> list[str]:
    lines = raw.split("\n")
    shuffled = lines[:]
    rng.shuffle(shuffled)
    a = rng.randrange(len(raw))
    return [raw, "\n".join(shuffled), raw[a:], raw[: len(raw) - a], raw + "\n" + raw]


def test_the_one_pass_decoder_is_the_plain_viterbi() -> None:
    """The decoder inside :func:`label_lines` (a step a line as the costs are made, only reachable states,
    boilerplate kept apart, one predecessor taken without a loop): the plain decoder's labels over the same
    costs, on the sample and written pages, shuffled, cut at head and tail, and doubled."""
    rng = random.Random(5)
    checked = 0
    for raw in _pages():
        for text in _variants(raw, rng):
            starts, ends, texts = page_lines(text)
            if not texts:
                continue
            page = label_lines(text, starts, texts, ends[-1] == len(text))
            assert page.states == _plain_viterbi(page.costs)
            checked += 1
    assert checked > 150


def test_segment_of_an_empty_and_a_one_line_page() -> None:
    assert segment("") == ([], ["empty page"])
    assert segment(" \n\t\n") == ([], ["empty page"])
    zones, _ = segment("Un titre")
    assert [(z.start, z.end) for z in zones] == [(0, 8)]


def test_skipping_the_costs_of_states_out_of_reach_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once no head state (or no state of the article) is reachable, their costs are no longer worked out: the
    zones and warnings are those of the step that works every cost out on every line."""
    from builder.parse import zones

    rng = random.Random(9)
    texts = [text for raw in _pages() for text in _variants(raw, rng)]
    fast = [segment(text) for text in texts]
    monkeypatch.setattr(zones, "_LAST_HEAD_STATE", N_STATES)  # no state number is above: never skipped
    monkeypatch.setattr(zones, "_LAST_ARTICLE_STATE", N_STATES)
    assert [segment(text) for text in texts] == fast
