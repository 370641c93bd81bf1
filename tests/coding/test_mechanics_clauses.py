"""Clause mechanics: raised subjects, negated governing nouns, partners behind "out of" (issue 8)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "The Kenyan president is scheduled to visit Uganda in May.",
    "The Kenyan president is expected to travel to Uganda next week.",
])
def test_the_subject_of_a_passive_raising_verb_does_the_governed_act(code, text):
    coded = code(text)
    assert ("KENGOV", "UGA", "042") in coded


@pytest.mark.parametrize("text", [
    "Azerbaijan has no plans to attack Armenia, its defence ministry said.",
    "Azerbaijan has no intention to invade Armenia.",
])
def test_a_negated_governing_noun_negates_the_act(code, text):
    assert code(text) == set()


def test_the_same_governing_noun_without_negation_still_codes(code):
    coded = code("Azerbaijan has plans to invade Armenia.")
    assert {(s, t, c[:2]) for s, t, c in coded} == {("AZE", "ARM", "13")}


@pytest.mark.parametrize("text, target", [
    ("The Malian delegation walked out of the talks with the African Union.", "IGOAFR"),
    ("Canada withdrew from its trade agreement with Mexico.", "MEX"),
    ("Ethiopian troops pulled out of Somalia in January.", "SOM"),
])
def test_the_partner_behind_out_of_or_from_is_the_target(code, text, target):
    coded = code(text)
    assert coded and all(t.startswith(target) for _, t, _ in coded)


def test_according_to_names_no_target(code):
    coded = code("Two Nigerian soldiers were killed on Monday, according to Niger's army.")
    assert all(not t.startswith("NER") for _, t, _ in coded)


@pytest.mark.parametrize("text, target", [
    ("Turkey threatened to halt the talks if Greece goes ahead with the drilling.", "GRC"),
    ("Serbia threatened to recall its envoy unless Montenegro drops the law.", "MNE"),
])
def test_a_threat_is_aimed_at_the_party_it_is_conditioned_on(code, text, target):
    coded = code(text)
    assert coded and {t for _, t, _ in coded} == {target}
    assert all(c[:2] == "13" for *_, c in coded)


def test_a_threat_with_its_own_target_keeps_it(code):
    coded = code("Sudan threatened to attack Chad if Egypt sends troops.")
    assert {t for _, t, _ in coded} == {"TCD"}


def test_fire_at_targets_in_a_place_lands_on_that_place(code):
    coded = code("Ethiopian tanks fired shells at targets in Asmara.")
    assert {(s[:3], t) for s, t, _ in coded} == {("ETH", "ERI")}
