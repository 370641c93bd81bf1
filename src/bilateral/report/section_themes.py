"""Report sections on what the relationship is made of: partnership, military cooperation, regional context."""
from __future__ import annotations

from bilateral.report import blocks as B
from bilateral.report import charts
from bilateral.report.build import ReportContext, country_name
from bilateral.report.prose import THIN_EVENTS, fmt_percent, join_words, paragraph, plural

PARTNERSHIP = ("economic", "diplomatic", "legal", "humanitarian")
MILITARY = ("military",)
KEY_EVENTS = 3  # cited per dimension in the prose
CONTEXT_LISTED = 6
MAX_DRAWN = 80  # periods in a count chart before it is drawn by a coarser period
ROLE_NOUNS = {
    "shared_adversary": ("shared adversary", "shared adversaries"), "shared_partner": ("shared partner", "shared partners"),
    "broker": ("broker", "brokers"), "divided": ("divider", "dividers"), "neutral": ("neutral", "neutrals"),
}  # third countries described in the prose
SERIES_COLOURS = {
    "economic cooperation": "#1b7837", "economic conflict": "#b2182b",
    "diplomatic cooperation": "#2166ac", "diplomatic conflict": "#f4a582",
    "legal cooperation": "#5e3c99", "legal conflict": "#e08214",
    "humanitarian cooperation": "#35978f", "humanitarian conflict": "#c51b7d",
    "military cooperation": "#1b7837", "military conflict": "#b2182b",
}


def _totals(ctx: ReportContext, dimension: str) -> dict:
    rows = [r for r in ctx.analysis["dimension_series"] if r["dimension"] == dimension]
    events = sum(r["events"] for r in rows)
    coop = sum(r["coop_events"] for r in rows)
    conflict = sum(r["conflict_events"] for r in rows)
    cw, kw = sum(r["coop_weight"] for r in rows), sum(r["conflict_weight"] for r in rows)
    total = ctx.analysis["facts"]["events"]
    return {"events": events, "coop": coop, "conflict": conflict, "share": events / total if total else 0.0,
            "index": (cw - kw) / (cw + kw) if cw + kw else None,
            "peak": max(rows, key=lambda r: (r["events"], r["period"])) if rows else None}


def _by_phase(ctx: ReportContext, dimension: str) -> str:
    """The dimension's share of each phase's events; with many phases, only the range."""
    shares = [s for s in ctx.analysis["dimension_shares"] if s["dimension"] == dimension]
    if len(shares) < 2:
        return ""
    said = lambda s: f"{fmt_percent(s['share'])} of the {s['label']} phase from {ctx.when(s['start'])}"  # noqa: E731
    if len(shares) <= 4:
        return join_words([said(s) for s in shares])
    low, high = min(shares, key=lambda s: s["share"]), max(shares, key=lambda s: s["share"])
    return f"from {said(low)} to {said(high)}"


def _key_events(ctx: ReportContext, dimension: str) -> list[dict]:
    return [e for e in ctx.analysis["dimension_key_events"] if e["dimension"] == dimension]


def dimension_blocks(ctx: ReportContext, dimension: str) -> list[dict]:
    """A heading, a paragraph and a key-event table for one dimension."""
    d = _totals(ctx, dimension)
    label = f"{dimension.capitalize()}"
    if not d["events"]:
        return [B.heading(label), paragraph("dimension_none", dimension=dimension, name_a=ctx.name_a, name_b=ctx.name_b)]
    keys = _key_events(ctx, dimension)
    phrases = []
    for ref in keys[:KEY_EVENTS]:
        topic = f" on {ref['topic']}" if ref.get("topic") else ""
        phrases.append(f"{B.event_phrase(ref)}{topic} [{', '.join(map(str, ctx.cite([ref['event_id']])))}]")
    blocks = [B.heading(label), paragraph(
        "dimension", label=label, d=d, freq=ctx.freq, peak=d["peak"] if d["events"] >= THIN_EVENTS else None,
        by_phase=_by_phase(ctx, dimension), key="; ".join(phrases), THIN_EVENTS=THIN_EVENTS)]
    if keys:
        rows = [{"date": e["date"], "actors": f"{e['source'] or '?'} \u2192 {e['target'] or '?'}",
                 "event": B.code_name(e["cameo"]), "topic": e.get("topic") or None, "goldstein": e["goldstein"],
                 "evidence": ctx.cite([e["event_id"]])} for e in keys]
        blocks.append(B.table(f"table-{dimension}", f"Key {dimension} events", [
            B.column("date", "date"), B.column("actors", "actors"), B.column("event", "event"),
            B.column("topic", "topic"), B.column("goldstein", "Goldstein", "number", 1),
            B.column("evidence", "evidence", "cites")], rows))
    return blocks


def _bucket(period: str, unit: str) -> str:
    """The first day of the month, quarter or year containing an ISO date."""
    year, month = period[:4], int(period[5:7])
    if unit == "year":
        return f"{year}-01-01"
    if unit == "quarter":
        return f"{year}-{(month - 1) // 3 * 3 + 1:02d}-01"
    return f"{period[:7]}-01"


def chart_unit(ctx: ReportContext, periods: int) -> str:
    """The period drawn in count charts: the report's, or coarser so a long record stays readable."""
    order = ["day", "week", "month", "quarter", "year"]
    unit = ctx.freq
    spans = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "year": 365.25}
    while periods * spans[ctx.freq] / spans[unit] > MAX_DRAWN and unit != "year":
        unit = order[order.index(unit) + 1]
    return unit if unit in ("month", "quarter", "year") or unit == ctx.freq else "month"


def _dimension_chart(ctx: ReportContext, chart_id: str, dimensions: tuple[str, ...], title: str) -> dict | None:
    covered = [r["period"] for r in ctx.analysis["series"] if r["direction"] == "both" and r["covered"]]
    rows = [r for r in ctx.analysis["dimension_series"] if r["dimension"] in dimensions]
    if not rows:
        return None
    unit = chart_unit(ctx, sum(1 for r in ctx.analysis["series"] if r["direction"] == "both"))
    bucket = (lambda p: p) if unit == ctx.freq else (lambda p: _bucket(p, unit))  # noqa: E731
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        for kind, column in (("cooperation", "coop_events"), ("conflict", "conflict_events")):
            key = (bucket(r["period"]), f"{r['dimension']} {kind}")
            counts[key] = counts.get(key, 0) + r[column]
    drawn = sorted({name for (_, name), n in counts.items() if n})
    buckets = sorted({bucket(p) for p in covered})  # covered periods without events count zero; gaps stay empty
    records = [{"period": b, "series": name, "value": counts.get((b, name), 0)} for b in buckets for name in drawn]
    present = join_words(sorted({name.rsplit(" ", 1)[0] for name in drawn}))
    caption = f"Cooperative and conflictual {present} events between {ctx.name_a} and {ctx.name_b} per {unit}."
    return B.chart(chart_id, title, caption, charts.lines_chart(records, f"events per {unit}", "", SERIES_COLOURS))


def partnership_section(ctx: ReportContext) -> dict:
    blocks = [_dimension_chart(ctx, "chart-partnership", PARTNERSHIP, "Economic, diplomatic, legal and humanitarian events")]
    for dimension in PARTNERSHIP:
        blocks += dimension_blocks(ctx, dimension)
    return B.section("partnership", "Economic and strategic partnership", blocks)


def military_section(ctx: ReportContext) -> dict:
    blocks = [_dimension_chart(ctx, "chart-military", MILITARY, "Military events")]
    blocks += dimension_blocks(ctx, "military")[1:]  # the section title names the dimension
    return B.section("military", "Military cooperation", blocks)


# -- regional context -------------------------------------------------------------
def context_section(ctx: ReportContext) -> dict:
    thirds = ctx.analysis["context"]
    roles = {}
    for t in thirds:
        roles[t["role"]] = roles.get(t["role"], 0) + 1
    role_text = join_words([plural(n, ROLE_NOUNS[r][0], ROLE_NOUNS[r][1]) for r, n in roles.items() if r != "neutral"])
    blocks = [paragraph("context_intro", count=len(thirds), name_a=ctx.name_a, name_b=ctx.name_b, roles=role_text)]
    listed = [t for t in thirds if t["role"] != "neutral"][:CONTEXT_LISTED] or thirds[:3]
    for t in listed:
        blocks.append(paragraph("context_actor", country=country_name(t["country"]), role=B.ROLE_WORDS[t["role"]],
                                a_events=t["a_events"], b_events=t["b_events"], a_index=t["a_index"], b_index=t["b_index"],
                                mediations=t["mediations"], name_a=ctx.name_a, name_b=ctx.name_b,
                                cites=ctx.cite(t["evidence_event_ids"], 2)))
    if thirds:
        blocks.append(_context_chart(ctx))
        blocks.append(B.table("table-context", "Third countries dealing with both sides", [
            B.column("country", "country"), B.column("role", "role"),
            B.column("a_events", f"events with {ctx.a}", "number"), B.column("a_index", f"index with {ctx.a}", "index"),
            B.column("b_events", f"events with {ctx.b}", "number"), B.column("b_index", f"index with {ctx.b}", "index"),
            B.column("evidence", "evidence", "cites")],
            [{"country": country_name(t["country"]), "role": B.ROLE_WORDS[t["role"]],
              "a_events": t["a_events"], "a_index": t["a_index"], "b_events": t["b_events"], "b_index": t["b_index"],
              "evidence": ctx.cite(t["evidence_event_ids"], 1)} for t in thirds]))
    return B.section("context", "Regional context", blocks)


def _context_chart(ctx: ReportContext) -> dict | None:
    series = ctx.analysis["context_series"]
    if not series:
        return None
    records = [{"period": r["period"], "third": country_name(r["country"]), "side": f"with {country_name(r['side'])}",
                "value": r["coop_index"]} for r in series if r["coop_index"] is not None]
    names = join_words(sorted({r["third"] for r in records}))
    return B.chart("chart-context", "Third countries' ties with each side",
                   f"Cooperation index of {names} with {ctx.name_a} and with {ctx.name_b} per {ctx.freq}.",
                   charts.context_chart(records, ""))
