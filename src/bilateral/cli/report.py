"""`bilateral report A B --out FILE`: the relationship report as HTML, Markdown or JSON."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from bilateral.cli.options import DB_OPTION, console
from bilateral.store import Store
from bilateral.text.dates import to_iso_date


def report(
    a: str = typer.Argument(..., help="First country, ISO alpha-3 (e.g. IRN)."),
    b: str = typer.Argument(..., help="Second country, ISO alpha-3 (e.g. RUS)."),
    out: Path = typer.Option(..., "--out", help="The report file: .html (self-contained), .md (charts as PNG beside it) or .json."),
    start: Optional[str] = typer.Option(None, "--from", help="First day (ISO date); default the pair's first event."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day (ISO date); default the pair's last event."),
    freq: str = typer.Option("month", "--freq", help="day, week, month, quarter or year."),
    db: str = DB_OPTION,
) -> None:
    """Write the report on how the relationship between A and B evolved, with every claim cited to its events."""
    from bilateral.dynamics import FREQUENCIES
    from bilateral.report import build_report, report_format, write_report

    report_format(out)  # fail on a bad suffix before any work
    if freq not in FREQUENCIES:
        raise typer.BadParameter(f"{freq!r} is not a frequency; use one of {', '.join(FREQUENCIES)}", param_hint="--freq")
    a, b = _country(a), _country(b)
    if a == b:
        raise typer.BadParameter(f"a report needs two different countries, got {a} twice")
    began = time.perf_counter()
    with Store(db, read_only=True, wait=10) as store:
        data = build_report(store.con, a, b, _date(start, "--from"), _date(end, "--to"), freq)
    path = write_report(data, out)
    meta = data["meta"]
    console.print(
        f"wrote {path} ({meta['events']:,} events, {len(data['evidence'])} cited, "
        f"{time.perf_counter() - began:.1f} s)"
    )
    if meta["events"] == 0:
        console.print(f"[yellow]no events between {a} and {b} in {db}; the report says so[/yellow]")


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
    app.command("report")(report)
