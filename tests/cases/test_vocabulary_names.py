"""The vocabularies in the six UN languages: complete, distinct, consistent with the data the
site uses and with Unicode CLDR, and looked up with base-language and English fallback."""

from __future__ import annotations

import csv
from importlib import resources

import pytest
from babel import Locale

from caseshelf.cases import countries, vocabularies

SIX = {"ar", "zh", "en", "fr", "ru", "es"}
VOCABULARIES = {
    "regions": vocabularies.region_names,
    "goals": vocabularies.goal_names,
    "theme labels": vocabularies.theme_labels,
    "theme descriptions": vocabularies.theme_descriptions,
    "innovation facets": vocabularies.facet_labels,
}


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_every_entry_has_a_name_in_each_of_the_six_languages(vocabulary):
    entries = VOCABULARIES[vocabulary]()
    for key, names in entries.items():
        assert set(names) == SIX, key
        assert all(isinstance(n, str) and n.strip() == n and n for n in names.values()), key


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_no_two_entries_share_a_name_in_a_language(vocabulary):
    entries = VOCABULARIES[vocabulary]()
    for language in SIX:
        names = [names[language].casefold() for names in entries.values()]
        assert len(set(names)) == len(names), language


def test_the_vocabularies_cover_what_the_site_names():
    placed = {name for r in vocabularies.regions().values()
              for name in (r.region, r.subregion, r.intermediate) if name}
    assert set(vocabularies.region_names()) == placed
    assert {n: g["en"] for n, g in vocabularies.goal_names().items()} == {
        n: g.name for n, g in vocabularies.goals().items()}
    assert {slug: t["en"] for slug, t in vocabularies.theme_labels().items()} == {
        slug: t.label for slug, t in vocabularies.themes().items()}
    enum = vocabularies.schema()["properties"]["innovation_facets"]["items"]["enum"]
    assert list(vocabularies.facet_labels()) == enum


def test_region_codes_are_those_of_m49():
    text = resources.files("caseshelf").joinpath("data", "m49.csv").read_text("utf-8")
    codes = {}
    for row in csv.DictReader(text.splitlines()):
        for level in ("region", "subregion", "intermediate"):
            if row[level]:
                codes[row[level]] = row[f"{level}_code"]
    names = resources.files("caseshelf").joinpath("data", "m49_regions.csv").read_text("utf-8")
    assert {row["en"]: row["m49"] for row in csv.DictReader(names.splitlines())} == codes


def test_a_region_is_never_named_like_a_country():
    """'Southern Africa' and 'South Africa' read alike in some languages: Южная часть
    Африки and Южная Африка, 南部非洲 and 南非, الجنوب الأفريقي and جنوب أفريقيا."""
    for language in SIX:
        country_names = {names[language] for names in vocabularies.m49_names().values()}
        regions = {names[language] for names in vocabularies.region_names().values()}
        assert not regions & country_names, language


# Where the UN's M49 name is not CLDR's. CLDR names five of these regions differently in
# English too (419 Latin America, 035 Southeast Asia, 053 Australasia, 057 Micronesian
# Region) or not at all (830); the rest are the UN's wording against CLDR's (Asie
# orientale / Asie de l'Est), and the names kept apart from a country's (018, 017).
NOT_AS_IN_CLDR = {
    "202": {"ru"}, "015": {"zh"}, "014": {"zh"}, "017": {"zh"}, "018": {"ru", "ar"},
    "011": {"zh"}, "019": {"es"}, "029": {"ru", "zh", "ar"}, "005": {"es"},
    "021": {"es", "ru", "zh", "ar"}, "143": {"ar"}, "030": {"fr"}, "145": {"fr"},
    "151": {"fr", "ar"}, "154": {"fr", "ar"}, "039": {"fr", "ar"}, "155": {"fr", "ar"},
    "061": {"zh"}, "035": {"en", "es"}, "057": {"en", "fr", "es", "zh", "ar"},
    "419": SIX, "053": SIX, "830": SIX,
}


def test_region_names_agree_with_cldr_but_where_listed():
    """A cross-check with the CLDR that Babel ships; a newer CLDR may change the list, which
    is then reviewed against the UN's pages."""
    text = resources.files("caseshelf").joinpath("data", "m49_regions.csv").read_text("utf-8")
    differ = {}
    for row in csv.DictReader(text.splitlines()):
        for language in sorted(SIX):
            if Locale(language).territories.get(row["m49"]) != row[language]:
                differ.setdefault(row["m49"], set()).add(language)
    assert differ == NOT_AS_IN_CLDR


@pytest.mark.parametrize(("language", "name"), [
    ("fr", "Asie occidentale"), ("fr-CA", "Asie occidentale"), ("zh-Hans", "西亚"),
    ("zh_CN", "西亚"), ("ar", "غرب آسيا"), ("RU", "Западная Азия"), ("es-419", "Asia occidental"),
    ("en", "Western Asia"), ("pt", "Western Asia"), ("", "Western Asia"),
])
def test_region_name_falls_back_to_the_base_language_then_english(language, name):
    assert vocabularies.region_name("Western Asia", language) == name


def test_a_name_m49_does_not_have_is_given_back():
    assert vocabularies.region_name("Other", "fr") == "Other"


def test_goal_theme_and_facet_names():
    assert vocabularies.goal_name(2, "es") == "Hambre cero"
    assert vocabularies.goal_name(13, "zh-Hant") == "气候行动"
    assert vocabularies.goal_name(17, "de") == "Partnerships for the goals"
    assert vocabularies.goals()[5].name == "Gender equality"  # goals() as before
    assert vocabularies.theme_label("health", "ru") == "Здравоохранение"
    assert vocabularies.theme_label("health", "ja") == "Health"
    assert vocabularies.theme_description("youth", "fr-BE").startswith("Programmes menés")
    assert vocabularies.themes()["health"].label == "Health"  # themes() as before
    assert vocabularies.facet_label("adaptive", "fr") == "Adaptative"
    assert vocabularies.facet_label("anticipatory", "es-MX") == "Anticipatoria"
    assert vocabularies.facet_label("mission-oriented", "sw") == "Mission-oriented"


@pytest.mark.parametrize(("code", "language", "name"), [
    ("KZ", "en", "Kazakhstan"),
    ("KZ", "ru", "Казахстан"),
    ("CI", "fr-CA", "Côte d’Ivoire"),
    ("EG", "ar", "مصر"),
    ("CN", "zh-Hans", "中国"),
    ("US", "es", "Estados Unidos de América"),
    ("PS", "en", "State of Palestine"),  # the English names stay as they were
    ("XK", "fr", "Kosovo"),              # M49 has no Kosovo: English
    ("TW", "zh", "Taiwan"),              # nor Taiwan
    ("KZ", "pt", "Kazakhstan"),          # a language without M49 names: English
    ("KR-11", "en", "Seoul (South Korea)"),
    ("KR-11", "ru", "Seoul (Республика Корея)"),  # a subdivision keeps its own name
])
def test_name_of_a_code_in_a_language(code, language, name):
    assert countries.name_of(code, language) == name


def test_name_of_defaults_to_english():
    assert countries.name_of("UA-21") == countries.name_of("UA-21", "en")
