"""Which split a page goes to: a pure function of a hash of its normalised title.

The key is the title with case, accents, punctuation and white space folded away
(:func:`fold_title`), so the same story scraped twice, with or without the
scraper's lost spaces, lands in one split; and since nothing but the title decides,
adding pages never moves a page that was already placed. Changing the ratios does.
"""

from __future__ import annotations

import hashlib
import unicodedata

#: Split names, in the order the ratios are given.
SPLIT_NAMES: tuple[str, ...] = ("train", "validation", "test")

DEFAULT_RATIOS: tuple[int, ...] = (80, 10, 10)


def parse_ratios(text: str) -> tuple[int, ...]:
    """``"80,10,10"`` → ``(80, 10, 10)``: one non-negative integer weight per split, not all zero.

    >>> parse_ratios("8, 1, 1")
    (8, 1, 1)
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(SPLIT_NAMES) or not all(p.isdigit() for p in parts):
        raise ValueError(f"split ratios must be {len(SPLIT_NAMES)} whole numbers like 80,10,10, not {text!r}")
    ratios = tuple(int(p) for p in parts)
    check_ratios(ratios)
    return ratios


def check_ratios(ratios: tuple[int, ...]) -> None:
    if len(ratios) != len(SPLIT_NAMES) or any(r < 0 for r in ratios) or sum(ratios) == 0:
        raise ValueError(f"split ratios must be {len(SPLIT_NAMES)} non-negative weights, not all zero: {ratios}")


def fold_title(text: str) -> str:
    """Letters and digits only, lower case, accents dropped: the same title however it was scraped.

    >>> fold_title("Coopération  économique, l’UE") == fold_title("COOPERATIONeconomique l'ue")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(filter(str.isalnum, decomposed))


def split_key(title: str, fallback: str) -> str:
    """The folded title, or the folded ``fallback`` (the page id) when the title has no letter or digit."""
    return fold_title(title) or fold_title(fallback) or fallback


def split_of(key: str, ratios: tuple[int, ...] = DEFAULT_RATIOS) -> str:
    """The split of a folded key: its SHA-256 read as a number in [0, 1), against the cumulative ratios.

    >>> split_of("x", (0, 0, 1))
    'test'
    """
    point = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") / 2**64 * sum(ratios)
    edge = 0
    for name, ratio in zip(SPLIT_NAMES, ratios):
        edge += ratio
        if point < edge:
            return name
    return next(name for name, ratio in reversed(list(zip(SPLIT_NAMES, ratios))) if ratio)


def format_ratios(ratios: tuple[int, ...]) -> str:
    """``train 80 / validation 10 / test 10`` (as given, weights)."""
    return " / ".join(f"{name} {ratio}" for name, ratio in zip(SPLIT_NAMES, ratios))
