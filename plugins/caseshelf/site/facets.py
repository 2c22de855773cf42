"""The facets a reader browses and searches cases by, each defined once in FACETS, and their
values found in one pass over the cases, so it stays linear at any size.

Pages, search filters, the Explore page, the offline index and the templates all read
FACETS; none keeps a list of facets of its own. Adding a facet is adding one FacetSpec (and,
if its pages need one, a template named after it: caseshelf/listing/<name>.html or
caseshelf/facet/<name>.html, which extends the common one).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..cases import countries, vocabularies
from ..cases.model import Case
from ..cases.text import country_of, short_slug, slugify, title_order, unique_slugs
from . import collation
from .i18n import N_


@dataclass
class FacetValue:
    """One value of a facet (the theme 'health', the country 'kz') and its cases."""

    key: str  # the URL segment, and the value of the search filter
    label: str
    cases: list[Case] = field(default_factory=list)
    group: str = ""  # what the index page groups it under (a country's UN region)
    parent: str = ""  # the key of the value it is part of (a sub-region's region)
    extra: dict = field(default_factory=dict)


Grouped = dict[str, list[Case]]  # each key of a facet -> its cases, in listing order


@dataclass(frozen=True)
class FacetSpec:
    """One facet: everything pages, search, Explore and the templates know of it."""

    name: str  # the URL folder of its pages (countries/kz/) and its name in build_facets()
    title: str  # the heading of its index page
    singular: str  # what one of its values is ("Country: 3 cases")
    keys: Callable[[Case], Iterable[str]]  # a case's keys: URL segments and filter values
    values: Callable[[Grouped, Sequence[Case], str], list[FacetValue]]  # keys, labelled
    order: Callable[[FacetValue], Any] | None = None  # sort key of values; None: as made
    pages: bool = True  # an index page, and a listing for each value
    searchable: bool = False  # the first page of each listing is in the search index
    grouped: bool = False  # the index page lists values under their group
    filter: str | None = None  # its search filter on case pages (Explore's ?country=kz)
    explore: str | None = None  # the heading of its check boxes on Explore; None: none there
    explore_order: Callable[[FacetValue], Any] | None = None  # on Explore; None: `order`
    names: Callable[[Case], Iterable[str]] | None = None  # words the offline search finds by

    def keys_of(self, case: Case) -> list[str]:
        """A case's keys, each once."""
        return list(dict.fromkeys(self.keys(case)))

    def templates(self, kind: str) -> tuple[str, str]:
        """The templates for one of its pages (kind: "facet" for its index page, "listing"),
        first that exists wins: its own, then the one every facet shares."""
        return f"caseshelf/{kind}/{self.name}.html", f"caseshelf/{kind}.html"


@dataclass
class Facet:
    """A facet with the values found in the cases."""

    spec: FacetSpec
    values: list[FacetValue]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def singular(self) -> str:
        return self.spec.singular


def sort_cases(cases: Iterable[Case]) -> list[Case]:
    """The listing order: by title, then slug, so it is stable from build to build."""
    return sorted(cases, key=title_order)


def country_key(code: str) -> str:
    """The key of the country page of a country or subdivision: 'UA-21' -> 'ua'."""
    return country_of(code).lower()


def _enum(name: str) -> list[str]:
    """The values the schema allows for a field, in its order."""
    return vocabularies.schema()["properties"][name]["enum"]


def _countries(grouped: Grouped, cases: Sequence[Case], language: str) -> list[FacetValue]:
    """Each country with its cases, grouped by UN region; its page also lists the practices
    it shares (its cases others asked for or adapted), those it wants (it asked for) and
    those it adapted (named in their `adapted_in`)."""
    grouped = dict(grouped)
    codes: dict[str, str] = {}
    wants: Grouped = defaultdict(list)
    adapted: Grouped = defaultdict(list)
    for case in cases:
        for code in (*case.places, *case.interested_countries, *case.adapted_in):
            codes[country_key(code)] = country_of(code)
        for code in (*case.interested_countries, *case.adapted_in):
            grouped.setdefault(country_key(code), [])  # only asked to adapt: a page too
        for key in dict.fromkeys(country_key(code) for code in case.interested_countries):
            wants[key].append(case)
        for key in dict.fromkeys(country_key(code) for code in case.adapted_in):
            adapted[key].append(case)
    values = []
    for key, members in grouped.items():
        code = codes[key]
        region = vocabularies.region_of(code)
        shares = [c for c in members if c.interested_countries or c.adapted_in]
        values.append(FacetValue(key, countries.name_of(code, language), members,
                                 group=(vocabularies.region_name(region.region, language)
                                        if region and region.region else N_("Other")),
                                 extra={"code": code, "shares": shares, "wants": wants[key],
                                        "adapted": adapted[key]}))
    return values


def _regions(grouped: Grouped, cases: Sequence[Case], language: str) -> list[FacetValue]:
    places: dict[str, tuple[str, str, str]] = {}  # key -> name, kind, group
    for region in vocabularies.regions().values():
        if region.region:
            places[slugify(region.region)] = (region.region, "region", region.region)
        if region.subregion:
            places[slugify(region.subregion)] = (region.subregion, "subregion", region.region)
    values = []
    for key, members in grouped.items():
        name, kind, group = places[key]
        parent = slugify(group) if kind == "subregion" else ""
        values.append(FacetValue(key, vocabularies.region_name(name, language), members,
                                 group=vocabularies.region_name(group, language), parent=parent,
                                 extra={"kind": kind}))
    return values


def _themes(grouped: Grouped, cases: Sequence[Case], language: str) -> list[FacetValue]:
    return [FacetValue(slug, vocabularies.theme_label(slug, language), grouped.get(slug, []),
                       extra={"description": vocabularies.theme_description(slug, language)})
            for slug in vocabularies.themes()]  # a page even before its cases


def _groupings(grouped: Grouped, cases: Sequence[Case], language: str) -> list[FacetValue]:
    """Each regional body some case names, with those cases; its page lists its members
    (whose country pages list these cases too)."""
    return [FacetValue(body.slug, body.name, grouped[body.slug],
                       extra={"members": body.members, "key": body.key})
            for body in vocabularies.groupings().values() if body.slug in grouped]


def _sdgs(grouped: Grouped, cases: Sequence[Case], language: str) -> list[FacetValue]:
    return [FacetValue(str(n), f"{n}. {vocabularies.goal_name(n, language)}",
                       grouped.get(str(n), []),
                       extra={"goal": replace(goal, name=vocabularies.goal_name(n, language))})
            for n, goal in vocabularies.goals().items()]  # all 17 goals have a page


def _as_found(grouped: Grouped, cases: Sequence[Case], language: str) -> list[FacetValue]:
    return [FacetValue(key, key, members) for key, members in grouped.items()]


# the labels of the schema's levels and status (each value capitalised), for the catalogs
ENUM_LABELS = (N_("National"), N_("Subnational"), N_("Local"), N_("Multilevel"),
               N_("Supranational"), N_("Idea"), N_("Pilot"), N_("Implemented"), N_("Scaled"),
               N_("Discontinued"))


def _schema_values(name: str) -> Callable[[Grouped, Sequence[Case], str], list[FacetValue]]:
    """Every value the schema allows for a field, even before its cases, in the schema's
    order (labelled in English: the templates translate them with the catalogs)."""
    def values(grouped: Grouped, cases: Sequence[Case], language: str) -> list[FacetValue]:
        return [FacetValue(key, key.capitalize(), grouped.get(key, [])) for key in _enum(name)]
    return values


def _named(facet: str, names_of: Callable[[Case], Iterable[str]]
           ) -> Callable[[Grouped, Sequence[Case], str], list[FacetValue]]:
    """Values named freely in the cases (sources, tags): each key labelled with the most
    used spelling of the names that give it."""
    def values(grouped: Grouped, cases: Sequence[Case], language: str) -> list[FacetValue]:
        found = []
        for key, members in grouped.items():
            names: dict[str, int] = defaultdict(int)
            for case in members:
                for name in names_of(case):
                    if name_key(facet, name) == key:
                        names[name] += 1
            label = min(names, key=lambda n: (-names[n], n))
            found.append(FacetValue(key, label, members))
        return found
    return values


# The page key of each freely written name of this build (source bodies, tags), by facet:
# distinct names never share a page; names that differ only in case or spacing do.
_NAME_KEYS: dict[str, dict[str, str]] = {"sources": {}, "tags": {}}


def _canonical(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_key(facet: str, name: str) -> str:
    """The URL segment of a source body or a tag: a readable slug in any script
    (cases.text.unique_slugs), the same from build to build for the same set of names."""
    canonical = _canonical(name)
    return _NAME_KEYS[facet].get(canonical) or short_slug(canonical)


def tag_key(tag: str) -> str:
    return name_key("tags", tag)


def _name_keys(cases: Sequence[Case]) -> None:
    _NAME_KEYS["sources"] = unique_slugs({_canonical(c.source.body) for c in cases})
    _NAME_KEYS["tags"] = unique_slugs({_canonical(tag) for c in cases for tag in c.tags})


def _by_label(value: FacetValue) -> str:
    return value.label.casefold()


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("countries", N_("Countries"), N_("Country"),
              keys=lambda c: (country_key(code) for code in c.places), values=_countries,
              order=lambda v: (v.group, v.label.casefold()),
              searchable=True, grouped=True, filter="country", explore=N_("Country"),
              explore_order=lambda v: v.label.casefold(),  # one list, by name
              names=lambda c: (countries.name_of(code) for code in c.places)),
    FacetSpec("regions", N_("UN regions"), N_("Region"),
              keys=lambda c: (slugify(name) for name in (*c.regions, *c.subregions)),
              values=_regions, order=lambda v: (v.group, v.extra["kind"] != "region", v.label),
              searchable=True, grouped=True, filter="region", explore=N_("UN region"),
              names=lambda c: (*c.regions, *c.subregions)),
    FacetSpec("groupings", N_("Regional bodies"), N_("Regional body"),
              keys=lambda c: (vocabularies.groupings()[key].slug for key in c.groupings),
              values=_groupings, order=_by_label, searchable=True, filter="grouping",
              explore=N_("Regional body"),
              names=lambda c: (vocabularies.groupings()[key].name for key in c.groupings)),
    FacetSpec("themes", N_("Themes"), N_("Theme"), keys=lambda c: c.themes, values=_themes,
              order=_by_label, searchable=True, filter="theme", explore=N_("Theme"),
              names=lambda c: (vocabularies.themes()[slug].label for slug in c.themes)),
    FacetSpec("sdgs", N_("Sustainable Development Goals"), N_("SDG"),
              keys=lambda c: (str(n) for n in c.goals), values=_sdgs,
              searchable=True, filter="sdg", explore=N_("SDG"),
              names=lambda c: (vocabularies.goals()[n].name for n in c.goals)),
    FacetSpec("years", N_("Years of launch"), N_("Year"),
              keys=lambda c: [str(c.year)] if c.year else [], values=_as_found,
              order=lambda v: -int(v.key), filter="year"),  # Explore: a range, from and to
    FacetSpec("levels", N_("Levels of government"), N_("Level"),
              keys=lambda c: [c.level_of_government] if c.level_of_government else [],
              values=_schema_values("level_of_government"),
              filter="level", explore=N_("Level of government")),
    FacetSpec("status", N_("Status"), N_("Status"),
              keys=lambda c: [c.status] if c.status else [], values=_schema_values("status"),
              pages=False, filter="status", explore=N_("Status")),
    FacetSpec("sources", N_("Sources"), N_("Source"),
              keys=lambda c: [name_key("sources", c.source.body)],
              values=_named("sources", lambda c: [c.source.body]),
              order=_by_label, filter="source", explore=N_("Source"),
              names=lambda c: [c.source.body]),
    FacetSpec("tags", N_("Tags"), N_("Tag"), keys=lambda c: (tag_key(t) for t in c.tags),
              values=_named("tags", lambda c: c.tags), order=_by_label, filter="tag",
              explore=N_("Tag"),
              names=lambda c: c.tags),
)

# the folders whose listings' first pages the search index holds
SEARCHABLE = tuple(spec.name for spec in FACETS if spec.pages and spec.searchable)


def names_of(case: Case) -> list[str]:
    """The names of a case's values (countries, regions, themes, goals, source) that the
    offline search finds it by."""
    return [name for spec in FACETS if spec.names for name in spec.names(case)]


def names_in(cases: Sequence[Case], language: str = "en") -> dict[str, list[str]]:
    """The names in `language` of each case's values of the facets that the offline search
    finds it by (those with `names`), by the case's slug."""
    found: dict[str, list[str]] = defaultdict(list)
    for facet in build_facets(cases, language).values():
        if facet.spec.names:
            for value in facet.values:
                for case in value.cases:
                    found[case.slug].append(value.label)
    return found


def _group(cases: Sequence[Case], keys: Callable[[Case], Iterable[str]]) -> Grouped:
    grouped: Grouped = defaultdict(list)
    for case in cases:
        for key in dict.fromkeys(keys(case)):
            grouped[key].append(case)
    return grouped


def collated(key: Callable[[FacetValue], Any], language: str) -> Callable[[FacetValue], Any]:
    """A sort key of values whose words sort as a reader of `language` expects."""
    words = collation.sort_key(language)

    def collate(part: Any) -> Any:
        return words(part) if isinstance(part, str) else part

    def sort_key(value: FacetValue) -> Any:
        found = key(value)
        return tuple(map(collate, found)) if isinstance(found, tuple) else collate(found)
    return sort_key


def build_facets(cases: Sequence[Case], language: str = "en") -> dict[str, Facet]:
    """Every facet of FACETS by name, each value labelled in `language` (names of places,
    themes and goals; the templates translate the words of the interface) and with its
    cases in listing order."""
    cases = sort_cases(cases)
    _name_keys(cases)
    facets = {}
    for spec in FACETS:
        values = spec.values(_group(cases, spec.keys), cases, language)
        if spec.order:
            values.sort(key=collated(spec.order, language))
        facets[spec.name] = Facet(spec, values)
    return facets
