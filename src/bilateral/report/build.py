"""Assemble the report dict for a country pair from the store and the dynamics engine.

The report dict is the one thing every output renders (Datasette's rule: one dict, many
renderers): HTML, Markdown, JSON here, and the web app's pages. Its shape::

    {"meta": {...}, "sections": [{"id", "title", "blocks": [...]}, ...], "evidence": [...]}

A block is a paragraph or note ``{"kind", "text", "cites"}``, a heading ``{"kind", "text"}``,
a list ``{"kind", "items": [{"text", "cites"}]}``, a chart ``{"kind", "id", "title",
"caption", "spec"}`` (Vega-Lite, data inline) or a table ``{"kind", "id", "title",
"columns": [{"key", "label", "kind"}], "rows": [...]}``. Every ``[n]`` in a text and every
number in a ``cites`` cell is the ``n`` of one row of ``evidence``.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources

import duckdb

from bilateral.report import analysis as analysis_mod
from bilateral.report.citations import Citations
from bilateral.report.evidence import evidence_rows
from bilateral.report.prose import fmt_date

METHOD_NOTE = (
    "Method: events are coded from news text (or imported from event datasets) into CAMEO codes with Goldstein "
    "weights. The cooperation index of a period is (C - K) / (C + K), C and K the summed positive and negative "
    "weights of the pair's events, so it does not grow with news volume. Phases and turning points come from a "
    "change-point search on that index; the outlook is a statistical forecast, not a prediction of policy. "
    "Counts are of coded events, not of real-world acts: coverage varies over time and between outlets."
)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country code -> short name, from the shipped actor dictionary (empty if it is missing)."""
    try:
        text = resources.files("bilateral").joinpath("data/actors/countries.csv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["code"]: row["name"] for row in rows}


def country_name(code: str) -> str:
    """The short name of a country code, or the code itself when unknown."""
    return country_names().get(code, code)


@dataclass
class ReportContext:
    """What every section builder needs: the store, the pair, the analysis and the citation numbers."""

    con: duckdb.DuckDBPyConnection
    a: str
    b: str
    freq: str
    start: str | None
    end: str | None
    analysis: dict
    cites: Citations = field(default_factory=Citations)

    @property
    def name_a(self) -> str:
        return country_name(self.a)

    @property
    def name_b(self) -> str:
        return country_name(self.b)

    @property
    def ab(self) -> str:
        return f"{self.a}->{self.b}"

    @property
    def ba(self) -> str:
        return f"{self.b}->{self.a}"

    def side_name(self, direction: str) -> str:
        """``Iran toward Russia`` for ``IRN->RUS``."""
        src, _, tgt = direction.partition("->")
        return f"{country_name(src)} toward {country_name(tgt)}"

    def cite(self, event_ids: list[str] | None, limit: int | None = 3) -> list[int]:
        return self.cites.cite(event_ids or [], limit)

    def when(self, iso: str | None) -> str:
        """A date at the report's frequency (``March 2022`` by month)."""
        return fmt_date(iso, self.freq)


def build_report(con: duckdb.DuckDBPyConnection, a: str, b: str, start: str | None = None, end: str | None = None,
                 freq: str = "month") -> dict:
    """The report dict for the pair ``a``-``b`` (see the module docstring for its shape).

    Args:
        con: an open store connection (``Store.con``), read only.
        a, b: ISO alpha-3 country codes.
        start, end: ISO dates bounding the period; default the pair's first and last event.
        freq: day | week | month | quarter | year.
    Returns:
        A JSON-serialisable dict.
    """
    from bilateral.report import sections  # the section builders import this module

    a, b = a.strip().upper(), b.strip().upper()
    ctx = ReportContext(con, a, b, freq, start, end, analysis_mod.analyse_pair(con, a, b, start, end, freq))
    built = [builder(ctx) for builder in sections.SECTIONS]
    return {"meta": meta(ctx), "sections": built, "evidence": evidence_rows(con, ctx.cites.event_ids)}


def _version() -> str:
    try:
        return metadata.version("bilateral")
    except metadata.PackageNotFoundError:
        return "unknown"


def meta(ctx: ReportContext) -> dict:
    """Title, period, counts and provenance of the report."""
    facts = ctx.analysis["facts"]
    first, last = facts["start"], facts["end"]
    return {
        "title": f"{ctx.name_a} and {ctx.name_b}: the relationship" + (f", {first[:4]}\u2013{last[:4]}" if first and last else ""),
        "a": ctx.a, "b": ctx.b, "name_a": ctx.name_a, "name_b": ctx.name_b,
        "start": first, "end": last, "freq": ctx.freq,
        "period_text": f"{fmt_date(first)} to {fmt_date(last)}" if first else "no events",
        "events": facts["events"], "events_ab": facts["events_ab"], "events_ba": facts["events_ba"],
        "documents": facts["documents"],
        "generated": dt.date.today().isoformat(),
        "version": _version(),
        "method_note": METHOD_NOTE,
    }
