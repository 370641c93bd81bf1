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
