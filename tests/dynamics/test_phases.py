"""Phases: labels from stated thresholds, known levels recovered, tiling, counts and defining events."""
from __future__ import annotations

import pandas as pd
import pytest

from bilateral.dynamics.phases import LABELS, phase_label, phases
from bilateral.dynamics.synthetic import simulate_dyad


@pytest.mark.parametrize("level, label", [
    (-0.95, "hostile"), (-0.51, "hostile"), (-0.5, "tense"), (-0.2, "tense"), (-0.15, "cool"),
    (0.0, "cool"), (0.149, "cool"), (0.15, "cordial"), (0.49, "cordial"), (0.5, "aligned"), (0.99, "aligned"),
])
def test_phases_label_thresholds(level, label):
    assert phase_label(level) == label


def test_phases_recover_five_known_levels_with_their_labels():
    targets = [-0.75, -0.33, 0.0, 0.33, 0.75]
    events = simulate_dyad("AAA", "BBB", targets, [18] * 5, rates=120, seed=3)
    found = phases(events, "AAA", "BBB")
    assert [p.label for p in found] == list(LABELS)
    assert [p.start[:7] for p in found] == ["2000-01", "2001-07", "2003-01", "2004-07", "2006-01"]
    for phase, target in zip(found, targets):
        assert phase.level == pytest.approx(target, abs=0.08)


def test_phases_tile_the_period_and_count_their_events(three_phase_events):
    found = phases(three_phase_events, "AAA", "BBB")
    assert found[0].start == "2000-01-01" and found[-1].end == "2005-12-31"
    for before, after in zip(found, found[1:]):
        assert pd.Timestamp(after.start) - pd.Timestamp(before.end) == pd.Timedelta(days=1)
    dates = pd.to_datetime(three_phase_events["date"])
    for phase in found:
        inside = three_phase_events[(dates >= phase.start) & (dates <= phase.end)]
        assert phase.events == len(inside)
        assert phase.goldstein_mean == pytest.approx(inside["goldstein"].mean(), abs=1e-3)
        assert phase.periods == 24


def test_phases_defining_events_express_the_phase(three_phase_events):
    hostile = [p for p in phases(three_phase_events, "AAA", "BBB") if p.label == "hostile"][0]
    by_id = three_phase_events.set_index("event_id")
    assert len(hostile.defining_event_ids) == 5
    assert all(by_id.loc[e, "goldstein"] == -10.0 for e in hostile.defining_event_ids)
    assert all(hostile.start <= str(by_id.loc[e, "date"])[:10] <= hostile.end for e in hostile.defining_event_ids)


def test_phases_trend_follows_a_drifting_relationship():
    # one phase drifting from tense to cordial in small steps: the trend is positive
    drift = simulate_dyad("AAA", "BBB", [-0.3, -0.2, -0.1, 0.0, 0.1, 0.2], [4] * 6, rates=15, seed=9)
    found = phases(drift, "AAA", "BBB", beta=50.0)  # a heavy penalty keeps it one phase
    assert len(found) == 1
    assert found[0].trend > 0.1 and found[0].trend_label == "improving"


def test_phases_of_no_events_are_empty(three_phase_events):
    assert phases(three_phase_events, "AAA", "ZZZ") == []
