"""Readers for documents to code: plain text, JSON Lines and CSV.

Each reader yields ``Article`` records and reports bad rows to a ``Rejects`` collector
(file, line, reason) instead of stopping, so the rest of the input is still read. A file
that yields nothing is never silent: an empty one is rejected as ``EMPTY_FILE``, a CSV
with a header and no rows as such.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Iterator

from bilateral.model import Article
from bilateral.sources.rejects import EMPTY_FILE, Rejects
from bilateral.text.clean import clean_text
from bilateral.text.dates import to_iso_date

csv.field_size_limit(sys.maxsize)  # a scraped article can exceed csv's 128 KB default


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252/latin-1: news dumps mix encodings; NULs are dropped."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    return text.replace("\x00", "")


def read_text(path: Path, rejects: Rejects, **_: object) -> Iterator[Article]:
    """One plain-text file is one document; its name is its id."""
    text = decode(path.read_bytes())
    if not text.strip():
        rejects.add(path, None, EMPTY_FILE)
        return
    text = clean_text(text)  # cleaned before hashing: one article, one document, whatever the boilerplate
    if not text:
        rejects.add(path, None, "only page furniture (navigation, credits, link lists), no article text")
        return
    yield Article(text=text, source_id=path.stem, origin=str(path))


def read_jsonl(path: Path, rejects: Rejects, text_col: str = "text", date_col: str = "date", **_: object) -> Iterator[Article]:
    """One JSON object a line with `text` and optional `id`, `date`, `url`, `title`."""
    blank = True
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            line = decode(raw).strip()
            if not line:
                continue
            blank = False
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                rejects.add(path, number, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            article = _article(record, path, number, rejects, text_col, date_col)
            if article is not None:
                yield article
    if blank:
        rejects.add(path, None, EMPTY_FILE)


def read_csv(path: Path, rejects: Rejects, text_col: str = "text", date_col: str = "date", **_: object) -> Iterator[Article]:
    """A CSV with a header row; `--text-col` and `--date-col` name the columns."""
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.DictReader(line.replace("\x00", "") for line in fh)
        if not any(name.strip() for name in reader.fieldnames or ()):
            _reject_blank_header(path, reader, rejects)
            return
        if text_col not in reader.fieldnames:
            rejects.add(path, 1, f"no column {text_col!r} (columns: {', '.join(reader.fieldnames)}); set --text-col")
            return
        width, rows = len(reader.fieldnames), 0
        for rows, record in enumerate(reader, start=1):
            found = _field_count(record, width)
            if found != width:  # an unquoted comma shifts every later field: the text would be cut
                hint = "; quote fields that hold commas" if found > width else ""
                rejects.add(path, reader.line_num, f"wrong column count: expected {width} as in the header, found {found}{hint}")
                continue
            article = _article(record, path, reader.line_num, rejects, text_col, date_col)
            if article is not None:
                yield article
        if not rows:
            rejects.add(path, 1, "a header row and no rows after it")


def _reject_blank_header(path: Path, reader: csv.DictReader, rejects: Rejects) -> None:
    """A CSV whose first line is blank: empty, or its header is missing."""
    if any(isinstance(value, str) and value.strip() for record in reader for values in record.values() for value in _listed(values)):
        rejects.add(path, 1, "the first line is blank; the header row (with a text column) must be line 1")
    else:
        rejects.add(path, None, EMPTY_FILE)


def _listed(values: object) -> list:
    return values if isinstance(values, list) else [values]


def _field_count(record: dict, width: int) -> int:
    """Fields a csv.DictReader row really had: extras land under None, missing ones are None."""
    extra = len(record.get(None) or ())
    missing = sum(1 for key, value in record.items() if key is not None and value is None)
    return width + extra - missing


def _article(record: object, path: Path, line: int, rejects: Rejects, text_col: str, date_col: str) -> Article | None:
    if not isinstance(record, dict):
        rejects.add(path, line, "expected a JSON object with a text field")
        return None
    raw_text = record.get(text_col)
    if not isinstance(raw_text, str) or not raw_text.strip():
        rejects.add(path, line, f"no text in field {text_col!r}")
        return None
    text = clean_text(raw_text)  # cleaned before hashing: one article, one document, whatever the boilerplate
    if not text:
        rejects.add(path, line, f"only page furniture in field {text_col!r} (navigation, credits, link lists)")
        return None
    raw_date = record.get(date_col)
    date = to_iso_date(raw_date)
    if raw_date not in (None, "") and date is None:
        rejects.add(path, line, f"unreadable date {str(raw_date)[:40]!r}")
        return None
    source_id = record.get("id")
    return Article(
        text=text,
        date=date,
        url=_str_or_none(record.get("url")),
        title=_str_or_none(record.get("title")),
        source_id=None if source_id is None else str(source_id),
        origin=str(path),
        line=line,
    )


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
