"""`bilateral demo`: code the embedded Iran-Russia corpus and show what bilateral makes of it."""
from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

import typer

from bilateral.cli.options import console, print_frame
from bilateral.dynamics import dyad_table
from bilateral.pipeline import code_inputs
from bilateral.report import build_report, write_report
from bilateral.store import Store


def demo_corpus() -> Path:
    """The folder of the embedded demo corpus (JSON Lines written for this project)."""
    return Path(str(resources.files("bilateral") / "data" / "demo"))


def demo(out: Path = typer.Option(Path("out"), "--out", help="Folder for the demo's store, events and report.")) -> None:
    """Code the demo corpus into OUT/demo.duckdb, print the Iran-Russia table and write the outputs."""
    out.mkdir(parents=True, exist_ok=True)
    db, events_path = out / "demo.duckdb", out / "events.jsonl"
    started = time.perf_counter()
    report = code_inputs([demo_corpus()], db, out=events_path)
    console.print(
        f"coded {report.documents_read} documents, {report.sentences} sentences -> {report.events} events "
        f"in {time.perf_counter() - started:.1f}s"
    )
    with Store(db, read_only=True) as store:
        table = dyad_table(store.con, "IRN", "RUS", freq="month")
    if table.empty:
        raise typer.Exit(1)
    print_frame(table, title=f"Iran - Russia by month ({int(table['events'].sum())} events)", max_rows=40)
    report_path = _write_report(db, out)
    console.print(f"store:  {db}\nevents: {events_path}\nreport: {report_path}")
    console.print(f"open the report: xdg-open {report_path}  (or file://{report_path.resolve()} in a browser)")
    console.print(f"explore in the browser: bilateral serve --db {db}  (then http://127.0.0.1:8000)")
    console.print(f"more tables: bilateral dyad IRN RUS --db {db} --freq year --phases")


def _write_report(db: Path, out: Path) -> Path:
    """The Iran-Russia report of the demo store, as one self-contained HTML file."""
    with Store(db, read_only=True) as store:
        report = build_report(store.con, "IRN", "RUS")
    return write_report(report, out / "report-IRN-RUS.html")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
