"""Shared helpers: a valid case to start from, and checking a text as a real file."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from caseshelf.cases import checker
from caseshelf.cases.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 1, 15)

HEAD = """\
title: Community feedback kiosks
summary: Municipal offices placed feedback kiosks in service centres so that residents can rate the services they receive.
countries: [ZA]
themes: [service-delivery]
sdgs: [16, "16.6"]
source:
  body: Centre for Public Service Innovation
  title: Innovation awards report
added: 2024-05-01
"""

BODY = """\
The municipality asked residents what they thought of its service centres.

## Challenge

Residents had no simple way to say how a visit went.

## Innovation

Kiosks at the exit ask one question and record the answer.

## Results

The source reports that the kiosks are in use.

## Lessons learned

Ask one question at a time.
"""

VALID = f"---\n{HEAD}---\n{BODY}"


def case_text(extra: str = "", *, replace: tuple[str, str] | None = None, body: str = BODY) -> str:
    """The valid case, with a front-matter line replaced and/or lines added at its end."""
    head = HEAD
    if replace:
        assert replace[0] in head, replace[0]
        head = head.replace(*replace)
    return f"---\n{head}{extra}---\n{body}"


@pytest.fixture
def check(tmp_path):
    """Write text to a case file and return every problem found in it."""

    def run(text: str | bytes, name: str = "kiosks.md") -> list[Problem]:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return checker.check_file(path, TODAY).problems

    return run


def brief(problems: list[Problem]) -> list[tuple[int, int, str, str]]:
    """(line, col, code, text) of each problem, for exact assertions."""
    return [(p.line, p.col, p.code, p.text) for p in problems]


@pytest.fixture(scope="session")
def every_page_site(tmp_path_factory):
    """A site with every kind of page, for the accessibility, HTML and link checks: the sample
    cases plus the case that fills every field, 4 cases a page so that listings paginate."""
    from sitebuild import build_site

    cases = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "cases").glob("*.md")}
    every = ROOT / "tests" / "fixtures" / "valid" / "every-field.md"
    cases[every.name] = every.read_text(encoding="utf-8")
    return build_site(tmp_path_factory.mktemp("every-page"), cases, page_size=4)


@pytest.fixture(autouse=True)
def no_unexpected_warnings(caplog):
    """Fail a test that logs a warning it did not assert (as mkdocs-section-index does)."""
    yield
    unexpected = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING
                  and not getattr(r, "expected", False)]
    assert not unexpected, [r.getMessage() for r in unexpected]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright, shared by a test module's tests."""
    from playwright.sync_api import sync_playwright

    from browser import ARGS, CHROMIUM

    assert Path(CHROMIUM).exists(), "make test installs Debian's chromium"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
