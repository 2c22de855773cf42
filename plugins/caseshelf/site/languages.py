"""Which way a language is written, from CLDR's data as Babel ships it."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError


@cache
def direction(tag: str) -> str:
    """"rtl" for a language written right to left (ar, he, fa, ur, ckb, ps…), else "ltr".
    A tag CLDR does not know (a valid but rare BCP 47 tag) is taken as left to right."""
    try:
        locale = Locale.parse(tag.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
