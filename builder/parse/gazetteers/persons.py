"""What signals a person's name in French news: Vietnamese family names, titles, roles and appositions.

No person's name is listed here: names are found by their shape (a Vietnamese family name followed by
syllables) or by their context (a title or role before them, a role or a photo position after them).
"""

from __future__ import annotations

#: Common Vietnamese family names, unaccented (matching folds accents: ``Nguyen`` covers ``Nguyễn``).
VIETNAMESE_FAMILY_NAMES: tuple[str, ...] = (
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo",
    "Duong", "Ly", "To", "Trinh", "Mai", "Dinh", "Luong", "Doan", "Cao", "Lam", "Ha", "Chu", "Kieu", "Ta",
    "Thai", "Truong", "Dao", "Lai", "Luu", "Quach", "Tong", "Trieu", "Vuong", "Nong", "Lo", "Giap", "Khuat",
    "Diep", "Thach", "Ton", "Tang", "Ung", "Mac", "Au", "Khong", "Lu", "Nghiem", "Phung", "Quan", "Tieu",
)

#: Family names that are also French words or place-name syllables: their name needs a clearly Vietnamese tail.
AMBIGUOUS_FAMILY_NAMES: tuple[str, ...] = (
    "Le", "Ha", "Mai", "To", "Ta", "Cao", "Lam", "Chu", "Vu", "Ho", "Do", "Ly", "Lo", "Au", "Ton", "Tang", "Mac",
    "Lu", "Lai", "Quan", "Ung", "Dao",
)

#: Courtesy titles written right before a name.
COURTESY_TITLES: tuple[str, ...] = ("M.", "MM.", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "Sir", "Lord")

#: Roles after which (possibly with complements and a comma) a person's name comes, and before which a name
#: stands in apposition (``X, président de ...``). Lowercase; a capitalised first letter is accepted too.
ROLES: tuple[str, ...] = (
    "président", "présidente", "vice-président", "vice-présidente", "premier ministre", "vice-premier ministre",
    "ministre", "vice-ministre", "secrétaire", "secrétaire général", "secrétaire générale", "sous-secrétaire",
    "ambassadeur", "ambassadrice", "homologue", "général", "lieutenant-général", "général de division",
    "colonel", "lieutenant-colonel", "capitaine", "amiral", "vice-amiral", "contre-amiral", "maréchal",
    "commandant", "chef", "cheffe", "directeur", "directrice", "directeur général", "directrice générale",
    "porte-parole", "député", "députée", "gouverneur", "gouverneure", "maire", "roi", "reine", "prince",
    "princesse", "sénateur", "sénatrice", "chancelier", "chancelière", "commissaire", "représentant",
    "représentante", "délégué", "déléguée", "dirigeant", "dirigeante", "leader", "camarade", "membre",
    "consul", "consule", "consul général", "chargé d'affaires", "docteur", "professeur", "pape", "patriarche",
    "émir", "cheikh", "sultan", "conseiller", "conseillère", "adjoint", "adjointe", "rapporteur",
    "rapporteuse", "coordinateur", "coordinatrice", "fondateur", "fondatrice", "envoyé", "envoyée",
    "envoyé spécial", "chef d'état-major", "chef de la diplomatie", "chef du gouvernement", "chef de l'État",
    "présidente-directrice", "président-directeur", "PDG", "PM", "vice-gouverneur", "vice-secrétaire",
    "titulaire", "héros", "héroïne", "artiste", "écrivain", "écrivaine", "journaliste", "expert", "experte",
    "chercheur", "chercheuse", "entraîneur", "sélectionneur", "joueur", "joueuse", "athlète", "chanteur",
    "chanteuse", "patron", "patronne", "fils", "fille", "épouse", "mari", "veuve", "oncle",
)

#: Adjectives that may stand between a role and its complements (``ambassadeur non-résident du ...``).
ROLE_ADJECTIVES: tuple[str, ...] = (
    "général", "générale", "permanent", "permanente", "adjoint", "adjointe", "extraordinaire",
    "plénipotentiaire", "résident", "résidente", "non-résident", "non-résidente", "intérimaire", "honoraire",
    "sortant", "sortante", "nouveau", "nouvelle", "ancien", "ancienne", "nouvel", "élu", "élue", "désigné",
    "désignée", "spécial", "spéciale", "principal", "principale", "exécutif", "exécutive", "délégué",
    "déléguée", "en chef", "par intérim", "chargé", "chargée", "également", "aussi", "actuel", "actuelle",
    "accrédité", "accréditée", "premier", "première", "haut", "haute",
)

#: Lowercase nouns of a role's complement (``chef de la diplomatie``, ``chef de la délégation``).
ROLE_DOMAINS: tuple[str, ...] = (
    "diplomatie", "délégation", "gouvernement", "cabinet", "parti", "mission", "armée", "état-major",
    "police", "province", "ville", "municipalité", "commune", "district", "région", "secteur", "groupe",
    "comité", "commission", "conseil", "bureau", "département", "service", "agence", "entreprise", "société",
    "banque", "université", "institut", "centre", "association", "fédération", "organisation", "équipe",
    "sécurité", "défense", "coopération", "planification", "investissement", "santé", "justice",
    "propagande", "mobilisation", "sensibilisation", "information", "communication", "culture", "éducation",
)

#: Words that say where a person stands on a photo, in parentheses right after the name.
PHOTO_POSITIONS: tuple[str, ...] = (
    "droite", "gauche", "centre", "à droite", "à gauche", "au centre", "debout", "assis", "assise", "premier plan",
)
