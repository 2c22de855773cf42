"""The controlled vocabularies, read once from the data files that ship in the package.

Each data file names its source. A maintainer extends a vocabulary by editing only data.
"""

from __future__ import annotations

import csv
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
    return {item["slug"]: Theme(**item) for item in yaml.safe_load(_data("themes.yml"))}


@cache
def goals() -> dict[int, Goal]:
    targets = yaml.safe_load(_data("sdg_targets.yml"))
    return {
        item["number"]: Goal(targets=tuple(targets[item["number"]]), **item)
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
