"""`bilateral dyad A B`: a country pair's table, and its dynamics on request, from the store.

Without analysis options the command prints the period table (counts per quad class,
Goldstein mean and sum). Each analysis option prints its own table; ``--out`` writes what
was shown: one file when one view is chosen, else one file per view beside it
(``r.csv`` -> ``r.turning_points.csv``, ``r.phases.csv``...). A ``.json`` file holds the
full records, evidence included; CSV, JSON Lines and Parquet hold the flat table.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional

import pandas as pd
import typer

from bilateral.cli.options import DB_OPTION, console, country_code, iso_date_option, print_frame
from bilateral.dynamics import (
    Dyad, context, dyad_table, outlook, phases, reciprocity, turning_points, words_deeds,
)
from bilateral.dynamics.dimensions import dimension_shares
from bilateral.dynamics.results import plain
from bilateral.store import Store, export
from bilateral.store.export import export_format


def dyad(
    a: str = typer.Argument(..., help="First country, ISO alpha-3 (e.g. IRN)."),
    b: str = typer.Argument(..., help="Second country, ISO alpha-3 (e.g. RUS)."),
    start: Optional[str] = typer.Option(None, "--from", help="First day (ISO date)."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day (ISO date)."),
    freq: str = typer.Option("month", "--freq", help="day, week, month, quarter or year."),
    show_turning_points: bool = typer.Option(False, "--turning-points", help="Shifts in the cooperation index and in volume, with the events that explain them."),
    show_phases: bool = typer.Option(False, "--phases", help="The history cut at the turning points into labelled phases (hostile .. aligned)."),
    show_dimensions: bool = typer.Option(False, "--dimensions", help="Diplomatic, economic, military, legal and humanitarian shares of each phase."),
    show_context: bool = typer.Option(False, "--context", help="Third countries both sides deal with: shared adversaries, partners, brokers."),
    show_outlook: bool = typer.Option(False, "--outlook", help="Forecast of the cooperation index with its interval and back-tested error."),
    show_reciprocity: bool = typer.Option(False, "--reciprocity", help="Who initiates, who answers whom and how fast."),
    show_words_deeds: bool = typer.Option(False, "--words-deeds", help="Verbal against material cooperation and conflict, per side and phase."),
    horizon: int = typer.Option(3, "--horizon", help="Periods ahead for --outlook (3 to 6 is sensible)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Also write what is shown (.csv, .jsonl, .json, .parquet)."),
    engine: str = typer.Option("embedded", "--engine", help="embedded (the DuckDB store) or spark (the period table over --events Parquet; needs bilateral[spark])."),
    events: Optional[str] = typer.Option(None, "--events", help="With --engine spark: Parquet events (path, directory or glob)."),
    db: str = DB_OPTION,
) -> None:
    """Events between A and B per period and direction, and on request their dynamics."""
    a, b = country_code(a), country_code(b)
    start, end = iso_date_option(start, "--from"), iso_date_option(end, "--to")
    if out:
        export_format(out)  # fail on a bad suffix before any work
    chosen = {
        "turning_points": show_turning_points, "phases": show_phases, "dimensions": show_dimensions,
        "context": show_context, "outlook": show_outlook, "reciprocity": show_reciprocity, "words_deeds": show_words_deeds,
    }
    views = [name for name, on in chosen.items() if on]
    if engine != "embedded":
        _spark_table(engine, events, views, a, b, freq, start, end, out)
        return
    with Store(db, read_only=True, wait=10) as store:
        if not views:
            _table(store.con, a, b, freq, start, end, out, db)
            return
        pair = Dyad(store.con, a, b, freq, start, end)
        if pair.start is None:
            console.print(f"No events between {a} and {b} in {db}.")
            raise typer.Exit(0)
        for name in views:
            flat, records, title = VIEWS[name](pair, horizon)
            _show(flat, title)
            if out:
                console.print(f"wrote {_write(flat, records, _path_for(out, name, len(views)))}")


def _table(con, a: str, b: str, freq: str, start: str | None, end: str | None, out: Path | None, db: str) -> None:
    _show_table(dyad_table(con, a, b, freq=freq, start=start, end=end), a, b, freq, db, out)


def _spark_table(engine: str, events: str | None, views: list[str], a: str, b: str, freq: str,
                 start: str | None, end: str | None, out: Path | None) -> None:
    """The period table computed by Spark SQL over Parquet events (bilateral.spark.dyad)."""
    if engine != "spark":
        raise typer.BadParameter(f"{engine!r}: use embedded or spark", param_hint="--engine")
    if not events or views:
        raise typer.BadParameter("--engine spark needs --events PARQUET and gives the period table only", param_hint="--engine")
    from bilateral.spark.dyad import spark_dyad_table

    _show_table(spark_dyad_table(events, a, b, freq=freq, start=start, end=end), a, b, freq, events, out)


def _show_table(frame, a: str, b: str, freq: str, where: str, out: Path | None) -> None:
    """Print the period table (or say there is nothing) and export it when asked."""
    if frame.empty:
        console.print(f"No events between {a} and {b} in {where}.")
        raise typer.Exit(0)
    print_frame(frame, title=f"{a} - {b} by {freq} ({int(frame['events'].sum())} events)")
    if out:
        console.print(f"wrote {export(frame, out)}")


# Each view returns (flat table to print and write, full records for .json, title).
View = Callable[[Dyad, int], tuple[pd.DataFrame, object, str]]


def _turning_points(pair: Dyad, horizon: int):
    found = turning_points(pair)
    flat = pd.DataFrame([{
        "date": tp.date, "series": tp.series, "direction": tp.direction,
        "before": tp.before_level, "after": tp.after_level, "size": tp.size, "strength": tp.strength,
        "top_event": _event_line(tp.evidence[0]) if tp.evidence else "",
        "evidence_event_ids": " ".join(tp.evidence_event_ids),
    } for tp in found], columns=["date", "series", "direction", "before", "after", "size", "strength", "top_event", "evidence_event_ids"])
    return flat, found, f"{pair.a} - {pair.b}: {len(found)} turning points ({pair.freq})"


def _phases(pair: Dyad, horizon: int):
    found = phases(pair)
    flat = pd.DataFrame([{
        "start": p.start, "end": p.end, "label": p.label, "level": p.level, "trend_per_year": p.trend,
        "trend": p.trend_label, "events": p.events, "top_event": _event_line(p.evidence[0]) if p.evidence else "",
        "defining_event_ids": " ".join(p.defining_event_ids),
    } for p in found], columns=["start", "end", "label", "level", "trend_per_year", "trend", "events", "top_event", "defining_event_ids"])
    return flat, found, f"{pair.a} - {pair.b}: {len(found)} phases ({pair.freq})"


def _dimensions(pair: Dyad, horizon: int):
    shares = dimension_shares(pair)
    flat = shares.assign(share=shares["share"].round(3), coop_share=shares["coop_share"].round(3),
                         conflict_share=shares["conflict_share"].round(3), coop_index=shares["coop_index"].round(3))
    return flat, shares, f"{pair.a} - {pair.b}: dimensions per phase (shares of the phase's events)"


def _context(pair: Dyad, horizon: int):
    found = context(pair)
    flat = pd.DataFrame([{
        "country": c.country, "role": c.role, "score": round(c.score, 2), f"{pair.a}_index": round(c.a_index, 3),
        f"{pair.b}_index": round(c.b_index, 3), f"{pair.a}_events": c.a_events, f"{pair.b}_events": c.b_events,
        "mediations": c.mediations, "evidence_event_ids": " ".join(c.evidence_event_ids),
    } for c in found])
    return flat, found, f"{pair.a} - {pair.b}: third countries dealing with both"


def _outlook(pair: Dyad, horizon: int):
    result = outlook(pair, horizon=horizon)
    if result is None:
        return pd.DataFrame(columns=["period", "mean", "lower", "upper"]), None, "outlook: too few periods with an index"
    flat = result.forecast.assign(period=result.forecast["period"].dt.date).round(3)
    mae = "n/a" if result.backtest_mae is None else f"{result.backtest_mae:.3f} (naive {result.backtest_naive_mae:.3f})"
    title = (f"{pair.a} - {pair.b}: outlook, {result.model}, {int(result.level * 100)}% interval; "
             f"back-test MAE {mae} over {result.backtest_origins} origins")
    return flat, result, title


def _reciprocity(pair: Dyad, horizon: int):
    r = reciprocity(pair)
    rows = [
        ("events sent", f"{pair.a}: {r.a_events}", f"{pair.b}: {r.b_events}"),
        ("exchanges opened", f"{pair.a}: {r.a_initiations}", f"{pair.b}: {r.b_initiations} (joint {r.joint_initiations})"),
        ("answers after (periods)", f"{pair.a}: {_lag(r.a_response_lag, r.a_response_corr)}", f"{pair.b}: {_lag(r.b_response_lag, r.b_response_corr)}"),
        ("asymmetry I(A->B) - I(B->A)", f"{r.asymmetry:+.3f}", ""),
    ]
    return pd.DataFrame(rows, columns=["measure", pair.a, pair.b]), r, f"{pair.a} - {pair.b}: reciprocity ({r.measure} by {pair.freq})"


def _words_deeds(pair: Dyad, horizon: int):
    table = words_deeds(pair)
    flat = table.assign(
        coop_gap=table["coop_gap"].round(3), conflict_gap=table["conflict_gap"].round(3),
        words_event_ids=table["words_event_ids"].map(" ".join), deeds_event_ids=table["deeds_event_ids"].map(" ".join),
    )
    return flat, table, f"{pair.a} - {pair.b}: words against deeds (gap = (words - deeds) / (words + deeds))"


VIEWS: dict[str, View] = {
    "turning_points": _turning_points, "phases": _phases, "dimensions": _dimensions, "context": _context,
    "outlook": _outlook, "reciprocity": _reciprocity, "words_deeds": _words_deeds,
}


def _lag(lag: int | None, corr: float | None) -> str:
    return "n/a" if lag is None else f"{lag} (r = {corr:.2f})"


def _event_line(ref) -> str:
    text = ref.sentence or ref.title or ""
    text = text if len(text) <= 70 else text[:67] + "..."
    return f"{ref.date} {ref.cameo} {ref.goldstein:+g}: {text}" if ref.goldstein is not None else f"{ref.date} {ref.cameo}: {text}"


def _show(flat: pd.DataFrame, title: str) -> None:
    hidden = [c for c in flat.columns if c.endswith("_event_ids")]  # long id lists go to --out, not the screen
    print_frame(flat.drop(columns=hidden), title=title)


def _path_for(out: Path, view: str, count: int) -> Path:
    return out if count == 1 else out.with_name(f"{out.stem}.{view}{out.suffix}")


def _write(flat: pd.DataFrame, records: object, path: Path) -> Path:
    if export_format(path) != "json":
        return export(flat, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plain(records), indent=1, ensure_ascii=False), encoding="utf-8")
    return path




def register(app: typer.Typer) -> None:
    app.command("dyad")(dyad)
