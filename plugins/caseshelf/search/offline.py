"""The search index of the offline edition: a compact inverted index in a plain script.

Pagefind needs a web server (WASM and modules are blocked on file://), so the offline
edition carries its own index, loaded with a `<script>` tag: the cases' titles, summaries,
countries and languages to show, and for every word (from title, summary, facets and body text) the
cases it occurs in, as gaps between case numbers in base 36. Nothing here knows MkDocs.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

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
                names_of: Callable[[Case], Iterable[str]]) -> dict:
    """{"docs": [[title, summary, countries, url, language], ...], "terms": {word: "gaps"}}.
    `names_of` gives the names of a case's facet values that it is found by (the facets
    say which: site/facets.py, passed in by the plugin)."""
    ordered = sorted(cases, key=title_order)
    postings: dict[str, list[int]] = defaultdict(list)
    docs = []
    for number, case in enumerate(ordered):
        names = [countries.name_of(code) for code in case.countries]
        docs.append([case.title, case.summary, ", ".join(names), url_of(case), case.language])
        facets = " ".join([*names_of(case), *case.tags, *case.organisations])
        for word in words(f"{case.title} {case.summary} {facets} {case.body}"):
            postings[word].append(number)
    terms = {}
    for word in sorted(postings):
        ids = postings[word]
        terms[word] = ",".join(_base36(b - a) for a, b in zip([0, *ids], ids, strict=False))
    return {"docs": docs, "terms": terms}


def as_script(index: dict) -> str:
    """The index as a script that sets one global, for a plain `<script src>` tag."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL}={data};\n"
