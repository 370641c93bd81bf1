"""Who the parties are in constructions the plain subject/object slots miss (issue 8, coder mechanics)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, pair", [
    ("Turkish warplanes struck targets in northern Iraq overnight.", ("TUR", "IRQ")),
    ("Ethiopian jets struck rebel camps inside Somalia on Monday.", ("ETH", "SOM")),
    ("Moscow massed tanks near its border with Georgia.", ("RUS", "GEO")),
    ("Moscow massed tanks close to the border with Georgia.", ("RUS", "GEO")),
])
def test_force_aimed_at_an_area_targets_that_area(code, text, pair):
    coded = code(text)
    assert {(s[:3], t[:3]) for s, t, _ in coded} == {pair}
    assert all(c[:2] in {"15", "18", "19", "20"} for *_, c in coded)


def test_a_meeting_place_is_still_no_party(code):
    # the area rule is for force only: a venue after a diplomatic verb stays out
    coded = code("The Chilean and Peruvian presidents met in Brazil on Friday.")
    assert coded and all("BRA" not in (s, t) for s, t, _ in coded)


def test_conjoined_countries_after_of_are_all_sources(code):
    coded = code("The leaders of Chile and Peru discussed the fishing dispute in Lima.")
    assert {(s[:3], t[:3]) for s, t, _ in coded} == {("CHL", "PER"), ("PER", "CHL")}


def test_agentless_expulsion_from_a_country_is_that_countrys_act(code):
    coded = code("Four Bulgarian diplomats were expelled from Moldova on Tuesday.")
    assert {(s, t[:3]) for s, t, _ in coded} == {("MDA", "BGR")}
    assert all(c[:2] == "16" for *_, c in coded)


def test_expulsion_with_a_named_doer_keeps_the_doer(code):
    coded = code("Four Bulgarian diplomats were expelled by Serbia.")
    assert {(s, t[:3]) for s, t, _ in coded} == {("SRB", "BGR")}


@pytest.mark.parametrize("text, source", [
    ("The Nigerian army said its helicopters had bombed a Boko Haram camp.", "NGA"),
    ("Moscow said its warplanes hit militant positions in Syria.", "RUS"),
])
def test_a_doer_owned_by_a_pronoun_acts_for_the_pronouns_referent(code, text, source):
    coded = code(text)
    assert coded and {s[:3] for s, _, _ in coded} == {source}


def test_an_offer_to_mediate_between_two_parties_names_both(code):
    coded = code("Norway offered to mediate between Colombia and Venezuela.")
    assert {(s, t) for s, t, _ in coded} == {("NOR", "COL"), ("NOR", "VEN")}
    assert all(c[:2] == "03" for *_, c in coded)


def test_what_an_object_is_about_names_the_target(code):
    coded = code("Sweden expressed concern about Hungary's new media law.")
    assert {(s, t) for s, t, _ in coded} == {("SWE", "HUN")}


def test_a_thing_from_a_country_stands_for_that_country(code):
    coded = code("Sudan's army fired at a convoy from Chad.")
    assert {(s[:3], t) for s, t, _ in coded} == {("SDN", "TCD")}


def test_two_countries_talking_about_one_sides_own_agents_act_on_each_other(code):
    coded = code("Chile and Peru held talks on border security in Lima.")
    assert {(s, t) for s, t, _ in coded} == {("CHL", "PER"), ("PER", "CHL")}


def test_the_doer_of_what_an_object_is_into_is_the_target(code):
    coded = code("Croatia launched an investigation into killings committed by Serbian police.")
    assert {(s, t) for s, t, _ in coded} == {("HRV", "SRBCOP")}
