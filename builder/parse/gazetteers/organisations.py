"""Organisations from general knowledge, and the words that head or extend an institution's French name.

Known names are international bodies, news agencies and the main Vietnamese institutions; everything else is
found by pattern: a head word (``Comité``, ``ministère``...) extended over its complements (``central du Parti``,
``des Affaires étrangères``). Acronyms of 2 to 6 capitals are organisations unless listed as something else.
"""

from __future__ import annotations

#: Names (and acronyms) of organisations that any French news tagger would list.
KNOWN_ORGANISATIONS: tuple[str, ...] = (
    # United Nations system and international bodies
    "ONU", "Nations Unies", "Nations unies", "Organisation des Nations Unies", "Organisation des Nations unies",
    "Conseil de sécurité", "Assemblée générale des Nations Unies", "UNESCO", "UNICEF", "PNUD", "UNDP", "FAO",
    "OMS", "WHO", "OMC", "WTO", "FMI", "IMF", "Banque mondiale", "BAD", "BAsD", "BAII", "AIEA", "OIT", "ILO",
    "OIM", "IOM", "HCR", "UNHCR", "PAM", "ONUDI", "CNUCED", "UNCTAD", "OMI", "OACI", "UIT", "OMPI", "ONUSIDA",
    "UNFPA", "ONU Femmes", "CPI", "CIJ", "Cour internationale de justice", "Interpol",
    "ASEAN", "Association des nations de l'Asie du Sud-Est", "APEC", "UE", "Union européenne", "Commission européenne",
    "Parlement européen", "OTAN", "OSCE", "OCDE", "OPEP", "OCS", "BRICS", "G7", "G20", "UA", "Union africaine",
    "CEI", "CEDEAO", "Mercosur", "OIF", "Francophonie", "AIPA", "UIP", "AUF", "AFD", "JICA", "KOICA", "USAID",
    "Croix-Rouge", "Croissant-Rouge", "Commonwealth", "Kremlin", "Maison Blanche",
    "Pentagone", "Élysée", "Quai d'Orsay", "Mékong-Lancang", "Mékong-Japon",
    # News agencies and outlets
    "VNA", "AVI", "Agence vietnamienne d'information", "VietnamPlus", "Vietnam Plus", "Nhân Dân", "Nhan Dan",
    "VTV", "VOV", "Le Courrier du Vietnam", "AFP", "Reuters", "AP", "Xinhua", "TASS", "RIA Novosti", "Sputnik",
    "Kyodo", "Yonhap", "Bernama", "Antara", "KPL", "AKP", "BBC", "CNN",
    # Vietnamese institutions
    "PCV", "Parti communiste du Vietnam", "Parti communiste vietnamien", "Bureau politique", "Politburo",
    "Secrétariat du Comité central", "Comité central", "Assemblée nationale", "AN", "Front de la Patrie",
    "Front de la Patrie du Vietnam", "FPV", "Armée populaire du Vietnam", "APV", "Gouvernement",
    "Petrovietnam", "PetroVietnam", "Vietnam Airlines", "Viettel", "EVN", "Vingroup", "Vietcombank",
    "VietinBank", "BIDV", "Agribank", "VCCI",
    # Other countries' parties and institutions often named
    "PCC", "Parti communiste chinois", "Conférence consultative politique du peuple chinois", "CCPPC", "PPRL",
    "Parti populaire révolutionnaire lao", "PPC", "Douma", "Duma",
    "Congrès américain", "Sénat américain", "Bundestag", "Knesset",
)

#: Capitalised words that head an institution's name (plural forms are derived).
ORG_HEADS: tuple[str, ...] = (
    "Ministère", "Comité", "Assemblée", "Conseil", "Commission", "Parti", "Front", "Bureau", "Académie",
    "Organisation", "Fonds", "Agence", "Banque", "Association", "Institut", "Université", "Marine", "Armée",
    "Sénat", "Gouvernement", "Secrétariat", "Département", "Office", "Union", "Communauté", "Chambre", "Parlement",
    "Fédération", "Mission", "Ambassade", "Consulat", "Centre", "Groupe", "Société", "Compagnie", "Corporation",
    "Fondation", "Alliance", "Ligue", "Cour", "Tribunal", "Commandement", "Police", "Direction", "Inspection",
    "Autorité", "Administration", "Cabinet", "Trésor", "Douane", "Douanes", "Garde", "Force", "Forces",
    "Syndicat", "Confédération", "Collège", "École", "Lycée", "Hôpital", "Musée", "Bibliothèque",
    "Théâtre", "Orchestre", "Station", "Radio", "Télévision", "Journal", "Holding", "Entreprise",
    "Coopérative", "Délégation", "Représentation", "Haut-Commissariat", "Secrétariat général",
)

#: Heads that name one institution even with no complement (``le Parti``, ``le Sénat``).
STANDALONE_ORG_HEADS: tuple[str, ...] = (
    "Parti", "Politburo", "Sénat", "Parlement", "Gouvernement", "Secrétariat", "Armée", "Marine",
)

#: Heads followed directly by a proper name (``Institut Pasteur``, ``Université Harvard``).
NAMED_ORG_HEADS: tuple[str, ...] = (
    "Institut", "Université", "Académie", "Fondation", "Banque", "Centre", "Groupe", "Société", "Compagnie",
    "Hôpital", "Musée", "Lycée", "École", "Collège", "Théâtre", "Corporation", "Holding",
)

#: Lowercase adjectives that extend an institution's name (``Comité central``, ``Assemblée nationale``).
INSTITUTION_ADJECTIVES: tuple[str, ...] = (
    "national", "central", "populaire", "politique", "permanent", "provincial", "communiste", "international",
    "mondial", "général", "suprême", "électoral", "consultatif", "régional", "fédéral", "extérieur", "étranger",
    "direct", "municipal", "militaire", "spécial", "supérieur", "démocratique", "socialiste", "public",
    "économique", "mixte", "intergouvernemental", "parlementaire", "exécutif", "législatif", "judiciaire",
    "royal", "impérial", "francophone", "révolutionnaire", "patriotique", "intérieur", "naval", "aérien",
    "technique", "scientifique", "social", "culturel", "financier", "monétaire", "commercial", "industriel",
    "agricole", "médical", "sanitaire", "juridique", "diplomatique", "stratégique", "unifié", "uni",
    "indépendant", "arabe", "islamique", "européen", "africain", "asiatique", "américain", "latino-américain",
    "occidental", "oriental", "méridional", "septentrional", "nucléaire", "atomique", "olympique",
    "humanitaire", "environnemental", "frontalier", "unitaire", "intermédiaire", "interparlementaire", "numérique",
    "religieux", "bouddhique", "catholique", "protestant", "étatique", "fiscal", "routier", "ferroviaire",
)

#: Lowercase nouns that may follow ``de``/``des``/``du``/``pour`` inside an institution's name.
INSTITUTION_DOMAINS: tuple[str, ...] = (
    "sécurité", "commerce", "défense", "travail", "santé", "investissement", "développement", "frontières",
    "enfance", "migrations", "alimentation", "agriculture", "éducation", "science", "sciences", "culture",
    "propagande", "masses", "pilotage", "paix", "sensibilisation", "homme", "droits", "information",
    "communication", "presse", "justice", "finances", "industrie", "transports", "construction",
    "environnement", "réfugiés", "population", "jeunesse", "femmes", "contrôle", "inspection", "police",
    "renseignement", "protection", "coopération", "reconstruction", "statistique", "planification",
    "technologie", "technologies", "recherche", "tourisme", "sport", "sports", "énergie", "pétrole",
    "gaz", "aviation", "navigation", "marine", "mer", "affaires", "relations", "réforme", "organisation",
    "vérification", "mobilisation", "peuple", "numérique", "lutte", "prévention", "secours", "sauvetage",
    "commerce et de l'industrie", "l'homme", "l'enfance", "l'industrie", "l'intérieur", "l'agriculture",
    "l'éducation", "l'environnement", "l'information", "l'alimentation", "l'énergie",
)
