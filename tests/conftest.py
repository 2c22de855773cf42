"""Fixtures: checking a text as a real file, a site with every kind of page, Chromium, and
no unexpected warnings. Plain helpers live in support/."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from hypothesis import settings

from caseshelf.cases import checker
from caseshelf.cases.problems import Problem
from support.samples import ROOT, TODAY

# Property tests: `make test` runs the thorough profile (HYPOTHESIS_PROFILE=thorough); a
# developer's quick run of the fast suite draws fewer examples of each.
settings.register_profile("thorough", max_examples=300)
settings.register_profile("quick", max_examples=40)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture
def check(tmp_path):
    """Write text to a case file and return every problem found in it."""

    def run(text: str | bytes, name: str = "kiosks.md") -> list[Problem]:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return checker.check_file(path, TODAY).problems

    return run


@pytest.fixture(scope="session")
def every_page_site(tmp_path_factory):
    """A site with every kind of page, for the accessibility, HTML and link checks: the sample
    cases plus the case that fills every field, 4 cases a page so that listings paginate."""
    from support.sitebuild import build_site

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

    from support.browser import ARGS, CHROMIUM

    assert Path(CHROMIUM).exists(), "make test installs Debian's chromium"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
