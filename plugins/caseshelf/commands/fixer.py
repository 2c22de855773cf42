"""`caseshelf fix`: rewrite the front-matter where there is one right answer.

It turns country names (in the UN languages and Portuguese, with a comma or without) and
alpha-3 codes into ISO alpha-2 codes, names of regional bodies into their keys, theme labels
into slugs, unquoted SDG targets into quoted text, sorts and de-duplicates set-like lists,
writes dates as YYYY-MM-DD and puts fields in the schema's order. The body is written back
byte for byte. Running it twice changes nothing the second time. Where the countries are
every member of a regional body, it suggests naming the body, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from ..cases import checker, countries, document, front_matter, groupings, vocabularies
from ..cases.front_matter import FrontMatter
from ..cases.problems import CaseFileError

SORTED_LISTS = ("countries", "interested_countries", "adapted_in", "themes", "sdgs",
                "innovation_facets", "tags", "groupings")
COUNTRY_LISTS = ("countries", "interested_countries", "adapted_in")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Text left unquoted only when it reads the same in a block value and inside [...] lists,
# and never when it starts with a digit, so "1.a" and "2024 plan" stay visibly text.
_PLAIN = re.compile(r"^[^\W\d_][\w .'’()/&+-]*(?<! )$")
_PLAIN_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def fix_text(text: str, path: str = "<text>") -> tuple[str, list[str]]:
    """The fixed file text and what changed. Raises CaseFileError if unreadable."""
    doc = document.split(path, text)
    fm = front_matter.parse(doc.yaml_text, path=path, first_line=doc.yaml_line)
    if not isinstance(fm.data, dict):
        return text, []
    data, changes = fix_data(fm)
    body_newline = doc.newline
    yaml_text = dump(data).replace("\n", body_newline)
    fixed = f"---{body_newline}{yaml_text}---{body_newline}{doc.body}"
    if fixed != text:
        if re.search(r"^\s*#", doc.yaml_text, re.MULTILINE):
            changes.append("comments in the front-matter were removed")
        if not changes:
            changes.append("rewrote the front-matter in the usual layout")
    return fixed, changes


def fix_data(fm: FrontMatter) -> tuple[dict, list[str]]:
    """Fixed front-matter values, and a line for each change."""
    data: dict[str, Any] = dict(fm.data)
    changes: list[str] = []
    for field in COUNTRY_LISTS:
        if isinstance(data.get(field), list):
            data[field] = [_country(field, v, changes) for _, v in countries.rejoined(fm, field)]
    if isinstance(data.get("groupings"), list):
        data["groupings"] = [_replace("groupings", v, groupings.key_for(v) or v, changes)
                             if isinstance(v, str) else v for v in data["groupings"]]
    if isinstance(data.get("themes"), list):
        labels = {t.label.casefold(): slug for slug, t in vocabularies.themes().items()}
        data["themes"] = [_replace("themes", v, labels.get(v.casefold(), v), changes)
                          if isinstance(v, str) else v for v in data["themes"]]
    if isinstance(data.get("sdgs"), list):
        data["sdgs"] = [_sdg(fm, index, v, changes) for index, v in enumerate(data["sdgs"])]
    for where in (("added",), ("source", "date")):
        _fix_date(data, where, changes)
    for field, value in list(data.items()):
        if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
            unique = list(dict.fromkeys(value))
            if len(unique) < len(value):
                changes.append(f"removed repeated values from '{field}'")
            if field in SORTED_LISTS:
                ordered = sorted(unique, key=_sdg_order if field == "sdgs" else _text_order)
                if ordered != unique:
                    changes.append(f"sorted '{field}'")
                unique = ordered
            data[field] = unique
    order = list(vocabularies.schema()["properties"])
    canonical = {k: data[k] for k in order if k in data}
    canonical.update({k: v for k, v in data.items() if k not in canonical})
    if isinstance(canonical.get("source"), dict):
        source_order = list(vocabularies.schema()["properties"]["source"]["properties"])
        source = canonical["source"]
        canonical["source"] = {k: source[k] for k in source_order if k in source}
        canonical["source"].update({k: v for k, v in source.items() if k not in source_order})
    if list(canonical) != list(fm.data):
        changes.append("put the fields in the usual order")
    return canonical, changes


def _replace(field: str, old: Any, new: Any, changes: list[str]) -> Any:
    if new != old:
        changes.append(f"{field}: {old!r} -> {new!r}")
    return new


def _country(field: str, value: Any, changes: list[str]) -> Any:
    if not isinstance(value, str) or countries.is_valid(value):
        return value
    return _replace(field, value, countries.code_for(value) or value, changes)


def _sdg(fm: FrontMatter, index: int, value: Any, changes: list[str]) -> Any:
    if isinstance(value, float):  # 16.10 written without quotes: its text is the target
        return _replace("sdgs", value, fm.raw.get(("sdgs", index), str(value)), changes)
    if isinstance(value, str) and value.strip().isdigit():
        return _replace("sdgs", value, int(value.strip()), changes)
    return value


def _fix_date(data: dict, where: tuple[str, ...], changes: list[str]) -> None:
    holder = data
    for part in where[:-1]:
        holder = holder.get(part) if isinstance(holder, dict) else None
    value = holder.get(where[-1]) if isinstance(holder, dict) else None
    match = _DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return
    try:
        canonical = dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return  # an impossible date has no one right answer: the validator reports it
    if isinstance(holder, dict) and holder is not data:
        holder = data[where[0]] = dict(holder)
    holder[where[-1]] = _replace(".".join(where), value, canonical, changes)


def _text_order(value: Any) -> tuple:
    return (str(value).casefold(), str(value))


def _sdg_order(value: Any) -> tuple:
    goal, _, target = str(value).partition(".")
    rank = (0, int(target), "") if target.isdigit() else (1, 0, target)
    return (int(goal) if goal.isdigit() else 99, 0 if not target else 1, rank)


def dump(data: dict) -> str:
    """Canonical front-matter YAML: flow lists of plain values, block mappings."""
    lines: list[str] = []
    for key, value in data.items():
        lines.extend(_dump_field(key, value, ""))
    return "\n".join(lines) + "\n"


def _dump_field(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, dict):
        return [f"{indent}{key}:"] + [line for k, v in value.items()
                                      for line in _dump_field(k, v, indent + "  ")]
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        flow = f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]"
        if len(flow) <= 100:
            return [flow]
        return [f"{indent}{key}:"] + [f"{indent}  - {scalar(v)}" for v in value]
    if isinstance(value, list):
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict) and item:
                sub = [line for k, v in item.items() for line in _dump_field(k, v, indent + "    ")]
                lines.append(f"{indent}  - " + sub[0].lstrip())
                lines.extend(sub[1:])
            else:
                lines.append(f"{indent}  - {scalar(item)}")
        return lines
    if isinstance(value, str) and len(value) > 80 and "\n" not in value.strip():
        folded = yaml.safe_dump({key: value}, allow_unicode=True, width=88, sort_keys=False)
        if folded.startswith(f"{key}: '"):  # quote as the short values are quoted: "…"
            folded = yaml.safe_dump({key: value}, allow_unicode=True, width=88, sort_keys=False,
                                    default_style='"').replace(f'"{key}":', f"{key}:", 1)
        return [indent + line for line in folded.rstrip("\n").split("\n")]
    return [f"{indent}{key}: {scalar(value)}"]


def scalar(value: Any) -> str:
    if isinstance(value, str) and _PLAIN_DATE.match(value) and "-" in value:
        return value  # dates stay unquoted; they are read back as the same text
    text = yaml.safe_dump(value, allow_unicode=True, width=float("inf"))
    text = text.removesuffix("\n").removesuffix("\n...")
    if text.startswith("'") or "\n" in text or (isinstance(value, str) and not _PLAIN.match(text)):
        return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML, in any context
    return text


def run(paths: Sequence[str], *, check_only: bool = False) -> int:
    """Fix every case file under `paths`; print what changed. Exit 1 if a file can't be read
    or (with check_only) would change."""
    files, stray = checker.collect(paths)
    status = 0
    for problem in stray:
        print(f"{problem.path}: skipped: {problem.message}", file=sys.stderr)
    for path in files:
        try:
            text = document.decode(str(path), Path(path).read_bytes())
            fixed, changes = fix_text(text, str(path))
            suggestions = groupings.suggestions_in(fixed, str(path))
        except CaseFileError as exc:
            p = exc.problem
            print(f"{p.path}:{p.line}:{p.col}: cannot fix: {p.text} [{p.code}]", file=sys.stderr)
            status = 1
            continue
        for suggestion in suggestions:  # only said, never done: the case may mean the members
            print(f"{path}: suggestion: {suggestion}")
        if not changes:
            continue
        for change in changes:
            print(f"{path}: {change}")
        if check_only:
            status = 1
        else:
            Path(path).write_bytes(fixed.encode("utf-8"))
    return status
