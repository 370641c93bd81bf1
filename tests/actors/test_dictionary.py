"""Actor dictionary and gazetteer: shipped data, term dates, user files, places."""
from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from bilateral.actors.dictionary import (
    ACTORS_DIR,
    GAZETTEER,
    ActorFileError,
    as_date,
    find_place,
    load_dictionary,
    load_gazetteer,
    normalize,
    read_rows,
)

REPO = Path(__file__).resolve().parents[2]
OFFICES = ("HOS", "HOG", "FM", "DM")
# The 45 most-covered countries must have all four offices filled on 2023-01-01, except:
# Canada and Australia share the British monarch (recorded once, under GBR), and Lebanon's
# presidency was vacant from 2022-10-31 to 2025-01-09.
COVERED = ("USA RUS CHN GBR FRA DEU IRN ISR UKR TUR SAU IND PAK JPN KOR PRK SYR IRQ EGY AFG ITA ESP "
           "CAN AUS BRA MEX POL QAT ARE LBN JOR BLR KAZ AZE ARM GEO VEN CUB NGA ZAF ETH YEM LBY VNM IDN").split()
SHARED_MONARCH = {"CAN": "GBR", "AUS": "GBR"}
VACANT = {("LBN", "HOS")}


@pytest.fixture(scope="module")
def book():
    return load_dictionary()


@pytest.fixture(scope="module")
def terms(book):
    """(country, office) -> [(start, end, name, line)] from people.csv."""
    out = defaultdict(list)
    for line, row in read_rows(ACTORS_DIR / "people.csv"):
        for office in filter(None, row["role"].split(";")):
            end = as_date(row["end"] or None) or date.max
            out[(book.country_of(row["code"]), office)].append((as_date(row["start"]), end, row["name"], line))
    return out


def codes(book, phrase, when=None):
    return {e.code for e in book.lookup(phrase, when)}


@pytest.mark.parametrize(("when", "role"), [("2010-06-01", "HOS"), ("2015-06-01", "HOG"), ("2022-06-01", "")])
def test_medvedev_role_follows_the_date(book, when, role):
    hits = book.lookup("Medvedev", when)
    assert [(e.code, e.role) for e in hits] == [("RUSGOV", role)]


def test_trump_terms_and_the_gap_between_them(book):
    assert [e.role for e in book.lookup("Trump", "2019-04-01")] == ["HOS;HOG"]
    between = book.lookup("Donald Trump", date(2023, 6, 1))
    assert [e.code for e in between] == ["USAELI"]  # a former office holder, not the government
    assert [(e.code, e.start) for e in book.lookup("trump", "2025-03-01")] == [("USAGOV", date(2025, 1, 20))]


def test_khamenei_is_head_of_state_and_the_president_head_of_government(book):
    assert [(e.code, e.role) for e in book.lookup("Ayatollah Khamenei", "2023-01-01")] == [("IRNGOV", "HOS")]
    assert [e.role for e in book.lookup("Pezeshkian", "2025-01-01")] == ["HOG"]
    assert [e.role for e in book.lookup("Raisi", "2022-01-01")] == ["HOG"]
    assert codes(book, "Raisi", "2020-01-01") == {"IRNJUD"}


def test_zelensky_governs_only_from_his_inauguration(book):
    assert book.lookup("Zelensky", "2019-05-19") == []
    for spelling in ("Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelenskyy"):
        assert codes(book, spelling, "2019-05-20") == {"UKRGOV"}


def test_defence_minister_successions_are_dated(book):
    assert codes(book, "Shoigu", "2020-01-01") == codes(book, "Belousov", "2024-06-01") == {"RUSGOV"}
    assert {e.role for e in book.lookup("Shoigu", "2024-06-01")} == {""}  # Security Council
    assert {e.role for e in book.lookup("Reznikov", "2022-06-01")} == {"DM"}
    assert {e.role for e in book.lookup("Umerov", "2024-01-01")} == {"DM"}
    assert {e.role for e in book.lookup("Yoav Gallant", "2023-01-01")} == {"DM"}


@pytest.mark.parametrize(("phrase", "country"), [
    ("Iranian", "IRN"), ("Iranians", "IRN"), ("Russian", "RUS"), ("Russians", "RUS"), ("Israelis", "ISR"),
    ("Ukrainian", "UKR"), ("Moscow", "RUS"), ("Tehran", "IRN"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
    ("Washington", "USA"), ("Beijing", "CHN"), ("Burma", "MMR"), ("Zaire", "COD"), ("Türkiye", "TUR"),
    ("Kosovo", "KSV"), ("East Timor", "TMP"), ("Palestinians", "PSE"),
])
def test_demonyms_capitals_and_old_names_map_to_the_country(book, phrase, country):
    hits = book.lookup(phrase)
    assert [(e.code, e.country, e.sector, e.kind) for e in hits] == [(country, country, "", "country")]


@pytest.mark.parametrize(("phrase", "code"), [
    ("the Kremlin", "RUSGOV"), ("IRGC", "IRNMIL"), ("Revolutionary Guards", "IRNMIL"), ("Pentagon", "USAMIL"),
    ("State Department", "USAGOV"), ("Knesset", "ISRLEG"), ("Mossad", "ISRSPY"), ("Verkhovna Rada", "UKRLEG"),
    ("Bundeswehr", "DEUMIL"), ("Islamic Republic", "IRN"), ("NATO", "IGOWSTNAT"), ("IAEA", "IGOUNOIAE"),
    ("Hezbollah", "LBNREB"), ("Houthis", "YEMREB"), ("ISIS", "IMGMUSISI"), ("Russian army", "RUSMIL"),
])
def test_institutions_groups_and_igos(book, phrase, code):
    assert codes(book, phrase, "2024-01-01") == {code}


def test_code_parts_of_organisations_and_groups(book):
    assert book.country_of("IGOWSTNATMIL") == "IGOWSTNAT"
    assert book.country_name("IGOWSTNAT") == "North Atlantic Treaty Organization"
    hamas = book.lookup("Hamas")[0]
    assert (hamas.country, hamas.sector) == ("PSE", "REB")
    assert book.country_of("XYZGOV") is None
    assert book.country_name("RUSGOV") == "Russia"


def test_every_code_has_a_known_country_or_organisation(book):
    unknown = {e.code for e in book.entries if book.country_of(e.code) is None}
    assert not unknown
    assert all(e.country == book.country_of(e.code) for e in book.entries)


def test_shipped_dates_parse_and_run_forward():
    for name in ("people.csv", "institutions.csv", "groups.csv", "igos.csv"):
        for line, row in read_rows(ACTORS_DIR / name):
            start, end = (date.fromisoformat(row[k]) if row[k] else None for k in ("start", "end"))
            assert not (start and end and end < start), f"{name}:{line}"


def test_no_two_holders_of_one_office_on_the_same_day(terms):
    clashes = []
    for key, spans in terms.items():
        spans = sorted(spans)
        clashes += [(key, a[2], b[2], b[3]) for a, b in zip(spans, spans[1:]) if b[0] < a[1]]
    assert not clashes


@pytest.mark.parametrize("country", COVERED)
def test_the_four_offices_are_filled_on_new_year_2023(terms, country):
    when = date(2023, 1, 1)
    for office in OFFICES:
        if (country, office) in VACANT:
            continue
        holder = SHARED_MONARCH.get(country, country) if office == "HOS" else country
        sitting = [s for s in terms[(holder, office)] if s[0] <= when < s[1]]
        assert len(sitting) == 1, (country, office, sitting)


@pytest.mark.parametrize(("word", "sector"), [
    ("troops", "MIL"), ("soldier", "MIL"), ("officials", "GOV"), ("police", "COP"), ("protesters", "OPP"),
    ("demonstrators", "OPP"), ("refugees", "REF"), ("rebels", "REB"), ("journalists", "MED"),
    ("lawmakers", "LEG"), ("judges", "JUD"), ("defence minister", "GOVMIL"), ("businessmen", "BUS"),
])
def test_agent_words_give_a_sector(book, word, sector):
    assert book.agent_sector(word) == sector


def test_agent_words_unknown_and_case(book):
    assert book.agent_sector("Troops") == "MIL"
    assert book.agent_sector("xylophone") is None


def test_normalize_folds_case_accents_quotes_and_article():
    assert normalize("  The   Élysée ") == "elysee"
    assert normalize("Erdoğan’s") == "erdogan's"
    assert normalize("Lê Đức Anh") == "le duc anh"
    assert normalize("Wałęsa") == "walesa"


def test_phrases_are_normalised_and_cover_aliases(book):
    phrases = book.phrases()
    assert phrases == sorted(set(phrases))
    assert {"kremlin", "zelenskyy", "iranians", "islamic revolutionary guard corps"} <= set(phrases)
    assert all(p == normalize(p) for p in phrases)


def test_user_file_adds_actors_ahead_of_the_shipped_ones(tmp_path):
    user = tmp_path / "mine.csv"
    user.write_text("# my actors\nname,aliases,code,role,start,end,note\n"
                    "Ada Quill,Quill|Kremlin,RUSGOV,FM,2030-01-01,,test\n", encoding="utf-8")
    book = load_dictionary(user)
    assert [e.name for e in book.lookup("Quill", "2031-01-01")] == ["Ada Quill"]
    assert book.lookup("Quill", "2029-01-01") == []
    assert book.lookup("Kremlin")[0].name == "Ada Quill"


def test_user_file_from_the_environment(tmp_path, monkeypatch):
    user = tmp_path / "env.csv"
    user.write_text("name,code\nBlue Heron Front,SYRREB\n", encoding="utf-8")
    monkeypatch.setenv("BILATERAL_ACTORS", str(user))
    assert codes(load_dictionary(), "blue heron front") == {"SYRREB"}


@pytest.mark.parametrize(("body", "line", "words"), [
    ("name,aliases,code\nGood One,,USAGOV\nBad One,,USAGOV,extra\n", 3, "fields"),
    ("name,code,start\nBad Date,USAGOV,2020-13-40\n", 2, "date"),
    ("name,code\n\nNo Country,XQZGOV\n", 3, "unknown country"),
    ("name,code,role\nOdd Role,USAGOV,KING\n", 2, "role"),
    ("name,code,start,end\nBackwards,USAGOV,2020-01-01,2019-01-01\n", 2, "before"),
])
def test_malformed_user_file_names_file_and_line(tmp_path, body, line, words):
    user = tmp_path / "broken.csv"
    user.write_text(body, encoding="utf-8")
    with pytest.raises(ActorFileError) as err:
        load_dictionary(user)
    assert f"{user}:{line}" in str(err.value)
    assert words in str(err.value)


def test_missing_user_file_is_an_error(tmp_path):
    with pytest.raises(ActorFileError, match="not found"):
        load_dictionary(tmp_path / "nope.csv")


def test_the_documented_example_user_file_loads():
    book = load_dictionary(ACTORS_DIR / "user_actors.example.csv")
    assert {e.kind for e in book.lookup("Ilvessalo")} == {"person"}
    assert codes(book, "Ilvessalo", "2032-01-01") == {"FINGOV"}


def test_gazetteer_tehran_hormuz_and_aliases():
    tehran = find_place("Tehran")
    assert abs(tehran.lat - 35.69) < 0.5 and abs(tehran.lon - 51.39) < 0.5
    assert tehran.country == "IRN"
    hormuz = find_place("Strait of Hormuz")
    assert hormuz.kind == "strait" and "IRN" in hormuz.country.split("|")
    assert find_place("Kiev").name == "Kyiv"
    assert find_place("Iran").kind == "country"
    assert find_place("Crimea").country == "UKR"
    assert find_place("Minas Tirith") is None  # fictional (a real Atlantis is a South African town)


def test_gazetteer_rows_are_unique_and_compact():
    frame = load_gazetteer()
    assert not frame.duplicated(["name", "country", "kind"]).any()
    assert set(frame["kind"]) == {"country", "capital", "city", "region", "sea", "strait", "corridor"}
    assert frame["lat"].between(-90, 90).all() and frame["lon"].between(-180, 180).all()
    assert len(frame[frame["kind"] == "country"]) > 200
    assert GAZETTEER.stat().st_size < 1_500_000


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_agents_csv_is_what_the_build_tool_makes(shared_data):
    tool = _load_tool("build_actors")
    with open(ACTORS_DIR / "agents.csv", encoding="utf-8") as f:
        shipped = [tuple(r) for r in csv.reader(line for line in f if not line.startswith("#"))][1:]
    assert shipped == [tuple(r) for r in tool.build(shared_data)]


def test_agents_hold_only_cameo_sectors():
    import re

    from bilateral.actors.dictionary import SECTORS, load_dictionary

    book = load_dictionary()
    assert book.agent_sector("monday") is None  # a weekday names no actor
    assert book.agent_sector("people") == "CVL"
    for word in ("troops", "people", "party", "men", "police"):
        assert all(b in SECTORS for b in re.findall("...", book.agent_sector(word))), word


def test_undated_lookup_puts_a_persons_current_office_first_and_former_rows_last(tmp_path):
    user = tmp_path / "mine.csv"
    user.write_text("name,aliases,code,role,start,end,note\n"
                    "Ada Quill,Quill,RUSSPY,,1990-01-01,1999-01-01,spy chief\n"
                    "Ada Quill,,RUSGOV,HOS,2010-01-01,,president\n"
                    "Bo Tern,Tern,FRAGOV,HOG,2001-01-01,2005-01-01,\n"
                    "Bo Tern,,FRAELI,,2005-01-01,,former\n", encoding="utf-8")
    book = load_dictionary(user)
    assert book.lookup("Quill")[0].code == "RUSGOV"  # not the row listed first
    assert book.lookup("Tern")[0].code == "FRAGOV"  # the last office, not the former-official row
    assert book.lookup("Quill", "1995-06-01")[0].code == "RUSSPY"  # a date still picks the term


def test_undated_putin_is_the_head_of_state_not_the_fsb_director(book):
    assert book.lookup("Vladimir Putin")[0].code == "RUSGOV"
