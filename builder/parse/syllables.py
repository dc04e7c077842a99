"""The shape of a Vietnamese syllable, shared by the repair finder and the entity tagger.

Vietnamese is written in syllables of one onset, one to three vowels and an optional final from short closed
lists; a word of another language rarely has that shape (``Fast``, ``Jet``, ``Bank`` do not). Matched on the
folded lowercase form (accents removed, ``đ`` → ``d``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

VIETNAMESE_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


@lru_cache(maxsize=65536)
def folded_lower(word: str) -> str:
    """``word`` lowercase, accents removed (``Xuân`` → ``xuan``, ``Đà`` → ``da``)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` has the shape of one Vietnamese syllable.

    >>> [is_vietnamese_syllable(w) for w in ("Xuân", "Lich", "Nguyễn", "Fast", "Bank")]
    [True, True, True, False, False]
    """
    return VIETNAMESE_SYLLABLE_RE.fullmatch(folded_lower(word)) is not None
