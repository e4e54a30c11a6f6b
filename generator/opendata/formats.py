"""CSV, JSON and XLSX serialisation of the download tables.

A row is serialised to CSV and JSON once and the pieces are joined per download, so the many
per-page downloads that repeat a row cost a string join each. XLSX goes through openpyxl's
write-only mode; its zip is repacked with fixed timestamps so two builds give identical bytes.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from generator.opendata.tables import Row, Table

EMPTY_JSON = b"[]\n"
BOM = "\ufeff"  # so that Excel and WPS open the CSV as UTF-8
FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook properties and zip entries: never the build time
MAX_WIDTH = 60  # characters; longer texts run on in the cell
MIN_WIDTH = 8


def plain(value):
    """A row value as JSON/XLSX wants it: whole numbers as int (16, not 16.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(plain(value))


def field_names(table: Table) -> list[str]:
    return list(table.row.model_fields)


def header_label(table: Table, name: str) -> str:
    """A spreadsheet header: the Chinese title with the field name beside it (牵头单位 lead_units)."""
    return f"{table.row.model_fields[name].title} {name}"


@dataclass(frozen=True)
class RowText:
    """One row serialised once: its CSV line and its JSON object."""

    csv: str
    json: str


def serialise(row: Row) -> RowText:
    values = list(row.__dict__.values())
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([csv_text(v) for v in values])
    obj = {k: plain(v) for k, v in row.__dict__.items()}
    return RowText(buffer.getvalue(), json.dumps(obj, ensure_ascii=False, separators=(",", ":")))


def csv_file(table: Table, rows: Iterable[RowText]) -> bytes:
    """UTF-8 with a byte-order mark, CRLF line ends (RFC 4180), field names in the header."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(field_names(table))
    return (BOM + buffer.getvalue() + "".join(r.csv for r in rows)).encode("utf-8")


def json_file(rows: Sequence[RowText]) -> bytes:
    """An array of row objects, one row per line."""
    if not rows:
        return EMPTY_JSON
    return ("[\n" + ",\n".join(r.json for r in rows) + "\n]\n").encode("utf-8")


# ------------------------------------------------------------------ XLSX

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet, wide (CJK) characters counting two. In UTF-8 an ASCII
    character is one byte and a CJK character three, so (bytes + characters) / 2 counts exactly that."""
    return (len(text.encode("utf-8")) + len(text)) // 2


def _xlsx_value(ws, value):
    """A plain value, which openpyxl writes fastest; a text that starts with = would become a
    formula, so that one alone goes in as a cell marked as text."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return plain(value)


@dataclass(frozen=True)
class Sheet:
    table: Table
    rows: Sequence[Row]


def _write_sheet(wb: Workbook, sheet: Sheet) -> None:
    table = sheet.table
    names = field_names(table)
    headers = [header_label(table, n) for n in names]
    widths = [display_width(h) for h in headers]
    raw = [list(r.__dict__.values()) for r in sheet.rows]
    for values in raw:
        for i, v in enumerate(values):
            if v is not None and widths[i] < MAX_WIDTH:
                w = display_width(v) if isinstance(v, str) else len(str(plain(v)))
                if w > widths[i]:
                    widths[i] = w
    ws = wb.create_sheet(table.sheet)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, w + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(raw) + 1}"
    header_cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font, c.fill, c.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
        header_cells.append(c)
    ws.append(header_cells)
    for values in raw:
        ws.append([_xlsx_value(ws, v) for v in values])


def xlsx_file(sheets: Sequence[Sheet], about: Sequence[Sequence[str]]) -> bytes:
    """One workbook: a sheet per table (frozen bilingual header, widths, filter) and an 说明 sheet."""
    wb = Workbook(write_only=True)
    wb.properties.creator = "区县双碳政策对照"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    for sheet in sheets:
        _write_sheet(wb, sheet)
    ws = wb.create_sheet("说明 about")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 100
    for line in about:
        ws.append([_xlsx_value(ws, v) for v in line])
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(wb, archive).write_data()
    return _repack(raw.getvalue())


def _repack(data: bytes) -> bytes:
    """The same zip entries, compressed, with a fixed timestamp and order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
