"""The open-data output: ``files(index)`` makes every download file and ``pages(index)`` the
downloads page, so the pipeline treats it like any other output.

The legacy files data/measures.json and data/targets.json are kept as copies of the v1 files.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from generator.index import SiteIndex
from generator.opendata.formats import SCOPE_MARK, TableText, WorkbookTemplate, column_widths
from generator.opendata.package import (
    COPYRIGHT_BASIS,
    LEGACY_FILES,
    LICENCE,
    LICENCE_SCOPE,
    PACKAGE_FILE,
    TITLE,
    FileFacts,
    citation,
    datapackage,
    schema_files,
    verified_until,
)
from generator.opendata.rows import MeasureRows, all_rows
from generator.opendata.scopes import Scope, scopes
from generator.opendata.tables import TABLES, Table


def about_lines(index: SiteIndex) -> list[tuple[str, str]]:
    """The 说明 sheet of a workbook (its scope filled in per download)."""
    lines = [("数据集", TITLE), ("范围", SCOPE_MARK), ("数据核对截至", verified_until(index)),
             ("许可", f"{LICENCE['title']}（{LICENCE['name']}）{LICENCE['path']}"), ("许可范围", LICENCE_SCOPE),
             ("文件原文", COPYRIGHT_BASIS), ("引用", citation(index)),
             ("说明", "每个工作表一张表，表头为“中文名 字段名”；每一行注明出处：文件、文号、原文编号、原文条款、"
                      "本站位置（从站点根目录起的地址）和原文位置。"),
             ("防公式", "文本按文本写入，不会被当作公式；CSV 中以 = + - @、制表符或回车开头且不止一个字符的文本前加了一个单引号 '。")]
    lines += [(t.sheet, t.what_a_row_is) for t in TABLES]
    return lines


SERIALISED_TOGETHER = 256  # measures whose rows are serialised in one go (column by column: serialise)


@dataclass(frozen=True)
class SerialisedRows:
    """Every row serialised once, each table's in site order (TableText), with where each measure's
    rows lie and what a scope filters rows by. The row objects themselves are not kept (at 50×
    they would hold several hundred megabytes while the files are made)."""

    tables: dict[str, TableText]  # table name → its rows
    rows_of: dict[str, dict[str, tuple[int, int]]]  # table name → measure id → its rows [start, stop)
    metrics: list[str]  # the metric of each target row
    departments: list[str]  # the department of each unit row


def serialised_rows(index: SiteIndex) -> SerialisedRows:
    """Every row serialised once, a few hundred measures at a time."""
    made = SerialisedRows({t.name: TableText(t) for t in TABLES}, {t.name: {} for t in TABLES}, [], [])
    batch: list[tuple[str, MeasureRows]] = []

    def serialise_batch() -> None:
        for table in TABLES:
            text, rows_of = made.tables[table.name], made.rows_of[table.name]
            start = len(text)
            text.add([r.__dict__.values() for _, measure_rows in batch for r in measure_rows.of(table)])
            for key, measure_rows in batch:
                rows_of[key] = (start, start := start + len(measure_rows.of(table)))
        for _, measure_rows in batch:
            made.metrics.extend(r.metric for r in measure_rows.targets)
            made.departments.extend(r.department for r in measure_rows.units)
        batch.clear()

    for key, measure_rows in all_rows(index):
        batch.append((key, measure_rows))
        if len(batch) == SERIALISED_TOGETHER:
            serialise_batch()
    serialise_batch()
    return made


def theme_targets(index: SiteIndex, rows: SerialisedRows) -> dict[str, list[int]]:
    """Theme slug → the target rows whose metric is of the theme, in site order (whichever
    measure states them), as the theme pages count them."""
    out: dict[str, list[int]] = {t.slug: [] for t in index.themes}
    metric_themes = {m.slug: [out[t] for t in dict.fromkeys(m.themes) if t in out] for m in index.metrics}
    for n, metric in enumerate(rows.metrics):
        for theme in metric_themes[metric]:
            theme.append(n)
    return out


def runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Row numbers in file order as ranges [start, stop) of consecutive rows."""
    out: list[tuple[int, int]] = []
    for n in rows:
        if out and out[-1][1] == n:
            out[-1] = (out[-1][0], n + 1)
        else:
            out.append((n, n + 1))
    return out


def _table_runs(rows: SerialisedRows, by_theme: dict[str, list[int]], s: Scope, table: Table) -> list[tuple[int, int]]:
    """The rows of one table a scope's files hold."""
    if table.name == "targets" and s.target_theme is not None:
        return runs(by_theme[s.target_theme])
    rows_of = rows.rows_of[table.name]
    if table.name == "units" and s.unit_department is not None:
        departments = rows.departments
        return runs(n for me in s.measures for n in range(*rows_of[me.key]) if departments[n] == s.unit_department)
    made: list[tuple[int, int]] = []
    for start, stop in map(rows_of.__getitem__, map(attrgetter("key"), s.measures)):
        if made and made[-1][1] == start:
            made[-1] = (made[-1][0], stop)
        elif start < stop:
            made.append((start, stop))
    return made


def files(index: SiteIndex) -> Iterator[tuple[str, bytes]]:
    """Every download file by its path under the site root, made one after another so that the
    caller can write each before the next is made (at 50× they hold about a gigabyte): only the
    rows and what the data package says of each file are kept."""
    rows = serialised_rows(index)
    by_theme = theme_targets(index, rows)
    workbook = WorkbookTemplate(TABLES, {name: column_widths(t.table, t.widest) for name, t in rows.tables.items()}, about_lines(index))
    facts: dict[str, FileFacts] = {}
    legacy_of = {current: legacy for legacy, current in LEGACY_FILES.items()}

    def made(path: str, data: bytes) -> Iterator[tuple[str, bytes]]:
        facts[path] = FileFacts.of(path, data)
        yield path, data
        if path in legacy_of:
            yield legacy_of[path], data

    scope_list = scopes(index)
    for s in scope_list:
        sheets = {}
        for table in TABLES:
            text, table_runs = rows.tables[table.name], _table_runs(rows, by_theme, s, table)
            yield from made(s.path(table.name, "csv"), text.csv_file(table_runs))
            yield from made(s.path(table.name, "json"), text.json_file(table_runs))
            sheets[table.name] = text.cells_of(table_runs)
        yield from made(s.xlsx_path, workbook.fill(sheets, s.title))
    yield from schema_files().items()
    yield PACKAGE_FILE, datapackage(scope_list, facts, verified_until(index))
