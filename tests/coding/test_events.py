"""From candidates to events: pairs, mirror events and the event record."""
from __future__ import annotations

from bilateral.actors.resolve import ActorMention
from bilateral.coding.clauses import Candidate
from bilateral.coding.events import pairs
from bilateral.coding.patterns import PatternMatch


def actor(code: str, country: str | None) -> ActorMention:
    return ActorMention(0, 1, 0, 1, code, code, country, None)


def candidate(sources, targets, reciprocal=False) -> Candidate:
    return Candidate(predicate=None, code="057", match=PatternMatch("057", 1, reciprocal=reciprocal),
                     sources=sources, targets=targets)


def test_events_pairs_cross_sources_with_targets():
    found = pairs(candidate([actor("IRN", "IRN"), actor("RUS", "RUS")], [actor("CHN", "CHN")]))
    assert [(s.code, t.code) for s, t in found] == [("IRN", "CHN"), ("RUS", "CHN")]


def test_events_reciprocal_compound_subject_gives_both_directions():
    found = pairs(candidate([actor("IRN", "IRN"), actor("RUS", "RUS")], [], reciprocal=True))
    assert sorted((s.code, t.code) for s, t in found) == [("IRN", "RUS"), ("RUS", "IRN")]
    assert pairs(candidate([actor("IRN", "IRN"), actor("RUS", "RUS")], [])) == []


def test_events_need_a_country_on_one_side_and_two_different_actors():
    assert pairs(candidate([actor("---COP", None)], [actor("---OPP", None)])) == []
    assert pairs(candidate([actor("IRN", "IRN")], [actor("IRN", "IRN")])) == []
    assert len(pairs(candidate([actor("---COP", None)], [actor("IRNOPP", "IRN")]))) == 1


def test_events_single_keeps_state_sources_without_target():
    found = pairs(candidate([actor("IRN", "IRN"), actor("---MIL", None)], []), single=True)
    assert [(s.code, t) for s, t in found] == [("IRN", None)]


def test_events_visit_has_a_mirror_hosting_event(coder):
    events = coder.code_sentence("The Turkish president visited Iran.", "2024-01-02")
    assert sorted((e.source, e.target, e.cameo) for e in events) == [("IRN", "TURGOV", "043"), ("TURGOV", "IRN", "042")]


def test_events_stated_act_is_surer_than_its_mirror(coder):
    # a document's main event is the stated one: the visit, not the hosting inferred from it
    events = {e.cameo: e.confidence for e in coder.code_sentence("The Indian prime minister visited Japan.", "2024-01-02")}
    assert set(events) == {"042", "043"}
    assert events["042"] > events["043"]
