"""`bilateral code INPUT...`: code documents into events, into the store and optionally a file."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from bilateral.cli.options import DB_OPTION, console, err_console
from bilateral.pipeline import CodeReport, code_inputs
from bilateral.store.export import export_format


class Engine(str, Enum):
    embedded = "embedded"
    spark = "spark"


def code(
    inputs: List[Path] = typer.Argument(..., help=".txt/.html/.jsonl/.csv files, or directories of them."),
    out: Optional[Path] = typer.Option(None, "--out", help="Also write the events to .jsonl, .csv or .parquet (with --engine spark: a Parquet directory)."),
    text_col: str = typer.Option("text", "--text-col", help="CSV/JSONL field holding the text."),
    date_col: str = typer.Option("date", "--date-col", help="CSV/JSONL field holding the publication date."),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="Write rejected inputs (file, line, reason) as JSON Lines."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Documents per transaction."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Coding processes (default: all cores; 1 = in this process)."),
    prescan: bool = typer.Option(True, "--prescan/--no-prescan", help="Parse only sentences that name an actor and a predicate (--no-prescan parses every sentence)."),
    engine: Engine = typer.Option(Engine.embedded, "--engine", help="embedded (DuckDB store, local processes) or spark (needs bilateral[spark]; writes --out as Parquet)."),
    db: str = DB_OPTION,
) -> None:
    """Code news text into events (who did what to whom, when), each with its sentence."""
    if engine is Engine.spark:
        _code_with_spark(inputs, out, text_col, date_col, prescan)
        return
    if out is not None:
        export_format(out)
    from bilateral.scale.progress import coding_progress

    with coding_progress() as progress:
        report = code_inputs(inputs, db, out=out, batch_size=batch_size, progress=progress, workers=workers,
                             prescan=prescan, text_col=text_col, date_col=date_col)
    _summarise(report, db, out, rejects)
    if report.documents_rejected:
        raise typer.Exit(2)


def _code_with_spark(inputs: List[Path], out: Optional[Path], text_col: str, date_col: str, prescan: bool) -> None:
    if out is None:
        raise typer.BadParameter("--engine spark writes Parquet: give --out DIRECTORY", param_hint="--out")
    from bilateral.spark.code import code_to_parquet

    summary = code_to_parquet(inputs, out, prescan=prescan, text_col=text_col, date_col=date_col)
    console.print(f"documents: {summary.documents} coded; {summary.events} events; wrote {out}")


def _summarise(report: CodeReport, db: str, out: Path | None, rejects_path: Path | None) -> None:
    for reject in report.rejects:
        err_console.print(f"[red]rejected[/red] {reject}", highlight=False, soft_wrap=True)
    console.print(
        f"documents: {report.documents_read} read, {report.documents_stored} stored, "
        f"{report.documents_duplicate} duplicate, {report.documents_rejected} rejected; "
        f"{report.sentences} sentences; {report.events} events ({report.events_stored} new in {db})"
    )
    if out:
        console.print(f"wrote {out}")
    if rejects_path and report.documents_rejected:
        console.print(f"rejects written to {report.rejects.write(rejects_path)}")


def register(app: typer.Typer) -> None:
    app.command("code")(code)
