"""The event store: one embedded DuckDB file with documents, sentences and events.

Writes are one transaction per batch and idempotent: documents are keyed by a hash of
their normalised text and events by a hash of what makes them that event, so a rerun
leaves the store as it was.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import duckdb
import pandas as pd
import pyarrow as pa

from bilateral.errors import StoreBusyError, StoreError
from bilateral.model import EVENT_COLUMNS, Article, Event, Sentence
from bilateral.store.migrations import SCHEMA_VERSION, migrate

DEFAULT_DB = "bilateral.duckdb"
__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "WriteCounts"]
DOC_COLUMNS = ("doc_id", "source_id", "date", "url", "title", "origin", "text")
SENT_COLUMNS = ("doc_id", "sent_index", "char_start", "char_end", "text")


@dataclass
class WriteCounts:
    """What a write did: rows offered, stored, and skipped as already present."""

    documents: int = 0
    documents_skipped: int = 0
    sentences: int = 0
    events: int = 0
    events_skipped: int = 0

    def __iadd__(self, other: "WriteCounts") -> "WriteCounts":
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only)
            # DuckDB's progress bar would print to stdout in the middle of a long import.
            con.execute("SET enable_progress_bar = false").fetchall()
            return con
        except duckdb.IOException as exc:  # another process holds the lock
            if "lock" not in str(exc).lower():
                raise StoreError(f"{path}: cannot open the store: {exc}") from exc
            if time.monotonic() >= deadline:
                raise StoreBusyError(path, str(exc).splitlines()[0]) from exc
            time.sleep(0.2)


class Store:
    """An open event store. Use as a context manager; one writer process at a time.

    Args:
        path: the DuckDB file (created when missing unless ``read_only``).
        read_only: open for reading; several processes may do so at once.
        wait: seconds to wait for another process's lock before failing clearly.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, wait: float = 0.0):
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; create it with `bilateral code` or `bilateral import`")
        self.con = _connect(self.path, read_only, wait)
        if not read_only:
            self._migrate()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _migrate(self) -> None:
        try:
            with self.transaction():
                migrate(self.con)
        except StoreError:
            self.con.close()
            raise

    def run(self, sql: str, params: list | None = None) -> list[tuple]:
        """Execute a statement to completion (DuckDB 2 keeps unfinished results open)."""
        return self.con.execute(sql, params).fetchall() if params else self.con.execute(sql).fetchall()

    def transaction(self):
        """A context manager: everything inside commits together or not at all."""
        return _Transaction(self.con)

    # -- writes -------------------------------------------------------------
    def write_batch(self, articles: Iterable[Article], sentences: Iterable[Sentence], events: Iterable[Event]) -> WriteCounts:
        """Store a batch of coded documents in one transaction; already-present rows are skipped."""
        docs = _frame([_doc_row(a) for a in articles], DOC_COLUMNS).drop_duplicates("doc_id")
        sents = _frame([(s.doc_id, s.index, s.char_start, s.char_end, s.text) for s in sentences], SENT_COLUMNS)
        evs = _frame([e.as_row() for e in events], EVENT_COLUMNS)
        counts = WriteCounts()
        with self.transaction():
            new_docs = docs[~docs["doc_id"].isin(self.existing_documents(list(docs["doc_id"])))]
            counts.documents, counts.documents_skipped = len(new_docs), len(docs) - len(new_docs)
            if len(new_docs):
                self._insert("documents", new_docs)
                new_sents = sents[sents["doc_id"].isin(new_docs["doc_id"])]
                counts.sentences = len(new_sents)
                if len(new_sents):
                    self._insert("sentences", new_sents)
            stored, skipped = self._insert_new_events(evs)
            counts.events, counts.events_skipped = stored, skipped
        return counts

    def write_events(self, table: pd.DataFrame | pa.Table) -> tuple[int, int]:
        """Bulk-store events (a frame or Arrow table with event columns); returns (stored, already present)."""
        with self.transaction():
            return self._insert_new_events(table)

    def _insert_new_events(self, table: pd.DataFrame | pa.Table) -> tuple[int, int]:
        n = table.num_rows if isinstance(table, pa.Table) else len(table)
        if n == 0:
            return 0, 0
        self.con.register("_incoming", table)
        try:
            before = self.count("events")
            cols = [c for c in EVENT_COLUMNS if c in _names(table)]
            collist = ", ".join(cols)
            self.run(
                f"INSERT INTO coded_events ({collist}) SELECT {collist} FROM "
                "(SELECT * FROM _incoming QUALIFY row_number() OVER (PARTITION BY event_id) = 1) AS i "
                "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = i.event_id)"
            )
            stored = self.count("events") - before
        finally:
            self.con.unregister("_incoming")
        return stored, n - stored

    def _insert(self, table: str, frame: pd.DataFrame) -> None:
        self.con.register("_rows", frame)
        try:
            self.run(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
        finally:
            self.con.unregister("_rows")

    def log_ingest(self, run_id: str, kind: str, path: str, fingerprint: str, read: int, stored: int, duplicates: int, rejected: int) -> None:
        """Record what one input contributed (for resume and for the counts that must add up)."""
        self.run(
            "INSERT INTO ingest_log (run_id, kind, path, fingerprint, read, stored, duplicates, rejected) VALUES (?,?,?,?,?,?,?,?)",
            [run_id, kind, path, fingerprint, read, stored, duplicates, rejected],
        )

    def ingested(self, kind: str, fingerprint: str) -> bool:
        """Whether an input with this fingerprint was already fully taken in."""
        return bool(self.run("SELECT 1 FROM ingest_log WHERE kind = ? AND fingerprint = ? LIMIT 1", [kind, fingerprint]))

    # -- reads --------------------------------------------------------------
    def existing_documents(self, doc_ids: list[str]) -> set[str]:
        """Which of these documents the store already holds."""
        if not doc_ids:
            return set()
        return {r[0] for r in self.run("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids])}

    def events_of_documents(self, doc_ids: list[str]) -> list[dict]:
        """The stored events of these documents, as event-record dicts in a stable order."""
        rel = self.con.sql(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE doc_id IN (SELECT unnest($ids)) ORDER BY doc_id, char_start, event_id",
            params={"ids": doc_ids},
        )
        return rel.df().astype(object).where(lambda f: f.notna(), None).to_dict("records")

    def count(self, table: str) -> int:
        return self.run(f"SELECT count(*) FROM {table}")[0][0]

    def events(self) -> duckdb.DuckDBPyRelation:
        """All events as a lazy relation; callers filter and choose pandas or Arrow."""
        return self.con.table("events")

    def query(self, sql: str, params: list | None = None) -> duckdb.DuckDBPyRelation:
        """A parameterised read query as a relation."""
        return self.con.sql(sql, params=params) if params else self.con.sql(sql)


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION").fetchall()

    def __exit__(self, exc_type, exc, tb) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT").fetchall()


def _doc_row(a: Article) -> tuple:
    return (a.doc_id, a.source_id, a.date, a.url, a.title, a.origin, a.text)


def _frame(rows: list, columns: tuple[str, ...]) -> pd.DataFrame:
    if rows and isinstance(rows[0], dict):
        return pd.DataFrame(rows, columns=list(columns))
    return pd.DataFrame(rows, columns=list(columns))


def _names(table: pd.DataFrame | pa.Table) -> list[str]:
    return list(table.column_names) if isinstance(table, pa.Table) else list(table.columns)
