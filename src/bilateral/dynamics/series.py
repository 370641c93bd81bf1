"""Dyad series: per period and direction, counts per class, Goldstein totals and the cooperation index.

One row per period of the grid and per direction (``A->B``, ``B->A`` and ``both``).
A period in which neither country appears in any event, with anyone, is a *gap*: its
``covered`` is False and its counts and index are missing (<NA>, NaN), not zero, because
silence in the sources says nothing about the relationship. A covered period without
dyad events has zero counts and a neutral index of 0. The index formula and smoothing are in
:mod:`bilateral.dynamics.index`.
"""
from __future__ import annotations

import pandas as pd

from bilateral.dynamics.dyad import PENTA_NAMES, QUAD_NAMES
from bilateral.dynamics.index import SMOOTH_WINDOW, coop_index, salience, smoothed_index
from bilateral.dynamics.source import Dyad, Source, as_dyad

BOTH = "both"
COUNT_COLUMNS = ["events", *QUAD_NAMES.values(), *PENTA_NAMES.values()]
SERIES_COLUMNS = [
    "period", "direction", "covered", "coverage", *COUNT_COLUMNS,
    "goldstein_mean", "goldstein_sum", "coop_weight", "conflict_weight",
    "coop_index", "coop_index_smooth", "salience",
]


def dyad_series(
    source: Source | Dyad,
    a: str | None = None,
    b: str | None = None,
    freq: str = "month",
    start: str | None = None,
    end: str | None = None,
    window: int | None = None,
) -> pd.DataFrame:
    """Directed and combined series of a country pair on a full period grid.

    Args:
        source: a store connection, an events DataFrame, or a :class:`Dyad` (then a, b,
            freq, start and end come from it).
        a, b: ISO alpha-3 codes. freq: day | week | month | quarter | year.
        start, end: ISO dates (inclusive); default the dyad's first and last event.
        window: smoothing window in periods; default ``index.SMOOTH_WINDOW[freq]``.
    Returns:
        Columns ``SERIES_COLUMNS``: period (first day), direction (``A->B``, ``B->A``,
        ``both``), covered, coverage (events of the side(s) with anyone), counts per quad
        and penta class (nullable ints, <NA> in gaps), goldstein_mean/sum, coop_weight C,
        conflict_weight K, coop_index, coop_index_smooth, salience. Sorted by
        direction then period.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    win = window or SMOOTH_WINDOW[dyad.freq]
    return dyad.cached(f"series:{win}", lambda: _build(dyad, win))


def combined(series: pd.DataFrame) -> pd.DataFrame:
    """The ``both`` rows of a series frame, indexed by period."""
    return series[series["direction"] == BOTH].set_index("period")


def directed(series: pd.DataFrame, direction: str) -> pd.DataFrame:
    """The rows of one direction (e.g. ``IRN->RUS``), indexed by period."""
    return series[series["direction"] == direction].set_index("period")


def _aggregate(dyad: Dyad) -> pd.DataFrame:
    """Per (period, direction) totals, ``both`` included, from the dyad's one-scan totals."""
    totals = dyad.totals()
    sums = ["events", *QUAD_NAMES.values(), *PENTA_NAMES.values(), "goldstein_n", "goldstein_sum", "coop_weight", "conflict_weight"]
    pairs = totals[totals["kind"] != "other"].groupby(["period", "kind"], as_index=False)[sums].sum()
    pairs["direction"] = pairs["kind"].map({"ab": dyad.ab, "ba": dyad.ba})
    both = pairs.groupby("period", as_index=False)[sums].sum().assign(direction=BOTH)
    frame = pd.concat([pairs.drop(columns="kind"), both], ignore_index=True)
    frame["goldstein_mean"] = frame["goldstein_sum"] / frame["goldstein_n"].where(frame["goldstein_n"] > 0)
    return frame


def _build(dyad: Dyad, window: int) -> pd.DataFrame:
    totals = _aggregate(dyad)
    coverage = dyad.coverage()
    side_coverage = {dyad.ab: coverage["coverage_a"], dyad.ba: coverage["coverage_b"], BOTH: coverage["coverage"]}
    parts = [_direction_rows(totals, name, cov, coverage["coverage"] > 0, window) for name, cov in side_coverage.items()]
    return pd.concat(parts, ignore_index=True)[SERIES_COLUMNS]


def _direction_rows(totals: pd.DataFrame, direction: str, side_cov: pd.Series, covered: pd.Series, window: int) -> pd.DataFrame:
    """One direction on the full grid: zeros where covered without events, <NA> in gaps."""
    rows = totals[totals["direction"] == direction].set_index("period").drop(columns="direction")
    rows = rows.reindex(side_cov.index)
    for column in COUNT_COLUMNS:
        rows[column] = rows[column].fillna(0).astype("Int64").where(covered, pd.NA)
    for column in ("goldstein_sum", "coop_weight", "conflict_weight"):
        rows[column] = rows[column].astype(float).fillna(0.0).where(covered)
    rows["goldstein_mean"] = rows["goldstein_mean"].astype(float)
    rows["coop_index"] = coop_index(rows["coop_weight"], rows["conflict_weight"])
    rows["coop_index_smooth"] = smoothed_index(rows["coop_weight"], rows["conflict_weight"], window)
    events = pd.Series(rows["events"].to_numpy(dtype=float, na_value=float("nan")), index=rows.index)
    rows["salience"] = salience(events, side_cov)
    rows["covered"] = covered.to_numpy()
    rows["coverage"] = side_cov.astype("Int64").where(covered, pd.NA)
    rows["direction"] = direction
    return rows.reset_index()
