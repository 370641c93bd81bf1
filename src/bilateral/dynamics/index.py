r"""The cooperation index: the Goldstein-weighted balance of cooperation over conflict.

Model
    For the events :math:`E_t` of a period :math:`t` (one direction or both), with
    Goldstein (1992) weights :math:`g_e \in [-10, 10]`, let

    .. math::
        C_t = \sum_{e \in E_t,\, g_e > 0} g_e, \qquad
        K_t = \sum_{e \in E_t,\, g_e < 0} |g_e|, \qquad
        I_t = \frac{C_t - K_t}{C_t + K_t} \in [-1, 1].

    :math:`I_t = 1` when every weighted event cooperates, :math:`-1` when every one is
    conflict; neutral statements (:math:`g_e = 0`) do not count. :math:`I_t` is undefined
    (NaN) when :math:`C_t + K_t = 0`: no coverage at all, or no weighted dyad event.

Robustness to news volume
    :math:`I_t` is a ratio of weighted counts, so multiplying every count by :math:`k`
    (a busier news period, a second feed) leaves it unchanged. Volume itself is reported
    separately and normalised by each side's coverage in the same period: the *salience*
    :math:`s_t = n_t / N_t`, where :math:`n_t` counts the dyad's events and :math:`N_t`
    every event involving either side with anyone (for a direction A->B, those involving A).

Smoothing
    A trailing window of :math:`w` periods, pooled rather than averaged:

    .. math::
        \tilde I_t = \frac{\sum_{s=t-w+1}^{t} (C_s - K_s)}{\sum_{s=t-w+1}^{t} (C_s + K_s)},

    i.e. a moving average of :math:`I_s` weighted by each period's Goldstein mass
    :math:`C_s + K_s`, so a period with one event moves it less than one with a hundred.
    Gaps (no coverage) contribute nothing; a window without weighted events is NaN. The
    window is trailing so that the smoothed value at :math:`t` uses no later information.
    Default :math:`w`: 7 days, 4 weeks, 3 months, 2 quarters, 1 year (no smoothing).

Reference
    Goldstein, J. S. (1992). A conflict-cooperation scale for WEIS events data.
    Journal of Conflict Resolution 36(2), 369-385.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

SMOOTH_WINDOW = {"day": 7, "week": 4, "month": 3, "quarter": 2, "year": 1}


def coop_index(coop_weight: np.ndarray | pd.Series | float, conflict_weight: np.ndarray | pd.Series | float) -> np.ndarray | float:
    """:math:`(C - K) / (C + K)` elementwise; NaN where :math:`C + K = 0` or either is missing.

    Args:
        coop_weight: summed positive Goldstein weights C (>= 0).
        conflict_weight: summed absolute negative Goldstein weights K (>= 0).
    """
    c = np.asarray(coop_weight, dtype=float)
    k = np.asarray(conflict_weight, dtype=float)
    total = c + k
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(total > 0, (c - k) / np.where(total > 0, total, 1.0), np.nan)
    return float(value) if value.ndim == 0 else value


def index_of_goldstein(goldstein: np.ndarray | pd.Series | list[float]) -> float:
    """The index of one set of events, from their Goldstein weights (NaNs ignored)."""
    g = np.asarray(goldstein, dtype=float)
    g = g[~np.isnan(g)]
    return coop_index(g[g > 0].sum(), -g[g < 0].sum())


def smoothed_index(coop_weight: pd.Series, conflict_weight: pd.Series, window: int) -> pd.Series:
    """The trailing pooled index :math:`\\tilde I_t` over ``window`` periods (see module docstring).

    Args:
        coop_weight, conflict_weight: per-period C and K on a full period grid, NaN in gaps.
        window: number of periods, >= 1.
    """
    if window < 1:
        raise ValueError(f"smoothing window must be at least 1 period, got {window}")
    c = coop_weight.astype(float).rolling(window, min_periods=1).sum()
    k = conflict_weight.astype(float).rolling(window, min_periods=1).sum()
    return pd.Series(coop_index(c.to_numpy(), k.to_numpy()), index=coop_weight.index, name="coop_index_smooth")


def salience(events: pd.Series, coverage: pd.Series) -> pd.Series:
    """Share of a side's coverage that is about the dyad: events / coverage, NaN without coverage."""
    cov = coverage.astype(float)
    return (events.astype(float) / cov.where(cov > 0)).rename("salience")
