"""The search index of the offline edition: a compact inverted index in a plain script.

Pagefind needs a web server (WASM and modules are blocked on file://), so the offline
edition carries its own index, loaded with a `<script>` tag: the cases' titles, summaries,
countries and languages to show, and for every word (from title, summary, facets and body text) the
cases it occurs in, as gaps between case numbers in base 36. Nothing here knows MkDocs.

A site in several languages has one index per language, each as that language's pages show
the cases (translated titles, names of places and themes in the language, links to the
language's pages): `assets/offline-index.js` for the first language, as for a site in one
language, and `assets/offline-index.<language>.js` for each other. A translated case is
found by the words of its original too.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..cases import countries
from ..cases.model import Case
from ..cases.text import title_order

WORD = re.compile(r"\w{2,}", re.UNICODE)
# Han, hiragana and katakana, written without spaces between words: a run of them is held
# as its overlapping pairs of characters (as libzim and Lucene's CJK analyser do), and the
# script splits a query the same way (the same ranges are in caseshelf-offline-search.js).
UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
GLOBAL = "CASESHELF_OFFLINE_INDEX"


def terms_of(word: str) -> list[str]:
    """What a word is indexed as: itself, or for a run of Han or kana its pairs."""
    runs = UNSPACED.findall(word)
    if not runs:
        return [word]
    found = [part for part in UNSPACED.split(word) if len(part) >= 2]
    for run in runs:
        found += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
    return found


def words(text: str) -> set[str]:
    return {term for w in WORD.findall(text) for term in terms_of(w.casefold())}


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def build_index(cases: Sequence[Case], url_of: Callable[[Case], str],
                names_of: Callable[[Case], Iterable[str]], *, language: str = "en",
                originals: Mapping[str, Case] | None = None) -> dict:
    """{"docs": [[title, summary, countries, url, language], ...], "terms": {word: "gaps"}}.
    `names_of` gives the names of a case's facet values that it is found by (the facets
    say which: site/facets.py, passed in by the plugin); countries are named in `language`.
    `originals` (by slug) adds the words of a case as written to those of its translation."""
    ordered = sorted(cases, key=title_order)
    postings: dict[str, list[int]] = defaultdict(list)
    docs = []
    for number, case in enumerate(ordered):
        names = [countries.name_of(code, language) for code in case.countries]
        docs.append([case.title, case.summary, ", ".join(names), url_of(case), case.language])
        facets = " ".join([*names, *names_of(case), *case.tags, *case.organisations])
        text = f"{case.title} {case.summary} {facets} {case.body}"
        original = (originals or {}).get(case.slug, case)
        if original.body != case.body or original.title != case.title:
            text += f" {original.title} {original.summary} {original.body}"
        for word in words(text):
            postings[word].append(number)
    terms = {}
    for word in sorted(postings):
        ids = postings[word]
        terms[word] = ",".join(_base36(b - a) for a, b in zip([0, *ids], ids, strict=False))
    return {"docs": docs, "terms": terms}


def script_path(language: str, languages: Sequence[str]) -> str:
    """Where a language's index is: the first language's where a one-language site has it;
    caseshelf-later.js picks the file by the page's folder and `<html lang>`."""
    return "assets/offline-index.js" if language == languages[0] else \
        f"assets/offline-index.{language}.js"


def scripts(cases: Sequence[Case], languages: Sequence[str],
            localised: Callable[[Case, str], Case], url_of: Callable[[Case, str], str],
            names: Callable[[Sequence[Case], str], Mapping[str, Iterable[str]]]
            ) -> dict[str, str]:
    """{path: script}, the index of each site language. `localised(case, language)` is a
    case as that language's pages show it, `url_of(case, language)` its page there, and
    `names(cases, language)` the names in the language of each case's facet values, by slug."""
    originals = {case.slug: case for case in cases}
    found = {}
    for language in languages:
        shown = [localised(case, language) for case in cases]
        named = names(shown, language)
        index = build_index(shown, lambda case, lang=language: url_of(case, lang),
                            lambda case, known=named: known.get(case.slug, ()),
                            language=language, originals=originals)
        found[script_path(language, languages)] = as_script(index)
    return found


def as_script(index: dict) -> str:
    """The index as a script that sets one global, for a plain `<script src>` tag."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL}={data};\n"
