"""Speech, modality and stance constructions: reported obligations, conditioned futures, complaints,
copular stances, claimed attacks and ruled-out options (issue 8)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya said Uganda has to withdraw its troops from the border.", ("KEN", "UGA")),
    ("Chile said that Peru needs to release the fishermen.", ("CHL", "PER")),
    ("Norway concluded that Sweden must pay compensation.", ("NOR", "SWE")),
    # a participle parsed as the subject stands for its own subject
    ("The Red Cross working in Mali said French troops must protect the camps.", ("NGO", "FRA")),
])
def test_a_reported_obligation_is_a_demand_on_the_obliged(code, text, expected):
    coded = code(text)
    assert {(s[:3], t[:3], c[:2]) for s, t, c in coded} == {(*expected, "10")}


def test_a_reported_obligation_refines_the_demand_by_the_act(code):
    assert ("CHL", "PER", "1053") in code("Chile said that Peru needs to release the fishermen.")


def test_a_past_obligation_is_what_happened_not_a_demand(code):
    coded = code("Kenya said Ugandan troops had to withdraw from the border.")
    assert not any(c.startswith("10") for _, _, c in coded)


def test_what_the_obliged_must_do_is_not_their_act_even_without_a_known_speaker(code):
    # the speaker is no actor: no demand, and Peru's release is not coded as done
    assert code("The report said that Peru must release the fishermen.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey will strike Syria unless Syria withdraws its forces.", ("TUR", "SYR", "13")),
    ("Kenya said it will expel the Somali diplomats unless Somalia apologises.", ("KEN", "SOM", "13")),
    ("Russia will cut gas supplies to Moldova if Moldova does not pay its debts.", ("RUS", "MDA", "13")),
])
def test_a_future_act_of_force_or_pressure_on_a_condition_is_a_threat(code, text, expected):
    assert {(s[:3], t[:3], c[:2]) for s, t, c in code(text)} == {expected}


def test_an_unconditioned_future_act_stays_the_act(code):
    coded = code("Turkey will strike Syria.")
    assert {c[:2] for _, _, c in coded} == {"19"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana complained that Togo violated the border agreement.", ("GHA", "TGO", "114")),
    ("Norway protested that Russian jets had entered its airspace.", ("NOR", "RUSMIL", "114")),
    ("Chile alleged that Bolivia smuggled weapons across the border.", ("CHL", "BOL", "112")),
])
def test_a_complaint_that_another_party_acted_is_an_accusation_and_the_act_only_alleged(code, text, expected):
    assert code(text) == {expected}


def test_an_official_complaint_to_a_body_is_addressed_to_it(code):
    assert ("GHA", "IGOUNO", "114") in code("Ghana complained to the United Nations that Togo shelled its villages.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Norway is against Sweden's plan.", ("NOR", "SWE", "12")),
    ("Peru is opposed to the Chilean proposal.", ("PER", "CHL", "12")),
    ("Ghana is in favour of Togo's proposal.", ("GHA", "TGO", "05")),
    ("Kenya is in support of Uganda's bid.", ("KEN", "UGA", "05")),
    ("Chile said it is against the Bolivian plan.", ("CHL", "BOL", "12")),
])
def test_a_copular_stance_codes_as_the_verb_it_stands_for(code, text, expected):
    assert {(s, t, c[:2]) for s, t, c in code(text)} == {expected}


def test_a_copula_without_a_stance_codes_nothing(code):
    assert code("Norway is in Sweden's group.") == set()


@pytest.mark.parametrize(("text", "target"), [
    ("The Taliban claimed responsibility for the attack on Pakistani troops.", "PAKMIL"),
    ("Hezbollah claimed responsibility for the bombing in Beirut.", "LBN"),
])
def test_a_claimed_attack_on_a_named_target_is_coded_with_the_attacks_type(events, text, target):
    found = events(text)
    assert {(t, c, p) for _, t, c, p in found} == {(target, "015", "ASSAULT")}


def test_a_claimed_attack_lands_on_the_place_its_relative_clause_names(code):
    assert code("Boko Haram claimed responsibility for the bombing that killed 20 soldiers in Niger.") == {
        ("NGAREB", "NER", "015")}


def test_a_claim_without_a_target_is_still_dropped(code):
    assert code("Hamas claimed responsibility.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana ruled out a ceasefire with Togo.", ("GHA", "TGO", "1246")),
    ("Ghana ruled out releasing the Togolese prisoners.", ("GHA", "TGOCRM", "1243")),
    ("Ghana ruled out talks with Togo.", ("GHA", "TGO", "125")),
    ("Chilean officials said lifting the sanctions on Bolivia is out of the question.", ("CHLGOV", "BOL", "1244")),
    ("Chile said talks with Bolivia were out of the question.", ("CHL", "BOL", "125")),
])
def test_ruling_out_an_act_is_refusing_it(code, text, expected):
    assert code(text) == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana did not rule out military action against Togo.", ("GHA", "TGO", "13")),
    ("Ghana refused to rule out new sanctions on Togo.", ("GHA", "TGO", "13")),
])
def test_force_or_sanctions_kept_open_are_a_threat(code, text, expected):
    assert {(s, t, c[:2]) for s, t, c in code(text)} == {expected}


def test_a_cooperative_act_kept_open_is_neither_refused_nor_coded(code):
    assert code("Ghana did not rule out talks with Togo.") == set()


def test_an_option_declared_out_of_the_question_in_a_to_clause_is_refused(code):
    assert code("Chile said it was out of the question to negotiate with Bolivia.") == {("CHL", "BOL", "125")}


@pytest.mark.parametrize("text", [
    "Eritrea claims to be developing missiles to use against Ethiopia.",
    "Eritrea is building weapons to use against Ethiopia.",
])
def test_arms_built_to_use_against_a_party_are_a_threat_of_force(code, text):
    assert code(text) == {("ERI", "ETH", "138")}


def test_arms_built_without_a_named_enemy_are_no_threat(code):
    assert not any(c.startswith("13") for _, _, c in code("Eritrea is building weapons to defend itself."))


@pytest.mark.parametrize("text", [
    "Norway is against Sweden.",  # no pattern verb: the stance word is the predicate
    "Ghana is in favour of Togo's bid.",
])
def test_the_prescan_keeps_a_copular_stance(coder, text):
    from bilateral.model import Article
    from bilateral.scale.sentences import SentenceCoder

    article = [Article(text=text, date="2024-03-01")]
    rows = [e.as_row() for c in SentenceCoder(coder).code_batch(article) for e in c.events]
    assert rows and rows == [e.as_row() for c in SentenceCoder(coder, prescan=False).code_batch(article) for e in c.events]


def test_a_threatened_curfew_binds_the_place_it_would_be_imposed_in(code):
    assert code("Ethiopia threatened to impose a curfew in Eritrea.") == {("ETH", "ERI", "1323")}
