"""One call for everything the engine knows about a pair: :func:`analyse` -> :class:`DyadAnalysis`.

The report and the web app build on this record; ``to_dict()`` gives the same content as
plain JSON data (dates as ISO text, frames as lists of records, NaN as None).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from bilateral.dynamics.context import ContextActor, context, context_series
from bilateral.dynamics.dimensions import dimension_series, dimension_shares, key_events
from bilateral.dynamics.outlook import Outlook, outlook
from bilateral.dynamics.phases import Phase, phases
from bilateral.dynamics.reciprocity import Reciprocity, reciprocity
from bilateral.dynamics.results import Result
from bilateral.dynamics.series import combined, dyad_series
from bilateral.dynamics.source import Dyad, Source
from bilateral.dynamics.turning_points import TurningPoint, turning_points
from bilateral.dynamics.words_deeds import words_deeds


@dataclass(frozen=True, eq=False)
class DyadAnalysis(Result):
    """Series, turning points, phases, dimensions, reciprocity, words/deeds, context and outlook of a pair."""

    a: str
    b: str
    freq: str
    start: str | None
    end: str | None
    events: int  # dyad events in the period
    series: pd.DataFrame  # see series.SERIES_COLUMNS
    turning_points: list[TurningPoint]
    phases: list[Phase]
    dimensions: pd.DataFrame  # dimension_series
    dimension_shares: pd.DataFrame
    dimension_events: pd.DataFrame  # key events per dimension
    reciprocity: Reciprocity | None
    words_deeds: pd.DataFrame
    context: list[ContextActor]
    context_series: pd.DataFrame
    outlook: Outlook | None
    notes: list[str] = field(default_factory=list)  # caveats: thin data, gaps


def analyse(
    con: Source,
    a: str,
    b: str,
    start: str | None = None,
    end: str | None = None,
    freq: str = "month",
    *,
    horizon: int = 3,
    context_top: int = 10,
    context_series_top: int = 5,
    evidence: int = 5,
) -> DyadAnalysis:
    """Analyse the pair (a, b) over [start, end] at ``freq``; every part cites its events.

    Args:
        con: an open store connection (``Store.con``) or an events DataFrame.
        a, b: ISO alpha-3 country codes. start, end: ISO dates (default: the dyad's span).
        freq: day | week | month | quarter | year.
        horizon: outlook periods. context_top: third countries listed.
        context_series_top: third countries whose series are included. evidence: events
            cited per turning point and phase.
    """
    dyad = Dyad(con, a, b, freq, start, end)
    series = dyad_series(dyad)
    n_events = int(combined(series)["events"].fillna(0).sum()) if len(series) else 0
    if n_events == 0:
        return _empty(dyad, series)
    phase_list = phases(dyad, evidence=evidence)
    actors = context(dyad, top=context_top)
    return DyadAnalysis(
        a=dyad.a, b=dyad.b, freq=dyad.freq, start=dyad.start, end=dyad.end, events=n_events,
        series=series,
        turning_points=turning_points(dyad, evidence=evidence),
        phases=phase_list,
        dimensions=dimension_series(dyad),
        dimension_shares=dimension_shares(dyad, phase_list=phase_list),
        dimension_events=key_events(dyad),
        reciprocity=reciprocity(dyad),
        words_deeds=words_deeds(dyad, phase_list=phase_list),
        context=actors,
        context_series=context_series(dyad, [c.country for c in actors[:context_series_top]]),
        outlook=outlook(dyad, horizon=horizon),
        notes=_notes(dyad, series, n_events),
    )


def _empty(dyad: Dyad, series: pd.DataFrame) -> DyadAnalysis:
    return DyadAnalysis(
        a=dyad.a, b=dyad.b, freq=dyad.freq, start=dyad.start, end=dyad.end, events=0, series=series,
        turning_points=[], phases=[], dimensions=pd.DataFrame(), dimension_shares=pd.DataFrame(),
        dimension_events=pd.DataFrame(), reciprocity=None, words_deeds=pd.DataFrame(), context=[],
        context_series=pd.DataFrame(), outlook=None,
        notes=[f"no events between {dyad.a} and {dyad.b} in the store for this period"],
    )


def _notes(dyad: Dyad, series: pd.DataFrame, n_events: int) -> list[str]:
    """Plain caveats the report should state: thin data and gaps in coverage."""
    both = combined(series)
    notes = []
    gaps = int((~both["covered"]).sum())
    if gaps:
        notes.append(f"periods without coverage of either country: {gaps} of {len(both)} (gaps, not zeros)")
    quiet = int((both["covered"] & (both["events"].fillna(0) == 0)).sum())
    if quiet:
        notes.append(f"covered periods without any event between the two: {quiet} (their index is the neutral 0)")
    per_period = n_events / max(int(both["covered"].sum()), 1)
    if per_period < 5:
        notes.append(f"thin data: {per_period:.1f} events per covered {dyad.freq} on average; levels are uncertain")
    return notes
