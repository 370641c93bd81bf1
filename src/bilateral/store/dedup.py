"""Collapsing duplicate events after a bulk load, inside the load's transaction.

Two kinds, both counted (the import reports them as duplicates, never drops silently):

* **exact**: rows with the same key (``event_id`` = "<dataset>:<dataset id>"), whether
  repeated inside the file or already in the store. The copy already stored wins; among
  new copies, the first one written.
* **window**: GDELT codes one real event again for every article that reports it. Events
  of one dataset (same ``origin``) with the same source, target and CAMEO code whose
  dates fall in the same window of N days (days since 1970-01-01 divided by N) become
  one event; the survivor's ``num_sources``, ``num_articles`` and ``num_mentions`` add up
  those of the events it absorbed (an event without counts counts as one).

Both work on the rows of the current load, named by their keys in an Arrow table, and
rely on DuckDB giving rows appended in an open transaction row ids above all committed
ones, so "already stored" sorts first. :func:`collapse_window` must get only the keys
whose rows are new (what :func:`drop_exact` returns), so stored events are never merged
into each other again.
"""
from __future__ import annotations

import duckdb
import pyarrow as pa


def drop_exact(con: duckdb.DuckDBPyConnection, table: str, key: str, new_keys: pa.Table) -> tuple[int, pa.Table]:
    """Delete all but the first copy of every key in ``new_keys``.

    Returns:
        The rows deleted, and the keys whose surviving row is new (not stored before).
    """
    if new_keys.num_rows == 0:
        return 0, new_keys
    con.register("_dedup_new_keys", new_keys)
    try:
        low, high = con.execute(f"SELECT min({key}), max({key}) FROM _dedup_new_keys").fetchall()[0]
        # The key range lets DuckDB skip row groups of other files by their min/max.
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _dedup_doubled AS SELECT {key}, count(*) AS copies FROM {table} "
            f"WHERE {key} BETWEEN ? AND ? AND {key} IN (SELECT {key} FROM _dedup_new_keys) "
            f"GROUP BY {key} HAVING count(*) > 1",
            [low, high],
        ).fetchall()
        if not con.execute("SELECT count(*) FROM _dedup_doubled").fetchall()[0][0]:
            return 0, new_keys
        removed = con.execute(
            f"DELETE FROM {table} WHERE rowid IN (SELECT rid FROM (SELECT rowid AS rid, row_number() OVER "
            f"(PARTITION BY {key} ORDER BY rowid) AS copy FROM {table} WHERE {key} BETWEEN ? AND ? "
            f"AND {key} IN (SELECT {key} FROM _dedup_doubled)) WHERE copy > 1)",
            [low, high],
        ).fetchall()[0][0]
        fresh = con.sql(
            f"SELECT DISTINCT {key} FROM _dedup_new_keys WHERE {key} NOT IN ("
            f"  SELECT d.{key} FROM _dedup_doubled d JOIN (SELECT {key}, count(*) AS n FROM _dedup_new_keys "
            f"  GROUP BY {key}) f USING ({key}) WHERE d.copies > f.n)"
        ).to_arrow_table()
        con.execute("DROP TABLE IF EXISTS _dedup_doubled").fetchall()
        return removed, fresh
    finally:
        con.unregister("_dedup_new_keys")


_WINDOW_SQL = """
CREATE OR REPLACE TEMP TABLE _dedup_window AS
WITH new AS (
    SELECT rowid AS rid FROM events
    WHERE event_id BETWEEN $low AND $high AND event_id IN (SELECT event_id FROM _dedup_new_keys)
),
fresh AS (
    SELECT e.rowid AS rid, e.origin, e.source, e.target, e.cameo, e.date,
           floor((e.date - DATE '1970-01-01') / $days)::BIGINT AS win
    FROM events e WHERE e.rowid IN (SELECT rid FROM new)
),
span AS (SELECT min(date) AS first, max(date) AS last FROM fresh),
candidates AS (
    SELECT e.rowid AS rid, e.origin, e.source, e.target, e.cameo,
           floor((e.date - DATE '1970-01-01') / $days)::BIGINT AS win,
           coalesce(e.num_sources, 1) AS sources, coalesce(e.num_articles, 1) AS articles,
           coalesce(e.num_mentions, 1) AS mentions
    FROM events e, span
    WHERE e.date BETWEEN span.first - $days AND span.last + $days
      AND EXISTS (SELECT 1 FROM fresh f WHERE f.origin = e.origin AND f.cameo = e.cameo
                  AND f.source IS NOT DISTINCT FROM e.source AND f.target IS NOT DISTINCT FROM e.target
                  AND f.win = floor((e.date - DATE '1970-01-01') / $days)::BIGINT)
)
SELECT c.rid, c.sources, c.articles, c.mentions, c.rid IN (SELECT rid FROM new) AS is_new,
       min(c.rid) OVER (PARTITION BY c.origin, c.source, c.target, c.cameo, c.win) AS keeper
FROM candidates c
"""


def collapse_window(con: duckdb.DuckDBPyConnection, new_keys: pa.Table, days: int) -> int:
    """Merge new events into one per (origin, source, target, code, N-day window); returns rows removed."""
    if new_keys.num_rows == 0:
        return 0
    if days < 1:
        raise ValueError("the dedup window must be at least one day")
    con.register("_dedup_new_keys", new_keys)
    try:
        low, high = con.execute("SELECT min(event_id), max(event_id) FROM _dedup_new_keys").fetchall()[0]
        con.execute(_WINDOW_SQL, {"low": low, "high": high, "days": days}).fetchall()
        con.execute(
            "UPDATE events SET num_sources = coalesce(events.num_sources, 1) + m.sources, "
            "num_articles = coalesce(events.num_articles, 1) + m.articles, "
            "num_mentions = coalesce(events.num_mentions, 1) + m.mentions "
            "FROM (SELECT keeper, sum(sources) AS sources, sum(articles) AS articles, sum(mentions) AS mentions "
            "      FROM _dedup_window WHERE is_new AND rid <> keeper GROUP BY keeper) AS m "
            "WHERE events.rowid = m.keeper"
        ).fetchall()
        removed = con.execute(
            "DELETE FROM events WHERE rowid IN (SELECT rid FROM _dedup_window WHERE is_new AND rid <> keeper)"
        ).fetchall()[0][0]
        con.execute("DROP TABLE IF EXISTS _dedup_window").fetchall()
        return removed
    finally:
        con.unregister("_dedup_new_keys")
