"""`bilateral report A B --out FILE`: the relationship report as HTML, Markdown or JSON."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from bilateral.cli.options import DB_OPTION, console, country_code, iso_date_option
from bilateral.store import Store


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
    a, b = country_code(a), country_code(b)
    if a == b:
        raise typer.BadParameter(f"a report needs two different countries, got {a} twice")
    began = time.perf_counter()
    with Store(db, read_only=True, wait=10) as store:
        data = build_report(store.con, a, b, iso_date_option(start, "--from"), iso_date_option(end, "--to"), freq)
    path = write_report(data, out)
    meta = data["meta"]
    console.print(
        f"wrote {path} ({meta['events']:,} events, {len(data['evidence'])} cited, "
        f"{time.perf_counter() - began:.1f} s)"
    )
    if meta["events"] == 0:
        console.print(f"[yellow]no events between {a} and {b} in {db}; the report says so[/yellow]")




def register(app: typer.Typer) -> None:
    app.command("report")(report)
