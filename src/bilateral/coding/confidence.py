"""How sure the coder is of one event, from the evidence it used.

A transparent additive score clipped to [0.05, 0.99]: a base, plus pattern specificity (a
verb whose object matched a pattern beats a bare verb default), plus actor certainty
(dictionary phrases beat NER guesses, resolved pronouns and bare agent words), minus
hedges ("reportedly", "may"), reported speech and nominal (verbless) evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

BASE = 0.45
PER_MATCHED_WORD = 0.08  # up to three words count
PROJECT_LAYER = 0.05  # the project's own patterns are reviewed for today's news
ACTOR_WEIGHT = 0.35  # scaled by the weaker actor's certainty
HEDGE_PENALTY = 0.2
SPEECH_PENALTY = 0.05
NOMINAL_PENALTY = 0.1
NO_TARGET_PENALTY = 0.15
MIRROR_PENALTY = 0.02


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an event rests on."""

    specificity: int
    core_layer: bool
    source_certainty: float
    target_certainty: float | None  # None: no target actor
    hedged: bool = False
    reported: bool = False
    nominal: bool = False


def score(evidence: Evidence, inferred: bool = False) -> float:
    """Confidence in [0.05, 0.99] for the evidence (see module docstring for the terms).

    ``inferred``: the mirror of a stated event ("Y hosted X" from "X visited Y"), a little less sure.
    """
    value = BASE + PER_MATCHED_WORD * min(evidence.specificity, 3) - (MIRROR_PENALTY if inferred else 0.0)
    value += PROJECT_LAYER if evidence.core_layer else 0.0
    weakest = min(evidence.source_certainty, evidence.target_certainty if evidence.target_certainty is not None else 1.0)
    value += ACTOR_WEIGHT * weakest - ACTOR_WEIGHT * 0.7  # a 0.7-certain actor is neutral
    value -= HEDGE_PENALTY if evidence.hedged else 0.0
    value -= SPEECH_PENALTY if evidence.reported else 0.0
    value -= NOMINAL_PENALTY if evidence.nominal else 0.0
    value -= NO_TARGET_PENALTY if evidence.target_certainty is None else 0.0
    return round(min(0.99, max(0.05, value)), 3)
