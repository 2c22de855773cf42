"""A world choropleth of cases per country, as data for a static SVG made at build time."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..cases.text import country_of

LEVELS = 5  # colour levels for countries with cases; level 0 is "no cases"


@dataclass(frozen=True)
class Outline:
    """One country's outline from the data file; iso2 is "" for areas without an ISO code."""

    iso2: str
    name: str
    d: str


@dataclass(frozen=True)
class Basemap:
    """The projected outlines of data/world_110m.json and the viewBox they fit."""

    source: str
    view_box: str
    outlines: tuple[Outline, ...]

    @property
    def codes(self) -> frozenset[str]:
        """The ISO alpha-2 codes that have a shape on this map."""
        return frozenset(o.iso2 for o in self.outlines if o.iso2)


@dataclass(frozen=True)
class Shape:
    """A country as drawn: its outline, its number of cases and its colour level (0..5)."""

    iso2: str
    name: str
    d: str
    count: int
    level: int


@dataclass(frozen=True)
class LegendBin:
    """One colour level of the legend: countries with low..high cases (label "5–20")."""

    level: int
    label: str
    low: int
    high: int


@dataclass(frozen=True)
class WorldMap:
    """Everything the worldmap.html partial draws.

    `missing` lists the codes with cases that have no shape on a 1:110m map (Tuvalu,
    Maldives...), so that the page can name them in text; `counts` has every country's
    cases (subdivisions folded in), and `names` a name for every code with cases.
    """

    view_box: str
    shapes: list[Shape]
    legend: list[LegendBin]
    missing: list[str]
    counts: dict[str, int]
    names: dict[str, str]

    @property
    def countries(self) -> int:
        """How many countries have cases, with or without a shape."""
        return len(self.counts)

    @property
    def table(self) -> list[tuple[str, str, int]]:
        """(code, name, cases) of every country with cases, by name: the map as text."""
        return sorted(((code, self.names[code], n) for code, n in self.counts.items()),
                      key=lambda row: (row[1].casefold(), row[0]))


@cache
def load_shapes() -> Basemap:
    """The outlines shipped in caseshelf/data/world_110m.json (see data/NATURAL_EARTH.md)."""
    text = resources.files("caseshelf").joinpath("data", "world_110m.json").read_text("utf-8")
    data = json.loads(text)
    return Basemap(
        source=data["source"],
        view_box=data["viewBox"],
        outlines=tuple(Outline(s["iso2"], s["name"], s["d"]) for s in data["shapes"]),
    )


def fold(counts: Mapping[str, int]) -> dict[str, int]:
    """Cases per country: subdivision codes ("UA-21") are added to their country ("UA").

    Counts are added up, so a case should be counted once per country before this.
    Codes with no cases (0) are left out.
    """
    folded: dict[str, int] = {}
    for code, count in counts.items():
        country = country_of(code.strip().upper())
        if count > 0 and country:
            folded[country] = folded.get(country, 0) + count
    return dict(sorted(folded.items()))


def bins(largest: int, levels: int = LEVELS) -> list[LegendBin]:
    """Bins for counts 1..largest, at most `levels` of them, on a log scale; deterministic.

    One case is a bin of its own (it is the commonest count); the counts above it are
    binned by upper bounds largest ** (i / (n - 1)), rounded down, so a skewed
    distribution (most countries with 1 or 2 cases, a few with hundreds) still shows
    differences at both ends: 1, 2–4, 5–20, 21–89, 90–400. Fewer distinct counts than
    levels give fewer bins, spread over the colour levels 1..levels so that the most
    cases always have the darkest colour.
    """
    if largest < 1:
        return []
    n = min(levels, largest)
    highs = [1]
    for i in range(1, n):
        bound = math.floor(largest ** (i / (n - 1)) + 1e-9)
        highs.append(largest if i == n - 1 else max(highs[-1] + 1, bound))
    result = []
    low = 1
    for i, high in enumerate(highs):
        level = levels if n == 1 else 1 + round(i * (levels - 1) / (n - 1))
        label = str(low) if low == high else f"{low}–{high}"
        result.append(LegendBin(level=level, label=label, low=low, high=high))
        low = high + 1
    return result


def level_of(count: int, legend: list[LegendBin]) -> int:
    """The colour level of a number of cases: 0 for none."""
    for entry in legend:
        if entry.low <= count <= entry.high:
            return entry.level
    return 0


def choropleth(counts: Mapping[str, int], names: Mapping[str, str] | None = None) -> WorldMap:
    """The map for cases per ISO code ("KZ"; "UA-21" counts for "UA").

    `names` may give the site's own country names (code -> name); otherwise a shape keeps
    its Natural Earth name and a country without a shape gets its ISO 3166 name.
    """
    names = names or {}
    basemap = load_shapes()
    folded = fold(counts)
    legend = bins(max(folded.values(), default=0))
    shapes = []
    for outline in basemap.outlines:
        count = folded.get(outline.iso2, 0) if outline.iso2 else 0
        name = names.get(outline.iso2, outline.name) if outline.iso2 else outline.name
        shapes.append(Shape(outline.iso2, name, outline.d, count, level_of(count, legend)))
    drawn = {shape.iso2: shape.name for shape in shapes if shape.iso2}
    named = {code: names.get(code) or drawn.get(code) or _name(code) for code in folded}
    return WorldMap(
        view_box=basemap.view_box,
        shapes=shapes,
        legend=legend,
        missing=sorted((code for code in folded if code not in drawn),
                       key=lambda code: (named[code].casefold(), code)),
        counts=folded,
        names=named,
    )


def _name(code: str) -> str:
    """An ISO name for a country the map does not draw, or the code itself."""
    import pycountry  # only for the few small countries without a shape

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name
