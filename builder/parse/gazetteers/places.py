"""Place names written from general knowledge (French exonyms), to complement the ISO 3166 lists.

Countries come from pycountry/babel at import (``builder.parse.gazetteers.catalogues``); this module holds what those
catalogues lack: short country forms in French press usage, world capitals and large cities, Vietnamese cities
and the usual French or unaccented spellings of Vietnamese provinces, continents, regions and seas.
Matching is accent-insensitive, so ``Hanoi`` also covers ``Hanoï`` and ``Ha Noi`` covers ``Hà Nội``.
"""

from __future__ import annotations

#: Short or press forms of countries that the ISO catalogues spell otherwise.
COUNTRY_SHORT_FORMS: tuple[str, ...] = (
    "Vietnam", "Grande-Bretagne", "Angleterre", "Écosse", "Pays de Galles", "Irlande du Nord", "Vatican",
    "Timor-Leste", "Macédoine", "Congo", "RD Congo", "Union soviétique", "URSS",
    "République démocratique populaire lao", "Macao",
)

#: National capitals and large cities, in their usual French spelling.
WORLD_CITIES: tuple[str, ...] = (
    # Asia
    "Pékin", "Beijing", "Shanghai", "Canton", "Guangzhou", "Shenzhen", "Chongqing", "Tianjin", "Wuhan", "Nanning",
    "Kunming", "Xiamen", "Hangzhou", "Nankin", "Chengdu", "Xi'an", "Harbin", "Tokyo", "Osaka", "Kyoto", "Yokohama",
    "Nagoya", "Hiroshima", "Fukuoka", "Séoul", "Busan", "Pusan", "Incheon", "Pyongyang", "Bangkok", "Chiang Mai",
    "Kuala Lumpur", "Putrajaya", "Jakarta", "Bali", "Surabaya", "Manille", "Naypyidaw", "Naypyitaw", "Rangoun",
    "Yangon", "Mandalay", "Bandar Seri Begawan", "Dili", "New Delhi", "Delhi", "Bombay", "Mumbai", "Calcutta",
    "Kolkata", "Bangalore", "Chennai", "Islamabad", "Karachi", "Lahore", "Dacca", "Dhaka", "Katmandou", "Kathmandu",
    "Thimphou", "Colombo", "Malé", "Kaboul", "Téhéran", "Bagdad", "Damas", "Beyrouth", "Amman", "Jérusalem",
    "Tel-Aviv", "Tel Aviv", "Riyad", "Djeddah", "La Mecque", "Doha", "Abou Dhabi", "Dubaï", "Mascate", "Manama",
    "Sanaa", "Ankara", "Istanbul", "Bakou", "Erevan", "Tbilissi", "Astana", "Almaty", "Tachkent", "Bichkek",
    "Douchanbé", "Achgabat", "Oulan-Bator", "Oulan Bator", "Taipei", "Taïpei",
    # Europe
    "Moscou", "Saint-Pétersbourg", "Vladivostok", "Novossibirsk", "Kazan", "Sotchi", "Paris", "Marseille", "Lyon",
    "Toulouse", "Nice", "Bordeaux", "Strasbourg", "Lille", "Nantes", "Londres", "Manchester", "Édimbourg", "Dublin",
    "Berlin", "Munich", "Francfort", "Hambourg", "Cologne", "Bonn", "Rome", "Milan", "Naples", "Venise", "Florence",
    "Turin", "Madrid", "Barcelone", "Séville", "Valence", "Lisbonne", "Porto", "Bruxelles", "Anvers", "Amsterdam",
    "La Haye", "Rotterdam", "Genève", "Berne", "Zurich", "Lausanne", "Bâle", "Vienne", "Prague", "Bratislava",
    "Budapest", "Varsovie", "Cracovie", "Bucarest", "Sofia", "Belgrade", "Zagreb", "Ljubljana", "Sarajevo",
    "Podgorica", "Skopje", "Tirana", "Athènes", "Nicosie", "La Valette", "Copenhague", "Oslo", "Stockholm",
    "Helsinki", "Reykjavik", "Tallinn", "Riga", "Vilnius", "Minsk", "Kiev", "Kyiv", "Chisinau",
    "Andorre-la-Vieille", "Vaduz", "Strasbourg", "Davos",
    # Africa
    "Le Caire", "Alexandrie", "Alger", "Tunis", "Rabat", "Casablanca", "Tripoli", "Khartoum", "Djouba", "Juba",
    "Addis-Abeba", "Addis Abeba", "Nairobi", "Kampala", "Kigali", "Bujumbura", "Dodoma", "Dar es Salaam",
    "Mogadiscio", "Asmara", "Dakar", "Bamako", "Niamey", "Ouagadougou", "Abidjan", "Yamoussoukro", "Accra", "Lomé",
    "Cotonou", "Porto-Novo", "Abuja", "Lagos", "Yaoundé", "Douala", "Libreville", "Malabo", "Brazzaville",
    "Kinshasa", "Luanda", "Lusaka", "Harare", "Maputo", "Lilongwe", "Windhoek", "Gaborone", "Pretoria",
    "Johannesburg", "Le Cap", "Durban", "Antananarivo", "Port-Louis", "Nouakchott", "Conakry", "Freetown",
    "Monrovia", "Banjul", "Bissau", "Praia", "N'Djamena", "Bangui",
    # Americas and Oceania
    "Washington", "New York", "Los Angeles", "San Francisco", "Chicago", "Houston", "Boston", "Seattle", "Miami",
    "Ottawa", "Montréal", "Québec", "Toronto", "Vancouver", "Mexico", "La Havane", "Brasilia", "Rio de Janeiro",
    "São Paulo", "Sao Paulo", "Buenos Aires", "Santiago", "Lima", "Bogota", "Quito", "Caracas", "Montevideo",
    "Asuncion", "La Paz", "San José", "Managua", "Tegucigalpa", "San Salvador", "Saint-Domingue", "Port-au-Prince",
    "Kingston", "Canberra", "Sydney", "Melbourne", "Brisbane", "Perth", "Wellington", "Auckland", "Port Moresby",
    "Suva", "Nouméa",
)

#: Vietnamese cities and the French or unaccented forms of provinces that ISO 3166-2 spells in Vietnamese.
VIETNAM_PLACES: tuple[str, ...] = (
    "Hanoi", "Saigon", "Sài Gòn", "Haiphong", "Danang", "Hue", "Hué", "Thua Thien Hue", "Ba Ria-Vung Tau",
    "Vung Tau", "Ha Long", "Halong", "Baie d'Ha Long", "Baie de Ha Long", "Nha Trang", "Da Lat", "Dalat", "Hoi An",
    "Sa Pa", "Sapa", "Phu Quoc", "Con Dao", "Bien Hoa", "Thu Duc", "Buon Ma Thuot", "Quy Nhon", "Pleiku",
    "Dien Bien Phu", "My Son", "Hoa Lu", "Dac Lac", "Tay Nguyen", "Mékong", "Delta du Mékong", "Hoang Sa",
    "Truong Sa", "Paracels", "Spratleys", "Spratly", "Golfe du Tonkin", "Golfe de Bac Bo", "Tonkin", "Annam",
    "Cochinchine", "Indochine",
)

#: The head nouns of a sea named by a capitalised adjective (``Mer Noire``, ``Océan Indien``): such a name is
#: found by its shape (the entity tagger's sea rule), not listed. Seas named by a complement are listed below.
SEA_HEADS: tuple[str, ...] = ("Mer", "Océan")

#: Continents, world regions and seas.
REGIONS_AND_SEAS: tuple[str, ...] = (
    "Amérique", "Arctique", "Eurasie", "Asie du Nord-Est", "Asie-Pacifique", "Indo-Pacifique", "Moyen-Orient",
    "Proche-Orient", "Extrême-Orient", "Europe centrale", "Afrique du Nord", "Afrique de l'Ouest",
    "Afrique de l'Est", "Balkans", "Scandinavie", "Maghreb", "Sahel", "Pacifique", "Atlantique", "Méditerranée",
    "Mer de l'Est",
    "Mer de Chine méridionale", "Mer de Chine orientale",
    "Mer du Nord", "Mer du Japon", "Golfe Persique", "Détroit de Malacca", "Détroit de Taïwan", "Sibérie", "Crimée",
    "Donbass", "Tibet", "Xinjiang", "Cisjordanie", "Bande de Gaza", "Gaza", "Cachemire", "Mékong", "Himalaya",
)
