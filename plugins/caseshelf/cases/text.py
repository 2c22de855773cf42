"""Small text helpers that the rules, the commands and the site share: slugs, visible text,
web addresses, the country of a subdivision code, positions in a text, the listing order."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from anyascii import anyascii

MAX_SLUG = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _transliterate(text: str) -> str:
    """ASCII for text in any script, by anyascii: 'Défi' -> 'Defi', '挑战' -> ' Tiao  Zhan ',
    'Вызов' -> 'Vyzov'. Invisible characters (format, control, private use) are dropped
    first, since anyascii spells some of them as letters. A straight apostrophe separates
    words as before ("d'entreprise" -> d-entreprise); the apostrophes anyascii writes for a
    curly quote, a soft sign or an Arabic hamza are dropped, so words stay whole."""
    visible = "".join(
        f" {char} " if unicodedata.name(char, "").startswith("CJK ") else char
        for char in text.replace("'", " ") if unicodedata.category(char)[0] != "C")
    # Chinese is written without spaces: a space around each ideograph keeps its syllables
    # apart ('shu-zi-zheng-fu', not 'shuzizhengfu'), as pinyin readers expect.
    return anyascii(visible).replace("'", "")


def _names(text: str) -> str:
    """The Unicode names of the visible characters of text, for a text that has no letter
    or digit in any script ('!!!', a lone symbol): never a fixed word like 'unnamed'."""
    return " ".join(unicodedata.name(char, f"u{ord(char):04x}") for char in text
                    if unicodedata.category(char)[0] in "LNPS")


def slugify(text: str) -> str:
    """A slug from a title or name in any script: 'Project Rangeet!' -> 'project-rangeet',
    '数字政府' -> 'shu-zi-zheng-fu', 'Défi' -> 'defi'. Empty only for a text with nothing
    visible in it."""
    slug = _NOT_SLUG.sub("-", _transliterate(text).lower()).strip("-")
    return slug or _NOT_SLUG.sub("-", _names(text).lower()).strip("-")


def short_slug(text: str) -> str:
    """slugify(text), at most MAX_SLUG characters, cut between words where it can be."""
    slug = slugify(text)
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[:MAX_SLUG + 1].rpartition("-")[0]  # a word that ends at MAX_SLUG is kept
    return cut if len(cut) >= MAX_SLUG // 2 else slug[:MAX_SLUG].rstrip("-")


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """A slug for each name, no two alike: the short_slug of each name, and where names
    share one, each after the first (in sorted order) gets a hyphen and the first hex
    digits of the SHA-256 of its name ('undp-3f9a1c'). The result depends only on the set
    of names, never on their order, so it is the same from build to build."""
    by_slug: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        by_slug.setdefault(short_slug(name), []).append(name)
    taken = {slug for slug in by_slug if slug}
    slugs: dict[str, str] = {}
    for slug, group in sorted(by_slug.items()):
        for index, name in enumerate(group):
            if index == 0 and slug:
                slugs[name] = slug
                continue
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
            stem = slug[:MAX_SLUG - 9].rstrip("-")
            size = 6
            while (unique := f"{stem}-{digest[:size]}".lstrip("-")) in taken:
                size += 2  # two names whose hashes start alike: take more digits
            taken.add(unique)
            slugs[name] = unique
    return slugs


def has_visible_text(text: str) -> bool:
    """True if some character is a letter, digit, punctuation or symbol (not only spaces,
    format characters such as zero-width or direction marks, controls or lone accents)."""
    # a letter or digit first (isalnum: categories L and N) settles nearly every text at once
    return text[:1].isalnum() or any(unicodedata.category(char)[0] in "LNPS" for char in text)


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
