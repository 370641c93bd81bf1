"""`bilateral dyad A B`: the monthly (or other) table of a country pair from the store."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from bilateral.cli.options import DB_OPTION, console, print_frame
from bilateral.dynamics import dyad_table
from bilateral.store import Store, export
from bilateral.text.dates import to_iso_date


def dyad(
    a: str = typer.Argument(..., help="First country, ISO alpha-3 (e.g. IRN)."),
    b: str = typer.Argument(..., help="Second country, ISO alpha-3 (e.g. RUS)."),
    start: Optional[str] = typer.Option(None, "--from", help="First day (ISO date)."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day (ISO date)."),
    freq: str = typer.Option("month", "--freq", help="day, week, month, quarter or year."),
    out: Optional[Path] = typer.Option(None, "--out", help="Also write the table (.csv, .jsonl, .json, .parquet)."),
    db: str = DB_OPTION,
) -> None:
    """Events between A and B per period and direction: counts per quad class, Goldstein mean and sum."""
    a, b = _country(a), _country(b)
    with Store(db, read_only=True, wait=10) as store:
        frame = dyad_table(store.con, a, b, freq=freq, start=_date(start, "--from"), end=_date(end, "--to"))
    if frame.empty:
        console.print(f"No events between {a} and {b} in {db}.")
        raise typer.Exit(0)
    print_frame(frame, title=f"{a} - {b} by {freq} ({int(frame['events'].sum())} events)")
    if out:
        console.print(f"wrote {export(frame, out)}")


def _country(code: str) -> str:
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise typer.BadParameter(f"{code!r} is not a 3-letter country code (e.g. IRN, RUS, USA)")
    return code


def _date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    iso = to_iso_date(value)
    if iso is None:
        raise typer.BadParameter(f"{name} {value!r} is not a date (use YYYY-MM-DD)")
    return iso


def register(app: typer.Typer) -> None:
    app.command("dyad")(dyad)
