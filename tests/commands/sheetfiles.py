"""Workbooks written the way spreadsheet programs write them, for the import tests: XLSX with
openpyxl, and ODS as its OpenDocument XML (a zip of content.xml and a manifest)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl


def xlsx(path: Path, rows: list[list], *, sheet: str = "Sheet1",
         merged: tuple[str, ...] = (), cached: dict[str, str] | None = None) -> Path:
    """An XLSX workbook of `rows`. `cached` gives formula cells ({'B3': 'Kenya'}) the value a
    spreadsheet program would have saved beside the formula (openpyxl saves none)."""
    book = openpyxl.Workbook()
    page = book.active
    page.title = sheet
    for row in rows:
        page.append(row)
    for area in merged:
        page.merge_cells(area)
    book.save(path)
    if cached:
        _cache_values(path, cached)
    return path


def _cache_values(path: Path, cached: dict[str, str]) -> None:
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = files[sheet].decode("utf-8")
    for cell, value in cached.items():
        xml, found = re.subn(rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?',
                             rf'<c r="{cell}" t="str"><f>\2</f><v>{escape(value)}</v>', xml)
        assert found == 1, f"no formula cell {cell} in {xml[:400]}"
    files[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)


def ods(path: Path, rows: list[list], *, sheet: str = "Sheet1") -> Path:
    """An OpenDocument spreadsheet of `rows`: text, numbers (floats, as ODS keeps them) and
    dates."""
    cells = []
    for row in rows:
        parts = []
        for value in row:
            if isinstance(value, dt.date):
                parts.append(f'<table:table-cell office:value-type="date" '
                             f'office:date-value="{value.isoformat()}"><text:p>'
                             f'{value.isoformat()}</text:p></table:table-cell>')
            elif isinstance(value, (int, float)):
                parts.append(f'<table:table-cell office:value-type="float" '
                             f'office:value="{value}"><text:p>{value}</text:p>'
                             '</table:table-cell>')
            else:
                lines = "".join(f"<text:p>{escape(line)}</text:p>"
                                for line in str(value).split("\n"))
                parts.append(f'<table:table-cell office:value-type="string">{lines}'
                             '</table:table-cell>')
        cells.append(f"<table:table-row>{''.join(parts)}</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
        f"{''.join(cells)}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
    return path
