"""Event datasets (GDELT, ICEWS, Phoenix): readers registered by name, and the import of a file.

A :class:`DatasetReader` says how one file layout becomes rows of the store: the layout
to parse, the column mapping into the common event record (SQL over the parsed row ``r``
and the CAMEO fields ``o``), and the Goldstein profile for rows without a score. Readers
are registered by versioned name (``gdelt2.v1``); the name is stored as each event's
``origin``. A third party adds a dataset with :func:`register_reader`.

Events go to the narrow ``dataset_events`` table: a reader maps only the columns a
dataset row carries (:data:`DATASET_EVENT_COLUMNS`); the ``events`` view adds the rest
(CAMEO root, classes and PLOVER type from the code; confidence 1, day precision, date
source "dataset", not negated; the dataset id from ``event_id`` "<dataset>:<id>").

:mod:`bilateral.sources.importer` runs a reader over a file.
"""
from __future__ import annotations

import importlib
import numbers
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

import duckdb

from bilateral.errors import InputError
from bilateral.ontology import ontology_frame
from bilateral.sources.layouts import FirstLine, Layout, cameo_aliases, choose_layout, load_layout
from bilateral.sources.scan import ScanOptions
from bilateral.store.migrations import DATASET_EVENT_COLUMNS

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
    table: str = "dataset_events"  # "events" means the same (the view's imported side)
    key: str = "event_id"
    joins: str = ""  # extra joins (lookup tables made by `prepare`)
    prepare: Prepare | None = None  # makes lookup tables from the scan before the load
    dateformat: str = "%Y%m%d"
    timestampformat: str | None = None
    nullstr: tuple[str, ...] = ("",)
    null_padding: bool = False
    # Columns a row must reach: with null padding they are NULL on a short row, which is left out.
    present: tuple[str, ...] = ()
    quote_when_comma: bool = True

    def layout_spec(self) -> Layout:
        return load_layout(self.layout)

    def scan_options(self, header: bool, delimiter: str) -> ScanOptions:
        layout = self.layout_spec()
        return ScanOptions(
            columns=layout.duckdb_columns(), delimiter=delimiter, header=header,
            required=tuple(c for c in layout.required() if c not in self.present), present=self.present,
            min_width=min(self.widths),
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
    """Make ``bilateral import <reader.dataset>`` consider ``reader`` (chosen by the file's first line).

    Raises:
        ValueError: an events reader maps a column ``dataset_events`` does not have.
    """
    if reader.table == "events":
        reader = replace(reader, table="dataset_events")
    extra = sorted(set(reader.columns) - set(DATASET_EVENT_COLUMNS)) if reader.table == "dataset_events" else []
    if extra:
        raise ValueError(
            f"{reader.name}: dataset events have no column(s) {', '.join(extra)}; map only {', '.join(DATASET_EVENT_COLUMNS)}"
        )
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


def _literal(value) -> str:
    if value is None or value != value:  # None or NaN
        return "NULL"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return repr(float(value))


CAMEO_FIELDS = ("code", "root", "quad_class", "penta_class", "goldstein", "plover", "plover_mode")


@lru_cache(maxsize=None)
def cameo_lookup(profile: str, code_expr: str, wanted: tuple[str, ...] = CAMEO_FIELDS) -> str:
    """A struct of CAMEO fields for the code in ``code_expr`` (an ENUM of code spellings).

    Each field is a constant list indexed by the code's position in the ENUM, so mapping
    a row needs no join. ``wanted`` picks fields of code, root, quad_class, penta_class,
    goldstein, plover, plover_mode (each one costs time on every row).
    """
    frame = ontology_frame(profile).set_index("code")
    aliases = cameo_aliases()
    canonical = [aliases[s] for s in sorted(aliases)]  # the ENUM's order
    index = f"(enum_code({code_expr}) + 1)"
    fields = {"code": canonical} if "code" in wanted else {}
    for column in (c for c in CAMEO_FIELDS[1:] if c in wanted):
        fields[column] = [frame.at[code, column] for code in canonical]
    casts = {"quad_class": "TINYINT[]", "penta_class": "TINYINT[]", "goldstein": "DOUBLE[]", "plover": "VARCHAR[]",
             "plover_mode": "VARCHAR[]"}
    parts = []
    for column, values in fields.items():
        items = "[" + ", ".join(_literal(v) for v in values) + "]"
        typed = f"CAST({items} AS {casts[column]})" if column in casts else items
        parts.append(f"'{column}': {typed}[{index}]")
    return "{" + ", ".join(parts) + "}"


def load_sql(reader: DatasetReader, scan: str) -> str:
    """INSERT ... SELECT that maps a parsed file into the reader's table (returns the row count).

    The CAMEO fields of a row are the struct ``o`` (see :func:`cameo_lookup`); a row whose
    code, or one of the reader's ``present`` columns, is missing is left out (the import
    finds and reports it).
    """
    select = ", ".join(f"{expr} AS {col}" for col, expr in reader.columns.items())
    source = f"{scan} AS r"
    present = [f'r."{c}" IS NOT NULL' for c in reader.present]
    if reader.code_column:
        code = f'r."{reader.code_column}"'
        used = "".join(reader.columns.values())
        lookup = cameo_lookup(reader.profile, code, tuple(f for f in CAMEO_FIELDS if f"o.{f}" in used))
        where = " AND ".join([f"{code} IS NOT NULL", *present])
        source = f"(SELECT r.*, {lookup} AS o FROM {scan} AS r WHERE {where}) AS r"
    elif present:
        source = f"(SELECT * FROM {scan} AS r WHERE {' AND '.join(present)}) AS r"
    return f"INSERT INTO {reader.table} BY NAME SELECT {select} FROM {source} {reader.joins}"
