"""Outlook: interval coverage on a local-level simulation, the back-test's arithmetic, the forecast frame."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bilateral.dynamics.outlook import backtest, fit, fit_forecast, mae, outlook


def local_level(n: int, rng: np.random.Generator, level_sd: float = 0.05, noise_sd: float = 0.15) -> np.ndarray:
    return np.cumsum(rng.normal(0, level_sd, n)) + rng.normal(0, noise_sd, n)


def test_outlook_interval_covers_the_truth_on_a_local_level_simulation():
    rng = np.random.default_rng(0)
    hits, total = 0, 0
    for _ in range(60):
        path = local_level(63, rng)
        fc = fit_forecast(path[:60], horizon=3, level=0.9)
        inside = (fc["lower"].to_numpy() <= path[60:]) & (path[60:] <= fc["upper"].to_numpy())
        hits, total = hits + inside.sum(), total + 3
    assert 0.8 <= hits / total <= 0.98


def test_outlook_naive_backtest_error_on_a_straight_line():
    y = np.arange(40, dtype=float) / 100  # naive error at step j is exactly j/100
    table = backtest(y, horizon=4, min_train=12, max_origins=10)
    assert table["origin"].nunique() == 10 and len(table) == 40
    assert mae(table, "naive") == pytest.approx((1 + 2 + 3 + 4) / 4 / 100)
    assert mae(table, "forecast") == pytest.approx(np.mean(np.abs(table["forecast"] - table["actual"])))


def test_outlook_backtest_refits_on_the_past_only():
    y = local_level(50, np.random.default_rng(5))
    table = backtest(y, horizon=2, min_train=20, max_origins=3)
    origin = int(table["origin"].iloc[0])
    direct = fit_forecast(y[: origin + 1], horizon=2)["mean"].to_numpy()
    assert table[table["origin"] == origin]["forecast"].to_numpy() == pytest.approx(direct, abs=1e-3)


def test_outlook_backtest_skips_missing_actuals():
    y = np.arange(30, dtype=float) / 10
    y[[20, 25]] = np.nan
    table = backtest(y, horizon=3, min_train=15, max_origins=20)
    assert not table["actual"].isna().any()
    assert not ((table["origin"] + table["step"]).isin([20, 25])).any()


def test_outlook_model_beats_naive_on_a_noisy_level():
    y = local_level(80, np.random.default_rng(8), level_sd=0.02, noise_sd=0.3)
    table = backtest(y, horizon=3, min_train=24, max_origins=30)
    assert mae(table, "forecast") < mae(table, "naive")


def test_outlook_of_a_dyad(three_phase_events):
    result = outlook(three_phase_events, "AAA", "BBB", horizon=4)
    assert list(result.forecast["period"].dt.strftime("%Y-%m")) == ["2006-01", "2006-02", "2006-03", "2006-04"]
    fc = result.forecast
    assert ((fc["lower"] <= fc["mean"]) & (fc["mean"] <= fc["upper"])).all()
    assert fc[["lower", "upper"]].abs().max().max() <= 1.0
    assert result.last_period == "2005-12-01" and result.backtest_origins == 24
    assert result.backtest_mae == pytest.approx(mae(result.backtest, "forecast"))
    assert set(result.evidence_event_ids) <= set(three_phase_events["event_id"])
    arima = outlook(three_phase_events, "AAA", "BBB", model="arima", max_origins=6)
    assert arima.model == "arima" and arima.forecast["mean"].between(-1, 1).all()


def test_outlook_needs_some_history_and_a_known_model(three_phase_events):
    short = three_phase_events[pd.to_datetime(three_phase_events["date"]) < "2000-03-01"]
    assert outlook(short, "AAA", "BBB") is None
    with pytest.raises(ValueError):
        fit_forecast(np.zeros(10), 3, model="prophet")


def test_outlook_backtest_with_fixed_params_uses_no_later_observation():
    y = local_level(60, np.random.default_rng(3))
    y[[30, 41]] = np.nan
    params = fit(y).params
    table = backtest(y, horizon=3, min_train=20, max_origins=15, params=params)
    changed = y.copy()
    changed[45:] += 5.0  # a jump after origin 44 must not move the forecasts made at or before it
    moved = backtest(changed, horizon=3, min_train=20, max_origins=15, params=params)
    early = table["origin"] + 1 <= 45  # trained on y[:45] or less
    assert early.sum() >= 6 and (table["origin"] + table["step"] >= 45)[early].any()
    assert table[early]["forecast"].to_numpy() == pytest.approx(moved[early]["forecast"].to_numpy())
    assert table["origin"].nunique() == 15
    assert not (table["origin"] + table["step"]).isin([30, 41]).any()


def test_outlook_backtest_with_fixed_params_is_close_to_refitting():
    y = local_level(150, np.random.default_rng(11))
    refitted = backtest(y, horizon=3, max_origins=10)
    fixed = backtest(y, horizon=3, max_origins=10, params=fit(y).params)
    assert list(fixed["origin"]) == list(refitted["origin"])
    assert fixed["forecast"].to_numpy() == pytest.approx(refitted["forecast"].to_numpy(), abs=0.02)
    assert mae(fixed, "naive") == mae(refitted, "naive")
