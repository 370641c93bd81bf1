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

from bilateral.dynamics.dyad import QUAD_NAMES
from bilateral.dynamics.index import SMOOTH_WINDOW, coop_index, salience, smoothed_index
from bilateral.dynamics.source import Dyad, Source, as_dyad

BOTH = "both"
PENTA_NAMES = {
    0: "penta_statement",
    1: "penta_verbal_coop",
    2: "penta_material_coop",
    3: "penta_verbal_conflict",
    4: "penta_material_conflict",
}
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
    """Per (period, direction) and per period (direction NULL) totals, in one scan."""
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {n}" for q, n in QUAD_NAMES.items())
    pentas = ", ".join(f"count(*) FILTER (WHERE penta_class = {p}) AS {n}" for p, n in PENTA_NAMES.items())
    body = (
        f"SELECT {dyad.trunc()} AS period, direction, count(*) AS events, {quads}, {pentas}, "
        "avg(goldstein) AS goldstein_mean, sum(goldstein) AS goldstein_sum, "
        "coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0) AS coop_weight, "
        "coalesce(-sum(goldstein) FILTER (WHERE goldstein < 0), 0) AS conflict_weight "
        "FROM dyad GROUP BY GROUPING SETS ((period, direction), (period))"
    )
    frame = dyad.query(body)
    frame["direction"] = frame["direction"].fillna(BOTH)
    frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
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
