"""CostWeightedL2: equals ruptures' l2 with unit weights and the weighted sum of squares otherwise."""
from __future__ import annotations

import numpy as np
import pytest
from ruptures.costs import CostL2

from bilateral.dynamics.costs import CostWeightedL2
from bilateral.dynamics.turning_points import weighted_means


def test_costs_unit_weights_match_ruptures_l2():
    y = np.random.default_rng(3).normal(size=50)
    ours = CostWeightedL2().fit(np.c_[y, np.ones(50)])
    theirs = CostL2().fit(y.reshape(-1, 1))
    for start, end in [(0, 50), (3, 17), (20, 21), (10, 40)]:
        assert ours.error(start, end) == pytest.approx(theirs.error(start, end), abs=1e-9)


def test_costs_weighted_error_is_the_weighted_residual_sum_of_squares():
    rng = np.random.default_rng(4)
    y, w = rng.normal(size=30), rng.uniform(0.5, 5, size=30)
    cost = CostWeightedL2().fit(np.c_[y, w])
    mean = np.average(y[5:25], weights=w[5:25])
    assert cost.error(5, 25) == pytest.approx(np.sum(w[5:25] * (y[5:25] - mean) ** 2))
    assert weighted_means(y, w, [5, 30]) == pytest.approx([np.average(y[:5], weights=w[:5]), np.average(y[5:], weights=w[5:])])


def test_costs_reject_a_one_column_signal_and_non_positive_weights():
    with pytest.raises(ValueError):
        CostWeightedL2().fit(np.zeros(5))
    with pytest.raises(ValueError):
        CostWeightedL2().fit(np.c_[np.zeros(5), np.zeros(5)])
