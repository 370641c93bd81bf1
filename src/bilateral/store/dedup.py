"""Collapsing duplicate events after a bulk load, inside the load's transaction.

Imported events live in ``dataset_events`` (the ``events`` view shows them with the coded ones).

Two kinds, both counted (the import reports them as duplicates, never drops silently):

* **exact**: rows with the same key (``event_id`` = "<dataset>:<dataset id>"), whether
  repeated inside the file or already in the store. The copy already stored wins; among
  new copies, the first one written.
* **window**: GDELT codes one real event again for every article that reports it. Events
  of one dataset (same ``origin``) with the same source, target and CAMEO code whose
  dates fall in the same window of N days (days since 1970-01-01 divided by N) become
  one event; the survivor's ``num_sources``, ``num_articles`` and ``num_mentions`` add up
  those of the events it absorbed (an event without counts counts as one).

An absorbed event's id is kept in ``event_merges`` (with the id it was merged into), so
importing the same file again counts it as a duplicate instead of adding its sources
twice.

The rows of the current load are those with a row id above ``after``, the largest row id
before the load (:func:`last_rowid`): DuckDB appends rows, inside an open transaction
too, with row ids above every row already stored, so "already stored" also sorts first.
"""
from __future__ import annotations

import duckdb

EVENTS_TABLE = "dataset_events"  # where imports write events (the `events` view reads it)

def last_rowid(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """The largest row id in ``table`` (-1 when empty); rows loaded next have larger ones."""
    value = con.execute(f"SELECT max(rowid) FROM {table}").fetchall()[0][0]
    return -1 if value is None else value


MERGES_SCHEMA = """
CREATE TABLE IF NOT EXISTS event_merges (
    event_id    VARCHAR NOT NULL,  -- an event merged away by window dedup
    merged_into VARCHAR NOT NULL,  -- the event that carries its counts
    merged_at   TIMESTAMP DEFAULT current_timestamp
)
"""


def _has_merges(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'event_merges' AND NOT temporary").fetchall()
    return bool(found[0][0]) and bool(con.execute("SELECT count(*) FROM (SELECT 1 FROM event_merges LIMIT 1)").fetchall()[0][0])


def drop_exact(con: duckdb.DuckDBPyConnection, table: str, key: str, after: int) -> int:
    """Delete every new row (row id > ``after``) whose key is already stored or repeats an earlier new row.

    An event merged away earlier by window dedup counts as stored.
    Returns:
        The number of rows deleted.
    """
    merged = 0
    if table == EVENTS_TABLE and _has_merges(con):
        merged = con.execute(
            f"DELETE FROM {EVENTS_TABLE} WHERE rowid > ? AND event_id IN (SELECT event_id FROM event_merges)", [after]
        ).fetchall()[0][0]
    return merged + _drop_repeated(con, table, key, after)


def _drop_repeated(con: duckdb.DuckDBPyConnection, table: str, key: str, after: int) -> int:
    loaded, distinct = con.execute(
        f"SELECT count(*), count(DISTINCT hash({key})) FROM {table} WHERE rowid > ?", [after]
    ).fetchall()[0]
    if loaded == 0:
        return 0
    # Distinct hashes prove distinct keys (a collision only sends the load down the exact path).
    unique = distinct == loaded
    if unique and after < 0:
        return 0  # the table was empty before this load: nothing stored to repeat
    low, high = con.execute(f"SELECT min({key}), max({key}) FROM {table} WHERE rowid > ?", [after]).fetchall()[0]
    # Old rows in the new keys' range: the range lets DuckDB skip other row groups by their min/max.
    if unique and not _stored_in_range(con, table, key, after, low, high):
        return 0
    return con.execute(
        f"DELETE FROM {table} WHERE rowid IN (SELECT rid FROM (SELECT rowid AS rid, row_number() OVER "
        f"(PARTITION BY {key} ORDER BY rowid) AS copy FROM {table} WHERE {key} BETWEEN ? AND ? "
        f"AND {key} IN (SELECT {key} FROM {table} WHERE rowid > ?)) WHERE copy > 1)",
        [low, high, after],
    ).fetchall()[0][0]


def _stored_in_range(con: duckdb.DuckDBPyConnection, table: str, key: str, after: int, low, high) -> bool:
    return bool(con.execute(
        f"SELECT count(*) FROM {table} WHERE rowid <= ? AND {key} BETWEEN ? AND ?", [after, low, high]
    ).fetchall()[0][0])


_WINDOW_SQL = """
CREATE OR REPLACE TEMP TABLE _dedup_window AS
WITH fresh AS (
    SELECT rowid AS rid, origin, source, target, cameo, date,
           floor((date - DATE '1970-01-01') / $days)::BIGINT AS win
    FROM dataset_events WHERE rowid > $after
),
span AS (SELECT min(date) AS first, max(date) AS last FROM fresh),
candidates AS (
    SELECT e.rowid AS rid, e.origin, e.source, e.target, e.cameo,
           floor((e.date - DATE '1970-01-01') / $days)::BIGINT AS win,
           coalesce(e.num_sources, 1) AS sources, coalesce(e.num_articles, 1) AS articles,
           coalesce(e.num_mentions, 1) AS mentions
    FROM dataset_events e, span
    WHERE e.date BETWEEN span.first - $days AND span.last + $days
      AND EXISTS (SELECT 1 FROM fresh f WHERE f.origin = e.origin AND f.cameo = e.cameo
                  AND f.source IS NOT DISTINCT FROM e.source AND f.target IS NOT DISTINCT FROM e.target
                  AND f.win = floor((e.date - DATE '1970-01-01') / $days)::BIGINT)
)
SELECT c.rid, c.sources, c.articles, c.mentions, c.rid > $after AS is_new, e.event_id,
       min(c.rid) OVER (PARTITION BY c.origin, c.source, c.target, c.cameo, c.win) AS keeper
FROM candidates c JOIN dataset_events e ON e.rowid = c.rid
"""


def collapse_window(con: duckdb.DuckDBPyConnection, after: int, days: int) -> int:
    """Merge new events (row id > ``after``) into one per (origin, source, target, code, N-day window).

    A new event joins a stored one of the same group when there is one. Call after
    :func:`drop_exact`, so only genuinely new rows are merged. Returns the rows removed.
    """
    if days < 1:
        raise ValueError("the dedup window must be at least one day")
    con.execute(_WINDOW_SQL, {"after": after, "days": days}).fetchall()
    try:
        con.execute(MERGES_SCHEMA).fetchall()
        con.execute(
            "INSERT INTO event_merges (event_id, merged_into) SELECT w.event_id, k.event_id FROM _dedup_window w "
            "JOIN _dedup_window k ON k.rid = w.keeper WHERE w.is_new AND w.rid <> w.keeper"
        ).fetchall()
        con.execute(
            "UPDATE dataset_events SET num_sources = coalesce(dataset_events.num_sources, 1) + m.sources, "
            "num_articles = coalesce(dataset_events.num_articles, 1) + m.articles, "
            "num_mentions = coalesce(dataset_events.num_mentions, 1) + m.mentions "
            "FROM (SELECT keeper, sum(sources) AS sources, sum(articles) AS articles, sum(mentions) AS mentions "
            "      FROM _dedup_window WHERE is_new AND rid <> keeper GROUP BY keeper) AS m "
            "WHERE dataset_events.rowid = m.keeper"
        ).fetchall()
        return con.execute(
            "DELETE FROM dataset_events WHERE rowid IN (SELECT rid FROM _dedup_window WHERE is_new AND rid <> keeper)"
        ).fetchall()[0][0]
    finally:
        con.execute("DROP TABLE IF EXISTS _dedup_window").fetchall()
