"""Plan every generated page of the site: its source path (hence URL), template and context.

Nothing here knows MkDocs. The plugin turns each `PageSpec` into a generated file and hands
its context to the template named; the templates do all the HTML.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import escape

from ..cases import countries, vocabularies
from ..cases.model import Case, primary_subtag
from ..cases.text import country_of, slugify
from . import collation, formats, i18n, worldmap
from .facets import (
    FACETS,
    Facet,
    FacetValue,
    build_facets,
    collated,
    country_key,
    sort_cases,
    tag_key,
)
from .languages import direction, localised
from .related import related_cases

NEWEST = 10  # cases shown as "newest" on the home page
PER_FACET = "caseshelf/per-facet.html"  # renders the first of a facet page's `templates`


@dataclass
class PageSpec:
    """A page to generate. `content` is its Markdown; `case` is set for case pages."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    content: str = ""
    case: Case | None = None

    def meta(self) -> dict[str, Any]:
        """The page's template, title and description as the engine's page meta. MkDocs
        renders without autoescaping and Material prints the title and description as they
        are: they are handed over escaped, as Markup, which `| e` leaves as it is."""
        meta = {"template": self.template, "title": escape(self.title)}
        return meta | {"description": escape(self.case.summary)} if self.case else meta


PAGES_AROUND = 2  # pages linked by number on either side of the current one


@dataclass
class Pagination:
    number: int
    count: int
    uris: list[str]  # the source path of each page, first to last

    @property
    def previous(self) -> str | None:
        return self.uris[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.uris[self.number] if self.number < self.count else None

    @property
    def shown(self) -> list[tuple[int, str] | None]:
        """The pages a page links to by number, (number, source path): the first, the last
        and those within PAGES_AROUND of this one, None where pages are left out (a gap of
        one page shows that page). Bounded: a value with thousands of cases does not give
        each of its pages a link to every other, which grew as the square of its pages."""
        keep = {1, self.count, *range(self.number - PAGES_AROUND, self.number + PAGES_AROUND + 1)}
        shown: list[tuple[int, str] | None] = []
        last = 0
        for n in sorted(k for k in keep if 1 <= k <= self.count):
            if n - last == 2:
                shown.append((last + 1, self.uris[last]))
            elif n - last > 2:
                shown.append(None)
            shown.append((n, self.uris[n - 1]))
            last = n
        return shown


class Lookup:
    """Names, regions and page paths that templates ask for, by code, in one language."""

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self.translations = i18n.translations(language)

    def __digest__(self) -> str:
        """What its answers depend on besides caseshelf's code and data (rendered.py)."""
        return self.language

    def country_name(self, code: str) -> str:
        return countries.name_of(code, self.language)

    @staticmethod
    def country_uri(code: str) -> str:
        return f"countries/{country_key(code)}.md"

    def countries_short(self, codes: Sequence[str], limit: int = 3) -> str:
        """'Antigua and Barbuda, Bahamas, Barbados and 12 more': short lists stay short."""
        names = [self.country_name(code) for code in codes]
        comma = self.translations.gettext(", ")
        if len(names) <= limit + 1:
            return comma.join(names)
        more = len(names) - limit
        return self.translations.ngettext("%(names)s and %(count)s more",
                                          "%(names)s and %(count)s more", more) % {
            "names": comma.join(names[:limit]), "count": more}

    def by_region(self, codes: Sequence[str]) -> list[tuple[str, list[str]]]:
        """Codes grouped by UN sub-region, in first-seen order: [(sub-region, codes)]."""
        groups: dict[str, list[str]] = {}
        for code in codes:
            groups.setdefault(self.region(code), []).append(code)
        return list(groups.items())

    def region(self, code: str) -> str:
        region = vocabularies.region_of(code)
        return (vocabularies.region_name(region.subregion, self.language)
                if region and region.subregion else "")

    def goal(self, number: int) -> vocabularies.Goal:
        """The goal, named in the language."""
        return replace(vocabularies.goals()[number],
                       name=vocabularies.goal_name(number, self.language))

    def theme_label(self, slug: str) -> str:
        return vocabularies.theme_label(slug, self.language)

    def region_name(self, key: str) -> str:
        """A UN region named in the language, by its key (its slug: 'asia')."""
        names = {slugify(r.region): r.region for r in vocabularies.regions().values()}
        return vocabularies.region_name(names.get(key, key), self.language)

    def innovation_facet(self, key: str) -> str:
        """One of OPSI's four facets of innovation, named in the language."""
        return vocabularies.facet_label(key, self.language)

    def date(self, day: dt.date) -> str:
        """A date as the language writes it: '23 novembre 2026'."""
        return formats.date(day, self.language)

    tag_key = staticmethod(tag_key)
    direction = staticmethod(direction)  # "rtl" or "ltr" for a language tag

    @staticmethod
    def grouping(key: str) -> vocabularies.Grouping:
        return vocabularies.groupings()[key]

    base = staticmethod(primary_subtag)  # a language tag without script or region

    def readable_in(self, case: Case,
                    versions: Sequence[tuple[str, str]]) -> list[tuple[str, str | None]]:
        """The languages a case's text is in, the original's first, each with the URL of
        the site's page in that language, or None where the site has none."""
        urls = {self.base(language): url for language, url in versions}
        tags = (case.language, *(t.language for t in case.translations))
        return [(tag, urls.get(self.base(tag))) for tag in tags]

    @staticmethod
    def case_uri(case: Case) -> str:
        return f"cases/{case.slug}.md"

    # the facets that are search filters, in order: what a case page gives Pagefind
    search_filters = tuple(spec for spec in FACETS if spec.filter)


def listing_uris(facet: str, key: str, pages: int) -> list[str]:
    """/themes/health/, /themes/health/page/2/, …: page 1 keeps the short, stable URL."""
    return [f"{facet}/{key}.md"] + [f"{facet}/{key}/page/{n}.md" for n in range(2, pages + 1)]


def plan_site(cases: Sequence[Case], facets: dict[str, Facet], *, page_size: int,
              related: Mapping[str, Sequence[Case]], licence: str, language: str = "en",
              gettext: Callable[[str], str] = str,
              compendiums: Mapping[str, Any] | None = None) -> list[PageSpec]:
    """Every generated page of one language: cases, browse pages, explore, map and
    matchmaking. `cases` are in that language (languages.localised) and `facets` is
    build_facets(cases, language), made once per build for every page that needs it;
    `related` is related_cases() of the cases, by slug; `gettext` translates titles;
    `compendiums`, each UN region's PDF in the language (from dist/), by region key."""
    common = {"cs": Lookup(language), "licence": licence, "cs_language": language,
              "compendiums": compendiums or {}}
    by_slug = {case.slug: case for case in cases}
    specs = [
        PageSpec(f"cases/{case.slug}.md", case.title, "caseshelf/case.html",
                 {**common, "case": case,
                  "related": [by_slug[other.slug] for other in related[case.slug]]},
                 case.body, case)
        for case in sort_cases(cases)
    ]
    for facet in facets.values():
        if not facet.spec.pages:
            continue
        specs.append(PageSpec(f"{facet.name}/index.md", gettext(facet.title), PER_FACET,
                              {**common, "facet": facet, "total": len(cases),
                               "templates": facet.spec.templates("facet")}))
        heading = replace(facet, values=[])  # what a listing reads of its facet: not the
        for value in facet.values:  # other values, so a kept listing is not stale for them
            specs += _listing(heading, value, page_size, common, gettext)
    specs.append(PageSpec("explore.md", gettext("Explore"), "caseshelf/explore.html",
                          {**common, "facets": facets, "total": len(cases),
                           "explore": explore_data(facets, language)}))
    specs.append(PageSpec("map.md", gettext("Map"), "caseshelf/map.html",
                          {**common, "worldmap": world_map(cases, language), "total": len(cases)}))
    specs.append(PageSpec("matchmaking.md", gettext("Matchmaking"), "caseshelf/matchmaking.html",
                          {**common, "rows": matchmaking(cases, language)}))
    return specs


def _listing(facet: Facet, value: FacetValue, page_size: int, common: dict,
             gettext: Callable[[str], str]) -> list[PageSpec]:
    pages = max(1, math.ceil(len(value.cases) / page_size))
    uris = listing_uris(facet.name, value.key, pages)
    templates = facet.spec.templates("listing")
    specs = []
    for number in range(1, pages + 1):
        chunk = value.cases[(number - 1) * page_size: number * page_size]
        title = value.label if number == 1 else gettext("%(label)s (page %(number)d)") % {
            "label": value.label, "number": number}
        context = {**common, "facet": facet, "value": value, "cases": chunk,
                   "pagination": Pagination(number, pages, uris), "start": (number - 1) * page_size,
                   "templates": templates}
        specs.append(PageSpec(uris[number - 1], title, PER_FACET, context))
    return specs


def explore_data(facets: dict[str, Facet], language: str = "en") -> dict[str, Any]:
    """What the Explore page's script reads: the facets it offers as check boxes, in order,
    each with its values in the order shown ([key, label, parent key]: a sub-region under
    its region), and the label of each value of every search filter, in key order."""
    filters = [facet for facet in facets.values() if facet.spec.filter]
    shown = []
    for facet in filters:
        if facet.spec.explore:
            values = facet.values
            if facet.spec.explore_order:
                values = sorted(values, key=collated(facet.spec.explore_order, language))
            shown.append({"name": facet.spec.filter, "title": facet.spec.explore,
                          "values": [[v.key, v.label, v.parent] for v in values]})
    return {
        "facets": shown,
        "labels": {facet.spec.filter: {v.key: v.label
                                       for v in sorted(facet.values, key=lambda v: v.key)}
                   for facet in filters},
    }


def matchmaking(cases: Sequence[Case], language: str = "en") -> list[Case]:
    """Practices that other countries asked to learn from or have adapted, by sharing country."""
    rows = [c for c in cases if c.interested_countries or c.adapted_in]
    key = collation.sort_key(language)
    return sorted(rows, key=lambda c: (key(countries.name_of(c.places[0], language)),
                                       key(c.title), c.slug))


def world_map(cases: Sequence[Case], language: str = "en") -> worldmap.WorldMap:
    # once per country: a case naming a country and one of its subdivisions counts once
    counts = Counter(code for case in cases for code in {country_of(c) for c in case.places})
    return worldmap.choropleth(dict(counts),
                               names={c: countries.name_of(c, language) for c in counts})


def home_context(cases: Sequence[Case], facets: dict[str, Facet],
                 licence: str, language: str = "en") -> dict[str, Any]:
    """Headline counts, SDG tiles, cases per UN region (for the bar chart), newest cases."""
    lookup = Lookup(language)
    regions = [(v.label, len(v.cases), v.key) for v in facets["regions"].values
               if v.extra["kind"] == "region"]
    regions.sort(key=lambda r: (-r[1], collation.sort_key(language)(r[0])))
    widest = max((n for _, n, _ in regions), default=1)
    goals = {int(v.key): len(v.cases) for v in facets["sdgs"].values}
    themes_used = sum(1 for v in facets["themes"].values if v.cases)
    newest = sorted(cases, key=lambda c: (c.added, c.slug), reverse=True)[:NEWEST]
    return {
        "cs": lookup, "licence": licence, "cs_language": language,
        "counts": {"cases": len(cases),  # countries only asked to adapt a practice: not counted
                   "countries": sum(1 for v in facets["countries"].values if v.cases),
                   "themes": themes_used},
        "sdg_tiles": [(lookup.goal(n), goals.get(n, 0)) for n in vocabularies.goals()],
        "region_bars": [{"label": label, "count": n, "key": key, "share": n / widest}
                        for label, n, key in regions],
        "newest": newest,
    }


def download_pages(downloads: list, open_data: list, licence: str,
                   languages: Sequence[str]) -> list[PageSpec]:
    """/download/ in each language: the editions found in dist/ and the open-data files."""
    return [PageSpec(f"{_prefix(language, languages)}download.md",
                     i18n.translations(language).gettext("Download"), "caseshelf/download.html",
                     {"downloads": downloads, "open_data": open_data, "licence": licence,
                      "cs": Lookup(language), "cs_language": language})
            for language in languages]


def _prefix(language: str, languages: Sequence[str]) -> str:
    """Where a language's pages are: the first at the root, each other under /<lang>/."""
    return "" if language == languages[0] else f"{language}/"


def plan_languages(cases: Sequence[Case], languages: Sequence[str], *, page_size: int,
                   related_count: int, licence: str, downloads: Sequence = ()
                   ) -> tuple[list[PageSpec], dict[str, dict]]:
    """Every generated page in every language, and each language's home page context by
    the home page's path: the first language's at the root, each other's under /<lang>/.
    Related cases are found once, from the cases as written. `downloads` are the editions
    found in dist/ (editions.downloads): each region's page links its PDF compendium."""
    related = related_cases(cases, related_count)
    specs: list[PageSpec] = []
    homes: dict[str, dict] = {}
    for language in languages:
        prefix = _prefix(language, languages)
        local = [localised(case, language) for case in cases]
        facets = build_facets(local, language)
        compendiums = {file.part: file for download in downloads
                       if download.edition.key == "pdf" for file in download.files
                       if file.part and file.language == language}
        planned = plan_site(local, facets, page_size=page_size, related=related,
                            licence=licence, language=language, compendiums=compendiums,
                            gettext=i18n.translations(language).gettext)
        for spec in planned:
            spec.src_uri = prefix + spec.src_uri
        # each language's case pages, then its browse pages (the engine writes pages in this
        # order): the search index takes in a language's pages as they are written and
        # finishes it while the next language's pages render
        specs += sorted(planned, key=lambda spec: spec.case is None)
        homes[f"{prefix}index.md"] = home_context(local, facets, licence, language)
    collation.forget()  # the keys every language shared, let go before the pages render
    return specs, homes


def edit_url(repo_url: str | None, edit_uri: str | None, case_path: str,
             root: Path) -> str | None:
    """The repository's edit page of a case file; `root` is the repository's folder."""
    if not repo_url:
        return None
    relative = Path(os.path.relpath(case_path, root)).as_posix()
    branch = "main"
    parts = (edit_uri or "").strip("/").split("/")
    if len(parts) >= 2 and parts[0] in ("edit", "blob"):
        branch = parts[1]
    return f"{repo_url.rstrip('/')}/edit/{branch}/{relative}"
