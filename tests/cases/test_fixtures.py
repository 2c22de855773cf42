"""Every hostile or malformed file in fixtures/invalid gives its expected error; nothing raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseshelf.cases import checker
from caseshelf.cases.problems import Severity
from support.samples import FIXTURES, TODAY

INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"

# file -> (line, col, code) of the error it must produce (other problems may come too)
EXPECTED = {
    "empty.md": (1, 1, "empty-file"),
    "whitespace-only.md": (1, 1, "empty-file"),
    "no-front-matter.md": (1, 1, "front-matter-missing"),
    "unclosed-front-matter.md": (1, 1, "front-matter-unclosed"),
    "yaml-bad-indentation.md": (9, 2, "yaml-syntax"),
    "yaml-unclosed-list.md": (6, 5, "yaml-syntax"),
    "duplicate-key.md": (6, 1, "duplicate-key"),
    "front-matter-is-a-list.md": (2, 1, "not-a-mapping"),
    "front-matter-is-text.md": (2, 1, "not-a-mapping"),
    "front-matter-is-empty.md": (2, 1, "not-a-mapping"),
    "python-tag.md": (2, 8, "yaml-tag"),
    "binary-tag.md": (2, 8, "yaml-tag"),
    "custom-tag.md": (2, 8, "yaml-tag"),
    "alias-bomb.md": (2, 4, "yaml-alias"),
    "deep-nesting.md": (2, 15, "yaml-syntax"),
    "control-character.md": (2, 18, "yaml-syntax"),
    "latin-1-encoding.md": (2, 34, "encoding"),
    "utf-16-encoding.md": (1, 1, "encoding"),
    "unknown-field-contries.md": (4, 1, "unknown-field"),
    "missing-source.md": (2, 1, "required"),
    "source-without-title.md": (8, 3, "required"),
    "countries-not-a-list.md": (4, 12, "type"),
    "title-is-a-list.md": (2, 8, "type"),
    "country-name.md": (4, 13, "country"),
    "country-government-of.md": (6, 5, "country"),
    "country-alpha-3.md": (4, 13, "country"),
    "country-unknown-code.md": (4, 17, "country"),
    "interested-country-lowercase.md": (5, 24, "country"),
    "grouping-unknown.md": (4, 13, "grouping"),
    "crlf-with-error.md": (4, 13, "country"),
    "sdg-goal-18.md": (6, 12, "sdg"),
    "sdg-target-does-not-exist.md": (6, 12, "sdg"),
    "sdg-target-unquoted.md": (6, 12, "type"),
    "theme-unknown.md": (5, 28, "theme"),
    "level-not-in-list.md": (11, 22, "enum"),
    "url-javascript.md": (10, 8, "url"),
    "link-data-url.md": (13, 10, "url"),
    "link-without-url.md": (12, 5, "required"),
    "date-impossible.md": (10, 8, "date"),
    "date-in-the-future.md": (10, 8, "future-date"),
    "date-with-time.md": (10, 8, "date"),
    "year-in-the-future.md": (11, 7, "future-date"),
    "summary-too-long.md": (3, 10, "too-long"),
    "summary-two-paragraphs.md": (3, 10, "summary"),
    "language-not-bcp47.md": (11, 11, "language"),
    "empty-body.md": (12, 1, "empty-body"),
    "script-in-body.md": (28, 28, "unsafe-html"),
    "onerror-handler.md": (20, 1, "unsafe-html"),
    "iframe-in-body.md": (12, 1, "unsafe-html"),
    "javascript-markdown-link.md": (28, 7, "unsafe-html"),
    "script-in-title.md": (2, 8, "unsafe-html"),
    "Bad_Slug.md": (1, 1, "slug"),
}


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture(name):
    result = checker.check_file(INVALID / name, TODAY)
    found = [(p.line, p.col, p.code) for p in result.problems if p.severity == Severity.ERROR]
    assert EXPECTED[name] in found, result.problems
    assert result.case is None
    for problem in result.problems:
        assert problem.path == str(INVALID / name)
        assert "Traceback" not in problem.message and problem.message


def test_the_whole_folder_is_checked_past_the_first_error():
    report = checker.check_paths([INVALID], TODAY)
    assert len(report.files) == len(EXPECTED)
    assert {p.path for p in report.errors} == {str(INVALID / n) for n in EXPECTED}
    assert report.cases == []


def test_valid_fixtures_including_bom_and_crlf():
    report = checker.check_paths([VALID], TODAY)
    assert report.problems == []
    assert sorted(c.slug for c in report.cases) == [
        "bom-and-crlf", "every-field", "minimal", "norway-and-unicode"]
    every = next(c for c in report.cases if c.slug == "every-field")
    assert every.interested_countries == ("NA", "UA-21")
    assert every.groupings == ("SADC",)
    assert every.regions == ("Africa",)
    assert every.links[0].url == "https://example.org/kiosks"


def test_a_file_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.md"
    path.write_text("---\ntitle: x\n---\n" + "word " * 50_000, encoding="utf-8")
    assert [(p.line, p.col, p.code) for p in checker.check_file(path, TODAY).problems] == [
        (1, 1, "file-size")]


def test_stray_files_and_colliding_slugs_are_reported(tmp_path):
    from support.samples import VALID as text

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "kiosks.md").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "Kiosks.md").write_text(text.replace("Community", "Town"), encoding="utf-8")
    (tmp_path / "b" / "notes.markdown").write_text(text, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "notes.txt").write_text("x", encoding="utf-8")
    report = checker.check_paths([tmp_path], TODAY)
    found = {(Path(p.path).relative_to(tmp_path).as_posix(), p.code) for p in report.problems}
    assert found == {("b/Kiosks.md", "slug"), ("b/Kiosks.md", "slug-collision"),
                     ("b/notes.markdown", "file-type"), (".hidden/notes.txt", "hidden-file")}


def test_duplicate_titles_are_warnings(tmp_path):
    from support.samples import VALID as text

    (tmp_path / "one.md").write_text(text, encoding="utf-8")
    (tmp_path / "two.md").write_text(text, encoding="utf-8")
    report = checker.check_paths([tmp_path], TODAY)
    assert [(Path(p.path).name, p.line, p.col, p.severity, p.code) for p in report.problems] == [
        ("two.md", 2, 8, Severity.WARNING, "duplicate-title")]
    assert len(report.cases) == 2  # a warning never drops a case


def test_a_link_to_nothing_is_reported_not_skipped(tmp_path):
    (tmp_path / "kiosks.md").symlink_to(tmp_path / "gone.md")
    report = checker.check_paths([tmp_path], TODAY)
    assert [(Path(p.path).name, p.line, p.col, p.code, p.message) for p in report.problems] == [
        ("kiosks.md", 1, 1, "unreadable", "this is not a file that can be read (a link to a "
                                          "file that does not exist, or a device); remove it")]
