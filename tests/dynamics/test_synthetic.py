"""The synthetic generator: the expected index of each segment is the level asked for."""
from __future__ import annotations

import numpy as np
import pytest

from bilateral.dynamics.index import coop_index
from bilateral.dynamics.synthetic import coop_probability, simulate_dyad


@pytest.mark.parametrize("level", [-0.8, -0.3, 0.0, 0.4, 0.9])
def test_synthetic_pooled_index_matches_the_level(level):
    events = simulate_dyad("AAA", "BBB", [level], [50], rates=400, seed=1)
    g = events["goldstein"].to_numpy()
    assert coop_index(g[g > 0].sum(), -g[g < 0].sum(), prior=0) == pytest.approx(level, abs=0.03)


def test_synthetic_is_seeded_and_follows_rates():
    one = simulate_dyad("AAA", "BBB", [0.2, -0.2], [12, 12], rates=[10, 50], seed=4)
    two = simulate_dyad("AAA", "BBB", [0.2, -0.2], [12, 12], rates=[10, 50], seed=4)
    assert one.equals(two)
    months = one["date"].astype("datetime64[ns]").dt.to_period("M")
    per_month = one.groupby(months).size()
    assert per_month.iloc[:12].mean() == pytest.approx(10, rel=0.3) and per_month.iloc[12:].mean() == pytest.approx(50, rel=0.15)
    assert set(one["source_country"]) == {"AAA", "BBB"} and one["event_id"].is_unique


def test_synthetic_probability_bounds():
    assert coop_probability(1.0) == pytest.approx(1.0) and coop_probability(-1.0) == pytest.approx(0.0)
    assert 0 < coop_probability(0.0) < 1 and np.isfinite(coop_probability(0.5))
