"""The geography section: a map of where the pair's events happen, and a table of places."""
from __future__ import annotations

from bilateral.report import blocks as B
from bilateral.report import charts, geo
from bilateral.report.build import ReportContext
from bilateral.report.prose import THIN_EVENTS, join_words, paragraph

MAPPED = 40  # places drawn on the map (the table lists them all)
TABLE_ROWS = 25


def geography_section(ctx: ReportContext) -> dict:
    frame = geo.places(ctx.con, ctx.a, ctx.b, ctx.start, ctx.end)
    events = ctx.analysis["facts"]["events"]
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    placed = sum(int(r["events"]) for r in rows)
    mapped = [r for r in rows if r["lat"] is not None and r["lon"] is not None]
    top = join_words([f"{r['place']} ({r['events']})" for r in rows[:3]])
    blocks = [paragraph("geography", placed=placed, events=events, share=placed / events if events else 0.0, top=top,
                        unmapped=len(rows) - len(mapped), THIN_EVENTS=THIN_EVENTS)]
    if mapped:
        blocks.append(_map(ctx, mapped[:MAPPED]))
    if rows:
        blocks.append(B.table("table-places", "Places named in the events", [
            B.column("place", "place"), B.column("events", "events", "number"),
            B.column("cooperation", "cooperative", "number"), B.column("conflict", "conflictual", "number"),
            B.column("goldstein_mean", "mean Goldstein", "number", 1), B.column("first", "first"),
            B.column("last", "last"), B.column("evidence", "example", "cites")],
            [{**_row(r), "evidence": ctx.cite([r["top_event_id"]])} for r in rows[:TABLE_ROWS]]))
    return B.section("geography", "Geography", blocks)


def _row(r: dict) -> dict:
    keys = ("place", "events", "cooperation", "conflict", "goldstein_mean", "first", "last")
    return {k: (round(float(r[k]), 2) if k == "goldstein_mean" and r[k] is not None else r[k]) for k in keys}


def _map(ctx: ReportContext, rows: list[dict]) -> dict:
    box = geo.view_box([float(r["lat"]) for r in rows], [float(r["lon"]) for r in rows])
    points = [{"place": r["place"], "lat": round(float(r["lat"]), 3), "lon": round(float(r["lon"]), 3),
               "events": int(r["events"]), "goldstein_mean": round(float(r["goldstein_mean"] or 0.0), 2)} for r in rows]
    spec = charts.map_chart(geo.features_in(box, (ctx.a, ctx.b)), geo.box_feature(box), points, "")
    caption = (f"Where the events between {ctx.name_a} and {ctx.name_b} happen: circle area is the number of events, "
               "colour their mean Goldstein weight (red conflict, green cooperation). Boundaries: Natural Earth 1:110m.")
    return B.chart("chart-map", "Map of event locations", caption, spec)
