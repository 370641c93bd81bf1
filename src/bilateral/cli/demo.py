"""`bilateral demo`: code the embedded Iran-Russia corpus and show what bilateral makes of it."""
from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

import typer

from bilateral.cli.options import console, print_frame
from bilateral.dynamics import dyad_table
from bilateral.pipeline import code_inputs
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
    for name, path in _extras(db, out):
        console.print(f"{name}: {path}")
    console.print(f"store: {db}\nevents: {events_path}")
    console.print(f"next: bilateral dyad IRN RUS --db {db} --freq year")


def _extras(db: Path, out: Path) -> list[tuple[str, Path]]:
    """Outputs from later stages (the report), when those stages are installed."""
    try:
        from bilateral.report import write_report
    except ImportError:
        return []
    path = write_report(db, "IRN", "RUS", out / "report-IRN-RUS.html")
    return [("report", path), ("open it", Path(f"file://{path.resolve()}")), ("serve", Path(f"bilateral serve --db {db}"))]


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
