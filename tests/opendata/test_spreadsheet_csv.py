"""Every CSV the site publishes, opened as a spreadsheet opens it: no cell runs as a formula
(OWASP's CSV injection, CWE-1236), and text in any script reads back as written; cases.json
and the pages keep every text exactly as written."""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from frictionless import Package

from caseshelf.cases import checker
from support.samples import case_text
from support.sitebuild import build_site, page

pytestmark = pytest.mark.build

TITLE = "title: Community feedback kiosks"
HYPERLINK = '=HYPERLINK("https://example.com","Click me")'
# what a spreadsheet runs as a formula when a cell starts with it (OWASP, "CSV Injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CASES = {
    # a formula in the title, and in each of the other kinds of text a case holds
    "za-formula.md": case_text(
        'organisations: ["+Plus agency", "Second agency"]\ntags: ["-minus tag"]\n'
        'awards: ["@SUM(1+1) award"]\n',
        replace=(TITLE, f"title: '{HYPERLINK}'"),
    ).replace("title: Innovation awards report", 'title: "\\tTabbed report"'),
    "za-carriage-return.md": case_text(replace=(TITLE, 'title: "\\rCarriage return kiosks"')),
    "za-minus.md": case_text(replace=(TITLE, 'title: "-20% waiting time at kiosks"')),
    # starts with ' and a formula character: gets its own ', so that removing one ' is exact
    "za-quoted.md": case_text(replace=(TITLE, "title: \"'=1+2 kiosks\"")),
    "eg-arabic.md": case_text(
        "language: ar\n", replace=(TITLE, "title: أكشاك لآراء المواطنين في مراكز الخدمة"),
    ).replace("countries: [ZA]", "countries: [EG]"),
    "cn-chinese.md": case_text(
        "language: zh\n", replace=(TITLE, "title: 最多跑一次改革"),
    ).replace("countries: [ZA]", "countries: [CN]"),
    "ru-cyrillic.md": case_text(
        "language: ru\n", replace=(TITLE, "title: Единое окно государственных услуг"),
    ).replace("countries: [ZA]", "countries: [RU]"),
}
# CSV columns and the case's text each holds (lists joined with ';', as the docs say)
TEXT_COLUMNS = {
    "title": lambda c: c.title, "summary": lambda c: c.summary,
    "source_body": lambda c: c.source.body, "source_title": lambda c: c.source.title,
    "organisations": lambda c: ";".join(c.organisations), "tags": lambda c: ";".join(c.tags),
    "awards": lambda c: ";".join(c.awards),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spreadsheet")
    site = build_site(folder, CASES)
    report = checker.check_paths([folder / "cases"])
    assert report.problems == [] and len(report.cases) == len(CASES)
    return site, report.cases


def spreadsheet_rows(path: Path) -> list[dict[str, str]]:
    """The rows as Excel reads a .csv it is given: as UTF-8 when the file starts with the
    UTF-8 signature, in the computer's ANSI code page (Windows-1252 in Western locales)
    when it does not."""
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8")
    else:
        text = data.decode("cp1252", errors="replace")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def as_written(cell: str) -> str:
    """The reader's way back to the text (docs/data.md): a ' in front of a formula
    character, after any other 's, was added; remove one."""
    return cell[1:] if re.match(r"'+[=+\-@\t\r]", cell) else cell


def visible(text: str) -> str:
    return " ".join(text.split())


def published_csvs(site: Path) -> list[Path]:
    return [site / "cases.csv", *sorted((site / "countries").glob("*/cases.csv"))]


def test_every_published_csv_is_listed(built):
    site, cases = built
    countries = sorted({code.lower() for case in cases for code in case.countries})
    assert [p.relative_to(site).as_posix() for p in published_csvs(site)] == \
        ["cases.csv", *(f"countries/{code}/cases.csv" for code in countries)]


def test_no_cell_of_any_csv_runs_as_a_formula(built):
    site, cases = built
    by_slug = {case.slug: case for case in cases}
    for path in published_csvs(site):
        rows = spreadsheet_rows(path)
        assert rows, path
        for row in rows:
            case = by_slug[row["slug"]]
            for column, text_of in TEXT_COLUMNS.items():
                cell, text = row[column], text_of(case)
                assert not cell.startswith(FORMULA_START), (path, column, cell)
                assert as_written(cell) == text, (path, column)
            for cell in row.values():
                assert not cell.startswith(FORMULA_START), (path, cell)
    formula = next(r for r in spreadsheet_rows(site / "cases.csv") if r["slug"] == "za-formula")
    assert formula["title"] == "'" + HYPERLINK  # OWASP's advice: a ' in front


def test_json_and_pages_keep_the_text_exactly_as_written(built):
    site, cases = built
    records = {r["slug"]: r for r in json.loads((site / "cases.json").read_text("utf-8"))["cases"]}
    for case in cases:
        record = records[case.slug]
        assert record["title"] == case.title and record["awards"] == list(case.awards)
        assert record["source"]["title"] == case.source.title
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page(site, f"cases/{case.slug}"), re.S)
        # as a browser shows it: HTML reads a carriage return as a line break, and lays out
        # any run of white space as one space
        assert visible(html.unescape(heading.group(1))) == visible(case.title)


def test_arabic_chinese_and_cyrillic_read_back_in_a_spreadsheet(built):
    site, cases = built
    non_latin = {c.slug: c.title for c in cases if c.language in ("ar", "zh", "ru")}
    assert len(non_latin) == 3
    for path in published_csvs(site):
        for row in spreadsheet_rows(path):
            if row["slug"] in non_latin:
                assert row["title"] == non_latin.pop(row["slug"]), path
    assert non_latin == {}  # each was in a country's CSV, and checked there


def test_the_data_package_declares_the_signature_and_reads_the_text(built):
    site, cases = built
    package = json.loads((site / "datapackage.json").read_text("utf-8"))
    assert package["resources"][0]["encoding"] == "utf-8-sig"
    assert (site / "cases.csv").read_bytes().startswith(codecs.BOM_UTF8)
    rows = Package(str(site / "datapackage.json")).get_resource("cases").read_rows()
    titles = {row["slug"]: as_written(row["title"]) for row in rows}
    assert titles == {case.slug: case.title for case in cases}


def test_frictionless_validates_the_data_package(built):
    site, _ = built
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=site,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VALID" in result.stdout and "INVALID" not in result.stdout
