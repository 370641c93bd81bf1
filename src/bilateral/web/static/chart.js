// Small SVG time-series charts drawn in the page (no chart library, nothing loaded from elsewhere).
// lineChart(container, spec): lines with gaps, shaded bands (phases), an interval (forecast) and
// clickable markers (turning points), with axes and a hover read-out.
import { el, svg, fmt } from "./common.js";

const MARGIN = { top: 22, right: 18, bottom: 28, left: 46 };
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

export function toDate(value) {
  if (value instanceof Date) return value;
  const [y, m, d] = String(value).slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

function extent(values) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [0, 1] : [lo, hi];
}

function niceTicks(lo, hi, count) {
  if (lo === hi) { lo -= 1; hi += 1; }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toFixed(10)));
  return ticks;
}

function timeTicks(x0, x1, maxTicks) {
  const months = (x1.getUTCFullYear() - x0.getUTCFullYear()) * 12 + x1.getUTCMonth() - x0.getUTCMonth();
  const step = MONTH_STEPS.find((s) => months / s <= maxTicks) || 240;
  const ticks = [];
  let y = x0.getUTCFullYear(), m = 0;
  if (step < 12) m = Math.ceil(x0.getUTCMonth() / step) * step;
  else y = Math.ceil(y / (step / 12)) * (step / 12);
  for (let t = new Date(Date.UTC(y, m, 1)); t <= x1; t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + step, 1))) {
    if (t >= x0) ticks.push(t);
  }
  return { ticks, label: (t) => (step >= 12 ? String(t.getUTCFullYear()) : t.toISOString().slice(0, 7)) };
}

function scale(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

function linePath(points, x, y) {
  let d = "", pen = false;
  for (const p of points) {
    if (p.y === null || p.y === undefined || Number.isNaN(p.y)) { pen = false; continue; }
    d += `${pen ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function areaPath(points, x, y) {
  const pts = points.filter((p) => p.lo !== null && p.hi !== null && p.lo !== undefined);
  if (!pts.length) return "";
  const top = pts.map((p, i) => `${i ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.hi).toFixed(1)}`).join("");
  const bottom = pts.slice().reverse().map((p) => `L${x(p.x).toFixed(1)},${y(p.lo).toFixed(1)}`).join("");
  return `${top}${bottom}Z`;
}

let tooltip = null;
function showTooltip(event, lines) {
  if (!tooltip) { tooltip = el("div", { class: "tooltip", role: "status" }); document.body.append(tooltip); }
  tooltip.replaceChildren(...lines.map((line, i) => (i ? el("div", {}, line) : el("b", {}, line))));
  tooltip.hidden = false;
  const pad = 14;
  const left = Math.min(event.clientX + pad, window.innerWidth - tooltip.offsetWidth - pad);
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${event.clientY + pad}px`;
}
function hideTooltip() { if (tooltip) tooltip.hidden = true; }

export function lineChart(container, spec) {
  let drawnWidth = container.clientWidth;
  drawLineChart(container, spec);
  // Redraw when the width changes (window resized), not on the observer's first call.
  if (container._chartObserver) container._chartObserver.disconnect();
  let pending = null;
  container._chartObserver = new ResizeObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (container.clientWidth === drawnWidth) return;
      drawnWidth = container.clientWidth;
      drawLineChart(container, spec);
    }, 150);
  });
  container._chartObserver.observe(container);
}

function drawLineChart(container, spec) {
  const width = Math.max(320, container.clientWidth || 800);
  const height = spec.height || 300;
  const series = spec.series || [];
  const allPoints = series.flatMap((s) => s.points).concat((spec.intervals || []).flatMap((i) => i.points));
  const xs = allPoints.map((p) => p.x.getTime()).concat((spec.bands || []).flatMap((b) => [b.x0.getTime(), b.x1.getTime()]));
  if (!xs.length) { container.replaceChildren(el("p", { class: "muted" }, spec.empty || "No data in this period.")); return; }
  const [t0, t1] = spec.xDomain ? spec.xDomain.map((d) => d.getTime()) : extent(xs);
  const [ylo, yhi] = spec.yDomain || extent(allPoints.flatMap((p) => [p.y, p.lo, p.hi]));
  const pad = spec.yDomain ? 0 : (yhi - ylo) * 0.08 || 1;
  const yTicks = niceTicks(ylo - pad, yhi + pad, Math.round(height / 55));
  const y0 = Math.min(yTicks[0], ylo), y1 = Math.max(yTicks[yTicks.length - 1], yhi);
  const x = scale(t0, t1, MARGIN.left, width - MARGIN.right);
  const y = scale(y0, y1, height - MARGIN.bottom, MARGIN.top);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, "aria-label": spec.label || "chart", role: "img" });
  root.append(grid(yTicks, x, y, t0, t1, width, height));
  for (const band of spec.bands || []) root.append(bandRect(band, x, height));
  for (const iv of spec.intervals || []) root.append(svg("path", { d: areaPath(iv.points, x, y), fill: iv.color, "fill-opacity": 0.18, class: "interval" }));
  if (spec.zeroLine !== false && y0 < 0 && y1 > 0) root.append(svg("line", { class: "zero", x1: MARGIN.left, x2: width - MARGIN.right, y1: y(0), y2: y(0) }));
  for (const s of series) {
    root.append(svg("path", { d: linePath(s.points, x, y), fill: "none", stroke: s.color, "stroke-width": s.width || 2,
      "stroke-dasharray": s.dash || null, "stroke-linejoin": "round", class: "series", "data-name": s.name }));
    if (s.dots) root.append(dots(s, x, y));
  }
  root.append(axes(yTicks, x, y, t0, t1, width, height, spec.yFormat || ((v) => fmt.num(v, Math.abs(y1 - y0) < 5 ? 1 : 0))));
  root.append(hoverLayer(spec, x, y, width, height));  // below the markers, so they stay clickable
  for (const m of spec.markers || []) root.append(marker(m, x, y, height));
  container.replaceChildren(root);
}

// Points as dots, so a period between two gaps still shows.
function dots(s, x, y) {
  const g = svg("g", { class: "dots", fill: s.color });
  for (const p of s.points) {
    if (p.y !== null && p.y !== undefined && !Number.isNaN(p.y)) g.append(svg("circle", { cx: x(p.x), cy: y(p.y), r: 2.2 }));
  }
  return g;
}

function grid(yTicks, x, y, t0, t1, width, height) {
  const g = svg("g", { class: "grid" });
  for (const t of yTicks) g.append(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(t), y2: y(t) }));
  return g;
}

function axes(yTicks, x, y, t0, t1, width, height, yFormat) {
  const g = svg("g", { class: "axis" });
  for (const t of yTicks) g.append(svg("text", { x: MARGIN.left - 6, y: y(t) + 4, "text-anchor": "end" }, yFormat(t)));
  const { ticks, label } = timeTicks(new Date(t0), new Date(t1), Math.floor((width - MARGIN.left) / 70));
  g.append(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: height - MARGIN.bottom, y2: height - MARGIN.bottom }));
  for (const t of ticks) {
    g.append(svg("line", { x1: x(t), x2: x(t), y1: height - MARGIN.bottom, y2: height - MARGIN.bottom + 4 }));
    g.append(svg("text", { x: x(t), y: height - MARGIN.bottom + 16, "text-anchor": "middle" }, label(t)));
  }
  return g;
}

function bandRect(band, x, height) {
  const x0 = x(band.x0.getTime()), x1 = x(band.x1.getTime());
  const g = svg("g", { class: "band" });
  g.append(svg("rect", { x: x0, y: MARGIN.top, width: Math.max(1, x1 - x0), height: height - MARGIN.top - MARGIN.bottom,
    fill: band.color, "fill-opacity": 0.13 }, svg("title", {}, band.title || band.label || "")));
  if (band.label && x1 - x0 > 46) {
    g.append(svg("text", { x: (x0 + x1) / 2, y: MARGIN.top - 7, "text-anchor": "middle", class: "label-text", fill: band.color }, band.label));
  }
  return g;
}

function marker(m, x, y, height) {
  const cx = x(m.x.getTime()), cy = y(m.y);
  const g = svg("g", { class: "turning", tabindex: 0, role: "button", "aria-label": m.title || m.label || "marker" });
  g.append(svg("line", { x1: cx, x2: cx, y1: MARGIN.top, y2: height - MARGIN.bottom, stroke: m.color, "stroke-dasharray": "2 3", "stroke-width": 1 }));
  g.append(svg("circle", { cx, cy, r: 6, fill: "#fff", stroke: m.color, "stroke-width": 2.5 }));
  g.append(svg("title", {}, m.title || ""));
  if (m.onClick) {
    g.addEventListener("click", m.onClick);
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); m.onClick(e); } });
  }
  return g;
}

function hoverLayer(spec, x, y, width, height) {
  const g = svg("g", { class: "hover" });
  const line = svg("line", { class: "hover-line", y1: MARGIN.top, y2: height - MARGIN.bottom, visibility: "hidden" });
  const rect = svg("rect", { x: MARGIN.left, y: MARGIN.top, width: width - MARGIN.left - MARGIN.right,
    height: height - MARGIN.top - MARGIN.bottom, fill: "transparent" });
  const main = (spec.series || [])[0];
  rect.addEventListener("mousemove", (event) => {
    if (!main || !main.points.length) return;
    const box = rect.ownerSVGElement.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * width;
    let best = main.points[0];
    for (const p of main.points) if (Math.abs(x(p.x) - px) < Math.abs(x(best.x) - px)) best = p;
    line.setAttribute("x1", x(best.x)); line.setAttribute("x2", x(best.x)); line.setAttribute("visibility", "visible");
    const lines = [best.x.toISOString().slice(0, 10)];
    for (const s of spec.series) {
      const p = s.points.find((q) => q.x.getTime() === best.x.getTime());
      if (p && p.y !== null && p.y !== undefined) lines.push(`${s.name}: ${fmt.num(p.y)}${p.note ? ` (${p.note})` : ""}`);
    }
    showTooltip(event, lines);
  });
  rect.addEventListener("mouseleave", () => { line.setAttribute("visibility", "hidden"); hideTooltip(); });
  g.append(line, rect);
  return g;
}

export function legend(container, items) {
  container.replaceChildren(...items.map((item) =>
    el("span", {}, swatch(item.color), item.label)));
}

function swatch(color) {
  const s = el("span", { class: "swatch" });
  s.style.background = color;
  return s;
}
