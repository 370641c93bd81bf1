"""The dyad table: events between two countries per period, direction and quad class."""
from __future__ import annotations

import duckdb
import pandas as pd

FREQUENCIES = ("day", "week", "month", "quarter", "year")
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
PENTA_NAMES = {
    0: "penta_statement",
    1: "penta_verbal_coop",
    2: "penta_material_coop",
    3: "penta_verbal_conflict",
    4: "penta_material_conflict",
}


def check_freq(freq: str) -> str:
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; use one of {', '.join(FREQUENCIES)}")
    return freq


def dyad_events(con: duckdb.DuckDBPyConnection, a: str, b: str, start: str | None = None, end: str | None = None) -> duckdb.DuckDBPyRelation:
    """Events from ``a`` to ``b`` or back (country codes), optionally within [start, end], as a relation.

    Negated events ("Russia did not deliver ...") are kept in the store as evidence but are not
    events of the dyad, as in the rest of the dynamics engine.
    """
    sql = (
        "SELECT *, CASE WHEN source_country = $a THEN $a || '->' || $b ELSE $b || '->' || $a END AS direction "
        "FROM events WHERE ((source_country = $a AND target_country = $b) OR (source_country = $b AND target_country = $a)) "
        "AND date IS NOT NULL AND NOT coalesce(negated, false) AND ($start IS NULL OR date >= CAST($start AS DATE)) AND ($end IS NULL OR date <= CAST($end AS DATE))"
    )
    return con.sql(sql, params={"a": a, "b": b, "start": start, "end": end})


def dyad_table(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str = "month", start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """One row per period and direction: event counts per quad class, mean and summed Goldstein.

    Args:
        con: an open store connection (``Store.con``).
        a, b: ISO alpha-3 country codes, e.g. ``IRN``, ``RUS``.
        freq: day | week | month | quarter | year.
        start, end: optional ISO dates bounding the period.
    Returns:
        A DataFrame with columns period, direction, events, verbal_coop, material_coop,
        verbal_conflict, material_conflict, goldstein_mean, goldstein_sum; sorted by period.
    """
    check_freq(freq)
    a, b = a.upper(), b.upper()
    rel = dyad_events(con, a, b, start, end)
    counts = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {name}" for q, name in QUAD_NAMES.items())
    frame = rel.query(
        "dyad",
        f"SELECT CAST(date_trunc('{freq}', date) AS DATE) AS period, direction, count(*) AS events, {counts}, "
        "round(avg(goldstein), 3) AS goldstein_mean, round(sum(goldstein), 2) AS goldstein_sum "
        "FROM dyad GROUP BY ALL ORDER BY period, direction",
    ).df()
    return frame
