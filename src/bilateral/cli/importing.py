"""`bilateral import DATASET FILE...` and `bilateral export --format gdelt2|icews`: event datasets in and out."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from bilateral.cli.options import DB_OPTION, console, err_console
from bilateral.errors import BilateralError
from bilateral.sources.datasets import DATASETS, load_builtin_readers
from bilateral.sources.importer import ImportReport, import_files, write_rejects
from bilateral.store import Store, export
from bilateral.store.formats import EXPORT_FORMATS, export_dataset
from bilateral.text.dates import to_iso_date

REJECTED_EXIT = 2  # something was rejected: the rest is stored, the rejects file says what and why


def import_command(
    dataset: str = typer.Argument(..., help="gdelt (1.0 or 2.0 events, 2.0 mentions), icews or phoenix."),
    files: List[Path] = typer.Argument(..., help="Files (plain, .zip or .gz) or folders of them."),
    db: str = DB_OPTION,
    out: Optional[Path] = typer.Option(None, "--out", help="Also write the events this run stored (.parquet, .csv, .jsonl)."),
    dedup: str = typer.Option("exact", "--dedup", help="exact: collapse repeated rows; window: also merge same source, target and code within --window-days."),
    window_days: int = typer.Option(1, "--window-days", min=1, help="Window length for --dedup window."),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="Where to write rejected rows (JSONL); default: next to the store."),
) -> None:
    """Import GDELT, ICEWS or Phoenix event files into the store, keeping each dataset's ids and fields.

    Prints one line per file (read = stored + duplicates + rejected) and exits with 2 when
    any row or file was rejected (the rejects file gives line and reason for each).
    """
    load_builtin_readers()
    if dataset not in DATASETS:
        raise typer.BadParameter(f"{dataset!r}: choose one of {', '.join(sorted(DATASETS))}", param_hint="DATASET")
    if dedup not in ("exact", "window"):
        raise typer.BadParameter(f"{dedup!r}: choose exact or window", param_hint="--dedup")
    with Store(db, wait=30) as store:
        reports = import_files(
            store, dataset, files, window_days=window_days if dedup == "window" else None,
            keep_keys=out is not None, on_report=print_report,
        )
        if out:
            _write_new_events(store, reports, out)
    finish(reports, rejects or default_rejects_path(db))


def print_report(report: ImportReport) -> None:
    (err_console if report.failed else console).print(report.summary(), markup=False, highlight=False)


def _write_new_events(store: Store, reports: list[ImportReport], out: Path) -> None:
    keys = [r.new_keys for r in reports if r.new_keys is not None and r.reader and "mentions" not in r.reader]
    if not keys:
        console.print(f"no new events to write to {out}")
        return
    import pyarrow as pa

    store.con.register("_import_out_keys", pa.concat_tables(keys))
    try:
        rel = store.query("SELECT * FROM events WHERE event_id IN (SELECT event_id FROM _import_out_keys) ORDER BY date, event_id")
        console.print(f"wrote {export(rel, out)}")
    finally:
        store.con.unregister("_import_out_keys")


def default_rejects_path(db: str) -> Path:
    return Path(db).with_name(Path(db).stem + ".rejects.jsonl")


def finish(reports: list[ImportReport], rejects_path: Path) -> None:
    totals = {k: sum(getattr(r, k) for r in reports) for k in ("read", "stored", "duplicates", "rejected")}
    failed = [r for r in reports if r.error]
    console.print(
        f"{len(reports)} file(s): read {totals['read']:,}, stored {totals['stored']:,}, "
        f"duplicates {totals['duplicates']:,}, rejected {totals['rejected']:,}"
        + (f", {len(failed)} file(s) not imported" if failed else ""),
        markup=False, highlight=False,
    )
    if any(r.failed for r in reports):
        written = write_rejects(reports, rejects_path)
        err_console.print(f"rejected rows and files: {written}", markup=False, highlight=False)
        raise typer.Exit(REJECTED_EXIT)


def export_command(
    fmt: str = typer.Option(..., "--format", help="gdelt2 (61-column GDELT 2.0 event TSV) or icews (ICEWS coded-event TSV)."),
    out: Path = typer.Option(..., "--out", help="The file to write."),
    start: Optional[str] = typer.Option(None, "--from", help="First day (ISO date)."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day (ISO date)."),
    db: str = DB_OPTION,
) -> None:
    """Write the store's events as GDELT 2.0 or ICEWS TSV, for tools that read those formats."""
    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    bounds = [_iso(value, name) for value, name in ((start, "--from"), (end, "--to"))]
    with Store(db, read_only=True, wait=10) as store:
        rows = export_dataset(store.con, fmt, out, *bounds)
    console.print(f"wrote {rows:,} events to {out} ({fmt})")


def _iso(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    iso = to_iso_date(value)
    if iso is None:
        raise BilateralError(f"{name} {value!r} is not a date (use YYYY-MM-DD)")
    return iso


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("export")(export_command)
