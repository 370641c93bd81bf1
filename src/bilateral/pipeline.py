"""`code`: read documents, clean them, code events and store them, one transaction per batch.

The run streams: documents are read, cleaned and batched in the parent process, coded in
batches (in worker processes when ``workers > 1``, see ``bilateral.scale.workers``), and each
coded batch is written to the store in its own transaction by the parent, the only writer.
It is idempotent and resumable: a document already in the store is not coded again (its
stored events still go to ``--out``), so rerunning after a crash, even a SIGKILL, completes
the work. Rows reach ``--out`` in input order, each document's events by position, whatever
the number of workers and whether the run resumed.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from bilateral.model import Article
from bilateral.scale.workers import CoderOptions, coding_engine, default_workers
from bilateral.sources import Rejects, read_documents
from bilateral.store import Store, WriteCounts
from bilateral.store.writers import EventWriter
from bilateral.text.clean import clean_text, normalise_characters

Progress = Callable[[int, int, int], None]  # documents, sentences, events (increments)


@dataclass
class CodeReport:
    """What a `code` run read, stored and rejected. read = stored + duplicates + rejected."""

    documents_read: int = 0
    documents_stored: int = 0
    documents_duplicate: int = 0
    sentences: int = 0
    events: int = 0
    events_stored: int = 0
    rejects: Rejects = field(default_factory=Rejects)

    @property
    def documents_rejected(self) -> int:
        return len(self.rejects)


@dataclass
class _Batch:
    """A batch of distinct articles, split into those already stored and those to code."""

    articles: list[Article]
    known: set[str]

    @property
    def new(self) -> list[Article]:
        return [a for a in self.articles if a.doc_id not in self.known]


def clean_article(article: Article) -> Article | None:
    """The article with its text cleaned (and so its id recomputed); None if nothing is left.

    The title's characters are normalised as the text's are, so a headline still matches it.
    """
    text = clean_text(article.text)
    if not text.strip():
        return None
    title = normalise_characters(article.title) if article.title else article.title
    return dataclasses.replace(article, text=text, title=title, doc_id="")


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_inputs(
    inputs: Iterable[str | Path],
    db: str | Path,
    out: str | Path | None = None,
    batch_size: int = 64,
    progress: Progress | None = None,
    coder=None,
    workers: int | None = None,
    prescan: bool = True,
    **reader_options: object,
) -> CodeReport:
    """Code every document of ``inputs`` into the store at ``db`` (and ``out`` when given).

    Args:
        inputs: files or directories (see ``bilateral.sources``).
        db: the store; created when missing.
        out: also write the events here (.jsonl, .json, .csv or .parquet).
        batch_size: documents per transaction (and per task sent to a worker).
        progress: called after each batch with the documents, sentences and events it added.
        coder: a ``Coder`` or ``SentenceCoder`` to use in this process (forces one process).
        workers: coding processes (default: all cores; 1 codes in this process). A run whose
            input fits in one batch codes in this process, as a pool would not help.
        prescan: parse only sentences that can hold an event (False parses every sentence).
        reader_options: passed to the document readers (``text_col``, ``date_col``).
    Returns:
        the run's counts and rejects.
    """
    report = CodeReport()
    articles = read_documents(inputs, report.rejects, **reader_options)
    return code_articles(articles, db, out, batch_size, progress, coder, workers, prescan, report)


def code_articles(
    articles: Iterable[Article],
    db: str | Path,
    out: str | Path | None = None,
    batch_size: int = 64,
    progress: Progress | None = None,
    coder=None,
    workers: int | None = None,
    prescan: bool = True,
    report: CodeReport | None = None,
) -> CodeReport:
    """Code articles as read (they are cleaned here, each distinct text once); see ``code_inputs``.

    ``report`` is the run's report when a reader already files its rejects into it.
    """
    report = report or CodeReport()
    writer = EventWriter(out) if out else None  # opened first: a bad --out fails before any work
    engine = None
    try:
        with Store(db, wait=30) as store:
            fresh = fresh_articles(articles, report)
            batches, several = _peek_several(_batches(fresh, batch_size, store))
            count = (workers or default_workers()) if several else 1
            engine = coding_engine(count, CoderOptions(prescan=prescan), coder)
            for batch, coded in engine.map(batches, lambda b: b.new):
                _store_batch(batch, coded, store, report, writer, progress)
    finally:
        if engine is not None:
            engine.close()
        if writer:
            writer.close()
    return report


def fresh_articles(articles: Iterable[Article], report: CodeReport) -> Iterator[Article]:
    """Cleaned articles, each distinct text once; empty ones become rejects."""
    seen: set[str] = set()
    before = len(report.rejects)
    for article in articles:
        report.documents_read += 1
        cleaned = clean_article(article)
        if cleaned is None:
            report.rejects.add(article.origin or "?", article.line, "no text left after removing page noise")
            before += 1  # rejected after it was read: already counted
            continue
        if cleaned.doc_id in seen:
            report.documents_duplicate += 1
            continue
        seen.add(cleaned.doc_id)
        yield cleaned
    # Rows a reader rejected were read too: read = stored + duplicate + rejected.
    report.documents_read += len(report.rejects) - before


def _batches(articles: Iterator[Article], size: int, store: Store) -> Iterator[_Batch]:
    """Batches of articles with the ids the store already holds (checked as each batch forms)."""
    for articles_ in batched(articles, size):
        yield _Batch(articles_, store.existing_documents([a.doc_id for a in articles_]))


def _peek_several(batches: Iterator[_Batch]) -> tuple[Iterator[_Batch], bool]:
    """The batches (unchanged) and whether there are at least two with work to do."""
    head: list[_Batch] = []
    for batch in batches:
        head.append(batch)
        if sum(1 for b in head if b.new) >= 2:
            break
    several = sum(1 for b in head if b.new) >= 2

    def chained() -> Iterator[_Batch]:
        yield from head
        yield from batches

    return chained(), several


def _store_batch(batch: _Batch, coded: list, store: Store, report: CodeReport, writer, progress) -> None:
    """Write one coded batch in one transaction, then its rows (new and stored) to ``out``."""
    events = [e for c in coded for e in c.events]
    sentences = sum(len(c.sentences) for c in coded)
    counts = store.write_batch([c.article for c in coded], [s for c in coded for s in c.sentences], events) if coded else WriteCounts()
    report.documents_duplicate += len(batch.known)
    report.documents_stored += counts.documents
    report.sentences += sentences
    report.events_stored += counts.events
    if writer:
        rows = _rows_in_input_order(batch, events, store)
        writer.write(rows)
        report.events += len(rows)
    else:
        report.events += counts.events + counts.events_skipped
    if progress:
        progress(len(batch.articles), sentences, counts.events)


def _rows_in_input_order(batch: _Batch, events: list, store: Store) -> list[dict]:
    """Event rows of the batch's documents in input order, each document's by (position, id)."""
    by_doc: dict[str, list[dict]] = {}
    for event in events:
        by_doc.setdefault(event.doc_id, []).append(event.as_row())
    if batch.known:
        for row in store.events_of_documents(sorted(batch.known)):
            by_doc.setdefault(row["doc_id"], []).append(row)
    rows = []
    for article in batch.articles:
        rows.extend(sorted(by_doc.get(article.doc_id, []), key=lambda r: (r["char_start"] or 0, r["event_id"])))
    return rows
