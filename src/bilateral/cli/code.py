"""`bilateral code INPUT...`: code documents into events, into the store and optionally a file."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from bilateral.cli.options import DB_OPTION, console, err_console
from bilateral.pipeline import CodeReport, code_inputs
from bilateral.store.export import export_format


def code(
    inputs: List[Path] = typer.Argument(..., help=".txt/.html/.jsonl/.csv files, or directories of them."),
    out: Optional[Path] = typer.Option(None, "--out", help="Also write the events to .jsonl, .csv or .parquet."),
    text_col: str = typer.Option("text", "--text-col", help="CSV/JSONL field holding the text."),
    date_col: str = typer.Option("date", "--date-col", help="CSV/JSONL field holding the publication date."),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="Write rejected inputs (file, line, reason) as JSON Lines."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Documents per transaction."),
    db: str = DB_OPTION,
) -> None:
    """Code news text into events (who did what to whom, when), each with its sentence."""
    if out is not None:
        export_format(out)
    report = code_inputs(inputs, db, out=out, batch_size=batch_size, text_col=text_col, date_col=date_col)
    _summarise(report, db, out, rejects)
    if report.documents_rejected:
        raise typer.Exit(2)


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
