"""The open-data output: ``files(index)`` makes every download file and ``pages(index)`` the
downloads page, so the pipeline treats it like any other output.

The legacy files data/measures.json and data/targets.json are kept as copies of the v1 files.
"""
from __future__ import annotations

from generator.index import SiteIndex
from generator.opendata.formats import RowText, Sheet, csv_file, json_file, serialise, xlsx_file
from generator.opendata.package import (
    LEGACY_FILES,
    LICENCE,
    PACKAGE_FILE,
    TITLE,
    citation,
    datapackage,
    schema_files,
    verified_until,
)
from generator.opendata.rows import MeasureRows, all_rows
from generator.opendata.scopes import Scope, scopes
from generator.opendata.tables import TABLES, Table, UnitRow


def about_lines(index: SiteIndex, s: Scope) -> list[tuple[str, str]]:
    """The 说明 sheet of a workbook."""
    lines = [("数据集", TITLE), ("范围", s.title), ("数据核对截至", verified_until(index)),
             ("许可", f"{LICENCE['title']}（{LICENCE['name']}）{LICENCE['path']}"), ("引用", citation(index)),
             ("说明", "每个工作表一张表，表头为“中文名 字段名”；每一行注明出处：文件、文号、原文编号、原文条款、"
                      "本站位置（从站点根目录起的地址）和原文位置。")]
    lines += [(t.sheet, t.what_a_row_is) for t in TABLES]
    return lines


def _table_rows(index: SiteIndex, rows: dict[str, MeasureRows], s: Scope, table: Table) -> list:
    if table.name == "targets" and s.target_theme is not None:
        theme = s.target_theme
        return [r for me in index.measures for r in rows[me.key].targets
                if theme in index.metric_by_slug[r.metric].themes]
    found = [r for me in s.measures for r in rows[me.key].of(table)]
    if table.name == "units" and s.unit_department is not None:
        found = [r for r in found if isinstance(r, UnitRow) and r.department == s.unit_department]
    return found


def files(index: SiteIndex) -> dict[str, bytes]:
    """Every download file by its path under the site root."""
    rows = all_rows(index)
    texts: dict[int, RowText] = {}  # id(row) -> its serialisation, made once however often it repeats
    out: dict[str, bytes] = {}
    scope_list = scopes(index)
    for s in scope_list:
        sheets = []
        for table in TABLES:
            table_rows = _table_rows(index, rows, s, table)
            serialised = []
            for r in table_rows:
                text = texts.get(id(r))
                if text is None:
                    text = texts[id(r)] = serialise(r)
                serialised.append(text)
            out[s.path(table.name, "csv")] = csv_file(table, serialised)
            if s.has_json:
                out[s.path(table.name, "json")] = json_file(serialised)
            sheets.append(Sheet(table, table_rows))
        if s.xlsx_path is not None:
            out[s.xlsx_path] = xlsx_file(sheets, about_lines(index, s))
    out.update(schema_files())
    out[PACKAGE_FILE] = datapackage(scope_list, out, verified_until(index))
    for legacy, current in LEGACY_FILES.items():
        out[legacy] = out[current]
    return out
