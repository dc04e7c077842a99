"""The language step: read from the article's own text, and always langdetect's answer.

The cheap French test (:func:`clearly_french`) may answer instead of langdetect only where langdetect would give
the same answer: checked here on every bundled page, synthetic pages, short texts (each zone alone, article
prefixes of 20 to 600 characters), French text mixed with English, and pages in other languages. The sentences
of the pages below were written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model import Fields, Repair, Zone
from builder.parse import parse_page
from builder.parse.language import (
    article_paragraphs,
    clearly_french,
    detect_language,
    langdetect_language,
    language_sample,
)
from builder.parse.page import build_fields
from builder.read import bundled_pages_dir, iter_pages
from builder.steps import language_problem
from builder.synth import synth_pages

DATA = Path(__file__).parent / "data"

#: Pages in other languages, written for these tests (title, then paragraphs).
OTHER_LANGUAGE_PAGES = {
    "en": """Vietnam and Laos agree to expand teacher training

Hanoi (VNA) - The education ministers of the two countries signed an agreement on Tuesday that will bring two
hundred Lao teachers to Vietnamese universities over the next five years.

The programme covers tuition, housing and language courses, and it is expected to strengthen the long friendship
between the two neighbours, the ministry said in a statement.
""",
    "vi": """Việt Nam và Lào mở rộng hợp tác đào tạo giáo viên

Hà Nội (TTXVN) - Bộ trưởng Bộ Giáo dục hai nước đã ký thỏa thuận vào thứ Ba, theo đó hai trăm giáo viên Lào sẽ
sang học tại các trường đại học sư phạm của Việt Nam trong năm năm tới.

Chương trình bao gồm học phí, chỗ ở và các khóa học tiếng Việt, góp phần thắt chặt tình hữu nghị lâu đời giữa
hai nước láng giềng, theo thông cáo của bộ.
""",
    "es": """Vietnam y Laos acuerdan ampliar la formación de docentes

Hanói (VNA) - Los ministros de Educación de los dos países firmaron el martes un acuerdo que permitirá a
doscientos profesores laosianos estudiar en universidades vietnamitas durante los próximos cinco años.

El programa cubre la matrícula, el alojamiento y los cursos de idioma, y debe reforzar la larga amistad entre los
dos vecinos, según un comunicado del ministerio.
""",
    "de": """Vietnam und Laos wollen die Ausbildung von Lehrkräften ausweiten

Hanoi (VNA) - Die Bildungsminister der beiden Länder haben am Dienstag ein Abkommen unterzeichnet, nach dem in
den nächsten fünf Jahren zweihundert laotische Lehrkräfte an vietnamesischen Universitäten studieren werden.

Das Programm umfasst Studiengebühren, Unterkunft und Sprachkurse und soll die lange Freundschaft der beiden
Nachbarn stärken, teilte das Ministerium mit.
""",
}

#: French text with another language in it, where a cheap test could be fooled.
MIXED_TEXTS = [
    "Le ministre a déclaré que les deux pays sont prêts à coopérer. The minister said on Tuesday that the two "
    "countries are ready to work together and that the agreement will be signed in the coming weeks by both sides.",
    "Rédactrice en chef : Tran Thi Lan. Adresse : 79, rue Ly Thuong Kiet, Hanoi. Tél : (84-24) 3 822 0000. "
    "back to top. Copyright by the publisher, all rights reserved. Terms of use and privacy policy of the site.",
    "Selon le rapport, les exportations du Vietnam vers l'Union européenne ont augmenté de 12% au cours des six "
    "premiers mois, dans le cadre de l'accord EVFTA. Theo báo cáo, xuất khẩu của Việt Nam sang Liên minh châu Âu "
    "đã tăng trong sáu tháng đầu năm.",
    "El ministro dijo que la cooperación con Francia es muy importante para el desarrollo de la región y que los "
    "dos países firmarán un acuerdo. Le ministre a salué les efforts des entreprises dans la province.",
]


def bundled_pages() -> list:
    return list(iter_pages([bundled_pages_dir()]))


def texts_to_check() -> list[str]:
    """Every text the equivalence is checked on: article samples and prefixes, each zone alone, mixed, foreign."""
    raws = [p.raw for p in bundled_pages()] + [p.raw for p in synth_pages(150, seed=3)]
    raws += [(DATA / "partner_footer.txt").read_text(encoding="utf-8"), *OTHER_LANGUAGE_PAGES.values()]
    texts: list[str] = []
    for raw in raws:
        parsed = parse_page(raw, language=False, entities=False)
        article = " ".join(article_paragraphs(parsed.fields))
        texts += [language_sample([article], n) for n in (20, 40, 60, 80, 100, 130, 160, 200, 250, 300, 400, 600)]
        texts += [raw[z.start : z.end] for z in parsed.zones]
    texts += MIXED_TEXTS
    texts += [a + " " + b for a in MIXED_TEXTS for b in OTHER_LANGUAGE_PAGES.values()]
    return list(dict.fromkeys(texts))


def test_the_answer_is_langdetects_on_every_text() -> None:
    texts = texts_to_check()
    settled = [t for t in texts if clearly_french(t)]
    wrong = [(t, langdetect_language(t)) for t in settled if langdetect_language(t) != ("fr", 1.0)]
    print(f"\n{len(texts)} texts, {len(settled)} settled without langdetect, {len(wrong)} where it differs")
    assert len(texts) > 1500 and len(settled) > 500
    assert wrong == []
    assert all(detect_language(t) == langdetect_language(t) for t in texts[::7])


@pytest.mark.parametrize("lang", sorted(OTHER_LANGUAGE_PAGES))
def test_pages_in_other_languages(lang: str) -> None:
    parsed = parse_page(OTHER_LANGUAGE_PAGES[lang])
    assert parsed.language == lang
    assert language_problem(parsed) is not None  # rejected as not French
    assert not clearly_french(language_sample(article_paragraphs(parsed.fields)))


def test_mixed_texts_are_left_to_langdetect() -> None:
    assert not any(clearly_french(t) for t in MIXED_TEXTS)


def test_partner_page_with_an_english_looking_footer_is_french() -> None:
    raw = (DATA / "partner_footer.txt").read_text(encoding="utf-8")
    footer = raw[raw.index("Rédactrice") :]
    assert langdetect_language(footer)[0] != "fr"  # what the footer alone reads as: the trap
    parsed = parse_page(raw)
    assert (parsed.language, parsed.language_prob) == ("fr", 1.0)
    assert language_problem(parsed) is None


def test_sample_is_title_lead_and_body_never_captions_teasers_or_boilerplate() -> None:
    raw = ("Titre de la page\n\nUn chapeau.\n\nUne photo. Photo : VNA\n\nLe corps de l'article.\n\n"
           "Voir plus\n\nUn titre lié\n\nUn résumé lié.\n\nback to top\n")
    line = {text: raw.index(text) for text in raw.split("\n") if text}
    labels = {"Titre de la page": "title", "Un chapeau.": "lead", "Une photo. Photo : VNA": "caption",
              "Le corps de l'article.": "body", "Voir plus": "more_header", "Un titre lié": "teaser_title",
              "Un résumé lié.": "teaser_summary", "back to top": "boilerplate"}
    zones = [Zone(line[t], line[t] + len(t), label) for t, label in labels.items()]
    fields = build_fields(raw, zones, [])
    assert article_paragraphs(fields) == ["Titre de la page", "Un chapeau.", "Le corps de l'article."]


def test_short_article_is_taken_whole_and_a_long_one_cut_at_a_word() -> None:
    fields = Fields(title="Un titre", lead="", captions=(), dateline=None, body=("Un seul paragraphe court.",),
                    inline_links=(), signature="", source="", teasers=())
    assert language_sample(article_paragraphs(fields)) == "Un titre Un seul paragraphe court."
    long = language_sample(["mot " * 200])
    assert len(long) <= 300 and long.endswith("mot")


def test_too_short_to_tell() -> None:
    assert detect_language("Hanoï (VNA)") == ("unknown", 0.0)
    assert parse_page("Photo : VNA\n").language == "unknown"


def test_langdetect_is_rarely_called_on_the_sample_and_synthetic_pages() -> None:
    pages = [p.raw for p in bundled_pages()] + [p.raw for p in synth_pages(500)]
    samples = [language_sample(article_paragraphs(parse_page(r, language=False, entities=False).fields))
               for r in pages]
    called = sum(not clearly_french(s) for s in samples)
    print(f"\nlangdetect called on {called} of {len(samples)} page samples ({called / len(samples):.1%})")
    assert called / len(samples) <= 0.1


def test_repairs_do_not_matter_to_the_sample() -> None:
    """The sample is read from the repaired fields: glue never makes a French page look foreign."""
    raw = "Titre\n\nLe ministre a reçu leministre des Affaires étrangères.\n"
    fields = build_fields(raw, [Zone(0, 5, "title"), Zone(7, len(raw) - 1, "body")], [Repair(raw.index("ministre d"))])
    assert "le ministre des" in language_sample(article_paragraphs(fields))
