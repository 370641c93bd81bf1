"""The event store: idempotent, transactional writes and clear lock errors."""
from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest

from bilateral.errors import StoreBusyError, StoreError
from bilateral.model import EVENT_COLUMNS, Article, Event, Sentence, event_id_for
from bilateral.store import Store


def _event(doc: Article, n: int, cameo: str = "057") -> Event:
    return Event(
        event_id=event_id_for(doc.doc_id, n), doc_id=doc.doc_id, date="2025-01-17", source="IRNGOV", target="RUSGOV",
        source_country="IRN", target_country="RUS", cameo=cameo, root=cameo[:2], quad_class=1, penta_class=1,
        goldstein=8.0, sentence=doc.text, char_start=0, char_end=len(doc.text),
    )


def _batch(text: str, n_events: int = 2):
    doc = Article(text=text, date="2025-01-17")
    sents = [Sentence(doc.doc_id, 0, 0, len(text), text)]
    return [doc], sents, [_event(doc, i) for i in range(n_events)]


def test_db_write_batch_stores_documents_sentences_events(store):
    counts = store.write_batch(*_batch("Iran and Russia signed a treaty."))
    assert (counts.documents, counts.sentences, counts.events) == (1, 1, 2)
    assert store.count("documents") == 1 and store.count("sentences") == 1 and store.count("events") == 2


def test_db_same_batch_twice_changes_nothing(store):
    store.write_batch(*_batch("Iran and Russia signed a treaty."))
    counts = store.write_batch(*_batch("Iran and Russia signed a treaty."))
    assert counts.documents == 0 and counts.documents_skipped == 1 and counts.events_skipped == 2
    assert store.count("events") == 2


def test_db_document_id_ignores_whitespace_differences(store):
    store.write_batch(*_batch("Iran and Russia  signed\n a treaty."))
    counts = store.write_batch(*_batch("Iran and Russia signed a treaty."))
    assert counts.documents == 0


def test_db_failed_batch_leaves_nothing_half_written(store):
    docs, sents, events = _batch("Russia condemned the strikes.")
    events[1].quad_class = None  # violates NOT NULL: the whole batch must roll back
    with pytest.raises(Exception):
        store.write_batch(docs, sents, events)
    assert store.count("documents") == 0 and store.count("events") == 0 and store.count("sentences") == 0


def test_db_write_events_deduplicates_within_and_across_batches(store):
    doc = Article(text="x")
    frame = pd.DataFrame([_event(doc, i % 3).as_row() for i in range(5)])
    assert store.write_events(frame) == (3, 2)
    assert store.write_events(frame) == (0, 5)
    assert list(store.events().df().columns) == list(EVENT_COLUMNS)


def test_db_events_of_documents_round_trips_rows(store):
    docs, sents, events = _batch("Russia condemned the strikes.", n_events=3)
    store.write_batch(docs, sents, events)
    rows = store.events_of_documents([docs[0].doc_id])
    assert sorted(r["event_id"] for r in rows) == sorted(e.event_id for e in events)
    assert rows[0]["sentence"] == "Russia condemned the strikes."


def test_db_read_only_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.duckdb", read_only=True)


HOLDER = """
import sys, time
from pathlib import Path
from bilateral.store import Store
with Store(sys.argv[1]):
    Path(sys.argv[2]).touch()
    time.sleep(60)
"""


def test_db_second_writer_is_refused_clearly(db_path, tmp_path):
    ready = tmp_path / "ready"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(ready)])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ready.exists()
        with pytest.raises(StoreBusyError, match="in use by another bilateral process"):
            Store(db_path, wait=0.5)
    finally:
        holder.kill()
        holder.wait(30)
    with Store(db_path) as store:  # the lock is gone once the holder is gone
        assert store.count("events") == 0
