"""Name lists for the baseline entity tagger, assembled once at import from well-kept catalogues.

Countries and world regions come from pycountry (ISO 3166-1 names with their French gettext catalogue,
ISO 3166-2 for Vietnam's provinces) and babel (CLDR French territory names); the modules beside this file add
what those catalogues lack, written from general knowledge. Every collection is an immutable tuple or frozenset.
"""

from __future__ import annotations

import gettext
import re

import pycountry
from babel import Locale

from builder.parse.gazetteers.organisations import KNOWN_ORGANISATIONS
from builder.parse.gazetteers.other_names import DISEASES_AND_VACCINES, TREATIES
from builder.parse.gazetteers.places import COUNTRY_SHORT_FORMS, REGIONS_AND_SEAS, VIETNAM_PLACES, WORLD_CITIES

#: CLDR territory codes that are not places (the UN, the EU, pseudo-locales, "unknown", "world").
NOT_PLACE_CODES = frozenset({"UN", "EU", "EZ", "QO", "XA", "XB", "ZZ", "001"})

#: Catalogue names that are far more often a first name or a common word than a country in French news.
AMBIGUOUS_PLACE_NAMES = frozenset(
    {"Dominique", "Maurice", "Salomon", "Christmas", "Man", "Jersey", "Monde", "Lao", "Syrienne"}
)

_PREPOSITION_END = re.compile(r"(?:\b(?:de|du|des|de la)|d')$")


def catalogue_name_forms(name: str) -> list[str]:
    """The usable forms of an ISO catalogue name: ``Corée, République de`` -> ``République de Corée``, ``Corée``."""
    forms: list[str] = []
    for part in re.split(r"\s*\(([^)]*)\)\s*", name):
        part = part.strip()
        if not part:
            continue
        if ", " in part:
            head, _, tail = part.partition(", ")
            if _PREPOSITION_END.search(tail):
                forms.append(tail + head if tail.endswith("'") else f"{tail} {head}")
            elif tail in ("Île", "Îles", "Île de la", "Île de"):
                forms.append(f"{tail} {head}")
            forms.append(head)
        else:
            forms.append(part)
    return [re.sub(r"^L['’]", "", f) for f in forms]


def country_names_fr() -> frozenset[str]:
    """French names of countries and territories: ISO 3166-1 (common, short, official) and CLDR."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            english = getattr(country, attr, None)
            if english:
                names.update(catalogue_name_forms(french.gettext(english)))
    for code, name in Locale("fr").territories.items():
        if code not in NOT_PLACE_CODES and not name.startswith("R.A.S."):
            names.update(catalogue_name_forms(name))
    return frozenset(n for n in names if n[:1].isupper() and n not in AMBIGUOUS_PLACE_NAMES)


def vietnam_provinces() -> frozenset[str]:
    """Vietnam's provinces and centrally-run cities as ISO 3166-2 spells them (the person's name excepted)."""
    return frozenset(
        s.name for s in pycountry.subdivisions.get(country_code="VN") if s.name != "Hồ Chí Minh"
    )


LOCATIONS: frozenset[str] = (
    country_names_fr()
    | vietnam_provinces()
    | frozenset(COUNTRY_SHORT_FORMS + WORLD_CITIES + VIETNAM_PLACES + REGIONS_AND_SEAS)
)
ORGANISATIONS: frozenset[str] = frozenset(KNOWN_ORGANISATIONS)
OTHER_NAMES: frozenset[str] = frozenset(DISEASES_AND_VACCINES + TREATIES)
