"""Column layouts of the event datasets, read from ``bilateral/data/layouts/*.csv``.

A layout lists a file's columns in order with the type bilateral parses each as; the
CAMEO type stands for an ENUM of the known CAMEO codes, so an unknown code is a bad row
the CSV reader reports with its line. :func:`sniff` reads a file's first line to tell
which of a dataset's layouts it uses and whether it starts with a header.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bilateral.ontology import cameo_table, normalise_code

LAYOUT_DIR = Path(__file__).resolve().parents[1] / "data" / "layouts"
CAMEO_TYPE = "CAMEO"
_SNIFF_BYTES = 1 << 20


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    header: str


@dataclass(frozen=True)
class Layout:
    """One file layout: its name and its columns in file order."""

    name: str
    columns: tuple[Column, ...]

    @property
    def width(self) -> int:
        return len(self.columns)

    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def duckdb_columns(self) -> tuple[tuple[str, str], ...]:
        """(name, DuckDB type) pairs, with the CAMEO placeholder spelled out as an ENUM."""
        return tuple((c.name, cameo_enum() if c.type == CAMEO_TYPE else c.type) for c in self.columns)

    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def matches_header(self, fields: list[str]) -> bool:
        wanted = [c.header.lower() for c in self.columns]
        return [f.strip().lower() for f in fields] == wanted


def read_data_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a shipped data file, skipping its '#' attribution header."""
    text = path.read_text(encoding="utf-8")
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(body)))


@lru_cache(maxsize=None)
def load_layout(name: str) -> Layout:
    """The layout ``data/layouts/<name>.csv``."""
    rows = read_data_csv(LAYOUT_DIR / f"{name}.csv")
    columns = tuple(
        Column(r["name"], r["type"], r["required"] == "1", r.get("header") or r["name"]) for r in rows
    )
    return Layout(name, columns)


@lru_cache(maxsize=1)
def cameo_aliases() -> dict[str, str]:
    """Every spelling a file may use for a CAMEO code -> the canonical code.

    Files carry zero-padded text ("040"); some exports lost the leading zero ("40").
    A spelling is an alias only where :func:`normalise_code` says it is unambiguous.
    """
    spellings = {}
    for code in cameo_table()["code"]:
        spellings[code] = code
        if code.startswith("0") and code[1:] not in spellings:
            try:
                if normalise_code(code[1:]) == code:
                    spellings[code[1:]] = code
            except KeyError:
                pass
    return spellings


@lru_cache(maxsize=1)
def cameo_enum() -> str:
    """The DuckDB ENUM type of all CAMEO code spellings (parsing fails on anything else)."""
    values = ", ".join("'" + v + "'" for v in sorted(cameo_aliases()))
    return f"ENUM({values})"


@dataclass(frozen=True)
class FirstLine:
    """What the first line of a file says about its layout."""

    fields: list[str]
    delimiter: str
    empty: bool


def sniff(path: str | Path, skip: int = 0) -> FirstLine:
    """Split the first non-empty line of ``path`` (after ``skip`` of them) on tab (or comma, if it has no tab)."""
    with open(path, "rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    for raw in head.splitlines():
        line = raw.decode("utf-8", "replace").rstrip("\r")
        if line.strip() and skip:
            skip -= 1
        elif line.strip():
            delimiter = "\t" if "\t" in line else ","
            fields = next(csv.reader([line], delimiter=delimiter)) if delimiter == "," else line.split("\t")
            return FirstLine(fields, delimiter, empty=False)
    return FirstLine([], "\t", empty=not head.strip())


def choose_layout(first: FirstLine, candidates: list[tuple[Layout, frozenset[int]]]) -> tuple[Layout, bool] | None:
    """The layout the first line fits and whether that line is a header; None if none fits.

    ``candidates`` pairs each layout with the column counts a data row of it may have.
    """
    for layout, _ in candidates:
        if layout.matches_header(first.fields):
            return layout, True
    for layout, widths in candidates:
        if len(first.fields) in widths:
            return layout, False
    return None
