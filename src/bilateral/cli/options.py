"""Options shared by several commands, and table printing."""
from __future__ import annotations

import sys

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from bilateral.store import DEFAULT_DB
from bilateral.text.dates import to_iso_date

DB_OPTION = typer.Option(DEFAULT_DB, "--db", help="The event store (a DuckDB file).", envvar="BILATERAL_DB")
# Not a terminal (pipes, CI logs): a wide fixed width so tables are not cut to 80 columns.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, width=None if sys.stderr.isatty() else 240)


def country_code(code: str) -> str:
    """A 3-letter country code from the command line, upper-cased; a usage error otherwise."""
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise typer.BadParameter(f"{code!r} is not a 3-letter country code (e.g. IRN, RUS, USA)")
    return code


def iso_date_option(value: str | None, name: str) -> str | None:
    """An ISO date from a --from/--to option; a usage error naming the option otherwise."""
    if value is None:
        return None
    iso = to_iso_date(value)
    if iso is None:
        raise typer.BadParameter(f"{name} {value!r} is not a date (use YYYY-MM-DD)")
    return iso


def print_frame(frame: pd.DataFrame, title: str | None = None, max_rows: int = 60) -> None:
    """Print a DataFrame as a rich table (the last ``max_rows`` rows when longer)."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in frame.columns:
        table.add_column(str(column), justify="right" if pd.api.types.is_numeric_dtype(frame[column]) else "left")
    shown = frame.tail(max_rows) if len(frame) > max_rows else frame
    for row in shown.itertuples(index=False):
        table.add_row(*("" if pd.isna(v) else str(v.date() if hasattr(v, "date") and not isinstance(v, str) else v) for v in row))
    console.print(table)
    if len(frame) > max_rows:
        console.print(f"[dim]({len(frame) - max_rows} earlier rows not shown; use --out to write all {len(frame)})[/dim]")
