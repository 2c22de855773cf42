"""Numbers and dates as a reader of each language writes them (CLDR, through Babel).

'1 234' in French (a narrow no-break space), '1.234' in Spanish, '23 novembre 2026',
'2026年11月23日'. A language Babel does not know falls back to its base language ('fr' for
an unknown 'fr-XX') and then to English.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

ENGLISH = "en"


@cache
def locale_of(language: str) -> Locale:
    """Babel's locale for a BCP 47 tag, its base language's, or English's."""
    tag = language.replace("-", "_")
    for candidate in dict.fromkeys((tag, tag.split("_")[0])):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(ENGLISH)


def number(n: int | float | Decimal, language: str) -> str:
    """A number with the language's grouping and decimal signs: number(12345, 'fr') is
    '12\u202f345'. Digits are the Latin ones in every language, Arabic too, as the United
    Nations' Arabic pages write them (and as the rest of the site does)."""
    return format_decimal(n, locale=locale_of(language), numbering_system="latn")


def date(d: datetime.date | str, language: str) -> str:
    """A date written out in full: '23 novembre 2026', 'November 23, 2026', '2026年11月23日'.
    `d` is a date or an ISO 8601 date ('2026-11-23')."""
    if isinstance(d, str):
        d = datetime.date.fromisoformat(d)
    return format_date(d, format="long", locale=locale_of(language))
