// caseshelf: the Explore page. Filters over Pagefind's filters, with a count per value; the
// state lives in the URL (?country=th&sdg=16), so a filtered view can be bookmarked.
// Without JavaScript the page keeps its links to the static browse pages. The facets and
// their labels come from the page (made from the one definition of the facets, facets.py):
// facets = [{name, title, values: [[key, label, parent key]]}] in the order shown,
// labels = {filter: {key: label}}. Words shown to the reader come from the page too
// (cs-explore-messages: plural forms by CLDR category, picked with Intl.PluralRules).
// Pagefind is loaded, with its other bundles merged, by the header search's script.
import { countOf, inLanguage, languageOf, load, numberOf } from "./caseshelf-search.js";

const PAGE = 50;

const app = document.querySelector("[data-cs-explore]");
const root = new URL(app.dataset.csRoot.replace(/\/?$/, "/"), location.href);
const { facets, labels } = JSON.parse(document.getElementById("cs-explore-data").textContent);
const messages = JSON.parse(document.getElementById("cs-explore-messages").textContent);
const form = app.querySelector("form");
const query = form.elements.q;
const status = app.querySelector(".cs-explore__status");
const results = app.querySelector(".cs-explore__results");
const more = app.querySelector(".cs-explore__more");
let pagefind, found = [], shown = 0, latest = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function readState() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") || "", year_from: params.get("year_from") || "",
                  year_to: params.get("year_to") || "" };
  for (const { name } of facets) state[name] = params.getAll(name);
  return state;
}

function writeState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const { name } of facets) for (const value of state[name]) params.append(name, value);
  if (state.year_from) params.set("year_from", state.year_from);
  if (state.year_to) params.set("year_to", state.year_to);
  const search = params.toString();
  history.replaceState(null, "", search ? "?" + search : location.pathname);
}

function formState() {
  const state = { q: query.value.trim(), year_from: form.elements.year_from.value,
                  year_to: form.elements.year_to.value };
  for (const { name } of facets) {
    state[name] = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  }
  return state;
}

function filtersFor(state) {
  const filters = { kind: "case" };
  for (const { name } of facets) if (state[name].length) filters[name] = { any: state[name] };
  if (state.year_from || state.year_to) {
    const years = Object.keys(labels.year).filter((y) =>
      (!state.year_from || y >= state.year_from) && (!state.year_to || y <= state.year_to));
    filters.year = { any: years.length ? years : ["none"] };
  }
  return filters;
}

function buildFacets(state, counts) {
  const holder = form.querySelector(".cs-explore__facets");
  for (const { name, title, values: shown } of facets) {
    if (!shown.length) continue;
    const box = element("fieldset", "cs-explore__facet");
    box.append(element("legend", null, title));
    for (const [value, text, parent] of shown) {
      const label = element("label", parent ? "cs-explore__sub" : null);
      const input = element("input");
      input.type = "checkbox";
      input.name = name;
      input.value = value;
      input.checked = state[name].includes(value);
      const count = element("span", "cs-count", String((counts[name] || {})[value] || 0));
      label.append(input, " " + text + " ", count);
      box.append(label);
    }
    holder.append(box);
  }
}

function updateCounts(counts) {
  for (const input of form.querySelectorAll("input[type=checkbox]")) {
    const n = (counts[input.name] || {})[input.value] || 0;
    input.parentElement.querySelector(".cs-count").textContent = numberOf(n);
  }
}

async function showMore() {
  const batch = found.slice(shown, shown + PAGE);
  shown += batch.length;
  const data = await Promise.all(batch.map((r) => r.data()));
  for (const hit of data) {
    const item = element("li", "cs-item");
    const language = languageOf(hit);
    const link = inLanguage(element("a", "cs-title", hit.meta.title || hit.url), language);
    link.href = hit.url;
    item.append(link, inLanguage(element("p", null, hit.meta.summary || ""), language));
    if (hit.meta.countries) item.append(element("p", "cs-meta", hit.meta.countries));
    results.append(item);
  }
  more.hidden = shown >= found.length;
}

async function run() {
  const state = formState();
  writeState(state);
  const ticket = ++latest;
  const search = await pagefind.search(state.q || null, { filters: filtersFor(state) });
  if (ticket !== latest) return;
  found = search.results;
  shown = 0;
  results.replaceChildren();
  status.textContent = countOf(found.length, messages.cases);
  updateCounts(search.filters);
  await showMore();
}

async function main() {
  pagefind = await load(root);
  // Pagefind counts only the filters it has loaded, those of the search so far: load them
  // all (some 30 KB at 1,000 cases), or every facet not yet filtered shows 0 beside each value.
  await pagefind.filters();
  const state = readState();
  query.value = state.q;
  form.elements.year_from.value = state.year_from;
  form.elements.year_to.value = state.year_to;
  buildFacets(state, {});
  // On a phone the filters fold behind one control, so the first results show on the first
  // screen; on a wide screen they start open beside nothing else to scroll past.
  form.querySelector(".cs-explore__filters").open = matchMedia("(min-width: 60em)").matches
    || facets.some(({ name }) => state[name].length) || Boolean(state.year_from || state.year_to);
  app.hidden = false;
  document.querySelector(".cs-explore__fallback").hidden = true;
  form.addEventListener("change", run);
  query.addEventListener("input", run);
  more.addEventListener("click", showMore);
  await run();
}

main();
