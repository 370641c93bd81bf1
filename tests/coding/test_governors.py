"""Governing verbs and nouns, issuers of documents, and events without a named doer (issue 8, item 3)."""
from __future__ import annotations

import pytest


def test_failed_agreement_is_a_rejection_in_both_ontologies(events):
    # the inner pattern's PLOVER type (AGREE for "reach an agreement") must not survive the refusal
    coded = events("Chile and Peru failed to reach an agreement on fishing rights.")
    assert coded and all(cameo.startswith("12") and plover == "REJECT" for _, _, cameo, plover in coded)
    reached = events("Chile and Peru reached an agreement on fishing rights.")
    assert {plover for *_, plover in reached} == {"AGREE"}


def test_agreeing_that_ones_own_countries_should_act_is_agreement_not_appeal(events):
    own = events("The Kenyan and Ugandan ministers agreed that their governments should cooperate on border security.")
    assert own and {plover for *_, plover in own} == {"AGREE"}
    other = events("Kenya agreed that Uganda should withdraw its troops.")
    assert ("KEN", "UGA") in {(s, t) for s, t, _, _ in other}
    assert {plover for *_, plover in other} == {"REQUEST"}


def test_demand_through_an_issued_document_has_the_issuer_as_source(events):
    coded = events("Ethiopian rebels issued a statement demanding that the Ethiopian government release their fighters.")
    assert {(s, t, c[:2], p) for s, t, c, p in coded} == {("ETHREB", "ETHGOV", "10", "REQUEST")}


def test_governing_noun_object_turns_the_clause_into_a_demand(events):
    coded = events("The African Union renewed its demand that Sudan lift the blockade.")
    assert {(s, t, c[:2]) for s, t, c, _ in coded} == {("IGOAFRAFU", "SDN", "10")}
    assert all(s != "SDN" for s, *_ in coded)  # the lifting itself did not happen


def test_someone_elses_call_is_not_the_subjects_demand(events):
    coded = events("Iran rejected the American call for Iraq to halt its oil exports.")
    assert coded and all(c.startswith("12") for _, _, c, _ in coded)


def test_swearing_to_fight_is_a_threat(events):
    coded = events("Militants in Mali have sworn to fight until French forces leave.")
    assert coded and {(c[:2], p) for _, _, c, p in coded} == {("13", "THREATEN")}


@pytest.mark.parametrize("text", [
    "Venezuela issued an ultimatum to Guyana to withdraw its troops from the border.",
    "Greece warned Turkey to stop its drilling.",
])
def test_threat_addressed_to_another_party_stays_a_threat(events, text):
    coded = events(text)
    assert coded and {p for *_, p in coded} == {"THREATEN"}


@pytest.mark.parametrize(("text", "target"), [
    ("Four Syrian soldiers were killed near Aleppo.", "SYRMIL"),
    ("A roadside bomb killed two Malian soldiers and wounded three others.", "MLIMIL"),
])
def test_attack_without_a_named_doer_has_an_unknown_source(events, text, target):
    coded = events(text)
    assert {(s, t, p) for s, t, _, p in coded} == {("---", target, "ASSAULT")}


def test_named_attacker_is_kept_over_the_unknown_one(events):
    coded = events("Ten Afghan civilians were killed by Pakistani troops.")
    assert {(s, t, p) for s, t, _, p in coded} == {("PAKMIL", "AFGCVL", "ASSAULT")}


def test_agentless_arrest_is_an_act_of_the_state_it_happened_in(events):
    coded = events("A Danish journalist was arrested in Iran on Tuesday.")
    assert {(s, t, p) for s, t, _, p in coded} == {("IRN", "DNKMED", "COERCE")}


@pytest.mark.parametrize("text", [
    "Two Nigerian workers were killed in an accident.",
    "A fire killed two Nigerian workers.",
])
def test_accidents_are_no_attack(events, text):
    assert events(text) == set()
