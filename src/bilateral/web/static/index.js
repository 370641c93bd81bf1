// The start page: the picker and the pairs with most events.
import { api, clear, el, fmt, initPicker, notice } from "./common.js";

async function loadPairs() {
  const body = document.querySelector("#pairs tbody");
  try {
    const { pairs } = await api("/api/pairs", { limit: 15 });
    if (!pairs.length) {
      clear(body, el("tr", {}, el("td", { colspan: 4 }, "The store holds no events between two countries yet.")));
      return;
    }
    clear(body, pairs.map((p) => el("tr", {},
      el("td", {}, el("a", { href: `/dyad/${p.a}/${p.b}` }, `${p.a_name} – ${p.b_name}`), " ", el("span", { class: "code" }, `${p.a}-${p.b}`)),
      el("td", { class: "num" }, fmt.int(p.events)),
      el("td", {}, fmt.date(p.first)),
      el("td", {}, fmt.date(p.last)))));
  } catch (err) {
    clear(body, el("tr", {}, el("td", { colspan: 4 }, notice(`Could not load the pairs: ${err.message}`))));
  }
}

initPicker(document.getElementById("picker")).catch((err) => {
  document.querySelector(".hero").append(notice(`Could not load the countries: ${err.message}`));
});
loadPairs();
