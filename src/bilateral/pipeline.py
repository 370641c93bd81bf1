"""`code`: read documents, clean them, code events and store them, one transaction per batch.

The run is idempotent and resumable: a document already in the store is not coded again
(its stored events still go to ``--out``), so rerunning after a crash completes the work.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from bilateral.model import Article
from bilateral.sources import Rejects, read_documents
from bilateral.store import Store, WriteCounts
from bilateral.store.writers import EventWriter
from bilateral.text.clean import clean_text

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


def clean_article(article: Article) -> Article | None:
    """The article with its text cleaned (and so its id recomputed); None if nothing is left."""
    text = clean_text(article.text)
    if not text.strip():
        return None
    return dataclasses.replace(article, text=text, doc_id="")


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
    **reader_options: object,
) -> CodeReport:
    """Code every document of ``inputs`` into the store at ``db`` (and ``out`` when given)."""
    report = CodeReport()
    writer = EventWriter(out) if out else None  # opened first: a bad --out fails before any work
    try:
        with Store(db, wait=30) as store:
            for batch in batched(_fresh_articles(inputs, report, reader_options), batch_size):
                _code_batch(batch, store, report, writer, progress, coder)
    finally:
        if writer:
            writer.close()
    return report


def _fresh_articles(inputs: Iterable[str | Path], report: CodeReport, reader_options: dict) -> Iterator[Article]:
    """Cleaned articles, each distinct text once; empty ones become rejects."""
    seen: set[str] = set()
    before = len(report.rejects)
    for article in read_documents(inputs, report.rejects, **reader_options):
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


def _code_batch(batch: list[Article], store: Store, report: CodeReport, writer, progress, coder) -> None:
    known = store.existing_documents([a.doc_id for a in batch])
    new = [a for a in batch if a.doc_id not in known]
    report.documents_duplicate += len(batch) - len(new)
    counts, sentences, rows = WriteCounts(), 0, []
    if new:
        coded = list(_coder(coder).code(new))
        events = [e for c in coded for e in c.events]
        sentences = sum(len(c.sentences) for c in coded)
        counts = store.write_batch(new, [s for c in coded for s in c.sentences], events)
        rows = [e.as_row() for e in events]
    if writer and known:
        rows += store.events_of_documents(sorted(known))
    if writer:
        writer.write(rows)
    report.documents_stored += counts.documents
    report.sentences += sentences
    report.events += len(rows) if writer else counts.events + counts.events_skipped
    report.events_stored += counts.events
    if progress:
        progress(len(batch), sentences, counts.events)


_CODER = None


def _coder(coder):
    """The coder to use: the one passed in, else one shared per process (loads the model once)."""
    global _CODER
    if coder is not None:
        return coder
    if _CODER is None:
        from bilateral.coding import Coder

        _CODER = Coder()
    return _CODER
