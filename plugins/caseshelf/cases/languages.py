"""Languages: `language` read as a BCP 47 tag with langcodes, and the recommended section
headings in each language, from data/section_headings.yml."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

import langcodes
import yaml
from langcodes.tag_parser import LanguageTagError

EXAMPLES = "such as en, fr or pt-BR"


class Mistake(StrEnum):
    """What is wrong with a language value. FORM and STANDARD have one right answer (which
    `caseshelf fix` writes); NAME and UNKNOWN are for a person to decide."""

    FORM = "form"  # a valid tag in the wrong case, with '_' or spaces: 'EN', 'pt_BR'
    STANDARD = "standard"  # a code BCP 47 writes otherwise: 'eng' is 'en'
    NAME = "name"  # the name of a language: 'español', '中文', 'French'
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TagProblem:
    mistake: Mistake
    message: str
    tag: str | None  # the tag meant, when it can be told


def _parsed(text: str) -> langcodes.Language | None:
    try:
        return langcodes.Language.get(text, normalize=False)
    except (LanguageTagError, ValueError):
        return None


def _valid(language: langcodes.Language | None) -> bool:
    """A tag whose every subtag IANA registers. langcodes does not check an extended
    language subtag ('fr-fra' passes), and BCP 47 prefers the language's own code to one
    ('yue', not 'zh-yue'), so a tag with one is not taken as it is."""
    return language is not None and language.is_valid() and not language.extlangs


def check_tag(value: str) -> TagProblem | None:
    """None for a valid BCP 47 tag written in its usual form ('en', 'pt-BR', 'zh-Hant');
    otherwise what is wrong, in plain words, and the tag meant if it can be told."""
    text = value.strip()
    language = _parsed(text)
    if _valid(language):
        tag = language.to_tag()
        if tag == value:
            return None
        if "_" in text:
            why = "joins its parts with an underscore; BCP 47 tags use a hyphen, as in pt-BR"
        elif tag == text:
            why = "has spaces around it"
        else:
            why = ("is in the wrong case; BCP 47 tags write the language in lowercase and a "
                   "country in capitals, as in pt-BR")
        return TagProblem(Mistake.FORM, f"the language tag '{value}' {why}", tag)
    if language is not None:
        standard = langcodes.standardize_tag(text)
        if standard != text and _valid(_parsed(standard)):
            return TagProblem(Mistake.STANDARD, f"'{value}' is not how BCP 47 writes this "
                              "language", standard)
    named = _named(text)
    if named:
        return TagProblem(Mistake.NAME, f"'{value}' is the name of a language, not a BCP 47 "
                          f"tag {EXAMPLES}", named)
    return TagProblem(Mistake.UNKNOWN, f"'{value}' is not a BCP 47 language tag {EXAMPLES}",
                      None)


def _named(text: str) -> str | None:
    """The tag of a language named in any language ('español', '中文'), by language_data's
    names from CLDR; None if no language has that name. Only text that could be a name
    (letters, spaces, hyphens, apostrophes; not too long) is looked up: language_data's
    trie fails with a SystemError on some other strings."""
    if len(text) > 60 or not all(ch.isalpha() or ch in " -'’()" for ch in text):
        return None
    try:
        return langcodes.find(text).to_tag()
    except (LookupError, LanguageTagError, ValueError, SystemError):
        return None


@cache
def section_headings() -> dict[str, dict[str, tuple[str, ...]]]:
    """{language tag: {section: its headings, the usual one first}}, from
    data/section_headings.yml."""
    text = resources.files("caseshelf").joinpath("data", "section_headings.yml")
    data = yaml.safe_load(text.read_text(encoding="utf-8"))
    return {tag: {section: tuple(names) for section, names in sections.items()}
            for tag, sections in data.items()}


def heading_key(heading: str) -> str:
    """A heading as it is compared: without accents or other marks, case, extra spaces or a
    colon after it ('Résultats :' and 'resultats' are one heading; 'Извлечённые' is
    'Извлеченные')."""
    decomposed = unicodedata.normalize("NFKD", heading)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split()).rstrip(" :")


@cache
def _sections() -> dict[str, str]:
    return {heading_key(heading): section for sections in section_headings().values()
            for section, headings in sections.items() for heading in headings}


@lru_cache(maxsize=4096)  # the same headings come back in every case
def section_of(heading: str) -> str | None:
    """The recommended section a heading names, in any language ('Défi' -> 'Challenge')."""
    return _sections().get(heading_key(heading))


def heading_language(tag: str) -> str | None:
    """The language whose headings a case in `tag` is expected to use: 'pt-BR' -> 'pt',
    'zh-TW' -> 'zh-Hant'; None when no language with headings is close to it."""
    try:
        return langcodes.closest_supported_match(tag, list(section_headings()), max_distance=10)
    except (LanguageTagError, ValueError):
        return None


def language_name(tag: str) -> str:
    """The English name of a language ('German'), or its tag if it has none."""
    try:
        return langcodes.Language.get(tag).display_name()
    except (LanguageTagError, ValueError, LookupError):
        return tag
