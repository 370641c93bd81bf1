"""Headline constructions: dropped passive auxiliaries, topic labels, interceptions, claimed strikes (issue 8)."""
from __future__ import annotations

import pytest


def roots(coded):
    return {(s, t, c[:2]) for s, t, c in coded}


@pytest.mark.parametrize("text, expected", [
    ("Turkish soldier killed in Syrian air strike", ("SYR", "TURMIL", "19")),
    ("Three Iraqi soldiers killed in Turkish drone strike", ("TUR", "IRQMIL", "19")),
])
def test_a_bare_participle_headline_is_a_passive_whose_attack_names_the_doer(code, text, expected):
    assert expected in roots(code(text))


def test_a_victim_is_never_the_doer_of_a_bare_participle(code):
    assert not any(s.startswith("TUR") for s, _, _ in code("Turkish soldier killed in Syrian air strike"))


@pytest.mark.parametrize("text", [
    "Azerbaijani journalist detained in Georgia",
    "Azerbaijani journalist arrested in Georgia",
])
def test_an_arrest_in_a_country_without_auxiliary_is_that_state_s_act(code, text):
    assert ("GEO", "AZEMED", "17") in roots(code(text))


def test_the_same_verb_with_an_object_stays_active(code):
    assert ("PAKCOP", "AFGCVL", "17") in roots(code("Pakistani police arrested three Afghan men"))


@pytest.mark.parametrize("text", [
    "Ukrainian forces shoot down Russian drones over Odesa",
    "Ukraine downs Russian jets near Kharkiv",
])
def test_the_weapons_shot_down_are_the_target_not_the_place(code, text):
    coded = roots(code(text))
    assert any(s.startswith("UKR") and t == "RUSMIL" and c == "19" for s, t, c in coded)
    assert not any(t == "UKR" for _, t, _ in coded)


def test_a_weapon_fired_is_still_no_party(code):
    assert {t for _, t, _ in code("Russia fired Iranian drones at Odesa")} <= {"UKR", ""}


def test_a_party_confirming_a_strike_on_an_actor_carried_it_out(code):
    assert ("USA", "IRQUAF", "19") in roots(code("US confirms strike on militia in Iraq"))


def test_a_topic_label_is_not_a_reported_clause(code):
    coded = roots(code("Gulf crisis live: Saudi Arabia threatens to strike Yemen directly"))
    assert ("SAU", "YEM", "13") in coded and ("SAU", "YEM", "19") not in coded


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_title_case_contraction_is_parsed_as_a_negation(code, apostrophe):
    coded = roots(code(f"Armenia Says It Won{apostrophe}t Sign Treaty With Azerbaijan"))
    assert coded and all(c == "12" for _, _, c in coded)


def test_split_label_keeps_every_word_and_hangs_the_label_on_the_story(nlp, coder):
    from bilateral.coding.headline_case import label_end, split_label

    doc = nlp("Border dispute: Armenia accuses Azerbaijan of shelling")
    colon = label_end(doc[:])
    parsed = split_label(nlp, doc[:], [t.text for t in doc], colon)
    assert colon == 2 and [t.text for t in parsed] == [t.text for t in doc]
    assert parsed[1].dep_ == "dep" and parsed[1].head.dep_ == "ROOT" and parsed[1].head.i > colon


@pytest.mark.parametrize("text", [
    "Hawks in both capitals agree: the deal must not survive",  # a clause before the colon
    "Kataib Hezbollah: militia suspends attacks on US forces",  # a name that the story refers back to
])
def test_no_label_where_the_words_before_the_colon_are_a_clause_or_a_name(nlp, text):
    from bilateral.coding.headline_case import label_end

    assert label_end(nlp(text)[:]) is None


def test_calling_for_a_party_to_act_is_an_appeal_to_it(code):
    coded = roots(code("Erdogan calls for Armenia to show restraint", "2022-05-01"))
    assert ("TURGOV", "ARM", "02") in coded and not any(c == "04" for _, _, c in coded)


def test_a_verbless_headline_puts_both_parties_in_talks(code):
    coded = roots(code("Armenia and Azerbaijan in talks over border demarcation"))
    assert {("ARM", "AZE", "04"), ("AZE", "ARM", "04")} <= coded


def test_a_thing_of_the_doer_s_own_country_is_no_target(code):
    coded = code("Erdogan vows Turkey commitment to Azerbaijan", "2022-05-01")
    assert coded and all(t == "AZE" for _, t, _ in coded)


@pytest.mark.parametrize("text", [
    "Azerbaijan weighs response to Armenian shelling",
    "Turkish cabinet meets to discuss response to Syrian attack",
])
def test_what_is_deliberated_is_a_topic_not_a_party(code, text):
    assert not any(t for _, t, _ in code(text, "2022-05-01"))


def test_a_partner_of_deliberation_is_a_party(code):
    assert ("AZEGOV", "ARMGOV", "04") in roots(code("Aliyev discusses peace treaty with Pashinyan", "2022-05-01"))


def test_the_author_of_a_proposal_weighed_is_its_party(code):
    assert ("ARMGOV", "AZE", "01") in roots(code("Pashinyan is considering an Azerbaijani proposal on the corridor",
                                                  "2022-05-01"))


@pytest.mark.parametrize("text, victims", [
    ("Turkish strikes on Syria kill two soldiers", "SYRMIL"),
    ("Azerbaijan launches strikes into Armenia, killing three people", "ARMCVL"),
])
def test_bare_victims_of_an_aimed_attack_are_the_target_country_s(code, text, victims):
    assert victims in {t for _, t, _ in code(text)}
