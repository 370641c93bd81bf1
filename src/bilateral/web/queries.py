"""The store reads behind the web pages: countries, pairs, a pair's summary and its evidence.

Every value reaches DuckDB as a bound parameter. A pair's events are defined as the
dynamics engine defines them (dated, not negated, either direction), so the evidence
table lists exactly what the analyses count.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from bilateral.dynamics import dyad_table
from bilateral.report.evidence import span_in_sentence
from bilateral.web.validation import QUAD_NAMES, EventFilters

_PAIR_WHERE = (
    "((source_country = $a AND target_country = $b) OR (source_country = $b AND target_country = $a)) "
    "AND date IS NOT NULL AND NOT coalesce(negated, false) "
    "AND ($start IS NULL OR date >= CAST($start AS DATE)) AND ($end IS NULL OR date <= CAST($end AS DATE))"
)
_DIRECTION = "CASE WHEN source_country = $a THEN $a || '->' || $b ELSE $b || '->' || $a END"
# The evidence table's columns: what a reader needs to judge an event and find its source.
ROW_COLUMNS = (
    "event_id, CAST(date AS VARCHAR) AS date, direction, source, target, cameo, quad_class, goldstein, "
    "coalesce(num_sources, num_articles, 1) AS sources, sentence, title, url, origin, confidence"
)
_SORT_SQL = {"sources": "coalesce(num_sources, num_articles, 1)"}
# Countries in events between two different, known states.
_COUNTRY_EVENTS = (
    "SELECT source_country AS code FROM events WHERE {where} UNION ALL "
    "SELECT target_country AS code FROM events WHERE {where}"
)
_INTERSTATE = "source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country AND NOT coalesce(negated, false)"


def countries_present(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Countries in the store with the number of interstate events each takes part in."""
    sql = f"SELECT code, count(*) AS events FROM ({_COUNTRY_EVENTS.format(where=_INTERSTATE)}) GROUP BY code ORDER BY events DESC, code"
    return con.execute(sql).df()


def partners(con: duckdb.DuckDBPyConnection, a: str) -> pd.DataFrame:
    """The countries ``a`` has events with, by number of events (both directions)."""
    sql = (
        "SELECT CASE WHEN source_country = $a THEN target_country ELSE source_country END AS code, count(*) AS events "
        f"FROM events WHERE (source_country = $a OR target_country = $a) AND {_INTERSTATE} "
        "GROUP BY code ORDER BY events DESC, code"
    )
    return con.execute(sql, {"a": a}).df()


def top_pairs(con: duckdb.DuckDBPyConnection, limit: int) -> pd.DataFrame:
    """The pairs with most events (unordered pairs, alphabetical within)."""
    sql = (
        "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, "
        "count(*) AS events, CAST(min(date) AS VARCHAR) AS first, CAST(max(date) AS VARCHAR) AS last "
        f"FROM events WHERE {_INTERSTATE} AND date IS NOT NULL GROUP BY ALL ORDER BY events DESC, a, b LIMIT $limit"
    )
    return con.execute(sql, {"limit": limit}).df()


def summary(con: duckdb.DuckDBPyConnection, a: str, b: str, start: str | None, end: str | None) -> dict:
    """Counts for the pair over the period: events, dates, per direction and quad class, sources (one scan)."""
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in QUAD_NAMES)
    row = con.execute(
        "SELECT count(*) AS events, CAST(min(date) AS VARCHAR) AS first, CAST(max(date) AS VARCHAR) AS last, "
        "round(avg(goldstein), 3) AS goldstein_mean, count(DISTINCT doc_id) AS documents, "
        "count(DISTINCT coalesce(publisher, nullif(split_part(url, '/', 3), ''))) AS outlets, "
        f"count(*) FILTER (WHERE source_country = $a) AS ab, count(*) FILTER (WHERE source_country = $b) AS ba, {quads} "
        f"FROM events WHERE {_PAIR_WHERE}",
        {"a": a, "b": b, "start": start, "end": end},
    ).fetchall()[0]
    events, first, last, goldstein_mean, documents, outlets, ab, ba, *by_quad = row
    return {
        "events": events, "first": first, "last": last, "goldstein_mean": goldstein_mean,
        "documents": documents, "outlets": outlets,
        "by_direction": {f"{a}->{b}": ab, f"{b}->{a}": ba},
        "by_quad": [{"quad_class": q, "name": name, "events": n} for (q, name), n in zip(QUAD_NAMES.items(), by_quad)],
    }


def series(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str, start: str | None, end: str | None) -> pd.DataFrame:
    """Events per period and direction (the dynamics engine's dyad table)."""
    return dyad_table(con, a, b, freq=freq, start=start, end=end)


def _filtered(a: str, b: str, f: EventFilters) -> tuple[str, dict]:
    """SQL selecting the pair's events (with ``direction``) under filters, and its parameters."""
    clauses = [_PAIR_WHERE]
    params: dict = {"a": a, "b": b, "start": f.start, "end": f.end}
    if f.q:
        # strpos, not LIKE: the user's % and _ stay literal characters.
        clauses.append("strpos(lower(coalesce(sentence, '') || ' ' || coalesce(title, '') || ' ' || coalesce(source_text, '') "
                       "|| ' ' || coalesce(target_text, '')), lower($q)) > 0")
        params["q"] = f.q
    if f.codes:
        clauses.append("list_has_any($codes, [cameo, left(cameo, 2), left(cameo, 3)])")
        params["codes"] = list(f.codes)
    if f.quads:
        clauses.append("list_contains($quads, CAST(quad_class AS INTEGER))")
        params["quads"] = list(f.quads)
    if f.direction:
        clauses.append(f"{_DIRECTION} = $direction")
        params["direction"] = f.direction
    sql = f"SELECT *, {_DIRECTION} AS direction FROM events WHERE " + " AND ".join(clauses)
    return sql, params


def evidence_page(con: duckdb.DuckDBPyConnection, a: str, b: str, f: EventFilters,
                  sort: str, order: str, page: int, size: int) -> tuple[int, pd.DataFrame]:
    """The total number of matching events and one page of them, sorted (``sort`` is whitelisted)."""
    sql, params = _filtered(a, b, f)
    total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]
    key = _SORT_SQL.get(sort, sort)
    rows = con.execute(
        f"SELECT {ROW_COLUMNS} FROM ({sql}) ORDER BY {key} {order} NULLS LAST, event_id LIMIT $limit OFFSET $offset",
        {**params, "limit": size, "offset": (page - 1) * size},
    ).df()
    return int(total), rows


# Where each page row's sentence sits in its document, to mark the event span inside it
# (the same placement as the report's evidence section).
_PLACEMENT_SQL = """
WITH page AS (SELECT unnest($ids) AS event_id)
SELECT e.event_id, e.char_start, e.char_end, s.char_start AS sentence_start, s.text AS sentence_text,
       CASE WHEN s.char_start IS NULL THEN d.text END AS doc_text
FROM page JOIN events e USING (event_id)
LEFT JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN sentences s ON s.doc_id = e.doc_id AND e.char_start >= s.char_start AND e.char_start < s.char_end
QUALIFY row_number() OVER (PARTITION BY e.event_id ORDER BY s.char_start DESC NULLS LAST) = 1
"""


def span_marks(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Add ``mark``, the event span as [start, end] in each row's sentence (or None), to page rows."""
    ids = [r["event_id"] for r in rows]
    placed = {r[0]: r[1:] for r in con.execute(_PLACEMENT_SQL, {"ids": ids}).fetchall()} if ids else {}
    for row in rows:
        start, end, sentence_start, sentence_text, doc_text = placed.get(row["event_id"], (None,) * 5)
        row["mark"] = span_in_sentence(row.get("sentence"), start, end, sentence_start, sentence_text, doc_text)


def evidence_reader(con: duckdb.DuckDBPyConnection, a: str, b: str, f: EventFilters, sort: str, order: str,
                    cap: int, batch_size: int = 10_000):
    """All matching events (every store column plus ``direction``) up to ``cap`` rows, as an Arrow stream."""
    sql, params = _filtered(a, b, f)
    key = _SORT_SQL.get(sort, sort)
    rel = con.sql(f"{sql} ORDER BY {key} {order} NULLS LAST, event_id LIMIT $cap", params={**params, "cap": cap})
    return rel.to_arrow_reader(batch_size)


def count_matching(con: duckdb.DuckDBPyConnection, a: str, b: str, f: EventFilters) -> int:
    """How many events match the filters."""
    sql, params = _filtered(a, b, f)
    return int(con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0])
