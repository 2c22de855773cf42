"""`caseshelf pdf`: one compendium, or (`--all`, `make pdf`) the whole collection and each
UN region in every site language, into dist/ where the download page finds them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..cases import checker
from ..cases.cache import CheckCache
from ..cases.model import Case
from ..editions.downloads import COMPENDIUM
from ..progress import showing
from ..site import i18n
from .contents import arrange
from .project import Project
from .render import SHARE, Book, write_pdf
from .selection import Selection


class NoCases(Exception):
    """The selection holds no case, or a case file has an error."""


@dataclass(frozen=True)
class Job:
    """One compendium to make."""

    selection: Selection
    language: str
    target: Path | None = None  # None: its usual name in dist/


def file_name(selection: Selection, language: str, newest: str) -> str:
    """caseshelf-compendium_<language>_<date>.pdf for the whole collection,
    caseshelf-compendium-<selection>_<language>_<date>.pdf for a part, the date the
    newest case's (the download page reads these names)."""
    part = selection.slug()
    return f"{COMPENDIUM}{'-' + part if part else ''}_{language}_{newest}.pdf"


def load_cases(project: Project, cache: str | Path | None = None) -> list[Case]:
    """The project's cases; NoCases with the validator's messages if one has an error."""
    from ..cases import reporter

    report = checker.check_paths([project.cases_dir],
                                 cache=CheckCache(cache) if cache else None)
    if report.errors:
        raise NoCases(reporter.as_build_failure(report.errors))
    return report.cases


def make(project: Project, cases: Sequence[Case], job: Job, dist: Path,
         progress: bool = False, share: int = SHARE) -> Path:
    """Write one compendium; its path."""
    gettext = i18n.translations(job.language).gettext
    contents = arrange(cases, job.selection, job.language, site_name=project.site_name,
                       case_url=project.case_url, gettext=gettext)
    if not contents.parts:
        raise NoCases("no case matches the selection "
                      f"({' · '.join(job.selection.labels('en')) or 'the whole collection'})")
    book = Book(project.site_name, project.site_url, project.licence, job.language,
                tuple(job.selection.labels(job.language)))
    target = job.target or dist / file_name(job.selection, job.language,
                                            contents.newest.isoformat())
    label = target.name if progress else None
    return write_pdf(book, contents, target, progress=label, share=share)


def region_jobs(cases: Sequence[Case], languages: Sequence[str]) -> list[Job]:
    """The whole collection and each UN region with cases, in each language: what
    `make pdf` builds and the deploy workflow publishes."""
    regions = sorted({region for case in cases for region in case.regions})
    selections = [Selection(), *(Selection(regions=(region,)) for region in regions)]
    return [Job(selection, language) for language in languages for selection in selections]


def make_all(project: Project, cases: Sequence[Case], jobs: Sequence[Job], dist: Path,
             processes: int | None = None, report=print) -> list[Path]:
    """Every job, on every core; each file reported as it is written."""
    processes = min(processes or os.cpu_count() or 1, len(jobs)) or 1
    made = []
    if processes == 1:
        for job in jobs:
            made.append(make(project, cases, job, dist, progress=showing()))
            report(made[-1])
        return made
    with ProcessPoolExecutor(processes) as pool:
        for path in pool.map(_make_one, [(project, cases, job, dist) for job in jobs]):
            made.append(path)
            report(path)
    return made


def _make_one(arguments: tuple) -> Path:
    return make(*arguments)
