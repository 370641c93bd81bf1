"""Office holders of less-covered countries, names that continue into another, groups and entities."""
from __future__ import annotations

import pytest

from bilateral.actors.dictionary import load_dictionary


@pytest.mark.parametrize(("name", "when", "code", "role"), [
    ("Macky Sall", "2020-06-01", "SENGOV", "HOS"),
    ("Macky Sall", "2025-06-01", "SENELI", ""),
    ("Ukhnaagiin Khurelsukh", "2019-06-01", "MNGGOV", "HOG"),
    ("Khurelsukh", "2022-06-01", "MNGGOV", "HOS"),
    ("Laurent Gbagbo", "2012-01-01", "CIVELI", ""),  # the hand row ends the term Phoenix leaves open
])
def test_terms_of_heads_of_state_and_government(name, when, code, role):
    entries = load_dictionary().lookup(name, when)
    assert [(e.code, e.role) for e in entries] == [(code, role)]


@pytest.fixture
def find(resolve_codes):
    return lambda text: resolve_codes(text, "2005-01-01")


def test_a_longer_name_is_another_person(find):
    assert "Bush" not in find("Jeb Bush spoke in Miami.")
    assert find("President George Bush spoke in Miami.").get("George Bush") == "USAGOV"
    assert find("Mr Bush spoke in Miami.").get("Bush") == "USAGOV"


@pytest.mark.parametrize(("phrase", "code"), [
    ("Congolese", "COD"), ("Congo", "COD"), ("Republic of Congo", "COG"),  # newswire usage
    ("Gulf Cartel", "MEXCRM"), ("FDLR", "RWAREB"), ("Republika Srpska", "BIH"), ("Arakan Army", "MMRREB"),
])
def test_country_names_groups_and_entities(phrase, code):
    assert [e.code for e in load_dictionary().lookup(phrase, "2024-01-01")] == [code]
