"""What `caseshelf import` says: each problem at the cell a person would look at, in the
validator's three formats (text, GitHub annotations, JSON), and the count of rows."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..cases import reporter
from ..cases.problems import Problem, Severity

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


@dataclass(frozen=True, order=True)
class Reported(Problem):
    """A validator's problem at a place in an input file: `where` is how a person finds it,
    'file.csv:7:3' or 'book.xlsx:Sheet1!C7'; `line` and `col` are the row's line and the
    column's number, for annotations."""

    where: str = ""


def at(source: Source, row: int | None, column: int | None, severity: Severity, code: str,
       message: str, hint: str | None = None) -> Reported:
    """A problem at a cell of `source` (the file itself when `row` is None)."""
    where, line, col = source.place(row, column) if row is not None else (source.path, 1, 1)
    return Reported(source.path, line, col, severity, code, message, hint, where=where)


def of_note(source: Source, note: Note) -> Reported:
    return at(source, note.row, note.column, note.severity, note.code, note.message, note.hint)


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


def of_problems(source: Source, row: Row, problems: Sequence[Problem],
                text: str) -> list[Reported]:
    """The validator's problems in the file made from a row, each moved to the row's cell:
    a front-matter line to the column of its field, a body line to its section's column."""
    if not problems:
        return []
    by_line, body_line = fields_by_line(text)
    moved = []
    for problem in problems:
        column, name = None, None
        if problem.line >= body_line:
            within = problem.line - body_line + 1
            for start, origin in row.body_origin:
                if start <= within:
                    column = origin
        else:
            name = by_line.get(problem.line)
            column = row.origin.get(name) if name else None
            if name == "source" and column is None:
                column = next((c for f, c in row.origin.items() if f.startswith("source.")),
                              None)
        message = problem.message + ADVICE.get(problem.code, "")
        if name in row.origin and row.origin[name] is None:
            message += " (the value given with --set)"
        moved.append(at(source, row.index, column, problem.severity, problem.code, message,
                        problem.hint))
    return moved


def as_text(problems: Sequence[Reported]) -> str:
    return "".join(f"{p.where}: {p.severity}: {p.text} [{p.code}]\n" for p in problems)


def as_github(problems: Sequence[Reported]) -> str:
    """The validator's annotations, on the input file's row and column, with the cell's name
    in front of the message for a workbook."""
    return reporter.as_github([
        dataclasses.replace(p, message=f"{p.where.removeprefix(p.path + ':')}: {p.message}")
        if "!" in p.where else p for p in problems])


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
