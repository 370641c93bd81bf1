"""Office holders after the Phoenix dictionaries end (January 2014): terms, gaps, later careers."""
from __future__ import annotations

from datetime import date

import pytest

from bilateral.actors.dictionary import ACTORS_DIR, as_date, load_dictionary, read_rows
from tests.actors.test_dictionary import COVERED, SHARED_MONARCH

# Days no row of people.csv covers, allowed where the office was vacant or contested: Lebanon's
# presidency (2014-16, 2022-25) and Libya's rival governments before the 2016 Presidential Council.
VACANCIES = {("LBN", "HOS"), ("LBY", "HOS"), ("LBY", "HOG")}
# Further countries often in the news whose heads of state and government are recorded since 2014 (left
# out: those with long vacancies or abolished premierships, such as Sudan, Mali, Chad, Haiti, and
# Switzerland's rotating presidency).
FURTHER = ("OMN KWT BHR TKM TJK UZB SSD SOM PHL MYS NLD BEL SWE NOR FIN DNK GRC HUN ROU CZE SRB KEN COD RWA COL ARG "
           "PER CHL TWN UGA BDI MAR DZA LKA BGD NPL SGP PRT IRL ERI DJI NER BFA CMR AGO MOZ ZWE ECU BOL NIC HND GTM "
           "SLV PAN CRI DOM").split()


@pytest.fixture(scope="module")
def book():
    return load_dictionary()


@pytest.fixture(scope="module")
def holders(book):
    """(country, office) -> [(start, end)] of the hand-kept rows."""
    out: dict[tuple[str, str], list[tuple[date, date]]] = {}
    for _, row in read_rows(ACTORS_DIR / "people.csv"):
        for office in filter(None, row["role"].split(";")):
            span = (as_date(row["start"]) or date.min, as_date(row["end"] or None) or date.max)
            out.setdefault((book.country_of(row["code"]), office), []).append(span)
    return out


def uncovered(spans: list[tuple[date, date]], first: date, last: date) -> list[tuple[date, date]]:
    """Stretches of [first, last) that no (start, end) span covers."""
    gaps, day = [], first
    for start, end in sorted(spans):
        if start > day:
            gaps.append((day, min(start, last)))
        day = max(day, end)
        if day >= last:
            break
    return gaps + ([(day, last)] if day < last else [])


def test_uncovered_finds_the_days_between_terms():
    spans = [(date(2014, 1, 1), date(2015, 1, 1)), (date(2015, 3, 1), date.max)]
    assert uncovered(spans, date(2014, 1, 1), date(2026, 1, 1)) == [(date(2015, 1, 1), date(2015, 3, 1))]


@pytest.mark.parametrize("office", ["HOS", "HOG"])
def test_heads_of_state_and_government_leave_no_long_gap_since_2014(holders, office):
    # An interregnum of up to ten weeks (an acting holder between elections, a caretaker) may go unrecorded.
    long_gaps = {}
    for country in COVERED + FURTHER:
        if (country, office) in VACANCIES or (office == "HOS" and country in SHARED_MONARCH):
            continue
        gaps = [g for g in uncovered(holders.get((country, office), []), date(2014, 1, 1), date(2026, 1, 1))
                if (g[1] - g[0]).days > 70]
        if gaps:
            long_gaps[country] = gaps
    assert not long_gaps


def test_a_career_moves_the_code_with_the_dates(book):
    def codes(name, day):
        return [e.code for e in book.lookup(name, day)]

    assert codes("Andrei Kartapolov", "2017-01-01") == ["RUSMIL"]  # a district commander
    assert codes("Kartapolov", "2020-01-01") == ["RUSGOV"]  # deputy defence minister
    assert codes("Kartapolov", "2023-01-01") == ["RUSLEG"]  # the Duma
    assert codes("Agathon Rwasa", "2005-01-01") == ["BDIREB"]
    assert codes("Agathon Rwasa", "2023-01-01") == ["BDIOPP"]
    assert codes("Michelle Bachelet", "2020-01-01") == ["IGOUNOHRIHCH"]


def test_a_dismissed_minister_leaves_on_the_vote(book):
    assert [e.role for e in book.lookup("Khaled al-Obaidi", "2016-06-01")] == ["DM"]
    assert [e.code for e in book.lookup("Khaled al-Obaidi", "2016-10-01")] == ["IRQELI"]


def test_serving_officers_keep_their_military_code(book):
    assert [e.code for e in book.lookup("Muhoozi Kainerugaba", "2022-05-01")] == ["UGAMIL"]


def test_a_hyphenated_given_name_is_also_found_spaced(book):
    assert [e.code for e in book.lookup("Mohammad Reza Gharaei Ashtiani", "2022-06-01")] == ["IRNMIL"]
    # only people's names: a body's hyphen stays ("Self-Defense Forces" is not "Self Defense Forces")
    assert book.lookup("Self Defense Forces", "2022-06-01") == []
