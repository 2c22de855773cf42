"""ISO 3166 country codes: is a code valid, and which code does a written name mean.

Names are written as they appear in source documents ("The Kingdom of Thailand",
"Government of the People's Republic of Bangladesh"), so a name is tried as written,
then without its leading article or "Government of", then without "Republic of"-style
words. pycountry knows official long forms; `data/country_aliases.yml` adds the rest.
"""

from __future__ import annotations

import difflib
import re
from functools import cache

import pycountry

from .vocabularies import country_aliases

_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:government\s+of\s+)?(?:the\s+)?", re.IGNORECASE)
_STYLE = re.compile(
    r"^(?:(?:republic|kingdom|federal|democratic|people'?s|state|independent|of|the)\s+)+",
    re.IGNORECASE,
)


def is_valid(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code (KZ) or an ISO 3166-2 subdivision code (UA-21)."""
    if code != code.upper():
        return False
    if "-" in code:
        return pycountry.subdivisions.get(code=code) is not None
    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def name_of(code: str) -> str:
    """A reader's name for a valid code: 'Kazakhstan', 'Zakarpatska oblast (Ukraine)'."""
    if "-" in code:
        sub = pycountry.subdivisions.get(code=code)
        return f"{sub.name} ({name_of(sub.country_code)})"
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


@cache
def code_for(text: str) -> str | None:
    """The one ISO code a written name or code stands for, or None if it is not certain.

    This is what `fix` rewrites: alpha-3 codes, lower-case codes, official and
    common names, and the aliases in the data file.
    """
    written = " ".join(text.split())
    bare = _GOVERNMENT.sub("", written)
    for candidate in (written, bare, _STYLE.sub("", bare)):
        if not candidate:
            continue
        if candidate.casefold() in country_aliases():
            return country_aliases()[candidate.casefold()]
        if "-" in candidate and is_valid(candidate.upper()):
            return candidate.upper()
        try:
            return pycountry.countries.lookup(candidate).alpha_2
        except LookupError:
            continue
    return None


@cache
def _names() -> dict[str, str]:
    names = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if hasattr(country, attr):
                names[getattr(country, attr).casefold()] = country.alpha_2
    names.update(country_aliases())
    return names


@cache
def guess(text: str) -> str | None:
    """A likely code for a misspelt name or a subdivision name, offered only as a hint."""
    certain = code_for(text)
    if certain:
        return certain
    try:
        return pycountry.subdivisions.lookup(text.strip()).code
    except LookupError:
        pass
    plain = " ".join(w for w in text.split() if not _STYLE.fullmatch(w + " "))
    if plain and plain != text.strip():  # style words anywhere: "India Republic" -> "India"
        try:
            return pycountry.countries.lookup(plain).alpha_2
        except LookupError:
            pass
    match = difflib.get_close_matches(text.strip().casefold(), _names(), n=1, cutoff=0.8)
    return _names()[match[0]] if match else None
