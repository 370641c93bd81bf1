"""Report sections on strain and what comes next: tensions (with words versus deeds) and the outlook."""
from __future__ import annotations

from bilateral.report import blocks as B
from bilateral.report import charts
from bilateral.report.analysis import PAIR_FILTER
from bilateral.report.build import ReportContext
from bilateral.report.prose import paragraph

COOPERATIVE_LABELS = ("cordial", "aligned")
SHARPEST = 2  # conflict events cited per cooperative phase
ARROW = " \u2192 "
HISTORY = 24  # periods of history drawn before the forecast

_CONFLICT_SQL = f"""
SELECT event_id, CAST(date AS VARCHAR) AS date, source, target, cameo, goldstein, quad_class,
       count(*) OVER () AS conflict, count(*) FILTER (WHERE quad_class = 3) OVER () AS verbal
FROM events WHERE {PAIR_FILTER} AND quad_class IN (3, 4) AND date BETWEEN CAST($lo AS DATE) AND CAST($hi AS DATE)
ORDER BY goldstein ASC NULLS LAST, coalesce(num_sources, num_articles, 1) DESC, event_id
LIMIT $k
"""
MODEL_WORDS = {
    "local_level": "local-level model (a level that drifts as a random walk, observed with noise)",
    "arima": "first-order autoregressive model (ARIMA(1,0,0): a level that reverts to its mean)",
}


# -- tensions -------------------------------------------------------------------
def tensions_section(ctx: ReportContext) -> dict:
    phases = ctx.analysis["phases"]
    cooperative = [p for p in phases if p["label"] in COOPERATIVE_LABELS]
    blocks = [B.heading("Conflict inside cooperative phases")]
    found = [b for b in (_tension(ctx, p) for p in cooperative) if b]
    blocks += found or [paragraph("tension_none", cooperative=bool(cooperative))]
    blocks += _words_deeds(ctx)
    rec = ctx.analysis["reciprocity"]
    if rec and rec["asymmetry"] is not None:
        lag, corr, significant = rec["b_response_lag"], rec["b_response_corr"], _significant(rec)
        blocks += [B.heading("Asymmetry and response"),
                   paragraph("asymmetry", name_a=ctx.name_a, name_b=ctx.name_b, asym=rec["asymmetry"], lag=lag,
                             corr=corr, significant=significant, freq=ctx.freq)]
    return B.section("tensions", "Tensions", blocks)


def _tension(ctx: ReportContext, phase: dict) -> dict | None:
    rows = ctx.con.execute(_CONFLICT_SQL, {"a": ctx.a, "b": ctx.b, "start": ctx.start, "end": ctx.end,
                                           "lo": phase["start"], "hi": phase["end"], "k": SHARPEST}).fetchall()
    if not rows:
        return None
    conflict, verbal = int(rows[0][7]), int(rows[0][8])
    worst = "; ".join(
        f"{B.event_phrase(dict(event_id=r[0], date=r[1], source=r[2], target=r[3], cameo=r[4]))} [{ctx.cite([r[0]])[0]}]"
        for r in rows)
    return paragraph("tension_phase", p=phase, freq=ctx.freq, conflict=conflict, verbal=verbal,
                     material=conflict - verbal, share=conflict / phase["events"] if phase["events"] else 0.0, worst=worst)


def _verdict(gap: float | None) -> str:
    if gap is None:
        return "no cooperation either way"
    if gap > 0.33:
        return "it says more than it does"
    if gap < -0.33:
        return "it does more than it announces"
    return "words and deeds are roughly balanced"


def _words_deeds(ctx: ReportContext) -> list[dict]:
    rows = ctx.analysis["words_deeds"]
    whole = [r for r in rows if r["phase"] == -1]
    if not whole:
        return []
    blocks = [B.heading("Words versus deeds"), paragraph("words_deeds_intro")]
    for r in whole:
        cites = ctx.cite(r["words_event_ids"], 1) + ctx.cite(r["deeds_event_ids"], 1)
        blocks.append(paragraph("words_deeds", side=ctx.side_name(r["direction"]), r=r, verdict=_verdict(r["coop_gap"]),
                                cites=cites))
    records = []
    for r in rows:
        when = "whole period" if r["phase"] == -1 else f"{r['label']} from {r['start'][:7]}"
        group = f"{r['direction'].replace('->', ARROW)}, {when}"
        for kind in ("coop_words", "coop_deeds", "conflict_words", "conflict_deeds"):
            records.append({"group": group, "kind": kind.replace("_", " "), "value": r[kind]})
    blocks.append(B.chart("chart-words-deeds", "Words and deeds by side and phase",
                          f"Verbal and material cooperation and conflict, {ctx.name_a} and {ctx.name_b}, by side and phase.",
                          charts.bars_chart(records, "")))
    return blocks


def _significant(rec: dict) -> bool:
    lag = rec["b_response_lag"]
    for row in rec.get("ccf") or []:
        if row["lag"] == lag:
            return bool(row["significant"])
    return False


# -- outlook --------------------------------------------------------------------
def outlook_section(ctx: ReportContext) -> dict:
    out = ctx.analysis["outlook"]
    if not out or not out["forecast"]:
        return B.section("outlook", "Outlook", [paragraph("outlook_none", freq=ctx.freq)])
    first, last = out["forecast"][0], out["forecast"][-1]
    mae, naive = out["backtest_mae"], out["backtest_naive_mae"]
    verdict = ""
    if mae is not None and naive is not None:
        verdict = ("the model beats that simple rule" if mae < 0.95 * naive else
                   "the model does worse than that rule, so read the forecast as no more than persistence" if mae > 1.05 * naive
                   else "the model does about as well as that rule")
    refs = _last_period_events(ctx, out["evidence_event_ids"][:2])
    blocks = [
        paragraph("outlook", model=MODEL_WORDS.get(out["model"], out["model"]), freq=ctx.freq, first=first, last=last,
                  level=out["level"], mae=mae, naive=naive, origins=out["backtest_origins"], verdict=verdict,
                  last_period=out["last_period"], last_value=out["last_value"], events=refs),
        _outlook_chart(ctx, out),
        B.note("A forecast from the index's own past cannot see events the record does not contain; "
               "a turning point ahead would fall outside the interval."),
    ]
    return B.section("outlook", "Outlook", blocks)


def _last_period_events(ctx: ReportContext, event_ids: list[str]) -> str:
    numbers = ctx.cite(event_ids, 2)
    return ", ".join(f"[{n}]" for n in numbers) if numbers else "none recorded"


def _outlook_chart(ctx: ReportContext, out: dict) -> dict:
    series = [r for r in ctx.analysis["series"] if r["direction"] == "both" and r["coop_index"] is not None][-HISTORY:]
    history = [{"period": r["period"], "value": r["coop_index"]} for r in series]
    forecast = [{"period": f["period"], "mean": f["mean"], "lower": f["lower"], "upper": f["upper"]} for f in out["forecast"]]
    if history:  # join the forecast to the last observation
        forecast.insert(0, {"period": history[-1]["period"], "mean": history[-1]["value"],
                            "lower": history[-1]["value"], "upper": history[-1]["value"]})
    caption = (f"Cooperation index of the last {len(history)} {ctx.freq}s with events (solid) and the forecast "
               f"(dashed) with its {out['level'] * 100:.0f}% prediction interval (band).")
    return B.chart("chart-outlook", "Outlook", caption, charts.outlook_chart(history, forecast, ""))

