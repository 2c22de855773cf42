"""Translations of cases: `cases/<slug>.<language>.md` beside `cases/<slug>.md`.

A slug has no dots, so a file name with one more part before `.md` is a translation (or an
attempt at one). A translation gives the case's texts in another language; the facets
(countries, themes, dates, …) are the original's only. Here: reading a translation's name,
finding and reading its original on disk, and telling the fields a translation may hold
from those only the original may set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from . import document, front_matter, languages, schema_check
from .front_matter import FrontMatter
from .model import text_hash
from .problems import CaseFileError


@dataclass(frozen=True)
class TranslationName:
    """What a translation's file name says: the original's slug, the language tag as
    written, and that tag in its usual form (None when it is not a language)."""

    slug: str
    written: str
    language: str | None
    original: Path


@dataclass(frozen=True)
class Original:
    """What a translation needs of its original: its language and the hash of its text."""

    path: str
    language: str
    text_hash: str | None  # None when the title, summary or body cannot be read


def parse_name(path: str | Path) -> TranslationName | None:
    """The parts of a translation's file name, or None for an original ('kiosks.md')."""
    stem = os.path.basename(path).removesuffix(".md")  # an original's answer makes no Path
    if "." not in stem or stem.startswith("."):
        return None
    return _translation_name(os.fspath(path), stem)


@lru_cache(maxsize=1 << 16)  # a check of every file asks three times for each translation
def _translation_name(path: str, stem: str) -> TranslationName:
    slug, written = stem.split(".", 1)
    return TranslationName(slug, written, language_of(written),
                           Path(path).with_name(f"{slug}.md"))


def is_translation(path: str | Path) -> bool:
    return parse_name(path) is not None


def language_of(tag: str) -> str | None:
    """A file name's language tag in its usual form ('zh-hans' -> 'zh-Hans'), or None when
    it is not a BCP 47 tag of a language. Tags are the same whatever their case; an
    underscore or a name ('french') is not a tag, so it is refused with the tag meant."""
    problem = languages.check_tag(tag)
    if problem is None:
        return tag
    if problem.mistake is languages.Mistake.FORM and problem.tag \
            and problem.tag.casefold() == tag.casefold():
        return problem.tag
    return None


def read_original(name: TranslationName) -> Original | None:
    """The original beside a translation, read from disk (it may not be among the files
    checked); None when there is none. A front-matter that cannot be read gives no hash:
    the original's own check reports why."""
    path = name.original
    if not path.is_file():
        return None
    try:
        doc = document.read(path)
        data = front_matter.parse(doc.yaml_text, path=str(path), first_line=doc.yaml_line).data
    except (CaseFileError, OSError):
        return Original(str(path), "en", None)
    if not isinstance(data, dict):
        return Original(str(path), "en", None)
    language = data.get("language", "en")
    language = language if isinstance(language, str) else "en"
    problem = languages.check_tag(language)
    if problem is not None:
        language = problem.tag or language
    title, summary = data.get("title"), data.get("summary")
    if not isinstance(title, str) or not isinstance(summary, str):
        return Original(str(path), language, None)
    return Original(str(path), language, text_hash(title, summary, doc.body))


def original_only(fm: FrontMatter) -> list[tuple]:
    """The places of the fields only an original may set (`countries`, `source.url`), in
    the order written: every field of the case schema that a translation does not give."""
    if not isinstance(fm.data, dict):
        return []
    own = schema_check.translation_schema()["properties"]
    case = schema_check.schema()["properties"]
    places: list[tuple] = []
    for key, value in fm.data.items():
        if key == "source" and isinstance(value, dict):
            places += [("source", sub) for sub in value
                       if sub not in own["source"]["properties"]
                       and sub in case["source"]["properties"]]
        elif key not in own and key in case:
            places.append((key,))
    return sorted(places, key=lambda where: fm.where(where, key=True))


def without(fm: FrontMatter, places: list[tuple]) -> FrontMatter:
    """The front-matter without the values at `places` (top-level fields and `source`
    fields), so the schema of translations judges only the rest."""
    data = dict(fm.data)
    for where in places:
        if len(where) == 1:
            data.pop(where[0], None)
        elif isinstance(data.get(where[0]), dict):
            data[where[0]] = {k: v for k, v in data[where[0]].items() if k != where[1]}
            if not data[where[0]]:  # `source: {body: …}` alone: nothing of it to translate
                del data[where[0]]
    return replace(fm, data=data)
