"""Small text helpers that the rules, the commands and the site share: slugs, visible text,
web addresses, the country of a subdivision code, positions in a text, the listing order."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

MAX_SLUG = 80


def slugify(text: str) -> str:
    """A slug from a title or file name: 'Project Rangeet!' -> 'project-rangeet'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short_slug(text: str) -> str:
    """slugify(text), cut to MAX_SLUG characters without a trailing hyphen."""
    return slugify(text)[:MAX_SLUG].rstrip("-")


def has_visible_text(text: str) -> bool:
    """True if some character is a letter, digit, punctuation or symbol (not only spaces,
    format characters such as zero-width or direction marks, controls or lone accents)."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)


def is_web_address(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not re.search(r"\s", url)


def country_of(code: str) -> str:
    """The ISO 3166-1 country of a country or subdivision code: 'UA-21' -> 'UA'."""
    return code.split("-", 1)[0]


def line_col(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    """The 1-based line and column of an offset in text that starts on first_line."""
    line = first_line + text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def title_order(case) -> tuple[str, str]:
    """The listing order of cases: by title, then slug, so it is stable from build to build."""
    return case.title.casefold(), case.slug
