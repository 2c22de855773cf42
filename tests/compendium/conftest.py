"""The compendiums the PDF tests read, each built once: the project's own cases in English
(with a site address), a few translated cases in Chinese, Arabic and Russian, and a corpus
of hostile and oversized text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from caseshelf.cases import checker
from caseshelf.compendium.build import Job, make
from caseshelf.compendium.project import read_project
from caseshelf.compendium.selection import Selection
from support.hostile_cases import BODIES, case_file, load_vectors, string_fields
from support.pdf import OVERSIZED, SITE_URL, TRANSLATED
from support.sitebuild import ROOT

TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="session")
def project():
    """The project's mkdocs.yml, with a site address so that case pages are named."""
    return dataclasses.replace(read_project(ROOT / "mkdocs.yml"), site_url=SITE_URL)


@pytest.fixture(scope="session")
def cases(project):
    report = checker.check_paths([project.cases_dir])
    assert report.errors == []
    return report.cases


@pytest.fixture(scope="session")
def english(project, cases, tmp_path_factory) -> Path:
    """The whole collection in English."""
    folder = tmp_path_factory.mktemp("english")
    return make(project, cases, Job(Selection(), "en"), folder, share=4)  # several documents


@pytest.fixture(scope="session")
def translated(project, cases, tmp_path_factory) -> dict[str, Path]:
    """The cases of TRANSLATED in Chinese, Arabic and Russian."""
    folder = tmp_path_factory.mktemp("translated")
    selection = Selection(countries=TRANSLATED)
    return {language: make(project, cases, Job(selection, language), folder)
            for language in ("zh", "ar", "ru")}


@pytest.fixture(scope="session")
def hostile(project, tmp_path_factory) -> tuple[Path, list]:
    """Every vector of the XSS corpus in every field the validator lets it into (one case a
    vector, as tests/test_hostile.py does), and a case of oversized text, in one compendium;
    and the cases as the checker reads them."""
    folder = tmp_path_factory.mktemp("hostile")
    cases_dir = folder / "cases"
    cases_dir.mkdir()
    fields = [*string_fields(), *BODIES]
    for n, vector in enumerate(load_vectors()):
        text, where = case_file(n, {field: vector for field in fields})
        path = cases_dir / f"hostile-{n:03d}.md"
        path.write_text(text, encoding="utf-8")
        lines = {p.line for p in checker.check_file(path, TODAY).problems}
        accepted = [f for f in fields if not lines & set(range(where[f][0], where[f][1] + 1))]
        if not accepted:
            path.unlink()
            continue
        path.write_text(case_file(n, {f: vector for f in accepted})[0], encoding="utf-8")
    (cases_dir / "zz-oversized.md").write_text(OVERSIZED, encoding="utf-8")
    report = checker.check_paths([cases_dir], TODAY)
    assert report.errors == [], [p.message for p in report.errors][:5]
    hostile_project = dataclasses.replace(project, cases_dir=cases_dir)
    pdf = make(hostile_project, report.cases, Job(Selection(), "en"), folder)
    return pdf, report.cases
