// The pair page: summary cards, the analysis (overview, turning points, dimensions, context,
// outlook) and the evidence table, all fetched from /api/.
import { api, clear, el, fmt, initPicker, notice, query } from "./common.js";
import { Evidence } from "./evidence.js";
import { renderAnalysis, renderVolume } from "./analysis.js";

const root = document.getElementById("dyad");
const pair = { a: root.dataset.a, b: root.dataset.b, from: root.dataset.from, to: root.dataset.to, freq: root.dataset.freq || "month" };
const base = `/api/dyad/${encodeURIComponent(pair.a)}/${encodeURIComponent(pair.b)}`;
const period = { from: pair.from, to: pair.to, freq: pair.freq };

function card(label, value, detail, kind = "") {
  return el("div", { class: `card ${kind}` }, el("div", { class: "label" }, label), el("div", { class: "value" }, value),
    detail ? el("div", { class: "detail" }, detail) : null);
}

function renderSummary(data) {
  const s = data.summary;
  const coop = s.by_quad.filter((q) => q.quad_class <= 2).reduce((n, q) => n + q.events, 0);
  const conflict = s.events - coop;
  document.getElementById("period-line").textContent = s.events
    ? `${fmt.int(s.events)} events from ${fmt.date(s.first)} to ${fmt.date(s.last)}, by ${pair.freq}`
    : `No events between ${data.a.name} and ${data.b.name} in this period.`;
  const [ab, ba] = Object.entries(s.by_direction);
  clear(document.getElementById("cards"),
    card("Events", fmt.int(s.events), `${fmt.int(s.documents)} documents · ${fmt.int(s.outlets)} outlets`),
    card("Cooperative", s.events ? fmt.pct(coop / s.events) : "–", `${fmt.int(coop)} events`, "coop"),
    card("Conflictual", s.events ? fmt.pct(conflict / s.events) : "–", `${fmt.int(conflict)} events`, "conflict"),
    card("Mean Goldstein", fmt.signed(s.goldstein_mean, 2), "−10 (war) to +10 (alliance)"),
    card("Initiative", `${fmt.int(ab[1])} / ${fmt.int(ba[1])}`, `${ab[0].replace("->", " → ")} / ${ba[0].replace("->", " → ")}`),
    el("div", { class: "card", id: "card-phase" }, el("div", { class: "label" }, "Current phase"), el("div", { class: "value" }, "…")));
  const report = document.getElementById("dl-report");
  report.href = `/dyad/${encodeURIComponent(pair.a)}/${encodeURIComponent(pair.b)}/report.html${query(period)}`;
  report.target = "_blank";
  report.rel = "noopener";
}

async function main() {
  const evidence = new Evidence(pair);
  initPicker(document.getElementById("picker")).catch(() => {});
  const evidenceReady = evidence.init();
  let summary;
  try {
    summary = await api(base, period);
    renderSummary(summary);
  } catch (err) {
    clear(document.getElementById("cards"), notice(`Could not load the summary: ${err.message}`));
    return;
  }
  let analysis = null;
  try {
    analysis = await api(`${base}/analysis`, period);
    renderAnalysis(analysis, summary, pair, evidence);
  } catch (err) {
    renderAnalysis(null, summary, pair, evidence, err.message);
  }
  renderVolume(summary, analysis);
  await evidenceReady;
}

main();
