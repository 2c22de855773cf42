// caseshelf offline edition: search without a server. The index is a plain script
// (assets/offline-index.js, or .<lang>.js for a page of another site language, picked by
// caseshelf-later.js) that sets window.CASESHELF_OFFLINE_INDEX; nothing is fetched,
// so it works from file://. Words are matched whole, the last one also as a prefix.
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}_]{2,}/gu;
  // Han and kana are indexed as pairs of characters (search/offline.py, the same ranges)
  var UNSPACED = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var terms = null, sorted = null, cache = {};

  function termsOf(word) {
    var runs = word.match(UNSPACED);
    if (!runs) return [word];
    var found = word.split(UNSPACED).filter(function (part) { return part.length >= 2; });
    runs.forEach(function (run) {
      if (run.length === 1) found.push(run);
      for (var i = 0; i + 1 < run.length; i++) found.push(run.slice(i, i + 2));
    });
    return found;
  }

  function ids(term) {
    if (cache[term]) return cache[term];
    var gaps = terms[term].split(","), out = [], at = 0;
    for (var i = 0; i < gaps.length; i++) { at += parseInt(gaps[i], 36); out.push(at); }
    return (cache[term] = out);
  }

  function matching(token, prefix) {
    var found = {};
    if (!prefix) {
      if (terms[token]) ids(token).forEach(function (id) { found[id] = true; });
      return found;
    }
    // the sorted term list: binary search to the first term with this prefix
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] < token) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < sorted.length && sorted[i].lastIndexOf(token, 0) === 0; i++) {
      ids(sorted[i]).forEach(function (id) { found[id] = true; });
    }
    return found;
  }

  function search(index, query) {
    var tokens = [];
    (query.toLowerCase().match(WORD) || []).forEach(function (word) {
      tokens = tokens.concat(termsOf(word));
    });
    if (!tokens.length) return [];
    var result = null;
    tokens.forEach(function (token, n) {
      var found = matching(token, n === tokens.length - 1);
      if (result === null) { result = found; return; }
      var both = {};
      Object.keys(result).forEach(function (id) { if (found[id]) both[id] = true; });
      result = both;
    });
    var hits = Object.keys(result).map(Number);
    function inTitle(id) {
      var title = index.docs[id][0].toLowerCase();
      return tokens.filter(function (t) { return title.indexOf(t) !== -1; }).length;
    }
    hits.sort(function (a, b) { return inTitle(b) - inTitle(a) || a - b; });
    return hits;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Scripts written right to left (ISO 15924); a language's usual script from CLDR's likely
  // subtags. The same list as in caseshelf-search.js, which file:// cannot import.
  var RIGHT_TO_LEFT = ["Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc",
    "Thaa", "Yezi"];

  // A case's title and summary carry its language and direction, so an Arabic title reads
  // right to left among English ones.
  function inLanguage(node, language) {
    var dir = "auto";
    if (language) {
      node.lang = language;
      try {
        dir = RIGHT_TO_LEFT.indexOf(new Intl.Locale(language).maximize().script) !== -1
          ? "rtl" : "ltr";
      } catch (error) { /* not a language tag: the text decides */ }
    }
    node.dir = dir;
    return node;
  }

  // "{n} results" in the reader's language: the form for n's plural category (from the
  // page, data-cs-results), else "other"; "zero" where the page gives one.
  function countOf(n, forms) {
    var lang = document.documentElement.lang || "en";
    var form = forms[n === 0 && forms.zero ? "zero" : new Intl.PluralRules(lang).select(n)];
    var written = n.toLocaleString(lang, { numberingSystem: "latn" });  // as the build writes
    return (form || forms.other).replace("{n}", written);
  }

  window.caseshelfOfflineSearch = function (form) {
    var index = window.CASESHELF_OFFLINE_INDEX;
    terms = index.terms;
    sorted = Object.keys(terms).sort();
    var root = form.dataset.csRoot.replace(/\/?$/, "/");
    var input = form.querySelector("input"), box = form.querySelector(".cs-search__results");
    var forms = JSON.parse(form.dataset.csResults);
    function run() {
      var query = input.value.trim();
      if (!query) { box.hidden = true; box.replaceChildren(); return; }
      var hits = search(index, query), list = element("ol", "cs-search__list");
      hits.slice(0, 10).forEach(function (id) {
        var doc = index.docs[id], item = element("li");
        var link = inLanguage(element("a", "cs-search__title", doc[0]), doc[4]);
        link.href = root + doc[3];
        item.append(link, inLanguage(element("p", "cs-search__excerpt", doc[1]), doc[4]));
        if (doc[2]) item.append(element("p", "cs-search__countries", doc[2]));
        list.append(item);
      });
      var total = element("p", "cs-search__more", countOf(hits.length, forms));
      box.replaceChildren(list, total);
      box.hidden = false;
    }
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { box.hidden = true; input.blur(); }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    run();
  };
})();
