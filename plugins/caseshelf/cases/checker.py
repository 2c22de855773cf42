"""Check case files: collect every problem in every file, then the problems between files.

`check_paths` never stops at the first error and never raises for bad input: every
unreadable, malformed or hostile file becomes a `Problem` with a position. Files that
pass become `Case` objects, so the validator and the site build share one code path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cache as kept
from . import countries, document, front_matter, rules, schema_check, translations, vocabularies
from .collecting import UsageError, collect  # noqa: F401  (what callers find here)
from .model import Case, Translation
from .problems import CaseFileError, Problem, Severity

PARALLEL_FROM = 400  # below this many files, starting worker processes costs more than it saves


@dataclass
class FileResult:
    path: str
    problems: list[Problem]
    case: Case | None = None
    title_at: tuple[int, int] = (1, 1)
    translation: Translation | None = None  # a valid translation (`<slug>.<language>.md`)
    data: Any = None  # the front-matter's values, when they could be read (for the cache)
    title: str | None = None  # a valid case's title (the rules between files read it), set
    # when `case` is, and without it when the case was not asked for (check_paths' `cases`)


@dataclass
class Report:
    """What checking a set of files found: every file checked, every problem, and the valid
    cases, each with its valid translations (a translation is never a case of its own)."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.WARNING]


def check_file(path: str | Path, today: dt.date | None = None, *,
               cases: bool = True) -> FileResult:
    """Check one case file completely; never raises for anything the file contains. Without
    `cases`, a valid case's title but not the case."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(name, [document.UNREADABLE.at(
            name, 1, 1, f"the file cannot be read: {exc.strerror}")])
    return check_bytes(name, data, today, cases=cases)


def check_bytes(name: str, data: bytes, today: dt.date | None = None, *,
                cases: bool = True) -> FileResult:
    """Check the bytes of the case file at `name`."""
    try:
        text = document.decode(name, data)
    except CaseFileError as exc:
        return FileResult(name, [exc.problem])
    return check_text(name, text, today, cases=cases)


def check_text(name: str, text: str, today: dt.date | None = None, *,
               cases: bool = True) -> FileResult:
    """Check the decoded text of the case file at `name` (as `fix` checks what it would
    write); never raises for anything the text contains."""
    today = today or dt.date.today()
    try:
        doc = document.split(name, text)
        fm = front_matter.parse(doc.yaml_text, path=name, first_line=doc.yaml_line)
    except CaseFileError as exc:
        return FileResult(name, [exc.problem])
    if not isinstance(fm.data, dict):
        kind = "empty" if fm.data is None else schema_check._kind_of(fm.data)
        return FileResult(name, [front_matter.NOT_A_MAPPING.at(
            name, doc.yaml_line if fm.data is None else fm.where(())[0], 1,
            f"the front-matter must be 'key: value' lines, but it is {kind}")])
    translation = translations.parse_name(name)
    if translation:
        return _check_translation(translation, doc, fm, today)
    problems = list(schema_check.check(fm, name))
    slug = os.path.splitext(os.path.basename(name))[0]  # as Path.stem
    context = rules.CaseContext(name, slug, fm, doc.body, doc.body_line, today)
    problems += rules.check(context)
    case = title = None
    if not any(p.severity == Severity.ERROR for p in problems):
        title = fm.data["title"]  # as Case.from_data takes it
        case = Case.from_data(slug, name, fm.data, doc.body) if cases else None
    return FileResult(name, problems, case, fm.where(("title",)), data=fm.data, title=title)


def _check_translation(name: translations.TranslationName, doc: document.Document,
                       fm: front_matter.FrontMatter, today: dt.date) -> FileResult:
    """Check a translation: the schema of translations on the fields it may hold (the
    original's own fields are reported by a rule, where they stand), then its rules."""
    path = doc.path
    own = translations.without(fm, translations.original_only(fm))
    problems = list(schema_check.check(own, path, kind="translation"))
    context = rules.TranslationContext(path, name.slug, fm, doc.body, doc.body_line, today,
                                       name, translations.read_original(name))
    problems += rules.check_translation(context)
    result = None
    if name.language and not any(p.severity == Severity.ERROR for p in problems):
        result = Translation.from_data(name.language, path, fm.data, doc.body)
    return FileResult(path, problems, title_at=fm.where(("title",)), translation=result,
                      data=fm.data)


def _from_entry(name: str, data: bytes, entry: dict, cases: bool = True) -> FileResult:
    """A file's result as the cache kept it: its problems, and the case or translation made
    again from the front-matter's values and the body (what checking it made); without
    `cases`, a valid case's title only."""
    problems = [kept.problem_of(row) for row in entry["problems"]]
    result = FileResult(name, problems, title_at=tuple(entry["title_at"]), data=entry["data"])
    if any(p.severity == Severity.ERROR for p in problems) or not isinstance(result.data, dict):
        return result
    translation = translations.parse_name(name)
    if translation is None:
        result.title = result.data["title"]  # as Case.from_data takes it
    if not cases:
        return result
    body = document.split(name, document.decode(name, data)).body
    if translation is None:
        result.case = Case.from_data(Path(name).stem, name, result.data, body)
    elif translation.language:
        result.translation = Translation.from_data(translation.language, name, result.data,
                                                   body)
    return result


def _original_bytes(name: str) -> bytes | None:
    """For a translation, its original's bytes (its result depends on them); else None."""
    translation = translations.parse_name(name)
    try:
        return translation.original.read_bytes() if translation else None
    except OSError:
        return None


def with_translations(cases: Sequence[Case], results: Iterable[FileResult]) -> list[Case]:
    """The cases, each with the valid translations beside it, sorted by language."""
    found: dict[tuple[str, str], list[Translation]] = {}
    for result in results:
        if result.translation:
            folder, name = os.path.split(result.path)
            found.setdefault((folder, name.split(".", 1)[0]), []).append(result.translation)
    attached = []
    for case in cases:
        own = found.get((os.path.dirname(case.path), case.slug))
        if own:
            case = dataclasses.replace(
                case, translations=tuple(sorted(own, key=lambda t: t.language.casefold())))
        attached.append(case)
    return attached


def warm_up() -> None:
    """Load the vocabularies, ISO tables and compiled schema that every check needs."""
    countries.is_valid("UA-21")
    countries.is_valid("KZ")
    vocabularies.regions()
    vocabularies.targets()
    vocabularies.themes()
    schema_check.warm_up()


def _check_one(path: Path, today: dt.date, cases: bool, data: bool) -> FileResult:
    """check_file; without `cases`, a valid case's title but not the case, and without
    `data`, not the front-matter's values (only the cache keeps them): what no one reads is
    not made, nor sent back from a worker process."""
    result = check_file(path, today, cases=cases)
    if not data:
        result.data = None
    return result


def _check_many(paths: Sequence[Path], today: dt.date, cases: bool = True,
                data: bool = False) -> list[FileResult]:
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [_check_one(p, today, cases, data) for p in paths]
    warm_up()  # load vocabularies once here, so forked workers inherit them
    workers = os.cpu_count() or 2
    n = len(paths)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, n // (workers * 8))
        return list(pool.map(_check_one, paths, [today] * n, [cases] * n, [data] * n,
                             chunksize=chunk))


def _check_kept(paths: Sequence[Path], today: dt.date, cache: kept.CheckCache,
                cases: bool = True) -> list[FileResult]:
    """Each file's result from the cache when its entry holds, else checked (and kept)."""
    results: list[FileResult | None] = [None] * len(paths)
    todo: list[tuple[int, str]] = []  # files to check, and their keys
    for n, path in enumerate(paths):
        name = str(path)
        try:
            data = path.read_bytes()
        except OSError:
            todo.append((n, ""))  # check_file says why it cannot be read
            continue
        entry_key = kept.key(name, data, _original_bytes(name))
        entry = cache.get(entry_key, today)
        try:
            results[n] = _from_entry(name, data, entry, cases) if entry else None
        except (CaseFileError, KeyError, TypeError, ValueError):
            results[n] = None  # an entry that does not fit: the file is checked again
        if results[n] is None:
            todo.append((n, entry_key))
    checked = _check_many([paths[n] for n, _ in todo], today, cases, data=True)
    for (n, entry_key), result in zip(todo, checked, strict=True):
        results[n] = result
        if entry_key and _key_now(paths[n]) == entry_key:  # unchanged while it was checked
            cache.put(entry_key, today, result.problems, result.data, result.title_at)
    return results


def _key_now(path: Path) -> str:
    try:
        return kept.key(str(path), path.read_bytes(), _original_bytes(str(path)))
    except OSError:
        return ""


class Memo:
    """Each file's last result in this process, under what `os.stat` said of the file (and
    of its original, for a translation) before it was read: `serve` checks again only the
    files saved since its last build. Results are dropped when the day changes."""

    def __init__(self) -> None:
        self.day: dt.date | None = None
        self.results: dict[str, tuple[tuple, FileResult]] = {}


def _stat(path: str) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino


def _signature(path: Path, stat: Callable[[str], tuple | None] = _stat) -> tuple | None:
    """What says a file is unchanged: its and its original's time, size and inode."""
    name = str(path)
    translation = translations.parse_name(name)
    found = tuple(stat(str(each)) for each in ((name, translation.original) if translation
                                                 else (name,)))
    return None if None in found else found


def _check_all(files: Sequence[Path], today: dt.date, cache: kept.CheckCache | None,
               cases: bool = True) -> list[FileResult]:
    if cache is None:
        return _check_many(files, today, cases)
    results = _check_kept(files, today, cache, cases)
    cache.save()
    return results


def _check_remembered(files: Sequence[Path], today: dt.date, cache: kept.CheckCache | None,
                      memo: Memo) -> list[FileResult]:
    """The results of the files unchanged since the memo's, and the others checked."""
    if memo.day != today:
        memo.day, memo.results = today, {}
    stat = functools.lru_cache(maxsize=None)(_stat)  # an original is read for each translation
    signatures = [_signature(path, stat) for path in files]
    results: list[FileResult | None] = []
    todo = []
    for path, signature in zip(files, signatures, strict=True):
        last = memo.results.get(str(path))
        results.append(last[1] if signature and last and last[0] == signature else None)
        if results[-1] is None:
            todo.append(path)
    checked = iter(_check_all(todo, today, cache) if todo else [])
    results = [result or next(checked) for result in results]
    memo.results = {str(path): (signature, result)
                    for path, signature, result in zip(files, signatures, results, strict=True)
                    if signature}
    return results  # type: ignore[return-value]


def check_paths(paths: Iterable[str | Path], today: dt.date | None = None, *,
                cache: kept.CheckCache | None = None, memo: Memo | None = None,
                cases: bool = True) -> Report:
    """Check every case file under `paths`, then the rules that span files. With a `cache`,
    a file whose entry holds is not checked again, and the cache is saved. With a `memo`
    (kept by a process that checks again and again), a file unchanged since the memo's
    last check is not read. Without `cases` (`caseshelf validate`: the problems only), the
    report's `cases` is empty, and a file the cache answers for is not read twice."""
    files, stray = collect(paths)
    today = today or dt.date.today()
    if memo is None:
        results = _check_all(files, today, cache, cases)
    else:
        results = _check_remembered(files, today, cache, memo)
    report = Report(files=[r.path for r in results], problems=list(stray))
    for result in results:
        report.problems.extend(result.problems)
        if result.case:
            report.cases.append(result.case)
    report.cases = with_translations(report.cases, results)
    report.problems.extend(rules.check_files(results))
    report.problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    return report

