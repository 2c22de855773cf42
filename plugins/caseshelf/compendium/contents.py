"""What a compendium holds, in the order it prints it: its cases by UN region, then
country, then title, as a reader of its language sorts them; the counts of the overview;
the index of themes and SDGs. Everything is in the compendium's language, from the case
files and the vocabularies; the template only lays it out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..cases import countries, vocabularies
from ..cases.citation import citation
from ..cases.model import Case
from ..cases.text import country_of, slugify
from ..site import collation
from ..site.languages import direction, localised
from .selection import Selection

SEVERAL = "several"  # the key of the group of cases in more than one country or region
OTHER = "other"  # of the cases whose places M49 does not place


@dataclass
class Entry:
    """One case as the compendium prints it (its text in the compendium's language where it
    is translated), with the anchor the contents and the index point to."""

    case: Case
    anchor: str
    url: str  # its page on the site, '' without site_url
    citation: str
    direction: str  # of the case's own text


@dataclass
class Group:
    """A country of a region, or the cases of that region in several countries."""

    key: str
    name: str
    anchor: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Part:
    """A UN region, or the cases in several regions."""

    key: str
    name: str
    anchor: str
    groups: list[Group] = field(default_factory=list)


@dataclass(frozen=True)
class Bar:
    """One bar of an overview chart: its share of the longest bar."""

    label: str
    count: int
    colour: str
    share: float


@dataclass(frozen=True)
class IndexEntry:
    label: str
    anchors: tuple[str, ...]  # the cases' anchors, in the order they are printed


@dataclass
class Contents:
    parts: list[Part]
    newest: dt.date
    regions: list[Bar]
    themes: list[Bar]
    sdgs: list[Bar]
    theme_index: list[IndexEntry]
    sdg_index: list[IndexEntry]

    @property
    def entries(self) -> list[Entry]:
        return [e for part in self.parts for group in part.groups for e in group.entries]


def _top_regions(selection: Selection) -> set[str]:
    """The regions a selection of regions and sub-regions is in."""
    placed = vocabularies.regions().values()
    return {r.region for name in selection.regions for r in placed
            if name in (r.region, r.subregion) and r.region}


def _bars(counts: Counter, labels: dict[str, str], colour: Callable[[str], str],
          order: Callable[[str], object]) -> list[Bar]:
    widest = max(counts.values(), default=0) or 1
    return [Bar(labels[key], counts[key], colour(key), counts[key] / widest)
            for key in sorted(labels, key=order)]


def arrange(cases: Sequence[Case], selection: Selection, language: str, *,
            site_name: str, case_url: Callable[[str, str], str],
            gettext: Callable[[str], str]) -> Contents:
    """The contents of a compendium of `cases` (those of the selection) in `language`."""
    words = collation.sort_key(language)
    chosen = selection.of(cases)
    within = _top_regions(selection)
    kept = set(selection.countries)
    parts: dict[str, Part] = {}
    for case in chosen:
        regions = [r for r in case.regions if not within or r in within]
        region = regions[0] if len(regions) == 1 else (SEVERAL if regions else OTHER)
        places = {country_of(code) for code in case.places}
        if region not in (SEVERAL, OTHER):
            places = {c for c in places if (r := vocabularies.region_of(c)) and r.region == region}
        if kept:
            places = {c for c in places if c in kept} or places
        country = next(iter(places)) if len(places) == 1 else SEVERAL
        part = parts.get(region) or parts.setdefault(region, Part(
            slugify(region) if region not in (SEVERAL, OTHER) else region,
            _region_label(region, language, gettext), f"part-{slugify(region)}"))
        group = next((g for g in part.groups if g.key == country.lower()), None)
        if group is None:
            name = (gettext("Several countries") if country == SEVERAL
                    else countries.name_of(country, language))
            group = Group(country.lower(), name, f"{part.anchor}-{country.lower()}")
            part.groups.append(group)
        shown = localised(case, language)
        url = case_url(case.slug, language)
        group.entries.append(Entry(shown, f"case-{case.slug}", url,
                                   citation(shown, url, site_name).rstrip(),
                                   direction(shown.language)))
    ordered = sorted(parts.values(), key=lambda p: (p.key in (SEVERAL, OTHER), p.key == OTHER,
                                                     words(p.name)))
    for part in ordered:
        part.groups.sort(key=lambda g: (g.key == SEVERAL, words(g.name)))
        for group in part.groups:
            group.entries.sort(key=lambda e: (words(e.case.title), e.case.slug))
    contents = Contents(ordered, max((c.added for c in chosen), default=dt.date(1970, 1, 1)),
                        [], [], [], [], [])
    _overview(contents, chosen, language, words)
    return contents


def _region_label(region: str, language: str, gettext: Callable[[str], str]) -> str:
    if region == SEVERAL:
        return gettext("Several regions")
    if region == OTHER:
        return gettext("Other")
    return vocabularies.region_name(region, language)


def _overview(contents: Contents, chosen: Sequence[Case], language: str, words) -> None:
    """The overview's charts and the index, from the cases chosen."""
    goals = vocabularies.goals()
    regions = Counter(r for case in chosen for r in case.regions)
    names = {r: vocabularies.region_name(r, language) for r in regions}
    contents.regions = _bars(regions, names, lambda r: goals[17].colour,
                             lambda r: (-regions[r], words(names[r])))
    themes = Counter(t for case in chosen for t in case.themes)
    labels = {t: vocabularies.theme_label(t, language) for t in themes}
    contents.themes = _bars(themes, labels, lambda t: goals[16].colour,
                            lambda t: (-themes[t], words(labels[t])))
    sdgs = Counter(str(n) for case in chosen for n in case.goals)
    goal_labels = {str(n): f"{n}. {vocabularies.goal_name(n, language)}" for n in goals}
    contents.sdgs = _bars(Counter({k: sdgs[k] for k in goal_labels}), goal_labels,
                          lambda n: goals[int(n)].colour, int)
    printed = contents.entries
    contents.theme_index = sorted(
        (IndexEntry(labels[t], tuple(e.anchor for e in printed if t in e.case.themes))
         for t in themes), key=lambda i: words(i.label))
    contents.sdg_index = [
        IndexEntry(goal_labels[str(n)], tuple(e.anchor for e in printed if n in e.case.goals))
        for n in goals if sdgs[str(n)]]
