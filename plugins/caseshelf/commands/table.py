"""A sheet's rows as cases for `caseshelf import`: the header row found, each column given its
field (by name or by `--map`), and each row's cells made front-matter values and a body.
What cannot be read is said at its cell, as a Note; nothing here writes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..cases.problems import Severity
from . import columns
from .columns import Row
from .sheets import Sheet, cell_name

HEADER_ROWS = 10  # the header is looked for in the first rows that hold anything


@dataclass(frozen=True)
class Note:
    """A problem at a place in an input file (row and column 0-based; None for none)."""

    severity: Severity
    code: str
    message: str
    row: int | None = None
    column: int | None = None
    hint: str | None = None


@dataclass
class Table:
    """The rows of a sheet as cases, and what was said while reading them."""

    sheet: Sheet
    header: int | None = None
    fields: dict[int, str] = field(default_factory=dict)  # column -> field
    pending: list[int] = field(default_factory=list)  # the rows to make cases of, in order
    notes: list[Note] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)  # rows not made cases, reported above
    blank: int = 0  # empty rows below the header: no case, and said in the count


def _blank(row: list[Any]) -> bool:
    return all(columns.text(cell) == "" for cell in row)


def _fields_of(names: list[Any], mapping: Mapping[str, str]) -> dict[int, str]:
    mapped = {columns.normal(k): v for k, v in mapping.items()}
    found = {}
    for column, name in enumerate(names):
        written = columns.text(name)
        if not written:
            continue
        target = mapped.get(columns.normal(written)) or columns.field_for(written)
        if target:
            found[column] = target
    return found


def read(sheet: Sheet, mapping: Mapping[str, str]) -> Table:
    """The cases in a sheet, one a row, under the first row whose names are known."""
    table = Table(sheet)
    filled = [r for r, row in enumerate(sheet.rows) if not _blank(row)]
    if not filled:
        table.notes.append(Note(Severity.ERROR, "empty-sheet", "the sheet is empty: no row "
                                "holds anything"))
        return table
    candidates = filled[:HEADER_ROWS]
    scored = [(r, _fields_of(sheet.rows[r], mapping)) for r in candidates]
    header = next((r for r, found in scored if len(found) >= 2 or (
        found and len([c for c in sheet.rows[r] if columns.text(c)]) == 1)), None)
    if header is None:
        names = ", ".join(repr(columns.text(c)) for c in sheet.rows[filled[0]] if columns.text(c))
        table.notes.append(Note(
            Severity.ERROR, "no-header", f"no column names that caseshelf knows in the first "
            f"rows (the first row holds {names[:200]}); name the columns as in docs/import.md, "
            "or map them with --map COLUMN=FIELD", filled[0], 0))
        table.refused = filled[1:]
        return table
    table.header = header
    if header != filled[0]:
        skipped = [r for r in filled if r < header]
        table.notes.append(Note(
            Severity.WARNING, "header-not-first", f"the column names are on row {header + 1}, "
            f"not the first row; {len(skipped)} row(s) above them are not read as cases", header,
            0))
    table.fields = dict(scored[candidates.index(header)][1])
    _check_header(table, mapping)
    if any(n.severity is Severity.ERROR for n in table.notes):
        table.refused = [r for r in filled if r > header]
        return table
    merged_rows = _merged(table)
    for r in range(header + 1, len(sheet.rows)):
        if _blank(sheet.rows[r]):
            table.blank += 1
            continue
        if r in merged_rows:
            table.refused.append(r)
            continue
        table.pending.append(r)
    return table


def rows(table: Table) -> Iterator[Row]:
    """Each pending row as a case's values, made as it is asked for, so that the rows made
    first are checked while the next are made."""
    for r in table.pending:
        yield _row(table, r)


def _check_header(table: Table, mapping: Mapping[str, str]) -> None:
    names = table.sheet.rows[table.header]
    seen: dict[str, int] = {}
    by_field: dict[str, int] = {}
    for column, name in enumerate(names):
        written = columns.text(name)
        if not written:
            continue
        key = columns.normal(written)
        if key in seen:
            table.notes.append(Note(
                Severity.ERROR, "duplicate-column", f"two columns are named {written!r} "
                f"({cell_name(table.header, seen[key])} and {cell_name(table.header, column)}); "
                "rename one, since caseshelf cannot tell which to read", table.header, column))
            continue
        seen[key] = column
        target = table.fields.get(column)
        if target is None:
            hint = columns.suggestion(written)
            table.notes.append(Note(
                Severity.WARNING, "unknown-column", f"the column {written!r} is not a field "
                "caseshelf knows, and is not read; map it with --map "
                f"{written!r}=FIELD if it should be", table.header, column,
                f"'{hint}'" if hint else None))
        elif target != columns.DERIVED and target in by_field:
            other = by_field[target]
            table.notes.append(Note(
                Severity.ERROR, "duplicate-column", f"the columns {columns.text(names[other])!r} "
                f"and {written!r} both fill '{target}'; keep one, or map one elsewhere with "
                "--map", table.header, column))
        else:
            by_field[target] = column


def _merged(table: Table) -> set[int]:
    """The rows that hold merged cells, each reported once at its first merged cell."""
    rows: set[int] = set()
    for (r1, c1), (r2, c2) in table.sheet.merged:
        area = f"{cell_name(r1, c1)}:{cell_name(r2, c2)}"
        table.notes.append(Note(
            Severity.ERROR, "merged-cells", f"the cells {area} are merged, so only the first "
            "holds a value; unmerge them and give each row its own value", r1, c1))
        rows.update(range(r1, r2 + 1))
    if table.header in rows:
        table.notes[-1] = Note(Severity.ERROR, "merged-cells", "the column names have merged "
                               "cells; unmerge them and give each column its own name",
                               table.header, 0)
    return rows


def _row(table: Table, r: int) -> Row:
    row = Row(r)
    cells = table.sheet.rows[r]
    list_fields = _list_fields()
    sections: list[tuple[str, str, int]] = []
    for column, target in sorted(table.fields.items()):
        if target == columns.DERIVED or column >= len(cells):
            continue
        if target.startswith("section."):
            written = columns.text(cells[column])
            if written:
                sections.append((target.split(".", 1)[1], written, column))
            continue
        found = columns.value(target, cells[column], list_fields)
        if found is None:
            continue
        if target == "body":
            row.body = found + "\n"
            row.body_origin = [(1, column)]
        elif target.startswith("source."):
            row.data.setdefault("source", {})[target.split(".", 1)[1]] = found
        else:
            row.data[target] = found
        row.origin[target] = column
    if sections and row.body is None:
        order = {name: i for i, name in enumerate(columns.SECTIONS)}
        sections.sort(key=lambda part: order[part[0]])
        language = row.data.get("language")
        row.body, row.body_origin = columns.sections_body(
            sections, language if isinstance(language, str) else "en")
    return row


def _list_fields() -> frozenset[str]:
    from .fixer import _list_fields as listed

    return frozenset(listed()) | {"sdgs"}
