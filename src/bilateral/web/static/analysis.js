// The analysis sections of the pair page, drawn from /api/dyad/{a}/{b}/analysis
// (bilateral.dynamics.analyse(...).to_dict()): overview, turning points, dimensions, context, outlook.
import { clear, el, fmt, notice, safeUrl } from "./common.js";
import { legend, lineChart, toDate } from "./chart.js";

const PHASE_COLOURS = { hostile: "#c0392b", tense: "#e67e22", cool: "#95a5a6", cordial: "#27ae60", aligned: "#1e8449" };
const COOP = "#2a9d8f", CONFLICT = "#d1495b", INK = "#16324f", MUTED = "#9aa7b5";
const DIM_COLOURS = { diplomatic: "#1f6fb2", economic: "#e9a23b", military: "#c0392b", legal: "#7d5ba6", humanitarian: "#2a9d8f" };
const byId = (id) => document.getElementById(id);
const label = (text) => String(text || "").replace(/_/g, " ");

export function renderAnalysis(analysis, summary, pair, evidence, error) {
  if (!analysis) {
    const message = `The analysis is not available${error ? `: ${error}` : ""}. The counts and the evidence below are.`;
    clear(byId("analysis-notes"), notice(message));
    byId("chart-overview").replaceChildren();
    for (const id of ["turning-list", "context-list", "outlook-body"]) clear(byId(id), notice(message));
    byId("card-phase").querySelector(".value").textContent = "–";
    return;
  }
  clear(byId("analysis-notes"), (analysis.notes || []).map((n) => el("p", { class: "notice" }, n)));
  const ctx = { analysis, pair, evidence, names: countryNames(summary) };
  renderOverview(ctx);
  renderTurningPoints(ctx);
  renderDimensions(ctx);
  renderContext(ctx);
  renderOutlook(ctx);
}

function countryNames(summary) {
  return { [summary.a.code]: summary.a.name, [summary.b.code]: summary.b.name };
}

function bothSeries(analysis) {
  return (analysis.series || []).filter((r) => r.direction === "both");
}

function renderOverview({ analysis, evidence }) {
  const rows = bothSeries(analysis);
  const phases = analysis.phases || [];
  const smooth = rows.map((r) => ({ x: toDate(r.period), y: r.coop_index_smooth, note: `${fmt.int(r.events)} events` }));
  const turns = (analysis.turning_points || []).filter((t) => t.series === "coop_index");
  const atDate = new Map(smooth.map((p) => [p.x.getTime(), p.y]));
  lineChart(byId("chart-overview"), {
    label: "Cooperation index with phases and turning points",
    height: 320,
    yDomain: [-1, 1],
    series: [
      { name: "Smoothed index", color: INK, width: 2.5, points: smooth },
      { name: "Index per period", color: MUTED, width: 1, points: rows.map((r) => ({ x: toDate(r.period), y: r.coop_index })) },
    ],
    bands: phases.map((p) => ({ x0: toDate(p.start), x1: toDate(p.end), color: PHASE_COLOURS[p.label] || MUTED,
      label: p.label, title: `${p.label}: ${p.start} to ${p.end}, level ${fmt.signed(p.level)}` })),
    markers: turns.map((t) => ({
      x: toDate(t.date),
      y: atDate.get(toDate(t.date).getTime()) ?? t.after_level,
      color: t.direction === "toward_conflict" ? CONFLICT : COOP,
      title: `${t.date}: ${label(t.direction)} (${fmt.signed(t.before_level)} → ${fmt.signed(t.after_level)}); click for its events`,
      onClick: () => evidence.showWindow(t.previous_date || t.date, t.date),
    })),
    empty: "No events in this period.",
  });
  legend(byId("legend-overview"), [
    { color: INK, label: "Cooperation index (smoothed)" }, { color: MUTED, label: "per period" },
    { color: COOP, label: "Turning point toward cooperation" }, { color: CONFLICT, label: "toward conflict" },
    ...Object.entries(PHASE_COLOURS).map(([name, color]) => ({ color, label: name })),
  ]);
  clear(byId("phases"), phases.map((p) => {
    const box = el("div", { class: "phase" },
      el("b", {}, p.label), ` · ${p.start} to ${p.end}`, el("br"),
      `level ${fmt.signed(p.level)}, ${p.trend_label}, ${fmt.int(p.events)} events `,
      el("button", { type: "button", class: "linkish", onclick: () => evidence.showWindow(p.start, p.end) }, "events"));
    box.style.borderLeftColor = PHASE_COLOURS[p.label] || MUTED;
    return box;
  }));
  const last = phases[phases.length - 1];
  const card = byId("card-phase");
  card.querySelector(".value").textContent = last ? last.label : "–";
  if (last) card.append(el("div", { class: "detail" }, `since ${last.start}, ${last.trend_label}`));
}

function eventItem(e) {
  const url = safeUrl(e.url);
  const text = e.sentence || e.title || e.event_id;
  return el("li", {}, `${e.date} · ${e.direction.replace("->", " → ")} · ${fmt.signed(e.goldstein, 1)} · `,
    url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow" }, text) : text);
}

// One line per sentence: several events coded from one sentence would repeat it.
function distinct(events) {
  const seen = new Set();
  return events.filter((e) => {
    const key = `${e.date}|${e.sentence || e.event_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function renderTurningPoints({ analysis, evidence }) {
  const turns = analysis.turning_points || [];
  if (!turns.length) {
    clear(byId("turning-list"), el("p", { class: "muted" }, "No turning point stands out from the noise in this period."));
    return;
  }
  const table = el("table", { class: "data" },
    el("thead", {}, el("tr", {}, ["Date", "Series", "Shift", "Before → after", "Strength", "Defining events"].map((h) => el("th", {}, h)))),
    el("tbody", {}, turns.map((t) => el("tr", {},
      el("td", { class: "date" }, t.date),
      el("td", {}, t.series === "coop_index" ? "cooperation index" : "volume"),
      el("td", { class: t.direction === "toward_conflict" || t.direction === "fall" ? "neg" : "pos" }, label(t.direction)),
      el("td", { class: "num" }, `${fmt.num(t.before_level)} → ${fmt.num(t.after_level)}`),
      el("td", { class: "num" }, `${fmt.num(t.strength, 1)}σ`),
      el("td", {}, el("ul", { class: "tp-events" }, distinct(t.evidence || []).slice(0, 3).map(eventItem)),
        el("button", { type: "button", class: "linkish", onclick: () => evidence.showWindow(t.previous_date || t.date, t.date) }, "all events around it"))))));
  clear(byId("turning-list"), el("div", { class: "table-wrap" }, table));
}

const DIMENSIONS = ["diplomatic", "economic", "military", "legal", "humanitarian"];

function renderDimensions({ analysis }) {
  const rows = (analysis.dimensions || []).filter((r) => r.direction === "both");
  const periods = bothSeries(analysis).map((r) => r.period);
  const xDomain = periods.length ? [toDate(periods[0]), toDate(periods[periods.length - 1])] : null;
  const present = new Set(rows.map((r) => r.dimension));
  const names = DIMENSIONS.filter((d) => present.has(d)).concat([...present].filter((d) => !DIMENSIONS.includes(d)));
  const box = byId("dimension-charts");
  clear(box, names.length ? [] : el("p", { class: "muted" }, "No dimension data in this period."));
  for (const name of names) {
    const mine = new Map(rows.filter((r) => r.dimension === name).map((r) => [r.period, r]));
    const total = [...mine.values()].reduce((n, r) => n + r.events, 0);
    const chart = el("div", { class: "chart" });
    box.append(el("div", { class: "mini" }, el("h3", {}, `${label(name)} `, el("span", { class: "code" }, `${fmt.int(total)} events`)), chart));
    // Periods without events of this dimension are gaps in its line, not zeros.
    const points = periods.map((p) => ({ x: toDate(p), y: mine.has(p) ? mine.get(p).coop_index : null, note: mine.has(p) ? `${mine.get(p).events} events` : "" }));
    lineChart(chart, {
      label: `${name} dimension`, height: 170, yDomain: [-1, 1], xDomain,
      series: [{ name: `${label(name)} index`, color: DIM_COLOURS[name] || INK, width: 1.5, dots: true, points }],
    });
  }
  renderShares(analysis.dimension_shares || []);
  renderWordsDeeds(analysis);
}

function renderShares(shares) {
  const dims = [...new Set(shares.map((r) => r.dimension))];
  const phases = [...new Map(shares.map((r) => [r.phase, r])).values()];
  if (!phases.length) { clear(byId("dimension-shares"), el("p", { class: "muted" }, "No phases to split by.")); return; }
  const cell = (p, d) => {
    const r = shares.find((s) => s.phase === p.phase && s.dimension === d);
    const share = r ? r.share || 0 : 0;
    const bar = el("span", { class: "bar" });
    bar.style.width = `${Math.round(share * 60)}px`;
    return el("td", {}, bar, fmt.pct(share));
  };
  clear(byId("dimension-shares"), el("table", { class: "data" },
    el("thead", {}, el("tr", {}, el("th", {}, "Phase"), dims.map((d) => el("th", {}, label(d))))),
    el("tbody", {}, phases.map((p) => el("tr", {}, el("td", {}, `${p.label} (${p.start} to ${p.end})`), dims.map((d) => cell(p, d)))))));
}

function renderWordsDeeds(analysis) {
  const rows = (analysis.words_deeds || []).filter((r) => r.phase === -1);
  clear(byId("words-deeds"), rows.length ? el("table", { class: "data" },
    el("thead", {}, el("tr", {}, el("th", {}, "Side"),
      ["Coop. words", "Coop. deeds", "Coop. gap", "Conflict words", "Conflict deeds", "Conflict gap"].map((h) => el("th", { class: "num" }, h)))),
    el("tbody", {}, rows.map((r) => el("tr", {}, el("td", {}, r.direction.replace("->", " → ")),
      ...[r.coop_words, r.coop_deeds, r.coop_gap, r.conflict_words, r.conflict_deeds, r.conflict_gap].map((v) => el("td", { class: "num" }, typeof v === "number" && !Number.isInteger(v) ? fmt.num(v) : fmt.int(v))))))) : null);
  const r = analysis.reciprocity;
  byId("reciprocity").textContent = r
    ? `${r.a} sent ${fmt.pct(r.a_share)} of the events; initiations ${fmt.int(r.a_initiations)} by ${r.a}, ${fmt.int(r.b_initiations)} by ${r.b}. ` +
      (r.b_response_lag !== null ? `${r.b} follows ${r.a} after ${r.b_response_lag} period(s) (r = ${fmt.num(r.b_response_corr)}). ` : "") +
      (r.a_response_lag !== null ? `${r.a} follows ${r.b} after ${r.a_response_lag} period(s) (r = ${fmt.num(r.a_response_corr)}).` : "")
    : "";
}

function renderContext({ analysis, pair }) {
  const actors = analysis.context || [];
  if (!actors.length) {
    clear(byId("context-list"), el("p", { class: "muted" }, "No third country deals with both sides in this period."));
    return;
  }
  const names = analysis.country_names || {};
  const link = (c) => el("a", { href: `/dyad/${pair.a}/${encodeURIComponent(c)}`, title: `${pair.a} and ${c}` }, names[c] || c);
  clear(byId("context-list"), el("div", { class: "table-wrap" }, el("table", { class: "data" },
    el("thead", {}, el("tr", {}, ["Country", "Role", "Score", `Tie with ${pair.a}`, `Tie with ${pair.b}`, "Events", "Mediations"].map((h) => el("th", {}, h)))),
    el("tbody", {}, actors.map((c) => el("tr", {},
      el("td", {}, link(c.country)),
      el("td", {}, el("span", { class: `pill role role-${c.role}` }, label(c.role))),
      el("td", { class: "num" }, fmt.num(c.score)),
      el("td", { class: "num" }, `${fmt.signed(c.a_index)} (${fmt.int(c.a_events)})`),
      el("td", { class: "num" }, `${fmt.signed(c.b_index)} (${fmt.int(c.b_events)})`),
      el("td", { class: "num" }, fmt.int(c.events)),
      el("td", { class: "num" }, fmt.int(c.mediations))))))));
}

function renderOutlook({ analysis }) {
  const o = analysis.outlook;
  if (!o || !(o.forecast || []).length) {
    byId("chart-outlook").replaceChildren();
    byId("outlook-body").textContent = "Too little history for a forecast in this period.";
    return;
  }
  const history = bothSeries(analysis).slice(-36);
  const column = o.series === "coop_index_smooth" ? "coop_index_smooth" : "coop_index";
  const forecast = o.forecast.map((f) => ({ x: toDate(f.period), y: f.mean, lo: f.lower, hi: f.upper }));
  const lastPoint = history.length ? [{ x: toDate(history[history.length - 1].period), y: history[history.length - 1][column] }] : [];
  lineChart(byId("chart-outlook"), {
    label: "Forecast of the cooperation index", height: 220, yDomain: [-1, 1],
    series: [
      { name: "Observed", color: INK, points: history.map((r) => ({ x: toDate(r.period), y: r[column] })) },
      { name: "Forecast", color: "#1f6fb2", dash: "5 4", points: lastPoint.concat(forecast) },
    ],
    intervals: [{ color: "#1f6fb2", points: forecast }],
  });
  legend(byId("legend-outlook"), [{ color: INK, label: "observed" }, { color: "#1f6fb2", label: `forecast, ${fmt.pct(o.level)} interval` }]);
  const next = o.forecast[0];
  byId("outlook-body").textContent =
    `Next ${analysis.freq || "period"} (${next.period}): ${fmt.signed(next.mean)} (${fmt.pct(o.level)} interval ${fmt.signed(next.lower)} to ${fmt.signed(next.upper)}). ` +
    `Model: ${label(o.model)}. ` +
    (o.backtest_mae !== null && o.backtest_mae !== undefined
      ? `Back-tested on this pair's own history over ${fmt.int(o.backtest_origins)} origins: mean absolute error ${fmt.num(o.backtest_mae)} (naive forecast ${fmt.num(o.backtest_naive_mae)}).`
      : "Too little history to back-test it.");
}

export function renderVolume(summary, analysis) {
  // The engine's series has every period (gaps as null); the plain table only periods with events.
  const rows = analysis ? bothSeries(analysis) : summary.series || [];
  const byPeriod = new Map();
  for (const r of rows) {
    const p = byPeriod.get(r.period) || { coop: 0, conflict: 0 };
    if (r.verbal_coop === null || r.verbal_coop === undefined) { byPeriod.set(r.period, { coop: null, conflict: null }); continue; }
    p.coop += r.verbal_coop + r.material_coop;
    p.conflict += r.verbal_conflict + r.material_conflict;
    byPeriod.set(r.period, p);
  }
  const periods = [...byPeriod.keys()].sort();
  lineChart(byId("chart-volume"), {
    label: "Events per period", height: 200, zeroLine: false,
    yFormat: (v) => fmt.int(v),
    series: [
      { name: "Cooperative", color: COOP, points: periods.map((p) => ({ x: toDate(p), y: byPeriod.get(p).coop })) },
      { name: "Conflictual", color: CONFLICT, points: periods.map((p) => ({ x: toDate(p), y: byPeriod.get(p).conflict })) },
    ],
  });
  legend(byId("legend-volume"), [{ color: COOP, label: "cooperative events" }, { color: CONFLICT, label: "conflictual events" }]);
}
