"""Which way a language is written, from CLDR's data as Babel ships it."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from babel import Locale, UnknownLocaleError

from ..cases.model import Case


@cache
def direction(tag: str) -> str:
    """"rtl" for a language written right to left (ar, he, fa, ur, ckb, ps…), else "ltr".
    A tag CLDR does not know (a valid but rare BCP 47 tag) is taken as left to right."""
    try:
        locale = Locale.parse(tag.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def is_language(tag: str) -> bool:
    """Whether a tag names a language CLDR knows ('fr', 'zh-Hans'), not only a well-formed
    tag ('xx' is well formed but names none)."""
    try:
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


@cache
def autonym(tag: str) -> str:
    """A language's name in itself, as a language menu shows it: 'Français', 'العربية'."""
    name = Locale.parse(tag, sep="-").get_display_name(Locale.parse(tag, sep="-")) or tag
    return name[:1].upper() + name[1:]


def localised(case: Case, language: str) -> Case:
    """A case as a page in `language` shows it: its translation's title, summary, body and
    organisation names where it has one (`language` and `path` are then the translation's:
    its edit link and `serve --dirty` follow that file), else the case as written.
    Everything else, and so every facet, is the original's."""
    translation = case.translation(language)
    if translation is None:
        return case
    source = case.source
    if translation.source_title:
        source = replace(source, title=translation.source_title)
    return replace(case, title=translation.title, summary=translation.summary,
                   body=translation.body, language=translation.language, source=source,
                   path=translation.path,
                   organisations=translation.organisations or case.organisations)


HTML_START = re.compile(r'<html lang="([^"]+)"')


def with_direction(html: str) -> str:
    """A page with dir="rtl" on its <html> when its language is written right to left:
    Material puts dir on <body> only, which leaves the <title> and what checkers read of the
    document left to right (vnu: "consider adding dir="rtl" to the html start tag")."""
    found = HTML_START.search(html, 0, 300)
    if not found or direction(found[1]) == "ltr":
        return html
    return f'{html[:found.end()]} dir="rtl"{html[found.end():]}'
