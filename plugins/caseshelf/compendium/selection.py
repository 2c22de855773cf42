"""Which cases a compendium holds: `--region`, `--country`, `--theme` and `--sdg`, each
narrowing the collection (several values of one option: a case with any of them), read from
what a person types, with a "did you mean" when a value names nothing."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..cases import countries, vocabularies
from ..cases.model import Case
from ..cases.text import country_of, slugify


class SelectionError(ValueError):
    """An option names no region, country, theme, SDG or language: a usage error."""


def _loose(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def _choose(option: str, text: str, names: dict[str, str]) -> str:
    """The value `text` names, from {loose name: value}; else SelectionError with the
    closest names."""
    found = names.get(_loose(text))
    if found is not None:
        return found
    close = difflib.get_close_matches(_loose(text), list(names), n=1, cutoff=0.6)
    hint = f"; did you mean {names[close[0]]!r}?" if close else ""
    raise SelectionError(f"--{option} {text!r} names no {option} caseshelf knows{hint}")


def _region_names() -> dict[str, str]:
    """Every UN region and sub-region, by its name in the UN languages and its slug."""
    english = {name for r in vocabularies.regions().values()
               for name in (r.region, r.subregion) if name}
    names = {}
    for name in sorted(english):
        names[_loose(slugify(name))] = name
        for written in vocabularies.region_names().get(name, {name: name}).values():
            names[_loose(written)] = name
    return names


def _theme_names() -> dict[str, str]:
    return {_loose(written): slug for slug, labels in vocabularies.theme_labels().items()
            for written in (slug, *labels.values())}


_SDG = re.compile(r"(?:sdg|goal)?\s*(\d{1,2})", re.IGNORECASE)


def _goal(text: str) -> int:
    found = _SDG.fullmatch(text.strip())
    if found and int(found[1]) in vocabularies.goals():
        return int(found[1])
    raise SelectionError(f"--sdg {text!r} is not a Sustainable Development Goal: give its "
                         f"number, 1 to {len(vocabularies.goals())}")


def _country(text: str) -> str:
    code = countries.code_for(text)
    if code is None:
        guessed = countries.guess(text)
        hint = f"; did you mean {guessed} ({countries.name_of(guessed)})?" if guessed else ""
        raise SelectionError(f"--country {text!r} names no country caseshelf knows (give its "
                             f"ISO code or its name){hint}")
    return code


@dataclass(frozen=True)
class Selection:
    """What goes in: regions and sub-regions by their English M49 names, countries by ISO
    code, themes by slug, goals by number; an empty option lets every case through."""

    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()

    @classmethod
    def parse(cls, *, regions: Iterable[str] = (), countries: Iterable[str] = (),
              themes: Iterable[str] = (), sdgs: Iterable[str] = ()) -> Selection:
        """The selection typed on the command line; SelectionError names the first value
        that names nothing."""
        region_names, theme_names = _region_names(), _theme_names()
        return cls(
            regions=tuple(dict.fromkeys(_choose("region", r, region_names) for r in regions)),
            countries=tuple(dict.fromkeys(_country(c) for c in countries)),
            themes=tuple(dict.fromkeys(_choose("theme", t, theme_names) for t in themes)),
            sdgs=tuple(dict.fromkeys(_goal(s) for s in sdgs)),
        )

    @property
    def whole(self) -> bool:
        return not (self.regions or self.countries or self.themes or self.sdgs)

    def holds(self, case: Case) -> bool:
        if self.regions and not set(self.regions) & {*case.regions, *case.subregions}:
            return False
        if self.countries and not self._countries_of(case) & set(self.countries):
            return False
        if self.themes and not set(self.themes) & set(case.themes):
            return False
        return not self.sdgs or bool(set(self.sdgs) & set(case.goals))

    @staticmethod
    def _countries_of(case: Case) -> set[str]:
        """A case's places and the countries of its subdivisions: --country UA takes in a
        case in UA-21, --country UA-21 that case alone."""
        return {*case.places, *(country_of(code) for code in case.places)}

    def of(self, cases: Sequence[Case]) -> list[Case]:
        return [case for case in cases if self.holds(case)]

    def labels(self, language: str) -> list[str]:
        """Each option's values named in `language`: ["Asia", "Health"] ("Asia · Health"
        on the cover); none for the whole collection."""
        parts = [", ".join(vocabularies.region_name(r, language) for r in self.regions),
                 ", ".join(countries.name_of(c, language) for c in self.countries),
                 ", ".join(vocabularies.theme_label(t, language) for t in self.themes),
                 ", ".join(f"{n}. {vocabularies.goal_name(n, language)}" for n in self.sdgs)]
        return [part for part in parts if part]

    def slug(self) -> str:
        """A file name's part for the selection: 'asia-health'; '' for the whole collection."""
        parts = [*(slugify(r) for r in self.regions), *(c.lower() for c in self.countries),
                 *self.themes, *(f"sdg-{n}" for n in self.sdgs)]
        return "-".join(parts)


def language_of(text: str | None, languages: Sequence[str]) -> str:
    """The site language `--language` names (its tag, any case), the site's first if none."""
    if text is None:
        return languages[0]
    for language in languages:
        if language.casefold() == text.strip().casefold():
            return language
    close = difflib.get_close_matches(text.casefold(), list(languages), n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise SelectionError(f"--language {text!r} is not one of the site's languages "
                         f"({', '.join(languages)}){hint}")
