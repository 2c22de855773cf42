"""The one definition of the facets (FACETS in site/facets.py) drives every consumer: the
browse pages, the search filters on case pages and in the Pagefind index, the pages indexed,
the Explore page, the offline index and the per-facet templates. Expected values are
computed from the case files."""

from __future__ import annotations

import gzip
import html
import json
import math
import re
import sys

import pytest
from markupsafe import escape

from caseshelf.cases import checker, vocabularies
from caseshelf.cases.text import slugify
from caseshelf.search import offline, order
from caseshelf.site.collation import sort_key
from caseshelf.site.facets import FACETS, SEARCHABLE, build_facets, names_of
from support.browser import Watched, serve
from support.sitebuild import ROOT, build_site, page

sys.path.insert(0, str(ROOT / "scripts"))
import make_cases  # noqa: E402

pytestmark = pytest.mark.build

PAGE_SIZE = 10
WITH_PAGES = [spec for spec in FACETS if spec.pages]
FILTERS = [spec for spec in FACETS if spec.filter]
# A site's own templates for one facet: build_site writes `theme:` first, and YAML keeps
# the last of two equal keys, so this one (Material plus a custom_dir) is the one read.
OVERRIDES = """\
theme:
  name: material
  font: false
  custom_dir: overrides
"""
THEMES_LISTING = ('{% extends "caseshelf/listing.html" %}'
                  '{% block about %}<p class="cs-test-override">{{ value.key }}</p>{% endblock %}')
YEARS_INDEX = ('{% extends "caseshelf/facet.html" %}'
               '{% block content %}<p class="cs-test-override">years</p>{{ super() }}{% endblock %}')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """80 generated cases, 10 a page, with the site's own templates for themes' listings and
    the years' index page."""
    folder = tmp_path_factory.mktemp("facets")
    make_cases.write_cases(80, folder / "cases", seed=11)
    overrides = folder / "overrides" / "caseshelf"
    (overrides / "listing").mkdir(parents=True)
    (overrides / "facet").mkdir()
    (overrides / "listing" / "themes.html").write_text(THEMES_LISTING, encoding="utf-8")
    (overrides / "facet" / "years.html").write_text(YEARS_INDEX, encoding="utf-8")
    site = build_site(folder, folder / "cases", page_size=PAGE_SIZE, extra=OVERRIDES)
    cases = checker.check_paths([folder / "cases"]).cases
    return site, cases, build_facets(cases)


def listing_paths(name: str, key: str, count: int) -> list[str]:
    pages = max(1, math.ceil(count / PAGE_SIZE))
    return [f"{name}/{key}"] + [f"{name}/{key}/page/{n}" for n in range(2, pages + 1)]


def case_filters(page_html: str) -> list[tuple[str, str]]:
    """The (filter, value) pairs a case page gives Pagefind, in page order."""
    return re.findall(r'data-pagefind-filter="([a-z]+):([^"]*)"', page_html)


def fragments(site) -> dict[str, dict]:
    """Pagefind's record of each indexed page, by URL."""
    records = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(path.read_bytes())[len(order.SIGNATURE):])
        records[record["url"]] = record
    return records


def expected_keys(case) -> dict[str, list[str]]:
    """Each search filter's values for a case, worked out here from its fields."""
    keys = {
        "country": list(dict.fromkeys(code.split("-")[0].lower() for code in case.places)),
        "grouping": [vocabularies.groupings()[key].slug for key in case.groupings],
        "region": [slugify(name) for name in (*case.regions, *case.subregions)],
        "theme": list(case.themes),
        "sdg": sorted({s.split(".")[0] for s in case.sdgs}, key=int),
        "year": [str(case.year)] if case.year else [],
        "level": [case.level_of_government] if case.level_of_government else [],
        "status": [case.status] if case.status else [],
        "source": [slugify(case.source.body) or "unnamed"],
        "tag": list(dict.fromkeys(slugify(tag) for tag in case.tags)),
    }
    return {name: values for name, values in keys.items() if values}


def test_every_facet_with_pages_has_an_index_and_a_listing_per_value(built):
    site, cases, facets = built
    folders = {p.name for p in site.iterdir() if p.is_dir()}
    assert {spec.name for spec in FACETS} & folders == {spec.name for spec in WITH_PAGES}
    assert len(WITH_PAGES) == 9 and len(FACETS) == 10  # status is a filter only
    for spec in WITH_PAGES:
        facet = facets[spec.name]
        index = page(site, spec.name)
        assert f"<h1>{spec.title}</h1>" in index
        assert f"{len(cases)} cases, by {spec.singular.lower()}." in index
        listed = re.findall(r'<li><a href="([^"/]+)/"><bdi>([^<]+)</bdi></a> <span class="cs-count">(\d+)<',
                            index)
        assert listed == [(v.key, str(escape(v.label)), str(len(v.cases)))
                          for v in facet.values], spec.name  # in the definition's order
        headings = re.findall(r"<h2 id=[^>]*>([^<]+)</h2>", index.split("</h1>")[1])
        assert headings == (list(dict.fromkeys(v.group for v in facet.values))
                            if spec.grouped else []), spec.name
        for value in facet.values:
            paths = listing_paths(spec.name, value.key, len(value.cases))
            slugs = []
            for path in paths:
                listing = page(site, path)
                assert f"<h1 dir=\"auto\">{escape(value.label)}</h1>" in listing
                slugs += re.findall(r'class="cs-title" href="\.\./(?:\.\./\.\./)?\.\./cases/'
                                    r'([^/]+)/"', listing)
            assert slugs == [case.slug for case in value.cases], (spec.name, value.key)
            assert not (site / f"{spec.name}/{value.key}/page/{len(paths) + 1}").exists()
    explore = page(site, "explore").split('class="cs-explore__fallback"')[1]
    assert re.findall(r'<li><a href="\.\./([a-z]+)/">([^<]+)</a>', explore) == [
        (spec.name, spec.title) for spec in WITH_PAGES]


def test_search_filters_on_case_pages_and_in_the_index_are_the_definitions(built):
    site, cases, facets = built
    indexed = fragments(site)
    for case in cases:
        pairs = case_filters(page(site, f"cases/{case.slug}"))
        expected = expected_keys(case)
        shown = [(name, value) for name, value in pairs if name not in ("kind", "language")]
        assert shown == [(spec.filter, key) for spec in FILTERS for key in spec.keys_of(case)]
        assert {name: [v for n, v in shown if n == name] for name, _ in shown} == expected
        record = indexed[f"/cases/{case.slug}/"]["filters"]
        assert {name: sorted(values) for name, values in record.items()} == {
            **{name: sorted(values) for name, values in expected.items()},
            "kind": ["case"], "language": [case.language]}
        for spec in WITH_PAGES:  # a filter value and the listing of that value agree
            for key in expected.get(spec.filter, []):
                assert case in next(v.cases for v in facets[spec.name].values if v.key == key)


def test_the_pages_indexed_for_search_are_the_case_pages_and_searchable_listings(built):
    site, cases, facets = built
    assert SEARCHABLE == tuple(spec.name for spec in WITH_PAGES if spec.searchable)
    first_pages = {f"/{spec.name}/{v.key}/" for spec in WITH_PAGES if spec.searchable
                   for v in facets[spec.name].values}
    assert set(fragments(site)) == {f"/cases/{c.slug}/" for c in cases} | first_pages
    for spec in (s for s in WITH_PAGES if facets[s.name].values):  # no bodies named here
        value = max(facets[spec.name].values, key=lambda v: len(v.cases))
        first, *later = [page(site, p) for p in listing_paths(spec.name, value.key,
                                                              len(value.cases))]
        assert ("<header data-pagefind-body>" in first) == spec.searchable, spec.name
        assert not any("data-pagefind-body" in other for other in later)


def test_explore_carries_the_facet_list_and_labels(built):
    site, cases, facets = built
    data = json.loads(re.search(
        r'<script type="application/json" id="cs-explore-data">(.*?)</script>',
        page(site, "explore"), re.S).group(1))
    assert [{"name": f["name"], "title": f["title"]} for f in data["facets"]] == [
        {"name": spec.filter, "title": spec.explore} for spec in FILTERS if spec.explore]
    assert [f["name"] for f in data["facets"]] == [
        "country", "region", "grouping", "theme", "sdg", "level", "status", "source", "tag"]
    for shown in data["facets"]:  # each facet's values in the order Explore shows them
        spec = next(s for s in FILTERS if s.filter == shown["name"])
        values = facets[spec.name].values
        if spec.name == "countries":  # one list by name, not by region as on /countries/
            values = sorted(values, key=lambda v: sort_key("en")(v.label))
        assert shown["values"] == [[v.key, v.label, v.parent] for v in values]
    assert data["labels"] == {spec.filter: {v.key: v.label for v in facets[spec.name].values}
                              for spec in FILTERS}
    statuses = vocabularies.schema()["properties"]["status"]["enum"]
    assert data["labels"]["status"] == {s: s.capitalize() for s in statuses}


@pytest.mark.browser
def test_explore_shows_each_facet_in_order_with_counts_from_the_cases(built, browser):
    site, cases, facets = built
    with serve(site) as base:
        context = browser.new_context()
        watched = Watched(context.new_page())
        view = watched.page
        view.goto(base + "explore/")
        view.wait_for_function(
            f"document.querySelector('.cs-explore__status').textContent == '{len(cases)} cases'")
        boxes = view.locator(".cs-explore__facet")
        assert boxes.locator("legend").all_inner_texts() == [  # those with values here
            spec.explore for spec in FILTERS if spec.explore and facets[spec.name].values]
        shown = view.evaluate("""() => [...document.querySelectorAll('.cs-explore__facet input')]
            .map((i) => [i.name, i.value, i.parentElement.querySelector('.cs-count').textContent])""")
        context.close()
    assert watched.errors == []
    assert sorted(shown) == sorted(
        [spec.filter, v.key, str(sum(1 for c in cases if v.key in expected_keys(c).get(
            spec.filter, [])))]
        for spec in FILTERS if spec.explore for v in facets[spec.name].values)
    assert sorted(shown) == sorted([spec.filter, v.key, str(len(v.cases))]
                                   for spec in FILTERS if spec.explore
                                   for v in facets[spec.name].values)


def test_a_facet_s_own_template_is_used_when_there_is_one(built):
    site, cases, facets = built
    for spec in WITH_PAGES:
        overridden = spec.name == "themes"  # the site's own caseshelf/listing/themes.html
        for value in facets[spec.name].values:
            for path in listing_paths(spec.name, value.key, len(value.cases)):
                listing = page(site, path)
                assert (f'<p class="cs-test-override">{value.key}</p>' in listing) == overridden
                assert ('class="cs-goal"' in listing) == (spec.name == "sdgs")  # the package's
                assert ('class="cs-data"' in listing) == (
                    spec.name == "countries" and "/page/" not in path and bool(value.cases))
        assert ('<p class="cs-test-override">years</p>' in page(site, spec.name)) == (
            spec.name == "years")
    goal = vocabularies.goals()[3]
    assert (f'<p class="cs-goal" style="border-color:{goal.colour}">Sustainable Development '
            f'Goal 3. Targets: {", ".join(goal.targets)}.</p>') in page(site, "sdgs/3")


def test_a_country_page_lists_the_practices_it_shares_and_wants(built):
    site, cases, facets = built
    checked = 0
    for value in facets["countries"].values:
        listing = page(site, f"countries/{value.key}")
        code = value.key.upper()
        shares = [c.title for c in cases if code in {x.split("-")[0] for x in c.countries}
                  and (c.interested_countries or c.adapted_in)]
        wants = [c.title for c in cases
                 if code in {x.split("-")[0] for x in c.interested_countries}]
        for heading, titles in (("shares", shares), ("wants", wants)):
            assert (f'<h2 id="{heading}">' in listing) == bool(titles), (value.key, heading)
            section = listing.split(f'<h2 id="{heading}">')[1].split("</ul>")[0] if titles else ""
            found = [html.unescape(t) for t in re.findall(r'cases/[^"]+/">([^<]+)</a>[:,]',
                                                          section)]
            assert sorted(found) == sorted(titles), (value.key, heading)
            checked += bool(titles)
    assert checked > 20


def test_the_offline_index_finds_a_case_by_the_names_of_its_values():
    cases = checker.check_paths([ROOT / "cases"]).cases
    index = offline.build_index(cases, lambda case: case.slug, names_of)
    numbers = {doc[3]: n for n, doc in enumerate(index["docs"])}

    def found(word: str) -> set[int]:
        gaps = [int(gap, 36) for gap in index["terms"].get(word, "").split(",") if gap]
        return {sum(gaps[: i + 1]) for i in range(len(gaps))}

    named = [spec for spec in FACETS if spec.names]
    assert [spec.name for spec in named] == ["countries", "regions", "groupings", "themes", "sdgs",
                                            "sources", "tags"]
    for case in cases:
        for spec in named:
            for name in spec.names(case):
                for word in offline.words(name):
                    assert numbers[case.slug] in found(word), (case.slug, spec.name, word)
