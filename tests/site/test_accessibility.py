"""Accessibility: axe-core, in Debian's Chromium, finds no WCAG 2.1 A/AA violation on any kind
of page of a built site, including the Explore page filtered and the search with results
open; the SDG badges are legible; the map says its numbers in a table too."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from caseshelf.cases import checker, countries, vocabularies
from support.browser import Watched, serve
from support.browser import axe_violations as violations
from support.sitebuild import page

pytestmark = [pytest.mark.browser, pytest.mark.build]

FACETS = ["countries", "regions", "themes", "sdgs", "years", "levels", "sources"]


FIXED = {"home": "", "case": "cases/kazakhstan-access-to-public-services/",
         "case with every field": "cases/every-field/", "map": "map/",
         "matchmaking": "matchmaking/", "download": "download/", "open data": "data/",
         "about": "about/", "contribute": "contribute/", "not found": "404.html"}
PAGES = [*FIXED, *(f"{facet} {kind}" for facet in FACETS for kind in ("index", "listing")),
         "themes page-2"]


def path_of(site: Path, name: str) -> str:
    """The URL path of a page to check; for a listing, the facet value with the most cases."""
    if name in FIXED:
        return FIXED[name]
    facet, kind = name.split()
    if kind == "index":
        return f"{facet}/"
    folders = [p for p in (site / facet).iterdir() if p.is_dir() and (p / "index.html").exists()]
    biggest = max(folders, key=lambda p: (len(list(p.glob("page/*"))),
                                          (p / "index.html").stat().st_size, p.name))
    return f"{facet}/{biggest.name}/" + ("page/2/" if kind == "page-2" else "")


@pytest.fixture(scope="module")
def site_url(every_page_site):
    with serve(every_page_site) as base:
        yield base


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for every page: a new browser context per page would double the time."""
    context = browser.new_context()
    yield Watched(context.new_page())
    context.close()


@pytest.fixture
def view(tab):
    """The tab; afterwards, nothing failed in the page."""
    tab.errors.clear()
    yield tab.page
    assert tab.errors == []


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations(view, site_url, every_page_site, name):
    path = path_of(every_page_site, name)
    assert view.goto(site_url + path).ok, path
    found = violations(view)
    assert not found, f"{path}:\n" + "\n".join(found)


@pytest.mark.parametrize("name", ["home", "case with every field", "map", "countries listing"])
def test_no_wcag_violations_on_a_phone(browser, site_url, every_page_site, name):
    """The same at a phone's width (Material's drawer layout), after a scroll has started
    Material's script (caseshelf-later.js), as a reader's first gesture does."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True,
                                  has_touch=True)
    tab = Watched(context.new_page())
    path = path_of(every_page_site, name)
    assert tab.page.goto(site_url + path).ok, path
    found = violations(tab.page)
    tab.page.mouse.wheel(0, 400)
    tab.page.wait_for_function("document.documentElement.classList.contains('js')")
    tab.page.wait_for_timeout(1000)  # Material's header fades its title in: let it finish
    found += violations(tab.page)
    context.close()
    assert not found, f"{path}:\n" + "\n".join(found)
    assert tab.errors == []


def test_no_wcag_violations_on_explore_with_a_filter(view, site_url):
    view.goto(site_url + "explore/")
    view.wait_for_function("document.querySelector('.cs-explore__status').textContent")
    view.check("input[name=country][value=bd]")
    # the count is written before the list is redrawn: wait for both
    view.wait_for_function(
        "document.querySelector('.cs-explore__status').textContent == '3 cases'"
        " && document.querySelectorAll('.cs-explore__results li').length == 3")
    found = violations(view)
    assert not found, "\n".join(found)


def test_no_wcag_violations_with_search_results_open(view, site_url):
    view.goto(site_url + "countries/")
    view.fill("#cs-q", "Rangeet")
    view.locator(".cs-search__list li").first.wait_for(timeout=15000)
    assert view.is_visible("#cs-search-results")
    found = violations(view)
    assert not found, "\n".join(found)


def test_axe_finds_a_violation_when_there_is_one(view, site_url):
    """The check can fail: the same page, with the case title's link made unreadable."""
    view.goto(site_url + "countries/bd/")
    view.evaluate("document.querySelector('.cs-title').style.color = '#eee'")
    assert any(line.startswith("color-contrast (serious)") for line in violations(view))


def test_a_case_in_another_language_is_marked_as_such(every_page_site):
    """every-field.md is in pt-BR, the site in English: its title, summary and text say so,
    on its page and in listings, so a screen reader reads them in the right voice."""
    case = page(every_page_site, "cases/every-field")
    assert '<h1 lang="pt-BR">Kiosks with every field</h1>' in case
    assert '<p class="cs-summary" lang="pt-BR">' in case
    assert '<div lang="pt-BR"><p>The municipality asked residents' in case
    listing = page(every_page_site, "countries/za")
    assert 'href="../../cases/every-field/" lang="pt-BR">Kiosks with every field</a>' in listing
    english = page(every_page_site, "cases/india-project-rangeet")
    assert re.findall(r' lang="([^"]+)"', english) == ["en"]  # <html lang="en"> only


# SDG badges


def contrast(one: str, other: str) -> float:
    """WCAG 2.1 contrast ratio of two colours written #rgb or #rrggbb."""

    def luminance(colour: str) -> float:
        digits = colour.lstrip("#")
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        rgb = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class Badges(HTMLParser):
    """(goal number, background, text colour) of every SDG badge and home-page tile."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[int, str, str]] = []
        self.tile_background = None
        self.badge: tuple[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        style = dict(part.split(":", 1) for part in (attrs.get("style") or "").split(";") if part)
        if tag == "li" and "background" in style:  # a tile: its link sets the text colour
            self.tile_background = style["background"]
        elif tag == "a" and "cs-sdg" in (attrs.get("class") or ""):
            self.badge = (style["background"], style["color"])
        elif tag == "a" and self.tile_background:
            self.badge = (self.tile_background, style["color"])
            self.tile_background = None
        if self.badge:
            goal = re.search(r"sdgs/(\d+)", attrs.get("href") or "")
            self.found.append((int(goal[1]), *self.badge))
            self.badge = None


def test_every_sdg_colour_has_a_text_colour_with_enough_contrast():
    for goal in vocabularies.goals().values():
        assert contrast(goal.colour, goal.ink) >= 4.5, (goal.number, goal.colour, goal.ink)


def test_sdg_badges_on_the_site_use_the_goals_colours(every_page_site):
    goals = vocabularies.goals()
    seen = Counter()
    for html in every_page_site.rglob("*.html"):
        parser = Badges()
        parser.feed(html.read_text(encoding="utf-8"))
        for number, background, ink in parser.found:
            assert (background, ink) == (goals[number].colour, goals[number].ink), html
            assert contrast(background, ink) >= 4.5
            seen[number] += 1
    assert set(seen) == set(goals)  # every goal is drawn somewhere (the home page's tiles)
    assert sum(seen.values()) > 100  # and the badges of cases in listings and case pages


# The map's text alternative


def test_the_map_has_the_same_numbers_in_a_table(view, site_url, every_page_site):
    view.goto(site_url + "map/")
    links = """selector => [...document.querySelectorAll(selector)].map(
        a => [a.getAttribute("href"), a.textContent.trim(), (a.closest("tr, li") || a).textContent])"""
    rows = view.evaluate(links, "table[aria-labelledby=cases-per-country] a")  # [href, name, row text]
    table = {href: (name, int(row.removeprefix(name))) for href, name, row in rows}
    cases = checker.check_paths([every_page_site.parent / "cases"]).cases
    # once per country, members of a regional body included
    per_country = Counter(code for case in cases for code in {c[:2] for c in case.places})
    assert table == {f"../countries/{code.lower()}/": (countries.name_of(code), n)
                     for code, n in per_country.items()}
    shown = {}  # what the map shows, country by country, and the countries too small for it
    drawn = view.evaluate(links, "svg.cs-map-svg a")
    small = view.evaluate(links, ".cs-map-missing a")
    for href, text, _ in drawn:
        name, n = re.fullmatch(r"(.+): (\d+) cases?", text).groups()
        shown[href] = (name, int(n))
    for href, name, item in small:
        shown[href] = (name, int(re.fullmatch(r".+: (\d+) cases?", item)[1]))
    assert shown == table
    assert len(drawn) >= 20 and small  # the sample has small Caribbean states, too
    view.click("text=as a table")
    assert view.url.endswith("#cases-per-country")
