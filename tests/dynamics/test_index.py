"""The cooperation index: formula on hand-built events, the neutral prior, gaps, smoothing, salience."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bilateral.dynamics.index import PRIOR_MASS, coop_index, index_of_goldstein, smoothed_index
from bilateral.dynamics.series import combined, directed, dyad_series
from tests.dynamics.conftest import make_events


def test_index_formula_on_a_hand_built_month():
    # 061 +6.4, 042 +1.9, 190 -10, 010 statement 0 (does not count)
    frame = make_events([("2021-03-02", "AAA", "BBB", "061"), ("2021-03-05", "BBB", "AAA", "042"),
                         ("2021-03-09", "AAA", "BBB", "190"), ("2021-03-20", "BBB", "AAA", "010")])
    row = combined(dyad_series(frame, "AAA", "BBB")).iloc[0]
    c, k = 6.4 + 1.9, 10.0
    assert row["coop_weight"] == pytest.approx(c) and row["conflict_weight"] == pytest.approx(k)
    assert row["coop_index"] == pytest.approx((c - k) / (c + k + PRIOR_MASS))
    assert index_of_goldstein([6.4, 1.9, -10.0, 0.0], prior=0) == pytest.approx((c - k) / (c + k))


def test_index_directed_rows_use_only_their_direction():
    frame = make_events([("2021-03-02", "AAA", "BBB", "061"), ("2021-03-09", "BBB", "AAA", "190")])
    series = dyad_series(frame, "AAA", "BBB")
    assert directed(series, "AAA->BBB")["coop_index"].iloc[0] == pytest.approx(6.4 / (6.4 + PRIOR_MASS))
    assert directed(series, "BBB->AAA")["coop_index"].iloc[0] == pytest.approx(-10 / (10 + PRIOR_MASS))


def test_index_is_zero_when_covered_without_dyad_events_and_missing_in_gaps():
    frame = make_events([
        ("2021-01-10", "AAA", "BBB", "057"),
        ("2021-02-10", "AAA", "CCC", "042"),  # Feb: AAA in the news, not with BBB
        ("2021-04-10", "BBB", "AAA", "111"),  # March: nobody -> gap
    ])
    both = combined(dyad_series(frame, "AAA", "BBB"))
    assert list(both["covered"]) == [True, True, False, True]
    assert both.loc["2021-02-01", "coop_index"] == 0.0 and both.loc["2021-02-01", "events"] == 0
    assert np.isnan(both.loc["2021-03-01", "coop_index"]) and both.loc["2021-03-01", "events"] is pd.NA


def test_index_raw_balance_is_invariant_to_scaling_counts():
    weights = np.array([6.4, 1.9, -10.0, -2.0, 3.4])
    raw = index_of_goldstein(weights, prior=0)
    assert index_of_goldstein(np.tile(weights, 7), prior=0) == pytest.approx(raw)
    # with the prior, more of the same evidence moves the index toward the raw balance
    shrunk = [abs(index_of_goldstein(np.tile(weights, k)) - raw) for k in (1, 4, 16)]
    assert shrunk[0] > shrunk[1] > shrunk[2]


def test_index_scalar_and_missing_inputs():
    assert coop_index(0.0, 0.0) == 0.0
    assert np.isnan(coop_index(0.0, 0.0, prior=0))
    assert np.isnan(coop_index(np.nan, 1.0))
    assert coop_index(5.0, 0.0, prior=0) == 1.0


def test_index_smoothing_pools_the_trailing_window():
    c = pd.Series([10.0, 0.0, np.nan, 4.0])
    k = pd.Series([0.0, 30.0, np.nan, 0.0])
    smooth = smoothed_index(c, k, window=2)
    assert smooth[1] == pytest.approx((10 - 30) / (40 + PRIOR_MASS))
    assert smooth[2] == pytest.approx((0 - 30) / (30 + PRIOR_MASS))  # the gap adds nothing
    assert smooth[3] == pytest.approx(4 / (4 + PRIOR_MASS))
    with pytest.raises(ValueError):
        smoothed_index(c, k, window=0)


def test_index_salience_divides_by_each_sides_coverage():
    frame = make_events([
        ("2021-05-01", "AAA", "BBB", "057"),
        ("2021-05-02", "AAA", "CCC", "042"),
        ("2021-05-03", "DDD", "AAA", "042"),
        ("2021-05-04", "BBB", "EEE", "042"),
    ])
    series = dyad_series(frame, "AAA", "BBB")
    assert directed(series, "AAA->BBB")["salience"].iloc[0] == pytest.approx(1 / 3)  # AAA: 3 events
    assert directed(series, "BBB->AAA")["salience"].iloc[0] == pytest.approx(0 / 2)  # BBB: 2 events
    assert combined(series)["salience"].iloc[0] == pytest.approx(1 / 4)
