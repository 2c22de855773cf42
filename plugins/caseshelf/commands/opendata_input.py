"""caseshelf's own cases.json as input to `caseshelf import`: each record back to the
front-matter and body it was made from, and its translations to theirs. The derived fields
(url, regions, subregions) are passed over; a field left empty is not written."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..cases import vocabularies
from .columns import Row
from .sheets import MAX_FILE_BYTES

DERIVED = ("slug", "url", "regions", "subregions", "translations", "body", "fields")
SUPPORTED_MAJOR = "1"


class InputError(Exception):
    """A cases.json that cannot be read; the message names the file."""


def is_cases_json(path: str) -> bool:
    return Path(path).suffix.casefold() == ".json"


def read(path: str) -> tuple[dict[int, int], list[Row], dict[int, list[dict]]]:
    """({record: line}, a row per record, {record: its translations})."""
    raw = Path(path).read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{path}: the file is {len(raw):,} bytes; caseshelf import reads files "
                         f"of at most {MAX_FILE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise InputError(f"{path}: not a caseshelf cases.json: it has no list of 'cases'")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SUPPORTED_MAJOR:
        raise InputError(f"{path}: schema_version {version or '(none)'}; caseshelf import reads "
                         f"version {SUPPORTED_MAJOR}.x")
    lines = _record_lines(text, data["cases"])
    rows, translations = [], {}
    for index, record in enumerate(data["cases"]):
        if not isinstance(record, dict):
            raise InputError(f"{path}:{lines.get(index, 1)}: case {index + 1} is not an object")
        row = Row(index, data=front_matter_of(record))
        body = record.get("body")
        row.body = body if isinstance(body, str) else None
        if isinstance(record.get("slug"), str):
            row.data["slug"] = record["slug"]
        rows.append(row)
        translations[index] = [
            {"language": language, "data": translation_front_matter(item),
             "body": item.get("body") or ""}
            for language, item in sorted(_mapping(record.get("translations")).items())
            if isinstance(item, dict)]
    return lines, rows, translations


def _kept(record: dict[str, Any], key: str, value: Any) -> bool:
    """Whether a field goes in the file: those the case file wrote (`fields`, from schema
    1.3), else those that are not empty."""
    written = record.get("fields")
    if isinstance(written, list):
        return key in written
    return value not in (None, [], {}, "")


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def front_matter_of(record: dict[str, Any]) -> dict[str, Any]:
    """A record's own fields as front-matter: in the schema, not derived, and written."""
    known = vocabularies.schema()["properties"]
    data: dict[str, Any] = {}
    for key, value in record.items():
        if key in DERIVED or key not in known or not _kept(record, key, value):
            continue
        if key == "source" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if v not in (None, "")}
        data[key] = value
    return data


def translation_front_matter(item: dict[str, Any]) -> dict[str, Any]:
    """A translation record as its file's front-matter."""
    data: dict[str, Any] = {"title": item.get("title"), "summary": item.get("summary")}
    values = {"organisations": item.get("organisations"),
              "source": {"title": item["source_title"]} if item.get("source_title") else None,
              **{key: item.get(key) for key in ("translator", "reviewed", "translated_from")}}
    for key, value in values.items():
        if _kept(item, key, value) and value is not None:
            data[key] = value
    return data


def _record_lines(text: str, records: list) -> dict[int, int]:
    """The line where each record's slug stands, found in order (1 when it has none)."""
    lines: dict[int, int] = {}
    offset, line = 0, 1
    for index, record in enumerate(records):
        slug = record.get("slug") if isinstance(record, dict) else None
        if not isinstance(slug, str):
            continue
        match = re.compile(r'"slug":\s*' + re.escape(json.dumps(slug, ensure_ascii=False))) \
            .search(text, offset)
        if match:
            line += text.count("\n", offset, match.start())
            lines[index] = line
            offset = match.start()
    return lines
