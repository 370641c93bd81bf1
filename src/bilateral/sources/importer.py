"""Importing one dataset file into the store: parse, map, keep bad rows, dedup, count.

:func:`import_file` streams a file into the store in one transaction: DuckDB parses and
maps it (no Python loop over rows), bad rows are kept with line and reason, duplicates
are collapsed, and the counts (read = stored + duplicates + rejected, always) go to the
ingest log in the same transaction, so a killed import leaves nothing half-written and a
rerun finishes the job.
"""
from __future__ import annotations

import csv
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb
import pyarrow as pa

from bilateral.errors import InputError
from bilateral.sources.datasets import DATASETS, READERS, DatasetReader, choose_reader, load_sql
from bilateral.sources.layouts import FirstLine, sniff
from bilateral.sources.scan import (
    REJECTS_LIMIT, RowReject, ScanOptions, collect_rejects, count_records, data_lines, drop_reject_tables,
    find_unreported, line_count_and_nul, scan_sql, strip_nuls,
)
from bilateral.sources.unpack import normalised_line_ends, readable_copy
from bilateral.store import dedup
from bilateral.store.migrations import sync_cameo_codes


@dataclass
class ImportReport:
    """What one input contributed; read = stored + duplicates + rejected."""

    path: str
    reader: str | None = None
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejects: list[RowReject] = field(default_factory=list)
    error: str | None = None  # the whole file could not be read
    skipped: str | None = None  # why the file was not read again
    new_keys: pa.Table | None = None  # keys of the rows this file added

    def adds_up(self) -> bool:
        return self.read == self.stored + self.duplicates + self.rejected

    @property
    def failed(self) -> bool:
        return bool(self.error or self.rejected)

    def summary(self) -> str:
        if self.error:
            return f"{self.path}: not imported: {self.error}"
        if self.skipped:
            return f"{self.path}: skipped ({self.skipped})"
        return (
            f"{self.path}: read {self.read:,}, stored {self.stored:,}, duplicates {self.duplicates:,}, "
            f"rejected {self.rejected:,} [{self.reader or ('no known layout' if self.rejected else 'empty')}]"
        )


@dataclass(frozen=True)
class IngestTag:
    """How an import is recorded in the ingest log (fetch passes the file's MD5 for resume)."""

    run_id: str
    kind_prefix: str = "import"
    fingerprint: str | None = None


def import_file(
    store, dataset: str, path: str | Path, *, window_days: int | None = None,
    tag: IngestTag | None = None, shown: str | None = None, keep_keys: bool = False,
) -> ImportReport:
    """Import one dataset file into ``store`` in one transaction; bad rows never raise.

    Args:
        store: an open :class:`bilateral.store.Store`.
        dataset: a registered dataset name ("gdelt", "icews", "phoenix").
        path: the file (plain, .zip or .gz).
        window_days: also collapse same source/target/code events within windows of N days.
        tag: run id, log kind and fingerprint for the ingest log.
        shown: the name used for the file in reports and rejects.
        keep_keys: also return the keys of the rows this file added (``report.new_keys``).
    Returns:
        The counts and the rejected rows.
    """
    report = ImportReport(shown or str(path))
    tag = tag or IngestTag(uuid.uuid4().hex)
    fingerprint = tag.fingerprint or _file_fingerprint(path)

    def log() -> None:
        kind = f"{tag.kind_prefix}:{report.reader or dataset}"
        counts = (report.read, report.stored, report.duplicates, report.rejected)
        store.log_ingest(tag.run_id, kind, report.path, fingerprint, *counts)

    try:
        with readable_copy(path, Path(store.path).parent) as plain:
            _import_plain(store, dataset, plain, report, _Options(window_days, keep_keys), log)
    except InputError as exc:
        report.error = exc.reason
    return report


SNIFF_LINES = 20  # lines looked at to choose a file's layout when its first line fits none


@dataclass(frozen=True)
class _Options:
    window_days: int | None = None
    keep_keys: bool = False


def _import_plain(store, dataset: str, path: Path, report: ImportReport, opts: _Options, log) -> None:
    first = sniff(path)
    chosen = None if first.empty else _choose(dataset, path, first)
    if chosen is None:
        if not first.empty:
            _reject_file(dataset, path, first, report)
        with store.transaction():
            log()
        return
    reader, header, delimiter = chosen
    report.reader = reader.name
    options = reader.scan_options(header, delimiter)
    try:
        _load_file(store, reader, path, options, report, opts, log)
    except duckdb.InvalidInputException as exc:
        # DuckDB's strict parser stops at a stray carriage return; read a copy with clean line ends.
        if "invalid state" not in str(exc):
            raise InputError(path, f"unreadable: {str(exc).splitlines()[0]}") from exc
        with normalised_line_ends(path, Path(store.path).parent) as clean:
            try:
                _load_file(store, reader, clean, options, report, opts, log)
            except duckdb.Error as again:
                raise InputError(path, f"unreadable: {str(again).splitlines()[0]}") from again


def _choose(dataset: str, path: Path, first: FirstLine) -> tuple[DatasetReader, bool, str] | None:
    """The reader, whether line 1 is its header, and the delimiter, from the first line that fits.

    A broken first row must not reject the whole file: when it fits no layout, the next
    lines decide (up to SNIFF_LINES), and the broken row is then rejected like any other.
    """
    line = first
    for skip in range(SNIFF_LINES):
        if skip:
            line = sniff(path, skip)
            if not line.fields:
                return None
        chosen = choose_reader(dataset, line)
        if chosen is not None and not (skip and chosen[1]):  # a header counts only on line 1
            return chosen[0], chosen[1], line.delimiter
    return None


def _load_file(store, reader: DatasetReader, path: Path, options: ScanOptions, report: ImportReport,
               opts: _Options, log) -> None:
    """Parse, map, check and dedup one plain file inside one transaction."""
    rejects_table = f"_bilateral_rejects_{uuid.uuid4().hex[:8]}"
    con = store.con
    with ThreadPoolExecutor(1) as pool:
        counted = pool.submit(line_count_and_nul, path)  # runs while DuckDB parses
        with store.transaction():
            if reader.prepare:
                reader.prepare(con, scan_sql(path, options, rejects_table + "_prep"))
                drop_reject_tables(con, rejects_table + "_prep")
            if reader.table == dedup.EVENTS_TABLE:
                sync_cameo_codes(con)  # the `events` view completes imported rows from it
            after = dedup.last_rowid(con, reader.table)
            loaded = _load(con, reader, path, options, rejects_table)
            report.rejects = collect_rejects(con, path, rejects_table, report.path, reader.code_column)
            drop_reject_tables(con, rejects_table)
            lines, has_nul = counted.result()
            if has_nul:  # rare: only then pay for a pass over the new rows
                strip_nuls(con, reader.table, after)
            report.read = _records(path, options, lines, loaded + len(report.rejects))
            _account_unread(report, loaded, path, options)
            report.duplicates = dedup.drop_exact(con, reader.table, reader.key, after)
            if opts.window_days and reader.table == dedup.EVENTS_TABLE:
                report.duplicates += dedup.collapse_window(con, after, opts.window_days)
            report.stored = loaded - report.duplicates
            if opts.keep_keys:
                report.new_keys = con.sql(f"SELECT {reader.key} FROM {reader.table} WHERE rowid > {after}").to_arrow_table()
            log()


def _load(con, reader: DatasetReader, path: Path, options: ScanOptions, rejects_table: str) -> int:
    """Insert the mapped rows of the file; returns how many the reader passed."""
    return con.execute(load_sql(reader, scan_sql(path, options, rejects_table))).fetchall()[0][0]


def _records(path: Path, options: ScanOptions, lines: int, accounted: int) -> int:
    """Records in the file, counted independently of the reader.

    The reader never yields more rows than the file has non-blank lines, so when it
    accounts for every line the count is exact; otherwise count again, skipping blank lines.
    """
    if accounted == lines - (1 if options.header and lines else 0):
        return accounted
    return count_records(path, options.header)


def _account_unread(report: ImportReport, loaded: int, path: Path, options: ScanOptions) -> None:
    """Rows the file has that neither the load nor the itemised rejects account for."""
    missing = report.read - loaded - len(report.rejects)
    if 0 < missing and len(report.rejects) < REJECTS_LIMIT:
        known = {r.line for r in report.rejects if r.line is not None}
        found = find_unreported(path, options, known, missing)
        report.rejects = sorted(report.rejects + [replace(r, path=report.path) for r in found], key=_line_order)
        missing -= len(found)
    if missing > 0:
        reason = (
            f"{missing:,} more row(s) not read (bad rows past the first {len(report.rejects):,} "
            "itemised, or lines the CSV reader skipped)"
        )
        report.rejects.append(RowReject(report.path, None, reason, None))
        report.rejected = report.read - loaded
    else:
        report.rejected = len(report.rejects)
        report.read = loaded + report.rejected  # never fewer than the reader itself saw


def _line_order(reject: RowReject) -> tuple[int, int]:
    return (0, reject.line) if reject.line is not None else (1, 0)


def _reject_file(dataset: str, path: Path, first: FirstLine, report: ImportReport) -> None:
    """Reject every line of a file no layout of ``dataset`` fits, each with its number and column count."""
    widths = sorted({w for n in DATASETS[dataset] for w in READERS[n].widths})
    expected = f"expected {', '.join(map(str, widths))} or a known header"
    for number, line in data_lines(path):
        report.read += 1
        if len(report.rejects) < REJECTS_LIMIT:
            where = "its first line" if not report.rejects else "this line"
            reason = f"not a {dataset} file: {where} has {_width(line, first.delimiter)} column(s); {expected}"
            report.rejects.append(RowReject(report.path, number, reason, line[:500]))
    if report.read > len(report.rejects):
        more = report.read - len(report.rejects)
        report.rejects.append(RowReject(report.path, None, f"{more:,} more line(s) of the same file not itemised", None))
    report.rejected = report.read


def _width(line: str, delimiter: str) -> int:
    return len(next(csv.reader([line], delimiter=delimiter))) if delimiter == "," else line.count(delimiter) + 1


def _file_fingerprint(path: str | Path) -> str:
    stat = Path(path).stat()
    return f"{Path(path).name}:{stat.st_size}:{stat.st_mtime_ns}"


def expand_files(inputs: list[str | Path]) -> list[Path]:
    """Files named directly, plus every file inside named directories (sorted, hidden ones skipped)."""
    files: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            files.extend(sorted(p for p in item.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(item)
    return files


IMPORT_MEMORY_LIMIT = "1GB"  # DuckDB spills beyond this; keeps a 2M-row import well under 1.5 GB


def import_files(store, dataset: str, inputs: list[str | Path], *, window_days: int | None = None,
                 keep_keys: bool = False, on_report=None) -> list[ImportReport]:
    """Import every input (files or folders) in turn; one transaction and one report per file."""
    run_id = uuid.uuid4().hex
    # Row order inside the store does not matter to an import, and keeping it costs parallelism.
    store.con.execute("SET preserve_insertion_order = false").fetchall()
    store.con.execute(f"SET memory_limit = '{IMPORT_MEMORY_LIMIT}'").fetchall()
    reports = []
    try:
        for path in expand_files(inputs):
            report = import_file(store, dataset, path, window_days=window_days, tag=IngestTag(run_id), keep_keys=keep_keys)
            reports.append(report)
            if on_report:
                on_report(report)
    finally:
        store.con.execute("RESET preserve_insertion_order").fetchall()
        store.con.execute("RESET memory_limit").fetchall()
    return reports


def write_rejects(reports: list[ImportReport], path: str | Path) -> Path:
    """Write every rejected row and failed file as JSON Lines: path, line, reason, raw."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for report in reports:
            if report.error:
                fh.write(json.dumps({"path": report.path, "line": None, "reason": report.error, "raw": None}) + "\n")
            for item in report.rejects:
                fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
    return path
