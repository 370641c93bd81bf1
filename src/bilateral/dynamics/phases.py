r"""Phases: the dyad's history cut at the turning points of its cooperation index, labelled.

Model
    The combined index :math:`I_t` is segmented by :func:`.turning_points.detect`
    (PELT, weighted l2 cost, modified-BIC penalty; see that module). Each segment becomes a phase
    running from the first day of its first period to the day before the next phase.

Level and label
    A phase's level is the weighted mean of :math:`I_t` over its covered periods, with the
    weights of the change-point model (each period's Goldstein mass plus the prior):
    the segment level that model estimates. Its label follows fixed thresholds:

    ==========  ============================
    hostile     :math:`I < -0.5`
    tense       :math:`-0.5 \le I < -0.15`
    cool        :math:`-0.15 \le I < 0.15`
    cordial     :math:`0.15 \le I < 0.5`
    aligned     :math:`I \ge 0.5`
    ==========  ============================

    :math:`\pm 0.5` means the weighted cooperation is three times the conflict (or the
    reverse); :math:`\pm 0.15` means the two are within 15% of their total of each other.

Trend
    The weighted least-squares slope of :math:`I_t` on time in years within the phase (0
    with fewer than three periods). ``trend_label`` is improving or worsening when the
    fitted change over the phase exceeds a typical period's noise
    (:math:`\hat\sigma/\sqrt{\mathrm{median}\,w}`), otherwise steady.

Defining events
    The events of the phase that most express its sign: the highest Goldstein weights
    for a phase at or above 0, the lowest below 0; ties by number of sources.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bilateral.dynamics.results import EventRef, Result, event_refs
from bilateral.dynamics.series import combined, dyad_series
from bilateral.dynamics.source import Dyad, Source, as_dyad
from bilateral.dynamics.turning_points import BETA, Detection, detect

# (upper bound, label): the first bound above the level names the phase.
PHASE_SCALE: tuple[tuple[float, str], ...] = ((-0.5, "hostile"), (-0.15, "tense"), (0.15, "cool"), (0.5, "cordial"), (np.inf, "aligned"))
LABELS = tuple(label for _, label in PHASE_SCALE)


@dataclass(frozen=True, eq=False)
class Phase(Result):
    """A stretch of the relationship at one level, with what defined it."""

    start: str
    end: str
    label: str
    level: float  # weighted mean period index
    trend: float  # index change per year
    events: int
    defining_event_ids: list[str]
    trend_label: str = "steady"
    periods: int = 0  # periods in the phase (gaps included)
    goldstein_mean: float | None = None
    evidence: list[EventRef] = field(default_factory=list)


def phase_label(level: float, scale: tuple[tuple[float, str], ...] = PHASE_SCALE) -> str:
    """The label for an index level under a threshold scale (see module docstring)."""
    for upper, label in scale:
        if level < upper:
            return label
    return scale[-1][1]


def phases(
    source: Source | Dyad,
    a: str | None = None,
    b: str | None = None,
    freq: str = "month",
    start: str | None = None,
    end: str | None = None,
    *,
    method: str = "auto",
    beta: float = BETA,
    min_size: int = 2,
    evidence: int = 5,
    scale: tuple[tuple[float, str], ...] = PHASE_SCALE,
) -> list[Phase]:
    """The labelled phases of a pair, oldest first.

    Args:
        source, a, b, freq, start, end: as for :func:`~.series.dyad_series`.
        method, beta, min_size: the change-point search (see :mod:`.turning_points`).
        evidence: defining events cited per phase. scale: label thresholds.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    det = detect(dyad, "coop_index", method, beta, min_size)
    if len(det.values) == 0:
        return []
    spans = _spans(dyad, det)
    both = combined(dyad_series(dyad))
    drafts = [_draft(dyad, det, both, span, scale) for span in spans]
    return _with_evidence(dyad, drafts, evidence)


def _spans(dyad: Dyad, det: Detection) -> list[tuple[int, int, pd.Timestamp, pd.Timestamp]]:
    """(first point, end point, start day, end day) of each segment; phases tile the period."""
    starts = [0, *det.breaks[:-1]]
    days = [det.periods[s] for s in starts]
    last_day = dyad.period_end(det.periods[-1])
    ends = [d - pd.Timedelta(days=1) for d in days[1:]] + [last_day]
    return [(s, e, d, end) for s, e, d, end in zip(starts, det.breaks, days, ends)]


def _draft(dyad: Dyad, det: Detection, both: pd.DataFrame, span: tuple, scale: tuple) -> dict:
    first, stop, day0, day1 = span
    values, weights = det.values[first:stop], det.weights[first:stop]
    level = float(np.average(values, weights=weights))
    years = _years(det.periods[first:stop])
    # polyfit weights multiply residuals, so sqrt(w) gives weighted least squares
    slope = float(np.polyfit(years, values, 1, w=np.sqrt(weights))[0]) if len(values) >= 3 else 0.0
    change = slope * (years[-1] - years[0]) if len(years) > 1 else 0.0
    noise = det.sigma / np.sqrt(np.median(weights))
    inside = both.loc[day0:day1]
    weighted = inside["goldstein_sum"].sum()
    n_events = int(inside["events"].fillna(0).sum())
    return {
        "start": day0.date().isoformat(),
        "end": day1.date().isoformat(),
        "label": phase_label(level, scale),
        "level": round(level, 4),
        "trend": round(slope, 4),
        "trend_label": "steady" if abs(change) <= noise else ("improving" if change > 0 else "worsening"),
        "events": n_events,
        "periods": len(inside),
        "goldstein_mean": round(float(weighted) / n_events, 3) if n_events else None,
    }


def _years(periods: pd.DatetimeIndex) -> np.ndarray:
    """Periods as years since the first (exact calendar time, gaps respected)."""
    return np.asarray((periods - periods[0]).days, dtype=float) / 365.25


def _with_evidence(dyad: Dyad, drafts: list[dict], k: int) -> list[Phase]:
    windows = pd.DataFrame({
        "id": range(len(drafts)),
        "lo": [d["start"] for d in drafts],
        "hi": [d["end"] for d in drafts],
        "sign": [1.0 if d["level"] >= 0 else -1.0 for d in drafts],
    })
    top = dyad.top_events(windows, k)
    result = []
    for i, draft in enumerate(drafts):
        refs = event_refs(top[top["window_id"] == i])
        result.append(Phase(**draft, defining_event_ids=[r.event_id for r in refs], evidence=refs))
    return result
