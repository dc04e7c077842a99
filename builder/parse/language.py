"""Language identification on the article's own text: a cheap French test first, seeded langdetect for the rest.

The sample is the article (title, lead and body paragraphs, in that order: never boilerplate, teasers or
captions alone), its first :data:`SAMPLE_CHARS` characters; a short article is taken whole.

``langdetect`` costs about 2 ms on 300 characters. Most pages of a French site are plainly French: their
words are dense in French function words (``le``, ``des``, ``est``, ``dans``) and carry none of the function
words or letters of the languages a news page could otherwise be in. :func:`clearly_french` recognises those
in a few microseconds, and only where it holds does :func:`detect_language` answer without langdetect; it then
gives langdetect's own answer on such text, ``("fr", 1.0)`` (the tests check this on every test page, on short
texts, on mixed texts and on pages in other languages). Everything else goes to langdetect, seeded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from builder.model import Fields

SAMPLE_CHARS = 300
MIN_CHARS = 20
SEED = 0

#: Frequent French function words that are not frequent words of English, Spanish, Italian, Portuguese,
#: German, Dutch or Vietnamese written without accents (so ``la``, ``de``, ``en``, ``que``, ``on`` are not here).
FRENCH_FUNCTION_WORDS = frozenset(
    """le les des du un une et est sont dans pour qui sur avec au aux ont été cette ces il elle ils elles leur
    leurs plus pas ne sa son ses à était sera être fait aussi mais nous vous lors selon après entre par
    très où dont cet notamment ainsi afin contre vers chez depuis""".split()
)
#: French function words that other languages share (Spanish ``de``, ``la``, ``que``, ``en``) and French elisions:
#: they count towards the density of function words, not towards their variety.
SHARED_FUNCTION_WORDS = frozenset("de la que en a l d qu s n c j".split())
#: Frequent function words of the other languages a page could be in, that are not French words.
FOREIGN_FUNCTION_WORDS = frozenset(
    """the and of to is in that with for was are be this by from have has it its at as an or which were been
    el los las y del por con una es lo para como pero más su sus al este esta
    der die das und ist nicht mit von zu den dem ein eine auf für sich im auch wird werden
    di che della delle gli sono è per nel alla dei anche
    não os em uma com do da dos das ao na no mais pelo pela
    het een van niet zijn op voor ook
    và của là có các những được cho không trong người một với này""".split()
)
#: Letters of Vietnamese (and a few other alphabets' diacritics) that French never writes.
NOT_FRENCH_LETTERS = frozenset(
    "ăắằẳẵặđơớờởỡợưứừửữựạảấầẩẫậẹẻẽếềểễệịỉĩọỏốồổỗộụủũỳỷỹỵñßõãąęłńśźżőűøåăşţ"
)
#: The cheap test's thresholds: enough words, French function words dense and varied, no sign of another language.
CLEAR_MIN_WORDS = 20
CLEAR_FRENCH_SHARE = 0.3
CLEAR_DISTINCT = 5
CLEAR_MAX_FOREIGN = 1
CLEAR_MAX_NOT_FRENCH_LETTERS = 0.02

_WORD_RE = re.compile(r"[^\W\d_]+")


@cache
def _factory():
    """A private, seeded langdetect factory (the library's module-level one is global state)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(SEED)
    return factory


def article_paragraphs(fields: Fields) -> list[str]:
    """The article's own paragraphs, the only text the language is read from: title, lead, body."""
    return [p for p in (fields.title, fields.lead, *fields.body) if p]


def language_sample(paragraphs: Iterable[str], limit: int = SAMPLE_CHARS) -> str:
    """The first ``limit`` characters of the given paragraphs, cut at a word boundary (all of them when short)."""
    text = " ".join(p for p in paragraphs if p)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def clearly_french(text: str) -> bool:
    """True when ``text`` is plainly French prose: dense, varied French function words and nothing foreign.

    >>> clearly_french("Le ministre a reçu mardi les représentants des entreprises qui sont venus pour "
    ...                "présenter leurs projets dans la province, et il a salué les efforts de ces sociétés.")
    True
    >>> clearly_french("The minister received on Tuesday the representatives of the companies that came.")
    False
    """
    words = _WORD_RE.findall(text.lower())
    if len(words) < CLEAR_MIN_WORDS:
        return False
    french = [w for w in words if w in FRENCH_FUNCTION_WORDS]
    if len(set(french)) < CLEAR_DISTINCT:
        return False
    if len(french) + sum(w in SHARED_FUNCTION_WORDS for w in words) < CLEAR_FRENCH_SHARE * len(words):
        return False
    if sum(w in FOREIGN_FUNCTION_WORDS for w in words) > CLEAR_MAX_FOREIGN:
        return False
    letters = sum(map(len, words))
    odd = sum(ch in NOT_FRENCH_LETTERS for w in words for ch in w) if not text.isascii() else 0
    return odd <= CLEAR_MAX_NOT_FRENCH_LETTERS * letters


def langdetect_language(text: str) -> tuple[str, float]:
    """Seeded langdetect alone: ``(code, probability)``, ``("unknown", 0.0)`` when too short to tell."""
    from langdetect.lang_detect_exception import LangDetectException

    if sum(ch.isalpha() for ch in text) < MIN_CHARS:
        return "unknown", 0.0
    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return "unknown", 0.0
    return best.lang, round(best.prob, 4)


def detect_language(text: str) -> tuple[str, float]:
    """``(code, probability)`` for the text, deterministic: langdetect's answer, without langdetect when clear."""
    if clearly_french(text):
        return "fr", 1.0
    return langdetect_language(text)
