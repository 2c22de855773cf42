"""Every name a country is written by, in the six UN languages and Portuguese, and the names
of subdivisions, each keyed for matching as people write them.

The names come from pycountry (ISO 3166 names and its gettext catalogs of their
translations) and from the data files: the UN M49 names in six languages, the World Bank's
names, and places outside ISO 3166-1 (XK). A name that stands for two places, in any
language, stands for neither: such names are dropped, so what matches has one answer.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache

import pycountry

from . import vocabularies

# pycountry's catalogs of ISO 3166-1 for Arabic, Chinese (simplified and traditional),
# French, Portuguese, Russian and Spanish; the English names are ISO's own
LANGUAGES = ("ar", "es", "fr", "pt", "pt_BR", "ru", "zh_CN", "zh_HK", "zh_TW")
_ATTRIBUTES = ("name", "official_name", "common_name")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-",
                         "–": "-", "—": "-", "ـ": None})
# Arabic and Persian letter forms written for one another: ى for ي, ک for ك, ی for ي
_LETTERS = str.maketrans({"ى": "ي", "ی": "ي", "ک": "ك"})
_NOT_WORD = re.compile(r"[\W_]+")
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")


def exact(text: str) -> str:
    """A name as written, in one case and one form: 'Côte d’Ivoire' -> "côte d'ivoire"."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


def loose(text: str) -> str:
    """A name without accents, marks or punctuation: 'Côte d’Ivoire' -> 'cote d ivoire',
    'الأردن' and 'الاردن' alike, 'U.S.' -> 'u s'."""
    decomposed = unicodedata.normalize("NFKD", exact(text)).translate(_LETTERS)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFC", bare)).split())


def _unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{key: code} for the keys that stand for one code only."""
    codes: dict[str, set[str]] = defaultdict(set)
    for key, code in pairs:
        if key:
            codes[key].add(code)
    return {key: found.pop() for key, found in codes.items() if len(found) == 1}


def _catalogs(domain: str) -> Iterator[gettext.NullTranslations]:
    for language in LANGUAGES:
        try:
            yield gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
        except OSError:  # a pycountry without this language
            continue


@cache
def country_names() -> tuple[tuple[str, str], ...]:
    """(name, code) for every name of every country, from every source."""
    iso = [(getattr(c, attr), c.alpha_2) for c in pycountry.countries
           for attr in _ATTRIBUTES if hasattr(c, attr)]
    translated = [(catalog.gettext(name), code)
                  for catalog in _catalogs("iso3166-1") for name, code in iso]
    m49 = [(name, code) for code, names in vocabularies.m49_names().items()
           for name in names.values()]
    others = [(name, code) for code, place in vocabularies.other_places().items()
              for name in (place.name, *place.names)]
    world_bank = list(vocabularies.world_bank_names().items())
    return tuple(dict.fromkeys(iso + translated + m49 + world_bank + others))


@cache
def _exact_index() -> dict[str, str]:
    return _unique((exact(name), code) for name, code in country_names())


@cache
def _loose_index() -> dict[str, str]:
    return _unique((loose(name), code) for name, code in country_names())


@cache
def _comma_index() -> dict[str, str]:
    return _unique((loose(name), code) for name, code in country_names() if "," in name
                   or "،" in name)


def country(text: str) -> str | None:
    """The code of a country name in any of the languages, or None (unknown or ambiguous)."""
    return _exact_index().get(exact(text)) or _loose_index().get(loose(text))


def also_names_a_subdivision(text: str, code: str) -> bool:
    """True if a country's name, in a language other than English, is also the name of a
    subdivision elsewhere: 'Granada' is Grenada in Spanish and a province of Spain. Such a
    name is not certain. A subdivision of the country itself (México) or one that is the same
    territory (FR-NC, New Caledonia) does not count."""
    key = loose(text)
    if key in _english()[code]:
        return False
    return any(country != code and suffix != code
               for country, suffix in _subdivisions_named().get(key, ()))


@cache
def _english() -> dict[str, frozenset[str]]:
    """{code: its English names, loosely}: ISO's, the UN's, the World Bank's."""
    names: dict[str, set[str]] = defaultdict(set)
    english = (*((getattr(c, a), c.alpha_2) for c in pycountry.countries for a in _ATTRIBUTES
                 if hasattr(c, a)),
               *((n["en"], code) for code, n in vocabularies.m49_names().items()),
               *vocabularies.world_bank_names().items(),
               *((p.name, code) for code, p in vocabularies.other_places().items()))
    for name, code in english:
        names[code].add(loose(name))
    return defaultdict(frozenset, {code: frozenset(found) for code, found in names.items()})


@cache
def _subdivisions_named() -> dict[str, set[tuple[str, str]]]:
    """{loose subdivision name: {(its country's code, the last part of its code)}}."""
    named: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        for form in (sub.name, _BRACKETS.sub("", sub.name)):
            named[loose(form)].add((sub.country_code, sub.code.split("-", 1)[1]))
    return named


def has_comma(text: str) -> bool:
    """True if text is a known country name that holds a comma ('Korea, Rep.')."""
    return loose(text) in _comma_index()


def is_country_name(text: str) -> bool:
    """True if text is, loosely, some country's name, even an ambiguous one."""
    return loose(text) in _all_loose()


@cache
def _all_loose() -> frozenset[str]:
    return frozenset(loose(name) for name, _ in country_names())


def subdivision_name(code: str) -> str:
    """The name a reader knows for an ISO 3166-2 subdivision code: 'KR-11' -> 'Seoul'."""
    known = vocabularies.place_names().get(code)
    if known:
        return known
    return _BRACKETS.sub("", pycountry.subdivisions.get(code=code).name).strip()


@cache
def _subdivision_index() -> dict[str, str]:
    """{loose name: subdivision code}: ISO names (each bracketed form too), the English
    names of pycountry's catalog and of the data file; never a name of a country."""
    english = next(_english_catalogs(), gettext.NullTranslations())
    pairs = []
    for sub in pycountry.subdivisions:
        forms = [sub.name, _BRACKETS.sub("", sub.name), english.gettext(sub.name),
                 subdivision_name(sub.code), *re.findall(r"\[([^\]]*)\]", sub.name)]
        pairs += [(loose(form), sub.code) for form in forms]
    return {key: code for key, code in _unique(pairs).items() if key not in _all_loose()}


def _english_catalogs() -> Iterator[gettext.NullTranslations]:
    try:
        yield gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    except OSError:
        return


def subdivision(text: str) -> str | None:
    """The code of a subdivision's name ('Zhejiang', 'Seoul'), unless it names a country."""
    return _subdivision_index().get(loose(text))


@cache
def fuzzy_keys() -> dict[str, str]:
    """{loose name: code} of the unambiguous country names, for 'did you mean'."""
    return _loose_index()
