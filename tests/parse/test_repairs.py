"""Word-boundary repair: glued words are split, real words never are."""

from __future__ import annotations

import pytest

from builder.model import apply_repairs
from builder.parse.repairs import find_repairs


def repaired(text: str) -> str:
    return apply_repairs(text, [r.offset for r in find_repairs(text)])


@pytest.mark.parametrize(
    ("glued", "expected"),
    [
        ("Surinvitation du ministre", "Sur invitation du ministre"),
        ("a rencontré leministre des Finances", "a rencontré le ministre des Finances"),
        ("une visiteofficielle en France", "une visite officielle en France"),
        ("le chef de la diplomatie russeSergueï", "le chef de la diplomatie russe Sergueï"),
        ("Le président vietnamiena demandé", "Le président vietnamien a demandé"),
        ("le chiffred'affaires du commerce", "le chiffre d'affaires du commerce"),
        ("les groupes de députésd'amitié", "les groupes de députés d'amitié"),
        ("dans la prévention duCOVID-19", "dans la prévention du COVID-19"),
        ("le partenariatstratégique intégral", "le partenariat stratégique intégral"),
        ("Les deux partiesont convenu", "Les deux parties ont convenu"),
        ("il a été reçu.Organisée par la ville, la fête", "il a été reçu. Organisée par la ville, la fête"),
        ("Le président TrânDai a reçu", "Le président Trân Dai a reçu"),
        ("Le titre ảnh 1Le ministre", "Le titre ảnh 1 Le ministre"),
        ("la situation en MerOrientale et en Mer Orientale", "la situation en Mer Orientale et en Mer Orientale"),
    ],
)
def test_glued_words_are_split(glued: str, expected: str) -> None:
    assert repaired(glued) == expected


@pytest.mark.parametrize(
    "clean",
    [
        "lesquels, aujourd'hui, jusqu'à présent, presqu'île, quelqu'un",
        "Thongsavanh Phomvihane, le vaccin Spoutnik V contre le COVID-19",
        "Photo : qdnd.vn, 3.321 tonnes, 2,6 milliards, le 12e congrès, le 14ᵉ Congrès, le 1ᵉʳ mars",
        "Photo: VietnamPlus. Les compagnies VietJet et PetroVietnam, la vidéo sur YouTube",
        "partout, ensemble, maintenant, cela, lorsque, puisque, toutefois, néanmoins",
        "une maison contruite en janvie",  # typos stay typos
        "M. Vitaly Busko et Monday Semaya Kumba à Sa Mouay, Salavan",
    ],
)
def test_real_words_are_not_split(clean: str) -> None:
    assert find_repairs(clean) == []


def test_repairs_sit_between_two_characters_that_may_be_split() -> None:
    text = "Lors d’unentretien, leministre a dit.Il est reparti duVietnam en2021."
    for r in find_repairs(text):
        left, right = text[r.offset - 1], text[r.offset]
        assert (left.isalnum() and right.isalnum()) or (left in ".!?…" and right.isupper())
