"""A real spreadsheet program opens the downloads: LibreOffice Calc (headless) converts the site
workbook to CSV, one file per sheet, and the CSV files to XLSX; the Chinese text and the numbers
must come out as they went in."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from generator.opendata.output import files
from generator.opendata.tables import TABLES

SOFFICE = shutil.which("soffice")
V1 = "data/v1"
# CSV filter tokens: comma, double quote, UTF-8 (76), from line 1; on export the last token -1 writes every sheet
CSV_UTF8 = "Text - txt - csv (StarCalc):44,34,76,1"
CSV_ALL_SHEETS = CSV_UTF8 + ",,0,false,true,false,false,false,-1"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                       reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"),
]


def soffice(tmp: Path, *args: str) -> None:
    profile = (tmp / "profile").as_uri()  # a private profile: parallel runs do not share a lock
    result = subprocess.run([SOFFICE or "soffice", f"-env:UserInstallation={profile}", "--headless", *args],
                            capture_output=True, text=True, timeout=300, cwd=tmp)
    assert result.returncode == 0, result.stderr


def ours(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def same(expected: str, got) -> bool:
    """A cell as LibreOffice gives it back: numbers may be reformatted, booleans upper-cased, a
    YYYY-MM-DD date (the documents table) read as that day."""
    got = "" if got is None else got
    if isinstance(got, dt.datetime):
        return got == dt.datetime.fromisoformat(expected)
    if isinstance(got, bool):
        return expected == str(got).lower()
    if isinstance(got, (int, float)):
        if expected.endswith("%"):  # a spreadsheet reads 16% as the number 0.16 shown as a percentage
            return Decimal(expected[:-1]) / 100 == Decimal(str(got))
        return Decimal(expected) == Decimal(str(got))
    if expected in ("true", "false"):
        return got.lower() == expected
    if got != expected:
        try:
            return Decimal(expected) == Decimal(got)
        except ArithmeticError:
            return False
    return True


@pytest.fixture(scope="module")
def downloads(real_index) -> dict[str, bytes]:
    return dict(files(real_index))


@pytest.mark.parametrize("workbook", ["all", "themes/energy", "departments/fazhan-gaige"])
def test_libreoffice_reads_the_workbook_as_we_wrote_it(tmp_path, downloads, workbook):
    stem = workbook.replace("/", "-")
    (tmp_path / f"{stem}.xlsx").write_bytes(downloads[f"{V1}/{workbook}.xlsx"])
    soffice(tmp_path, "--convert-to", f"csv:{CSV_ALL_SHEETS}", "--outdir", "out", f"{stem}.xlsx")
    for table in TABLES:
        exported = ours((tmp_path / "out" / f"{stem}-{table.sheet}.csv").read_bytes())
        csv_path = f"{V1}/{table.name}.csv" if workbook == "all" else f"{V1}/{workbook}-{table.name}.csv"
        expected = ours(downloads[csv_path])
        assert [h.split(" ")[-1] for h in exported[0]] == expected[0]
        assert [h.split(" ")[0] for h in exported[0]] == [f.title for f in table.row.model_fields.values()]
        assert len(exported) == len(expected) > 1 or table.name == "projects"
        for got_row, want_row in zip(exported[1:], expected[1:], strict=False):
            for name, want, got in zip(expected[0], want_row, got_row, strict=False):
                assert same(want, got), (table.name, name, want, got)
    text = (tmp_path / "out" / f"{stem}-条目 measures.csv").read_text(encoding="utf-8")
    assert "牵头单位 lead_units" in text and "区发展改革委" in text
    about = (tmp_path / "out" / f"{stem}-说明 about.csv").read_text(encoding="utf-8")
    assert "著作权法" in about and "CC BY 4.0" in about


def test_libreoffice_reads_the_csv_files_with_chinese_and_numbers_intact(tmp_path, downloads):
    for table in TABLES:
        (tmp_path / f"{table.name}.csv").write_bytes(downloads[f"{V1}/{table.name}.csv"])
    soffice(tmp_path, f"--infilter={CSV_UTF8}", "--convert-to", "xlsx", "--outdir", "out",
            *[f"{t.name}.csv" for t in TABLES])
    for table in TABLES:
        wb = openpyxl.load_workbook(tmp_path / "out" / f"{table.name}.xlsx", read_only=True)
        rows = list(wb.active.iter_rows(values_only=True))
        expected = ours(downloads[f"{V1}/{table.name}.csv"])
        assert list(rows[0]) == expected[0], "the byte-order mark must not end up in the first header"
        assert len(rows) == len(expected)
        for got_row, want_row in zip(rows[1:], expected[1:], strict=False):
            for name, want, got in zip(expected[0], want_row, got_row, strict=False):
                assert same(want, got), (table.name, name, want, got)
    projects = openpyxl.load_workbook(tmp_path / "out" / "projects.xlsx", read_only=True).active
    header = [c.value for c in next(projects.iter_rows(max_row=1))]
    totals = [r[header.index("investment_total")] for r in projects.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(v, (int, float)) for v in totals), "investment must arrive as numbers"


# ------------------------------------------------------------------ formula injection


@pytest.fixture(scope="module")
def hostile_downloads(tmp_path_factory) -> dict[str, bytes]:
    from generator.pipeline import index_data
    from tests.test_downloads import hostile_corpus

    return dict(files(index_data(hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus"))))


def cells_of(path: Path) -> list:
    wb = openpyxl.load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def formulas(cells) -> list:
    """Formula cells, except the =TRUE() and =FALSE() LibreOffice writes for our true/false cells."""
    return [c.value for c in cells if c.data_type == "f" and c.value not in ("=TRUE()", "=FALSE()")]


def test_libreoffice_runs_no_formula_from_our_csv_or_xlsx(tmp_path, hostile_downloads):
    from tests.test_downloads import HOSTILE

    # LibreOffice's CSV import as used here evaluates formulas (a bare =1+1 comes back as a formula
    # cell, test_libreoffice_would_run_an_unquoted_formula), as Excel does when it opens a CSV.
    for name in ("measures", "targets"):
        (tmp_path / f"{name}.csv").write_bytes(hostile_downloads[f"{V1}/{name}.csv"])
    (tmp_path / "theme.xlsx").write_bytes(hostile_downloads[f"{V1}/themes/energy.xlsx"])
    (tmp_path / "all.xlsx").write_bytes(hostile_downloads[f"{V1}/all.xlsx"])
    soffice(tmp_path, f"--infilter={CSV_UTF8}", "--convert-to", "xlsx", "--outdir", "csv", "measures.csv", "targets.csv")
    soffice(tmp_path, "--convert-to", "xlsx", "--outdir", "xlsx", "theme.xlsx", "all.xlsx")
    from_csv = cells_of(tmp_path / "csv" / "measures.xlsx") + cells_of(tmp_path / "csv" / "targets.xlsx")
    assert not formulas(from_csv)
    texts = {c.value for c in from_csv}
    for value in HOSTILE.values():
        assert "'" + value in texts, value
    from_xlsx = cells_of(tmp_path / "xlsx" / "all.xlsx")
    assert not formulas(from_xlsx)
    texts = {c.value for c in from_xlsx}
    assert set(HOSTILE.values()) <= texts
    assert not formulas(cells_of(tmp_path / "xlsx" / "theme.xlsx"))


def test_libreoffice_would_run_an_unquoted_formula(tmp_path):
    """The control: without the quote, the same import turns the text into a formula."""
    (tmp_path / "bare.csv").write_bytes(b"\xef\xbb\xbfnote\r\n=1+1\r\n")
    soffice(tmp_path, f"--infilter={CSV_UTF8}", "--convert-to", "xlsx", "--outdir", "out", "bare.csv")
    assert [c.data_type for c in cells_of(tmp_path / "out" / "bare.xlsx")] == ["s", "f"]
