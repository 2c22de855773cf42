"""Numbers and dates as the reader's language writes them (Babel). Placeholder."""

from __future__ import annotations

from babel.numbers import format_decimal


def number(n: int, language: str) -> str:
    return format_decimal(n, locale=language.replace("-", "_"))
