"""Search and Explore in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from caseshelf.search.pagefind import PagefindError, PagefindService
from support.browser import Watched, serve
from support.sitebuild import ROOT, build_site

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
