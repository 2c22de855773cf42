"""Progress of long work on a terminal: one line on stderr, written over in place, of what is
being done and how far (a build's pages, the editions' zip and ZIM files). A short piece of
work shows none (FIRST_AFTER); nothing is shown in CI, into a file or a pipe, or when the
build is asked to be quiet. CASESHELF_PROGRESS=always shows it anyway (the editions' build,
which `caseshelf offline|zim` runs quietly, on the terminal that command shows progress
on); CASESHELF_PROGRESS=never shows none. Imports nothing of caseshelf's, nor MkDocs."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from typing import TextIO

FIRST_AFTER = 1.0  # seconds of work before the line first shows
EVERY = 0.25  # seconds between two updates of the line
CLEAR = "\r\x1b[K"  # back to the line's start, and the line emptied


def showing(stream: TextIO | None = None, quiet: bool = False) -> bool:
    """Whether to show progress on `stream` (stderr): on a terminal, outside CI, unless
    `quiet`; CASESHELF_PROGRESS (always, never) decides instead when it is set."""
    choice = os.environ.get("CASESHELF_PROGRESS", "").strip().lower()
    if choice in ("always", "never"):
        return choice == "always"
    stream = stream or sys.stderr
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # not a stream, or a closed one
        terminal = False
    return terminal and not quiet and not os.environ.get("CI")


class Line:
    """The line of progress. `phase` sets what it says (a text, or a function that gives
    it, read again at each update): a thread writes it every EVERY seconds, from FIRST_AFTER
    seconds after the work began; `update(force=True)` writes it now. A record that the
    `loggers` (the engines': MkDocs, ProperDocs) print meanwhile gets a line of its own:
    this one is cleared before it, and written again at the next update. `close` ends it.
    Without `show`, nothing is written and no thread runs. No line is being written while
    the process forks, and a forked process writes none (`_before_fork`)."""

    def __init__(self, show: bool, stream: TextIO | None = None,
                 loggers: Sequence[str] = ("", "mkdocs", "properdocs")) -> None:
        self.show, self.stream = show, stream or sys.stderr
        self.started, self.visible = time.monotonic(), False
        self.says: str | Callable[[], str] = ""
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.ticker: threading.Thread | None = None
        self.handlers: list[logging.Handler] = []
        self.clearing = _Clearing(self)
        if show:
            _SHOWN.add(self)
            for name in loggers:
                for handler in logging.getLogger(name).handlers:
                    handler.addFilter(self.clearing)
                    self.handlers.append(handler)

    def phase(self, says: str | Callable[[], str]) -> None:
        self.says = says
        if self.show and self.ticker is None:
            self.ticker = threading.Thread(target=self._tick, name="progress", daemon=True)
            self.ticker.start()

    def update(self, force: bool = False) -> None:
        if not self.show or not (force or time.monotonic() - self.started >= FIRST_AFTER):
            return
        text = self.says() if callable(self.says) else self.says
        with self.lock:
            if self.show:
                self.visible = True
                self._write(CLEAR + text)

    def _tick(self) -> None:
        while not self.stopping.wait(EVERY):
            self.update()

    def clear(self) -> None:
        with self.lock:
            if self.visible:
                self.visible = False
                self._write(CLEAR)

    def close(self, last: str | None = None) -> None:
        """Stop; clear the line, or leave `last` on a line of its own (what follows is
        written by others: libzim's messages)."""
        self.stopping.set()
        if self.ticker is not None and self.ticker is not threading.current_thread():
            self.ticker.join()
        self.clear()
        if last and self.show:
            self._write(last + "\n")
        for handler in self.handlers:
            handler.removeFilter(self.clearing)
        self.handlers, self.show, self.ticker = [], False, None
        _SHOWN.discard(self)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal has gone: the work goes on
            self.show = False


_SHOWN: weakref.WeakSet[Line] = weakref.WeakSet()  # the lines being shown, in this process
_HELD: list[Line] = []  # their locks, held while the process forks


def _before_fork() -> None:
    """A fork waits for a line being written (its thread holds the stream's lock then,
    which the new process would never see released)."""
    _HELD[:] = list(_SHOWN)
    for line in _HELD:
        line.lock.acquire()


def _after_fork_in_parent() -> None:
    for line in _HELD:
        line.lock.release()
    _HELD.clear()


def _after_fork_in_child() -> None:
    """A worker shows no progress: the process that started the work does."""
    for line in _HELD:
        line.show = line.visible = False
        line.lock.release()
    _HELD.clear()
    _SHOWN.clear()


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                    after_in_child=_after_fork_in_child)


class _Clearing(logging.Filter):
    def __init__(self, line: Line) -> None:
        super().__init__()
        self.line = line

    def filter(self, record: logging.LogRecord) -> bool:
        self.line.clear()
        return True


class Count:
    """How many of `total` things every process of a piece of work has done: a counter in
    shared memory, made before the workers fork, that each adds to (`add`); `text` says it
    as `what` has it ({done}, {total}), for a Line to show."""

    def __init__(self, show: bool, total: int, what: str) -> None:
        self.total, self.what = total, what
        self.done = multiprocessing.Value("q", 0) if show else None

    def add(self, n: int = 1) -> None:
        if self.done is not None and n:
            with self.done.get_lock():
                self.done.value += n

    def text(self) -> str:
        done = self.done.value if self.done is not None else 0
        return self.what.format(done=f"{done:,}", total=f"{self.total:,}")


def build_line(first: str, off: bool = False, last: Line | None = None,
               logger: str = "mkdocs") -> Line:
    """A build's line, saying `first`: shown as `showing` says, but not when the build is
    quiet (its `logger` prints no INFO: `mkdocs build -q`), nor when `off`. The `last`
    build's line (`mkdocs serve` builds again) is closed, if it was not."""
    if last is not None:
        last.close()
    quiet = not logging.getLogger(logger).isEnabledFor(logging.INFO)
    line = Line(not off and showing(quiet=quiet))
    line.phase(first)
    return line


def counting(total: int, what: str) -> tuple[Line, Count]:
    """A line on stderr, shown as `showing` says, that shows a count of `total` things
    done in this process or in ones it forks (`what`: as Count says it)."""
    line = Line(showing())
    count = Count(line.show, total, what)
    line.phase(count.text)
    return line, count
