"""The controlled vocabularies, read once from the data files that ship in the package.

Each data file names its source. A maintainer extends a vocabulary by editing only data.
The names a reader sees (regions, SDGs, themes, innovation facets) are given in the six
official UN languages; each `…_name(…, language)` falls back to the base language ('fr' for
'fr-CA', 'zh' for 'zh-Hans') and then to English.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .text import country_of


def _data(name: str) -> str:
    return resources.files("caseshelf").joinpath("data", name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    description: str


@dataclass(frozen=True)
class Goal:
    number: int
    name: str
    colour: str
    targets: tuple[str, ...]

    @property
    def ink(self) -> str:
        """Black or white text, whichever contrasts more with the goal's colour (WCAG)."""
        channels = [int(self.colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        return "#000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#fff"


@dataclass(frozen=True)
class Region:
    """Where a country sits in the UN M49 geoscheme ('' where M49 gives none)."""

    m49: str
    region: str
    subregion: str
    intermediate: str


@cache
def themes() -> dict[str, Theme]:
    return {item["slug"]: Theme(item["slug"], item["label"], item["description"])
            for item in yaml.safe_load(_data("themes.yml"))}


@cache
def goals() -> dict[int, Goal]:
    targets = yaml.safe_load(_data("sdg_targets.yml"))
    return {
        item["number"]: Goal(item["number"], item["name"], item["colour"],
                             tuple(targets[item["number"]]))
        for item in yaml.safe_load(_data("sdg_goals.yml"))
    }


@cache
def targets() -> frozenset[str]:
    return frozenset(t for goal in goals().values() for t in goal.targets)


@dataclass(frozen=True)
class OtherPlace:
    """A place ISO 3166-1 does not list, with the code caseshelf accepts for it (XK)."""

    code: str
    name: str
    names: tuple[str, ...]
    region: Region


@dataclass(frozen=True)
class Grouping:
    """A regional body a case can name instead of listing its members: CARICOM, ASEAN, AU."""

    key: str
    slug: str
    name: str
    members: tuple[str, ...]
    names: tuple[str, ...]
    source: str


@cache
def regions() -> dict[str, Region]:
    """UN M49 placement of every ISO 3166-1 country (and of XK), by alpha-2 code."""
    rows = csv.DictReader(_data("m49.csv").splitlines())
    placed = {
        row["iso2"]: Region(row["m49"], row["region"], row["subregion"], row["intermediate"])
        for row in rows
    }
    placed.update({code: place.region for code, place in other_places().items()})
    return placed


@cache
def other_places() -> dict[str, OtherPlace]:
    """Places outside ISO 3166-1 that cases may name, by the code caseshelf accepts (XK)."""
    return {
        code: OtherPlace(code, item["name"], tuple(item["names"]),
                         Region("", item["region"], item["subregion"], ""))
        for code, item in yaml.safe_load(_data("other_codes.yml")).items()
    }


@cache
def m49_names() -> dict[str, dict[str, str]]:
    """The UN M49 name of each country or area in the six UN languages: {code: {'en': …}}."""
    return {row.pop("iso2"): row for row in csv.DictReader(_data("m49_names.csv").splitlines())}


@cache
def world_bank_names() -> dict[str, str]:
    """The World Bank's names of its economies ('Korea, Rep.'), each with its ISO code."""
    return {row["name"]: row["iso2"]
            for row in csv.DictReader(_data("world_bank_names.csv").splitlines())}


@cache
def place_names() -> dict[str, str]:
    """The name a reader knows, for the places whose ISO name reads badly: {code: name}."""
    names = yaml.safe_load(_data("place_names.yml"))
    return {**names["countries"], **names["subdivisions"]}


@cache
def groupings() -> dict[str, Grouping]:
    """The regional bodies, by key, in the data file's order."""
    return {
        item["key"]: Grouping(item["key"], item["slug"], item["name"], tuple(item["members"]),
                              tuple(item["names"]), item["source"])
        for item in yaml.safe_load(_data("groupings.yml"))
    }


def members_of(key: str) -> tuple[str, ...]:
    """The member countries of a regional body, as ISO codes: members_of('CARICOM')."""
    return groupings()[key].members


def region_of(code: str) -> Region | None:
    """The M49 placement of a country or of the country a subdivision (UA-21) belongs to."""
    return regions().get(country_of(code))


@cache
def country_aliases() -> dict[str, str]:
    """Names used in source documents that ISO does not list, mapped to their codes."""
    aliases = yaml.safe_load(_data("country_aliases.yml"))
    return {name.casefold(): code for name, code in aliases.items()}


@cache
def schema() -> dict:
    import json

    text = resources.files("caseshelf").joinpath("schema", "case.schema.json").read_text("utf-8")
    return json.loads(text)


# The six official languages of the United Nations, which every name below is given in
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
ENGLISH = "en"


def base_language(language: str) -> str:
    """The language of a BCP 47 tag, without script or region: 'fr-CA' -> 'fr',
    'zh_Hans' -> 'zh', 'EN' -> 'en'."""
    return language.replace("_", "-").split("-")[0].strip().lower()


def in_language(names: Mapping[str, str], language: str) -> str:
    """The name in a language, its base language, or English: names is {'en': …, 'fr': …}."""
    return names.get(base_language(language)) or names[ENGLISH]


@cache
def region_names() -> dict[str, dict[str, str]]:
    """The M49 regions, sub-regions and intermediate regions in the six UN languages, by
    their English M49 name (as in m49.csv and Region): {'Africa': {'fr': 'Afrique', …}}."""
    rows = csv.DictReader(_data("m49_regions.csv").splitlines())
    return {row["en"]: {lang: row[lang] for lang in LANGUAGES} for row in rows}


def region_name(english_name: str, language: str) -> str:
    """A region's M49 name in a language: region_name('Western Asia', 'fr') is
    'Asie occidentale'. A name M49 does not have is given back as it is."""
    names = region_names().get(english_name)
    return in_language(names, language) if names else english_name


@cache
def goal_names() -> dict[int, dict[str, str]]:
    """Each SDG's short title in the six UN languages, by its number."""
    return {item["number"]: {ENGLISH: item["name"], **item["names"]}
            for item in yaml.safe_load(_data("sdg_goals.yml"))}


def goal_name(number: int, language: str) -> str:
    """An SDG's short title in a language: goal_name(2, 'es') is 'Hambre cero'."""
    return in_language(goal_names()[number], language)


@cache
def _theme_texts() -> dict[str, dict[str, dict[str, str]]]:
    """{slug: {'label': {lang: …}, 'description': {lang: …}}}."""
    return {
        item["slug"]: {
            field: {ENGLISH: item[field], **{lang: text[field]
                                               for lang, text in item["translations"].items()}}
            for field in ("label", "description")
        }
        for item in yaml.safe_load(_data("themes.yml"))
    }


def theme_labels() -> dict[str, dict[str, str]]:
    """Each theme's label in the six UN languages, by slug."""
    return {slug: texts["label"] for slug, texts in _theme_texts().items()}


def theme_descriptions() -> dict[str, dict[str, str]]:
    """Each theme's description in the six UN languages, by slug."""
    return {slug: texts["description"] for slug, texts in _theme_texts().items()}


def theme_label(slug: str, language: str) -> str:
    """A theme's label in a language: theme_label('health', 'ru') is 'Здравоохранение'."""
    return in_language(_theme_texts()[slug]["label"], language)


def theme_description(slug: str, language: str) -> str:
    """A theme's one-sentence description in a language."""
    return in_language(_theme_texts()[slug]["description"], language)


@cache
def facet_labels() -> dict[str, dict[str, str]]:
    """OECD OPSI's four innovation facets, each with its label in the six UN languages, by
    the value a case writes (the schema's `innovation_facets` items)."""
    return yaml.safe_load(_data("innovation_facets.yml"))


def facet_label(innovation_facet: str, language: str) -> str:
    """An innovation facet's label in a language: facet_label('adaptive', 'fr') is
    'Adaptative'."""
    return in_language(facet_labels()[innovation_facet], language)
