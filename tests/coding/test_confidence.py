"""Confidence from the evidence: more specific patterns and surer actors score higher, hedges lower."""
from __future__ import annotations

from bilateral.coding.confidence import Evidence, score


def evidence(**changes) -> Evidence:
    base = dict(specificity=1, core_layer=True, source_certainty=1.0, target_certainty=1.0)
    return Evidence(**{**base, **changes})


def test_confidence_rises_with_pattern_specificity_and_actor_certainty():
    assert score(evidence(specificity=2)) > score(evidence(specificity=0))
    assert score(evidence(target_certainty=1.0)) > score(evidence(target_certainty=0.5))


def test_confidence_falls_with_hedges_speech_nominal_and_missing_target():
    plain = score(evidence())
    for weaker in (evidence(hedged=True), evidence(reported=True), evidence(nominal=True), evidence(target_certainty=None)):
        assert score(weaker) < plain


def test_confidence_stays_inside_the_unit_interval():
    assert 0.0 < score(evidence(specificity=0, core_layer=False, source_certainty=0.0, hedged=True, nominal=True,
                                target_certainty=None)) < score(evidence(specificity=9)) <= 0.99
