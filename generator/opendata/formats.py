"""CSV, JSON and XLSX serialisation of the download tables.

Each row is serialised once, to a CSV line, a JSON array and the cells of a spreadsheet row (in
UTF-8), and the pieces are joined per download: a row that appears in the site's files, its
district's, its document's, its themes' and its departments' costs a join for each, not a new
encoding. Rows are serialised a few thousand at a time and a column at a time (``serialise``): the
rows are put together by the C loops of zip, str.join, csv and json instead of a Python step for
each of a table's several hundred thousand values.

XLSX: each workbook's parts (bold header rows, column widths, frozen panes, filters and the 说明
sheet) are written once as openpyxl's write-only mode writes them (``workbook_parts``, without
importing openpyxl); the data rows, serialised once as SpreadsheetML, are put in when each download's
zip is packed (with fixed timestamps, so two builds give identical bytes), and each sheet's used range
(<dimension>) and filter are set to its rows.
Every text is written as an inline string, which a spreadsheet never reads as a formula.

Formula injection (OWASP "CSV injection"): a spreadsheet opening a CSV reads a cell that starts
with = + - @ (or a tab or carriage return) as a formula. In CSV every text of two or more
characters that starts with one of these gets a single quote before it (FORMULA_GUARD); JSON and
XLSX keep the text as it is (XLSX writes it as an inline string, which is never a formula).
"""
from __future__ import annotations

import ast
import csv
import datetime as dt
import importlib.util
import io
import json
import math
import re
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, chain, compress, repeat
from json.encoder import encode_basestring
from operator import add, is_not, itemgetter, ne
from pathlib import Path

import deflate

from generator.opendata.tables import REGISTRY_TABLES, TABLES, Table

NO_ROWS = b',"data":[]}\n'  # the end of a JSON download without rows
BOM = "\ufeff"  # so that Excel and WPS open the CSV as UTF-8
FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook properties and zip entries: never the build time
MAX_WIDTH = 60  # characters; longer texts run on in the cell
MIN_WIDTH = 8
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def plain(value):
    """A row value as JSON/XLSX wants it: whole numbers as int (16, not 16.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet opening a CSV could run this text: it starts with = + - @, a tab or a
    carriage return and has more after it (a lone = or -, like the comparator =, stays text)."""
    return len(text) > 1 and text.startswith(FORMULA_STARTS)


def csv_text(value) -> str:
    """A value as a CSV field; a text a spreadsheet would take for a formula gets a quote before it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return FORMULA_GUARD + value if looks_like_formula(value) else value
    return str(plain(value))


def field_names(table: Table) -> list[str]:
    return list(table.fields)


def header_label(table: Table, name: str) -> str:
    """A spreadsheet header: the Chinese title with the field name beside it (牵头单位 lead_units)."""
    return f"{table.row.model_fields[name].title} {name}"


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet, wide (CJK) characters counting two. In UTF-8 an ASCII
    character is one byte and a CJK character three, so (bytes + characters) / 2 counts exactly that."""
    return (len(text.encode("utf-8")) + len(text)) // 2


# ------------------------------------------------------------------ one row, serialised once

ROW_MARK = "\x00"  # stands for the row number in a row's cells; never in escaped text (not legal XML)
ROW_MARK_BYTES = ROW_MARK.encode()
# Characters XML 1.0 does not allow, which SpreadsheetML writes as _xHHHH_; and a printed _xHHHH_,
# whose underscore is written _x005F_ so that a spreadsheet does not decode it.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ILLEGAL_XML_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r")  # the same characters, all ASCII
_ESCAPE_LOOKALIKE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")


def _has_illegal_xml(text: str) -> bool:
    """Whether _ILLEGAL_XML finds a character in the text, from its ASCII characters alone (the
    regular expression looks at every character: ten times as long over a column of Chinese text)."""
    ascii_only = text.encode("ascii", "ignore")
    return len(ascii_only.translate(None, _ILLEGAL_XML_BYTES)) != len(ascii_only)


def escape(text: str, entities: Mapping[str, str] | None = None) -> str:
    """xml.sax.saxutils.escape: &, < and > escaped, then each of ``entities`` replaced by its value. Not
    imported from there: xml.sax.saxutils imports urllib.request, and with it http.client and email
    (0.02 s of every build's start-up)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        text = text.replace(key, value)
    return text


def _xml_text(text: str) -> str:
    """Text as SpreadsheetML character data (a carriage return kept as &#13;, which XML would drop)."""
    text = _ESCAPE_LOOKALIKE.sub("_x005F_", text)
    if _has_illegal_xml(text):
        text = _ILLEGAL_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return escape(text).replace("\r", "&#13;")


_APART = "\uffff"  # a noncharacter: put between the texts of a column while they are escaped together
_APART_BYTES = _APART.encode()  # in UTF-8 these three bytes are that character and nothing else
_CSV_QUOTED_CHARACTERS = ',"\r\n'  # a CSV field with one of these is quoted (csv.QUOTE_MINIMAL, RFC 4180)
_CSV_QUOTED = re.compile(f"[{_CSV_QUOTED_CHARACTERS}]")
# a text after the first that starts like a formula: one regular expression, thirty times as fast as
# looking for each of the six two-character strings
_FORMULA_AFTER_APART = re.compile(_APART + "[" + re.escape("".join(FORMULA_STARTS)) + "]")
_PRESERVE_SPACE = {False: "", True: ' xml:space="preserve"'}


@dataclass(frozen=True, slots=True)
class Serialised:
    """Rows of one table in UTF-8 as the files hold them: each row's CSV line (with its line end),
    its JSON array and its spreadsheet row (the row number ROW_MARK); and the display_width of each
    column's widest value."""

    csv: list[bytes]
    json: list[bytes]
    cells: list[bytes]
    widest: list[int]


@dataclass(frozen=True, slots=True)
class _Ends:
    """What stands around a column's value in a row: the separator or line end after a CSV field,
    the bracket or comma around a JSON value."""

    csv_after: str
    json_before: str
    json_after: str


@dataclass(frozen=True, slots=True)
class _Column:
    """One column's values in the three forms, a row each (``b""`` for a cell a row does not have),
    and the display_width of its widest value."""

    csv: Sequence[bytes]
    json: Sequence[bytes]
    cells: Sequence[bytes]
    width: int


def column_letter(number: int) -> str:
    """A spreadsheet column's name: 1 → A, 26 → Z, 27 → AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_COLUMNS = [column_letter(i) for i in range(1, 1 + max(len(t.row.model_fields) for t in (*TABLES, *REGISTRY_TABLES)))]  # A, B, …
_ROW_START, _ROW_END = f'<row r="{ROW_MARK}">'.encode(), b"</row>"


def serialise(table: Table, rows: Sequence[Iterable]) -> Serialised:
    """Rows of one table (each its values in field order) in their forms, and how wide the widest
    value of each column is (to size the spreadsheet's columns). Worked a column at a time, so that
    the rows are put together by the C loops of map, zip and join rather than a Python step per
    value: a column's values are all text, all whole numbers, all true/false or all numbers, None
    where a row has no value. Each value's piece carries the separator after it, so that a row is
    its pieces one after another."""
    names = field_names(table)
    if not rows:
        return Serialised([], [], [], [0] * len(names))
    last = len(names) - 1
    columns = [_column(letter, values, _Ends("\r\n" if i == last else ",", "[" if i == 0 else "", "]" if i == last else ","))
               for i, (letter, values) in enumerate(zip(_COLUMNS, zip(*rows, strict=True), strict=False))]
    assert len(columns) == len(names), f"{table.name}: rows of {len(columns)} values, not {len(names)}"
    return Serialised(list(map(b"".join, zip(*(c.csv for c in columns), strict=True))),
                      list(map(b"".join, zip(*(c.json for c in columns), strict=True))),
                      list(map(b"".join, zip(repeat(_ROW_START), *(c.cells for c in columns), repeat(_ROW_END), strict=False))),
                      [c.width for c in columns])


def _column(letter: str, values: Sequence, ends: _Ends) -> _Column:
    """One column: its distinct values (_distinct: when those present are of one type, as in every
    column of the download tables) made together (_made), the pieces of an absent value where a
    value is None, spread over the rows."""
    one_type = len(set(map(type, values)) - {type(None)}) == 1
    distinct, spread = _distinct(values) if one_type else (values, _as_made)
    present = list(filter(partial(is_not, None), distinct))
    made = _made(letter, present, ends)
    if len(present) != len(distinct):
        none = (ends.csv_after.encode(), f"{ends.json_before}null{ends.json_after}".encode(), b"")
        csv_, json_, cells = (_in_rows(distinct, pieces, empty) for pieces, empty in zip((made.csv, made.json, made.cells), none, strict=True))
        made = _Column(csv_, json_, cells, made.width)
    return _Column(spread(made.csv), spread(made.json), spread(made.cells), made.width)


def _made(letter: str, values: Sequence, ends: _Ends) -> _Column:
    """Values of one type made together by the way for that type: texts, whole numbers or
    true/false, numbers; values of mixed types one at a time."""
    if not values:
        return _Column([], [], [], 0)
    kinds = set(map(type, values))
    if kinds <= {str}:
        return _text_column(letter, values, ends)
    if kinds == {bool} or kinds == {int}:
        return _counts_column(letter, values, ends)
    if kinds <= {int, float}:
        return _number_column(letter, values, ends)
    alone = [_made(letter, [v], ends) for v in values]
    return _Column([c.csv[0] for c in alone], [c.json[0] for c in alone], [c.cells[0] for c in alone], max(c.width for c in alone))


def _pieces(text: str, count: int) -> list[bytes]:
    """``text``, the pieces of ``count`` values joined by _APART, in UTF-8 and apart again."""
    encoded = text.encode()
    return encoded.split(_APART_BYTES) if count > 1 else [encoded]


def _text_column(letter: str, texts: Sequence[str], ends: _Ends) -> _Column:
    """The texts of a column, joined by _APART and escaped all at once for each format (no escape
    reaches across _APART), each piece with what stands around it in a row; the rare text a CSV
    field quotes or guards, or with space at either end, is made on its own."""
    joined = _APART.join(texts)
    n = len(texts)
    start, end = f'<c r="{letter}{ROW_MARK}" t="inlineStr"><is><t', "</t></is></c>"
    after = ends.csv_after
    if joined.count(_APART) != n - 1:  # a text holds _APART itself: each on its own
        return _Column([f"{_csv_field(t)}{after}".encode() for t in texts],
                       [f"{ends.json_before}{encode_basestring(t)}{ends.json_after}".encode() for t in texts],
                       [f"{start}{_PRESERVE_SPACE[t != t.strip()]}>{_xml_text(t)}{end}".encode() for t in texts],
                       max(map(display_width, texts)))
    # substring searches of the whole column are cheaper than a look at each text, or a regular
    # expression: a text starts like a formula where the column, or an _APART, is followed by = + - @ …
    formula = joined.startswith(FORMULA_STARTS) or _FORMULA_AFTER_APART.search(joined) is not None
    if formula or any(map(joined.__contains__, _CSV_QUOTED_CHARACTERS)):
        csv_ = _pieces((after + _APART).join(map(_csv_field, texts)) + after, n)
        widest = max(map(add, map(len, _pieces(joined, n)), map(len, texts)))
    else:
        csv_ = _pieces(joined.replace(_APART, after + _APART) + after, n)
        widest = max(map(add, map(len, csv_), map(len, texts))) - len(after)
    json_ = _pieces(f"{ends.json_before}{encode_basestring(joined)}{ends.json_after}".replace(
        _APART, f'"{ends.json_after}{_APART}{ends.json_before}"'), n)
    escaped = _xml_text(joined)
    edges = list(map(ne, texts, map(str.strip, texts)))
    if any(edges):
        spaced = map(_PRESERVE_SPACE.__getitem__, edges)
        cells = list(map(str.encode, map("".join, zip(repeat(start), spaced, repeat(">"), _split(escaped, n), repeat(end), strict=False))))
    else:
        cells = _pieces(f"{start}>{escaped.replace(_APART, f'{end}{_APART}{start}>')}{end}", n)
    # display_width of the widest: (UTF-8 bytes + characters) // 2
    return _Column(csv_, json_, cells, widest // 2)


def _split(text: str, count: int) -> list[str]:
    return text.split(_APART) if count > 1 else [text]


def _csv_field(text: str) -> str:
    """A text as csv.writer (QUOTE_MINIMAL) writes it, after its formula guard."""
    text = csv_text(text)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if _CSV_QUOTED.search(text) else text


_BOOL_TEXT: dict[int, str] = {True: "true", False: "false"}


def _counts_column(letter: str, values: Sequence[int], ends: _Ends) -> _Column:
    """Whole numbers, or true/false: written as their digits (true/false in CSV and JSON, 1/0 in
    a spreadsheet's boolean cell), joined and split like texts."""
    n = len(values)
    flags = bool in set(map(type, values))
    shown = list(map(_BOOL_TEXT.__getitem__, values)) if flags else list(map(str, values))
    joined = _APART.join(shown)
    csv_ = _pieces(joined.replace(_APART, ends.csv_after + _APART) + ends.csv_after, n)
    json_ = _pieces(f"{ends.json_before}{joined.replace(_APART, ends.json_after + _APART + ends.json_before)}{ends.json_after}", n)
    kind, digits = ("b", _APART.join(map(str, map(int, values)))) if flags else ("n", joined)
    start, end = f'<c r="{letter}{ROW_MARK}" t="{kind}"><v>', "</v></c>"
    cells = _pieces(f"{start}{digits.replace(_APART, end + _APART + start)}{end}", n)
    return _Column(csv_, json_, cells, max(map(len, map(str, values)), default=0))


def _number_column(letter: str, values: Sequence, ends: _Ends) -> _Column:
    """Numbers (whole numbers among them as int: 16, not 16.0), one at a time."""
    numbers = list(map(plain, values))
    before, after = ends.json_before, ends.json_after
    return _Column([f"{csv_text(v)}{ends.csv_after}".encode() for v in numbers],
                   [f"{before}{_json_value(v)}{after}".encode() for v in numbers],
                   [f'<c r="{letter}{ROW_MARK}" t="n"><v>{v!r}</v></c>'.encode() for v in numbers],
                   max(map(len, map(str, numbers)), default=0))


def _as_made(made: Sequence[bytes]) -> Sequence[bytes]:
    return made


def _distinct(values: Sequence) -> tuple[Sequence, Callable[[Sequence[bytes]], Sequence[bytes]]]:
    """The values each once, in the order first met, and what spreads what is made of those back
    over ``values``: a column's district, document, kind, department, year or flag is made once
    per batch, not once per row. For values of one type (and None): True and 1, which are equal,
    never meet; equal numbers of two types (16 and 16.0) are written alike (plain). Looked up and
    spread by itemgetter, whose C loop takes half the time of map's over ``__getitem__`` (there
    are two values or more here, so each itemgetter gives a tuple)."""
    first = dict.fromkeys(values)
    if len(first) == len(values):
        return values, _as_made
    place = dict(zip(first, range(len(first)), strict=True))
    return list(first), itemgetter(*itemgetter(*values)(place))


def _in_rows(values: Sequence, made: Sequence[bytes], empty: bytes) -> list[bytes]:
    """What was ``made`` of each value present, in the rows of ``values``; ``empty`` where a row
    has none (map's C loop picks from one of two iterators by whether the value is there)."""
    sources = [repeat(empty), iter(made)]
    return list(map(next, map(sources.__getitem__, map(is_not, values, repeat(None)))))


_JSON_ROW = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # a value _json_value has no quicker way for
_JSON_CONSTANTS = {None: "null", True: "true", False: "false"}


def _json_value(value) -> str:
    """A number as json.dumps writes it (as _JSON_ROW would in a row)."""
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    return _JSON_ROW.encode(value)


# ------------------------------------------------------------------ CSV and JSON: a table's rows in one buffer



@dataclass(frozen=True, slots=True)
class Runs:
    """Places (a download's rows of one table, a scope's measures in site order) as ranges
    [start, stop) of consecutive ones, in file order; worked with by map's C loops. Equal runs are
    the same rows (a district with one document holds that document's)."""

    starts: tuple[int, ...]
    stops: tuple[int, ...]

    @classmethod
    def of(cls, places: Sequence[int]) -> Runs:
        if not places:
            return cls((), ())
        # where a run begins: a place that does not follow the one before
        begins = list(compress(range(1, len(places)), map(ne, places[1:], map((1).__add__, places[:-1]))))
        return cls((places[0], *map(places.__getitem__, begins)),
                   (*map((1).__add__, map(places.__getitem__, map((-1).__add__, begins))), places[-1] + 1))

    def mapped(self, first: Sequence[int]) -> Runs:
        """Runs of measures as runs of rows: ``first`` is the first row of the measure in each place.
        Measures without rows in a table leave no empty run, and their neighbours' rows, which then
        meet, are one run: a theme's or department's measures are far apart in the measures table,
        but their targets, projects and units are mostly a few runs (at 50×, 107,000 runs in every
        download instead of 193,000: each a slice of the CSV, the JSON and the sheet, and a part
        to hash and write). Equal rows are then equal runs (two scopes without projects share the files)."""
        starts, stops = list(map(first.__getitem__, self.starts)), list(map(first.__getitem__, self.stops))
        rows = list(map(ne, starts, stops))
        starts, stops = list(compress(starts, rows)), list(compress(stops, rows))
        if not starts:
            return Runs((), ())
        apart = list(map(ne, starts[1:], stops[:-1]))  # run n + 1 does not begin where run n ends
        return Runs((starts[0], *compress(starts[1:], apart)), (*compress(stops[:-1], apart), stops[-1]))

    def slices(self, at: Sequence[int] | None = None) -> Iterator[slice]:
        """Each run as a slice, of the places or (``at``: where each place begins) of what they are in."""
        if at is None:
            return map(slice, self.starts, self.stops)
        return map(slice, map(at.__getitem__, self.starts), map(at.__getitem__, self.stops))


JSON_ROW_END = b",\n"  # after each row's JSON array in the buffer; the last row of a file ends "\n]}\n" instead
JSON_END = b"\n]}\n"


def csv_head(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, CRLF line ends (RFC 4180), field names in the header."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(field_names(table))
    return (BOM + buffer.getvalue()).encode()


def json_head(table: Table) -> bytes:
    """{"columns": [field names], "data": [[values of one row], …]}, one row a line: the field names
    once rather than in every row (pandas reads it with ``read_json(url, orient="split")``)."""
    return ('{"columns":' + json.dumps(field_names(table), separators=(",", ":"))).encode()


Parts = list[bytes | memoryview]
"""A file as the pieces it is made of, one after another: the build writes them as they are
(generator.write.OutputTree.add), so that a download is never copied into one bytes object."""


class TableText:
    """One table's rows in site order, each serialised once (``add``, a few thousand at a time). The
    CSV lines and JSON arrays lie one after another in two buffers, with where each row starts, so
    that a download's run of consecutive rows is one slice and each file is its head and those
    slices (Parts); each row's spreadsheet cells are kept apart (their row number differs by download)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        # every row's CSV line and JSON array, grown by each add (a large buffer grows in place, where
        # joining the pieces at the end would hold them twice)
        self._buffers = {"csv": bytearray(), "json": bytearray()}
        self._begun = False  # whether a file was asked for: the buffers cannot grow while they are read
        self._csv_at, self._json_at = [0], [0]  # where row n starts; the length after the last row
        self.cells: list[bytes] = []  # row n's spreadsheet row, ROW_MARK for its number
        self.widest = [0] * len(field_names(table))  # per column, the widest value's display_width
        self._csv_head, self._json_head = csv_head(table), json_head(table)

    def __len__(self) -> int:
        return len(self.cells)

    def add(self, rows: Sequence[Iterable]) -> None:
        assert not self._begun, "rows added after the files were begun"
        made = serialise(self.table, rows)
        self.widest[:] = map(max, self.widest, made.widest)
        self._csv_at += accumulate(map(len, made.csv), initial=self._csv_at.pop())
        self._json_at += accumulate(map(len(JSON_ROW_END).__add__, map(len, made.json)), initial=self._json_at.pop())
        self._buffers["csv"] += b"".join(made.csv)
        self._buffers["json"] += JSON_ROW_END.join([*made.json, b""])
        self.cells += made.cells

    def _buffer(self, form: str) -> memoryview:
        self._begun = True
        return memoryview(self._buffers[form])

    def csv_file(self, runs: Runs) -> Parts:
        return [self._csv_head, *map(self._buffer("csv").__getitem__, runs.slices(self._csv_at))]

    def json_file(self, runs: Runs) -> Parts:
        rows = list(filter(len, map(self._buffer("json").__getitem__, runs.slices(self._json_at))))
        if not rows:
            return [self._json_head, NO_ROWS]
        rows[-1] = rows[-1][:-len(JSON_ROW_END)]
        return [self._json_head, b',"data":[\n', *rows, JSON_END]

    def cells_of(self, runs: Runs) -> list[bytes]:
        return list(chain.from_iterable(map(self.cells.__getitem__, runs.slices())))


# ------------------------------------------------------------------ XLSX

END_OF_ROWS = b"</sheetData>"  # every worksheet part has exactly one sheetData element


def column_widths(table: Table, widest: Sequence[int]) -> list[int]:
    """Spreadsheet column widths for a table: its header or its widest value (``widest``, per
    column), within MIN/MAX_WIDTH."""
    header = [display_width(header_label(table, n)) for n in field_names(table)]
    return [max(MIN_WIDTH, min(MAX_WIDTH, max(h, w) + 2)) for h, w in zip(header, widest, strict=True)]


# Deflated by libdeflate (the deflate package) at its level 1: a pure function of the content, so
# the same content always gives the same bytes, and about 40% faster than zlib's level 1 with a
# smaller result (a 10x build's workbooks: 0.39 s and 29.8 MB against 0.64 s and 31.7 MB).
# ISA-L, faster still, was tried and dropped: two builds of one corpus in one process gave some
# workbook part a byte or eight longer, in two of five full test runs.
XLSX_COMPRESSION = 1
LAST_ROW = 1_048_576  # Excel's last row: the filter range of the template, replaced by the real one
SCOPE_MARK = "{{scope}}"  # the template's 说明 sheet names the scope here (ASCII: other text is written as &#NNNN;)
DRAFTS_MARK = "{{drafts}}"  # … and says which of its documents are consultation drafts here


# The workbook's parts as openpyxl 3.1.5 writes them in write-only mode (with lxml), made here instead:
# importing openpyxl and writing a workbook with it cost every build 0.15 s of CPU, on the downloads
# process's critical path. tests/test_downloads_rows.py checks these bytes against openpyxl's own.
_SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE = "application/vnd.openxmlformats-officedocument"
_APP_PART = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
             "<Application>Microsoft Excel Compatible / Openpyxl 3.1.5</Application><AppVersion>3.1</AppVersion></Properties>")
_W3CDTF = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF">' + f"{FIXED_TIME.isoformat()}Z"
_CORE_PART = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
              '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">区县双碳政策对照</dc:creator>'
              f'<dcterms:created xmlns:dcterms="http://purl.org/dc/terms/"{_W3CDTF}</dcterms:created>'
              f'<dcterms:modified xmlns:dcterms="http://purl.org/dc/terms/"{_W3CDTF}</dcterms:modified></cp:coreProperties>')
# the default font and the header's (bold, filled DDEBF7, top-aligned, wrapped): style 1; then Excel's 64 indexed colours
_INDEXED_COLOURS = ("000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF " * 2 + "800000 008000 000080 808000 800080 008080 C0C0C0 "
                    "808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF 800080 800000 008080 "
                    "0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 "
                    "969696 003366 339966 003300 333300 993300 993366 333399 333333").split()
_STYLES_PART = (
    f'<styleSheet xmlns="{_SPREADSHEETML}"><numFmts count="0"/><fonts count="2"><font><name val="Calibri"/><family val="2"/>'
    '<color theme="1"/><sz val="11"/><scheme val="minor"/></font><font><b val="1"/></font></fonts><fills count="3"><fill><patternFill/>'
    '</fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="00DDEBF7"/>'
    '</patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/><xf numFmtId="0" fontId="1" '
    'fillId="2" borderId="0" applyAlignment="1" pivotButton="0" quotePrefix="0" xfId="0"><alignment vertical="top" wrapText="1"/>'
    '</xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/><colors><indexedColors>'
    + "".join(f'<rgbColor rgb="00{c}"/>' for c in _INDEXED_COLOURS) + "</indexedColors></colors></styleSheet>")
_PACKAGE_RELATIONSHIPS = (
    f'<Relationships xmlns="{_RELATIONSHIPS}"><Relationship Type="{_DOCUMENT_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml" '
    f'Id="rId1"/><Relationship Type="{_RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
    f'<Relationship Type="{_DOCUMENT_RELATIONSHIPS}/extended-properties" Target="docProps/app.xml" Id="rId3"/></Relationships>')
_WORKSHEET_START = f'<worksheet xmlns="{_SPREADSHEETML}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr>'
_FROZEN_HEADER = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                  '<selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView></sheetViews>')
_NOT_FROZEN = '<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
_WORKSHEET_END = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'
HEADER_STYLE = 1  # the header cells' style in _STYLES_PART


@lru_cache(maxsize=1)
def openpyxl_theme() -> bytes:
    """The theme part openpyxl writes into every workbook (its module openpyxl.writer.theme, constant
    theme_xml), read from the installed package's source: importing it would import all of openpyxl."""
    spec = importlib.util.find_spec("openpyxl")  # finds the package without importing it
    assert spec is not None and spec.submodule_search_locations, "openpyxl is not installed"
    source = Path(spec.submodule_search_locations[0], "writer", "theme.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["theme_xml"]:
            return ast.literal_eval(node.value).encode()
    raise LookupError("openpyxl.writer.theme has no theme_xml")


def _ascii_xml(text: str) -> str:
    """Character data as openpyxl's worksheet writer puts it: escaped, every character beyond ASCII
    as &#NNNN; (a carriage return as &#13;, which XML would drop)."""
    return escape(text).replace("\r", "&#13;").encode("ascii", "xmlcharrefreplace").decode()


def _attribute(text: str) -> str:
    return escape(text, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _worksheet(widths: Sequence[int], rows: Sequence[Sequence[str]], style: int | None, size: str, views: str, after: str = "") -> str:
    """A worksheet part with its text ``rows`` (from row 1), its used range ``size`` (<dimension>,
    which openpyxl's write-only mode leaves out and readers that size a sheet before reading it
    need), its column widths, and ``after`` its rows (the filter)."""
    cols = "".join(f'<col width="{float(w):.16g}" customWidth="1" min="{i}" max="{i}"/>' for i, w in enumerate(widths, start=1))
    styled = "" if style is None else f' s="{style}"'
    lines = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for letter, text in zip(_COLUMNS, row, strict=False):
            if text:
                cells.append(f'<c r="{letter}{r}"{styled} t="inlineStr"><is><t{_PRESERVE_SPACE[text != text.strip()]}>'
                             f"{_ascii_xml(text)}</t></is></c>")
            else:
                cells.append(f'<c r="{letter}{r}"{styled} t="inlineStr"></c>')
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (f'{_WORKSHEET_START}<dimension ref="{size}"/>{views}<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
            f'<cols>{cols}</cols><sheetData>{"".join(lines)}</sheetData>{after}{_WORKSHEET_END}')


def workbook_parts(tables: Sequence[Table], widths: Mapping[str, Sequence[int]], about: Sequence[Sequence[str]]) -> list[tuple[str, bytes]]:
    """The parts of the workbook every XLSX download shares, in the order of its zip: a sheet per
    table with its bilingual header (HEADER_STYLE), column widths, frozen header row and filter
    (to LAST_ROW, cut to a download's rows by ``fill``), then the 说明 sheet with ``about``."""
    sheets, names, filters = [], [], []
    for n, table in enumerate(tables, start=1):
        last = column_letter(len(widths[table.name]))
        ref = f"A1:{last}{LAST_ROW}"
        header = [header_label(table, name) for name in field_names(table)]
        sheets.append(_worksheet(widths[table.name], [header], HEADER_STYLE, ref, _FROZEN_HEADER, f'<autoFilter ref="{ref}"/>'))
        names.append(table.sheet)
        quoted = "'" + table.sheet.replace("'", "''") + "'"  # as a formula names a sheet
        filters.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n - 1}" hidden="1">'
                       f"{escape(quoted)}!$A$1:${last}${LAST_ROW}</definedName>")
    about_size = f"A1:{column_letter(max(len(line) for line in about))}{len(about)}"
    sheets.append(_worksheet((18, 100), about, None, about_size, _NOT_FROZEN))
    names.append("说明 about")
    count = len(sheets)
    workbook = (f'<workbook xmlns="{_SPREADSHEETML}"><workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" '
                'minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" '
                'activeTab="0" autoFilterDateGrouping="1"/></bookViews><sheets>'
                + "".join(f'<sheet xmlns:r="{_DOCUMENT_RELATIONSHIPS}" name="{_attribute(name)}" sheetId="{n}" state="visible" r:id="rId{n}"/>'
                          for n, name in enumerate(names, start=1))
                + f'</sheets><definedNames>{"".join(filters)}</definedNames><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')
    workbook_relationships = (
        f'<Relationships xmlns="{_RELATIONSHIPS}">'
        + "".join(f'<Relationship Type="{_DOCUMENT_RELATIONSHIPS}/worksheet" Target="/xl/worksheets/sheet{n}.xml" Id="rId{n}"/>'
                  for n in range(1, count + 1))
        + f'<Relationship Type="{_DOCUMENT_RELATIONSHIPS}/styles" Target="styles.xml" Id="rId{count + 1}"/>'
        f'<Relationship Type="{_DOCUMENT_RELATIONSHIPS}/theme" Target="theme/theme1.xml" Id="rId{count + 2}"/></Relationships>')
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_OFFICE}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{_OFFICE}.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_OFFICE}.extended-properties+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_OFFICE}.spreadsheetml.worksheet+xml"/>'
                  for n in range(1, count + 1))
        + f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.spreadsheetml.sheet.main+xml"/></Types>')
    return [("docProps/app.xml", _APP_PART.encode()), ("docProps/core.xml", _CORE_PART.encode()), ("xl/theme/theme1.xml", openpyxl_theme()),
            *((f"xl/worksheets/sheet{n}.xml", sheet.encode()) for n, sheet in enumerate(sheets, start=1)),
            ("xl/styles.xml", _STYLES_PART.encode()), ("_rels/.rels", _PACKAGE_RELATIONSHIPS.encode()), ("xl/workbook.xml", workbook.encode()),
            ("xl/_rels/workbook.xml.rels", workbook_relationships.encode()), ("[Content_Types].xml", content_types.encode())]


class WorkbookTemplate:
    """The workbook every XLSX download shares, made once (``workbook_parts``): a sheet per table with
    its bilingual header, column widths (from the whole site's rows), frozen header row and filter,
    and the 说明 sheet. ``fill`` makes one download of it: the data rows, serialised once, go in
    before the end of each sheet's sheetData, the used range and the filter are cut to the rows,
    the scope is named."""

    def __init__(self, tables: Sequence[Table], widths: dict[str, list[int]], about: Sequence[Sequence[str]]) -> None:
        self.sheets: dict[str, tuple[Table, bytes]] = {}  # zip entry of a worksheet -> its table, filter ref
        self.part_of: dict[str, str] = {}  # table name -> the zip entry of its worksheet
        for n, table in enumerate(tables, start=1):
            self.sheets[f"xl/worksheets/sheet{n}.xml"] = (table, f'ref="A1:{column_letter(len(widths[table.name]))}{LAST_ROW}"'.encode())
            self.part_of[table.name] = f"xl/worksheets/sheet{n}.xml"
        self.about = f"xl/worksheets/sheet{len(tables) + 1}.xml"
        self.parts = workbook_parts(tables, widths, about)
        assert SCOPE_MARK.encode() in dict(self.parts)[self.about]
        self.numbers: list[bytes] = []  # the row numbers of data rows, from 2 (under the header)
        # every other part is the same in each download: deflated once, as is a data sheet without rows
        self.deflated = {name: ZipEntry.of(name, [content]) for name, content in self.parts
                         if name not in self.sheets and name != self.about}
        self.about_content = dict(self.parts)[self.about]
        # a data sheet: what comes before its rows (with the range to cut to them) and after
        self.around: dict[str, tuple[bytes, bytes]] = {}
        for name, (_, ref) in self.sheets.items():
            head, end, tail = dict(self.parts)[name].rpartition(END_OF_ROWS)
            assert end and ref in head and ref in tail, f"{name}: not the worksheet workbook_parts wrote"
            self.around[name] = (head, end + tail)
            self.deflated[name] = self._sheet(name, ())

    def sheet(self, table: Table, rows: Sequence[bytes]) -> ZipEntry:
        """A table's sheet of one download: ``rows`` its data rows, serialised once with ROW_MARK
        for the row number."""
        name = self.part_of[table.name]
        return self._sheet(name, rows) if rows else self.deflated[name]

    def fill(self, sheets: Mapping[str, ZipEntry], marks: Mapping[str, str]) -> Parts:
        """One download: ``sheets`` holds each table's sheet (``sheet``) by table name; ``marks``
        the text of each mark of the 说明 sheet (SCOPE_MARK, DRAFTS_MARK)."""
        entries = []
        for name, _ in self.parts:
            if name in self.sheets:
                entries.append(sheets[self.sheets[name][0].name])
            elif name == self.about:
                about = self.about_content
                for mark, text in marks.items():
                    about = about.replace(mark.encode(), _xml_text(text).encode())
                entries.append(ZipEntry.of(name, [about]))
            else:
                entries.append(self.deflated[name])
        return _zip(entries)

    def _sheet(self, name: str, rows: Sequence[bytes]) -> ZipEntry:
        """A data sheet with its rows, deflated (the site-wide sheets are tens of megabytes of XML
        at 50×); its used range (the dimension) and filter cut to them."""
        _, ref = self.sheets[name]
        used = ref.replace(str(LAST_ROW).encode(), str(len(rows) + 1).encode())
        head, tail = self.around[name]
        return ZipEntry.of(name, [head.replace(ref, used), self._sheet_rows(rows), tail.replace(ref, used)])

    def _sheet_rows(self, rows: Sequence[bytes]) -> bytes:
        """The data rows of a sheet, from row 2 (under the header): each row's cells with its number
        for ROW_MARK (map's C loop, no Python step a row)."""
        if len(self.numbers) < len(rows):
            self.numbers += map(str.encode, map(str, range(len(self.numbers) + 2, len(rows) + 2)))
        return b"".join(map(bytes.replace, rows, repeat(ROW_MARK_BYTES), self.numbers[:len(rows)]))


# ------------------------------------------------------------------ the zip file of a workbook
# Laid out as Python's zipfile writes an archive to a seekable file (PKWARE APPNOTE 4.3): each
# entry's local header and deflated data, then the central directory and its end record; no extra
# fields, no data descriptors, every entry dated FIXED_TIME, made on Unix with mode 644.
# tests/test_downloads_rows.py checks the bytes against zipfile's own for the same entries (its
# compressor swapped for libdeflate's deflate).

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_ZIP_VERSION = 20  # 2.0: deflate
_MADE_ON_UNIX = 3
_DEFLATED = 8
_FILE_MODE = 0o644 << 16
_DOS_TIME = FIXED_TIME.hour << 11 | FIXED_TIME.minute << 5 | FIXED_TIME.second // 2
_DOS_DATE = (FIXED_TIME.year - 1980) << 9 | FIXED_TIME.month << 5 | FIXED_TIME.day


@dataclass(frozen=True, slots=True)
class ZipEntry:
    """One zip entry: its name, the CRC-32 and size of its content, the content deflated and its
    size."""

    name: bytes
    crc: int
    size: int
    data: bytes
    compressed: int

    @classmethod
    def of(cls, name: str, pieces: Iterable[bytes]) -> ZipEntry:
        content = b"".join(pieces)  # libdeflate deflates in one call (a 50x worksheet: 63 MB)
        deflated = bytes(deflate.deflate_compress(content, XLSX_COMPRESSION))  # raw deflate, as zip holds it
        return cls(name.encode("ascii"), deflate.crc32(content), len(content), deflated, len(deflated))


def _zip(entries: Sequence[ZipEntry]) -> Parts:
    """The zip file's parts: each entry's local header, name and data, then the central directory."""
    pieces: Parts = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        local = _LOCAL_HEADER.pack(b"PK\x03\x04", _ZIP_VERSION, 0, 0, _DEFLATED, _DOS_TIME, _DOS_DATE,
                                   e.crc, e.compressed, e.size, len(e.name), 0)
        central += [_CENTRAL_HEADER.pack(b"PK\x01\x02", _ZIP_VERSION, _MADE_ON_UNIX, _ZIP_VERSION, 0, 0, _DEFLATED, _DOS_TIME,
                                         _DOS_DATE, e.crc, e.compressed, e.size, len(e.name), 0, 0, 0, 0, _FILE_MODE, offset), e.name]
        pieces += [local, e.name, e.data]
        offset += len(local) + len(e.name) + e.compressed
    directory = b"".join(central)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return [*pieces, directory, end]
