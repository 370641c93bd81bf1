"""Event datasets (GDELT, ICEWS, Phoenix): readers registered by name, and the import of a file.

A :class:`DatasetReader` says how one file layout becomes rows of the store: the layout
to parse, the column mapping into the common event record (SQL over the parsed row ``r``
and the CAMEO table ``o``), and the Goldstein profile for rows without a score. Readers
are registered by versioned name (``gdelt2.v1``); the name is stored as each event's
``origin``. A third party adds a dataset with :func:`register_reader`.

:func:`import_file` streams one file into the store in one transaction: parse and map in
DuckDB (no Python loop over rows), keep bad rows with line and reason, collapse duplicates,
and record the counts (read = stored + duplicates + rejected) in the ingest log.
"""
from __future__ import annotations

import importlib
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb
import pyarrow as pa

from bilateral.errors import InputError
from bilateral.ontology import ontology_frame
from bilateral.sources.layouts import FirstLine, Layout, cameo_aliases, choose_layout, load_layout, sniff
from bilateral.sources.scan import RowReject, ScanOptions, collect_rejects, count_records, drop_reject_tables, scan_sql
from bilateral.sources.unpack import readable_copy
from bilateral.store import dedup

Prepare = Callable[[duckdb.DuckDBPyConnection, str], None]


@dataclass(frozen=True)
class DatasetReader:
    """How files of one dataset layout become rows of the store."""

    name: str  # registered, versioned ("gdelt2.v1"); stored as the events' origin
    dataset: str  # short dataset name, the prefix of event ids ("gdelt")
    layout: str  # file under data/layouts/
    widths: frozenset[int]  # column counts a data row may have
    columns: dict[str, str]  # target column -> SQL over the parsed row `r` and CAMEO row `o`
    code_column: str | None = None  # the CAMEO code column joined to the CAMEO table
    profile: str = "gdelt"  # Goldstein profile for rows without a score
    table: str = "events"
    key: str = "event_id"
    joins: str = ""  # extra joins (lookup tables made by `prepare`)
    prepare: Prepare | None = None  # makes lookup tables from the scan before the load
    dateformat: str = "%Y%m%d"
    timestampformat: str | None = None
    nullstr: tuple[str, ...] = ("",)
    null_padding: bool = False
    quote_when_comma: bool = True

    def layout_spec(self) -> Layout:
        return load_layout(self.layout)

    def scan_options(self, header: bool, delimiter: str) -> ScanOptions:
        layout = self.layout_spec()
        return ScanOptions(
            columns=layout.duckdb_columns(), required=layout.required(), delimiter=delimiter, header=header,
            dateformat=self.dateformat, timestampformat=self.timestampformat, nullstr=self.nullstr,
            null_padding=self.null_padding, quote='"' if delimiter == "," and self.quote_when_comma else "",
        )


READERS: dict[str, DatasetReader] = {}
DATASETS: dict[str, list[str]] = {}
# Built-in readers register themselves on import, through the same hook a plugin uses.
BUILTIN_READER_MODULES = ("bilateral.sources.gdelt", "bilateral.sources.icews", "bilateral.sources.phoenix")


def load_builtin_readers() -> None:
    """Import the built-in reader modules (idempotent)."""
    for module in BUILTIN_READER_MODULES:
        importlib.import_module(module)


def register_reader(reader: DatasetReader) -> DatasetReader:
    """Make ``bilateral import <reader.dataset>`` consider ``reader`` (chosen by the file's first line)."""
    READERS[reader.name] = reader
    names = DATASETS.setdefault(reader.dataset, [])
    if reader.name not in names:
        names.append(reader.name)
    return reader


def choose_reader(dataset: str, first: FirstLine) -> tuple[DatasetReader, bool] | None:
    """The registered reader of ``dataset`` whose layout the first line fits, and whether it is a header."""
    load_builtin_readers()
    if dataset not in DATASETS:
        raise InputError(dataset, f"unknown dataset; choose one of {', '.join(sorted(DATASETS))}")
    readers = [READERS[n] for n in DATASETS[dataset]]
    chosen = choose_layout(first, [(r.layout_spec(), r.widths) for r in readers])
    if chosen is None:
        return None
    layout, header = chosen
    return next(r for r in readers if r.layout == layout.name), header


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
    new_keys: pa.Table | None = None

    def adds_up(self) -> bool:
        return self.read == self.stored + self.duplicates + self.rejected

    def summary(self) -> str:
        if self.error:
            return f"{self.path}: not imported: {self.error}"
        if self.skipped:
            return f"{self.path}: skipped ({self.skipped})"
        return (
            f"{self.path}: read {self.read:,}, stored {self.stored:,}, duplicates {self.duplicates:,}, "
            f"rejected {self.rejected:,} [{self.reader}]"
        )


def ensure_cameo_table(con: duckdb.DuckDBPyConnection, profile: str) -> str:
    """A temp join table: every CAMEO code spelling -> canonical code, classes, Goldstein, PLOVER."""
    name = f"_bilateral_cameo_{profile}"
    present = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND temporary", [name]).fetchall()
    if present[0][0]:
        return name
    frame = ontology_frame(profile).set_index("code")
    aliases = cameo_aliases()
    rows = frame.loc[list(aliases.values())].reset_index()
    rows.insert(0, "spelling", list(aliases.keys()))
    con.register("_bilateral_cameo_frame", rows)
    try:
        from bilateral.sources.layouts import cameo_enum

        con.execute(
            f"CREATE TEMP TABLE {name} AS SELECT spelling::{cameo_enum()} AS spelling, code, root, "
            "quad_class::TINYINT AS quad_class, penta_class::TINYINT AS penta_class, goldstein, plover, plover_mode "
            "FROM _bilateral_cameo_frame"
        ).fetchall()
    finally:
        con.unregister("_bilateral_cameo_frame")
    return name


def load_sql(reader: DatasetReader, scan: str, cameo_table: str | None) -> str:
    """INSERT ... SELECT that maps a parsed file into the reader's table, returning the new keys."""
    select = ", ".join(f"{expr} AS {col}" for col, expr in reader.columns.items())
    source = f"{scan} AS r"
    if reader.code_column and cameo_table:
        source += f' JOIN {cameo_table} AS o ON o.spelling = r."{reader.code_column}"'
    source += f" {reader.joins}"
    return f"INSERT INTO {reader.table} BY NAME SELECT {select} FROM {source} RETURNING {reader.key}"


@dataclass(frozen=True)
class IngestTag:
    """How an import is recorded in the ingest log (fetch passes the file's MD5 for resume)."""

    run_id: str
    kind_prefix: str = "import"
    fingerprint: str | None = None


def import_file(
    store, dataset: str, path: str | Path, *, window_days: int | None = None,
    tag: IngestTag | None = None, shown: str | None = None,
) -> ImportReport:
    """Import one dataset file into ``store`` in one transaction; bad rows never raise.

    Args:
        store: an open :class:`bilateral.store.Store`.
        dataset: a registered dataset name ("gdelt", "icews", "phoenix").
        path: the file (plain, .zip or .gz).
        window_days: also collapse same source/target/code events within windows of N days.
        tag: run id, log kind and fingerprint for the ingest log.
        shown: the name used for the file in reports and rejects.
    Returns:
        The counts, the rejected rows, and the keys of the stored rows.
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
            _import_plain(store, dataset, plain, report, window_days, log)
    except InputError as exc:
        report.error = exc.reason
    return report


def _import_plain(store, dataset: str, path: Path, report: ImportReport, window_days: int | None, log) -> None:
    first = sniff(path)
    chosen = None if first.empty else choose_reader(dataset, first)
    if chosen is None:
        if not first.empty:
            _reject_file(dataset, path, first, report)
        with store.transaction():
            log()
        return
    reader, header = chosen
    report.reader = reader.name
    options = reader.scan_options(header, first.delimiter)
    rejects_table = f"_bilateral_rejects_{uuid.uuid4().hex[:8]}"
    con = store.con
    with ThreadPoolExecutor(1) as pool:
        records = pool.submit(count_records, path, header)
        with store.transaction():
            keys = _load(con, reader, path, options, rejects_table)
            report.rejects = collect_rejects(con, path, rejects_table, report.path)
            drop_reject_tables(con, rejects_table)
            report.read = records.result()
            _account_unread(report, len(keys))
            report.duplicates, fresh = dedup.drop_exact(con, reader.table, reader.key, keys)
            if window_days and reader.table == "events":
                report.duplicates += dedup.collapse_window(con, fresh, window_days)
            report.stored = len(keys) - report.duplicates
            report.new_keys = fresh
            log()


def _load(con, reader: DatasetReader, path: Path, options: ScanOptions, rejects_table: str) -> pa.Table:
    scan = scan_sql(path, options, rejects_table)
    if reader.prepare:
        reader.prepare(con, scan_sql(path, options, rejects_table + "_prep"))
        drop_reject_tables(con, rejects_table + "_prep")
    cameo = ensure_cameo_table(con, reader.profile) if reader.code_column else None
    return con.sql(load_sql(reader, scan, cameo)).to_arrow_table()


def _account_unread(report: ImportReport, loaded: int) -> None:
    """Rows the file has but neither the load nor the rejects account for become one reject."""
    missing = report.read - loaded - len(report.rejects)
    if missing > 0:
        reason = f"{missing:,} row(s) not read: more than the {len(report.rejects):,} itemised bad rows, or lines the CSV reader skipped"
        report.rejects.append(RowReject(report.path, None, reason, None))
    report.rejected = report.read - loaded if missing > 0 else len(report.rejects)
    if missing < 0:  # the reader saw more records than the line count (e.g. bare CR line ends)
        report.read = loaded + len(report.rejects)


def _reject_file(dataset: str, path: Path, first: FirstLine, report: ImportReport) -> None:
    widths = sorted({w for n in DATASETS[dataset] for w in READERS[n].widths})
    report.read = report.rejected = count_records(path, header=False)
    reason = (
        f"not a {dataset} file: its first line has {len(first.fields)} column(s); "
        f"expected {', '.join(map(str, widths))} or a known header"
    )
    report.rejects = [RowReject(report.path, 1, reason, (first.delimiter.join(first.fields))[:500])]


def _file_fingerprint(path: str | Path) -> str:
    stat = Path(path).stat()
    return f"{Path(path).name}:{stat.st_size}:{stat.st_mtime_ns}"
