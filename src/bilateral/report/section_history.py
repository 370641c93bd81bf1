"""Report sections on the course of the relationship: summary, phases, turning points."""
from __future__ import annotations

from bilateral.dynamics.index import SMOOTH_WINDOW
from bilateral.report import blocks as B
from bilateral.report import charts
from bilateral.report.build import ReportContext, country_name
from bilateral.report.prose import THIN_EVENTS, fmt_index, join_words, paragraph, say

RECENT_PERIODS = 3  # periods compared at the end of the record
THIN_REPORT = 30  # fewer events than this and the summary says so first


def combined_series(ctx: ReportContext) -> list[dict]:
    """The ``both`` rows of the pair's series (one per period)."""
    return [r for r in ctx.analysis["series"] if r["direction"] == "both"]


def current_phase(ctx: ReportContext) -> dict | None:
    phases = ctx.analysis["phases"]
    return phases[-1] if phases else None


def cited_phrases(ctx: ReportContext, refs: list[dict], limit: int = 2) -> str:
    """``phrase [n]; phrase [m]`` for the first ``limit`` events, each cited."""
    parts = []
    for ref in refs[:limit]:
        numbers = ctx.cite([ref["event_id"]])
        parts.append(f"{B.event_phrase(ref)} [{', '.join(map(str, numbers))}]")
    return "; ".join(parts)


# -- summary ------------------------------------------------------------------
def summary(ctx: ReportContext) -> dict:
    facts = ctx.analysis["facts"]
    if facts["events"] == 0:
        return B.section("summary", "Summary", [B.note(
            f"The store holds no event between {ctx.name_a} and {ctx.name_b} in this period, so there is nothing to report.")])
    phase = current_phase(ctx)
    blocks = []
    if facts["events"] < THIN_REPORT:
        blocks.append(B.note(say("summary_thin", events=facts["events"])))
    for caveat in ctx.analysis["notes"]:
        blocks.append(B.note(f"Note: {caveat}."))
    blocks.append(paragraph(
        "summary_standing", first=facts["start"], last=facts["end"], name_a=ctx.name_a, name_b=ctx.name_b,
        events=facts["events"], documents=facts["documents"], events_ab=facts["events_ab"], events_ba=facts["events_ba"],
        phase=phase, freq=ctx.freq, cites=ctx.cite(phase["defining_event_ids"], 2) if phase else []))
    blocks.append(_direction(ctx))
    found = []
    for fact in (_fact_turn, _fact_dimension, _fact_context, _fact_initiative):
        if len(found) < 3:  # build only the facts shown: each one cites its evidence
            found += [text for text in [fact(ctx)] if text]
    if found:
        blocks += [B.heading("Three facts that matter most"), B.items(found)]
    return B.section("summary", "Summary", blocks)


def _direction(ctx: ReportContext) -> dict | None:
    rows = [r for r in combined_series(ctx) if r["coop_index"] is not None]
    if not rows:
        return None
    k = min(RECENT_PERIODS, max(1, len(rows) // 2))
    recent, before = rows[-k:], rows[-2 * k:-k] if len(rows) >= 2 * k else []
    mean = lambda rs: sum(r["coop_index"] for r in rs) / len(rs)  # noqa: E731
    change = mean(recent) - mean(before) if before else 0.0
    trend = "improving" if change > 0.1 else "worsening" if change < -0.1 else "roughly steady"
    out = ctx.analysis["outlook"]
    forecast = None
    if out and out["forecast"]:
        forecast = {**out["forecast"][0], "level": out["level"]}
    return paragraph(
        "summary_direction", k=k, freq=ctx.freq, first=recent[0]["period"], last=recent[-1]["period"],
        recent=mean(recent), before=mean(before) if before else None, trend=f"the relationship has been {trend}",
        outlook=forecast, cites=ctx.cite(out["evidence_event_ids"], 1) if forecast else [])


def _fact_turn(ctx: ReportContext) -> str | None:
    turns = [t for t in ctx.analysis["turning_points"] if t["series"] == "coop_index"]
    if not turns:
        return None
    t = max(turns, key=lambda t: abs(t["size"]))
    return say("fact_turn", t=t, freq=ctx.freq, direction=B.direction_words(t["direction"]),
               cites=ctx.cite(t["evidence_event_ids"], 2))


def _fact_dimension(ctx: ReportContext) -> str | None:
    phase = current_phase(ctx)
    shares = [s for s in ctx.analysis["dimension_shares"] if s["phase"] == len(ctx.analysis["phases"]) - 1]
    if not phase or not shares:
        return None
    key, kind = ("coop_share", "cooperative") if phase["level"] >= 0 else ("conflict_share", "conflictual")
    top = max(shares, key=lambda s: s[key])
    total = _phase_events(ctx, phase, kind)
    if not total or not top[key]:
        return None
    refs = [e for e in ctx.analysis["dimension_key_events"] if e["dimension"] == top["dimension"]
            and phase["start"] <= e["date"] <= phase["end"]]
    return say("fact_dimension", share=top[key], total=total, kind=kind, dimension=top["dimension"],
               example=B.event_phrase(refs[0]) if refs else None, cites=ctx.cite([r["event_id"] for r in refs], 1))


def _phase_events(ctx: ReportContext, phase: dict, kind: str) -> int:
    """Cooperative or conflictual events of a phase, from the dimension series."""
    column = "coop_events" if kind == "cooperative" else "conflict_events"
    return sum(r[column] for r in ctx.analysis["dimension_series"] if phase["start"] <= r["period"] <= phase["end"])


def _fact_context(ctx: ReportContext) -> str | None:
    thirds = [t for t in ctx.analysis["context"] if t["role"] in ("shared_adversary", "shared_partner", "divided", "broker")]
    if not thirds:
        return None
    t = thirds[0]
    return say("fact_context", country=country_name(t["country"]), role=B.ROLE_PHRASES[t["role"]],
               a_index=t["a_index"], b_index=t["b_index"], events=t["events"], name_a=ctx.name_a, name_b=ctx.name_b,
               cites=ctx.cite(t["evidence_event_ids"], 2))


def _fact_initiative(ctx: ReportContext) -> str | None:
    rec = ctx.analysis["reciprocity"]
    if not rec or rec["a_share"] is None:
        return None
    exchanges = rec["a_initiations"] + rec["b_initiations"]
    if not exchanges:
        return None
    return say("fact_initiative", name_a=ctx.name_a, name_b=ctx.name_b, a_share=rec["a_share"],
               a_initiations=rec["a_initiations"], b_initiations=rec["b_initiations"], exchanges=exchanges,
               cites=ctx.cite(rec["evidence_event_ids"], 1))


# -- phases -------------------------------------------------------------------
def phases_section(ctx: ReportContext) -> dict:
    phases = ctx.analysis["phases"]
    title = "Historical roots and phases"
    if not phases:
        return B.section("phases", title, [B.note("There are too few periods with events to cut the history into phases.")])
    series = combined_series(ctx)
    sequence = join_words([f"{p['label']} from {ctx.when(p['start'])}" for p in phases])
    blocks = [
        paragraph("phases_intro", periods=len(series), freq=ctx.freq, first=phases[0]["start"], last=phases[-1]["end"],
                  count=len(phases), sequence=sequence, window=SMOOTH_WINDOW[ctx.freq]),
        B.chart("chart-index", "Cooperation index, phases and turning points",
                f"Cooperation index of {ctx.name_a} and {ctx.name_b} per {ctx.freq}; shading: phases; dashed lines: turning points.",
                charts.index_chart(_index_points(series), _phase_spans(phases), _turn_marks(ctx), "")),
    ]
    for i, p in enumerate(phases, start=1):
        blocks += [B.heading(f"{i}. {p['label'].capitalize()}, {ctx.when(p['start'])} to {ctx.when(p['end'])}"),
                   _phase_paragraph(ctx, i - 1, p)]
    return B.section("phases", title, blocks)


def _index_points(series: list[dict]) -> list[dict]:
    return [{"period": r["period"], "index": r["coop_index"], "smooth": r["coop_index_smooth"]} for r in series]


def _phase_spans(phases: list[dict]) -> list[dict]:
    return [{"start": p["start"], "end": p["end"], "label": p["label"]} for p in phases]


def _turn_marks(ctx: ReportContext) -> list[dict]:
    """One mark per date, labelled with the numbers of the turning points on it (``3, 4``)."""
    marks: dict[str, list[str]] = {}
    for i, t in enumerate(turn_order(ctx), start=1):
        marks.setdefault(t["date"], []).append(str(i))
    return [{"date": date, "number": ", ".join(numbers)} for date, numbers in marks.items()]


def _phase_paragraph(ctx: ReportContext, index: int, p: dict) -> dict:
    shares = sorted((s for s in ctx.analysis["dimension_shares"] if s["phase"] == index and s["share"] > 0),
                    key=lambda s: -s["share"])
    dims = join_words([f"{s['dimension']} ({s['share'] * 100:.0f}%)" for s in shares[:2]])
    trend = {"improving": "improving", "worsening": "worsening", "steady": "steady"}.get(p["trend_label"], p["trend_label"])
    trend_text = f"{trend} ({p['trend']:+.2f} a year)" if trend != "steady" else "steady"
    return paragraph("phase", p=p, freq=ctx.freq, trend=trend_text, dims=dims,
                     defining=cited_phrases(ctx, p["evidence"]), THIN_EVENTS=THIN_EVENTS)


# -- turning points -----------------------------------------------------------
def turn_order(ctx: ReportContext) -> list[dict]:
    """Turning points by date (the dynamics engine's order), numbered from 1 in chart and table."""
    return list(ctx.analysis["turning_points"])


def turning_points_section(ctx: ReportContext) -> dict:
    turns = turn_order(ctx)
    title = "Turning points"
    if not turns:
        periods = len(combined_series(ctx))
        return B.section("turning-points", title, [paragraph("turning_points_none", periods=periods, freq=ctx.freq)])
    blocks, rows = [], []
    for i, t in enumerate(turns, start=1):
        before, after = _levels(ctx, t)
        blocks += [B.heading(f"{i}. {ctx.when(t['date'])}: {_series_word(t)} {B.direction_words(t['direction'])}"),
                   paragraph("turning_point", t=t, freq=ctx.freq, series=_series_word(t),
                             direction=B.direction_words(t["direction"]), before=before, after=after,
                             events=cited_phrases(ctx, t["evidence"], 3))]
        rows.append({"n": i, "date": t["date"], "series": _series_word(t), "direction": B.direction_words(t["direction"]),
                     "change": f"{before} \u2192 {after}", "strength": t["strength"],
                     "evidence": [ctx.cites.number(e["event_id"]) for e in t["evidence"][:3]]})
    table = B.table("table-turning-points", "Turning points found", [
        B.column("n", "#", "number"), B.column("date", "from"), B.column("series", "series"),
        B.column("direction", "direction"), B.column("change", "level before \u2192 after"),
        B.column("strength", "step / noise", "number", 1), B.column("evidence", "evidence", "cites")], rows)
    return B.section("turning-points", title, [table, *blocks])


SERIES_WORDS = {"coop_index": "cooperation index", "net_coop": "net cooperation", "volume": "volume of events"}


def _series_word(t: dict) -> str:
    return SERIES_WORDS.get(t["series"], t["series"].replace("_", " "))


def _levels(ctx: ReportContext, t: dict) -> tuple[str, str]:
    if t["series"] == "volume":
        return f"{t['before_level']:.1f} events a {ctx.freq}", f"{t['after_level']:.1f} events a {ctx.freq}"
    return fmt_index(t["before_level"]), fmt_index(t["after_level"])
