// Material's scripts wait for the reader's first scroll, tap, key or focus outside the
// search box (main.html makes them inert: <script type="text/x-cs-later" data-src=…>).
// The page reads and works without them, since Material styles itself for no-JS until its
// bundle runs, so a slow phone spends its first seconds on the text, not on 114 KB of
// script, and a first search downloads only the search. Material's bundle starts
// on DOMContentLoaded, long past by then, so that event is sent again once it has loaded;
// no other script on these pages listens for it.
(() => {
  const events = ["scroll", "pointerdown", "keydown", "touchstart", "focusin"];
  const start = (event) => {
    // a search needs nothing of Material's: the search box loads its own script (below)
    if (event && event.target.closest && event.target.closest("form.cs-search")) return;
    for (const name of events) removeEventListener(name, start, true);
    // Material's bundle fetches sitemap.xml beside every link[rel=alternate] to map pages
    // between languages; the language menu already links this page in each language, so
    // the links it would read (the page's versions) get a word its selector does not match.
    for (const link of document.querySelectorAll("link[rel=alternate][hreflang]")) {
      link.rel = "alternate cs-version";
    }
    // Material's storage helpers, which partials/javascripts/base.html leaves out of the
    // page when no inline script needs them: its bundle does (as Material writes them).
    if (!("__md_scope" in window)) {
      const config = JSON.parse(document.getElementById("__config").textContent);
      window.__md_scope = new URL(config.base, location);
      window.__md_hash = (e) => [...e].reduce((h, c) => (h << 5) - h + c.charCodeAt(0), 0);
      window.__md_get = (key, store = localStorage, scope = __md_scope) =>
        JSON.parse(store.getItem(scope.pathname + "." + key));
      window.__md_set = (key, value, store = localStorage, scope = __md_scope) => {
        try { store.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) {}
      };
    }
    let last = null;
    for (const inert of document.querySelectorAll("script[data-src]")) {
      last = document.createElement("script");
      last.src = inert.dataset.src;
      last.async = false;  // in document order, as they were written
      inert.replaceWith(last);
    }
    if (last) last.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"));
  };
  for (const name of events) addEventListener(name, start, { capture: true, passive: true });
})();

// "Copy" beside a citation copies the text just before it (and selects it, so that a
// browser without the clipboard API can still copy it by hand or with execCommand).
addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest(".cs-copy");
  if (!button) return;
  const text = button.previousElementSibling, range = document.createRange();
  range.selectNodeContents(text);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  (navigator.clipboard ? navigator.clipboard.writeText(text.textContent) : Promise.reject())
    .catch(() => document.execCommand("copy"));
});

// The header search box (search-box.html) loads its search only when the reader focuses it
// or types: Pagefind's module on the web; in the offline edition, which file:// keeps from
// modules and WASM, a plain-script index and the script that reads it.
for (const form of document.querySelectorAll("form.cs-search[data-cs-root]")) {
  const root = new URL(form.dataset.csRoot.replace(/\/?$/, "/"), location.href);
  const input = form.querySelector("input");
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    if (!("csOffline" in form.dataset)) {
      import(new URL("assets/caseshelf-search.js", root).href).then((m) => m.start(form));
      return;
    }
    // each language has its index (search/offline.py): a page under /<lang>/ whose
    // <html lang> is that folder's reads assets/offline-index.<lang>.js; the first
    // language's pages, at the root, read assets/offline-index.js
    const lang = document.documentElement.lang;
    const folder = location.href.startsWith(root.href)
      ? location.href.slice(root.href.length).split("/")[0] : "";
    const index = lang && folder === lang
      ? `assets/offline-index.${lang}.js` : "assets/offline-index.js";
    let left = 2;
    for (const path of [index, "assets/caseshelf-offline-search.js"]) {
      const script = document.createElement("script");
      script.src = new URL(path, root).href;
      script.onload = () => { if (!--left) caseshelfOfflineSearch(form); };
      document.head.append(script);
    }
  };
  input.addEventListener("focus", start);
  input.addEventListener("input", start);
  if (document.activeElement === input) start();  // focused before this script ran
}
