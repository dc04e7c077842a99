"""French function vocabulary the tagger needs: calendar words, nationality adjectives, glued tails.

Nationality adjectives are the masculine singular; feminine and plural forms are derived by
:func:`adjective_forms`. They are never entities themselves (``vietnamien``, ``russe``) but extend an
institution's name (``ministère russe des Affaires étrangères``) or sit between a role and a name.
"""

from __future__ import annotations

MONTHS: tuple[str, ...] = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
)

WEEKDAYS: tuple[str, ...] = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

#: Months as scraped pages also write them, without their accents.
UNACCENTED_MONTHS: tuple[str, ...] = ("fevrier", "aout", "decembre")

#: Masculine singular nationality and regional adjectives.
NATIONALITY_ADJECTIVES: tuple[str, ...] = (
    "vietnamien", "russe", "lao", "laotien", "chinois", "cambodgien", "khmer", "thaïlandais", "birman",
    "malaisien", "singapourien", "indonésien", "philippin", "brunéien", "timorais", "japonais", "coréen",
    "sud-coréen", "nord-coréen", "mongol", "indien", "pakistanais", "bangladais", "népalais", "sri-lankais",
    "afghan", "iranien", "irakien", "syrien", "libanais", "israélien", "palestinien", "jordanien", "saoudien",
    "qatari", "émirati", "koweïtien", "omanais", "yéménite", "turc", "kazakh", "ouzbek", "kirghize",
    "tadjik", "turkmène", "azerbaïdjanais", "arménien", "géorgien", "biélorusse", "ukrainien", "moldave",
    "polonais", "tchèque", "slovaque", "hongrois", "roumain", "bulgare", "serbe", "croate", "slovène",
    "bosnien", "monténégrin", "macédonien", "albanais", "grec", "chypriote", "maltais", "italien",
    "espagnol", "portugais", "français", "belge", "néerlandais", "luxembourgeois", "suisse", "allemand",
    "autrichien", "danois", "suédois", "norvégien", "finlandais", "islandais", "irlandais", "britannique",
    "anglais", "écossais", "estonien", "letton", "lituanien", "américain", "canadien", "mexicain", "cubain",
    "brésilien", "argentin", "chilien", "péruvien", "colombien", "vénézuélien", "bolivien", "équatorien",
    "uruguayen", "paraguayen", "australien", "néo-zélandais", "égyptien", "libyen", "tunisien", "algérien",
    "marocain", "soudanais", "sud-soudanais", "éthiopien", "kényan", "nigérian", "sénégalais", "malien",
    "ivoirien", "ghanéen", "camerounais", "congolais", "angolais", "mozambicain", "sud-africain", "zimbabwéen",
    "tanzanien", "ougandais", "rwandais", "malgache", "européen", "asiatique", "africain", "arabe",
    "occidental", "oriental", "soviétique", "onusien", "nippon", "hexagonal",
)

#: Short French words that the scraper glued to the end of a name (``Laosa`` = ``Laos a``).
GLUED_TAILS: tuple[str, ...] = (
    "a", "à", "au", "aux", "de", "des", "du", "et", "en", "est", "la", "le", "les", "ont", "ou", "où", "par",
    "pour", "qui", "que", "sur", "dans", "avec", "sont", "se", "sa", "son", "ses", "un", "une", "ne", "lors",
    "afin", "ainsi", "mais", "entre", "vers", "selon", "contre", "sans", "chez", "après", "avant", "depuis",
)

#: Elided words glued before an apostrophe (``Biélorussies'intéresse``).
GLUED_ELISIONS: tuple[str, ...] = ("s", "l", "d", "n", "c", "j", "m", "t", "qu")


INVARIABLE_ADJECTIVES: tuple[str, ...] = ("lao", "qatari", "émirati", "kazakh", "ouzbek", "tadjik")

#: Feminine forms that no regular rule gives.
IRREGULAR_FEMININES: dict[str, str] = {"turc": "turque", "grec": "grecque", "public": "publique"}


def adjective_forms(adjective: str) -> tuple[str, ...]:
    """Masculine, feminine and plural forms of a French adjective (``national`` -> ``nationales``)."""
    if adjective in INVARIABLE_ADJECTIVES:
        return (adjective,)
    if adjective in IRREGULAR_FEMININES:
        feminine = IRREGULAR_FEMININES[adjective]
    elif adjective.endswith("teur"):
        feminine = adjective[:-3] + "rice"
    elif adjective.endswith("if"):
        feminine = adjective[:-1] + "ve"
    elif adjective.endswith(("ien", "éen")):
        feminine = adjective + "ne"
    elif adjective.endswith("el"):
        feminine = adjective + "le"
    elif adjective.endswith("er"):
        feminine = adjective[:-2] + "ère"
    elif adjective.endswith("e"):
        feminine = adjective
    else:
        feminine = adjective + "e"
    forms = {adjective, feminine, feminine + "s"}
    if adjective.endswith("al"):
        forms.add(adjective[:-2] + "aux")
    elif adjective.endswith(("s", "x")):
        forms.add(adjective)
    else:
        forms.add(adjective + "s")
    return tuple(sorted(forms))
