r"""The cooperation index: the Goldstein-weighted balance of cooperation over conflict.

Model
    For the events :math:`E_t` of a period :math:`t` (one direction or both), with
    Goldstein (1992) weights :math:`g_e \in [-10, 10]`, let

    .. math::
        C_t = \sum_{e \in E_t,\, g_e > 0} g_e, \qquad
        K_t = \sum_{e \in E_t,\, g_e < 0} |g_e|, \qquad
        I_t = \frac{C_t - K_t}{C_t + K_t + \kappa} \in (-1, 1).

    :math:`\kappa` (``PRIOR_MASS``, default 10: the weight of one most extreme event) is a
    prior of neutrality. :math:`(I_t + 1)/2` is the posterior mean share of cooperation
    in the period's Goldstein mass under a symmetric Beta prior worth :math:`\kappa`
    units, so a month with one mild event is pulled toward 0 while a month with a
    hundred keeps its balance; with :math:`\kappa = 0` it is the raw balance
    :math:`(C - K)/(C + K)`. Neutral statements (:math:`g_e = 0`) do not count.
    A covered period without dyad events has :math:`I_t = 0` (the two sides are in the
    news, not with each other); a gap (no event of either side with anyone) is NaN.

Robustness to news volume
    :math:`I_t` is a ratio of weighted counts from the same period, so multiplying every
    count by :math:`k` (a busier news period, a second feed) leaves it unchanged once
    :math:`C_t + K_t \gg \kappa`; the prior only matters where evidence is thin. It is
    deliberately not divided by the sides' total coverage: a war multiplies both sides'
    coverage along with their conflict and would be diluted. Volume is reported
    separately, as counts and as *salience* :math:`s_t = n_t / N_t`: the dyad's events
    :math:`n_t` per event :math:`N_t` involving either side with anyone (for a direction
    A->B, those involving A), which is the coverage-normalised measure.

Smoothing
    A trailing window of :math:`w` periods, pooled rather than averaged:

    .. math::
        \tilde I_t = \frac{\sum_{s=t-w+1}^{t} (C_s - K_s)}{\sum_{s=t-w+1}^{t} (C_s + K_s) + \kappa},

    i.e. a moving average of the raw balances weighted by each period's Goldstein mass
    :math:`C_s + K_s`, so a period with one event moves it less than one with a hundred.
    Gaps contribute nothing; a window made only of gaps is NaN. The window is trailing,
    so the smoothed value at :math:`t` uses no later information. Default :math:`w`:
    7 days, 4 weeks, 3 months, 2 quarters, 1 year (no smoothing).

Reference
    Goldstein, J. S. (1992). A conflict-cooperation scale for WEIS events data.
    Journal of Conflict Resolution 36(2), 369-385.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

PRIOR_MASS = 10.0
SMOOTH_WINDOW = {"day": 7, "week": 4, "month": 3, "quarter": 2, "year": 1}


def coop_index(coop_weight, conflict_weight, prior: float = PRIOR_MASS):
    """:math:`(C - K) / (C + K + \\kappa)` elementwise; NaN where C or K is missing.

    Args:
        coop_weight: summed positive Goldstein weights C (>= 0); scalar or array-like.
        conflict_weight: summed absolute negative Goldstein weights K (>= 0).
        prior: the neutral prior mass :math:`\\kappa` (0 for the raw balance, then
            NaN where C + K = 0).
    Returns:
        A float for scalar input, else a numpy array.
    """
    c = np.asarray(coop_weight, dtype=float)
    k = np.asarray(conflict_weight, dtype=float)
    total = c + k + prior
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(total > 0, (c - k) / np.where(total > 0, total, 1.0), np.nan)
    value = np.where(np.isnan(c) | np.isnan(k), np.nan, value)
    return float(value) if value.ndim == 0 else value


def index_of_goldstein(goldstein, prior: float = PRIOR_MASS) -> float:
    """The index of one set of events, from their Goldstein weights (NaNs ignored)."""
    g = np.asarray(goldstein, dtype=float)
    g = g[~np.isnan(g)]
    return coop_index(g[g > 0].sum(), -g[g < 0].sum(), prior)


def smoothed_index(coop_weight: pd.Series, conflict_weight: pd.Series, window: int, prior: float = PRIOR_MASS) -> pd.Series:
    """The trailing pooled index :math:`\\tilde I_t` over ``window`` periods (module docstring).

    Args:
        coop_weight, conflict_weight: per-period C and K on a full period grid, NaN in gaps.
        window: number of periods, >= 1. prior: :math:`\\kappa`.
    """
    if window < 1:
        raise ValueError(f"smoothing window must be at least 1 period, got {window}")
    c = coop_weight.astype(float).rolling(window, min_periods=1).sum()  # NaN only if all are gaps
    k = conflict_weight.astype(float).rolling(window, min_periods=1).sum()
    return pd.Series(coop_index(c.to_numpy(), k.to_numpy(), prior), index=coop_weight.index, name="coop_index_smooth")


def salience(events: pd.Series, coverage: pd.Series) -> pd.Series:
    """Share of a side's coverage that is about the dyad: events / coverage, NaN without coverage."""
    cov = coverage.astype(float)
    return (events.astype(float) / cov.where(cov > 0)).rename("salience")
