"""Progress on a terminal (progress.py): one line, written over in place, while a build
writes its pages and the editions their files; none in CI, into a pipe, or under `-q`.
Read back from a real terminal (a pty), and compared with what the work made."""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import pty
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from caseshelf import progress
from support.sitebuild import copy_project

UPDATE = re.compile(r"\r\x1b\[K([^\r\n\x1b]*)")


def run_in_terminal(command: list[str], cwd: Path, **env: str) -> tuple[int, str]:
    """Run a command with a terminal (a pty) as its stdin, stdout and stderr, outside CI
    unless `env` says so; what it wrote there."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("CI", "CASESHELF_PROGRESS")} | env
    master, slave = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, stdin=slave, stdout=slave, stderr=slave,
                               env=environment, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the other end has closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=600), b"".join(chunks).decode("utf-8", "replace")


def said(text: str) -> list[str]:
    """What the progress line said, in order, each text once in a row."""
    shown: list[str] = []
    for update in UPDATE.findall(text):
        if update and (not shown or shown[-1] != update):
            shown.append(update)
    return shown


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "env", "quiet", "shown"), [
    (Terminal(), {}, False, True),
    (Terminal(), {"CI": "true"}, False, False),
    (Terminal(), {}, True, False),
    (io.StringIO(), {}, False, False),  # a file or a pipe
    (io.StringIO(), {"CASESHELF_PROGRESS": "always"}, True, True),
    (Terminal(), {"CASESHELF_PROGRESS": "never"}, False, False),
])
def test_progress_shows_on_a_terminal_only_outside_ci_and_unless_quiet(
        monkeypatch, stream, env, quiet, shown):
    for name in ("CI", "CASESHELF_PROGRESS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert progress.showing(stream, quiet=quiet) is shown


def test_the_line_waits_then_is_written_over_and_a_log_record_gets_a_line_of_its_own():
    stream = Terminal()
    logger = logging.getLogger("caseshelf-progress-test")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        line = progress.Line(True, stream, loggers=[logger.name])
        line.says = "working"  # no thread: updates by hand
        line.update()
        assert stream.getvalue() == ""  # not before FIRST_AFTER seconds of work
        line.update(force=True)
        logger.info("a record")
        line.close()
        logger.info("another")
        assert stream.getvalue() == (progress.CLEAR + "working" + progress.CLEAR + "a record\n"
                                     + "another\n")
    finally:
        logger.removeHandler(handler)


def test_a_line_not_shown_writes_nothing_and_starts_no_thread():
    stream = Terminal()
    line = progress.Line(False, stream)
    line.phase("working")
    line.update(force=True)
    line.close("done")
    assert stream.getvalue() == "" and line.ticker is None


def _add(count: progress.Count, n: int) -> None:
    for _ in range(n):
        count.add()


def test_a_count_adds_up_what_every_process_did():
    count = progress.Count(True, 3000, "{done} of {total}")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add, args=(count, 1000)) for _ in range(2)]
    for worker in workers:
        worker.start()
    _add(count, 1000)
    for worker in workers:
        worker.join()
    assert count.text() == "3,000 of 3,000"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = copy_project(tmp_path_factory.mktemp("progress"))
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "one.yml").write_text(re.sub(r"languages: \[[^\]]*\]", "languages: [en]", text),
                                    encoding="utf-8")
    return folder


BIN = Path(sys.executable).parent


@pytest.mark.build
def test_a_build_on_a_terminal_counts_every_page_it_writes(project):
    status, text = run_in_terminal([str(BIN / "mkdocs"), "build"], project)
    assert status == 0, text
    shown = said(text)
    pages = sorted(str(p.relative_to(project / "site")) for p in (project / "site").rglob("*.html")
                   if p.name != "404.html")  # a page of the theme's, not of the build
    counts = [tuple(int(n.replace(",", "")) for n in found.groups()) for found in
              (re.fullmatch(r"caseshelf: ([\d,]+) of ([\d,]+) pages written", s) for s in shown)
              if found]
    assert counts and counts[-1] == (len(pages), len(pages)), shown
    assert [done for done, _ in counts] == sorted(done for done, _ in counts)
    # each record MkDocs prints has a line of its own: what shows after the line was last
    # cleared starts with it
    records = [line for line in text.split("\n") if re.search(r"(INFO|WARNING) +- ", line)]
    assert any("Documentation built in" in line for line in records)
    assert all(re.match(r"(INFO|WARNING) +- ", line.rsplit("\x1b[K", 1)[-1].lstrip("\r"))
               for line in records), records


@pytest.mark.build
@pytest.mark.parametrize(("quiet", "env"), [(["-q"], {}), ([], {"CI": "true"})])
def test_a_quiet_build_or_one_in_ci_shows_no_progress(project, tmp_path, quiet, env):
    status, text = run_in_terminal([str(BIN / "mkdocs"), "build", *quiet, "-f", "one.yml",
                                    "-d", str(tmp_path / "site")], project, **env)
    assert status == 0, text
    assert "\x1b[K" not in text and "pages written" not in text


@pytest.mark.build
def test_the_editions_count_their_files_on_a_terminal(project):
    status, text = run_in_terminal([str(BIN / "caseshelf"), "offline", "--config-file",
                                    "one.yml", "--dist", "dist-offline"], project)
    assert status == 0, text
    archive = next((project / "dist-offline").glob("*.zip"))
    with zipfile.ZipFile(archive) as opened:
        files = len(opened.namelist())
    shown = said(text)
    assert f"caseshelf: {archive.name}: {files:,} of {files:,} files" in shown, shown
    assert any(s.endswith(" pages written") for s in shown), shown  # its quiet build's

    status, text = run_in_terminal([str(BIN / "caseshelf"), "zim", "--config-file", "one.yml",
                                    "--dist", "dist-zim"], project)
    assert status == 0, text
    zim = next((project / "dist-zim").glob("*.zim"))
    import libzim.reader

    entries = libzim.reader.Archive(zim).all_entry_count
    last = re.search(rf"caseshelf: {re.escape(zim.name)}: ([\d,]+) files in, writing its "
                     r"search index\n", text.replace("\r\n", "\n"))
    assert last, said(text)
    added = int(last[1].replace(",", ""))
    assert 0 < added <= entries  # libzim adds its own entries (metadata, the index)


def _write_from_a_worker(line: progress.Line) -> None:
    line.update(force=True)
    line.clear()
    line.close("the worker's last word")


def test_a_forked_worker_writes_no_progress(tmp_path):
    """The process that shows the line goes on showing it; a process forked from it (a
    worker rendering pages, checking cases) writes none, even when told to."""
    with open(tmp_path / "terminal", "w", encoding="utf-8") as stream:
        line = progress.Line(True, stream, loggers=[])
        line.says = "working"
        line.update(force=True)
        worker = multiprocessing.get_context("fork").Process(target=_write_from_a_worker,
                                                             args=(line,))
        worker.start()
        worker.join()
        assert worker.exitcode == 0
        line.close("done")
    assert (tmp_path / "terminal").read_bytes().decode("utf-8") == (
        progress.CLEAR + "working" + progress.CLEAR + "done\n")
