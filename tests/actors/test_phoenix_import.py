"""Office holders and armed groups converted from the Phoenix dictionaries (*_phoenix.csv)."""
from __future__ import annotations

from datetime import date

from bilateral.actors.dictionary import ACTORS_DIR, load_dictionary, normalize, read_rows
from bilateral.actors.phoenix_import import COMPILED, build, parse_restriction, read_people

SAMPLE = """\
# a comment
ROVANIA_  [RVN]
ILSE_MARTA_KOVIR_  # CountryInfo.txt
+ILSE_KOVIR_
\t[FRAELI 550101-000101]
\t[FRAGOV >990427]
\t[FRAELI]
KOVIR_  # CountryInfo.txt
\t[FRAGOV 030101-040101]
"""


def test_restrictions_read_two_digit_years_and_open_terms():
    assert parse_restriction("RWAGOV 730705-940406") == ("RWAGOV", date(1973, 7, 5), date(1994, 4, 6), False)
    assert parse_restriction("DZAGOV >990427") == ("DZAGOV", date(1999, 4, 27), COMPILED, True)
    assert parse_restriction("USRARM <900823") == ("USRARM", None, date(1990, 8, 23), False)
    assert parse_restriction("CIVELI") == ("CIVELI", None, None, False)
    assert parse_restriction("CIVELI 991301-000101") is None  # month 13


def test_people_are_read_with_aliases_and_one_word_names_are_dropped(tmp_path):
    people = read_people(SAMPLE)
    assert [p["name"] for p in people] == ["Ilse Marta Kovir", "Kovir"]
    assert people[0]["aliases"] == ["Ilse Kovir"]
    text = build_from(tmp_path)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[1].startswith("Ilse Marta Kovir,Ilse Kovir,FRAGOV,,1999-04-27,2014-01-30,~open")
    assert not any(line.startswith("Kovir,") for line in lines)


def build_from(tmp_path):
    (tmp_path / "Phoenix.Countries.actors.txt").write_text(SAMPLE, encoding="utf-8")
    return build(tmp_path)


def test_a_leader_of_a_less_covered_country_is_dated():
    book = load_dictionary()
    assert [e.code for e in book.lookup("Juvenal Habyarimana", "1990-01-01")] == ["RWAGOV"]
    assert [e.code for e in book.lookup("Juvenal Habyarimana", "2000-01-01")] == ["RWAELI"]


def test_hand_kept_people_are_not_repeated():
    hand = {normalize(s) for _, row in read_rows(ACTORS_DIR / "people.csv")
            for s in [row["name"], *row["aliases"].split("|")] if s}
    converted = {normalize(row["name"]) for _, row in read_rows(ACTORS_DIR / "people_phoenix.csv")}
    assert converted and not hand & converted


def test_shipped_file_matches_the_reference(shared_data):
    reference = shared_data / "reference" / "petrarch-dictionaries"
    assert build(reference) == (ACTORS_DIR / "people_phoenix.csv").read_text(encoding="utf-8")


GROUP_SAMPLE = """\
KOVIR_LIBERATION_FRONT_(KLF)_ [FRAREB] #  note
+KLF_
+FRONT-K_
REGIONAL_CELL_ [MEAREB]
"""


def test_groups_keep_state_roots_and_drop_bare_acronyms():
    from bilateral.actors.phoenix_import import group_rows, read_groups

    rows = group_rows(read_groups(GROUP_SAMPLE), set(), {"FRA"})
    assert rows == [["Kovir Liberation Front", "Front-k", "FRAREB", "", "", ""]]


def test_a_converted_group_resolves_to_its_state():
    assert [e.code for e in load_dictionary().lookup("Basque Fatherland and Freedom")] == ["ESPREB"]


def test_shipped_groups_match_the_reference(shared_data):
    from bilateral.actors.phoenix_import import build_groups

    reference = shared_data / "reference" / "petrarch-dictionaries"
    assert build_groups(reference) == (ACTORS_DIR / "groups_phoenix.csv").read_text(encoding="utf-8")
