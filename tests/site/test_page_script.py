"""Material's script waits for the reader: a page view downloads and runs none of it until
the first scroll, tap or key outside the search box, and then Material starts as it would
have on load (its back-to-top button, the `js` class). Tested in Debian's Chromium on a built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support.browser import Watched, serve
from support.sitebuild import copy_project

pytestmark = [pytest.mark.browser, pytest.mark.build]

CASE = "cases/caribbean-innovation-digital-government-workshop/"


@pytest.fixture(scope="module")
def project_site(tmp_path_factory):
    """The project's own site, with its mkdocs.yml (which turns on Material's back-to-top)."""
    folder = copy_project(tmp_path_factory.mktemp("project"))
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--quiet"],
                   cwd=folder, check=True)
    return folder / "site"


@pytest.fixture(scope="module")
def phone(project_site, browser):
    with serve(project_site) as base:
        context = browser.new_context(viewport={"width": 400, "height": 600})
        yield base, context
        context.close()


def bundle_requests(watched: Watched) -> list[str]:
    return [url for url in watched.requests if "/javascripts/bundle." in url]


def test_a_page_view_runs_no_material_script(phone):
    base, context = phone
    watched = Watched(context.new_page())
    watched.page.goto(base + CASE)
    watched.page.wait_for_load_state("networkidle")
    assert bundle_requests(watched) == []
    assert watched.page.evaluate("document.documentElement.className") == "no-js"
    assert watched.page.locator("h1").is_visible()
    watched.page.close()
    assert watched.errors == []


def test_the_first_scroll_starts_material(phone):
    base, context = phone
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(base + CASE)
    page.mouse.wheel(0, 1500)
    page.wait_for_function("document.documentElement.classList.contains('js')")
    assert len(bundle_requests(watched)) == 1
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)  # scrolling up shows Material's back-to-top button
    page.wait_for_function("!document.querySelector('.md-top').hidden", timeout=5000)
    page.close()
    assert watched.errors == []


def test_a_key_starts_material_too(phone):
    base, context = phone
    watched = Watched(context.new_page())
    watched.page.goto(base + CASE)
    watched.page.keyboard.press("Tab")
    watched.page.wait_for_function("document.documentElement.classList.contains('js')")
    watched.page.close()
    assert watched.errors == []


def test_a_search_starts_nothing_of_material(phone):
    """The search box loads its own script: a reader who taps it and searches downloads
    no byte of Material's bundle; a scroll afterwards still starts Material."""
    base, context = phone
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(base + CASE)
    page.locator("#cs-q").click()
    page.keyboard.type("innovation")
    page.wait_for_selector(".cs-search__list li", timeout=30000)
    page.keyboard.press("Backspace")
    page.wait_for_load_state("networkidle")
    assert bundle_requests(watched) == []
    assert any("/pagefind/" in url for url in watched.requests)  # the search did run
    page.mouse.click(5, 590)  # a tap outside the box
    page.wait_for_function("document.documentElement.classList.contains('js')")
    assert len(bundle_requests(watched)) == 1
    page.close()
    assert watched.errors == []
