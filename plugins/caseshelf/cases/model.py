"""The one case model: a validated case file as plain, typed data.

Only the checker builds `Case` objects, and only from front-matter that passed the schema
and the rules, so everything here can trust its input. Nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import langcodes

from . import vocabularies

HASH_LENGTH = 12  # hex digits of a case's text hash: enough to tell versions apart, short to read


def text_hash(title: str, summary: str, body: str) -> str:
    """The hash a translation records of its original's text (`translated_from`): the title,
    the summary and the body, with line endings, the summary's spacing and the outer spaces
    made plain, so that only a change a reader could see makes a new hash."""
    parts = (title.strip(), " ".join(summary.split()),
             body.replace("\r\n", "\n").replace("\r", "\n").strip())
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return digest[:HASH_LENGTH]


def plain_spacing(text: str) -> str:
    """A summary as one line: its line breaks and runs of spaces made one space, as YAML
    folds them. A no-break space (before a French ';') is the writer's and is kept."""
    return " ".join(re.split(r"[ \t\r\n]+", text.strip(" \t\r\n")))


def primary_subtag(tag: str) -> str:
    """The language of a tag, without script or region: 'zh-Hans' -> 'zh'."""
    return tag.split("-", 1)[0].casefold()


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
class Translation:
    """A case's texts in another language, from `cases/<slug>.<language>.md`: what a
    translator writes. Every facet (countries, themes, dates, …) is the original's."""

    language: str  # a BCP 47 tag in its usual form, from the file name: 'fr', 'zh-Hans'
    path: str
    title: str
    summary: str
    body: str
    organisations: tuple[str, ...] = ()  # translated names, in the original's order
    source_title: str | None = None
    translator: str | None = None
    reviewed: bool = False
    translated_from: str | None = None  # the original's text_hash when it was translated
    written: tuple[str, ...] = ()  # the front-matter's fields as the file has them, in order

    @classmethod
    def from_data(cls, language: str, path: str, data: dict, body: str) -> Translation:
        """Build a translation from front-matter that has passed validation."""
        source = data.get("source") or {}
        return cls(
            language=language,
            path=path,
            title=data["title"],
            summary=plain_spacing(data["summary"]),
            body=body,
            organisations=tuple(data.get("organisations", ())),
            source_title=source.get("title"),
            translator=data.get("translator"),
            reviewed=data.get("reviewed", False),
            translated_from=data.get("translated_from"),
            written=tuple(data),
        )


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
    translations: tuple[Translation, ...] = ()  # sorted by language
    # the front-matter's fields as the file has them, in order: the others are defaults
    written: tuple[str, ...] = ()

    @property
    def text_hash(self) -> str:
        """The hash of the title, summary and body that an up-to-date translation records."""
        return text_hash(self.title, self.summary, self.body)

    def translation(self, language: str) -> Translation | None:
        """The translation to show a reader of `language`: the one in that very tag, else
        one in the same language whatever its script or region (a site in 'zh' finds
        'zh-Hans', one in 'fr-CA' finds 'fr'), the closest first; None if there is none."""
        wanted = language.casefold()
        for translation in self.translations:
            if translation.language.casefold() == wanted:
                return translation
        same = {t.language: t for t in self.translations
                if primary_subtag(t.language) == primary_subtag(language)}
        if not same:
            return None
        try:
            closest = langcodes.closest_supported_match(language, list(same), max_distance=100)
        except (ValueError, LookupError):
            closest = None
        return same[closest] if closest else next(iter(same.values()))

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
            summary=plain_spacing(data["summary"]),
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
            written=tuple(data),
            **{name: tuple(data.get(name, ())) for name in lists},
        )
