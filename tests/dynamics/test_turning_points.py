"""Turning points: known breaks recovered (exactly when clean), invariances, penalty rule, evidence."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from ruptures.metrics import precision_recall

from bilateral.dynamics import Dyad, turning_points
from bilateral.dynamics.synthetic import simulate_dyad
from bilateral.dynamics.turning_points import bic_penalty, breakpoints, detect, robust_sigma

STEPS = np.repeat([0.5, -0.4, 0.1, 0.7], [30, 25, 40, 20])  # breaks at 30, 55, 95; n = 115


@pytest.mark.parametrize("method", ["pelt", "binseg"])
def test_turning_points_clean_steps_are_found_exactly(method):
    assert breakpoints(STEPS, method=method) == [30, 55, 95, 115]
    weights = np.random.default_rng(0).uniform(1, 20, size=len(STEPS))
    assert breakpoints(STEPS, method=method, weights=weights) == [30, 55, 95, 115]


@pytest.mark.parametrize("seed", range(5))
def test_turning_points_noisy_steps_pelt_and_binseg_agree_within_a_margin(seed):
    noisy = STEPS + np.random.default_rng(seed).normal(0, 0.15, size=len(STEPS))
    truth = [30, 55, 95, 115]
    for method in ("pelt", "binseg"):
        precision, recall = precision_recall(truth, breakpoints(noisy, method=method), margin=2)
        assert (precision, recall) == (1.0, 1.0)


def test_turning_points_invariant_to_scale_and_to_uniform_weights():
    noisy = STEPS + np.random.default_rng(11).normal(0, 0.2, size=len(STEPS))
    base = breakpoints(noisy)
    assert breakpoints(noisy * 37.5) == base
    weights = np.random.default_rng(12).uniform(1, 10, size=len(STEPS))
    assert breakpoints(noisy, weights=weights) == breakpoints(noisy * 0.01, weights=weights * 9.0)


def test_turning_points_scaling_event_counts_leaves_breaks_unchanged():
    events = simulate_dyad("AAA", "BBB", [0.6, -0.6, 0.2], [20, 20, 20], rates=[30, 80, 30], seed=5)
    copies = pd.concat([events.assign(event_id=events["event_id"] + f"-{k}") for k in range(3)], ignore_index=True)
    dates = lambda frame, name: [tp.date for tp in turning_points(frame, "AAA", "BBB", series=(name,), evidence=0)]
    for name in ("coop_index", "volume"):
        assert dates(copies, name) == dates(events, name)


def test_turning_points_seeded_synthetic_recovered_with_ruptures_metrics():
    truth_dates = ["2002-01-01", "2004-01-01"]
    scores = []
    for seed in range(8):
        events = simulate_dyad("AAA", "BBB", [0.6, -0.7, 0.3], [24, 24, 24], rates=[40, 90, 40], seed=seed)
        dyad = Dyad(events, "AAA", "BBB")
        grid = list(dyad.grid())
        det = detect(dyad)
        found = [grid.index(det.periods[b]) for b in det.breaks[:-1]] + [len(grid)]
        truth = [grid.index(pd.Timestamp(d)) for d in truth_dates] + [len(grid)]
        scores.append(precision_recall(truth, found, margin=1))
    precision, recall = np.mean(scores, axis=0)
    assert recall == 1.0 and precision >= 0.9


def test_turning_points_report_direction_levels_and_conflict_evidence(three_phase_events):
    points = [tp for tp in turning_points(three_phase_events, "AAA", "BBB") if tp.series == "coop_index"]
    first, second = points
    assert (first.direction, second.direction) == ("toward_conflict", "toward_cooperation")
    assert first.before_level == pytest.approx(0.6, abs=0.08) and first.after_level == pytest.approx(-0.7, abs=0.08)
    assert first.size == pytest.approx(first.after_level - first.before_level, abs=1e-3)
    window = three_phase_events[(three_phase_events["date"] >= "2001-12-01") & (three_phase_events["date"] <= "2002-01-31")]
    assert [e.goldstein for e in first.evidence][0] == window["goldstein"].min()
    assert all("2001-12-01" <= e.date <= "2002-01-31" for e in first.evidence)
    assert second.evidence[0].goldstein == window["goldstein"].max() or second.evidence[0].goldstein > 0


def test_turning_points_volume_rise_and_fall(three_phase_events):
    volume = [tp for tp in turning_points(three_phase_events, "AAA", "BBB", series=("volume",))]
    assert [(tp.date, tp.direction) for tp in volume] == [("2002-01-01", "rise"), ("2004-01-01", "fall")]
    assert volume[0].before_level == pytest.approx(40, rel=0.1) and volume[0].after_level == pytest.approx(90, rel=0.1)


def test_turning_points_robust_sigma_recovers_the_noise_despite_steps():
    noisy = STEPS + np.random.default_rng(21).normal(0, 0.1, size=len(STEPS))
    assert robust_sigma(noisy) == pytest.approx(0.1, rel=0.2)
    assert bic_penalty(noisy) == pytest.approx(3 * robust_sigma(noisy) ** 2 * np.log(len(noisy)))
    assert bic_penalty(noisy, beta=2) == pytest.approx(2 * robust_sigma(noisy) ** 2 * np.log(len(noisy)))


def test_turning_points_sparse_series_uses_mean_deviation_not_the_floor():
    sparse = np.zeros(60)
    sparse[[10, 30, 45]] = -0.3  # mostly quiet periods: the MAD of differences is 0
    standardised = np.abs(np.diff(sparse)) / np.sqrt(2)
    assert robust_sigma(sparse) == pytest.approx(1.2533 * standardised.mean())
    assert robust_sigma(sparse) > 5 * 0.01 * 0.3  # well above the 1%-of-range floor


def test_turning_points_reject_unknown_method_and_series(three_phase_events):
    with pytest.raises(ValueError):
        breakpoints(STEPS, method="magic")
    with pytest.raises(ValueError):
        turning_points(three_phase_events, "AAA", "BBB", series=("mood",))


def test_turning_points_compiled_pelt_equals_ruptures_pelt_l2():
    import ruptures

    noisy = STEPS + np.random.default_rng(31).normal(0, 0.2, size=len(STEPS))
    pen = bic_penalty(noisy)
    reference = ruptures.Pelt(model="l2", min_size=2, jump=1).fit(noisy.reshape(-1, 1)).predict(pen=pen)
    assert breakpoints(noisy) == reference


def test_turning_points_auto_search_switches_to_binseg_for_long_weighted_series():
    from bilateral.dynamics.turning_points import EXACT_LIMIT, search_for

    assert search_for("auto", EXACT_LIMIT, weighted=True) == "pelt"
    assert search_for("auto", EXACT_LIMIT + 1, weighted=True) == "binseg"
    assert search_for("auto", 10 * EXACT_LIMIT, weighted=False) == "pelt"
    days = np.repeat([0.4, -0.5, 0.3], [2000, 1500, 2500]) + np.random.default_rng(5).normal(0, 0.3, 6000)
    weights = np.random.default_rng(6).uniform(1, 4, 6000)
    found = breakpoints(days, weights=weights)
    assert precision_recall([2000, 3500, 6000], found, margin=10) == (1.0, 1.0)


def test_turning_points_volume_rule_rarely_cuts_poisson_noise_and_finds_a_jump():
    from bilateral.dynamics.turning_points import anscombe

    rng = np.random.default_rng(0)
    false_alarms = sum(len(breakpoints(anscombe(rng.poisson(3, 72)))) > 1 for _ in range(200)) / 200
    assert false_alarms <= 0.08
    jumps = [breakpoints(anscombe(np.r_[rng.poisson(0.5, 50), rng.poisson(4, 22)])) for _ in range(200)]
    assert np.mean([any(abs(b - 50) <= 1 for b in found[:-1]) for found in jumps]) >= 0.9
