"""What a reader sees is true: the numbers and words on the built pages are compared with
values worked out here from the case files' own fields, not with what the code computed.

The corpus is small and awkward on purpose: a case that names a country and one of its
subdivisions ([BR, BR-RS]), a country that only adapted a practice (Canada), a practice
adapted but asked for by nobody, footnotes, awards and tags, and a made-up word (zorblax)
in some cases' text so that a query's results are known.
"""

from __future__ import annotations

import csv
import html
import re

import pytest
import yaml

from caseshelf.cases.text import slugify
from support.browser import Watched, serve
from support.samples import BODY, ROOT
from support.sitebuild import build_site, page

pytestmark = [pytest.mark.build]

M49 = {row["iso2"]: row for row in csv.DictReader(
    (ROOT / "plugins/caseshelf/data/m49.csv").open(encoding="utf-8"))}
SOURCE = {"body": "Centre for Public Service Innovation", "title": "Innovation awards report"}
CASES = {
    "rs-one-stop-shops": {
        "title": "One-stop shops in Rio Grande do Sul", "countries": ["BR", "BR-RS"],
        "themes": ["service-delivery"], "sdgs": [16], "level_of_government": "subnational",
        "status": "scaled", "adapted_in": ["CA"], "tags": ["one-stop shop", "Digital"],
        "awards": ["UN Public Service Award 2019"],
        "text": "The state opened zorblax counters in every town.[^1]\n\n"
                "[^1]: As the state's annual report tells it.\n"},
    "brazil-open-budgets": {
        "title": "Open budgets in Brazil", "countries": ["BR"], "themes": ["data-and-evidence"],
        "sdgs": [16, "16.6"], "level_of_government": "national", "status": "implemented",
        "interested_countries": ["FR"], "tags": ["Digital"],
        "text": "Budgets are published as zorblax tables.\n"},
    "brazil-school-meals": {
        "title": "School meals in Brazil", "countries": ["BR"], "themes": ["health"],
        "sdgs": [2], "level_of_government": "local", "status": "pilot", "text": ""},
    "bangladesh-digital-centres": {
        "title": "Digital centres in Bangladesh", "countries": ["BD"],
        "themes": ["service-delivery", "inclusion"], "sdgs": [10], "status": "scaled",
        "level_of_government": "national", "text": "Centres in every quenfrey union.\n"},
    "kazakhstan-service-centres": {
        "title": "Public service centres in Kazakhstan", "countries": ["KZ"],
        "themes": ["service-delivery"], "sdgs": [16], "level_of_government": "national",
        "status": "implemented", "text": "A zorblax of services under one roof.\n"},
}


def case_file(slug: str, fields: dict) -> str:
    data = {k: v for k, v in fields.items() if k != "text"}
    data.update(summary=f"{fields['title']}, as the source reports it.", source=SOURCE,
                added="2024-05-01")
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{head}---\n{fields['text']}\n{BODY}"


def country(code: str) -> str:
    return code.split("-")[0].lower()


def expected_keys(fields: dict) -> dict[str, set[str]]:
    """The search filter values of a case, from its fields and the M49 table."""
    places = [M49[country(c).upper()] for c in fields["countries"]]
    return {
        "country": {country(c) for c in fields["countries"]},
        "region": {slugify(p[k]) for p in places for k in ("region", "subregion") if p[k]},
        "theme": set(fields["themes"]), "sdg": {str(s).split(".")[0] for s in fields["sdgs"]},
        "level": {fields["level_of_government"]}, "status": {fields["status"]},
        "source": {slugify(SOURCE["body"])}, "tag": {slugify(t) for t in fields.get("tags", [])},
    }


def expected_counts(slugs) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for slug in slugs:
        for name, keys in expected_keys(CASES[slug]).items():
            for key in keys:
                counts[name, key] = counts.get((name, key), 0) + 1
    return counts


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("truth"),
                      {f"{slug}.md": case_file(slug, fields) for slug, fields in CASES.items()})


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def test_a_case_counts_once_per_country_everywhere(site):
    per_country: dict[str, int] = {}
    for fields in CASES.values():
        for code in {country(c) for c in fields["countries"]}:
            per_country[code] = per_country.get(code, 0) + 1
    assert per_country["br"] == 3  # one of them names BR and BR-RS
    table = dict((text_of(name), int(n)) for name, n in re.findall(
        r"<tr><td>(<a [^>]+>[^<]+</a>)</td><td>(\d+)</td></tr>", page(site, "map")))
    assert table == {"Brazil": 3, "Bangladesh": 1, "Kazakhstan": 1}
    index = page(site, "countries")
    for key, n in per_country.items():
        assert re.search(rf'<a href="{key}/"><bdi>[^<]+</bdi></a> <span class="cs-count">{n}<',
                         index)
        assert f"<p>{n} case{'' if n == 1 else 's'}." in page(site, f"countries/{key}")
    home = page(site, "")
    assert f"<strong>{len(per_country)}</strong> countries" in home
    svg_counts = re.findall(r'data-count="(\d+)"', page(site, "map"))
    assert sorted(map(int, svg_counts)) == sorted(per_country.values()) or not svg_counts


def test_footnotes_are_rendered(site):
    case = page(site, "cases/rs-one-stop-shops")
    assert "[^1]" not in case
    assert re.search(r'<sup id="fnref:1"><a class="footnote-ref" href="#fn:1"', case)
    note = re.search(r'<li id="fn:1">(.*?)</li>', case, re.S).group(1)
    assert "As the state’s annual report tells it." in text_of(note) or \
        "As the state's annual report tells it." in text_of(note)


def test_a_country_that_only_adapted_a_practice_lists_it(site):
    canada = page(site, "countries/ca")
    adapted = [slug for slug, f in CASES.items() if "CA" in f.get("adapted_in", [])]
    section = canada.split('id="adapted"', 1)[1]
    for slug in adapted:
        assert f'href="../../cases/{slug}/">{CASES[slug]["title"]}</a>' in section
    france = page(site, "countries/fr")
    wanted = [slug for slug, f in CASES.items() if "FR" in f.get("interested_countries", [])]
    for slug in wanted:
        assert CASES[slug]["title"] in france.split('id="wants"', 1)[1]


def test_no_label_is_shown_without_a_value(site):
    brazil = page(site, "countries/br")
    shares = re.findall(r"<li><a [^>]+>([^<]+)</a>(.*?)</li>",
                        brazil.split('id="shares"', 1)[1].split("</ul>", 1)[0])
    assert shares
    for title, rest in shares:
        fields = next(f for f in CASES.values() if f["title"] == title)
        assert ("asked for by" in rest) == bool(fields.get("interested_countries")), title
        assert ("adapted in" in rest) == bool(fields.get("adapted_in")), title
        assert not re.search(r"(asked for by|adapted in)\s*(;|$)", text_of(rest))


def test_awards_and_tags_are_shown_and_tags_are_browsable(site):
    case = page(site, "cases/rs-one-stop-shops")
    panel = case.split('<dl class="cs-panel">', 1)[1].split("</dl>", 1)[0]
    awards = re.search(r"<dt>Awards</dt>\s*<dd>(.*?)</dd>", panel, re.S).group(1)
    assert text_of(awards) == "; ".join(CASES["rs-one-stop-shops"]["awards"])
    tags = re.findall(r'<a href="../../tags/([^/]+)/" dir="auto">([^<]+)</a>',
                      re.search(r"<dt>Tags</dt>\s*<dd>(.*?)</dd>", panel, re.S).group(1))
    assert tags == [(slugify(t), t) for t in CASES["rs-one-stop-shops"]["tags"]]
    assert "<dt>Awards</dt>" not in page(site, "cases/brazil-school-meals")
    for key, _ in tags:
        listed = re.findall(r'class="cs-title" href="../../cases/([^/]+)/"', page(site, f"tags/{key}"))
        assert sorted(listed) == sorted(slug for slug, f in CASES.items()
                                        if key in {slugify(t) for t in f.get("tags", [])})


EXPLORE_STATE = """() => [...document.querySelectorAll('.cs-explore__facet input')].map((i) => [
    i.name, i.value, Number(i.parentElement.querySelector('.cs-count').textContent)])"""


def shown_counts(view) -> dict[tuple[str, str], int]:
    return {(name, value): n for name, value, n in view.evaluate(EXPLORE_STATE)}


@pytest.mark.browser
@pytest.mark.parametrize(("query", "matching"), [
    ("", list(CASES)),
    ("?country=br", [s for s, f in CASES.items() if "br" in {country(c) for c in f["countries"]}]),
    ("?country=br&q=zorblax", [s for s, f in CASES.items()
                               if "br" in {country(c) for c in f["countries"]}
                               and "zorblax" in f["text"]]),
    ("?theme=service-delivery&sdg=16", [s for s, f in CASES.items()
                                        if "service-delivery" in f["themes"] and 16 in f["sdgs"]]),
])
def test_explore_counts_are_the_cases_counts(site, browser, query, matching):
    assert matching  # each view shows something
    expected = expected_counts(matching)
    with serve(site) as base:
        context = browser.new_context()
        watched = Watched(context.new_page())
        view = watched.page
        view.goto(base + "explore/" + query)
        n = len(matching)
        view.wait_for_function(f"document.querySelector('.cs-explore__status').textContent"
                               f" == '{n} case{'' if n == 1 else 's'}'")
        view.wait_for_function(f"document.querySelectorAll('.cs-explore__results li').length"
                               f" == {n}")
        shown = shown_counts(view)
        titles = view.locator(".cs-explore__results .cs-title").all_inner_texts()
        context.close()
    assert watched.errors == []
    assert sorted(titles) == sorted(CASES[s]["title"] for s in matching)
    assert {k: v for k, v in shown.items() if v} == expected
    assert set(expected) <= set(shown)


@pytest.mark.browser
def test_explore_lists_countries_by_name_and_sub_regions_under_regions(site, browser):
    with serve(site) as base:
        view = browser.new_page()
        view.goto(base + "explore/")
        view.wait_for_selector(".cs-explore__facet input")
        boxes = view.evaluate("""() => [...document.querySelectorAll('.cs-explore__facet')].map(
            (f) => [...f.querySelectorAll('label')].map((l) => [l.querySelector('input').name,
              l.textContent.trim().replace(/\\s+\\d+$/, ''), l.classList.contains('cs-explore__sub')]))""")
        view.close()
    by_name = {labels[0][0]: labels for labels in boxes}
    names = [text for _, text, _ in by_name["country"]]
    assert names == sorted(names, key=str.casefold)
    assert {"Brazil", "Canada", "France", "Bangladesh", "Kazakhstan"} <= set(names)
    regions = by_name["region"]
    parents = {slugify(row["subregion"]): row["region"] for row in M49.values() if row["subregion"]}
    current = None
    for _, text, sub in regions:
        if not sub:
            current = text
        else:  # a sub-region comes after its own region
            assert parents[slugify(text)] == current, text
    assert any(sub for *_, sub in regions) and any(not sub for *_, sub in regions)


@pytest.mark.browser
def test_on_a_phone_the_first_results_are_on_the_first_screen(site, browser):
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        view = context.new_page()
        view.goto(base + "explore/")
        view.wait_for_selector(".cs-explore__results li")
        first = view.locator(".cs-explore__results li").first.bounding_box()
        folded = view.evaluate("!document.querySelector('.cs-explore__filters').open")
        view.locator(".cs-explore__filters > summary").click()
        opened = view.locator(".cs-explore__facet").first.is_visible()
        context.close()
    assert folded and opened
    assert first["y"] + first["height"] <= 844


@pytest.mark.browser
@pytest.mark.parametrize(("words", "expected"), [
    ("zorblax", f"All {sum('zorblax' in f['text'] for f in CASES.values())} results"),
    ("quenfrey", "1 result"),  # in one case only
    ("qqqqzz", "No results"),
])
def test_search_counts_are_worded_for_one_and_for_many(site, browser, words, expected):
    with serve(site) as base:
        view = browser.new_page()
        view.goto(base)
        view.fill("#cs-q", words)
        view.wait_for_selector(".cs-search__more")
        shown = view.inner_text(".cs-search__more")
        view.close()
    assert shown == expected
