// Shared helpers: JSON fetches from /api/, safe DOM building, formatting and the pair picker.
// Text from the store (sentences, titles, URLs) is scraped news: it only ever goes in as textContent.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

const RETRIES_WHEN_BUSY = 3;

// GET a JSON route; while a writer holds the store (503), wait as told and try again.
export async function api(path, params = {}, attempt = 0) {
  const response = await fetch(path + query(params), { headers: { Accept: "application/json" } });
  if (response.status === 503 && attempt < RETRIES_WHEN_BUSY) {
    const wait = Math.min(30, Number(response.headers.get("Retry-After")) || 5);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    return api(path, params, attempt + 1);
  }
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, detail);
  }
  return body;
}

// el("td", {class: "num"}, "12") builds an element; strings become text nodes, never HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Only http(s) links are links; anything else (javascript:, data:) is shown as text.
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function hostOf(url) {
  try { return new URL(url).hostname.replace(/^www\./, ""); } catch { return ""; }
}

export const fmt = {
  int: (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-GB")),
  num: (n, digits = 2) => (n === null || n === undefined || Number.isNaN(n) ? "–" : Number(n).toFixed(digits)),
  signed: (n, digits = 2) => (n === null || n === undefined ? "–" : (n > 0 ? "+" : "") + Number(n).toFixed(digits)),
  date: (d) => (d ? String(d).slice(0, 10) : "–"),
  pct: (x) => (x === null || x === undefined ? "–" : `${Math.round(100 * x)}%`),
};

export function clear(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

export function notice(message) {
  return el("p", { class: "notice" }, message);
}

// The picker: A from the countries in the store, B from A's partners (with event counts).
export async function initPicker(form) {
  const selectA = form.querySelector("#pick-a");
  const selectB = form.querySelector("#pick-b");
  const wantA = form.dataset.a || "";
  const wantB = form.dataset.b || "";
  const { countries } = await api("/api/countries");
  fillSelect(selectA, countries, wantA || (countries[0] && countries[0].code), "country");
  async function loadPartners(keep) {
    if (!selectA.value) return;
    const { countries: partners } = await api("/api/countries", { partner: selectA.value });
    fillSelect(selectB, partners, keep || (partners[0] && partners[0].code), "partner");
  }
  selectA.addEventListener("change", () => loadPartners(""));
  await loadPartners(wantB);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    if (!data.get("a") || !data.get("b")) return;
    const params = { from: data.get("from"), to: data.get("to"), freq: data.get("freq") };
    window.location.href = `/dyad/${encodeURIComponent(data.get("a"))}/${encodeURIComponent(data.get("b"))}${query(params)}`;
  });
}

function fillSelect(select, rows, selected, kind) {
  const options = rows.map((c) =>
    el("option", { value: c.code, selected: c.code === selected }, `${c.name} (${c.code}) · ${fmt.int(c.events)}`));
  if (!options.length) options.push(el("option", { value: "" }, kind === "partner" ? "No partners" : "No countries"));
  clear(select, options);
}
