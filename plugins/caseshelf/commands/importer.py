"""`caseshelf import`: cases from spreadsheets (CSV, XLSX, ODS) and from caseshelf's own
cases.json, with the validator's discipline.

Every row becomes a case file's text: its cells as front-matter, made canonical by
`caseshelf fix`, then checked by the validator as if it were on disk. A problem is reported
at the cell it came from. Nothing is written while any row has an error, unless `--partial`
is given; then the valid rows are written and the others listed. The rows read always equal
the cases written (or found unchanged) plus the rows reported.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..cases import checker, document, front_matter
from ..cases.problems import CaseFileError, Severity
from ..cases.rules import SLUG
from ..cases.text import MAX_SLUG, short_slug
from . import columns, fixer, import_checks, import_report, opendata_input, sheets, table, yaml_text
from .columns import Row
from .table import Note

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # what a file name may hold


class UsageError(Exception):
    """A wrong option: exit 2."""


@dataclass
class Source:
    """Where rows came from: a sheet, or a cases.json file."""

    path: str
    sheet: sheets.Sheet | None = None
    lines: dict[int, int] = field(default_factory=dict)  # JSON: record -> line

    def place(self, row: int | None, column: int | None) -> tuple[str, int, int]:
        """(where, line, column) of a cell, as a person finds it."""
        if self.sheet is not None and row is not None:
            line, col = self.sheet.line_col(row, column)
            return self.sheet.where(row, column), line, col
        line = self.lines.get(row, 1) if row is not None else 1
        return f"{self.path}:{line}:1", line, 1


@dataclass
class Planned:
    """A file the import would write, and why."""

    path: Path
    text: str
    status: str  # 'new', 'changed' or 'unchanged'
    old: str | None = None
    changes: list[str] = field(default_factory=list)


@dataclass
class Result:
    staged: Path | None = None  # files written ahead, to be moved into place or discarded
    rows: int = 0
    blank: int = 0
    planned: list[Planned] = field(default_factory=list)
    problems: list[import_report.Reported] = field(default_factory=list)
    failed_rows: int = 0
    written: bool = False


def parse_pairs(pairs: Sequence[str], option: str) -> dict[str, str]:
    """`COLUMN=FIELD` or `FIELD=VALUE` pairs, checked: a usage error names the bad one."""
    found: dict[str, str] = {}
    for pair in pairs:
        key, sign, value = pair.partition("=")
        if not sign or not key.strip():
            raise UsageError(f"{option} {pair!r}: write it as {option} "
                             f"{'COLUMN=FIELD' if option == '--map' else 'FIELD=VALUE'}")
        named = value if option == "--map" else key
        target = columns.field_named(named)
        if target is None:
            hint = columns.suggestion(named)
            raise UsageError(f"{option} {pair!r}: {named.strip()!r} is not a field"
                             + (f"; did you mean {hint!r}?" if hint else "")
                             + " (the fields are listed in docs/import.md)")
        if option == "--set" and target.startswith("section.") or target == "slug":
            raise UsageError(f"{option} {pair!r}: give every row its own {target} in a "
                             "column; --set is for a value that every row shares")
        if option == "--map":
            found[key.strip()] = target
        else:
            found[target] = value.strip()
    return found


def plan(paths: Sequence[str], *, folder: str = "cases", mapping: dict[str, str] | None = None,
         given: dict[str, str] | None = None, sheet_name: str | None = None,
         update: bool = False, today: dt.date | None = None, progress: bool = False,
         ahead: bool = False) -> Result:
    """What importing `paths` into `folder` would write, and every problem, at its cell.
    With `ahead`, each valid row's file is also written into a staging folder beside
    `folder` as soon as it is checked; `write` moves them into place, `discard` drops them."""
    today = today or dt.date.today()
    if Path(folder).exists() and not Path(folder).is_dir():
        raise UsageError(f"--dir {folder}: that is a file, not a folder")
    twice = [p for p in set(paths) if list(paths).count(p) > 1]
    if twice:
        raise UsageError(f"{twice[0]} is given twice; its rows would be imported twice")
    result = Result()
    inputs = []
    for path in paths:
        source, rows, count, notes, refused, translations, blank = _read(
            path, mapping or {}, sheet_name)
        result.blank += blank
        for note in notes:
            result.problems.append(import_report.of_note(source, note))
        result.rows += count + len(refused)
        result.failed_rows += len(refused)
        inputs.append((source, rows, translations))
    try:
        _plan_rows(result, inputs, folder, given or {}, update, today, progress, ahead)
    except BaseException:
        discard(result)
        raise
    return result


def _plan_rows(result: Result, inputs: list, folder: str, given: dict[str, str], update: bool,
               today: dt.date, progress: bool, ahead: bool) -> None:
    work: list[tuple[Source, Row, list[dict], Job]] = []
    with tempfile.TemporaryDirectory(prefix="caseshelf-import-") as staging, \
            import_checks.Checks(result.rows - result.failed_rows, progress,
                                 _staging(result, folder, ahead)) as checks:
        context = Context(Path(folder), Path(staging), {}, given, update, today)
        for source, rows, translations in inputs:
            for row in rows:
                job = _prepare(source, row, context)
                work.append((source, row, translations.get(row.index, []), job))
                checks.add(str(job.path), job.data, job.body, today)
        for (source, row, translated, job), outcome in zip(work, checks.results(), strict=True):
            if _finish(source, row, translated, job, outcome, context, result):
                result.failed_rows += 1


def _read(path: str, mapping: dict[str, str], sheet_name: str | None):
    """One input file: (source, its rows, how many, notes, refused rows, translations, the
    number of blank rows). A sheet's rows are made as they are asked for."""
    if not Path(path).is_file():
        raise UsageError(f"no such file: {path}")
    try:
        if opendata_input.is_cases_json(path):
            lines, rows, translations = opendata_input.read(path)
            return Source(path, lines=lines), rows, len(rows), [], [], translations, 0
        sheet = sheets.read(path, sheet_name)
    except (sheets.SheetError, opendata_input.InputError) as error:
        note = Note(Severity.ERROR, "unreadable-input", str(error))
        return Source(path), [], 0, [note], [], {}, 0
    read = table.read(sheet, mapping)
    return (Source(path, sheet), table.rows(read), len(read.pending), read.notes, read.refused,
            {}, read.blank)


@dataclass(frozen=True)
class Context:
    """What every row of one import shares."""

    target: Path  # the folder of case files
    staging: Path  # where a case's translations are checked beside it
    taken: dict[str, str]  # slug -> the place of the row that took it
    given: dict[str, str]  # --set
    update: bool
    today: dt.date


@dataclass
class Job:
    """A row made ready to check: the file it makes, its values, and the file there now."""

    path: Path
    data: dict
    body: str
    old: str | None
    trouble: import_report.Reported | None


def _prepare(source: Source, row: Row, context: Context) -> Job:
    """A row's values with --set and the default date put in, its slug found, and merged
    with the case file it would change."""
    data = dict(row.data)
    for name, value in context.given.items():
        _give(data, row, name, value)
    if "added" not in data:
        data["added"] = context.today.isoformat()
    slug, trouble = _slug(data, row, context.taken, source)
    path = context.target / f"{slug}.md"
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    body = row.body
    if old is not None:
        data, body = _merged(path, old, data, body, row)
    return Job(path, _plain(data), body or "", old, trouble)


def _finish(source: Source, row: Row, translated: list[dict], job: Job, outcome: tuple,
            context: Context, result: Result) -> bool:
    """A checked row planned, or its problems reported at its cells. True if it fails."""
    fixed, changes, problems = outcome
    own = [job.trouble] if job.trouble else []
    own += import_report.of_problems(source, row, problems, fixed)
    old, path = job.old, job.path
    status = "new" if old is None else "unchanged" if old == fixed else "changed"
    if status == "changed" and not context.update:
        own.append(import_report.at(
            source, row.index, None, Severity.ERROR, "case-exists",
            f"{path} already exists and this row would change it; give --update to change "
            "the fields this sheet holds, or give the row another title or slug"))
    planned = [Planned(path, fixed, status, old, changes)]
    if translated and not any(p.severity is Severity.ERROR for p in own):
        planned += _translations(source, row, path.stem, fixed, translated, context, own)
    result.problems += own
    if any(p.severity is Severity.ERROR for p in own):
        return True
    result.planned += planned
    return False


def _give(data: dict, row: Row, name: str, value: str) -> None:
    """A `--set` value, for a row whose sheet has no value of its own for that field."""
    if name == "body":
        if row.body is None:
            row.body = value.replace("\\n", "\n") + "\n"
            row.body_origin = [(1, None)]
        return
    if name.startswith("source."):
        holder = data.setdefault("source", {})
        key = name.split(".", 1)[1]
    else:
        holder, key = data, name
    if key in holder:
        return
    lists = table._list_fields()
    holder[key] = columns.value(name, value, lists)
    row.origin.setdefault(name, None)


def _slug(data: dict, row: Row, taken: dict[str, str],
          source: Source) -> tuple[str, import_report.Reported | None]:
    """The row's file name: its slug cell, else made from its title; a second row whose
    title makes the same slug gets '-2', '-3' in the order of the rows."""
    given = data.pop("slug", None)
    place = source.place(row.index, row.origin.get("slug"))[0]
    if given is not None:
        slug = str(given).strip()
        if not SLUG.match(slug) or len(slug) > MAX_SLUG:
            return f"row-{row.index + 1}", import_report.at(
                source, row.index, row.origin.get("slug"), Severity.ERROR, "bad-slug",
                f"the slug {slug!r} cannot be a file name: use lowercase letters a-z, digits "
                f"and hyphens, at most {MAX_SLUG} characters", f"'{short_slug(slug)}'")
        if slug in taken:
            return slug, import_report.at(
                source, row.index, row.origin.get("slug"), Severity.ERROR, "duplicate-slug",
                f"the slug {slug!r} is already that of the row at {taken[slug]}")
        taken[slug] = place
        return slug, None
    title = data.get("title")
    base = short_slug(title) if isinstance(title, str) and title.strip() else ""
    base = base or f"row-{row.index + 1}"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base[:MAX_SLUG - len(str(n)) - 1]}-{n}"
    taken[slug] = place
    return slug, None


def _merged(path: Path, old: str, data: dict, body: str | None,
            row: Row) -> tuple[dict, str | None]:
    """An existing case with the fields the row holds put in; its body unless the row has
    one. A file that cannot be read keeps only the row's values (the check says why)."""
    try:
        doc = document.split(str(path), old)
        existing = front_matter.parse(doc.yaml_text, path=str(path), first_line=doc.yaml_line)
    except CaseFileError:
        return data, body
    merged = dict(existing.data) if isinstance(existing.data, dict) else {}
    for key, value in data.items():
        if key == "added" and "added" not in row.data and "added" in merged:
            continue  # the default date of a new case, not a value of the sheet
        if key == "source" and isinstance(merged.get("source"), dict):
            merged["source"] = {**merged["source"], **value}
        else:
            merged[key] = value
    return merged, body if body is not None else doc.body


def _plain(data: dict) -> dict:
    """Front-matter values as YAML writes them: dates as text."""
    return {k: (v.isoformat() if isinstance(v, dt.date) else _plain(v) if isinstance(v, dict)
                else v) for k, v in data.items()}


def _translations(source: Source, row: Row, slug: str, original: str, translated: list[dict],
                  context: Context, own: list[import_report.Reported]) -> list[Planned]:
    """A case's translations from cases.json, each checked beside its original (in the
    staging folder, since the original may not be written yet)."""
    planned = []
    (context.staging / f"{slug}.md").write_text(original, encoding="utf-8")
    for item in translated:
        if not LANGUAGE_TAG.fullmatch(item["language"]):
            own.append(import_report.at(
                source, row.index, None, Severity.ERROR, "bad-language",
                f"the translation {item['language']!r} is not a language tag (fr, zh-Hans); "
                "it cannot be a file name"))
            continue
        name = f"{slug}.{item['language']}.md"
        staged = context.staging / name
        text = f"---\n{yaml_text.dump(item['data'])}---\n{item['body']}"
        fixed, changes = fixer.fix_text(text, str(staged))
        checked = checker.check_text(str(staged), fixed, context.today)
        own += import_report.of_problems(source, row, checked.problems, fixed)
        path = context.target / name
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        status = "new" if old is None else "unchanged" if old == fixed else "changed"
        if status == "changed" and not context.update:
            own.append(import_report.at(
                source, row.index, None, Severity.ERROR, "case-exists",
                f"{path} already exists and would change; give --update to change it"))
        planned.append(Planned(path, fixed, status, old, changes))
    return planned


def _staging(result: Result, folder: str, ahead: bool) -> Path | None:
    """A hidden folder beside `folder` (on the same disk, so a move is a rename) for the
    files written ahead; None without `ahead`."""
    if not ahead:
        return None
    target = Path(folder).resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        result.staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.importing-",
                                              dir=target.parent))
    except OSError:  # no room beside the folder: the files are written at the end instead
        return None
    return result.staged


def write(result: Result) -> None:
    """Write the planned files that are new or changed, each whole or not at all: a file
    written ahead is moved into place, any other written beside it and then moved."""
    folders: set[Path] = set()
    for item in result.planned:
        if item.status == "unchanged":
            continue
        if item.path.parent not in folders:
            item.path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(item.path.parent)
        staged = result.staged / item.path.name if result.staged else None
        if staged is not None and staged.is_file():
            try:
                os.replace(staged, item.path)
                continue
            except OSError:  # another disk after all: write it here instead
                pass
        temporary = item.path.with_name(f".{item.path.name}.importing")
        temporary.write_text(item.text, encoding="utf-8", newline="")
        os.replace(temporary, item.path)  # whole, old or new: never half a file
    result.written = True


def discard(result: Result) -> None:
    """Remove the staging folder and whatever is left in it."""
    if result.staged is not None:
        shutil.rmtree(result.staged, ignore_errors=True)
        result.staged = None


def preview(result: Result) -> str:
    """What --dry-run prints: each new file whole, and a diff of each changed one."""
    out = []
    for item in result.planned:
        if item.status == "new":
            out.append(f"would create {item.path}:\n" + re.sub(r"(?m)^", "    ", item.text))
        elif item.status == "changed":
            diff = difflib.unified_diff((item.old or "").splitlines(keepends=True),
                                        item.text.splitlines(keepends=True),
                                        str(item.path), str(item.path))
            out.append(f"would change {item.path}:\n" + "".join(diff))
    return "".join(part if part.endswith("\n") else part + "\n" for part in out)


def any_errors(result: Result) -> bool:
    return any(p.severity is Severity.ERROR for p in result.problems)
