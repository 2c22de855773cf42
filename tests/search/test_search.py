"""Search and Explore in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from caseshelf.search.pagefind import PagefindError, SiteIndexer, batches
from caseshelf.search.service import PagefindService
from support.browser import Watched, serve
from support.sitebuild import ROOT, build_site, fragments

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("search"), ROOT / "cases")


@pytest.fixture
def visit(site, browser):
    """Open pages of the served site; afterwards, check nothing went off-site or failed."""
    with serve(site) as base:
        context = browser.new_context()
        watched = Watched(context.new_page())
        yield base, watched
        context.close()
        assert [url for url in watched.requests if not url.startswith(base)] == []
        assert watched.errors == []


def test_the_index_is_built_with_the_site(site):
    assert (site / "pagefind" / "pagefind.js").exists()
    assert list((site / "pagefind" / "index").iterdir())
    assert not (site / "search" / "search_index.json").exists()  # no whole-site lunr index


def test_pagefind_errors_are_raised_not_waited_for():
    """The indexer speaks to `pagefind --service` itself: a refused request raises Pagefind's
    message, and a request to a Pagefind that has stopped raises at once."""
    service = PagefindService()
    try:
        with pytest.raises(PagefindError, match="^Pagefind: Invalid index"):
            service.ask({"type": "AddFile", "index_id": 7, "file_path": None, "url": "/x/",
                         "file_contents": "<html><body>x</body></html>"})
        service.process.kill()
        service.process.wait()
        with pytest.raises(PagefindError, match="^Pagefind stopped"):
            service.ask({"type": "NewIndex", "config": {}})
    finally:
        service.close()


def test_a_language_is_written_and_its_pagefind_ended_before_the_next_is_indexed(tmp_path):
    """Pagefind keeps an index in memory until it writes it: each site language has a
    process of its own, which writes that language's part of the bundle and ends once its
    pages are in, while the build renders the next language."""
    import json
    import time

    def page(language: str, word: str) -> str:
        return (f'<html lang="{language}"><head><title>{word}</title></head><body>'
                f'<main data-pagefind-body><h1>{word}</h1><p>{word} text</p></main>'
                '</body></html>')

    for path, language, word in (("cases/a/index.html", "en", "waterworks"),
                                 ("fr/cases/a/index.html", "fr", "aqueduc")):
        (tmp_path / path).parent.mkdir(parents=True)
        (tmp_path / path).write_text(page(language, word), encoding="utf-8")
    indexer = SiteIndexer(tmp_path, "en", ["en", "fr"])
    indexer.add_when_written("en", ["cases/a/index.html"])
    deadline = time.monotonic() + 60
    while not indexer.entry and time.monotonic() < deadline:
        time.sleep(0.05)
    english = json.loads(json.dumps(indexer.entry))  # written before French is even given
    assert list(english["languages"]) == ["en"]
    assert list((tmp_path / "pagefind").glob("pagefind.en_*.pf_meta"))
    while indexer.live and time.monotonic() < deadline:
        time.sleep(0.05)
    assert indexer.live == []  # its Pagefind has ended
    indexer.add_when_written("fr", ["fr/cases/a/index.html"])
    indexer.written.set()
    assert indexer.finish()[0] == 2
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en", "fr"]
    assert all(about["page_count"] == 1 for about in entry["languages"].values())


def test_a_language_with_more_pages_than_one_index_holds_is_indexed_in_batches(tmp_path):
    """Pagefind holds an index in memory until it writes it, so a language's pages go to
    Pagefind processes of at most `pages_per_index` pages each, in batches of one size; a
    later batch is a bundle of its own, which caseshelf-merge.json lists with its language
    and site. Each page is in exactly one bundle; a Chinese page on the English site goes
    to the Chinese bundle of its batch."""
    import json

    def page(language: str, word: str, text_language: str = "") -> str:
        mark = f' data-pagefind-filter="language:{text_language}"' if text_language else ""
        return (f'<html lang="{language}"><head><title>{word}</title></head><body>'
                f'<main data-pagefind-body><h1{mark}>{word}</h1><p>{word} text</p></main>'
                '</body></html>')

    pages = {"en": [], "fr": []}
    for language, prefix in (("en", ""), ("fr", "fr/")):
        for n in range(7):
            path = f"{prefix}cases/c{n}/index.html"
            chinese = language == "en" and n == 4
            (tmp_path / path).parent.mkdir(parents=True)
            (tmp_path / path).write_text(page(language, "政府服务" if chinese else f"w{language}{n}",
                                              "zh" if chinese else ""), encoding="utf-8")
            pages[language].append(path)
    assert [len(part) for part in batches(list(range(13)), 6)] == [5, 5, 3]
    assert batches([], 6) == [[]]  # a language without pages still has its (empty) index
    indexer = SiteIndexer(tmp_path, "en", ["en", "fr"], pages_per_index=3)
    for language, paths in pages.items():
        indexer.add_when_written(language, paths)
    indexer.written.set()
    assert indexer.finish()[0] == 14
    assert indexer.live == []
    merged = json.loads((tmp_path / "pagefind" / "caseshelf-merge.json").read_text())
    assert merged == [  # 7 pages: batches of 3, 3 and 1; the Chinese page is in the second
        {"path": "fr/pagefind-2/", "language": "fr", "site": "fr"},
        {"path": "fr/pagefind-3/", "language": "fr", "site": "fr"},
        {"path": "pagefind-2/", "language": "en", "site": "en"},
        {"path": "pagefind-3/", "language": "en", "site": "en"},
        {"path": "pagefind-zh-2/", "language": "zh", "site": "en"}]
    bundles = ["pagefind"] + [bundle["path"].rstrip("/") for bundle in merged]
    found = {}
    for bundle in bundles:
        urls = list(fragments(tmp_path / bundle))
        assert 0 < len(urls) <= 3 or bundle == "pagefind", (bundle, urls)
        for url in urls:
            assert url not in found, f"{url} in {found.get(url)} and {bundle}"
            found[url] = bundle
    assert sorted(found) == sorted("/" + path.removesuffix("index.html")
                                   for paths in pages.values() for path in paths)
    assert found["/cases/c4/"] == "pagefind-zh-2"
    assert not list((tmp_path / "pagefind-2").glob("*.js")) + list(
        (tmp_path / "pagefind-2").glob("wasm.*"))  # the site bundle's scripts serve them all

def test_a_page_view_without_search_loads_no_search_assets(visit):
    base, watched = visit
    watched.page.goto(base + "cases/india-project-rangeet/")
    watched.page.wait_for_load_state("networkidle")
    assert [u for u in watched.requests if "pagefind" in u or "caseshelf-search" in u] == []
    assert [u for u in watched.requests if "sitemap" in u] == []  # Material's alternate lookup


def test_a_distinctive_word_finds_its_case_first(visit):
    base, watched = visit
    page = watched.page
    page.goto(base + "cases/bangladesh-rapid-digitization/")
    page.fill("#cs-q", "Rangeet")
    first = page.locator(".cs-search__list li").first
    first.wait_for(timeout=15000)
    assert first.locator("a").inner_text() == "Project Rangeet"
    assert first.locator(".cs-search__countries").inner_text() == "India"
    first.locator("a").click()
    page.wait_for_url("**/cases/india-project-rangeet/")


def test_filters_narrow_results_and_live_in_the_url(visit):
    base, watched = visit
    page = watched.page
    page.goto(base + "explore/")
    status = page.locator(".cs-explore__status")
    status.wait_for(timeout=15000)
    page.wait_for_function("document.querySelector('.cs-explore__status').textContent.length")
    assert status.inner_text() == "16 cases"
    page.check("input[name=country][value=bd]")
    page.wait_for_function("document.querySelector('.cs-explore__status').textContent == '3 cases'")
    assert page.url.endswith("/explore/?country=bd")
    page.check("input[name=sdg][value='3']")
    page.wait_for_function("document.querySelector('.cs-explore__status').textContent == '1 case'")
    assert page.url.endswith("/explore/?country=bd&sdg=3")
    assert page.locator(".cs-explore__results li a").inner_text().startswith("Anywhere Any time")


def test_a_bookmarked_filter_is_restored(visit):
    base, watched = visit
    page = watched.page
    page.goto(base + "explore/?country=bd&sdg=3&q=doctor")
    page.wait_for_function("document.querySelector('.cs-explore__status').textContent == '1 case'")
    assert page.is_checked("input[name=country][value=bd]")
    assert page.is_checked("input[name=sdg][value='3']")
    assert not page.is_checked("input[name=country][value=kz]")
    assert page.input_value("#cs-explore-q") == "doctor"
    page.reload()
    page.wait_for_function("document.querySelector('.cs-explore__status').textContent == '1 case'")
    assert page.is_checked("input[name=country][value=bd]")


def test_explore_works_without_javascript(site, browser):
    with serve(site) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "explore/")
        assert page.is_visible(".cs-explore__fallback")
        assert not page.is_visible("[data-cs-explore]")
        page.click("text=Themes")
        page.wait_for_url("**/themes/")
        context.close()


def test_cite_this_case_copies_without_a_network(site, browser):
    with serve(site) as base:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(base + "cases/india-project-rangeet/")
        citation = page.locator(".cs-cite p span").inner_text()
        assert citation.startswith("South-South Network for Public Service Innovation")
        page.click(".cs-cite p .cs-copy")
        assert page.evaluate("navigator.clipboard.readText()") == citation
        page.click(".cs-cite summary")
        page.click(".cs-cite details .cs-copy")
        assert page.evaluate("navigator.clipboard.readText()").startswith(
            "@misc{caseshelf-india-project-rangeet,")
        context.close()
