"""Named things that are neither persons, organisations nor places (the MISC label), from general knowledge.

Kept modest: diseases and vaccines, well-known treaties and trade agreements, and the heads of treaty and
event names that the tagger extends by pattern (``Convention ... sur ...``, ``14e Congrès national du Parti``).
"""

from __future__ import annotations

#: Diseases, viruses and vaccines.
DISEASES_AND_VACCINES: tuple[str, ...] = (
    "COVID-19", "Covid-19", "COVID", "Covid", "SARS-CoV-2", "SRAS", "Omicron", "Ebola", "Zika", "H5N1",
    "H1N1", "VIH", "Sida", "SIDA", "Mpox", "Spoutnik V", "Sputnik V", "Spoutnik Light", "Sputnik Light",
    "Vero Cell", "Nanocovax", "Covivac", "Comirnaty", "Covaxin", "CoronaVac", "Abdala", "AstraZeneca",
)

#: Treaties, conventions and trade agreements known by name or acronym.
TREATIES: tuple[str, ...] = (
    "Convention des Nations Unies sur le droit de la mer", "CNUDM", "UNCLOS", "Charte des Nations Unies",
    "Charte de l'ASEAN", "Traité d'amitié et de coopération", "TAC", "DOC", "COC", "CPTPP", "TPP", "RCEP",
    "EVFTA", "EVIPA", "AFTA", "ALENA", "Accord de Paris", "Agenda 2030", "Protocole de Kyoto",
    "Déclaration universelle des droits de l'homme",
)

#: Capitalised heads of a treaty's name, extended by ``des Nations Unies``, ``sur ...``, ``relatif à ...``.
TREATY_HEADS: tuple[str, ...] = (
    "Convention", "Pacte", "Traité", "Charte", "Déclaration", "Accord", "Protocole", "Code",
)

#: Heads of an event's name, tagged when an ordinal precedes them or a complement follows.
EVENT_HEADS: tuple[str, ...] = (
    "Congrès", "Conférence", "Sommet", "Forum", "Session", "Consultation", "Dialogue", "Festival", "Foire",
    "Exposition", "Jeux", "Championnat", "Coupe", "Semaine", "Journée", "Année", "Années",
)
