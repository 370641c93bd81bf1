"""Negation, intent, governors and the code families they map actions into."""
from __future__ import annotations

import pytest

from bilateral.coding import modality
from bilateral.ontology import is_known


@pytest.mark.parametrize(
    ("kind", "code", "expected"),
    [
        ("intent", "042", "036"),  # intent to meet
        ("intent", "072", "0332"),  # intent to give military aid
        ("intent", "190", "1384"),  # hostile intent: a threat of conventional attack
        ("threat", "163", "1312"),  # threaten sanctions
        ("threat", "057", "030"),  # a "threat" to cooperate is an intent
        ("appeal", "0841", "0253"),  # appeal for release
        ("demand", "046", "106"),  # demand talks
        ("refuse", "042", "125"),  # refuse to meet
        ("attempt", "186", "185"),  # attempted assassination
        ("attempt", "190", "190"),
        ("appeal", "190", None),  # no appeal family for an attack: the governor's own code applies
    ],
)
def test_modality_transform_maps_actions_into_code_families(kind, code, expected):
    assert modality.transform(kind, code) == expected


def test_modality_transform_tables_hold_only_real_cameo_codes():
    for table in modality._TABLES.values():
        for key, value in table.items():
            assert is_known(key), key
            assert value is None or is_known(value), value


def test_modality_negation_and_future_on_real_parses(nlp):
    doc = nlp("Turkey did not attack Syria but will attack Iraq.")
    attack, second = [t for t in doc if t.lemma_ == "attack"]
    assert modality.is_negated(attack) and not modality.is_negated(second)
    assert modality.is_future(second) and not modality.is_future(attack)


def test_modality_governor_and_complement_on_real_parses(nlp):
    doc = nlp("Egypt vowed to meet Sudan.")
    vow = doc[1]
    assert modality.governor_class(vow) == "intent"
    assert modality.complement(vow).lemma_ == "meet"
    doc = nlp("Jordan is willing to send aid.")
    assert modality.governor_class(doc[2]) == "intent"
    assert modality.complement(doc[2]).lemma_ == "send"


def test_modality_obligation_is_a_reported_demand(nlp):
    doc = nlp("Britain said Libya must hand over the suspects.")
    assert modality.is_obligation(doc[4])
    assert not modality.is_obligation(nlp("Libya handed over the suspects.")[1])


def test_modality_subjunctive_after_a_singular_subject_is_a_demand(nlp):
    doc = nlp("Norway insisted that Chile release the fishermen.")
    assert modality.is_obligation(next(t for t in doc if t.lemma_ == "release"))
    doc = nlp("Norway said that the Chileans release fishermen every spring.")  # plural: a plain present
    assert not modality.is_obligation(next(t for t in doc if t.lemma_ == "release"))


@pytest.mark.parametrize(("text", "expected"), [
    ("Norway insisted that Chile release the fishermen.", ("NOR", "CHL", "1053")),
    ("Sweden reiterated that Chile must hand over the suspects.", ("SWE", "CHL", "1053")),
    ("Chilean rebels insisted on their demand that Chile release prisoners.", ("CHLREB", "CHL", "1053")),
    ("The Chilean president threatened to institute a curfew in Lima.", ("CHLGOV", "PER", "1323")),
])
def test_modality_demands_and_threats_in_a_sentence(code, text, expected):
    assert expected in code(text)


@pytest.mark.parametrize(("text", "absent", "present"), [
    # The content of an accusation is no event; a confirmed report is one.
    ("Chile rejected accusations by Peru that it sold arms to Bolivia.", ("CHL", "BOL", "070"), None),
    ("Chile confirmed reports that it sold arms to Bolivia.", None, ("CHL", "BOL")),
])
def test_modality_claims_are_not_facts_unless_confirmed(code, text, absent, present):
    found = code(text)
    if absent is not None:
        assert not any((s, t) == absent[:2] for s, t, _ in found)
    if present is not None:
        assert any((s[:3], t[:3]) == present for s, t, _ in found)


def _token(doc, lemma):
    return next(t for t in doc if t.lemma_.lower() == lemma)


def test_modality_have_to_and_need_to_are_obligations_in_the_present_only(nlp):
    doc = nlp("Ghana said Togo has to open the border.")
    assert modality.is_obligation(_token(doc, "have")) and modality.obligation_act(_token(doc, "have")).lemma_ == "open"
    assert modality.is_obligation(_token(nlp("Ghana said Togo needs to open the border."), "need"))
    assert not modality.is_obligation(_token(nlp("Ghana said Togo had to open the border."), "have"))
    assert not modality.is_obligation(_token(nlp("Ghana said Togo has two borders."), "have"))


def test_modality_conditioned_future_and_complaints_on_real_parses(nlp):
    doc = nlp("Ghana will close the border unless Togo pays.")
    assert modality.conditioned(_token(doc, "close")) and not modality.conditioned(_token(doc, "pay"))
    doc = nlp("Ghana complained that Togo closed the border.")
    assert modality.complaint_clause(_token(doc, "complain")).lemma_ == "close"
    assert modality.complaint_clause(_token(nlp("Ghana said that Togo closed the border."), "say")) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana is against the plan.", "oppose"),
    ("Ghana is in favour of the plan.", "favor"),
    ("Ghana is in the plan.", None),
    ("Ghana is a member.", None),
])
def test_modality_stance_verb_of_a_copula(nlp, text, expected):
    assert modality.stance_verb(nlp(text)[1]) == expected


def test_modality_rule_out_and_out_of_the_question(nlp):
    doc = nlp("Ghana ruled out talks.")
    assert modality.rules_out(doc[1]) and modality.governor_class(doc[1]) == "refuse"
    assert not modality.rules_out(nlp("The court ruled on the case.")[2])
    doc = nlp("Ghana said talks were out of the question.")
    assert modality.out_of_question(_token(doc, "be")).lower_ == "talks"
    assert modality.out_of_question(_token(nlp("Ghana said talks were out of reach."), "be")) is None
    assert modality.force_option(nlp("Ghana ruled out military action.")[1])
    assert not modality.force_option(nlp("Ghana ruled out military cooperation.")[1])


@pytest.mark.parametrize("text", [
    "Will Iran strike back at Israel?",  # a question asks, it does not report
    "Israeli strikes on Iran?",  # nor does a nominal one
    "Israel may strike Iran's nuclear sites.",  # a possibility, not an event
    "The EU could impose sanctions on Iran.",
    "The US Senate may consider recognizing Russia as a sponsor of terrorism.",  # nor what it governs
])
def test_modality_questions_and_possibilities_code_no_event(code, text):
    assert code(text) == set()


def test_modality_a_warning_that_y_could_face_sanctions_stays_a_threat(code):
    assert ("USA", "IRN", "130") in code("The United States warned Iran could face sanctions.")
    assert code("Iran struck Israel.") == {("IRN", "ISR", "190")}
