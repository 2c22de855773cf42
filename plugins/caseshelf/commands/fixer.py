"""`caseshelf fix`: rewrite the front-matter where there is one right answer.

It renames misspelled or translated field names where they stand (country, organizations,
level), turns country names (in the UN languages and Portuguese, with a comma or without)
and alpha-3 codes into ISO alpha-2 codes, names of regional bodies into their keys, theme
labels into slugs, "SDG 16", "Goal 16.6", "ODS 16" or "ЦУР 16" into the goal or target,
unquoted SDG targets into quoted text, `year: "2018"` into a number, a single value into a
list and lists split by a full-width or Arabic comma into their values, and 'EN' or 'pt_BR'
into 'en' and 'pt-BR'. It quotes a value that YAML read as a comment, sorts and
de-duplicates set-like lists, writes dates as YYYY-MM-DD and puts fields in the schema's
order. The body is written back byte for byte. Running it twice changes nothing the second
time. Where the countries are every member of a regional body, it suggests naming the body,
and changes nothing. What is left that only a person can correct is printed, and the exit
code is 1.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..cases import (
    checker,
    countries,
    document,
    front_matter,
    groupings,
    languages,
    reporter,
    schema_check,
    synonyms,
    translations,
    vocabularies,
)
from ..cases.front_matter import FrontMatter
from ..cases.problems import CaseFileError, Severity
from .yaml_text import dump

SORTED_LISTS = ("countries", "interested_countries", "adapted_in", "themes", "sdgs",
                "innovation_facets", "tags", "groupings")
COUNTRY_LISTS = ("countries", "interested_countries", "adapted_in")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def fix_text(text: str, path: str = "<text>") -> tuple[str, list[str]]:
    """The fixed file text and what changed. Raises CaseFileError if unreadable."""
    doc = document.split(path, text)
    fm = front_matter.parse(doc.yaml_text, path=path, first_line=doc.yaml_line)
    if not isinstance(fm.data, dict):
        return text, []
    name = translations.parse_name(path)
    data, changes = fix_translation(fm, name) if name else fix_data(fm)
    body_newline = doc.newline
    yaml_text = dump(data).replace("\n", body_newline)
    fixed = f"---{body_newline}{yaml_text}---{body_newline}{doc.body}"
    if fixed != text:
        if re.search(r"^\s*#", doc.yaml_text, re.MULTILINE):
            changes.append("comments in the front-matter were removed")
        if not changes:
            changes.append("rewrote the front-matter in the usual layout")
    return fixed, changes


def _copied(value: Any) -> Any:
    """A copy of front-matter values (mappings, lists and scalars, as YAML gives them), made
    five times faster than copy.deepcopy, which asks every value how to copy it."""
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    return value


def fix_data(fm: FrontMatter) -> tuple[dict, list[str]]:
    """Fixed front-matter values, and a line for each change."""
    data: dict[str, Any] = _copied(fm.data)
    changes: list[str] = []
    for where, comment in fm.comments.items():  # `title: #1 in service`: the '#' was text
        holder = data
        for part in where[:-1]:
            holder = holder[part]
        holder[where[-1]] = comment
        changes.append(f"{schema_check.field_name(where)}: quoted {comment!r}, which YAML "
                       "read as a comment")
    _sdg_numbers_as_written(data, fm)
    data = _rename_fields(data, changes)
    _fix_year(data, changes)
    _fix_language(data, changes)
    for field in _list_fields():
        if field in data:
            data[field] = _as_list(field, data[field], changes)
    for field in COUNTRY_LISTS:
        if isinstance(data.get(field), list):
            # a flow list as written: names YAML split at their comma are joined back
            # ('Hong Kong, China'); a list made above (one value, other commas) is as made
            written = fm.data.get(field) if isinstance(fm.data, dict) else None
            values = ([v for _, v in countries.rejoined(fm, field)] if data[field] == written
                      else data[field])
            data[field] = [_country(field, v, changes) for v in values]
    if isinstance(data.get("groupings"), list):
        data["groupings"] = [_replace("groupings", v, groupings.key_for(v) or v, changes)
                             if isinstance(v, str) else v for v in data["groupings"]]
    if isinstance(data.get("themes"), list):
        labels = {t.label.casefold(): slug for slug, t in vocabularies.themes().items()}
        data["themes"] = [_replace("themes", v, labels.get(v.casefold(), v), changes)
                          if isinstance(v, str) else v for v in data["themes"]]
    if isinstance(data.get("sdgs"), list):
        data["sdgs"] = [_sdg(v, changes) for v in data["sdgs"]]
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
    if list(canonical) != list(data):  # the renamed fields are where they stood
        changes.append("put the fields in the usual order")
    return canonical, changes


def fix_translation(fm: FrontMatter,
                    name: translations.TranslationName) -> tuple[dict, list[str]]:
    """A translation's front-matter in the usual order, with `translated_from` written when
    it is missing: the hash of the original's text as it is now, taken to be the text
    translated. An existing hash is never changed, which would hide that the original has
    changed since (the stale-translation warning says so, and gives the new hash)."""
    data: dict[str, Any] = _copied(fm.data)
    changes: list[str] = []
    original = translations.read_original(name)
    if "translated_from" not in data and original and original.text_hash:
        data["translated_from"] = original.text_hash
        changes.append(f"wrote translated_from: {original.text_hash}, the hash of "
                       f"{name.original.name} as it is now")
    order = list(schema_check.translation_schema()["properties"])
    canonical = {k: data[k] for k in order if k in data}
    canonical.update({k: v for k, v in data.items() if k not in canonical})
    if [k for k in canonical if k in fm.data] != list(fm.data):
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


def _sdg(value: Any, changes: list[str]) -> Any:
    if isinstance(value, str) and value.strip().isdigit():
        return _replace("sdgs", value, int(value.strip()), changes)
    if isinstance(value, str) and synonyms.sdg_named(value) is not None:
        return _replace("sdgs", value, synonyms.sdg_named(value), changes)
    return value


def _sdg_numbers_as_written(data: dict, fm: FrontMatter) -> None:
    """16.10 written without quotes is read as the number 16.1: take the text as written,
    which is the target meant (before any renaming or splitting moves the values)."""
    for key, value in data.items():
        if key != "sdgs" and synonyms.field_named(key) != "sdgs":
            continue
        if isinstance(value, float):
            data[key] = fm.raw.get((key,), str(value))
        elif isinstance(value, list):
            data[key] = [fm.raw.get((key, i), str(v)) if isinstance(v, float) else v
                         for i, v in enumerate(value)]


def _rename_fields(data: dict, changes: list[str]) -> dict:
    """Misspelled or translated field names (country, organizations, level) renamed where
    they stand, so that the lines of the file keep their order; not when the right name is
    there too, since then which value is meant is for a person to say."""
    known = vocabularies.schema()["properties"]
    renamed: dict[str, Any] = {}
    for key, value in data.items():
        name = synonyms.field_named(key) if key not in known else None
        if name and name in known and name not in data and name not in renamed:
            changes.append(f"renamed the field '{key}' to '{name}'")
            key = name
        renamed[key] = value
    return renamed


def _fix_year(data: dict, changes: list[str]) -> None:
    year = data.get("year")
    if isinstance(year, str) and re.fullmatch(r"\s*\d{4}\s*", year):
        data["year"] = _replace("year", year, int(year), changes)


def _fix_language(data: dict, changes: list[str]) -> None:
    """'EN', 'pt_BR' and 'eng' have one right tag; a language's name is left for a person."""
    value = data.get("language")
    problem = languages.check_tag(value) if isinstance(value, str) else None
    if problem and problem.mistake in (languages.Mistake.FORM, languages.Mistake.STANDARD):
        data["language"] = _replace("language", value, problem.tag, changes)


@cache
def _list_fields() -> dict[str, bool]:
    """{field: whether its values are codes or words} for each list of plain values in the
    schema. Codes and words may be split at commas; names (organisations, awards) may hold
    a comma of their own, so only the commas of other scripts split them."""
    schema = vocabularies.schema()
    fields = {}
    for name, spec in schema["properties"].items():
        if "$ref" in spec:
            spec = schema["$defs"][spec["$ref"].rsplit("/", 1)[1]]
        if spec.get("type") == "array" and spec["items"].get("type") != "object":
            fields[name] = name not in ("organisations", "awards")
    return fields


# The list separators of other scripts, which YAML takes for part of a value: the
# full-width comma (Chinese, Japanese), the ideographic comma and the Arabic comma.
_WIDE_COMMAS = re.compile(r"\s*[，、،]\s*")


def _as_list(field: str, value: Any, changes: list[str]) -> Any:
    """A single value made a list (`countries: Rwanda`), and values split at the commas of
    other scripts (`[Rwanda، Kenya]`), or at a comma in a single value of codes or words."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        changes.append(f"made '{field}' a list")
        return [value]
    if isinstance(value, str):
        parts = [p.strip() for p in _WIDE_COMMAS.split(value) if p.strip()]
        if _list_fields()[field] and len(parts) == 1 and "," in value:
            commas = [p.strip() for p in value.split(",") if p.strip()]
            if field not in COUNTRY_LISTS or all(
                    countries.is_valid(p) or countries.code_for(p) for p in commas):
                parts = commas  # 'Korea, Republic of' stays one country
        changes.append(f"made '{field}' a list")
        return parts or [value]
    if isinstance(value, list) and any(isinstance(v, str) and _WIDE_COMMAS.search(v)
                                       for v in value):
        changes.append(f"split the values of '{field}' at their commas")
        return [part for item in value for part in (
            _WIDE_COMMAS.split(item.strip()) if isinstance(item, str) else [item]) if part != ""]
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


def run(paths: Sequence[str], *, check_only: bool = False) -> int:
    """Fix every case file under `paths`; print what changed, then the errors left that fix
    cannot correct. Exit 1 if a file can't be read, or has errors left, or (with
    check_only) would change."""
    files, stray = checker.collect(paths)
    status = 1 if stray else 0
    for problem in stray:
        print(f"{problem.path}: skipped: {problem.text} [{problem.code}]", file=sys.stderr)
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
        for change in changes:
            print(f"{path}: {change}")
        if changes and check_only:
            status = 1
        elif changes:
            Path(path).write_bytes(fixed.encode("utf-8"))
        left = [p for p in checker.check_text(str(path), fixed).problems
                if p.severity is Severity.ERROR]
        if left:
            status = 1
            if not check_only:  # the positions are those of the file as now written
                print(reporter.as_text(left), end="", file=sys.stderr)
            many = "problems are" if len(left) > 1 else "problem is"
            print(f"{path}: {len(left)} {many} left that fix cannot correct"
                  + ("; run caseshelf validate" if check_only else ""), file=sys.stderr)
    return status
