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

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb
import numpy as np

# Detail is kept for this many bad rows per file; more are counted, not itemised.
REJECTS_LIMIT = 100_000
MAX_LINE_BYTES = 2_000_000  # DuckDB's default; its read buffers scale with it
_CHUNK = 1 << 24
_ENUM_TYPE = re.compile(r"ENUM\(.*\)", re.S)
_VALUE = re.compile(r'Could not convert string "(.*)" to', re.S)
_COUNTS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")
_COUNT_ERRORS = ("MISSING COLUMNS", "TOO MANY COLUMNS")


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
    present: tuple[str, ...] = ()  # must be there but may be padded (NULL): such rows are left out
    delimiter: str = "\t"
    header: bool = False
    dateformat: str = "%Y%m%d"
    timestampformat: str | None = None
    nullstr: tuple[str, ...] = ("",)
    null_padding: bool = False
    min_width: int | None = None  # with null padding: the fewest columns a row may have
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
        "strict_mode = true",
        f"null_padding = {str(options.null_padding).lower()}",
        _nullstr(options.nullstr),
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


def _nullstr(values: tuple[str, ...]) -> str:
    # A single null string must be given as a scalar: with a list, DuckDB ignores force_not_null.
    if len(values) == 1:
        return f"nullstr = {_literal(values[0])}"
    return f"nullstr = [{', '.join(_literal(s) for s in values)}]"


def drop_reject_tables(con: duckdb.DuckDBPyConnection, rejects_table: str) -> None:
    for name in (rejects_table, rejects_table + "_scan"):
        con.execute(f"DROP TABLE IF EXISTS {name}").fetchall()


def collect_rejects(
    con: duckdb.DuckDBPyConnection, path: str | Path, rejects_table: str, shown: str | None = None,
    code_column: str | None = None,
) -> list[RowReject]:
    """The rows the reader set aside, one per line, with line number, reason and raw text.

    ``code_column`` names the CAMEO code column in reasons (DuckDB reports ENUM failures
    under another column's name).
    """
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
        reasons = dict.fromkeys(_reason(k, c, m, code_column) for k, c, m in zip(kinds, columns, messages))
        if any(k in _COUNT_ERRORS for k in kinds):  # one short row gives one entry per missing column
            reasons = dict.fromkeys([next(r for r in reasons if r.startswith("wrong column count"))])
        out.append(RowReject(shown, line, "; ".join(reasons), raw))
    return out


def _reason(kind: str, column: str | None, message: str, code_column: str | None = None) -> str:
    """A short reason a user can act on, from one DuckDB reject entry."""
    if kind == "CAST":
        value = _VALUE.search(message or "")
        text = value.group(1) if value else ""
        if "ENUM" in (message or ""):
            column = code_column or column
            return f"{column}: missing CAMEO event code" if text == "" else f"{column}: unknown CAMEO event code {text!r}"
        if text == "":
            return f"{column}: missing value (row too short or field empty)"
        target = (message or "").rsplit(" to ", 1)[-1].strip("'\". ")
        target = "CAMEO code" if _ENUM_TYPE.match(target) else target
        return f"{column}: {text[:60]!r} is not a valid {target}"
    if kind in _COUNT_ERRORS:
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
    out: list[tuple[int | None, str | None]] = []
    if not positions:
        return out
    with open(path, "rb") as fh:
        counted = lines = 0
        for pos in positions:
            if pos is None:
                out.append((None, None))
                continue
            lines += _newlines_between(fh, counted, pos)
            pos, blank = _past_blank_lines(fh, pos)
            lines, counted = lines + blank, pos
            out.append((lines + 1, _line_at(fh, pos)))
    return out


def _past_blank_lines(fh, pos: int) -> tuple[int, int]:
    """The offset of the first non-blank line at or after ``pos``, and the newlines skipped.

    After a run of blank lines DuckDB reports a bad row at the start of the last blank
    line instead of the row itself.
    """
    fh.seek(pos)
    skipped = 0
    while (byte := fh.read(1)) in (b"\n", b"\r"):
        pos += 1
        skipped += byte == b"\n"
    return pos, skipped


def _newlines_between(fh, start: int, end: int) -> int:
    fh.seek(start)
    count, left = 0, max(end - start, 0)
    while left > 0:
        chunk = fh.read(min(_CHUNK, left))
        if not chunk:
            break
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


def _line_at(fh, pos: int) -> str:
    """The whole line holding byte ``pos`` (cut at a sane length), as text."""
    back = min(pos, 1 << 16)
    fh.seek(pos - back)
    before = fh.read(back)
    start = pos - back + before.rfind(b"\n") + 1
    fh.seek(start)
    raw = fh.read(MAX_LINE_BYTES // 8).split(b"\n", 1)[0]
    return raw.rstrip(b"\r").decode("utf-8", "replace")


def find_unreported(path: str | Path, options: ScanOptions, known: set[int], limit: int) -> list[RowReject]:
    """Lines the CSV reader dropped without a record of why (only run when the counts disagree).

    DuckDB drops some rows without a reject entry (an empty CAMEO code under a join, a line
    longer than its buffer). This slow pass over the lines finds them by the same rules:
    column count, empty required field, line length. It stops after ``limit`` finds.
    """
    names = [name for name, _ in options.columns]
    needed = set(options.required) | set(options.present)
    required = [(i, name) for i, name in enumerate(names) if name in needed]
    least = options.min_width if options.null_padding and options.min_width else len(names)
    delimiter = options.delimiter.encode()
    found: list[RowReject] = []
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            if (options.header and number == 1) or number in known:
                continue
            line = raw.rstrip(b"\r\n")
            reason = _line_problem(line, delimiter, (least, len(names)), required)
            if reason:
                found.append(RowReject(str(path), number, reason, line[:4000].decode("utf-8", "replace")))
                if len(found) >= limit:
                    break
    return found


def data_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line that is not blank (empty, or only a carriage return)."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            line = raw.rstrip(b"\n").removesuffix(b"\r")
            if line:
                yield number, line[:4000].decode("utf-8", "replace")


def _line_problem(line: bytes, delimiter: bytes, widths: tuple[int, int], required: list[tuple[int, str]]) -> str | None:
    if not line.strip():
        return None
    if len(line) > MAX_LINE_BYTES:
        return f"line longer than {MAX_LINE_BYTES:,} bytes"
    fields = line.split(delimiter)
    least, most = widths
    if not least <= len(fields) <= most:
        expected = f"{most}" if least == most else f"{least} to {most}"
        return f"wrong column count: expected {expected}, found {len(fields)}"
    for index, name in required:
        if index >= len(fields) or not fields[index].strip():
            return f"{name}: missing value"
    return None


def count_lines(path: str | Path) -> int:
    """Lines in a file, blank ones included (a last line without a newline counts): an upper bound on records.

    A C-level byte count into one reused buffer (about half a CPU second per GB, reading
    included), cheap enough for every import. When the reader accounts for this many rows,
    the file has no blank line and the exact count (:func:`count_records`) is not needed.
    """
    return line_count_and_nul(path)[0]


def line_count_and_nul(path: str | Path) -> tuple[int, bool]:
    """:func:`count_lines`, and whether the file has a NUL byte anywhere (found in the same pass)."""
    newlines, size, nul = 0, 0, False
    buffer = bytearray(_CHUNK)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as fh:
        while got := fh.readinto(buffer):
            data = buffer if got == _CHUNK else view[:got].tobytes()
            newlines += data.count(b"\n")
            nul = nul or b"\x00" in data
            size, last = size + got, buffer[got - 1]
    return (newlines + 1 if size and last != 10 else newlines), nul


def strip_nuls(con: duckdb.DuckDBPyConnection, table: str, after: int) -> int:
    """Remove NUL characters from the text columns of rows loaded after row id ``after``.

    The document readers drop NULs too; a NUL would otherwise cut the value short in
    tools that read C strings. Returns the rows changed.
    """
    text = [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND data_type = 'VARCHAR' AND NOT internal",
        [table],
    ).fetchall()]
    if not text:
        return 0
    sets = ", ".join(f'"{c}" = replace("{c}", chr(0), \'\')' for c in text)
    anywhere = " OR ".join(f'contains("{c}", chr(0))' for c in text)
    return con.execute(f"UPDATE {table} SET {sets} WHERE rowid > ? AND ({anywhere})", [after]).fetchall()[0][0]


def count_records(path: str | Path, header: bool) -> int:
    """Data lines in a file: non-empty lines, less the header; counted independently of DuckDB.

    Reads in chunks (not mmap: mapped pages would count as this process's memory).
    """
    newlines = blank = 0
    last = b"\n"
    with open(path, "rb", buffering=0) as fh:
        while chunk := fh.read(_CHUNK):
            newlines += int(np.count_nonzero(np.frombuffer(chunk, dtype=np.uint8) == 10))
            blank += _blank_lines(chunk, last)
            last = chunk[-1:]
    if last != b"\n":
        newlines += 1  # a last line without a final newline
    blank += _crlf_blank_lines(path)
    records = newlines - blank
    return max(records - (1 if header and records else 0), 0)


def _blank_lines(chunk: bytes, before: bytes) -> int:
    """Empty lines in ``chunk``: a newline right after another (``before`` ends the previous chunk)."""
    count = int(chunk[:1] == b"\n" and before == b"\n")
    if b"\n\n" in chunk:  # rare: count runs exactly (a plain count misses overlaps like "\n\n\n")
        is_nl = np.frombuffer(chunk, dtype=np.uint8) == 10
        count += int(np.count_nonzero(is_nl[1:] & is_nl[:-1]))
    return count


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
