"""YAML syntax errors in plain words: what the mistakes contributors make most often mean
and how to fix them, told from the text around the parser's mark."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s#\"'\-?:,\[\]{}][^:#]*?|\"[^\"]*\"|'[^']*')[ \t]*:(?=\s|$)")
_FLOW_HASH = re.compile(r"[\[,]\s*(#[^,\]\n]*)")


@dataclass(frozen=True)
class Explained:
    """A mistake in plain words, at a 0-based line and column of the YAML text."""

    line: int
    column: int
    message: str


def _quoted(line: str) -> str | None:
    """`key: "value"` for a `key: value` line whose value needs quotes (in single quotes if
    it holds double ones); None if the line has no key or its value is quoted already."""
    match = _KEY.match(line)
    if not match:
        return None
    value = line[match.end():].strip()
    if not value or value[0] in "\"'":
        return None
    quoted = f"'{value}'" if '"' in value and "'" not in value else json.dumps(
        value, ensure_ascii=False)
    return f"{match[1].lstrip()}{match[2]}: {quoted}"


def explain(text: str, error: Any) -> Explained | None:
    """The mistake behind a PyYAML MarkedYAMLError in `text`, in plain words; None if it
    is not one of those recognised (the caller keeps the parser's own words)."""
    # PyYAML and libyaml word the same error differently ("mapping values are not allowed
    # here", "... in this context"), so the mistake is told from the text at the mark.
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return None
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    char = line[mark.column:mark.column + 1]
    problem = error.problem or ""
    tab = _tab(lines, mark.line, char, mark.column)
    if tab:
        return tab
    if "flow" in (error.context or ""):
        comment = _flow_comment(lines, mark.line)
        if comment:
            return comment
    if problem.startswith("mapping values are not allowed"):
        return _colon(line, mark.line, mark.column)
    context = error.context_mark
    if char in ("@", "`") or (context and "alias" in (error.context or "")):
        column = context.column if char not in ("@", "`") else mark.column
        indicator = line[column:column + 1]
        fix = _quoted(line)
        return Explained(mark.line, column, (
            f"'{indicator}' cannot start a value in YAML; put the value in double quotes"
            + (f": {fix}" if fix else "")))
    return _text_after_quote(line, mark.line, mark.column)


def _tab(lines: list[str], number: int, char: str, column: int) -> Explained | None:
    line = lines[number] if number < len(lines) else ""
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    if char == "\t" and column >= len(indent):
        return Explained(number, column, "a tab is used here, and YAML reads only spaces; "
                         "replace the tab with a space")
    if "\t" in indent:
        return Explained(number, indent.index("\t"), "a tab is used to indent this line, and "
                         "YAML reads only spaces; indent with spaces (two for each level)")
    return None


def _flow_comment(lines: list[str], number: int) -> Explained | None:
    """A '#' that starts an item of a [...] list: YAML takes it for a comment, so the rest
    of the line is dropped and the list is never closed."""
    for index in range(min(number, len(lines) - 1), -1, -1):
        match = _FLOW_HASH.search(lines[index])
        before = lines[index][:match.start(1)] if match else ""
        if match and before.count("[") > before.count("]"):
            value = json.dumps(match[1].strip(), ensure_ascii=False)
            return Explained(index, match.start(1), (
                "'#' starts a comment in YAML, so the rest of this line is ignored and the "
                f"list is never closed; put the value in double quotes: {value}"))
    return None


def _colon(line: str, number: int, column: int) -> Explained:
    message = ("a colon followed by a space inside a value makes YAML read a new field; put "
               "the value in double quotes")
    match = _KEY.match(line)
    if match and match.end() <= column:  # the colon is inside this line's value
        return Explained(number, column, f"{message}: {_quoted(line)}")
    # the line goes on with a value begun on a line before, which reads it as a key
    return Explained(number, column, f"{message}, from its first line to its last")


def _text_after_quote(line: str, number: int, column: int) -> Explained | None:
    """`title: "GOV.UK" the best place`: text after the quotes that close a value."""
    match = _KEY.match(line)
    rest = line[match.end():].strip() if match else ""
    if not rest or rest[0] not in "\"'":
        return None
    close = rest.find(rest[0], 1)
    if close < 0 or column <= len(line) - len(line[match.end():].lstrip()) + close:
        return None
    message = "there is text after the closing quote; put the whole value in quotes"
    if rest[0] == '"' and "'" not in rest:  # single quotes can hold double ones
        message += f", single ones here: {match[1].lstrip()}{match[2]}: '{rest}'"
    return Explained(number, column, message)
