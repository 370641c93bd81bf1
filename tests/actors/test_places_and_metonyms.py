"""Capitals, places inside organisation names, '<country>-led' forces."""
from __future__ import annotations

import pytest


@pytest.fixture
def find(resolve_codes):
    return lambda text: resolve_codes(text, "2024-01-01")


def test_a_capital_alone_is_the_bare_country_wherever_it_stands(find):
    # CAMEO/PETRARCH convention: the text does not say which part of the state acted.
    codes = find("Beijing and Canberra signed the deal.")
    assert codes.get("Beijing") == "CHN" and codes.get("Canberra") == "AUS", codes
    assert find("Thousands marched in Nairobi on Sunday.").get("Nairobi") == "KEN"


def test_a_capital_before_an_agent_gives_the_agent_its_country(find):
    assert find("Moscow police detained the organisers.").get("Moscow police") == "RUSCOP"


def test_a_city_at_the_head_of_an_organisation_name_gives_its_country(find):
    codes = find("The Madras High Court dismissed the petition.")
    assert any(code == "INDJUD" for code in codes.values()), codes


def test_a_country_led_force_is_that_country_s_military(find):
    codes = find("Vietnamese-led forces retook the village.")
    assert codes.get("Vietnamese-led forces") == "VNMMIL", codes
    assert not any(code.startswith("USA") and code != "USA" for code in find("US-backed forces advanced.").values())
