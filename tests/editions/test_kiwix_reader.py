"""The ZIM edition as a Kiwix reader sees it, served by Debian's real kiwix-serve: the title
list (its suggestions), full-text search for an accented word and for titles with an
apostrophe and with double quotes, and which pages search finds, all compared with what
the case files say."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from caseshelf.cases import checker, vocabularies
from caseshelf.editions import build as editions
from support.samples import case_text
from support.sitebuild import ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]  # kiwix-serve

DAY = dt.date(2026, 1, 15)
TITLE = "title: Community feedback kiosks"
FRENCH_BODY = """\
Le ministère a lancé un programme de startups d'État.

## Challenge

Les démarches administratives étaient longues et dispersées entre plusieurs guichets.

## Innovation

De petites équipes construisent un service public numérique en quelques mois avec les usagers.

## Results

Les services sont utilisés chaque jour par des millions de personnes.

## Lessons learned

Commencer petit, puis mesurer l'impact avant de grandir.
"""
CHINESE_BODY = """\
The provincial government asked each office to finish a citizen's request in one visit.

## Challenge

Residents went from office to office for one permit.

## Innovation

Offices share data, so a resident brings each document once.

## Results

The source reports that most requests now need one visit.

## Lessons learned

Start from what the resident has to do.
"""
CASES = {
    "fr-startups-etat.md": case_text(
        "language: fr\n", replace=(TITLE, "title: Startups d'État"), body=FRENCH_BODY,
    ).replace("countries: [ZA]", "countries: [FR]").replace(
        "themes: [service-delivery]", "themes: [digital-government]").replace(
        "summary: Municipal offices placed feedback kiosks in service centres so that "
        "residents can rate the services they receive.",
        "summary: De petites équipes de l'administration construisent des services "
        "numériques avec leurs usagers."),
    "cn-run-once.md": case_text(
        replace=(TITLE, "title: '\"最多跑一次\" reform'"), body=CHINESE_BODY,
    ).replace("countries: [ZA]", "countries: [CN]").replace(
        "themes: [service-delivery]", "themes: [digital-government]"),
    "za-kiosks.md": case_text(),  # says nothing of government: search must not find it
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    for name, text in CASES.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = checker.check_paths([folder])
    assert report.problems == [] and len(report.cases) == len(CASES)
    return report.cases


@pytest.fixture(scope="module")
def zim(tmp_path_factory, cases) -> Path:
    """The ZIM of a site of these cases, made as `caseshelf zim` makes it."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(Path(cases[0].path).parent, project / "cases")
    return editions.zim_files(project / "mkdocs.yml", project / "dist", DAY)[0]


@pytest.fixture(scope="module")
def kiwix(zim):
    """kiwix-serve on 127.0.0.1, serving the ZIM; a function that fetches a path from it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(["kiwix-serve", "--address=127.0.0.1", f"--port={port}", str(zim)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
            return answer.read().decode("utf-8")

    try:
        for _ in range(100):
            try:
                fetch("/")
                break
            except OSError:
                time.sleep(0.1)
        yield fetch
    finally:
        server.terminate()
        server.wait(timeout=10)


def shown(markup: str) -> str:
    """The text a browser shows for a piece of HTML."""
    return lxml.html.fragment_fromstring(markup, create_parent="div").text_content().strip()


def suggestions(kiwix, zim: Path, term: str) -> dict[str, str]:
    """Kiwix's title list for what a reader types: {page path: title as shown}. kiwix-serve
    sends the labels HTML-escaped inside JSON; its page puts them in as HTML."""
    answer = json.loads(kiwix(f"/suggest?content={zim.stem}&count=20&term="
                              + urllib.parse.quote(term)))
    return {item["path"]: shown(html.unescape(item["label"]))
            for item in answer if item["kind"] == "path"}


def search(kiwix, zim: Path, pattern: str) -> tuple[int, list[tuple[str, str]]]:
    """Kiwix's full-text search results page: the count it states, and each hit's page
    path and title as shown, in order."""
    page = lxml.html.document_fromstring(kiwix(
        f"/search?content={zim.stem}&pageLength=100&pattern=" + urllib.parse.quote(pattern)))
    header = " ".join(page.xpath("string(//div[@class='header'])").split())
    found = re.search(r"of ([\d,]+) for", header)
    hits = [(a.get("href").removeprefix(f"/{zim.stem}/"), a.text_content().strip())
            for a in page.xpath("//div[@class='results']//li/a")]
    return (int(found[1].replace(",", "")) if found else 0), hits


def page_of(case) -> str:
    return f"cases/{case.slug}.html"


def readable_text(case) -> str:
    """The text of a case that its page shows as the case's own."""
    themes = vocabularies.themes()
    return " ".join([case.title, case.summary, case.body, case.source.title, case.source.body,
                     *(themes[slug].label for slug in case.themes), *case.organisations])


def test_the_title_list_shows_titles_as_written(kiwix, zim, cases):
    titles = {page_of(case): case.title for case in cases}
    for case in cases:
        typed = max(re.findall(r"[A-Za-z]{4,}", case.title), key=len)  # "Startups", "reform"
        listed = suggestions(kiwix, zim, typed)
        assert listed[page_of(case)] == case.title, typed
        assert set(listed.items()) <= set(titles.items()), typed  # only case pages, as written


def test_search_finds_an_accented_word_in_a_french_case(kiwix, zim, cases):
    expected = [(page_of(c), c.title) for c in cases if "numérique" in readable_text(c)]
    assert [c.language for c in cases if (page_of(c), c.title) in expected] == ["fr"]
    for typed in ("numérique", "numerique"):  # as written, and on a keyboard without accents
        count, hits = search(kiwix, zim, typed)
        assert (count, hits) == (len(expected), expected), typed


def test_search_finds_titles_with_an_apostrophe_and_with_quotes(kiwix, zim, cases):
    apostrophe = next(c for c in cases if "'" in c.title)
    count, hits = search(kiwix, zim, apostrophe.title)  # typed as written: Startups d'État
    assert hits[0] == (page_of(apostrophe), apostrophe.title)
    quotes = next(c for c in cases if '"' in c.title)
    # quotes mean a phrase in Kiwix's query syntax, and its reader looks up a run of Chinese
    # characters as one word, while the index holds them in pairs: a reader types "reform"
    count, hits = search(kiwix, zim, "reform")
    assert hits == [(page_of(c), c.title) for c in cases if "reform" in readable_text(c)]
    assert (page_of(quotes), quotes.title) in hits


def test_search_finds_case_pages_only(kiwix, zim, cases):
    """No listing page, .bib or data file: a hit is a case whose own text has the word."""
    expected = {page_of(c) for c in cases if re.search(r"\bgovern", readable_text(c), re.I)}
    assert 0 < len(expected) < len(cases)
    count, hits = search(kiwix, zim, "government")
    assert count == len(hits) == len(expected)
    assert {path for path, _ in hits} == expected
    assert {title for _, title in hits} == {c.title for c in cases if page_of(c) in expected}


def test_the_catalogue_gives_the_languages_of_the_cases(kiwix, zim, cases):
    """The ZIM's Language metadata, as Kiwix's library lists the book: ISO 639-3 codes,
    the most used language first."""
    iso = {"en": "eng", "fr": "fra"}
    ranked = sorted(Counter(iso[c.language] for c in cases).items(), key=lambda i: (-i[1], i[0]))
    catalogue = kiwix("/catalog/v2/entries")
    assert re.findall(r"<language>([^<]*)</language>", catalogue) == \
        [",".join(code for code, _ in ranked)]


def test_zimcheck_passes(zim):
    result = subprocess.run(["zimcheck", "-A", str(zim)], capture_output=True, text=True,
                            timeout=300)
    assert "Overall Test Status: Pass" in result.stdout + result.stderr, result.stdout
