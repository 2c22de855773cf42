"""What `caseshelf import` says: each problem at the cell a person would look at, in the
validator's three formats (text, GitHub annotations, JSON), and the count of rows."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..cases.problems import Problem, Severity
from ..cases.reporter import _escape

if TYPE_CHECKING:
    from .columns import Row
    from .importer import Result, Source
    from .table import Note

# What to do in a sheet about a problem the validator words for a case file
ADVICE = {
    "required": "; add a column for it to the sheet, or give every row the same value with "
                "--set FIELD=VALUE",
    "empty-body": " (in a sheet: a 'Description' column with the whole text, or the columns "
                  "'Challenge', 'Innovation', 'Results' and 'Lessons learned')",
}
_KEY = re.compile(r"^([A-Za-z_][\w-]*):")
_SUB = re.compile(r"^ {2}([A-Za-z_][\w-]*):")


@dataclass(frozen=True)
class Reported:
    """A problem at a place in an input file: `where` is 'file.csv:7:3' or
    'book.xlsx:Sheet1!C7'; line and col are the row's line and the column's number."""

    path: str
    where: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    @property
    def text(self) -> str:
        return f"{self.message}; did you mean {self.hint}?" if self.hint else self.message


def of_note(source: Source, note: Note) -> Reported:
    where, line, col = source.place(note.row, note.column)
    if note.row is None:
        where, line, col = source.path, 1, 1
    return Reported(source.path, where, line, col, note.severity, note.code, note.message,
                    note.hint)


def fields_by_line(text: str) -> tuple[dict[int, str], int]:
    """{line: field} for the front-matter of a case file's text, and the body's first line."""
    lines = text.split("\n")
    found: dict[int, str] = {}
    current = ""
    for number, line in enumerate(lines[1:], 2):
        if line.rstrip("\r") == "---":
            return found, number + 1
        if match := _KEY.match(line):
            current = match.group(1)
        elif (match := _SUB.match(line)) and current.split(".")[0] == "source":
            current = f"source.{match.group(1)}"
        found[number] = current
    return found, len(lines) + 1


def of_problem(source: Source, row: Row, problem: Problem, text: str) -> Reported:
    """A validator's problem in the file made from a row, moved to the row's cell."""
    by_line, body_line = fields_by_line(text)
    column = None
    if problem.line >= body_line:
        within = problem.line - body_line + 1
        for start, origin in row.body_origin:
            if start <= within:
                column = origin
    else:
        name = by_line.get(problem.line)
        column = row.origin.get(name) if name else None
        if name and column is None and name.startswith("source") and "." not in name:
            column = next((c for f, c in row.origin.items() if f.startswith("source.")), None)
    where, line, col = source.place(row.index, column)
    message = problem.message + ADVICE.get(problem.code, "")
    if name_of_set(row, by_line.get(problem.line)) and problem.line < body_line:
        message += " (the value given with --set)"
    return Reported(source.path, where, line, col, problem.severity, problem.code, message,
                    problem.hint)


def name_of_set(row: Row, name: str | None) -> bool:
    return bool(name) and name in row.origin and row.origin[name] is None


def as_text(problems: Sequence[Reported]) -> str:
    return "".join(f"{p.where}: {p.severity}: {p.text} [{p.code}]\n" for p in problems)


def as_github(problems: Sequence[Reported]) -> str:
    lines = []
    for p in problems:
        props = ",".join([f"file={_escape(p.path, property_=True)}", f"line={p.line}",
                          f"col={p.col}", f"title={_escape(p.code, property_=True)}"])
        cell = f"{p.where.removeprefix(p.path + ':')}: " if "!" in p.where else ""
        lines.append(f"::{p.severity} {props}::{_escape(cell + p.text)} [{p.code}]\n")
    return "".join(lines)


def as_json(result: Result, problems: Sequence[Reported]) -> str:
    files = {status: [str(f.path) for f in result.planned if f.status == status]
             for status in ("new", "changed", "unchanged")}
    data = {
        "rows": result.rows, "blank_rows": result.blank, "rows_with_errors": result.failed_rows,
        "written": result.written, "created": files["new"], "updated": files["changed"],
        "unchanged": files["unchanged"],
        "problems": [{"path": p.path, "where": p.where, "line": p.line, "column": p.col,
                      "severity": p.severity, "code": p.code, "message": p.message,
                      "hint": p.hint} for p in problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": as_text, "github": as_github}


def summary(result: Result, *, dry_run: bool, partial: bool) -> str:
    """One line: rows read, cases written or found unchanged, rows reported."""
    cases = [f for f in result.planned if f.path.name.count(".") == 1]
    new = sum(f.status == "new" for f in cases)
    changed = sum(f.status == "changed" for f in cases)
    same = sum(f.status == "unchanged" for f in cases)
    verb = "would be " if dry_run or not result.written else ""
    line = (f"read {_n(result.rows, 'row')}: {new:,} new {_plural(new, 'case')}, {changed:,} "
            f"updated, {same:,} unchanged, {_n(result.failed_rows, 'row')} with errors")
    if result.blank:
        line += f" ({_n(result.blank, 'blank row')} passed over)"
    if result.failed_rows and not result.written and not dry_run:
        line += "; nothing was written (correct the rows above, or give --partial to write " \
                "the valid rows)"
    elif result.failed_rows and partial:
        line += f"; the valid rows {verb}written, the rows with errors were not"
    return line


def _n(count: int, word: str) -> str:
    return f"{count:,} {_plural(count, word)}"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
