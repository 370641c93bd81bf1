"""Armed groups, opposition and media around Iran, with the dates their codes hold."""
from __future__ import annotations

import pytest

from bilateral.actors.dictionary import load_dictionary


@pytest.fixture(scope="module")
def book():
    return load_dictionary()


def first_code(book, name, day):
    hits = book.lookup(name, day)
    return hits[0].code if hits else None


@pytest.mark.parametrize(("name", "code"), [
    ("Jaish al-Adl", "IRNREB"), ("PJAK", "IRNREB"), ("Mojahedin-e Khalq", "IRNOPP"), ("BLA", "PAKREB"),
    ("Harakat al-Nujaba", "IRQUAF"), ("ISNA", "IRNMED"), ("UNRWA", "IGOUNOREF"),
])
def test_groups_fighting_or_opposing_states_of_the_region(book, name, code):
    assert first_code(book, name, "2024-06-01") == code


def test_the_syrian_rebels_who_took_damascus_are_the_government_after_it(book):
    assert first_code(book, "HTS", "2020-06-01") == "SYRREB"
    assert first_code(book, "Hayat Tahrir al-Sham", "2025-06-01") == "SYRGOV"
