"""Rendering on every core. Once MkDocs has read every page and the Jinja environment is
ready (`on_env`), the build forks a worker for each other core. Each worker renders a share
of caseshelf's generated pages (the case and browse pages) with MkDocs' own `_build_page`,
so every plugin event a page has runs as it would, and writes them; the build itself renders
the rest. MkDocs then skips the workers' pages (they are marked excluded until the end of
the build), and `join` waits for the workers, passes on what they logged, so `--strict`
counts it, and checks the anchors of their pages' links.

A worker that fails fails the build with its error. Each page is rendered exactly once
whatever the number of workers, from the same state, so the output is the same byte for byte
(a test builds the same site with one and with two)."""

from __future__ import annotations

import json
import logging
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Mapping, Sequence

from mkdocs.commands.build import _build_page
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .progress import Count, Line

# What the build's progress line says (progress.py) before and while pages are written
CHECKING = "caseshelf: checking the cases"
READING = "caseshelf: converting and reading the pages"
PAGES = "caseshelf: {done} of {total} pages written"

# Fewer generated pages than this: forking costs more than it saves.
MINIMUM_PAGES = 200


def processes(configured: int | None, pages: int) -> int:
    """How many processes render `pages` generated pages: as configured, else one per core
    this process may run on, when there are enough pages to be worth a fork."""
    if configured:
        return configured
    if pages < MINIMUM_PAGES:
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def spread(work: Callable[[list], list], items: list, count: int) -> list:
    """`work` over `items` in `count` processes: this one does every count-th item from the
    first, a forked worker each other share; their results come back pickled, in the order
    of the shares. A worker's error fails the build with it."""
    if count < 2 or not hasattr(os, "fork"):
        return work(items)
    def worker(share: list) -> Callable[[], bytes]:
        def run() -> bytes:
            try:
                return pickle.dumps((True, work(share)))
            except BaseException:
                return pickle.dumps((False, traceback.format_exc()))
        return run

    children = [_fork(worker(items[n::count])) for n in range(1, count)]
    results, failures = work(items[0::count]), []
    for pid, read in children:
        data, _ = _reap(pid, read)
        done, value = pickle.loads(data) if data else (False, f"worker {pid} ended")
        if done:
            results += value
        else:
            failures.append(value)
    if failures:
        raise PluginError("a worker process failed:\n" + failures[0])
    return results


def _fork(run: Callable[[], bytes]) -> tuple[int, int]:
    """A worker process that runs `run` and sends back what it returns; (its pid, the read
    end of its pipe). The worker never returns here."""
    read, write = os.pipe()
    for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
        handler.flush()  # nothing buffered is written twice
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            data = run()
            while data:
                data = data[os.write(write, data):]
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _reap(pid: int, read: int) -> tuple[bytes, int]:
    """All a worker sent, and its exit status, once it has ended."""
    chunks = []
    while chunk := os.read(read, 1 << 20):
        chunks.append(chunk)
    os.close(read)
    return b"".join(chunks), os.waitpid(pid, 0)[1]


class _Capture(logging.Handler):
    """In a worker: what it logs, kept to be passed on by the build."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class Workers:
    """The worker processes of one build and the pages each renders."""

    def __init__(self) -> None:
        self.children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
        self.kept = None  # rendered.KeptPages of this build: see `start`
        self.theirs: list[tuple[File, InclusionLevel]] = []  # the workers' pages, excluded
        # here meanwhile, and their inclusion
        self.written: list[str] = []  # every generated page's path in the site (`start`)
        self.files: Files | None = None
        self.line = Line(False)  # the build's progress (the plugin's), and its count of
        self.count = Count(False, 0, PAGES)  # pages written or linked, in every process
        self.pid = os.getpid()

    def start(self, count: int, generated: Mapping[str, bool], config, nav, env,
              files: Files) -> list[tuple[str, bool]]:
        """Fork `count - 1` workers over the generated pages (`generated`: whether each, by
        its source path, is a case page), and return every generated page's path in the site
        and whether it is a case page, in the order MkDocs lists them, which is the order
        they are rendered in (each process renders its share in that order). With `kept`
        (rendered.KeptPages), each process links into the site the pages of its share that
        an earlier build kept instead of rendering them; MkDocs skips those of this one's,
        as it skips the workers'."""
        kept = self.kept
        doc_files = files.documentation_pages()
        env.globals["cs_pages"] = doc_files  # the sitemap's, as MkDocs would list them
        pages = [file for file in doc_files if file.src_uri in generated]
        shares = [pages[n::count] for n in range(count)]
        self.files, self.pid = files, os.getpid()
        if count < 2 or not hasattr(os, "fork"):
            shares = [pages]
        self.count = Count(self.line.show, len(doc_files), PAGES)
        for share in shares[1:]:
            self.children.append(_fork(lambda share=share: _work(
                share, config, nav, env, doc_files, kept, self.count)))
            self.theirs += [(file, file.inclusion) for file in share]
        self.line.phase(self.count.text)
        if kept is not None:
            restored = [(file, file.inclusion) for file in shares[0] if kept.restore(file.page)]
            self.count.add(len(restored))
            self.theirs += restored
        for file, _ in self.theirs:
            file.inclusion = InclusionLevel.EXCLUDED
        self.written = [file.dest_uri for file in pages]
        return [(file.dest_uri, generated[file.src_uri]) for file in pages]

    def rendered(self) -> None:
        """A page this process rendered has been written (a worker counts its own)."""
        if os.getpid() == self.pid:
            self.count.add()

    def join(self, config) -> None:
        """Wait for the workers; pass on what they logged; fail if one failed."""
        failures = []
        for pid, read in self.children:
            data, status = _reap(pid, read)
            text = data.decode("utf-8")
            report = json.loads(text) if text else {"error": f"worker {pid} ended ({status})"}
            for name, level, message in report.get("log", []):
                logging.getLogger(name).log(level, message)
            if self.kept is not None:
                self.kept.used.update(report.get("kept", ()))
            if report.get("error"):
                failures.append(report["error"])
        self.children = []
        self.line.update(force=True)  # how many pages were written in all
        for file, inclusion in self.theirs:
            file.inclusion = inclusion
            file.page.validate_anchor_links(files=self.files,
                                            log_level=config.validation.links.anchors)
        self.theirs = []
        if failures:
            raise PluginError("rendering pages in a worker process failed:\n" + failures[0])
        if self.kept is not None:  # every page is written: this process's are kept, and
            self.kept.link()  # the entries none used go
            self.kept.prune()

    def stop(self) -> None:
        """The build failed: end the workers; clear the progress line."""
        self.line.close()
        for pid, read in self.children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            os.close(read)
        self.children, self.theirs = [], []


def _work(share: Sequence[File], config, nav, env, doc_files: Sequence[File],
          kept=None, count: Count | None = None) -> bytes:
    """A worker's life: render its pages (or link those kept), then keep those it rendered;
    its report (JSON): what it logged, the entries of kept pages it used, and its error if
    it failed."""
    capture = _Capture()
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger().addHandler(capture)
    logging.getLogger("mkdocs").addHandler(capture)
    logging.getLogger("mkdocs").propagate = False
    report: dict = {}
    try:
        for file in share:
            if kept is None or not kept.restore(file.page):
                _build_page(file.page, config, doc_files, nav, env)
            if count is not None:
                count.add()
        if kept is not None:  # every page of the share is written
            kept.link()
    except BaseException:
        report["error"] = traceback.format_exc()
    report["log"] = capture.records
    report["kept"] = sorted(kept.used) if kept is not None else []
    return json.dumps(report).encode("utf-8")
