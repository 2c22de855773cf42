"""ISO 3166 country codes: is a code valid, which code does a written name mean, and what is a
code's name for a reader.

Names are written as they appear in source documents ("The Kingdom of Thailand",
"Government of the People's Republic of Bangladesh", "Korea, Rep.", "Federación de Rusia",
"中国"), so a name is tried as written, then without its leading article or "Government of",
then without "Republic of"-style words. country_names.py knows every country's names in
the six UN languages and Portuguese; `data/country_aliases.yml` adds the rest. A country's
own name never resolves to one of its subdivisions ("México" is MX, not MX-MEX).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import pycountry

from . import country_names
from .text import country_of
from .vocabularies import (
    ENGLISH,
    base_language,
    country_aliases,
    m49_names,
    other_places,
    place_names,
    regions,
)

if TYPE_CHECKING:
    from .front_matter import FrontMatter

_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:government\s+of\s+)?(?:the\s+)?", re.IGNORECASE)
_STYLE = re.compile(
    r"^(?:(?:republic|kingdom|federal|democratic|people'?s|state|independent|of|the)\s+)+",
    re.IGNORECASE,
)
MAX_PARTS = 3  # the most items a comma splits a known name into ('Korea, Dem. People's Rep.')


@lru_cache(maxsize=8192)  # the same codes come back in every case
def is_valid(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code (KZ), an ISO 3166-2 subdivision code (UA-21), or
    a code caseshelf accepts for a place ISO does not list (XK, in data/other_codes.yml)."""
    if code != code.upper():
        return False
    if "-" in code:
        return pycountry.subdivisions.get(code=code) is not None
    return len(code) == 2 and (pycountry.countries.get(alpha_2=code) is not None
                               or code in other_places())


def name_of(code: str, language: str = ENGLISH) -> str:
    """A reader's name for a valid code: 'Kazakhstan', 'Seoul (South Korea)',
    'State of Palestine', 'Kosovo'; in another UN language, the UN M49 name ('Kazakhstan'
    in French, 'Казахстан' in Russian, 'Seoul (République de Corée)'), or the English name
    where M49 has none (XK, TW). A subdivision keeps its ISO 3166-2 name."""
    if "-" in code:
        country = name_of(country_of(code), language)
        return f"{country_names.subdivision_name(code)} ({country})"
    if base_language(language) != ENGLISH:
        local = m49_names().get(code, {}).get(base_language(language))
        if local:
            return local
    if code in place_names():
        return place_names()[code]
    if code in other_places():
        return other_places()[code].name
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


@cache
def _aliases() -> dict[str, str]:
    return {country_names.loose(name): code for name, code in country_aliases().items()}


@cache
def code_for(text: str) -> str | None:
    """The one ISO code a written name or code stands for, or None if it is not certain.

    This is what `fix` rewrites: alpha-3 codes, lower-case codes, names in the UN languages
    and Portuguese (official, common, UN and World Bank forms), and the aliases in the data
    file.
    """
    written = " ".join(text.split())
    bare = _GOVERNMENT.sub("", written)
    styled = _STYLE.sub("", bare)
    for candidate in dict.fromkeys((written, bare, styled)):
        if not candidate:
            continue
        if candidate is styled and candidate != bare and _drops_a_distinction(candidate):
            return None  # "Democratic Republic of Congo" is not "Congo"
        if candidate.casefold() in country_aliases():
            return country_aliases()[candidate.casefold()]
        if is_valid(candidate.upper()) and (len(candidate) == 2 or "-" in candidate):
            return candidate.upper()
        found = country_names.country(candidate)
        if found and country_names.also_names_a_subdivision(candidate, found):
            return None  # "Granada": Grenada in Spanish, or the Spanish province?
        found = found or _aliases().get(country_names.loose(candidate))
        if found:
            return found
        try:
            return pycountry.countries.lookup(candidate).alpha_2  # alpha-3 and numeric codes
        except LookupError:
            continue
    return None


@cache
def _styled_names() -> dict[str, set[str]]:
    """{name without its "Republic of"-style words: codes} for the names that have them."""
    styled: dict[str, set[str]] = {}
    for name, code in (*country_names.country_names(), *country_aliases().items()):
        short = _STYLE.sub("", name)
        if short != name:
            styled.setdefault(country_names.loose(short), set()).add(code)
    return styled


def _drops_a_distinction(short: str) -> bool:
    """True if dropping style words from a name could lead to more than one country:
    "Congo" is left of both "Republic of the Congo" and "Democratic Republic of the Congo"."""
    return len(_styled_names().get(country_names.loose(short), ())) > 1


@cache
def guess(text: str) -> str | None:
    """A likely code for a misspelt name or a subdivision name, offered only as a hint.
    A country's name is never taken for one of its subdivisions."""
    certain = code_for(text)
    if certain:
        return certain
    plain = " ".join(w for w in text.split() if not _STYLE.fullmatch(w + " "))
    if plain and plain != text.strip() and not _drops_a_distinction(plain):
        found = country_names.country(plain)  # style words anywhere: "India Republic"
        if found:
            return found
    found = country_names.subdivision(text)
    if found:
        return found
    if country_names.loose(text) in _region_names():
        return None  # "Africa" is not a misspelt "Sudáfrica"
    names = {**country_names.fuzzy_keys(), **_aliases()}
    matches = {names[m] for m in difflib.get_close_matches(country_names.loose(text), names,
                                                           n=3, cutoff=0.8)}
    return matches.pop() if len(matches) == 1 else None  # "Virgin Islands": VG or VI


@cache
def _region_names() -> frozenset[str]:
    """The UN M49 regions, sub-regions and intermediate regions, loosely."""
    return frozenset(country_names.loose(name) for r in regions().values()
                     for name in (r.region, r.subregion, r.intermediate) if name)


def join_split_names(values: Sequence[Any], lines: Sequence[int]) -> list[tuple[int, Any]]:
    """(index of its first item, value) for each value of a list, with a known name that
    holds a comma joined back when YAML split it into items on one line: in
    `[Hong Kong, China, KZ]` 'Hong Kong, China' is one name. Items on separate lines (a
    block list) are never joined, nor are values that are valid codes."""
    joined: list[tuple[int, Any]] = []
    index = 0
    while index < len(values):
        for size in range(min(MAX_PARTS, len(values) - index), 1, -1):
            parts = values[index:index + size]
            if (all(isinstance(p, str) and not is_valid(p) for p in parts)
                    and len(set(lines[index:index + size])) == 1
                    and _is_comma_name(", ".join(parts))):
                joined.append((index, ", ".join(parts)))
                index += size
                break
        else:
            joined.append((index, values[index]))
            index += 1
    return joined


def codes_in(texts: Sequence[str]) -> list[str]:
    """Codes for countries written as comma-separated text, one text per line or option
    ('Hong Kong, China, Kazakhstan' -> HK, KZ); what is not certain is kept as written."""
    parts = [(number, part.strip()) for number, text in enumerate(texts)
             for part in text.split(",") if part.strip()]
    joined = join_split_names([part for _, part in parts], [number for number, _ in parts])
    return [code_for(value) or value for _, value in joined]


def _is_comma_name(text: str) -> bool:
    return country_names.has_comma(text) or country_names.loose(text) in _comma_aliases()


@cache
def _comma_aliases() -> frozenset[str]:
    return frozenset(country_names.loose(name) for name in country_aliases() if "," in name)


def rejoined(fm: FrontMatter, field: str) -> list[tuple[int, Any]]:
    """join_split_names() for a list field of the front-matter, [] if it is not a list."""
    values = fm.data.get(field) if isinstance(fm.data, dict) else None
    if not isinstance(values, list):
        return []
    lines = [fm.where((field, index))[0] for index in range(len(values))]
    return join_split_names(values, lines)
