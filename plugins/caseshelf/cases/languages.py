"""Languages: `language` read as a BCP 47 tag with langcodes, and the recommended section
headings in each language, from data/section_headings.yml."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import langcodes
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
    names from CLDR; None if no language has that name."""
    try:
        return langcodes.find(text).to_tag()
    except (LookupError, LanguageTagError, ValueError):
        return None
