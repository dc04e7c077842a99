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
        ("la ville accueillera20 délégations", "la ville accueillera 20 délégations"),
        ("le 3econgrès des jeunes et la 2eédition du forum", "le 3e congrès des jeunes et la 2e édition du forum"),
        ("depuis le 1erjanvier", "depuis le 1er janvier"),
        ("Le général KowalskiAndrzej a rencontré M. Kowalski", "Le général Kowalski Andrzej a rencontré M. Kowalski"),
        ("le vice-ministre PhanVan a dit", "le vice-ministre Phan Van a dit"),
        ("Selon lui, dela sorte", "Selon lui, de la sorte"),
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
        # Inflected forms the frequency list lacks: plurals in -aux, feminine plurals, future and conditional.
        "des festivaux, les forces frontalières, ils sécuriseraient et numériseront, elle accueillera",
        "les coopérations interrégionales et les approvisionneraient",
        # Words written without their accents.
        "le developpement economique et la securite energetique, les deces",
        # Brand names in camel case and domains in credits.
        "Photo : baoquocte.vn. Source : VnExpress, TikTok, AstraZeneca, VinFast, MobiFone et ExxonMobil",
        "Contact : redaction@lecourrier.vn, www.nhandan.vn, sggp.org.vn",
        # A verb form in the list is not two function words glued.
        "Il parla longuement.",
    ],
)
def test_real_words_are_not_split(clean: str) -> None:
    assert find_repairs(clean) == []


def test_repairs_sit_between_two_characters_that_may_be_split() -> None:
    text = "Lors d’unentretien, leministre a dit.Il est reparti duVietnam en2021."
    for r in find_repairs(text):
        left, right = text[r.offset - 1], text[r.offset]
        assert (left.isalnum() and right.isalnum()) or (left in ".!?…" and right.isupper())
