"""Rows of `caseshelf import` tidied as `caseshelf fix` tidies a file and checked as
`caseshelf validate` checks one, on every core for a large import."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..cases import checker, front_matter
from ..cases.problems import Severity
from . import fixer, yaml_text

PROGRESS_EVERY = 500
PARALLEL_FROM = 200  # rows: below this, starting workers costs more than it saves


class Checks:
    """Rows tidied and checked as they are handed in: on every core for a large import, in
    batches sent to worker processes while the next rows are still being read; the results
    in the order the rows came."""

    def __init__(self, total: int, progress: bool, ahead: Path | None = None):
        self.total, self.progress, self.ahead = total, progress, ahead
        workers = os.cpu_count() or 1
        self.pool = None
        if total >= PARALLEL_FROM and workers >= 2:
            checker.warm_up()  # the vocabularies loaded once, for the forked workers to share
            self.pool = ProcessPoolExecutor(max_workers=workers)
        self.size = max(20, total // (workers * 16))
        self.batch: list[tuple] = []
        self.done: list = []  # results, or futures of batches of results

    def __enter__(self) -> Checks:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def add(self, path: str, data: dict, body: str, today: dt.date) -> None:
        job = (path, data, body, today, self.ahead)
        if self.pool is None:
            self.done.append([_check_one(job)])
            return
        self.batch.append(job)
        if len(self.batch) >= self.size:
            self.done.append(self.pool.submit(_check_batch, self.batch))
            self.batch = []

    def results(self) -> Iterator[tuple]:
        if self.batch:
            self.done.append(self.pool.submit(_check_batch, self.batch))
            self.batch = []
        n = 0
        for part in self.done:
            for outcome in part if isinstance(part, list) else part.result():
                n += 1
                if self.progress and n % PROGRESS_EVERY == 0:
                    print(f"\rchecked {n:,} of {self.total:,} rows", end="", file=sys.stderr)
                yield outcome
        if self.progress and n >= PROGRESS_EVERY:
            print(file=sys.stderr)


def _check_batch(jobs: list[tuple]) -> list[tuple]:
    return [_check_one(job) for job in jobs]


def _check_one(job: tuple) -> tuple[str, list[str], list]:
    """A row's file, tidied as `caseshelf fix` tidies it and checked as `validate` checks it
    on disk: (its text, what fix changed, the problems). A file with no error is also
    written `ahead`, into the staging folder, while the other rows are still checked: the
    import then only moves it into place (importer.write)."""
    path, data, body, today, ahead = job
    fixed_data, changes = fixer.fix_data(front_matter.FrontMatter(data=data))
    text = f"---\n{yaml_text.dump(fixed_data)}---\n{body}"
    problems = checker.check_text(path, text, today).problems
    if ahead is not None and not any(p.severity is Severity.ERROR for p in problems):
        (ahead / Path(path).name).write_text(text, encoding="utf-8", newline="")
    return text, changes, problems
