"""What a sheet's columns and cells mean to `caseshelf import`: which field a column fills
(by its name, from data/import_columns.yml, or from `--map`), and a cell's value as
front-matter: list cells split, spreadsheet numbers and dates read as what they mean.
Nothing here reads or writes a file."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from ..cases import vocabularies
from ..cases.vocabularies import _data

SECTIONS = ("challenge", "innovation", "results", "lessons")
SECTION_NAMES = {"challenge": "Challenge", "innovation": "Innovation", "results": "Results",
                 "lessons": "Lessons learned"}
DERIVED = "derived"  # columns that cases.csv derives from the others: read, never needed
DATE_FIELDS = ("added", "source.date")
# A spreadsheet keeps a date as days since 1899-12-30 (the 1900 system, with its leap-year
# slip): 1 January 1970 is 25569. Only serials from 1950 to 2100 are taken for dates.
_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(18264, 73051)
_ENUMERATION = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*·])\s+")
_SPLIT = re.compile(r"\s*(?:;|\r\n|\r|\n)\s*")
# cases.csv puts a ' before a cell a spreadsheet would run as a formula: taken off again
_NEUTRALISED = re.compile(r"'(?='*[=+\-@\t\r])")
_LINK = re.compile(r"^(.*?)\s*<(\S+)>$")


def normal(name: str) -> str:
    """A column name as it is matched: no case, accents, spacing, punctuation or plural."""
    decomposed = unicodedata.normalize("NFKD", str(name).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"\(s\)|[\s_\-.:/()]+", " ", plain).strip()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in plain.split())


@cache
def known() -> dict[str, str]:
    """{normal name: field} for every name a column may have."""
    listed = yaml.safe_load(_data("import_columns.yml"))
    names: dict[str, str] = {}
    for field_name in fields():
        names[normal(field_name)] = field_name
        names[normal(field_name.replace(".", "_"))] = field_name
    for field_name, variants in listed.items():
        for variant in variants:
            names.setdefault(normal(variant), field_name if field_name != DERIVED else DERIVED)
    return names


@cache
def fields() -> tuple[str, ...]:
    """Every field a column may fill: the case schema's, `source.*`, the body and its
    sections, and the slug."""
    schema = vocabularies.schema()["properties"]
    top = [name for name in schema if name != "source"]
    source = [f"source.{name}" for name in schema["source"]["properties"]]
    sections = [f"section.{name}" for name in SECTIONS]
    return ("slug", *top, *source, "body", *sections)


def field_for(name: str) -> str | None:
    """The field a column named `name` fills, 'derived' for one to pass over, or None."""
    return known().get(normal(name))


def field_named(text: str) -> str | None:
    """A field as `--map` and `--set` name it: 'source.body' or 'source_body'."""
    wanted = text.strip().replace("source_", "source.", 1) if text.strip().startswith(
        "source_") else text.strip()
    return wanted if wanted in fields() else None


def suggestion(name: str) -> str | None:
    """The field or known column name closest to `name`, for a did-you-mean."""
    close = difflib.get_close_matches(normal(name), list(known()), n=1, cutoff=0.75)
    if not close:
        return None
    target = known()[close[0]]
    return None if target == DERIVED else target


@dataclass
class Row:
    """One sheet row as front-matter values, with the column each field came from."""

    index: int  # the row's place in the sheet, 0-based
    data: dict[str, Any] = field(default_factory=dict)
    body: str | None = None
    origin: dict[str, int | None] = field(default_factory=dict)  # None: from --set
    body_origin: list[tuple[int, int | None]] = field(default_factory=list)  # (line, column)


def text(value: Any) -> str:
    """A cell as text, as a person typed it (2018.0 is 2018)."""
    if type(value) is str and "\r" not in value and not value.startswith("'"):
        return value.strip()  # most cells: said first, as a sheet has a quarter million
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return value.isoformat() if not isinstance(value, dt.timedelta) else str(value)
    cell = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return _NEUTRALISED.sub("", cell, count=1) if cell.startswith("'") else cell


def value(field_name: str, cell: Any, list_fields: frozenset[str]) -> Any:
    """A cell's value for a field, or None for an empty cell."""
    if field_name in DATE_FIELDS and isinstance(cell, str) and re.fullmatch(r"\d{5}(\.0+)?",
                                                                           cell.strip()):
        cell = float(cell)  # a day number saved as text, as a CSV export may hold it
    if field_name in DATE_FIELDS and isinstance(cell, (int, float)) and not isinstance(
            cell, bool) and float(cell).is_integer() and int(cell) in _SERIALS:
        return (_EPOCH + dt.timedelta(days=int(cell))).isoformat()
    if field_name == "year" and isinstance(cell, (dt.date, dt.datetime)):
        return cell.year
    written = text(cell)
    if written == "":
        return None
    if field_name == "year" and re.fullmatch(r"\d{4}(\.0+)?", written):
        return int(float(written))
    if field_name == "source.date" and re.fullmatch(r"\d{4}", written):
        return int(written)
    if field_name == "links":
        return [_link(part) for part in _parts(written)]
    if field_name in list_fields:
        parts = _parts(written)
        if field_name == "sdgs":
            parts = [re.sub(r"^(\d+)\.0+$", r"\1", p) for p in parts]
        return parts if len(parts) > 1 else parts[0] if parts else None
    return written


def _parts(written: str) -> list[str]:
    """A list cell's values: split at ';' and line breaks (the fix step splits at commas
    where a comma cannot be part of a value), without '1.' or '-' in front."""
    return [_ENUMERATION.sub("", part).strip() for part in _SPLIT.split(written)
            if _ENUMERATION.sub("", part).strip()]


def _link(part: str) -> dict[str, str]:
    match = _LINK.match(part)
    if match and match.group(1):
        return {"title": match.group(1), "url": match.group(2)}
    return {"title": part, "url": part}


@cache
def section_headings() -> dict[str, dict[str, str]]:
    """{language: {section: heading}}: the heading a section is written under."""
    data = yaml.safe_load(_data("section_headings.yml"))
    keys = dict(zip(("Challenge", "Innovation", "Results", "Lessons learned"), SECTIONS,
                    strict=True))
    return {lang: {keys.get(name, name.casefold()): names[0] for name, names in block.items()}
            for lang, block in data.items()}


Starts = list[tuple[int, int | None]]


def sections_body(parts: list[tuple[str, str, int]], language: str) -> tuple[str, Starts]:
    """A body made of section cells [(section, text, column)], each under its heading in the
    case's language (English where there is none), and where each starts: [(line, column)]."""
    headings = section_headings()
    names = (headings.get(language) or headings.get(vocabularies.base_language(language))
             or headings.get("en", {}))
    lines: list[str] = []
    starts: Starts = []
    for section, written, column in parts:
        if lines:
            lines.append("")
        starts.append((len(lines) + 1, column))
        lines += [f"## {names.get(section, SECTION_NAMES[section])}", "", *written.split("\n")]
    return "\n".join(lines) + "\n", starts
