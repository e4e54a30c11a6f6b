"""Download rows serialised a column at a time (generator/opendata/formats.serialise), checked value
by value against what a reader of each format gets back: csv.reader, json.loads and an XML parser
(with SpreadsheetML's _xHHHH_ escapes decoded), and byte for byte against what csv.writer and
json.dumps write, so that assembling whole columns at once cannot drift from the rules of any
format, whatever the texts hold; the workbook's zip byte for byte against zipfile's."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import deflate
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.opendata.formats import (
    _ILLEGAL_XML,
    DRAFTS_MARK,
    FIXED_TIME,
    LAST_ROW,
    MIN_WIDTH,
    ROW_MARK_BYTES,
    SCOPE_MARK,
    XLSX_COMPRESSION,
    ZipEntry,
    _has_illegal_xml,
    _zip,
    column_letter,
    csv_text,
    display_width,
    header_label,
    plain,
    serialise,
    workbook_parts,
)
from generator.opendata.rows import all_rows, document_rows
from generator.opendata.tables import DOCUMENTS, MEASURE_TABLES, REGISTRY_TABLES, TABLES, Row, Table


class Sample(Row):
    text: str
    note: str | None = None
    amount: float | None = None
    year: int | None = None
    flag: bool = False
    certain: bool | None = None


TABLE = Table("samples", "样例", Sample, "一行一个样例", ("text",))
COLUMNS = "ABCDEF"
# characters every format treats specially: quotes and separators, formula starts, spaces at
# either end, XML's markup, control characters XML cannot hold, a printed _x0041_ escape, and CJK
# (two columns wide)
SPECIAL = ' ,"\'=+-@\t\r\n&<>\x00\x01\x1f_x0041江碳'


def samples(texts):
    return st.builds(
        Sample, text=texts, note=st.none() | texts,
        amount=st.none() | st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-1000, 1000).map(float),
        year=st.none() | st.integers(1990, 2060), flag=st.booleans(), certain=st.none() | st.booleans(),
    )


SAMPLES = samples(st.text(alphabet=SPECIAL, max_size=12))
# and the noncharacter the serialiser puts between a column's texts while it escapes them (which
# XML cannot hold either, so that no parser reads it back)
SAMPLES_APART = samples(st.text(alphabet=SPECIAL + "\uffff", max_size=12))
SPREADSHEET_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def as_csv(value) -> str:
    """One value as a CSV field by the per-value rule (tested on its own in test_downloads.py)."""
    return csv_text(plain(value))


def cell_value(cell: ET.Element):
    kind = cell.get("t")
    if kind == "inlineStr":
        t = cell.find("is/t")
        assert t is not None
        printed = SPREADSHEET_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), t.text or "")
        return printed, t.get(XML_SPACE) == "preserve"
    number = cell.findtext("v")
    assert number is not None
    return (number == "1") if kind == "b" else float(number), None


def values(rows):
    return [r.__dict__.values() for r in rows]


@given(st.text(alphabet=st.characters(max_codepoint=0x40) | st.sampled_from("碳\uffff\ud800\U0001f600"), max_size=12))
def test_a_text_has_a_character_xml_cannot_hold_as_the_regular_expression_finds_it(text):
    assert _has_illegal_xml(text) == (_ILLEGAL_XML.search(text) is not None)


@given(st.lists(SAMPLES, max_size=6))
def test_each_row_reads_back_as_its_values_in_csv_json_and_xlsx(rows):
    made = serialise(TABLE, values(rows))
    assert len(made.csv) == len(made.json) == len(made.cells) == len(rows)
    for row, line, array, cells in zip(rows, made.csv, made.json, made.cells, strict=True):
        values_ = list(row.__dict__.values())
        assert next(csv.reader(io.StringIO(line.decode(), newline=""))) == [as_csv(v) for v in values_]
        assert line.endswith(b"\r\n")
        read = json.loads(array)
        assert read == values_
        assert [type(v) for v in read] == [int if isinstance(v, float) and v == int(v) else type(v) for v in values_]
        assert cells.count(ROW_MARK_BYTES) == 1 + sum(v is not None for v in values_)
        xml = ET.fromstring(cells.replace(ROW_MARK_BYTES, b"7").decode())
        assert xml.tag == "row" and xml.get("r") == "7"
        present = [(c, v) for c, v in zip(COLUMNS, values_, strict=True) if v is not None]
        assert [c.get("r") for c in xml] == [f"{c}7" for c, _ in present]
        for cell, (_, v) in zip(xml, present, strict=True):
            got, preserved = cell_value(cell)
            assert got == v and isinstance(got, bool) == isinstance(v, bool)
            if isinstance(v, str):
                assert preserved == (v != v.strip())
    assert made.widest == [max((display_width(v) if isinstance(v, str) else len(as_csv(v)) for v in column if v is not None), default=0)
                      for column in zip(*(r.__dict__.values() for r in rows), strict=True)] if rows else [0] * len(COLUMNS)


@given(st.lists(SAMPLES_APART, min_size=1, max_size=6), st.lists(st.integers(1, 3), min_size=6, max_size=6))
def test_a_row_serialises_the_same_alone_or_among_others(rows, repeats):
    # a row repeated, and equal values in other rows (the alphabet is small): each distinct value of a
    # column is made once and spread over its rows
    rows = [row for row, n in zip(rows, repeats, strict=False) for _ in range(n)]
    made = serialise(TABLE, values(rows))
    alone = [serialise(TABLE, values([row])) for row in rows]
    assert (made.csv, made.json, made.cells) == ([a.csv[0] for a in alone], [a.json[0] for a in alone], [a.cells[0] for a in alone])


@given(st.lists(SAMPLES_APART, max_size=6))
def test_csv_and_json_bytes_are_what_the_standard_library_writes(rows):
    # the serialiser puts lines together itself: byte for byte what csv.writer (minimal quoting,
    # after the formula guard) and json.dumps (whole numbers as int) write for each row
    made = serialise(TABLE, values(rows))
    for row, line, array in zip(rows, made.csv, made.json, strict=True):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow([as_csv(v) for v in row.__dict__.values()])
        assert line == buffer.getvalue().encode()
        assert array == json.dumps([plain(v) for v in row.__dict__.values()], ensure_ascii=False, separators=(",", ":")).encode()


@pytest.mark.parametrize("which", ["real_index", "fixture_index"])
def test_every_row_is_what_its_model_takes_without_converting_a_value(which, request):
    # rows are made as plain values in field order (Table.values), not validated on the way:
    # strict validation fails for any value of another type than its field's (an int for a float,
    # an enum for a text), which the files would then print in another form
    index = request.getfixturevalue(which)
    counted = dict.fromkeys((t.name for t in TABLES), 0)
    for values_ in document_rows(index):
        assert tuple(DOCUMENTS.row.model_validate(dict(zip(DOCUMENTS.fields, values_, strict=True)), strict=True).__dict__.values()) == values_
        counted[DOCUMENTS.name] += 1
    for _, measure_rows in all_rows(index):
        for table in MEASURE_TABLES:
            for values_ in measure_rows.of(table):
                row = table.row.model_validate(dict(zip(table.fields, values_, strict=True)), strict=True)
                assert tuple(row.__dict__.values()) == values_
                counted[table.name] += 1
    assert counted["measures"] and (which == "fixture_index" or all(counted.values())), counted  # the fixture corpus has no projects


def test_a_row_needs_every_field_and_no_other():
    fields = dict(text="t", note=None, amount=None, year=None, flag=False, certain=None)
    assert TABLE.values(fields) == ("t", None, None, None, False, None)
    with pytest.raises(KeyError):
        TABLE.values({**{k: v for k, v in fields.items() if k != "note"}, "other": 1})
    with pytest.raises(TypeError):
        TABLE.values({**fields, "other": 1})


class _Libdeflate:
    """A compressor for zipfile that deflates as the workbooks are deflated: libdeflate, in one call
    at flush (zipfile's own compressor is zlib's, whose bytes differ)."""

    def __init__(self) -> None:
        self.content: list[bytes] = []

    def compress(self, data: bytes) -> bytes:
        self.content.append(data)
        return b""

    def flush(self) -> bytes:
        return deflate.deflate_compress(b"".join(self.content), XLSX_COMPRESSION)


@given(st.lists(st.tuples(st.from_regex(r"[a-z_/\[\]]{1,20}\.xml", fullmatch=True), st.lists(st.binary(max_size=3000), max_size=4)),
                min_size=1, max_size=5, unique_by=lambda entry: entry[0]))
def test_a_workbook_zip_is_byte_for_byte_what_zipfile_writes(entries):
    # the workbook's zip is written directly (formats._zip); zipfile, writing the same entries
    # with the same date and mode to a seekable file, deflated by libdeflate, is the reference
    reference = io.BytesIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zipfile, "_get_compressor", lambda *_: _Libdeflate())
        with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, pieces in entries:
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with archive.open(info, "w") as part:
                    for piece in pieces:
                        part.write(piece)
    ours = b"".join(_zip([ZipEntry.of(name, pieces) for name, pieces in entries]))
    assert ours == reference.getvalue()
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:  # read back by zlib, every CRC checked
        assert archive.testzip() is None
        assert [archive.read(name) for name, _ in entries] == [b"".join(pieces) for _, pieces in entries]


# ------------------------------------------------------------------ the workbook's parts against openpyxl's


def openpyxl_parts(tables, widths, about) -> list[tuple[str, bytes]]:
    """The workbook as openpyxl (write-only mode) writes it, with the <dimension> its write-only mode
    leaves out put where the schema wants it: what formats.workbook_parts must give byte for byte."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.writer.excel import ExcelWriter

    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header_align = Alignment(vertical="top", wrap_text=True)
    wb = Workbook(write_only=True)
    wb.properties.creator = "区县双碳政策对照"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    sizes = {}
    for n, table in enumerate(tables, start=1):
        ws = wb.create_sheet(table.sheet)
        for i, w in enumerate(widths[table.name], start=1):
            ws.column_dimensions[column_letter(i)].width = w
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = sizes[f"xl/worksheets/sheet{n}.xml"] = f"A1:{column_letter(len(widths[table.name]))}{LAST_ROW}"
        header = []
        for name in table.fields:
            c = WriteOnlyCell(ws, value=header_label(table, name))
            c.font, c.fill, c.alignment = header_font, header_fill, header_align
            header.append(c)
        ws.append(header)
    ws = wb.create_sheet("说明 about")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 100
    for line in about:
        row = []
        for v in line:
            cell = WriteOnlyCell(ws, value=v)
            cell.data_type = "s"
            row.append(cell)
        ws.append(row)
    sizes[f"xl/worksheets/sheet{len(tables) + 1}.xml"] = f"A1:{column_letter(max(len(line) for line in about))}{len(about)}"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(wb, archive).write_data()
    with zipfile.ZipFile(raw) as made:
        parts = [(info.filename, made.read(info.filename)) for info in made.infolist()]
    out = []
    for name, content in parts:
        if name in sizes:
            head, end, tail = content.partition(b"</sheetPr>")
            assert end and b"<dimension" not in content
            content = head + end + f'<dimension ref="{sizes[name]}"/>'.encode() + tail
        out.append((name, content))
    return out


def test_the_workbook_parts_are_openpyxls_for_the_download_tables():
    widths = {t.name: [MIN_WIDTH + i % 53 for i in range(len(t.fields))] for t in (*TABLES, *REGISTRY_TABLES)}
    about = [("数据集", "区县双碳政策对照"), ("范围", SCOPE_MARK), ("征求意见稿", DRAFTS_MARK)]
    for tables in (TABLES, (*TABLES, *REGISTRY_TABLES)):
        assert workbook_parts(tables, widths, about) == openpyxl_parts(tables, widths, about)


# every character openpyxl takes in a cell (it refuses those XML cannot hold), SPECIAL's among them
ABOUT_TEXT = st.text(st.sampled_from(SPECIAL.translate(dict.fromkeys(range(0x20), None)) + "\t\n\r 😀") | st.characters(
    blacklist_categories=("Cs",), blacklist_characters="".join(map(chr, range(0x20)))), max_size=12)


@given(st.lists(st.integers(1, 255), min_size=len(TABLE.fields), max_size=len(TABLE.fields)),
       st.lists(st.lists(ABOUT_TEXT, min_size=1, max_size=3), min_size=1, max_size=4))
def test_the_workbook_parts_are_byte_for_byte_what_openpyxl_writes(widths, about):
    assert workbook_parts((TABLE,), {TABLE.name: widths}, about) == openpyxl_parts((TABLE,), {TABLE.name: widths}, about)
