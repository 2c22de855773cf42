"""The one case model: a validated case file as plain, typed data.

Only the checker builds `Case` objects, and only from front-matter that passed the schema
and the rules, so everything here can trust its input. Nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import vocabularies


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Source:
    body: str
    title: str
    url: str | None = None
    date: str | None = None
    licence: str | None = None


@dataclass(frozen=True)
class Case:
    """One case study. `sdgs` holds goals ("16") and targets ("16.6") as text. `groupings`
    holds the keys of the regional bodies the case names (CARICOM); a case that names one
    may leave `countries` empty."""

    slug: str
    path: str
    title: str
    summary: str
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    sdgs: tuple[str, ...]
    source: Source
    added: dt.date
    body: str
    year: int | None = None
    level_of_government: str | None = None
    status: str | None = None
    organisations: tuple[str, ...] = ()
    innovation_facets: tuple[str, ...] = ()
    interested_countries: tuple[str, ...] = ()
    adapted_in: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str = "en"
    awards: tuple[str, ...] = ()
    links: tuple[Link, ...] = field(default=())
    groupings: tuple[str, ...] = ()

    @property
    def goals(self) -> tuple[int, ...]:
        """The SDG goals the case touches, including those of its targets, in order."""
        return tuple(sorted({int(s.split(".")[0]) for s in self.sdgs}))

    @property
    def places(self) -> tuple[str, ...]:
        """The countries written, then the members of the regional bodies named, once each."""
        members = (c for key in self.groupings for c in vocabularies.members_of(key))
        return tuple(dict.fromkeys((*self.countries, *members)))

    @property
    def regions(self) -> tuple[str, ...]:
        """UN M49 regions (Africa, Asia, …), derived from the countries and the members of
        the regional bodies, never written."""
        found = {r.region for c in self.places if (r := vocabularies.region_of(c)) and r.region}
        return tuple(sorted(found))

    @property
    def subregions(self) -> tuple[str, ...]:
        """UN M49 sub-regions (South-eastern Asia, …), derived as the regions are."""
        found = {r.subregion for c in self.places
                 if (r := vocabularies.region_of(c)) and r.subregion}
        return tuple(sorted(found))

    @classmethod
    def from_data(cls, slug: str, path: str, data: dict, body: str) -> Case:
        """Build a case from front-matter that has passed validation."""
        source = data["source"]
        lists = ("organisations", "innovation_facets", "interested_countries", "adapted_in",
                 "tags", "awards", "groupings")
        return cls(
            slug=slug,
            path=path,
            title=data["title"],
            summary=" ".join(data["summary"].split()),
            countries=tuple(data.get("countries", ())),
            themes=tuple(data["themes"]),
            sdgs=tuple(str(s).strip() for s in data["sdgs"]),
            source=Source(**{k: str(v) for k, v in source.items()}),
            added=dt.date.fromisoformat(data["added"]),
            body=body,
            year=data.get("year"),
            level_of_government=data.get("level_of_government"),
            status=data.get("status"),
            language=data.get("language", "en"),
            links=tuple(Link(**link) for link in data.get("links", ())),
            **{name: tuple(data.get(name, ())) for name in lists},
        )

    def translation(self, language: str):  # placeholder until translated cases land
        return None
