"""`caseshelf import` on files that are not what they should be: each gets a message that
names the file (and the cell, where there is one), never a traceback, and exit 0, 1 or 2."""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from caseshelf.cli import main
from caseshelf.commands import sheets

sys.path.insert(0, str(Path(__file__).parent))
import sheetfiles  # noqa: E402
from test_import import HEADER, row, run, write_csv  # noqa: E402


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error: " in line]


def test_a_file_that_is_not_what_its_name_says(tmp_path, capsys):
    book = sheetfiles.xlsx(tmp_path / "real.xlsx", [HEADER, row("Kiosks")])
    as_csv = tmp_path / "cases.csv"
    as_csv.write_bytes(book.read_bytes())
    code, out, _ = run(capsys, as_csv, "--dir", tmp_path / "c")
    assert code == 1 and f"{as_csv}: error: {as_csv}: the name says .csv but the file is a " \
        "zip archive" in out
    fake = write_csv(tmp_path / "fake.xlsx", [HEADER, row("Kiosks")])
    code, out, _ = run(capsys, fake, "--dir", tmp_path / "c")
    assert code == 1 and "the name says .xlsx but the file is not a workbook" in out
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    code, out, _ = run(capsys, binary, "--dir", tmp_path / "c")
    assert code == 1 and "not a text file" in out
    assert not (tmp_path / "c").exists()


def test_a_password_protected_or_corrupt_workbook(tmp_path, capsys):
    # what Excel saves when a password is set: an OLE2 compound file, not a zip
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    code, out, _ = run(capsys, locked, "--dir", tmp_path / "c")
    assert code == 1 and "password-protected" in out and str(locked) in out
    good = sheetfiles.xlsx(tmp_path / "good.xlsx", [HEADER, row("Kiosks")]).read_bytes()
    for name, data in (("cut.xlsx", good[: len(good) // 2]), ("scrambled.ods",
                                                              good[:30] + bytes(2000))):
        broken = tmp_path / name
        broken.write_bytes(data)
        code, out, _ = run(capsys, broken, "--dir", tmp_path / "c")
        assert code == 1 and f"{broken}: error: {broken}: " in out, out


def test_a_zip_bomb_dressed_as_a_workbook_is_refused_before_it_is_unpacked(tmp_path, capsys):
    bomb = tmp_path / "bomb.xlsx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(sheets.MAX_UNPACKED_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    code, out, _ = run(capsys, bomb, "--dir", tmp_path / "c")
    assert code == 1 and f"at most {sheets.MAX_UNPACKED_BYTES:,} bytes unpacked" in out


def test_too_many_rows_or_too_big_a_cell_says_the_limit(tmp_path, capsys):
    many = tmp_path / "many.csv"
    many.write_text("Title\n" + "x\n" * sheets.MAX_ROWS, encoding="utf-8")
    code, out, _ = run(capsys, many, "--dir", tmp_path / "c")
    assert code == 1 and f"at most {sheets.MAX_ROWS:,} rows" in out
    big = write_csv(tmp_path / "big.csv", [HEADER, row("Kiosks", Results="x" * 10_000_000)])
    code, out, _ = run(capsys, big, "--dir", tmp_path / "c")
    column = HEADER.index("Results") + 1
    assert code == 1 and f"{big}:2:{column}: a cell of 10,000,000 characters" in out
    assert f"at most {sheets.MAX_CELL_CHARS:,}" in out


def test_merged_cells_are_named_and_their_rows_not_guessed(tmp_path, capsys):
    rows = [HEADER, row("One"), row("Two"), row("Three")]
    book = sheetfiles.xlsx(tmp_path / "m.xlsx", rows, merged=("C3:C4",))
    code, out, err = run(capsys, book, "--dir", tmp_path / "c", "--partial")
    assert code == 1
    assert f"{book}:Sheet1!C3: error: the cells C3:C4 are merged" in out
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["one.md"]
    assert "read 3 rows: 1 new case, 0 updated, 0 unchanged, 2 rows with errors" in err


def test_an_empty_sheet_and_duplicate_column_names(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, empty, "--dir", tmp_path / "c")
    assert code == 1 and "the sheet is empty" in out
    blank = sheetfiles.xlsx(tmp_path / "blank.xlsx", [])
    assert run(capsys, blank, "--dir", tmp_path / "c")[0] == 1
    twice = write_csv(tmp_path / "twice.csv", [HEADER + ["Country"], row("One") + ["Peru"]])
    code, out, err = run(capsys, twice, "--dir", tmp_path / "c")
    assert code == 1 and "two columns are named 'Country' (C1 and O1)" in out
    assert "1 row with errors" in err  # its row is counted, not lost
    both = write_csv(tmp_path / "both.csv", [HEADER + ["Nation"], row("One") + ["Peru"]])
    code, out, _ = run(capsys, both, "--dir", tmp_path / "c")
    assert code == 1 and "'Country' and 'Nation' both fill 'countries'" in out


def test_a_header_below_a_title_row_is_found_and_said(tmp_path, capsys):
    rows = [["Matchmaking workshop, October 2021"], [], HEADER, row("Kiosks")]
    sheet = write_csv(tmp_path / "s.csv", rows)
    code, out, err = run(capsys, sheet, "--dir", tmp_path / "c")
    assert code == 0, out + err
    assert f"{sheet}:3:1: warning: the column names are on row 3, not the first row" in out
    assert (tmp_path / "c" / "kiosks.md").is_file()
    nothing = write_csv(tmp_path / "n.csv", [["Alpha", "Beta"], ["1", "2"]])
    code, out, _ = run(capsys, nothing, "--dir", tmp_path / "c")
    assert code == 1 and "no column names that caseshelf knows" in out


# --- Whatever the bytes, an answer -----------------------------------------------------------

CELLS = st.one_of(st.text(max_size=40), st.integers(-10**6, 10**6),
                  st.floats(allow_nan=False, allow_infinity=False),
                  st.sampled_from(["Kenya", "SDG 16", "16.6", "2024-05-01", "=1+1", "'=A1",
                                   "service-delivery", "Title", "Country"]))
NAMES = st.lists(st.sampled_from(HEADER + ["Title", "Country", "Notes", "slug", "body", ""]),
                 min_size=1, max_size=8)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(names=NAMES, rows=st.lists(st.lists(CELLS, max_size=8), max_size=6),
       kind=st.sampled_from(["csv", "xlsx"]), delimiter=st.sampled_from([",", ";", "\t"]))
def test_random_sheets_never_raise_and_exit_0_1_or_2(tmp_path, capsys, names, rows, kind,
                                                     delimiter):
    path = tmp_path / f"random.{kind}"
    if kind == "csv":
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter).writerows([names, *rows])
        path.write_text(out.getvalue(), encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        try:
            for cells in [names, *rows]:
                book.active.append(cells)
            book.save(path)
        except IllegalCharacterError:  # no spreadsheet holds these: not an input to test
            return
    code = main(["import", str(path), "--dir", str(tmp_path / "out"), "--dry-run",
                 "--format", "json"])
    _, err = capsys.readouterr()
    assert code in (0, 1, 2) and "internal error" not in err, err


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".xlsx", ".ods",
                                                             ".json"]))
def test_random_bytes_never_raise_and_exit_0_1_or_2(tmp_path, capsys, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    code = main(["import", str(path), "--dir", str(tmp_path / "out"), "--dry-run"])
    _, err = capsys.readouterr()
    assert code in (0, 1, 2) and "internal error" not in err


def test_blank_rows_are_passed_over_and_counted(tmp_path, capsys):
    sheet = write_csv(tmp_path / "s.csv", [HEADER, row("One"), [], ["", ""], row("Two")])
    code, _, err = run(capsys, sheet, "--dir", tmp_path / "c")
    assert code == 0 and "read 2 rows: 2 new cases" in err and "(2 blank rows passed over)" in err


def test_a_cases_json_cannot_write_outside_its_folder(tmp_path, capsys):
    import json

    from caseshelf.cases import checker
    from caseshelf.opendata import exports
    from support.samples import VALID

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "kiosks.md").write_text(VALID, encoding="utf-8")
    data = json.loads(exports.cases_json(checker.check_paths([tmp_path / "src"]).cases,
                                         lambda c: "", "CC-BY-4.0"))
    data["cases"][0]["translations"] = {"../../escaped": {"title": "x", "summary": "y"}}
    hostile = tmp_path / "cases.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, hostile, "--dir", tmp_path / "c", "--partial")
    assert code == 1 and "is not a language tag" in out
    assert not any(tmp_path.rglob("*escaped*"))
    data["cases"][0]["slug"] = "../escaped"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, hostile, "--dir", tmp_path / "c", "--partial")
    assert code == 1 and "cannot be a file name" in out and not any(tmp_path.rglob("*escaped*"))


def test_usage_errors_for_the_folder_and_a_file_given_twice(tmp_path, capsys):
    sheet = write_csv(tmp_path / "s.csv", [HEADER, row("One")])
    (tmp_path / "file").write_text("", encoding="utf-8")
    code, _, err = run(capsys, sheet, "--dir", tmp_path / "file")
    assert code == 2 and "that is a file, not a folder" in err
    code, _, err = run(capsys, sheet, sheet, "--dir", tmp_path / "c")
    assert code == 2 and "is given twice" in err
