"""`bilateral fetch gdelt --from DATE --to DATE`: download, verify and import GDELT files (resumable)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from bilateral.cli.importing import default_rejects_path, finish, print_report
from bilateral.cli.options import DB_OPTION
from bilateral.errors import BilateralError
from bilateral.sources.fetch import FetchPlan, fetch_gdelt
from bilateral.store import Store
from bilateral.text.dates import to_iso_date

fetch_app = typer.Typer(help="Download event datasets and import them.", no_args_is_help=True)


@fetch_app.command("gdelt")
def fetch_gdelt_command(
    start: str = typer.Option(..., "--from", help="First day (YYYY-MM-DD)."),
    end: str = typer.Option(..., "--to", help="Last day (YYYY-MM-DD), inclusive."),
    version: int = typer.Option(2, "--version", min=1, max=2, help="GDELT 1.0 (daily/monthly/yearly files) or 2.0 (15-minute files)."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="A mirror holding the file list and the zips (default: data.gdeltproject.org)."),
    mentions: bool = typer.Option(False, "--mentions", help="Also fetch the 2.0 mentions tables."),
    dedup: str = typer.Option("exact", "--dedup", help="exact, or window (merge same source, target and code within --window-days)."),
    window_days: int = typer.Option(1, "--window-days", min=1, help="Window length for --dedup window."),
    downloads: Optional[Path] = typer.Option(None, "--downloads", help="Folder for the zips (default: next to the store)."),
    keep_downloads: bool = typer.Option(False, "--keep-downloads", help="Keep the zips after importing them."),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="Where to write rejected rows and files (JSONL)."),
    db: str = DB_OPTION,
) -> None:
    """Download GDELT's files for a date range, check each against the list's size and MD5, and import it.

    Files already imported (same MD5) are skipped, so rerunning after a stop resumes.
    Exits with 2 when a file failed (bad checksum, corrupt zip) or rows were rejected.
    """
    if dedup not in ("exact", "window"):
        raise typer.BadParameter(f"{dedup!r}: choose exact or window", param_hint="--dedup")
    plan = FetchPlan(
        _day(start, "--from"), _day(end, "--to"), version, base_url, mentions,
        window_days if dedup == "window" else None, keep_downloads,
    )
    folder = downloads or Path(db).with_name(Path(db).stem + ".downloads")
    with Store(db, wait=30) as store:
        reports = fetch_gdelt(store, plan, folder, on_report=print_report)
    if not reports:
        typer.echo(f"no GDELT {version} files between {plan.start} and {plan.end}")
        return
    finish(reports, rejects or default_rejects_path(db))


def _day(value: str, name: str) -> dt.date:
    iso = to_iso_date(value)
    if iso is None:
        raise BilateralError(f"{name} {value!r} is not a date (use YYYY-MM-DD)")
    return dt.date.fromisoformat(iso)


def register(app: typer.Typer) -> None:
    app.add_typer(fetch_app, name="fetch")
