"""The site in every language, in Chromium: the Arabic layout is mirrored, axe finds no
violation on the Arabic and Chinese pages, and Pagefind finds cases in each language."""

from __future__ import annotations

import pytest

from support.browser import Watched, axe_violations, serve
from support.sitebuild import build_project

pytestmark = [pytest.mark.build, pytest.mark.browser]

CASE = "cases/india-project-rangeet/"  # translated into every language
UNTRANSLATED = "cases/kazakhstan-access-to-public-services/"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    site = build_project(tmp_path_factory.mktemp("languages-browser"))
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield Watched(context.new_page())
    context.close()


@pytest.fixture
def view(tab):
    tab.errors.clear()
    yield tab.page
    assert tab.errors == []


# Where the sidebar and the metadata panel's labels sit, from their boxes: < 0 on the left
# of the article's middle, > 0 on its right.
SIDES = """() => {
  const middle = (el) => { const b = el.getBoundingClientRect(); return b.left + b.width / 2; };
  const article = middle(document.querySelector('.md-content'));
  const panel = document.querySelector('.cs-panel');
  const dt = panel.querySelector('dt'), dd = panel.querySelector('dd');
  return {sidebar: Math.sign(middle(document.querySelector('.md-sidebar--primary')) - article),
          labels: Math.sign(middle(dt) - middle(dd)),
          border: Math.sign(parseFloat(getComputedStyle(panel).borderLeftWidth)
                            - parseFloat(getComputedStyle(panel).borderRightWidth))};
}"""


def test_the_arabic_layout_is_mirrored(view, base):
    view.goto(base + CASE)
    english = view.evaluate(SIDES)
    view.goto(base + "ar/" + CASE)
    arabic = view.evaluate(SIDES)
    assert english == {"sidebar": -1, "labels": -1, "border": 1}
    assert arabic == {side: -value for side, value in english.items()}


PAGES = {"home": "", "case": CASE, "untranslated case": UNTRANSLATED,
         "listing": "themes/service-delivery/", "explore": "explore/"}


@pytest.mark.parametrize("language", ["ar", "zh"])
@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations(view, base, language, name):
    assert view.goto(f"{base}{language}/{PAGES[name]}").ok
    if name == "explore":
        view.wait_for_function("document.querySelector('.cs-explore__status').textContent")
    found = axe_violations(view)
    assert not found, "\n".join(found)


TRANSLATED = "fiji-pidf-productivity"  # a word of its text in each language's translation


@pytest.mark.parametrize(("language", "query"), [
    ("en", "productivity"), ("fr", "intelligentes"), ("es", "inteligentes"),
    ("ru", "производительности"), ("ar", "الإنتاجية"), ("zh", "生产率"),
])
def test_search_finds_a_case_by_its_words_in_each_language(view, base, language, query):
    """On each language's site, a word of a case's text in that language finds it, titled
    in that language (its translation's title, read from the case files)."""
    from caseshelf.cases import checker
    from support.samples import ROOT

    case = next(c for c in checker.check_paths([ROOT / "cases"]).cases if c.slug == TRANSLATED)
    translation = case.translation(language)
    title = translation.title if translation else case.title
    view.goto(f"{base}{'' if language == 'en' else language + '/'}")
    view.fill("#cs-q", query)
    view.locator(".cs-search__list li").first.wait_for(timeout=15000)
    titles = [t.strip() for t in view.locator(".cs-search__title").all_text_contents()]
    assert title in titles, (query, titles)


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar", "zh"])
def test_search_finds_an_untranslated_case_by_its_own_words(view, base, language):
    """An English case no one has translated is found on every site by a word of its text."""
    view.goto(f"{base}{language}/")
    view.fill("#cs-q", "telehealth")
    view.locator(".cs-search__list li").first.wait_for(timeout=15000)
    links = view.locator(".cs-search__list a").evaluate_all("(as) => as.map((a) => a.href)")
    assert any(f"/{language}/cases/bangladesh-nationwide-telehealth/" in href
               for href in links), links


def test_search_results_open_have_no_wcag_violations(view, base):
    for language in ("ar", "zh"):
        view.goto(f"{base}{language}/")
        view.fill("#cs-q", "UNDP")
        view.locator(".cs-search__list li").first.wait_for(timeout=15000)
        found = axe_violations(view)
        assert not found, "\n".join(found)


EXPLORE = """() => Object.fromEntries([...document.querySelectorAll('.cs-explore__facet')].map(
  (f) => [f.querySelector('input').name, [...f.querySelectorAll('label')].map((l) => [
    l.querySelector('input').value, l.textContent.trim().replace(/\\s*\\d+$/, ''),
    Number(l.querySelector('.cs-count').textContent)])]))"""


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_explore_speaks_the_language_with_the_cases_counts(view, base, language):
    """Explore's country and theme boxes on /fr/ and /ar/: the names in that language, in
    its order, each with the number of cases computed from the case files."""
    from collections import Counter

    from caseshelf.cases import checker, countries, vocabularies
    from caseshelf.site.collation import sort_key
    from caseshelf.site.facets import country_key
    from support.samples import ROOT

    cases = checker.check_paths([ROOT / "cases"]).cases
    by_country = Counter(key for case in cases
                         for key in {country_key(code) for code in case.places})
    by_theme = Counter(theme for case in cases for theme in case.themes)
    view.goto(f"{base}{language}/explore/")
    view.wait_for_function("document.querySelector('.cs-explore__status').textContent")
    shown = view.evaluate(EXPLORE)
    boxes = {key: (label, n) for key, label, n in shown["country"]}
    assert {key: n for key, (_, n) in boxes.items() if n} == dict(by_country)
    for key, (label, _) in boxes.items():
        code = key.upper()
        assert label == countries.name_of(code, language), key
    labels = [label for _, label, _ in shown["country"]]
    assert labels == sorted(labels, key=sort_key(language))
    themes = {key: (label, n) for key, label, n in shown["theme"]}
    assert {key: n for key, (_, n) in themes.items() if n} == dict(by_theme)
    assert all(label == vocabularies.theme_label(key, language)
               for key, (label, _) in themes.items())
    assert len(cases) == 16 and str(len(cases)) in view.locator(
        ".cs-explore__status").text_content()
