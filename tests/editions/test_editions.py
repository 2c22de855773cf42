"""The offline zip (opened from file:// in Chromium), the ZIMs (zimcheck, kiwix-serve) and the
download page that lists them, for the project's own site in the six UN languages."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import libzim.reader
import pytest
from playwright.sync_api import sync_playwright

from caseshelf.cases import checker, countries
from caseshelf.editions import build as editions
from caseshelf.editions.downloads import EDITIONS
from caseshelf.search.offline import words
from support.browser import ARGS, CHROMIUM, Watched
from support.browser import axe_violations as violations
from support.sitebuild import ROOT, build_site, copy_project, page

pytestmark = [pytest.mark.browser, pytest.mark.build]

DAY = dt.date(2026, 1, 15)
LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"]  # the project's mkdocs.yml
ISO_639_3 = {"en": "eng", "fr": "fra", "es": "spa", "ar": "ara", "ru": "rus", "zh": "zho"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def offline(project):
    return editions.offline_zip(project / "mkdocs.yml", project / "dist", DAY)


@pytest.fixture(scope="module")
def zims(project) -> dict[str, Path]:
    """Every ZIM `caseshelf zim` makes, by language."""
    from caseshelf.cli import _translate

    made = editions.zim_files(project / "mkdocs.yml", project / "dist", DAY, translate=_translate)
    return {path.name.split("_")[1]: path for path in made}


@pytest.fixture(scope="module")
def zim(zims):
    return zims["en"]


@pytest.fixture(scope="module")
def cases(project):
    report = checker.check_paths([project / "cases"])
    assert report.errors == []
    return report.cases


@pytest.fixture(scope="module")
def unpacked(offline, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    zipfile.ZipFile(offline).extractall(folder)
    return folder / offline.stem


def test_offline_zip_name_and_entries(offline):
    """(Two builds give the same zip: test_reproducible.py.)"""
    assert offline.name == "caseshelf-offline-2026-01-15.zip"
    names = zipfile.ZipFile(offline).namelist()
    assert "caseshelf-offline-2026-01-15/index.html" in names
    assert "caseshelf-offline-2026-01-15/assets/offline-index.js" in names  # the first's
    for language in LANGUAGES[1:]:
        assert f"caseshelf-offline-2026-01-15/{language}/index.html" in names
        assert f"caseshelf-offline-2026-01-15/assets/offline-index.{language}.js" in names
    assert not [n for n in names if "/pagefind/" in n]  # Pagefind cannot run from file://


def test_offline_edition_works_from_file_urls(offline, tmp_path):
    zipfile.ZipFile(offline).extractall(tmp_path)
    home = (tmp_path / offline.stem / "index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        watched = Watched(browser.new_page())
        view = watched.page
        view.goto(home)
        view.click("a[href='countries/index.html']")
        view.click("a[href='in.html']")
        assert view.url.endswith("/countries/in.html")
        view.click("text=Project Rangeet")
        assert view.url.endswith("/cases/india-project-rangeet.html")
        assert view.locator("h1").inner_text() == "Project Rangeet"
        view.goto(home.replace("index.html", "map.html"))
        assert view.locator("svg.cs-map-svg a").count() > 10
        view.goto(home.replace("index.html", "matchmaking.html"))
        assert view.locator("table.cs-match tbody tr").count() == 10
        view.goto(home)
        view.fill("#cs-q", "Rangeet")
        first = view.locator(".cs-search__list li a").first
        first.wait_for(timeout=10000)
        assert first.inner_text() == "Project Rangeet"
        first.click()
        assert view.url.endswith("/cases/india-project-rangeet.html")
        browser.close()
    assert watched.errors == []
    assert [u for u in watched.requests if not u.startswith("file://")] == []


def test_offline_edition_has_no_wcag_violations(offline, tmp_path):
    """axe-core, as for the web site (test_accessibility.py), on the pages whose markup
    differs offline: the home page with the offline search's results open, and Explore."""
    zipfile.ZipFile(offline).extractall(tmp_path)
    home = (tmp_path / offline.stem / "index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        view = browser.new_page()
        view.goto(home)
        view.fill("#cs-q", "Rangeet")
        view.locator(".cs-search__list li").first.wait_for(timeout=10000)
        found = violations(view)
        view.goto(home.replace("index.html", "explore.html"))
        found += violations(view)
        browser.close()
    assert not found, "\n".join(found)


def test_offline_edition_is_valid_html(offline, tmp_path):
    """The Nu HTML Checker, as for the web site (test_html_valid.py), on every page of the
    offline edition, whose links and search markup differ."""
    from test_html_valid import allowed, reported, vnu, where

    zipfile.ZipFile(offline).extractall(tmp_path)
    site = tmp_path / offline.stem
    messages, files = vnu(site)
    assert files == {p.resolve() for p in site.rglob("*.html")}
    problems = [where(site, m) for m in reported(messages) if not allowed(m)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_zimcheck_passes_for_the_zim_of_each_language(zims, language):
    zim = zims[language]
    assert zim.name == f"caseshelf_{language}_2026-01-15.zim"
    result = subprocess.run(["zimcheck", "-A", str(zim)], capture_output=True, text=True,
                            timeout=300)
    assert "Overall Test Status: Pass" in result.stdout + result.stderr, result.stdout


def test_each_zim_holds_one_language(zims, cases):
    """Its Language metadata (ISO 639-3) first, its own pages, no other language's; its main
    page that language's home; its name and description in it."""
    assert sorted(zims) == sorted(LANGUAGES)
    descriptions = set()
    for language, zim in zims.items():
        archive = libzim.reader.Archive(zim)
        assert archive.get_metadata("Language").decode().split(",")[0] == ISO_639_3[language]
        assert archive.get_metadata("Name").decode() == f"caseshelf_{language}_all"
        descriptions.add(archive.get_metadata("Description").decode())
        prefix = "" if language == "en" else f"{language}/"
        assert archive.main_entry.get_item().path == f"{prefix}index.html"
        for case in cases:
            page = archive.get_entry_by_path(f"{prefix}cases/{case.slug}.html").get_item()
            html = bytes(page.content).decode("utf-8")
            assert f'<html lang="{language}"' in html
            assert 'class="md-select' not in html  # no menu of languages that are elsewhere
        for other in LANGUAGES[1:]:
            if other != language:
                assert not archive.has_entry_by_path(f"{other}/index.html")
        if language != "en":
            assert not archive.has_entry_by_path("cases/" + cases[0].slug + ".html")
        assert archive.has_entry_by_path("assets/caseshelf.css")
    assert len(descriptions) == len(LANGUAGES)  # each in its language (site/i18n catalogs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@contextlib.contextmanager
def kiwix_serve(zim):
    """kiwix-serve serving one ZIM on a free port, once it answers: its base URL."""
    port = free_port()
    server = subprocess.Popen(["kiwix-serve", "--address=127.0.0.1", f"--port={port}", str(zim)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                fetch(base + "/")
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_kiwix_serve_serves_pages_and_finds_a_case(zim):
    with kiwix_serve(zim) as base:
        book = zim.stem
        assert "Sustainable Development Goals" in fetch(f"{base}/{book}/index.html")
        case = fetch(f"{base}/{book}/cases/india-project-rangeet.html")
        assert "<h1>Project Rangeet</h1>" in case
        assert 'id="cs-q"' not in case and "pagefind/" not in case  # Kiwix does the search
        results = fetch(f"{base}/search?content={book}&pattern=Rangeet")
        links = re.findall(rf'href="/{book}/(cases/[^"]+)"', results)
        assert links and links[0] == "cases/india-project-rangeet.html"


def test_download_page_lists_editions_with_size_and_checksum(offline, zims, project):
    site = build_site(project, project / "cases")
    html = page(site, "download")
    for built in (offline, *zims.values()):
        assert built.name in html
        assert f"{built.stat().st_size:,} bytes" in html
        assert hashlib.sha256(built.read_bytes()).hexdigest() in html
        assert (site / "downloads" / built.name).read_bytes() == built.read_bytes()


def test_download_page_says_when_an_edition_is_not_built(tmp_path):
    site = build_site(tmp_path, ROOT / "cases")
    html = page(site, "download")
    assert html.count("This edition has not been built for this copy of the site.") == len(
        EDITIONS)


def test_every_link_in_the_offline_zip_resolves(unpacked):
    """Crawled from file://: every link, asset and #fragment, in every language; a link to a
    folder fails, as a browser opening files from disk shows the folder, not its index.html."""
    from support.crawl import crawl, html_files

    folder = unpacked
    root = folder.as_uri() + "/"
    report = crawl(root, root + "index.html", html_files(folder, root))
    assert report.broken == []
    assert len(report.pages) == len(list(folder.rglob("*.html"))) > 100
    assert report.fragments > 100
    reached = report.reached(root + "index.html")
    assert set(report.pages) <= reached  # no page is an orphan
    for language in LANGUAGES[1:]:  # each language's pages, reached from the home page
        own = {p for p in report.pages if p.startswith(f"{root}{language}/")}
        assert len(own) == len(list((folder / language).rglob("*.html"))) > 50
        assert own <= reached
    assert not (folder / "404.html").exists()  # only a web server shows it


def distinctive(text: str, others: list[str]) -> str:
    """A word of `text` (letters only, seven or more) that no other text has."""
    elsewhere = set().union(*(words(other) for other in others))
    return sorted(w for w in words(text) - elsewhere if w.isalpha() and len(w) >= 7)[0]


def texts(case) -> list[str]:
    return [f"{t.title} {t.summary} {t.body}" for t in (case, *case.translations)]


def offline_results(unpacked: Path, path: str, query: str) -> tuple[list[dict], str]:
    """What the header search of the page at `path` shows for `query`, from file://: each
    result's title, language, link and countries line; and the page the first leads to."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        watched = Watched(browser.new_page())
        view = watched.page
        view.goto((unpacked / path).as_uri())
        view.fill("#cs-q", query)
        view.locator(".cs-search__more").wait_for(timeout=10000)
        shown = view.evaluate("""() => [...document.querySelectorAll('.cs-search__list li')]
            .map(li => ({title: li.querySelector('a').textContent,
                         lang: li.querySelector('a').lang,
                         href: li.querySelector('a').getAttribute('href'),
                         countries: li.querySelector('.cs-search__countries')?.textContent}))""")
        landed = ""
        if shown:
            view.locator(".cs-search__list li a").first.click()
            view.wait_for_load_state()
            landed = view.url
        browser.close()
    assert watched.errors == []
    assert [u for u in watched.requests if not u.startswith("file://")] == []
    return shown, landed


def test_offline_search_on_a_french_page_finds_cases_in_french(unpacked, cases):
    """On a /fr/ page, from file://: a case translated into French is found by a word of its
    French text, an untranslated one by a word of its English text; each result has the
    title the French pages show, links to the French page and names countries in French."""
    translated = next(c for c in cases if c.translation("fr"))
    untranslated = next(c for c in cases if not c.translation("fr") and c.language == "en")
    french = translated.translation("fr")
    english = f"{untranslated.title} {untranslated.summary} {untranslated.body}"
    for case, text in ((translated, f"{french.title} {french.summary} {french.body}"),
                       (untranslated, english)):
        others = [t for c in cases if c is not case for t in texts(c)]
        word = distinctive(text, others)
        shown, landed = offline_results(unpacked, "fr/cases/" + cases[-1].slug + ".html", word)
        title = (case.translation("fr") or case).title
        assert [r["title"] for r in shown] == [title], word
        assert shown[0]["lang"] == (french.language if case is translated else "en")
        assert shown[0]["countries"] == ", ".join(countries.name_of(code, "fr")
                                                  for code in case.countries)
        assert landed == (unpacked / "fr" / "cases" / f"{case.slug}.html").as_uri()
    # a word of the translated case's English original finds it too, as the French pages show it
    word = distinctive(f"{translated.title} {translated.summary} {translated.body}",
                       [t for c in cases if c is not translated for t in texts(c)])
    shown, _ = offline_results(unpacked, "fr/index.html", word)
    assert [r["title"] for r in shown] == [french.title], word


def test_offline_search_names_facet_values_in_the_page_language(unpacked, cases):
    """A country's French name finds its cases on a French page, and is not a word of the
    English index."""
    case = next(c for c in cases if any(countries.name_of(code, "fr") != countries.name_of(code)
                                        for code in c.countries))
    code = next(code for code in case.countries
                if countries.name_of(code, "fr") != countries.name_of(code))
    name = countries.name_of(code, "fr")
    expected = {(c.translation("fr") or c).title for c in cases if code in c.places}
    shown, _ = offline_results(unpacked, "fr/index.html", name)
    assert expected <= {r["title"] for r in shown}  # and those whose French text names it
    shown, _ = offline_results(unpacked, "index.html", name)
    assert not expected & {r["title"] for r in shown}


def test_kiwix_serve_finds_a_case_in_the_arabic_zim_by_an_arabic_word(zims, cases):
    zim = zims["ar"]
    translated = next(c for c in cases if c.translation("ar"))
    arabic = translated.translation("ar")
    others = [t for c in cases if c is not translated for t in texts(c)]
    word = sorted(w for w in words(f"{arabic.summary} {arabic.body}") - set().union(
        *(words(o) for o in others)) if w.isalpha() and len(w) >= 5)[0]
    with kiwix_serve(zim) as base:
        book = zim.stem
        results = fetch(f"{base}/search?content={book}&pattern={urllib.parse.quote(word)}")
        links = re.findall(rf'href="/{book}/([^"]+)"', results)
        assert links == [f"ar/cases/{translated.slug}.html"], word
        catalogue = fetch(f"{base}/catalog/v2/entries")
        assert re.findall(r"<language>([^<,]*)", catalogue) == ["ara"]
