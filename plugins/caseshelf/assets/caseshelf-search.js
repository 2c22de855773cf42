// caseshelf: the header search box. Loaded only when a reader focuses the box or types;
// it then loads Pagefind, which fetches only the index chunks a query needs. Explore uses
// its `load` and `inLanguage` too.
let loading;

// Pagefind, with the bundles listed in caseshelf-merge.json merged in (Chinese, Japanese,
// and a large site's later batches: search/pagefind.py says why).
export function load(root) {
  loading ??= (async () => {
    const base = new URL("pagefind/", root);
    const [pagefind, merged] = await Promise.all([
      import(new URL("pagefind.js", base).href),
      fetch(new URL("caseshelf-merge.json", base)).then((r) => (r.ok ? r.json() : []))]);
    const baseUrl = new URL(".", root).pathname;
    // no worker: one script less to download; a query runs in well under a frame
    await pagefind.options({ baseUrl, noWorker: true });
    await pagefind.init();
    // a site in several languages: only the bundles of this page's language's site; a
    // large site's later batches of pages are bundles too (search/pagefind.py)
    const site = document.documentElement.lang;
    const bundles = merged.filter((m) => !m.site || m.site === site);
    await Promise.all(bundles.map(({ path, language }) =>
      pagefind.mergeIndex(new URL(path, root).href, { language, baseUrl })));
    return pagefind;
  })();
  return loading;
}

// Scripts written right to left; a language's script from CLDR's likely subtags (ar → Arab).
const RIGHT_TO_LEFT = new Set(["Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr",
  "Syrc", "Thaa", "Yezi"]);

export function direction(language) {
  try {
    return RIGHT_TO_LEFT.has(new Intl.Locale(language).maximize().script) ? "rtl" : "ltr";
  } catch {
    return "auto";  // not a language tag: let the text decide
  }
}

// Text in a case's language carries it and its direction; without one (a browse page), the
// direction of its own text.
export function inLanguage(node, language) {
  if (language) node.lang = language;
  node.dir = language ? direction(language) : "auto";
  return node;
}

// A result's language: a case's `language` filter.
export function languageOf(hit) {
  return (hit.filters && hit.filters.language || [])[0];
}

// A number as the page's language writes it, in the digits the pages' own numbers use
// (the build writes them with Babel: Western digits, the language's grouping).
export function numberOf(n) {
  const lang = document.documentElement.lang || "en";
  return n.toLocaleString(lang, { numberingSystem: "latn" });
}

// "All {n} results" in the reader's language: the form for n's plural category (the forms
// come from the page, data-cs-results), else "other"; "zero" where the page gives one.

export function countOf(n, forms) {
  const lang = document.documentElement.lang || "en";
  const form = forms[n === 0 && forms.zero ? "zero" : new Intl.PluralRules(lang).select(n)];
  return (form || forms.other).replace("{n}", numberOf(n));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// Pagefind's excerpt is the page's text, escaped, with <mark> around the words found. It is
// rebuilt here from text and <mark> elements (read in an inert document, which runs and
// loads nothing), never set as HTML, so no text from a case can become markup on the page.
function excerptOf(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body;
  const excerpt = element("p", "cs-search__excerpt");
  for (const node of parsed.firstChild ? parsed.firstChild.childNodes : []) {
    excerpt.append(node.nodeName === "MARK" ? element("mark", null, node.textContent)
      : node.textContent);
  }
  return excerpt;
}

export function start(form) {
  const root = new URL(form.dataset.csRoot.replace(/\/?$/, "/"), location.href);
  const input = form.querySelector("input");
  const box = form.querySelector(".cs-search__results");
  let latest = 0;

  async function run() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const engine = await load(root);
    const search = await engine.debouncedSearch(query, {}, 250);
    if (search === null || ticket !== latest) return;  // a newer query replaced this one
    const shown = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
    if (ticket !== latest) return;
    const list = element("ol", "cs-search__list");
    for (const hit of shown) {
      const item = element("li");
      const language = languageOf(hit);
      const link = inLanguage(element("a", "cs-search__title", hit.meta.title || hit.url),
        language);
      link.href = hit.url;
      item.append(link, inLanguage(excerptOf(hit.excerpt), language));
      if (hit.meta.countries) item.append(element("p", "cs-search__countries", hit.meta.countries));
      list.append(item);
    }
    const more = element("a", "cs-search__more",
      countOf(search.results.length, JSON.parse(form.dataset.csResults)));
    more.href = form.action + "?q=" + encodeURIComponent(query);
    box.replaceChildren(list, more);
    box.hidden = false;
  }

  input.addEventListener("input", run);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { box.hidden = true; input.blur(); }
  });
  if (input.value.trim()) run();
}
