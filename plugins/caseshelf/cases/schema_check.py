"""Check front-matter against the JSON Schema and say what is wrong in plain words."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

from . import synonyms
from .front_matter import COMMENT_VALUE, FrontMatter
from .problems import Code, Problem, Severity
from .vocabularies import schema

if TYPE_CHECKING:
    from jsonschema import Draft7Validator

REQUIRED = Code("required", Severity.ERROR, "A required field is missing.",
                "Add it (see the table of fields).")
UNKNOWN_FIELD = Code("unknown-field", Severity.ERROR,
                     "A field name is not one of the fields above (often a typo).",
                     "Use the name suggested.")
TYPE = Code("type", Severity.ERROR,
            "A value has the wrong kind: text where a list is expected, or a number where text "
            "is expected.",
            'Follow the hint: `[KZ]` for a list, quotes for text such as `"16.10"`.')
ENUM = Code("enum", Severity.ERROR, "A value is not one of the allowed words.",
            "Use one of the words listed.")
TOO_LONG = Code("too-long", Severity.ERROR, "A value is longer, or a list has more values, "
                "than allowed.", "Shorten it.")
TOO_SHORT = Code("too-short", Severity.ERROR, "A value is shorter, or a list has fewer values, "
                 "than allowed.", "Complete it.")
DUPLICATE_ITEM = Code("duplicate-item", Severity.ERROR, "A list names the same value twice.",
                      "Remove the repeat (`caseshelf fix` does this).")
RANGE = Code("range", Severity.ERROR, "A number is out of range, such as a year before 1900.",
             "Correct the number.")
SCHEMA = Code("schema", Severity.ERROR,
              "A value breaks a rule of the schema that no code above describes.",
              "Correct the value as the message says.")
CODES = (REQUIRED, UNKNOWN_FIELD, TYPE, ENUM, TOO_LONG, TOO_SHORT, DUPLICATE_ITEM, RANGE, SCHEMA)

_KIND = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a group of 'key: value' lines",
    "boolean": "true or false",
    "null": "an empty value",
}


# What a translation (cases/<slug>.<language>.md) may hold besides the case schema's texts,
# which keep the case schema's own limits (translation_schema).
TRANSLATION_FIELDS = {
    "translator": {"type": "string", "maxLength": 200,
                   "description": "Who translated the case (a person or an organisation)."},
    "reviewed": {"type": "boolean",
                 "description": "Whether a second person has checked the translation."},
    "translated_from": {"type": "string", "description": "The hash of the original's title, "
                        "summary and body when it was translated; `caseshelf fix` writes it."},
}
TRANSLATED = ("title", "summary", "organisations")  # the case's texts a translation gives


@cache
def translation_schema() -> dict:
    """The schema of a translation's front-matter, made from the case schema so that the
    texts a translator writes have the same limits as the original's."""
    case = schema()

    def resolved(node: dict) -> dict:  # the case schema's $defs written out in place
        while "$ref" in node:
            node = {**case["$defs"][node["$ref"].rsplit("/", 1)[1]],
                    **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    properties = {name: resolved(case["properties"][name]) for name in TRANSLATED}
    source = case["properties"]["source"]
    properties["source"] = {
        "type": "object", "additionalProperties": False, "required": ["title"],
        "properties": {"title": source["properties"]["title"]},
        "description": "Only the source's title, translated; the rest is the original's."}
    properties.update(TRANSLATION_FIELDS)
    return {"$schema": case["$schema"], "type": "object",
            "required": ["title", "summary"], "additionalProperties": False,
            "properties": properties}


def _schema(kind: str) -> dict:
    return translation_schema() if kind == "translation" else schema()


@cache
def _validator(kind: str = "case") -> Draft7Validator:
    """jsonschema, which explains every error of a file that `_is_valid` rejects; imported
    only then, as a run over valid files never needs it (it takes 36 ms to import)."""
    from jsonschema import Draft7Validator

    return Draft7Validator(_schema(kind))


@cache
def _is_valid(kind: str = "case"):
    """A compiled yes/no check: fastjsonschema turns the schema into Python code and answers
    about ten times faster than jsonschema, but stops at the first error. So it lets valid
    files through quickly, and jsonschema explains every error of the files it rejects."""
    return fastjsonschema.compile(_schema(kind), use_default=False)  # never fill a value in


def warm_up() -> None:
    for kind in ("case", "translation"):
        _is_valid(kind)


def field_name(path: tuple) -> str:
    """A place in the front-matter as a person reads it: 'source.url', 'countries' item 2."""
    if not path:
        return "the front-matter"
    name = "'" + ".".join(str(p) for p in path if not isinstance(p, int)) + "'"
    items = [p for p in path if isinstance(p, int)]
    return f"{name} item {items[-1] + 1}" if items else name


def _kind_of(value: Any) -> str:
    """What a YAML value is, in the words the messages use: 'text', 'a list', …"""
    for python, json_type in ((bool, "boolean"), (int, "integer"), (float, "number"),
                              (str, "string"), (list, "array"), (dict, "object")):
        if isinstance(value, python):
            return _KIND[json_type]
    return _KIND["null"]


def check(fm: FrontMatter, path: str, *, kind: str = "case") -> Iterator[Problem]:
    """Yield one problem per schema violation, placed at the value or key concerned. `kind`
    is "case" or "translation" (a case's texts in another language)."""
    try:
        _is_valid(kind)(fm.data)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    seen: set[tuple] = set()
    for error in _validator(kind).iter_errors(fm.data):
        for problem in _explain(error, fm, path):
            key = (problem.line, problem.col, problem.code, problem.message)
            if key not in seen:
                seen.add(key)
                yield problem


def _explain(error: Any, fm: FrontMatter, path: str) -> Iterator[Problem]:
    where = tuple(error.absolute_path)
    name = field_name(where)
    value = error.instance
    kind = error.validator
    rule = error.validator_value

    def problem(code: Code, message: str, hint: str | None = None, at: tuple = where,
                key: bool = False) -> Problem:
        return code.at(path, *fm.where(at, key=key), message, hint)

    if value is None and where in fm.comments:
        comment = fm.comments[where]
        quoted = json.dumps(comment, ensure_ascii=False)
        written = f"{where[-1]}: {quoted}" if isinstance(where[-1], str) else f"- {quoted}"
        yield problem(COMMENT_VALUE, f"{name} is empty: '#' starts a comment in YAML, so "
                      f"'{comment}' is not read; put the value in double quotes: {written}")
        return

    if kind == "required":
        for missing in (k for k in rule if k not in value):
            name = field_name(where + (missing,))
            yield problem(REQUIRED, f"the required field {name} is missing")
    elif kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        for extra in (k for k in value if k not in known):
            named = synonyms.field_named(extra) if not where else None
            close = [named] if named in known else difflib.get_close_matches(
                extra.lower(), known, n=1, cutoff=0.75)
            place = "in " + name if where else ""
            yield problem(UNKNOWN_FIELD, f"unknown field '{extra}' {place}".rstrip(),
                          f"'{close[0]}'" if close else None, where + (extra,), key=True)
    elif kind == "type":
        expected = [rule] if isinstance(rule, str) else rule
        wanted = " or ".join(_KIND[t] for t in expected)
        hint = None
        raw = fm.raw.get(where)
        if "string" in expected and raw is not None:
            hint = f'"{raw}" (in quotes)'
        elif "array" in expected and not isinstance(value, (list, dict)):
            hint = f"[{fm.raw.get(where, value)}]"
        yield problem(TYPE, f"{name} must be {wanted}, not {_kind_of(value)}", hint)
    elif kind == "enum":
        choices = ", ".join(str(c) for c in rule)
        options = [str(c) for c in rule]
        close = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.6)
        if where == ("level_of_government",) and synonyms.level_named(str(value)):
            close = [synonyms.level_named(str(value))]
        yield problem(ENUM, f"{name} expected one of: {choices}; but received: {value!r}",
                      f"'{close[0]}'" if close else None)
    elif kind == "minItems":
        yield problem(TOO_SHORT, f"{name} must list at least {rule} value{'s' * (rule > 1)}")
    elif kind == "maxItems":
        yield problem(TOO_LONG, f"{name} lists {len(value)} values; the limit is {rule}")
    elif kind == "maxLength":
        yield problem(TOO_LONG, f"{name} is {len(value)} characters long; the limit is {rule}")
    elif kind == "minLength":
        yield problem(TOO_SHORT,
                      f"{name} is too short ({len(value)} characters; at least {rule})")
    elif kind == "uniqueItems":
        seen: list[Any] = []
        for index, item in enumerate(value):
            if item in seen:
                yield problem(DUPLICATE_ITEM, f"{item!r} is listed twice in {name}",
                              at=where + (index,))
            seen.append(item)
    elif kind == "minimum":
        yield problem(RANGE, f"{name} is {value}; it must be {rule} or later")
    else:
        yield problem(SCHEMA, f"{name}: {error.message}")
