"""Place names written from general knowledge (French exonyms), to complement the ISO 3166 lists.

Countries come from pycountry/babel at import (see ``builder.parse.gazetteers``); this module holds what those
catalogues lack: short country forms in French press usage, world capitals and large cities, Vietnamese cities
and the usual French or unaccented spellings of Vietnamese provinces, continents, regions and seas.
Matching is accent-insensitive, so ``Hanoi`` also covers ``Hanoï`` and ``Ha Noi`` covers ``Hà Nội``.
"""

from __future__ import annotations

#: Short or press forms of countries that the ISO catalogues spell otherwise.
COUNTRY_SHORT_FORMS: tuple[str, ...] = (
    "Vietnam", "Viet Nam", "Russie", "Laos", "Chine", "Corée", "Corée du Sud", "Corée du Nord", "États-Unis",
    "Etats-Unis", "Royaume-Uni", "Grande-Bretagne", "Angleterre", "Écosse", "Pays de Galles", "Irlande du Nord",
    "Biélorussie", "Bélarus", "Birmanie", "Myanmar", "Iran", "Syrie", "Bolivie", "Venezuela", "Vénézuela",
    "Tanzanie", "Moldavie", "Taïwan", "Palestine", "Vatican", "Saint-Siège", "Kosovo", "Brunei", "Timor-Leste",
    "Timor oriental", "République tchèque", "Tchéquie", "Macédoine", "Congo", "République démocratique du Congo",
    "RD Congo", "Côte d'Ivoire", "Émirats arabes unis", "Cap-Vert", "Kirghizstan", "Liberia", "Suriname",
    "Union soviétique", "URSS", "République démocratique populaire lao", "Hong Kong", "Macao", "Groenland", "Cuba",
    "Guinée équatoriale",
)

#: National capitals and large cities, in their usual French spelling.
WORLD_CITIES: tuple[str, ...] = (
    # Asia
    "Pékin", "Beijing", "Shanghai", "Canton", "Guangzhou", "Shenzhen", "Chongqing", "Tianjin", "Wuhan", "Nanning",
    "Kunming", "Xiamen", "Hangzhou", "Nankin", "Chengdu", "Xi'an", "Harbin", "Tokyo", "Osaka", "Kyoto",
    "Yokohama", "Nagoya", "Hiroshima", "Fukuoka", "Séoul", "Busan", "Pusan", "Incheon", "Pyongyang",
    "Vientiane", "Luang Prabang", "Phnom Penh", "Siem Reap", "Bangkok", "Chiang Mai", "Kuala Lumpur",
    "Putrajaya", "Jakarta", "Bali", "Surabaya", "Manille", "Naypyidaw", "Naypyitaw", "Rangoun", "Yangon",
    "Mandalay", "Bandar Seri Begawan", "Dili", "New Delhi", "Delhi", "Bombay", "Mumbai", "Calcutta", "Kolkata",
    "Bangalore", "Chennai", "Islamabad", "Karachi", "Lahore", "Dacca", "Dhaka", "Katmandou", "Kathmandu",
    "Thimphou", "Colombo", "Malé", "Kaboul", "Téhéran", "Bagdad", "Damas", "Beyrouth", "Amman", "Jérusalem",
    "Tel-Aviv", "Tel Aviv", "Riyad", "Djeddah", "La Mecque", "Doha", "Abou Dhabi", "Dubaï", "Mascate", "Koweït",
    "Manama", "Sanaa", "Ankara", "Istanbul", "Bakou", "Erevan", "Tbilissi", "Astana", "Almaty", "Tachkent",
    "Bichkek", "Douchanbé", "Achgabat", "Oulan-Bator", "Oulan Bator", "Taipei", "Taïpei", "Hong Kong",
    # Europe
    "Moscou", "Saint-Pétersbourg", "Vladivostok", "Novossibirsk", "Kazan", "Sotchi", "Paris", "Marseille",
    "Lyon", "Toulouse", "Nice", "Bordeaux", "Strasbourg", "Lille", "Nantes", "Londres", "Manchester",
    "Édimbourg", "Dublin", "Berlin", "Munich", "Francfort", "Hambourg", "Cologne", "Bonn", "Rome", "Milan",
    "Naples", "Venise", "Florence", "Turin", "Madrid", "Barcelone", "Séville", "Valence", "Lisbonne", "Porto",
    "Bruxelles", "Anvers", "Amsterdam", "La Haye", "Rotterdam", "Luxembourg", "Genève", "Berne", "Zurich",
    "Lausanne", "Bâle", "Vienne", "Prague", "Bratislava", "Budapest", "Varsovie", "Cracovie", "Bucarest",
    "Sofia", "Belgrade", "Zagreb", "Ljubljana", "Sarajevo", "Podgorica", "Skopje", "Tirana", "Athènes",
    "Nicosie", "La Valette", "Copenhague", "Oslo", "Stockholm", "Helsinki", "Reykjavik", "Tallinn", "Riga",
    "Vilnius", "Minsk", "Kiev", "Kyiv", "Chisinau", "Monaco", "Andorre-la-Vieille", "Saint-Marin", "Vaduz",
    "Strasbourg", "Davos",
    # Africa
    "Le Caire", "Alexandrie", "Alger", "Tunis", "Rabat", "Casablanca", "Tripoli", "Khartoum", "Djouba", "Juba",
    "Addis-Abeba", "Addis Abeba", "Nairobi", "Kampala", "Kigali", "Bujumbura", "Dodoma", "Dar es Salaam",
    "Mogadiscio", "Djibouti", "Asmara", "Dakar", "Bamako", "Niamey", "Ouagadougou", "Abidjan", "Yamoussoukro",
    "Accra", "Lomé", "Cotonou", "Porto-Novo", "Abuja", "Lagos", "Yaoundé", "Douala", "Libreville", "Malabo",
    "Brazzaville", "Kinshasa", "Luanda", "Lusaka", "Harare", "Maputo", "Lilongwe", "Windhoek", "Gaborone",
    "Pretoria", "Johannesburg", "Le Cap", "Durban", "Antananarivo", "Port-Louis", "Nouakchott", "Conakry",
    "Freetown", "Monrovia", "Banjul", "Bissau", "Praia", "N'Djamena", "Bangui",
    # Americas and Oceania
    "Washington", "New York", "Los Angeles", "San Francisco", "Chicago", "Houston", "Boston", "Seattle",
    "Miami", "Ottawa", "Montréal", "Québec", "Toronto", "Vancouver", "Mexico", "La Havane", "Brasilia",
    "Rio de Janeiro", "São Paulo", "Sao Paulo", "Buenos Aires", "Santiago", "Lima", "Bogota", "Quito",
    "Caracas", "Montevideo", "Asuncion", "La Paz", "Panama", "San José", "Managua", "Tegucigalpa",
    "San Salvador", "Guatemala", "Saint-Domingue", "Port-au-Prince", "Kingston", "Canberra", "Sydney",
    "Melbourne", "Brisbane", "Perth", "Wellington", "Auckland", "Port Moresby", "Suva", "Nouméa",
)

#: Vietnamese cities and the French or unaccented forms of provinces that ISO 3166-2 spells in Vietnamese.
VIETNAM_PLACES: tuple[str, ...] = (
    "Hanoi", "Ha Noi", "Hô Chi Minh-Ville", "Ho Chi Minh Ville", "Thành phố Hồ Chí Minh", "Saigon", "Sài Gòn",
    "Haiphong", "Hai Phong", "Da Nang", "Danang", "Can Tho", "Hue", "Hué", "Thua Thien Hue", "Thua Thien-Hue",
    "Ba Ria-Vung Tau", "Ba Ria - Vung Tau", "Ba Ria – Vung Tau", "Vung Tau", "Ha Long", "Halong", "Baie d'Ha Long",
    "Baie de Ha Long", "Nha Trang", "Da Lat", "Dalat", "Hoi An", "Sa Pa", "Sapa", "Phu Quoc", "Con Dao",
    "Bien Hoa", "Thu Duc", "Buon Ma Thuot", "Quy Nhon", "Pleiku", "Dien Bien Phu", "My Son", "Hoa Lu",
    "Kien Giang", "Dak Lak", "Dac Lac", "Dak Nong", "Lam Dong", "Tay Nguyen", "Mékong", "Delta du Mékong",
    "Hoang Sa", "Truong Sa", "Paracels", "Spratleys", "Spratly", "Golfe du Tonkin", "Golfe de Bac Bo",
    "Tonkin", "Annam", "Cochinchine", "Indochine",
)

#: Continents, world regions and seas.
REGIONS_AND_SEAS: tuple[str, ...] = (
    "Asie", "Europe", "Afrique", "Amérique", "Amériques", "Océanie", "Antarctique", "Arctique", "Eurasie",
    "Asie du Sud-Est", "Asie de l'Est", "Asie du Nord-Est", "Asie du Sud", "Asie centrale", "Asie de l'Ouest",
    "Asie-Pacifique", "Indo-Pacifique", "Moyen-Orient", "Proche-Orient", "Extrême-Orient", "Europe de l'Est",
    "Europe de l'Ouest", "Europe centrale", "Europe du Nord", "Europe du Sud", "Afrique du Nord",
    "Afrique subsaharienne", "Afrique de l'Ouest", "Afrique de l'Est", "Amérique latine", "Amérique du Nord",
    "Amérique du Sud", "Amérique centrale", "Caraïbes", "Balkans", "Scandinavie", "Maghreb", "Sahel",
    "Pacifique", "Atlantique", "Méditerranée", "Océan Pacifique", "Océan Indien", "Océan Atlantique",
    "Mer Orientale", "Mer de l'Est", "Mer de Chine méridionale", "Mer de Chine orientale", "Mer Noire",
    "Mer Rouge", "Mer Baltique", "Mer Caspienne", "Mer du Nord", "Mer du Japon", "Golfe Persique",
    "Détroit de Malacca", "Détroit de Taïwan", "Sibérie", "Crimée", "Donbass", "Tibet", "Xinjiang",
    "Cisjordanie", "Bande de Gaza", "Gaza", "Cachemire", "Mékong", "Himalaya",
)
