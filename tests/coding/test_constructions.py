"""Clause constructions of the coder: copular and passive intent, aspect verbs, mutual relations (issue 8)."""
from __future__ import annotations

import pytest


def test_reported_copular_intent_is_kept_with_its_speaker_as_source(events):
    # "is ready to": the copula is the reported clause's predicate, so the intent survives without a target too
    coded = events("The Chilean president said he is ready to ease the fishing restrictions.")
    assert coded and {(s, p) for s, _, _, p in coded} == {("CHLGOV", "AGREE")}


def test_passive_form_intent_without_agent_has_its_subject_as_source(events):
    coded = events("Officials said Kenya is committed to reopening its border crossings.")
    assert coded and {(s, p) for s, _, _, p in coded} == {("KEN", "AGREE")}


def test_resuming_an_act_is_the_act_and_not_coded_twice(events):
    resumed = events("Armenian troops resumed shelling Azerbaijani positions.")
    assert {(s, t, c[:2]) for s, t, c, _ in resumed} == {("ARMMIL", "AZE", "19")}
    intended = events("The Armenian army prepared to resume shelling Azerbaijani villages.")
    assert intended and {(c[:2], p) for *_, c, p in intended} == {("13", "THREATEN")}


def test_a_continued_protest_with_an_aim_is_still_the_protest(events):
    coded = events("Bolivian miners continued their strike to demand higher wages from the government.")
    assert all(not c.startswith("10") for _, _, c, _ in coded)


@pytest.mark.parametrize("text", [
    "Bolivia and Chile renewed diplomatic ties after a long break.",
    "Peru and Ecuador postponed their talks.",
])
def test_compound_subject_acting_on_its_mutual_relation_gives_both_directions(events, text):
    coded = {(s, t) for s, t, *_ in events(text)}
    assert len(coded) == 2 and {(t, s) for s, t in coded} == coded


def test_relation_with_a_named_third_party_is_not_mutual(events):
    coded = {(s, t) for s, t, *_ in events("Bolivia and Chile renewed their ties with Peru.")}
    assert coded == {("BOL", "PER"), ("CHL", "PER")}


def test_country_named_as_a_haven_is_the_party_asked(events):
    coded = events("Hundreds of Afghan families sought asylum in Germany.")
    assert {(t, p) for _, t, _, p in coded} == {("DEU", "REQUEST")}


def test_a_weapon_named_explosion_has_an_unknown_attacker_and_a_gas_explosion_none(events):
    attack = events("A landmine explosion killed three Somali soldiers near the border.")
    assert {(s, t, p) for s, t, _, p in attack} == {("---", "SOMMIL", "ASSAULT")}
    assert events("A gas explosion killed three Somali workers.") == set()


def test_order_to_an_unnamed_person_is_kept_as_a_demand_of_its_source(events):
    coded = events("A Peruvian court has ordered Mr Quispe to appear for questioning, lawyers said.")
    assert {(s, t, p) for s, t, _, p in coded} == {("PERJUD", "", "REQUEST")}


def test_pattern_written_for_the_verb_beats_its_synonym_blocks(book):
    # "talks" under "demand": the demand's own pattern (106), not the appeal the synonym block shares (026)
    assert book.match_verb("demand", set(), {"talks", "new"}).code == "106"
    assert book.match_verb("urge", set(), {"talks", "new"}).code.startswith("02")


@pytest.fixture(scope="module")
def book():
    from bilateral.coding.patterns import pattern_book

    return pattern_book()


def test_drills_held_by_two_countries_forces_are_military_cooperation(events):
    together = events("Indian and French warships began five days of naval drills in the Arabian Sea.")
    assert {(s, t, c, p) for s, t, c, p in together} == {("INDMIL", "FRAMIL", "062", "COOPERATE"),
                                                        ("FRAMIL", "INDMIL", "062", "COOPERATE")}
    alone = events("Indian warships began naval drills in the Arabian Sea.")
    assert alone and all(c.startswith("15") for _, _, c, _ in alone)


@pytest.mark.parametrize(("text", "plover"), [
    ("The Malawian president has reneged on his pledge to the Malawian people.", "REJECT"),
    ("Armenian soldiers violated the ban on border crossings by Azerbaijan.", "REJECT"),
])
def test_going_back_on_a_commitment_or_breaking_a_ban_is_a_rejection(events, text, plover):
    coded = events(text)
    assert coded and {p for *_, p in coded} == {plover}


def test_coming_back_for_talks_is_a_negotiation_not_a_return_of_property(events):
    coded = events("Serbian and Kosovar negotiators returned to Brussels for talks on Tuesday.")
    assert coded and {(c, p) for *_, c, p in coded} == {("046", "CONSULT")}


def test_warning_about_a_party_without_an_addressee_targets_that_party(events):
    assert {(s, t) for s, t, *_ in events("Greece warned about Turkey on Monday.")} == {("GRC", "TUR")}
    assert {(s, t) for s, t, *_ in events("Russia warned Japan about China.")} == {("RUS", "JPN")}


def test_the_author_of_a_welcomed_document_is_the_target(events):
    assert {(s, t) for s, t, *_ in events("Chile welcomed the proposals sent by Peru.")} == {("CHL", "PER")}


def test_partner_named_by_the_verb_beats_the_place_after_the_object(events):
    coded = {(s, t) for s, t, *_ in events("Kenya discussed a trade pact in Beijing with officials of Japan.")}
    assert coded == {("KEN", "JPNGOV")}
    struck = {(s, t) for s, t, *_ in events("Israel struck weapons depots in Syria.")}
    assert struck == {("ISR", "SYR")}


def test_a_weapon_fired_is_no_target(events):
    coded = events("North Korea fired a ballistic missile into the sea on Sunday.")
    assert coded and all(t == "" for _, t, *_ in coded)


@pytest.mark.parametrize(("text", "dyad"), [
    ("Protesters in Caracas demonstrated against the government.", ("VENOPP", "VENGOV")),
    ("Bolivian students protested against the police on Monday.", ("BOLEDU", "BOLCOP")),
    ("Bolivian students protested against the Chilean government.", ("BOLEDU", "CHLGOV")),
])
def test_society_acting_on_a_bare_state_agent_acts_on_its_own_state(events, text, dyad):
    assert {(s, t) for s, t, *_ in events(text)} == {dyad}


def test_attacking_government_forces_is_force_not_criticism(events):
    coded = events("Yemeni rebels attacked government forces near Marib.")
    assert {(s, t, p) for s, t, _, p in coded} == {("YEMREB", "YEMMIL", "ASSAULT")}


def test_two_countries_signing_in_a_capital_are_each_others_party(events):
    coded = {(s, t) for s, t, *_ in events("Ethiopia and Eritrea signed a peace agreement in Nairobi.")}
    assert coded == {("ETH", "ERI"), ("ERI", "ETH")}


def test_mediating_between_two_parties_targets_both(events):
    coded = events("Oman is mediating between Iran and Saudi Arabia.")
    assert {(s, t, c) for s, t, c, _ in coded} == {("OMN", "IRN", "045"), ("OMN", "SAU", "045")}


def test_a_nations_people_protesting_target_their_own_government(events):
    coded = events("Thousands of Georgians rallied in Tbilisi to demand the prime minister's resignation.")
    assert coded and {(s, t[:3]) for s, t, *_ in coded} == {("GEO", "GEO")}


@pytest.mark.parametrize(("text", "dyads"), [
    ("Armenia, Georgia sign strategic partnership treaty", {("ARM", "GEO"), ("GEO", "ARM")}),
    ("Peru, Chile agree to reopen embassies", {("PER", "CHL"), ("CHL", "PER")}),
    ("Turkey, Egypt vow to boost trade", {("TUR", "EGY"), ("EGY", "TUR")}),
    ("Chilean president to visit Peru next week", {("CHLGOV", "PER"), ("PER", "CHLGOV")}),
])
def test_headline_compounds_and_infinitive_futures(events, text, dyads):
    assert {(s, t) for s, t, *_ in events(text)} == dyads


def test_a_refusal_to_talk_is_not_talks(events):
    coded = events("Chile regretted Peru's refusal to talk to Bolivia.")
    assert all(c[:2] != "04" for _, _, c, _ in coded)


def test_handing_over_captives_is_a_release(events):
    coded = events("Iran hands over captured sailors to Britain")
    assert {(s, t, c[:3]) for s, t, c, _ in coded} == {("IRN", "GBR", "084")}


def test_a_states_army_and_its_rebels_agreeing_to_a_truce_act_on_each_other(events):
    coded = events("Sudan's army and the Rapid Support Forces agreed to a 72-hour ceasefire.")
    dyads = {(s, t) for s, t, *_ in coded}
    assert len(dyads) == 2 and {(t, s) for s, t in dyads} == dyads and all(s[:3] == "SDN" for s, _ in dyads)


def test_one_governments_officials_are_not_each_others_party(events):
    coded = events("Iran's president and its foreign minister renewed their commitment to the talks.")
    assert all(s[:3] != t[:3] for s, t, *_ in coded if t)


def test_a_venue_several_parties_travel_to_for_talks_is_no_party(events):
    together = events("Indian and Chinese negotiators returned to Geneva this week for talks on the border.")
    assert {(s, t) for s, t, *_ in together} == {("INDGOV", "CHNGOV"), ("CHNGOV", "INDGOV")}
    visit = events("The Iranian foreign minister travelled to Baghdad for talks.")
    assert ("IRNGOV", "IRQ") in {(s, t) for s, t, *_ in visit}


@pytest.mark.parametrize(("text", "code", "plover"), [
    ("Egypt urged Ethiopia not to fill the dam without an agreement.", "020", "REQUEST"),
    ("The United Nations urged Israel not to attack Rafah.", "0256", "REQUEST"),
])
def test_asking_others_not_to_act_is_still_an_appeal(events, text, code, plover):
    assert {(c, p) for *_, c, p in events(text)} == {(code, plover)}


def test_a_refused_future_act_takes_the_refusals_plover_type(events):
    coded = events("Iran said Tehran would not negotiate with Washington under pressure.")
    assert coded and {(c[:2], p) for *_, c, p in coded} == {("12", "REJECT")}


def test_not_urging_is_no_appeal(events):
    assert events("Iran did not urge Iraq to expel US troops.") == set()


def test_a_reported_demand_takes_the_demands_plover_type(events):
    # "resign" alone is RETREAT; "X said Y must resign" is X's demand on Y
    coded = events("The opposition said the Georgian president must resign.")
    assert coded and {(c[:2], p) for *_, c, p in coded} == {("10", "REQUEST")}


def test_allies_pledging_to_fight_a_third_thing_do_not_fight_each_other(events):
    coded = events("Kenya and Somalia signed a security pact and pledged to fight terrorism.")
    assert coded and all(p != "THREATEN" and p != "ASSAULT" for *_, p in coded)
    fire = events("India and Pakistan exchanged fire along the border.")
    assert {(s, t) for s, t, *_ in fire} == {("IND", "PAK"), ("PAK", "IND")}


def test_revoking_an_agreement_reduces_relations(events):
    coded = events("Mali's junta revoked its defence agreements with France.")
    assert {(t, c) for _, t, c, _ in coded} == {("FRA", "160")}


def test_protesters_without_a_country_take_the_place_they_protest_in(events):
    assert {(s, p) for s, _, _, p in events("Protesters demonstrated in Nairobi against the new tax.")} == {
        ("KENOPP", "PROTEST")}
    assert events("Protesters demonstrated against the new tax.") == set()  # no country named: no event


def test_passing_between_islands_is_no_act_on_their_country(events):
    assert all(t != "JPN" for _, t, *_ in events("Chinese warships pass between Japan's southern islands"))
