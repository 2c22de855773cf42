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


@cache
def regions() -> dict[str, Region]:
    """UN M49 placement of every ISO 3166-1 country, by alpha-2 code."""
    rows = csv.DictReader(_data("m49.csv").splitlines())
    return {
        row["iso2"]: Region(row["m49"], row["region"], row["subregion"], row["intermediate"])
        for row in rows
    }


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
