"""The open-data output: ``files(index)`` makes every download file and ``pages(index)`` the
downloads page, so the pipeline treats it like any other output.

The legacy files data/measures.json and data/targets.json are kept as copies of the v1 files.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from operator import attrgetter

from generator.index import SiteIndex
from generator.opendata.formats import SCOPE_MARK, RowText, Sheet, WorkbookTemplate, column_widths, csv_file, field_names, json_file, serialise
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
    """Every row serialised once, by table and measure, with what a scope filters rows by, and each
    table's widest value per column. The row objects themselves are not kept (at 50× they would
    hold several hundred megabytes while the files are made)."""

    texts: dict[str, dict[str, list[RowText]]]  # table name → measure id → its rows
    metrics: dict[str, list[str]]  # measure id → the metric of each of its target rows
    departments: dict[str, list[str]]  # measure id → the department of each of its unit rows
    widest: dict[str, list[int]]  # table name → per column


def serialised_rows(index: SiteIndex) -> SerialisedRows:
    """Every row serialised once, a few hundred measures at a time."""
    made = SerialisedRows({t.name: {} for t in TABLES}, {}, {}, {t.name: [0] * len(field_names(t)) for t in TABLES})
    batch: list[tuple[str, MeasureRows]] = []

    def serialise_batch() -> None:
        for table in TABLES:
            texts, widths = serialise(table, [r for _, measure_rows in batch for r in measure_rows.of(table)])
            made.widest[table.name][:] = map(max, made.widest[table.name], widths)
            each = iter(texts)
            for key, measure_rows in batch:
                made.texts[table.name][key] = list(islice(each, len(measure_rows.of(table))))
        for key, measure_rows in batch:
            made.metrics[key] = [r.metric for r in measure_rows.targets]
            made.departments[key] = [r.department for r in measure_rows.units]
        batch.clear()

    for key, measure_rows in all_rows(index):
        batch.append((key, measure_rows))
        if len(batch) == SERIALISED_TOGETHER:
            serialise_batch()
    serialise_batch()
    return made


def theme_targets(index: SiteIndex, rows: SerialisedRows) -> dict[str, list[RowText]]:
    """Theme slug → the target rows whose metric is of the theme, in site order (whichever
    measure states them), as the theme pages count them."""
    out: dict[str, list[RowText]] = {t.slug: [] for t in index.themes}
    metric_themes = {m.slug: [t for t in dict.fromkeys(m.themes) if t in out] for m in index.metrics}
    for me in index.measures:
        for text, metric in zip(rows.texts["targets"][me.key], rows.metrics[me.key], strict=True):
            for theme in metric_themes[metric]:
                out[theme].append(text)
    return out


def _table_rows(rows: SerialisedRows, by_theme: dict[str, list[RowText]], s: Scope, table: Table) -> list[RowText]:
    texts = rows.texts[table.name]
    if table.name == "targets" and s.target_theme is not None:
        return by_theme[s.target_theme]
    if table.name == "units" and s.unit_department is not None:
        return [text for me in s.measures
                for text, department in zip(texts[me.key], rows.departments[me.key], strict=True) if department == s.unit_department]
    return list(chain.from_iterable(map(texts.__getitem__, map(attrgetter("key"), s.measures))))


def files(index: SiteIndex) -> Iterator[tuple[str, bytes]]:
    """Every download file by its path under the site root, made one after another so that the
    caller can write each before the next is made (at 50× they hold about a gigabyte): only the
    rows and what the data package says of each file are kept."""
    rows = serialised_rows(index)
    by_theme = theme_targets(index, rows)
    workbook = WorkbookTemplate(TABLES, {t.name: column_widths(t, rows.widest[t.name]) for t in TABLES}, about_lines(index))
    facts: dict[str, FileFacts] = {}
    legacy_of = {current: legacy for legacy, current in LEGACY_FILES.items()}

    def made(path: str, data: bytes) -> Iterator[tuple[str, bytes]]:
        facts[path] = FileFacts.of(path, data)
        yield path, data
        if path in legacy_of:
            yield legacy_of[path], data

    scope_list = scopes(index)
    for s in scope_list:
        sheets = []
        for table in TABLES:
            serialised = _table_rows(rows, by_theme, s, table)
            yield from made(s.path(table.name, "csv"), csv_file(table, serialised))
            yield from made(s.path(table.name, "json"), json_file(table, serialised))
            sheets.append(Sheet(table, serialised))
        yield from made(s.xlsx_path, workbook.fill(sheets, s.title))
    yield from schema_files().items()
    yield PACKAGE_FILE, datapackage(scope_list, facts, verified_until(index))
