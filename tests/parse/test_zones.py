"""Zone rules on the layout variants the site uses (small pages written for the test)."""

from __future__ import annotations

import pytest

from builder.parse.zones import segment

TITLE = "Le Vietnam et le Laos renforcent leur coopération frontalière"
LEAD = "Le ministre a reçu mardi une délégation étrangère venue discuter de la coopération."
BODY = "Les deux parties ont passé en revue la coopération bilatérale dans plusieurs domaines."
TEASERS = (
    "Voir plus\n\n"
    "Une délégation lors de la réunion. Photo : VNA\n\n"
    "Un titre d'article lié sans point final\n\n"
    "Le résumé de l'article lié, qui raconte la rencontre en quelques phrases complètes.\n"
)


def labelled(raw: str) -> list[tuple[str, str]]:
    zones, _ = segment(raw)
    return [(z.label, raw[z.start : z.end]) for z in zones]


def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "dateline",
    [
        "Hanoï (VNA) –",
        "Hanoi, 25 juillet(VNA) -",
        "Moscou (VNA) -",
        "Manille, 7 août (VNA) –",
        "Vientiane (VNA)-",
        "Hô Chi Minh-Ville (VNA) –",
        "Phnom Penh, 1er mars (AVI) –",
        "(VNA) –",
        "(VOVWORLD) -",
    ],
)
def test_dateline_variants(dateline: str) -> None:
    raw = page(TITLE, LEAD, f" {dateline} {BODY} -VNA", TEASERS)
    got = labelled(raw)
    assert ("dateline", dateline) in got
    assert ("body", BODY) in got
    assert got[1] == ("lead", LEAD)


def test_dateline_glued_to_body() -> None:
    raw = page(TITLE, LEAD, f"Vientiane (VNA)-{BODY}")
    assert labelled(raw)[2:] == [("dateline", "Vientiane (VNA)-"), ("body", BODY)]


def test_no_dateline_no_caption() -> None:
    raw = page(TITLE, LEAD, BODY, "Une autre phrase du corps de l'article. -VNA", TEASERS)
    got = labelled(raw)
    # v1.1: nothing shows the first paragraph is a standfirst (no repeat below it, no dateline after it): body.
    assert [label for label, _ in got[:5]] == ["title", "body", "body", "body", "signature"]


@pytest.mark.parametrize("signature", ["-VNA", "- VNA", "-AVI", "- CPV/VNA", "-VOV/VNA", "- VN A", "–VNA"])
def test_signature_variants(signature: str) -> None:
    raw = page(TITLE, LEAD, f"Hanoï (VNA) – {BODY} {signature}", TEASERS)
    got = labelled(raw)
    assert ("signature", signature) in got
    assert ("body", BODY) in got


@pytest.mark.parametrize("glue", [".-VNA", ".- VNA"])
def test_signature_after_full_stop(glue: str) -> None:
    raw = page(TITLE, LEAD, f"Hanoï (VNA) – {BODY[:-1]}{glue}")
    got = labelled(raw)
    assert got[-1] == ("signature", glue[1:])
    assert got[-2] == ("body", BODY)


@pytest.mark.parametrize(("line", "dateline", "signature"), [
    ("Hanoï (VNA) –-VNA", "Hanoï (VNA)", "–-VNA"),
    ("Manille, 7 août (VNA) - -VNA", "Manille, 7 août (VNA) -", "-VNA"),
    ("(VNA)-VNA", "(VNA)", "-VNA"),
])
def test_signature_right_after_a_dateline_ends_it(line: str, dateline: str, signature: str) -> None:
    """A paragraph cut by the crawl to its dateline and signature: the dateline's dash run stops where the
    signature starts, and the two zones do not overlap."""
    raw = page(TITLE, LEAD, BODY, line)
    zones = segment(raw)[0]
    assert all(a.end <= b.start for a, b in zip(zones, zones[1:]))
    assert [(z.label, raw[z.start:z.end]) for z in zones[-2:]] == [("dateline", dateline), ("signature", signature)]


def test_lone_signature_line() -> None:
    raw = page(TITLE, LEAD, f"Hanoï (VNA) – {BODY}", "-VNA", TEASERS)
    assert ("signature", "-VNA") in labelled(raw)


def test_signature_not_taken_from_hyphenated_words() -> None:
    raw = page(TITLE, LEAD, "La réunion a porté sur les relations Vietnam - ASEAN")
    assert [label for label, _ in labelled(raw)] == ["title", "body", "body"]


@pytest.mark.parametrize(
    "caption",
    [
        TITLE + " ảnh 1Le ministre (droite) et son homologue. Photo : VNA",
        "Le ministre (droite) et son homologue. Photo: VNA",
        "Photo: VNA",
        "Le ministre lors de la cérémonie. Photo : qdnd.vn",
        "Une vue de la ville. Photo: Internet",
        "La délégation à la réunion. Photo : VNA/CVN",
        "Une usine de la province. Photo d'illustration : CPV",
        "Des délégués au forum. Photo : https://www.forum-mekong.example.vn",
        "Le ministre lors de la cérémonie. Photo diffusée par la VNA",
        "Photo fournie par le comité d'organisation",
    ],
)
def test_caption_variants(caption: str) -> None:
    raw = page(TITLE, LEAD, caption, f"Hanoï (VNA) – {BODY}")
    got = labelled(raw)
    assert got[2] == ("caption", caption)
    assert got[1] == ("lead", LEAD)


def test_caption_printed_twice_on_two_lines_and_after_first_paragraph() -> None:
    caption = "Le ministre et son homologue à la cérémonie de signature"
    raw = page(TITLE, LEAD, f"Hanoï (VNA) – {BODY}", f"{TITLE} ảnh 1{caption}", caption, BODY)
    got = labelled(raw)
    assert [label for label, _ in got] == ["title", "lead", "dateline", "body", "caption", "caption", "body"]


def test_caption_printed_twice_on_one_line() -> None:
    caption = "Le ministre lors de la cérémonie. Photo: VNA"
    raw = page(TITLE, LEAD, caption + caption, BODY)
    assert labelled(raw)[2] == ("caption", caption + caption)


def test_lead_repeated_as_first_body_paragraph() -> None:
    glued = LEAD.replace("a reçu", "areçu")
    raw = page(TITLE, LEAD, glued, BODY)
    assert [label for label, _ in labelled(raw)] == ["title", "lead", "body", "body"]


def test_inline_link_source_and_line_of_spaces() -> None:
    raw = page(TITLE, LEAD, f"Hanoï (VNA) – {BODY}", "[Un article lié sur le même sujet]", "   ", BODY + " -VNA",
               "source", TEASERS)
    got = labelled(raw)
    labels = [label for label, _ in got]
    assert labels[:8] == ["title", "lead", "dateline", "body", "inline_link", "body", "signature", "source"]
    assert labels[8] == "more_header"


def test_superscripts_stay_in_their_zone() -> None:
    body = "Le 14ᵉ Congrès national s'est ouvert le 1ᵉʳ février à Hanoï."
    raw = page(TITLE, LEAD, f"Hanoï (VNA) – {body}")
    assert ("body", body) in labelled(raw)


def test_teaser_with_uncredited_caption_and_title_repeated_as_caption() -> None:
    teasers = page(
        "Voir plus",
        "Le ministre (droite) et l'ambassadeur lors de leur rencontre",
        "Un titre d'article lié",
        "Le résumé de cet article, qui tient en une longue phrase terminée par un point.",
        "Un autre titre répété",
        "Un autre titre répété",
        "Le résumé du deuxième article, assez long pour être un résumé de teaser.",
        "Un troisième titre sans légende",
        "Un résumé du troisième article, sans légende au-dessus de son titre.",
    )
    raw = page(TITLE, LEAD, BODY) + "\n" + teasers
    labels = [label for label, _ in labelled(raw)][3:]
    assert labels == ["more_header"] + ["teaser_caption", "teaser_title", "teaser_summary"] * 2 + [
        "teaser_title", "teaser_summary"]


def test_other_layout_gives_warnings_not_exceptions() -> None:
    zones, warnings = segment("<html><body>Pas une page de la VNA</body></html>")
    assert [z.label for z in zones] == ["title"]
    assert warnings


def test_empty_page() -> None:
    assert segment("  \n\n ") == ([], ["empty page"])


def test_a_page_cut_inside_its_signed_last_paragraph_has_no_title() -> None:
    """A crawl that starts inside the last paragraph: the signed line is body, never a headline for coming first."""
    tail = "dans la formation des infirmiers et la recherche sur les maladies tropicales."
    raw = page(f"{tail} -VNA", TEASERS)
    got = labelled(raw)
    assert got[:2] == [("body", tail), ("signature", "-VNA")]
    assert "title" not in {label for label, _ in got}


@pytest.mark.parametrize("stamp", ["Jeudi, 14/03/2024 - 09:30", "14/03/2024 09:30 (GMT+7)",
                                   "Publié le 3 juin 2024 à 14h05", "Mardi 12 mars 2024"])
def test_a_publication_time_above_the_headline_is_furniture(stamp: str) -> None:
    raw = page(stamp, TITLE, LEAD, f"Hanoï (VNA) – {LEAD}", f"{BODY} -VNA")
    assert [label for label, _ in labelled(raw)][:3] == ["boilerplate", "title", "lead"]


@pytest.mark.parametrize("line", ["Samedi, le gouvernement a annoncé une hausse des salaires de 6 %.",
                                  "12 mars 2024 : une date que les habitants de la province n'oublieront pas.",
                                  "1er mai", "2.000 personnes ont défilé dans les rues de la capitale."])
def test_a_body_line_opening_with_a_date_is_not_furniture(line: str) -> None:
    raw = page(TITLE, f"Hanoï (VNA) – {BODY}", line, f"{BODY} -VNA")
    assert ("body", line) in labelled(raw)
