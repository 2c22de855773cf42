"""Reading the files `caseshelf import` takes: CSV (UTF-8 with or without a signature, UTF-16
or Windows-1252; comma, semicolon or tab), XLSX and ODS (through python-calamine, which
reads the values a spreadsheet saved and never runs a formula), and caseshelf's own
cases.json. A file that cannot be read raises SheetError with a message that names it.

Every cell keeps where it came from, so that a problem is reported where a person looks:
`file.csv:7:3` (line and column) or `book.xlsx:Sheet1!C7`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 100 * 1024 * 1024  # 100 MB read from disk
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # 500 MB inside an XLSX or ODS, which are zip files
MAX_ROWS = 100_000
MAX_CELL_CHARS = 1_000_000  # a case's body is rarely more than 50,000
DELIMITERS = (",", ";", "\t")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted workbooks and old .xls files


class SheetError(Exception):
    """A file that cannot be read as a sheet; the message names the file."""


@dataclass
class Sheet:
    """A table read from a file: its rows of cells, and where each cell is in the file."""

    path: str
    name: str | None  # the sheet's name in a workbook; None for a CSV
    rows: list[list[Any]]
    lines: list[int] = field(default_factory=list)  # a CSV row's first line in the file
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def where(self, row: int, column: int | None = None) -> str:
        """The place of a cell (row and column 0-based) as a person finds it."""
        if self.name is None:
            line = self.lines[row] if row < len(self.lines) else row + 1
            return f"{self.path}:{line}:{(column or 0) + 1}"
        return f"{self.path}:{self.name}!{cell_name(row, column or 0)}"

    def line_col(self, row: int, column: int | None = None) -> tuple[int, int]:
        line = self.lines[row] if self.name is None and row < len(self.lines) else row + 1
        return line, (column or 0) + 1


def cell_name(row: int, column: int) -> str:
    """'C7' for the third column of the seventh row (both 0-based here)."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def read(path: str, sheet_name: str | None = None) -> Sheet:
    """The sheet in `path`, told apart by its content, not only its name."""
    file = Path(path)
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SheetError(f"{path}: the file is {size:,} bytes; caseshelf import reads files of "
                         f"at most {MAX_FILE_BYTES:,} bytes: split it")
    data = file.read_bytes()
    suffix = file.suffix.casefold()
    if data.startswith(_OLE2):
        raise SheetError(f"{path}: this is a password-protected workbook or an old Excel "
                         "97-2003 (.xls) file; remove the password or save it as .xlsx, .ods "
                         "or CSV, then import that")
    if data.startswith(b"PK\x03\x04"):
        if suffix in (".csv", ".tsv", ".txt", ".json"):
            raise SheetError(f"{path}: the name says {suffix} but the file is a zip archive "
                             "(a workbook?); rename it .xlsx or .ods")
        return _workbook(path, data, sheet_name)
    if suffix in (".xlsx", ".xlsm", ".ods"):
        raise SheetError(f"{path}: the name says {suffix} but the file is not a workbook (an "
                         "XLSX or ODS file is a zip archive); is it a CSV file with the "
                         "wrong name?")
    if sheet_name is not None:
        raise SheetError(f"{path}: --sheet is for workbooks (.xlsx, .ods); a CSV file has "
                         "one sheet")
    return _csv(path, data)


def decode(path: str, data: bytes) -> str:
    """The text of a CSV file: UTF-8 with or without a signature, UTF-16 with its
    signature, else Windows-1252 (what Excel writes as 'CSV' on a Western computer)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SheetError(f"{path}: starts as UTF-16 but is not: {error.reason} at byte "
                             f"{error.start}") from None
    if b"\x00" in data[:4096]:
        raise SheetError(f"{path}: this is not a text file (it holds zero bytes); save the "
                         "sheet as CSV, XLSX or ODS")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SheetError(f"{path}: not UTF-8, UTF-16 or Windows-1252 text (byte "
                         f"{error.start}); save it as 'CSV UTF-8'") from None


def _delimiter(text: str) -> str:
    """The delimiter of the first line that has one, counted outside quotes."""
    for line in text.splitlines()[:20]:
        counts = {d: 0 for d in DELIMITERS}
        quoted = False
        for char in line:
            if char == '"':
                quoted = not quoted
            elif not quoted and char in counts:
                counts[char] += 1
        best = max(DELIMITERS, key=lambda d: counts[d])
        if counts[best]:
            return best
    return ","


def _csv(path: str, data: bytes) -> Sheet:
    text = decode(path, data)
    # Python's csv stops at cells of 128 KB; a cell may be as long as the file, and is then
    # measured against MAX_CELL_CHARS, which the message can name
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    rows: list[list[Any]] = []
    lines: list[int] = []
    try:
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if len(rows) >= MAX_ROWS:
                raise SheetError(f"{path}: more than {MAX_ROWS:,} rows; caseshelf import reads "
                                 f"at most {MAX_ROWS:,} rows a file: split it")
            rows.append(row)
            lines.append(line)
    except csv.Error as error:
        raise SheetError(f"{path}:{reader.line_num}: cannot read this line as CSV: {error}") \
            from None
    sheet = Sheet(path, None, rows, lines)
    _check_cells(sheet)
    return sheet


def _workbook(path: str, data: bytes, sheet_name: str | None) -> Sheet:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise SheetError(f"{path}: a damaged workbook ({error}); open it and save it again")\
            from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError(f"{path}: the workbook unpacks to {unpacked:,} bytes; caseshelf import "
                         f"reads workbooks of at most {MAX_UNPACKED_BYTES:,} bytes unpacked")
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        if sheet_name is None:
            chosen = book.get_sheet_by_index(0) if names else None
        elif sheet_name in names:
            chosen = book.get_sheet_by_name(sheet_name)
        else:
            listed = ", ".join(repr(n) for n in names)
            raise SheetError(f"{path}: no sheet named {sheet_name!r}; its sheets are {listed}")
        if chosen is None:
            raise SheetError(f"{path}: the workbook has no sheet")
        if chosen.total_height > MAX_ROWS:
            raise SheetError(f"{path}:{chosen.name}: {chosen.total_height:,} rows; caseshelf "
                             f"import reads at most {MAX_ROWS:,} rows a sheet: split it")
        rows = chosen.to_python(skip_empty_area=False)
        merged = list(chosen.merged_cell_ranges or [])
    except SheetError:
        raise
    except Exception as error:  # calamine's errors are its own classes and plain ones
        raise SheetError(f"{path}: cannot read the workbook ({type(error).__name__}: "
                         f"{error}); open it and save it again as .xlsx, .ods or CSV") from None
    sheet = Sheet(path, chosen.name, [list(row) for row in rows], merged=merged)
    _check_cells(sheet)
    return sheet


def _check_cells(sheet: Sheet) -> None:
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise SheetError(f"{sheet.where(r, c)}: a cell of {len(value):,} characters; "
                                 f"caseshelf import reads cells of at most {MAX_CELL_CHARS:,}")
