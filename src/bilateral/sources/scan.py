"""Reading a delimited dataset file with DuckDB's CSV reader, keeping every bad row.

The reader validates while it parses: each column has a type (a CAMEO code column is an
ENUM of the known codes, dates are DATE with the dataset's format), so a row with the
wrong column count, a bad date, a malformed number or an unknown code is set aside by
``store_rejects`` with the byte offset of its line. Line numbers are worked out from
those offsets (DuckDB's own line counter drifts after blank lines and CRLF endings), and
the records in the file are counted independently, so a row the reader dropped without
saying so is still reported and the counts always add up.
"""
from __future__ import annotations

import mmap
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

# Detail is kept for this many bad rows per file; more are counted, not itemised.
REJECTS_LIMIT = 100_000
MAX_LINE_BYTES = 8_000_000
_CHUNK = 1 << 24
_ENUM_TYPE = re.compile(r"ENUM\(.*\)", re.S)
_VALUE = re.compile(r'Could not convert string "(.*)" to', re.S)
_COUNTS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


@dataclass(frozen=True)
class RowReject:
    """One row that was not stored: where it is, why, and the row as it was."""

    path: str
    line: int | None
    reason: str
    raw: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ScanOptions:
    """How to parse one file: what the layout and the sniffed first line say."""

    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type) in file order
    required: tuple[str, ...] = ()  # empty value is an error, not NULL
    delimiter: str = "\t"
    header: bool = False
    dateformat: str = "%Y%m%d"
    timestampformat: str | None = None
    nullstr: tuple[str, ...] = ("",)
    null_padding: bool = False
    quote: str = ""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scan_sql(path: str | Path, options: ScanOptions, rejects_table: str) -> str:
    """A ``read_csv`` call that parses ``path`` and records bad rows in ``rejects_table``."""
    cols = ", ".join(f"{_literal(name)}: {_literal(ctype)}" for name, ctype in options.columns)
    args = [
        _literal(str(path)),
        f"columns = {{{cols}}}",
        f"delim = {_literal(options.delimiter)}",
        f"header = {str(options.header).lower()}",
        f"quote = {_literal(options.quote)}",
        f"escape = {_literal(options.quote)}",
        "auto_detect = false",
        "strict_mode = false",
        f"null_padding = {str(options.null_padding).lower()}",
        f"nullstr = [{', '.join(_literal(s) for s in options.nullstr)}]",
        f"dateformat = {_literal(options.dateformat)}",
        "store_rejects = true",
        f"rejects_table = {_literal(rejects_table)}",
        f"rejects_scan = {_literal(rejects_table + '_scan')}",
        f"rejects_limit = {REJECTS_LIMIT}",
        f"max_line_size = {MAX_LINE_BYTES}",
        "encoding = 'utf-8'",
    ]
    if options.timestampformat:
        args.append(f"timestampformat = {_literal(options.timestampformat)}")
    if options.required:
        args.append(f"force_not_null = [{', '.join(_literal(c) for c in options.required)}]")
    return f"read_csv({', '.join(args)})"


def drop_reject_tables(con: duckdb.DuckDBPyConnection, rejects_table: str) -> None:
    for name in (rejects_table, rejects_table + "_scan"):
        con.execute(f"DROP TABLE IF EXISTS {name}").fetchall()


def collect_rejects(con: duckdb.DuckDBPyConnection, path: str | Path, rejects_table: str, shown: str | None = None) -> list[RowReject]:
    """The rows the reader set aside, one per line, with line number, reason and raw text."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND temporary", [rejects_table]
    ).fetchall()[0][0]
    if not exists:
        return []
    rows = con.execute(
        f"SELECT line_byte_position, list(error_type ORDER BY column_idx), list(column_name ORDER BY column_idx), "
        f"list(error_message ORDER BY column_idx) FROM {rejects_table} GROUP BY line_byte_position ORDER BY 1"
    ).fetchall()
    located = locate_lines(path, [r[0] for r in rows])
    shown = shown or str(path)
    out = []
    for (pos, kinds, columns, messages), (line, raw) in zip(rows, located):
        reasons = dict.fromkeys(_reason(k, c, m) for k, c, m in zip(kinds, columns, messages))
        out.append(RowReject(shown, line, "; ".join(reasons), raw))
    return out


def _reason(kind: str, column: str | None, message: str) -> str:
    """A short reason a user can act on, from one DuckDB reject entry."""
    if kind == "CAST":
        value = _VALUE.search(message or "")
        text = value.group(1) if value else ""
        if text == "":
            return f"{column}: missing value (row too short or field empty)"
        if "ENUM" in (message or ""):
            return f"{column}: unknown CAMEO event code {text!r}"
        target = (message or "").rsplit(" to ", 1)[-1].strip("'\". ")
        target = "CAMEO code" if _ENUM_TYPE.match(target) else target
        return f"{column}: {text[:60]!r} is not a valid {target}"
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        counts = _COUNTS.search(message or "")
        if counts:
            return f"wrong column count: expected {counts.group(1)}, found {counts.group(2)}"
        return "wrong column count"
    if kind == "INVALID ENCODING":
        return "not valid UTF-8 text"
    if kind == "LINE SIZE OVER MAXIMUM":
        return f"line longer than {MAX_LINE_BYTES:,} bytes"
    return f"{kind.lower()}: {(message or '').splitlines()[0][:120]}"


def locate_lines(path: str | Path, positions: list[int | None]) -> list[tuple[int | None, str | None]]:
    """(line number, raw line) for byte offsets into ``path``; offsets must be ascending."""
    if not positions:
        return []
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        data = np.frombuffer(mm, dtype=np.uint8)
        out, counted, lines = [], 0, 0
        for pos in positions:
            if pos is None:
                out.append((None, None))
                continue
            pos = min(pos, len(mm))
            lines += int(np.count_nonzero(data[counted:pos] == 10))
            counted = pos
            start = mm.rfind(b"\n", 0, pos) + 1
            end = mm.find(b"\n", pos)
            raw = mm[start : end if end >= 0 else len(mm)][:MAX_LINE_BYTES // 8]
            out.append((lines + 1, raw.rstrip(b"\r").decode("utf-8", "replace")))
        del data
    return out


def count_records(path: str | Path, header: bool) -> int:
    """Data lines in a file: non-empty lines, less the header; counted independently of DuckDB."""
    newlines = blank = 0
    last = b"\n"
    with open(path, "rb", buffering=0) as fh:
        while chunk := fh.read(_CHUNK):
            arr = np.frombuffer(chunk, dtype=np.uint8)
            is_nl = arr == 10
            newlines += int(np.count_nonzero(is_nl))
            # A blank line is a newline right after another newline (or after a CR after one).
            blank += int(np.count_nonzero(is_nl[1:] & is_nl[:-1]))
            blank += int(is_nl[0] and last == b"\n")
            last = chunk[-1:]
    if last != b"\n":
        newlines += 1  # a last line without a final newline
    blank += _crlf_blank_lines(path)
    records = newlines - blank
    return max(records - (1 if header and records else 0), 0)


def _crlf_blank_lines(path: str | Path) -> int:
    """Blank lines in a CRLF file ("\\r\\n\\r\\n"), which the fast count above does not see."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if b"\r\n" not in head:
        return 0
    count, tail = 0, b""
    with open(path, "rb", buffering=0) as fh:
        while chunk := fh.read(_CHUNK):
            data = tail + chunk
            count += data.count(b"\n\r\n") - tail.count(b"\n\r\n")
            tail = data[-2:]
    return count
