// The evidence table: search, filters (code, class, direction, dates), sorting, paging and the
// download links for the current selection. Every row links to its source.
import { api, clear, el, fmt, hostOf, notice, query, safeUrl } from "./common.js";

const QUAD_GROUPS = [
  { value: "1,2", label: "Cooperation (verbal and material)" },
  { value: "3,4", label: "Conflict (verbal and material)" },
];

export class Evidence {
  constructor(pair) {
    this.pair = pair;
    this.base = `/api/dyad/${encodeURIComponent(pair.a)}/${encodeURIComponent(pair.b)}`;
    this.state = { q: "", code: "", quad: "", direction: "", from: pair.from, to: pair.to, sort: "date", order: "desc", page: 1, size: 25 };
    this.form = document.getElementById("filters");
    this.body = document.querySelector("#evidence-table tbody");
    this.status = document.getElementById("evidence-status");
    this.request = 0;
  }

  async init() {
    this.fillDirection();
    this.form.elements.from.value = this.state.from || "";
    this.form.elements.to.value = this.state.to || "";
    this.form.addEventListener("submit", (e) => { e.preventDefault(); this.readForm(); this.load(); });
    this.form.addEventListener("reset", () => setTimeout(() => {
      this.form.elements.from.value = this.pair.from || "";
      this.form.elements.to.value = this.pair.to || "";
      this.readForm(); this.load();
    }));
    for (const name of ["code", "quad", "direction"]) {
      this.form.elements[name].addEventListener("change", () => { this.readForm(); this.load(); });
    }
    for (const th of document.querySelectorAll("#evidence-table th[data-sort]")) {
      th.addEventListener("click", () => this.sortBy(th.dataset.sort));
    }
    document.getElementById("page-prev").addEventListener("click", () => this.go(this.state.page - 1));
    document.getElementById("page-next").addEventListener("click", () => this.go(this.state.page + 1));
    document.getElementById("page-size").addEventListener("change", (e) => { this.state.size = Number(e.target.value); this.go(1); });
    await Promise.all([this.fillCodes(), this.load()]);
  }

  fillDirection() {
    const { a, b } = this.pair;
    this.form.elements.direction.append(
      el("option", { value: `${a}->${b}` }, `${a} → ${b}`),
      el("option", { value: `${b}->${a}` }, `${b} → ${a}`));
  }

  async fillCodes() {
    const { codes, quad_classes: quads } = await api("/api/codes");
    const roots = codes.filter((c) => c.code.length === 2);
    this.form.elements.code.append(...roots.map((c) => el("option", { value: c.code }, `${c.code} ${capitalise(c.name)}`)));
    this.form.elements.quad.append(
      ...QUAD_GROUPS.map((g) => el("option", { value: g.value }, g.label)),
      ...quads.map((q) => el("option", { value: String(q.quad_class) }, `${q.quad_class} ${q.name}`)));
  }

  readForm() {
    const f = this.form.elements;
    Object.assign(this.state, { q: f.q.value.trim(), code: f.code.value, quad: f.quad.value, direction: f.direction.value,
      from: f.from.value, to: f.to.value, page: 1 });
  }

  // Show the events of one window (a turning point's or a phase's) and scroll to them.
  showWindow(from, to) {
    this.form.elements.from.value = from || "";
    this.form.elements.to.value = to || "";
    this.readForm();
    Object.assign(this.state, { sort: "goldstein", order: "asc" });
    this.load();
    document.getElementById("evidence").scrollIntoView({ behavior: "smooth" });
  }

  sortBy(column) {
    if (this.state.sort === column) this.state.order = this.state.order === "asc" ? "desc" : "asc";
    else Object.assign(this.state, { sort: column, order: column === "date" || column === "sources" ? "desc" : "asc" });
    this.go(1);
  }

  go(page) {
    this.state.page = Math.max(1, page);
    this.load();
  }

  filterParams() {
    const s = this.state;
    return { q: s.q, code: s.code, quad: s.quad, direction: s.direction, from: s.from, to: s.to, sort: s.sort, order: s.order };
  }

  async load() {
    const ticket = ++this.request;
    this.status.textContent = "Loading…";
    this.updateDownloads();
    try {
      const data = await api(`${this.base}/events`, { ...this.filterParams(), page: this.state.page, size: this.state.size });
      if (ticket !== this.request) return;  // a newer request is on its way
      this.render(data);
    } catch (err) {
      if (ticket !== this.request) return;
      this.status.textContent = "";
      clear(this.body, el("tr", {}, el("td", { colspan: 7 }, notice(err.message))));
    }
  }

  render(data) {
    const first = data.total ? (data.page - 1) * data.size + 1 : 0;
    const last = Math.min(data.total, data.page * data.size);
    this.status.textContent = data.total
      ? `Showing ${fmt.int(first)}–${fmt.int(last)} of ${fmt.int(data.total)} events`
      : "No events match these filters.";
    clear(this.body, data.rows.map((row) => this.row(row)));
    document.getElementById("page-info").textContent = `Page ${fmt.int(data.page)} of ${fmt.int(data.pages)}`;
    document.getElementById("page-prev").disabled = data.page <= 1;
    document.getElementById("page-next").disabled = data.page >= data.pages;
    for (const th of document.querySelectorAll("#evidence-table th[data-sort]")) {
      th.classList.remove("sorted-asc", "sorted-desc");
      if (th.dataset.sort === data.sort) th.classList.add(`sorted-${data.order}`);
    }
  }

  row(r) {
    const url = safeUrl(r.url);
    const title = r.title || hostOf(r.url) || "source";
    const source = url
      ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow", title: url }, title)
      : el("span", { title: r.url || "" }, r.title || "no link");
    const g = r.goldstein;
    return el("tr", { "data-event-id": r.event_id },
      el("td", { class: "date" }, fmt.date(r.date)),
      el("td", { class: "direction" }, r.direction.replace("->", " → ")),
      el("td", { class: "event" }, el("span", { class: `pill q${r.quad_class}` }, capitalise(r.event || "")), " ", el("span", { class: "code" }, r.cameo)),
      el("td", { class: `num ${g > 0 ? "pos" : g < 0 ? "neg" : ""}` }, fmt.signed(g, 1)),
      el("td", { class: "sentence" }, marked(r.sentence || "", r.mark)),
      el("td", { class: "num" }, fmt.int(r.sources)),
      el("td", { class: "source" }, source, url ? el("div", { class: "code" }, hostOf(url)) : null));
  }

  updateDownloads() {
    const params = query(this.filterParams());
    for (const fmtName of ["csv", "json", "parquet"]) {
      document.getElementById(`dl-${fmtName}`).href = `${this.base}/events.${fmtName}${params}`;
    }
  }
}

// The sentence with the event's own words in <mark> (text nodes only).
function marked(sentence, mark) {
  if (!mark || mark[0] < 0 || mark[1] > sentence.length || mark[0] >= mark[1]) return sentence;
  return [sentence.slice(0, mark[0]), el("mark", { title: "the words coded as this event" }, sentence.slice(mark[0], mark[1])), sentence.slice(mark[1])];
}

function capitalise(text) {
  const t = String(text || "").toLowerCase();
  return t.charAt(0).toUpperCase() + t.slice(1);
}
