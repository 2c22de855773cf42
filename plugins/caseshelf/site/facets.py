"""Group cases by every facet a reader browses by: country, region, theme, SDG, year, level,
source. Built in one pass over the cases, so it stays linear at any size."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..cases import countries, vocabularies
from ..cases.model import Case
from ..cases.text import country_of, slugify, title_order

LEVELS = ("national", "subnational", "local", "multilevel", "supranational")


@dataclass
class FacetValue:
    """One value of a facet (the theme 'health', the country 'kz') and its cases."""

    key: str  # the URL segment
    label: str
    cases: list[Case] = field(default_factory=list)
    group: str = ""  # what the index page groups it under (a country's UN region)
    extra: dict = field(default_factory=dict)


@dataclass
class Facet:
    name: str  # the URL folder: countries, regions, themes, sdgs, years, levels, sources
    title: str
    singular: str
    values: list[FacetValue]


def sort_cases(cases: Iterable[Case]) -> list[Case]:
    """The listing order: by title, then slug, so it is stable from build to build."""
    return sorted(cases, key=title_order)


def _group(cases: Sequence[Case], keys: Callable[[Case], Iterable[str]]) -> dict[str, list[Case]]:
    grouped: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        for key in dict.fromkeys(keys(case)):
            grouped[key].append(case)
    return grouped


def build_facets(cases: Sequence[Case]) -> dict[str, Facet]:
    """Every facet, each value with its cases in listing order."""
    cases = sort_cases(cases)
    facets = [
        _countries(cases), _regions(cases), _themes(cases), _sdgs(cases), _years(cases),
        _levels(cases), _sources(cases),
    ]
    return {facet.name: facet for facet in facets}


def _countries(cases: Sequence[Case]) -> Facet:
    grouped = _group(cases, lambda c: (country_of(code) for code in c.countries))
    for case in cases:  # countries that only asked to adapt a practice get a page too
        for code in (*case.interested_countries, *case.adapted_in):
            grouped.setdefault(country_of(code), [])
    values = []
    for code, members in grouped.items():
        region = vocabularies.region_of(code)
        values.append(FacetValue(code.lower(), countries.name_of(code), members,
                                 group=(region.region if region and region.region else "Other"),
                                 extra={"code": code}))
    values.sort(key=lambda v: (v.group, v.label.casefold()))
    return Facet("countries", "Countries", "Country", values)


def _regions(cases: Sequence[Case]) -> Facet:
    by_region = _group(cases, lambda c: c.regions)
    by_subregion = _group(cases, lambda c: c.subregions)
    parent = {r.subregion: r.region for r in vocabularies.regions().values() if r.subregion}
    values = [FacetValue(slugify(name), name, members, group=name, extra={"kind": "region"})
              for name, members in by_region.items()]
    values += [FacetValue(slugify(name), name, members, group=parent[name],
                          extra={"kind": "subregion"})
               for name, members in by_subregion.items()]
    values.sort(key=lambda v: (v.group, v.extra["kind"] != "region", v.label))
    return Facet("regions", "UN regions", "Region", values)


def _themes(cases: Sequence[Case]) -> Facet:
    grouped = _group(cases, lambda c: c.themes)
    themes = vocabularies.themes()
    values = [FacetValue(slug, theme.label, grouped.get(slug, []),
                         extra={"description": theme.description})
              for slug, theme in themes.items()]  # every theme has a page, even before its cases
    values.sort(key=lambda v: v.label.casefold())
    return Facet("themes", "Themes", "Theme", values)


def _sdgs(cases: Sequence[Case]) -> Facet:
    grouped = _group(cases, lambda c: (str(g) for g in c.goals))
    values = [FacetValue(str(n), f"{n}. {goal.name}", grouped.get(str(n), []), extra={"goal": goal})
              for n, goal in vocabularies.goals().items()]  # all 17 goals have a page
    return Facet("sdgs", "Sustainable Development Goals", "SDG", values)


def _years(cases: Sequence[Case]) -> Facet:
    grouped = _group(cases, lambda c: [str(c.year)] if c.year else [])
    values = [FacetValue(year, year, members) for year, members in grouped.items()]
    values.sort(key=lambda v: v.key, reverse=True)
    return Facet("years", "Years of launch", "Year", values)


def _levels(cases: Sequence[Case]) -> Facet:
    grouped = _group(cases, lambda c: [c.level_of_government] if c.level_of_government else [])
    values = [FacetValue(level, level.capitalize(), grouped.get(level, []))
              for level in LEVELS]
    return Facet("levels", "Levels of government", "Level", values)


def _sources(cases: Sequence[Case]) -> Facet:
    grouped = _group(cases, lambda c: [slugify(c.source.body) or "unnamed"])
    values = []
    for key, members in grouped.items():
        names: dict[str, int] = defaultdict(int)
        for case in members:
            names[case.source.body] += 1
        label = min(names, key=lambda n: (-names[n], n))  # the most used spelling
        values.append(FacetValue(key, label, members))
    values.sort(key=lambda v: v.label.casefold())
    return Facet("sources", "Sources", "Source", values)
