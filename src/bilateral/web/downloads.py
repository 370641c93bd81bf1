"""Event downloads (CSV, JSON, Parquet) streamed batch by batch, so memory stays flat.

The cursor is opened before the response starts (a busy store gives a 503, not a
broken download) and closed when the last batch has been sent or the client leaves.
"""
from __future__ import annotations

import io
import json
import tempfile
from typing import Iterator

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from fastapi.responses import StreamingResponse

from bilateral.web import queries
from bilateral.web.access import StoreAccess
from bilateral.web.validation import EventFilters

ROW_CAP = 1_000_000  # rows in one download; the response says when it was cut
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json", "parquet": "application/vnd.apache.parquet"}


def respond(access: StoreAccess, fmt: str, a: str, b: str, f: EventFilters, sort: str, order: str) -> StreamingResponse:
    """A streaming response with every matching event (up to ROW_CAP) in ``fmt``."""
    context = access.cursor()
    con = context.__enter__()
    try:
        total = queries.count_matching(con, a, b, f)
        reader = queries.evidence_reader(con, a, b, f, sort, order, ROW_CAP)
    except BaseException as exc:
        context.__exit__(type(exc), exc, exc.__traceback__)
        raise
    headers = {
        "Content-Disposition": f'attachment; filename="bilateral-{a}-{b}-events.{fmt}"',
        "X-Total-Rows": str(total),
        "X-Rows-Capped": "true" if total > ROW_CAP else "false",
    }
    body = _WRITERS[fmt](reader)
    return StreamingResponse(_closing(body, context), media_type=MEDIA_TYPES[fmt], headers=headers)


def _closing(chunks: Iterator[bytes], context) -> Iterator[bytes]:
    try:
        yield from chunks
    finally:
        context.__exit__(None, None, None)


def _csv(reader: pa.RecordBatchReader) -> Iterator[bytes]:
    first = True
    for batch in _batches(reader):
        sink = io.BytesIO()
        pacsv.write_csv(pa.Table.from_batches([batch]), sink, pacsv.WriteOptions(include_header=first))
        first = False
        yield sink.getvalue()
    if first:  # no rows: still a header line
        sink = io.BytesIO()
        pacsv.write_csv(reader.schema.empty_table(), sink)
        yield sink.getvalue()


def _json(reader: pa.RecordBatchReader) -> Iterator[bytes]:
    yield b"["
    sep = b""
    for batch in _batches(reader):
        for row in batch.to_pylist():
            yield sep + json.dumps(row, default=_plain, ensure_ascii=False).encode("utf-8")
            sep = b",\n"
    yield b"]\n"


def _parquet(reader: pa.RecordBatchReader) -> Iterator[bytes]:
    # Parquet's footer comes last, so the file is built first (spilling to disk when large).
    with tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024) as spool:
        with pq.ParquetWriter(spool, reader.schema) as writer:
            for batch in _batches(reader):
                writer.write_batch(batch)
        spool.seek(0)
        while chunk := spool.read(1024 * 1024):
            yield chunk


def _batches(reader: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
    for batch in reader:
        if batch.num_rows:
            yield batch


def _plain(value: object) -> str:
    """Dates and timestamps as ISO text in JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_WRITERS = {"csv": _csv, "json": _json, "parquet": _parquet}
