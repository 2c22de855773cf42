"""`caseshelf import` as an organisation runs it: sheets in, case files out, every problem at
its cell, nothing lost without a word."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from caseshelf.cases import checker, countries, document
from caseshelf.cases.text import short_slug
from caseshelf.cli import main
from caseshelf.commands import columns, fixer
from support.samples import ROOT

sys.path.insert(0, str(Path(__file__).parent))
import sheetfiles  # noqa: E402

HEADER = ["Title of the practice", "Summary", "Country", "Theme", "SDG", "Source",
          "Source title", "Year launched", "Date added", "Organisation", "Challenge",
          "Innovation", "Results", "Lessons learned"]


def row(title: str, country: str = "Kenya", **changes) -> list:
    values = {"Title of the practice": title,
              "Summary": f"{title}: a practice that a ministry runs for its citizens.",
              "Country": country, "Theme": "service-delivery", "SDG": "SDG 16; 16.6",
              "Source": "Centre for Public Service Innovation",
              "Source title": "Innovation awards report", "Year launched": 2018.0,
              "Date added": "2024-05-01", "Organisation": "Ministry of Public Service",
              "Challenge": "Queues were long.", "Innovation": "An appointment line.",
              "Results": "Queues are shorter.", "Lessons learned": "Start small."}
    values.update(changes)
    return [values[name] for name in HEADER]


def write_csv(path: Path, rows: list[list], *, delimiter: str = ",",
              encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err
    return code, out, err


# --- Rows to cases ---------------------------------------------------------------------------

def test_a_sheet_becomes_tidy_valid_case_files(tmp_path, capsys):
    sheet = write_csv(tmp_path / "awards.csv", [HEADER, row("Appointment line"),
                                                row("Kiosks", country="The Kingdom of Thailand")])
    code, out, err = run(capsys, sheet, "--dir", tmp_path / "cases")
    assert code == 0, out + err
    written = sorted((tmp_path / "cases").iterdir())
    assert [p.name for p in written] == ["appointment-line.md", "kiosks.md"]
    kiosks = (tmp_path / "cases" / "kiosks.md").read_text(encoding="utf-8")
    data = front(kiosks)
    assert data["countries"] == [countries.code_for("The Kingdom of Thailand")] == ["TH"]
    assert data["sdgs"] == [16, "16.6"] and data["year"] == 2018
    assert data["source"] == {"body": "Centre for Public Service Innovation",
                              "title": "Innovation awards report"}
    assert data["organisations"] == ["Ministry of Public Service"]
    body = document.split("k.md", kiosks).body
    assert body.split("\n")[:3] == ["## Challenge", "", "Queues were long."]
    assert "## Lessons learned\n\nStart small.\n" in body
    # the files are what `fix` writes, and the validator finds nothing wrong
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert fixer.fix_text(text, str(path))[0] == text
    assert checker.check_paths([tmp_path / "cases"]).problems == []
    assert "read 2 rows: 2 new cases, 0 updated, 0 unchanged, 0 rows with errors" in err


def test_each_problem_is_reported_at_its_cell_in_a_workbook(tmp_path, capsys):
    rows = [HEADER] + [row(f"Practice {n}") for n in range(1, 6)]
    rows.append(row("Carpathia", country="Carpathian Kingdom"))  # row 7, column C
    book = sheetfiles.xlsx(tmp_path / "matchmaking.xlsx", rows)
    code, out, err = run(capsys, book, "--dir", tmp_path / "cases")
    assert code == 1
    line = next(line for line in out.splitlines() if "C7" in line)
    assert line.startswith(f"{book}:Sheet1!C7: error: ")
    assert "'Carpathian Kingdom'" in line and line.endswith("[country]")
    assert not (tmp_path / "cases").exists()  # nothing written while a row has an error
    assert "read 6 rows: 5 new cases, 0 updated, 0 unchanged, 1 row with errors" in err
    assert "nothing was written" in err


def test_a_csv_problem_names_the_line_and_column_of_a_multi_line_row(tmp_path, capsys):
    rows = [HEADER, row("One", Challenge="Line one.\nLine two.\nLine three."),
            row("Two", SDG="SDG 99")]
    sheet = write_csv(tmp_path / "s.csv", rows)
    text = sheet.read_text(encoding="utf-8")
    lines = text.splitlines()  # as an editor numbers them
    line_of_two = lines.index(next(line for line in lines if line.startswith("Two,"))) + 1
    code, out, _ = run(capsys, sheet, "--dir", tmp_path / "cases")
    assert code == 1
    sdg_column = HEADER.index("SDG") + 1
    assert out.startswith(f"{sheet}:{line_of_two}:{sdg_column}: error: ")
    assert line_of_two == 5  # the header, then three lines of row one


def test_json_and_github_formats_carry_the_cell(tmp_path, capsys):
    book = sheetfiles.xlsx(tmp_path / "b.xlsx", [HEADER, row("Kiosks", country="Atlantis")])
    code, out, _ = run(capsys, book, "--dir", tmp_path / "cases", "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["rows"] == 1 and report["rows_with_errors"] == 1
    assert report["written"] is False and report["created"] == []
    problem = next(p for p in report["problems"] if p["code"] == "country")
    assert problem["where"] == f"{book}:Sheet1!C2" and (problem["line"], problem["column"]) == (2, 3)
    code, out, _ = run(capsys, book, "--dir", tmp_path / "cases", "--format", "github")
    assert any(line.startswith(f"::error file={book},line=2,col=3,title=country::"
                               "Sheet1!C2: ") for line in out.splitlines())


def test_encodings_and_delimiters_that_spreadsheets_write_read_the_same(tmp_path, capsys):
    rows = [HEADER, row("Café numérique", country="Sénégal")]
    made = {}
    for name, delimiter, encoding in (("utf8", ",", "utf-8"), ("bom", ";", "utf-8-sig"),
                                      ("utf16", "\t", "utf-16"), ("excel", ";", "cp1252")):
        sheet = write_csv(tmp_path / f"{name}.csv", rows, delimiter=delimiter,
                          encoding=encoding)
        code, out, err = run(capsys, sheet, "--dir", tmp_path / name)
        assert code == 0, (name, out, err)
        made[name] = (tmp_path / name / "cafe-numerique.md").read_text(encoding="utf-8")
    assert len(set(made.values())) == 1
    assert front(made["utf8"])["title"] == "Café numérique"
    assert front(made["utf8"])["countries"] == ["SN"]


def test_xlsx_and_ods_numbers_dates_and_formulas_are_read_as_meant(tmp_path, capsys):
    header = ["Title", "Summary", "Country", "Themes", "SDGs", "Source", "Source title",
              "Year launched", "Added", "Description"]
    values = ["Kiosks", "Kiosks in every service centre of the city.", "=\"Peru\"",
              "service-delivery", 16.0, "Centre for Public Service Innovation",
              "Innovation awards report", 2018.0, 45413, "## Challenge\n\nQueues."]
    book = sheetfiles.xlsx(tmp_path / "b.xlsx", [header, values], cached={"C2": "Kenya"})
    code, out, err = run(capsys, book, "--dir", tmp_path / "x")
    assert code == 0, out + err
    data = front((tmp_path / "x" / "kiosks.md").read_text(encoding="utf-8"))
    # the value the spreadsheet saved, never the formula run again (it would say Peru)
    assert data["countries"] == ["KE"]
    assert data["year"] == 2018 and data["sdgs"] == [16]
    assert str(data["added"]) == "2024-05-01"  # serial 45413, days since 1899-12-30
    import datetime as dt
    values[2], values[8] = "Kenya", dt.date(2024, 5, 1)
    sheet = sheetfiles.ods(tmp_path / "b.ods", [header, values])
    code, out, err = run(capsys, sheet, "--dir", tmp_path / "o")
    assert code == 0, out + err
    assert (tmp_path / "o" / "kiosks.md").read_bytes() == \
        (tmp_path / "x" / "kiosks.md").read_bytes()


def test_list_cells_split_at_semicolons_commas_and_line_breaks(tmp_path, capsys):
    rows = [HEADER + ["Country interested in", "Tags"],
            row("Kiosks", country="Kenya; Uganda") + ["1. Republic of Kazakhstan\n"
                                                      "2. The Kingdom of Thailand",
                                                      "queues, feedback"]]
    sheet = write_csv(tmp_path / "s.csv", rows)
    assert run(capsys, sheet, "--dir", tmp_path / "c")[0] == 0
    data = front((tmp_path / "c" / "kiosks.md").read_text(encoding="utf-8"))
    assert data["countries"] == ["KE", "UG"]
    assert data["interested_countries"] == ["KZ", "TH"]
    assert data["tags"] == ["feedback", "queues"]


def test_unknown_column_is_said_with_a_did_you_mean_and_otherwise_ignored(tmp_path, capsys):
    rows = [HEADER + ["Sumary of impact", "Notes"], row("Kiosks") + ["x", "internal"]]
    sheet = write_csv(tmp_path / "s.csv", rows)
    code, out, _ = run(capsys, sheet, "--dir", tmp_path / "c")
    assert code == 0
    notes = [line for line in out.splitlines() if "[unknown-column]" in line]
    assert len(notes) == 2 and all(": warning: " in line for line in notes)
    assert f"{sheet}:1:{len(HEADER) + 2}: warning: the column 'Notes'" in out
    assert "internal" not in (tmp_path / "c" / "kiosks.md").read_text(encoding="utf-8")


def test_column_name_variants_are_data_and_match_in_any_case(tmp_path):
    assert columns.field_for("COUNTRIES") == columns.field_for("Country:") == "countries"
    assert columns.field_for("year_launched") == "year"
    assert columns.field_for("Organisation") == columns.field_for("organizations") \
        == "organisations"
    assert columns.field_for("source_body") == "source.body"  # cases.csv's own names
    assert columns.field_for("regions") == columns.DERIVED
    # no name means two fields
    listed = yaml.safe_load((ROOT / "plugins/caseshelf/data/import_columns.yml").read_text())
    seen: dict[str, str] = {}
    for target, names in listed.items():
        for name in names:
            assert seen.setdefault(columns.normal(name), target) == target, name
    for target in listed:
        assert target == columns.DERIVED or target in columns.fields(), target


def test_map_and_set_fill_what_the_sheet_names_otherwise_or_lacks(tmp_path, capsys):
    rows = [["Nom", "Résumé", "Pays", "Description"],
            ["Guichet unique", "Un guichet pour toutes les démarches.", "Sénégal",
             "## Défi\n\nLes démarches étaient dispersées."]]
    sheet = write_csv(tmp_path / "s.csv", rows)
    code, out, err = run(capsys, sheet, "--dir", tmp_path / "c", "--map", "Nom=title",
                         "--set", "source.body=SSN4PSI", "--set", "source.title=Workshop",
                         "--set", "themes=service-delivery", "--set", "sdgs=16",
                         "--set", "added=2024-05-01", "--set", "language=fr")
    assert code == 0, out + err
    data = front((tmp_path / "c" / "guichet-unique.md").read_text(encoding="utf-8"))
    assert data["title"] == "Guichet unique" and data["source"]["body"] == "SSN4PSI"
    assert data["themes"] == ["service-delivery"] and data["language"] == "fr"


@pytest.mark.parametrize("args, said", [
    (["--map", "Nom=titel"], "did you mean 'title'"),
    (["--map", "Nom"], "COLUMN=FIELD"),
    (["--set", "sourcebody=X"], "not a field"),
    (["--set", "slug=x"], "its own slug"),
])
def test_a_wrong_option_is_a_usage_error(tmp_path, capsys, args, said):
    sheet = write_csv(tmp_path / "s.csv", [HEADER, row("Kiosks")])
    code, _, err = run(capsys, sheet, "--dir", tmp_path / "c", *args)
    assert code == 2 and said in err
    assert run(capsys, tmp_path / "missing.csv")[0] == 2


# --- Nothing lost, nothing overwritten -------------------------------------------------------

def test_partial_writes_the_valid_rows_and_lists_the_rest(tmp_path, capsys):
    rows = [HEADER, row("One"), row("Two", country="Atlantis"), row("Three"),
            row("Four", SDG="SDG 99")]
    sheet = write_csv(tmp_path / "s.csv", rows)
    code, out, err = run(capsys, sheet, "--dir", tmp_path / "c", "--partial")
    assert code == 1
    written = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert written == ["one.md", "three.md"]
    reported_rows = {line.split(":")[1] for line in out.splitlines() if ": error: " in line}
    assert reported_rows == {"3", "5"}
    assert len(rows) - 1 == len(written) + len(reported_rows)  # rows in = written + reported
    assert "read 4 rows: 2 new cases, 0 updated, 0 unchanged, 2 rows with errors" in err


def test_existing_files_are_kept_unless_update_and_a_second_import_changes_nothing(
        tmp_path, capsys):
    sheet = write_csv(tmp_path / "s.csv", [HEADER, row("Kiosks")])
    folder = tmp_path / "c"
    assert run(capsys, sheet, "--dir", folder)[0] == 0
    path = folder / "kiosks.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Queues are shorter.", "Queues are shorter (edited by hand)."), encoding="utf-8")
    edited = path.read_bytes()
    # importing the same sheet again: the file's own body and fields stay
    code, out, err = run(capsys, sheet, "--dir", folder)
    assert code == 1 and "already exists" in out and path.read_bytes() == edited
    # a sheet with fewer columns, given --update: only its fields change, and the body stays
    small = write_csv(tmp_path / "small.csv", [["Title", "Year launched", "SDG"],
                                              ["Kiosks", 2019, "16; 16.7"]])
    code, out, err = run(capsys, small, "--dir", folder, "--update")
    assert code == 0, out + err
    after = path.read_text(encoding="utf-8")
    assert front(after)["year"] == 2019 and front(after)["sdgs"] == [16, "16.7"]
    assert "(edited by hand)" in after and front(after)["countries"] == ["KE"]
    assert "updated" in out
    code, out, err = run(capsys, small, "--dir", folder, "--update")
    assert code == 0 and path.read_text(encoding="utf-8") == after
    assert "0 updated, 1 unchanged" in err


def test_slugs_come_from_titles_in_any_script_and_collisions_are_numbered(tmp_path, capsys):
    rows = [HEADER, row("数字政府服务"), row("الحكومة الرقمية"), row("Kiosks"),
            row("Kiosks", country="Uganda")]
    sheet = write_csv(tmp_path / "s.csv", rows)
    assert run(capsys, sheet, "--dir", tmp_path / "c")[0] == 0
    names = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert names == sorted([f"{short_slug('数字政府服务')}.md", f"{short_slug('الحكومة الرقمية')}.md",
                            "kiosks.md", "kiosks-2.md"])
    assert "shu-zi-zheng-fu-fu-wu.md" in names  # each ideograph a word, as pinyin is read
    assert front((tmp_path / "c" / "kiosks-2.md").read_text(encoding="utf-8"))["countries"] \
        == ["UG"]
    # the same sheet again: the same names, nothing changed
    code, _, err = run(capsys, sheet, "--dir", tmp_path / "c")
    assert code == 0 and "0 new cases, 0 updated, 4 unchanged" in err


def test_dry_run_prints_what_would_be_written_and_writes_nothing(tmp_path, capsys):
    sheet = write_csv(tmp_path / "s.csv", [HEADER, row("Kiosks")])
    code, out, err = run(capsys, sheet, "--dir", tmp_path / "c", "--dry-run")
    assert code == 0 and not (tmp_path / "c").exists()
    assert f"would create {tmp_path / 'c' / 'kiosks.md'}:" in out
    assert "    title: Kiosks" in out
    run(capsys, sheet, "--dir", tmp_path / "c")
    changed = write_csv(tmp_path / "t.csv", [["Title", "Year launched"], ["Kiosks", 2020]])
    code, out, _ = run(capsys, changed, "--dir", tmp_path / "c", "--dry-run", "--update")
    assert code == 0 and "-year: 2018\n+year: 2020\n" in out
    assert front((tmp_path / "c" / "kiosks.md").read_text(encoding="utf-8"))["year"] == 2018


def test_a_workbook_sheet_is_chosen_by_name_and_a_day_number_in_a_csv_is_a_date(
        tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing to import here"])
    cases = book.create_sheet("Cases")
    for cells in [HEADER, row("Kiosks", **{"Date added": 45413})]:
        cases.append(cells)
    path = tmp_path / "b.xlsx"
    book.save(path)
    code, out, _ = run(capsys, path, "--dir", tmp_path / "c", "--sheet", "Other")
    assert code == 1 and "no sheet named 'Other'; its sheets are 'Notes', 'Cases'" in out
    assert run(capsys, path, "--dir", tmp_path / "c", "--sheet", "Cases")[0] == 0
    sheet = write_csv(tmp_path / "s.csv", [HEADER, row("Queues", **{"Date added": "45413"})])
    assert run(capsys, sheet, "--dir", tmp_path / "c")[0] == 0
    for name in ("kiosks", "queues"):
        text = (tmp_path / "c" / f"{name}.md").read_text(encoding="utf-8")
        assert str(front(text)["added"]) == "2024-05-01"


def test_a_large_import_writes_ahead_but_leaves_nothing_when_a_row_fails(tmp_path, capsys):
    """From 200 rows the rows are checked on worker processes, which write each valid file
    into a staging folder beside the cases as they go: with an error and no --partial, none
    of them may reach the folder, and the staging folder goes too."""
    rows = [HEADER] + [row(f"Practice {n}") for n in range(260)]
    rows[131] = row("Practice 130", country="Atlantis")
    sheet = write_csv(tmp_path / "big.csv", rows)
    folder = tmp_path / "cases"
    code, out, err = run(capsys, sheet, "--dir", folder)
    assert code == 1 and "Atlantis" in out and not folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]  # no staging left
    code, out, err = run(capsys, sheet, "--dir", folder, "--partial")
    assert code == 1 and len(list(folder.glob("*.md"))) == 259
    assert not (folder / "practice-130.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "cases"]
    checked = checker.check_paths([folder])
    assert checked.errors == [] and len(checked.cases) == 259
