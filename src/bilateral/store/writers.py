"""Streaming event writers: JSON Lines, CSV or Parquet, chosen by suffix, written batch by batch."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from bilateral.model import EVENT_COLUMNS
from bilateral.store.export import export_format

_ARROW_TYPES = {
    "quad_class": pa.int8(), "penta_class": pa.int8(), "goldstein": pa.float64(), "confidence": pa.float64(),
    "char_start": pa.int32(), "char_end": pa.int32(), "lat": pa.float64(), "lon": pa.float64(),
    "negated": pa.bool_(), "num_mentions": pa.int32(), "num_sources": pa.int32(), "num_articles": pa.int32(),
    "avg_tone": pa.float64(), "sentence_number": pa.int32(),
}
EVENT_SCHEMA = pa.schema([(c, _ARROW_TYPES.get(c, pa.string())) for c in EVENT_COLUMNS])


class EventWriter:
    """Write event rows (dicts with EVENT_COLUMNS) to ``path`` as they come; memory stays flat."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.kind = export_format(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.rows = 0
        self._parquet: pq.ParquetWriter | None = None
        self._fh = None
        self._csv = None
        if self.kind in ("jsonl", "json", "csv"):
            self._fh = self.path.open("w", encoding="utf-8", newline="")
        if self.kind == "csv":
            self._csv = csv.DictWriter(self._fh, fieldnames=list(EVENT_COLUMNS), extrasaction="ignore")
            self._csv.writeheader()
        if self.kind == "json":
            self._fh.write("[")

    def write(self, rows: Iterable[dict]) -> None:
        rows = [{c: _plain(r.get(c)) for c in EVENT_COLUMNS} for r in rows]
        if not rows:
            return
        if self.kind == "parquet":
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, EVENT_SCHEMA)
            self._parquet.write_table(pa.Table.from_pylist(rows, schema=EVENT_SCHEMA))
        elif self.kind == "csv":
            self._csv.writerows(rows)
        else:
            sep = "\n" if self.kind == "jsonl" else ",\n"
            for row in rows:
                if self.kind == "json" and self.rows:
                    self._fh.write(sep)
                self._fh.write(json.dumps(row, ensure_ascii=False))
                if self.kind == "jsonl":
                    self._fh.write("\n")
                self.rows += 1
            return
        self.rows += len(rows)

    def close(self) -> None:
        if self.kind == "parquet":
            if self._parquet is None:  # no events: still an empty, valid file
                pq.write_table(EVENT_SCHEMA.empty_table(), self.path)
            else:
                self._parquet.close()
        else:
            if self.kind == "json":
                self._fh.write("]\n")
            self._fh.close()

    def __enter__(self) -> "EventWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _plain(value: object) -> object:
    """Dates and numpy scalars as plain JSON-able values."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if hasattr(value, "item"):
        return value.item()
    return value
