"""The interface's translation catalogs: complete, in step with the templates, with each
language's plural forms, and used by a real build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.frontend import CommandLineInterface
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from caseshelf.site import i18n
from support.samples import case_text
from support.sitebuild import ROOT, build_site, page

LANGUAGES = ("fr", "es", "ar", "ru", "zh")  # with English, the six UN languages
POT = i18n.LOCALES / "caseshelf.pot"
# the keywords `make messages` extracts (the Makefile is the one to change; this follows it)
KEYWORDS = ("_", "gettext", "ngettext:1,2", "N_", "cs_plurals:1,2,4c")
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
TAG = re.compile(r"<[^>]+>")


def read(path: Path, language: str | None = None):
    with path.open("rb") as file:
        return read_po(file, locale=language, abort_invalid=True)


def messages(catalog) -> dict:
    return {(m.context, m.id): m for m in catalog if m.id}


def test_the_six_languages_have_their_catalog():
    assert i18n.languages() == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalog_translates_every_message_of_the_template(language):
    catalog = read(i18n.catalog_path(language), language)
    wanted = messages(read(POT))
    have = messages(catalog)
    assert sorted(wanted, key=str) == sorted(have, key=str), "run `make messages`"
    assert not catalog.fuzzy
    for key, message in have.items():
        assert "fuzzy" not in message.flags, key
        forms = message.string if isinstance(message.id, tuple) else (message.string,)
        assert len(forms) == catalog.num_plurals if isinstance(message.id, tuple) else 1, key
        assert all(forms), f"{language}: {key} is not translated"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalog_has_the_plural_forms_of_its_language(language):
    """Babel's plural forms for the language, with as many forms as CLDR has categories that
    whole numbers fall in (Russian has a fourth, for fractions, that no count reaches)."""
    catalog = read(i18n.catalog_path(language), language)
    expected = get_plural(language)
    assert catalog.plural_expr == expected.plural_expr
    assert catalog.num_plurals == expected.num_plurals
    assert catalog.num_plurals == len(i18n.plural_samples(language))
    assert {"ar": 6, "ru": 3, "zh": 1}.get(language, catalog.num_plurals) == catalog.num_plurals


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_keeps_the_placeholders_and_markup(language):
    """Every placeholder of the English is in the translation (a plural form may name the
    number in words, but its last form, the general one, has them all), and no other; the
    same HTML tags in the same number."""
    for key, message in messages(read(i18n.catalog_path(language), language)).items():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.id, tuple) else (message.string,)
        names = set(PLACEHOLDER.findall(ids[-1]))
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= names, (language, key, form)
            assert sorted(re.sub(r"\s.*", "", t) for t in TAG.findall(form)) == sorted(
                re.sub(r"\s.*", "", t) for t in TAG.findall(ids[-1])), (language, key, form)
        assert set(PLACEHOLDER.findall(forms[-1])) == names, (language, key, forms[-1])


def test_the_template_holds_every_string_of_the_templates(tmp_path):
    """Extracting again gives the same messages as the committed caseshelf.pot."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert all(f"-k {k}" in makefile for k in KEYWORDS)
    output = tmp_path / "caseshelf.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "--no-default-keywords",
         *(arg for k in KEYWORDS for arg in ("-k", k)), "-o", str(output), str(ROOT)])
    fresh = messages(read(output))
    assert sorted(fresh, key=str) == sorted(messages(read(POT)), key=str), "run `make messages`"
    assert (None, "Sustainable Development Goals") in fresh  # the facets' labels are in
    assert (None, ("%(count)s case", "%(count)s cases")) in fresh  # and the plurals


def test_english_is_the_templates_own():
    assert type(i18n.translations("en")).__name__ == "NullTranslations"
    assert type(i18n.translations("en-GB")).__name__ == "NullTranslations"
    assert i18n.translations("fr-CA").gettext("Explore") == "Explorer"


def test_a_script_gets_a_message_for_each_plural_category_of_the_language():
    t = i18n.translations("ar")
    def ngettext(singular, plural, n):
        return t.npgettext("offline search results", singular, plural, n)
    forms = i18n.plural_messages(ngettext, "ar", "{n} result", "{n} results", "none")
    assert list(forms) == ["zero", "one", "two", "few", "many", "other"]
    assert forms["zero"] == "none"
    assert len(set(forms.values())) >= 4
    en = i18n.plural_messages(i18n.translations("en").ngettext, "en", "{n} case",
                              "{n} cases", "No cases")
    assert en == {"zero": "No cases", "one": "{n} case", "other": "{n} cases"}


def expected_cases(language: str, n: int) -> str:
    """'N cases' in the language, from its catalog, in the form Babel's CLDR rule picks."""
    catalog = read(i18n.catalog_path(language), language)
    forms = catalog["%(count)s case."].string  # a listing's count
    categories = list(i18n.plural_samples(language))
    index = categories.index(Locale.parse(language).plural_form(n))
    return forms[index] % {"count": n}


def themed(themes: dict[str, int]) -> dict[str, str]:
    """Cases, as many in each theme as asked."""
    cases, i = {}, 0
    for theme, count in themes.items():
        for _ in range(count):
            i += 1
            cases[f"case-{i:03}.md"] = case_text(replace=(
                "title: Community feedback kiosks\n",
                f"title: Community feedback kiosks {i}\n")).replace(
                "themes: [service-delivery]", f"themes: [{theme}]")
    return cases


@pytest.mark.build
def test_a_french_site_counts_cases_in_french(tmp_path):
    site = build_site(tmp_path, themed({"health": 1, "education-and-skills": 2}), language="fr")
    one, two = expected_cases("fr", 1), expected_cases("fr", 2)
    assert (one, two) == ("1 cas.", "2 cas.")
    assert f"<p>{one}</p>" in page(site, "themes/health")
    assert f"<p>{two}</p>" in page(site, "themes/education-and-skills")
    assert "<h1>Explorer</h1>" in page(site, "explore")
    assert '"many":"{n} de résultats"' not in page(site, "")  # the web's "All {n} results"
    assert '"one":"{n} résultat"' in page(site, "")


@pytest.mark.build
def test_an_arabic_site_picks_the_right_one_of_six_forms(tmp_path):
    themes = {"health": 1, "education-and-skills": 2, "digital-government": 3,
              "access-to-services": 11, "service-delivery": 83}  # 100 cases in all
    site = build_site(tmp_path, themed(themes), language="ar", page_size=100)
    counts = {"themes/health": 1, "themes/education-and-skills": 2,
              "themes/digital-government": 3, "themes/access-to-services": 11,
              "countries/za": 100, "levels/supranational": 0}
    forms = set()
    for path, n in counts.items():
        expected = expected_cases("ar", n)
        forms.add(expected)
        assert f"<p>{expected}</p>" in page(site, path), (path, expected)
    assert len(forms) == 6
    assert expected_cases("ar", 2) == "2 حالتان."
    assert expected_cases("ar", 3) == "3 حالات."
