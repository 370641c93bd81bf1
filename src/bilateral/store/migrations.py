"""Bringing a store to the current schema, and the CAMEO table the ``events`` view joins.

Version 1 kept every event, coded or imported, in one ``events`` table. Version 2 keeps
imported events in the narrower ``dataset_events`` (an import writes a third of the
columns, which is most of its cost) and makes ``events`` a view over both tables, so
every reader sees the same rows and columns as before. Migrating a version-1 store
renames its table to ``coded_events`` and moves the imported rows over, in one
transaction; a store made by a newer bilateral is refused with a clear error.
"""
from __future__ import annotations

from importlib import resources

import duckdb

from bilateral.errors import StoreError

SCHEMA_VERSION = 2
CAMEO_COLUMNS = ("code", "root", "quad_class", "penta_class", "plover", "plover_mode")
DATASET_EVENT_COLUMNS = (
    "event_id", "date", "source", "target", "source_country", "target_country", "cameo", "goldstein", "url",
    "source_text", "target_text", "location", "lat", "lon", "origin", "num_mentions", "num_sources",
    "num_articles", "avg_tone", "story_id", "sentence_number", "publisher",
)

# A version-1 row moves only when the view gives it back unchanged: the constant columns
# and the CAMEO fields must be what the view derives (rows from the built-in readers are).
_MOVABLE = """
e.date_source = 'dataset' AND e.confidence = 1.0 AND e.date_precision = 'day' AND e.negated = false
AND e.doc_id IS NULL AND e.sentence IS NULL AND e.char_start IS NULL AND e.char_end IS NULL AND e.title IS NULL
AND e.attribution IS NULL
AND e.dataset_id IS NOT DISTINCT FROM (CASE WHEN e.event_id[strpos(e.event_id, ':') + 1] <> '~'
                                       THEN e.event_id[strpos(e.event_id, ':') + 1:] END)
AND EXISTS (SELECT 1 FROM cameo_codes c WHERE c.code = e.cameo AND c.root = e.root AND c.quad_class = e.quad_class
            AND c.penta_class = e.penta_class AND c.plover IS NOT DISTINCT FROM e.plover
            AND c.plover_mode IS NOT DISTINCT FROM e.plover_mode)
"""


def _sql(name: str) -> str:
    return resources.files("bilateral.store").joinpath(name).read_text()


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params).fetchall() if params else con.execute(sql).fetchall()


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create or upgrade the schema to :data:`SCHEMA_VERSION` (the caller holds a transaction)."""
    _run(con, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER, applied_at TIMESTAMP DEFAULT current_timestamp)")
    done = {r[0] for r in _run(con, "SELECT version FROM schema_migrations")}
    newest = max(done, default=0)
    if newest > SCHEMA_VERSION:
        raise StoreError(
            f"this store has schema version {newest}, made by a newer bilateral; this one reads up to "
            f"version {SCHEMA_VERSION} (upgrade bilateral to use it)"
        )
    if newest == SCHEMA_VERSION:
        return
    if newest == 1:
        _run(con, "ALTER TABLE events RENAME TO coded_events")
    _run(con, _sql("schema.sql"))
    sync_cameo_codes(con)
    if newest == 1:
        _move_imported(con)
    _run(con, _sql("events_view.sql"))
    _run(con, "INSERT INTO schema_migrations (version) VALUES (?)", [SCHEMA_VERSION])


def _move_imported(con: duckdb.DuckDBPyConnection) -> None:
    """Move a version-1 store's imported events into ``dataset_events``, oldest first."""
    columns = ", ".join(DATASET_EVENT_COLUMNS)
    picked = ", ".join(f"e.{c}" for c in DATASET_EVENT_COLUMNS)
    _run(con, f"INSERT INTO dataset_events ({columns}) SELECT {picked} FROM coded_events e WHERE {_MOVABLE} ORDER BY e.rowid")
    _run(con, f"DELETE FROM coded_events WHERE rowid IN (SELECT e.rowid FROM coded_events e WHERE {_MOVABLE})")


def sync_cameo_codes(con: duckdb.DuckDBPyConnection) -> None:
    """Make ``cameo_codes`` match the shipped ontology (rewritten only when it differs)."""
    from bilateral.ontology import cameo_table  # the ontology is only needed when writing

    frame = cameo_table()[list(CAMEO_COLUMNS)].sort_values("code")
    frame = frame.astype(object).where(frame.notna(), None)
    wanted = [tuple(row) for row in frame.itertuples(index=False)]
    stored = _run(con, f"SELECT {', '.join(CAMEO_COLUMNS)} FROM cameo_codes ORDER BY code")
    if stored == wanted:
        return
    _run(con, "DELETE FROM cameo_codes")
    con.register("_cameo_frame", frame)
    try:
        _run(con, f"INSERT INTO cameo_codes SELECT {', '.join(CAMEO_COLUMNS)} FROM _cameo_frame")
    finally:
        con.unregister("_cameo_frame")
