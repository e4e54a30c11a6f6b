"""The open-data output: ``files(index)`` makes every download file and ``pages(index)`` the
downloads page, so the pipeline treats it like any other output.

The legacy files data/measures.json and data/targets.json are kept as copies of the v1 files.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import attrgetter
from typing import NamedTuple

from generator.index import SiteIndex
from generator.opendata.formats import DRAFTS_MARK, SCOPE_MARK, Parts, Runs, TableText, WorkbookTemplate, ZipEntry, column_widths
from generator.opendata.package import (
    COPYRIGHT_BASIS,
    LEGACY_FILES,
    LICENCE,
    LICENCE_SCOPE,
    PACKAGE_FILE,
    TITLE,
    FileFacts,
    citation,
    data_version,
    datapackage,
    schema_files,
    verified_until,
)
from generator.opendata.rows import MeasureRows, all_rows, document_rows, metric_rows, site_root, site_url, theme_rows
from generator.opendata.scopes import Scope, scopes
from generator.opendata.tables import DOCUMENTS, MEASURE_TABLES, METRICS, REGISTRY_TABLES, TABLES, THEMES, Table


def addresses_said() -> str:
    """What the site_url and source_url columns hold: full addresses when the site's address is set."""
    root = site_root()
    if root != "/":
        return f"完整网址，以 {root} 开头"
    return "从站点根目录起的地址，如 /documents/…；这一版生成时未设置网站地址，使用时请在前面加上本站的网址"


COUNTING = ("条目表一行一条条目，附表（任务表、指标表、项目表）的行常重述正文措施，所以行数多于页面上的措施数。"
            "按页面计数：区县和文件的下载中，筛选条目表的 counts_itself（计入措施本身）为 true 的行；"
            "主题和部门的下载中，数 counts_toward 一列的不同编号。区县 × 主题：对全部行（不先筛选 counts_itself）把 theme_ids "
            "按空格拆开，再数各主题、各区县 counts_toward 的不同编号（措施自己的主题可能不含它经附表行计入的主题）。"
            "量化目标按 distinct_target（同一目标编号）数不同值。")


def about_lines(index: SiteIndex, registries: bool = False) -> list[tuple[str, str]]:
    """The 说明 sheet of a workbook (its scope and its drafts filled in per download); the
    whole-site workbook (``registries``) also has the registries' sheets."""
    lines = [("数据集", TITLE), ("范围", SCOPE_MARK), ("征求意见稿", DRAFTS_MARK), ("数据核对截至", verified_until(index)),
             ("数据版本", f"{data_version(index)}（数据核对截至的日期和全部原始数据文件的校验值；数据有任何改动即不同）"),
             ("许可", f"{LICENCE['title']}（{LICENCE['name']}）{LICENCE['path']}"), ("许可范围", LICENCE_SCOPE),
             ("文件原文", COPYRIGHT_BASIS), ("引用", citation(index)),
             ("说明", "每个工作表一张表，表头为“中文名 字段名”；每一行注明出处：文件、文号、原文编号、原文条款、"
                      f"引用写法、本站位置和原文位置。site_url、permalink、source_url 是{addresses_said()}。"
                      "条目编号和 permalink（固定地址）不变；site_url 是条目今天所在的分页，长文件前面增删条目时会变。"),
             ("怎么计数", COUNTING),
             ("防公式", "文本按文本写入，不会被当作公式；CSV 中以 = + - @、制表符或回车开头且不止一个字符的文本前加了一个单引号 '。")]
    lines += [(t.sheet, t.what_a_row_is) for t in (*TABLES, *(REGISTRY_TABLES if registries else ()))]
    return lines


def drafts_line(s: Scope, drafts: list[str]) -> str:
    """The 说明 sheet's 征求意见稿 line of one download: the drafts among its documents (their short titles)."""
    if not drafts:
        return "本范围的文件都是正式印发的文件，不含征求意见稿。"
    titles = "、".join(f"《{t}》" for t in drafts)
    return (f"本范围含 {len(drafts)} 份征求意见稿：{titles}。其条目按所收的征求意见稿，不是正式印发的文本"
            "（是否已印发定稿，见政策文件表的 issued 和 final_* 各列）。")


# Measures whose rows are serialised in one go (column by column: serialise). Each column costs a
# few calls whatever its length, and a value met again in a batch is made once, so larger batches
# are quicker (at 50x, 4,096 took a fifth less time than 256); the process's peak memory at 50x
# stayed the same within the run-to-run spread (rows are held only while they are serialised).
SERIALISED_TOGETHER = 4096


@dataclass(frozen=True)
class SerialisedRows:
    """Every row serialised once, each table's in site order (TableText), with where each measure's
    rows begin. The row objects themselves are not kept (at 50×
    they would hold several hundred megabytes while the files are made)."""

    tables: dict[str, TableText]  # table name → its rows
    position: dict[str, int]  # measure id → its place in site order
    first_row: dict[str, list[int]]  # table name → the first row of the measure in each place (and, last, the number of rows)
    document_row: dict[str, int]  # document id → its row of the documents table

    def runs_of(self, s: Scope) -> dict[str, Runs]:
        """Table name → the rows a scope's files hold: every row of its measures, in every table,
        and the rows of the documents they are from."""
        measures = Runs.of(list(map(self.position.__getitem__, map(attrgetter("key"), s.measures))))
        documents = Runs.of(list(map(self.document_row.__getitem__, s.document_ids)))
        return {**{name: measures.mapped(first) for name, first in self.first_row.items()}, DOCUMENTS.name: documents}


def serialised_rows(index: SiteIndex) -> SerialisedRows:
    """Every row serialised once, a few thousand measures at a time."""
    made = SerialisedRows({t.name: TableText(t) for t in (*TABLES, *REGISTRY_TABLES)}, {}, {t.name: [0] for t in MEASURE_TABLES},
                          {d.id: n for n, d in enumerate(index.documents)})
    made.tables[DOCUMENTS.name].add(document_rows(index))
    made.tables[METRICS.name].add(metric_rows(index))
    made.tables[THEMES.name].add(theme_rows(index))
    batch: list[tuple[str, MeasureRows]] = []

    def serialise_batch() -> None:
        for table in MEASURE_TABLES:
            made.tables[table.name].add([r for _, measure_rows in batch for r in measure_rows.of(table)])
            first = made.first_row[table.name]
            first += accumulate((len(measure_rows.of(table)) for _, measure_rows in batch), initial=first.pop())
        for key, _ in batch:
            made.position[key] = len(made.position)
        batch.clear()

    for key, measure_rows in all_rows(index):
        batch.append((key, measure_rows))
        if len(batch) == SERIALISED_TOGETHER:
            serialise_batch()
    serialise_batch()
    return made


class TableFiles(NamedTuple):
    """A table's files of one download: its CSV and its JSON with what the data package says of
    them, and its sheet of the workbook."""

    csv: Parts
    csv_facts: FileFacts
    json: Parts
    json_facts: FileFacts
    sheet: ZipEntry


def files(index: SiteIndex) -> Iterator[tuple[str, bytes]]:
    """Every download file by its path under the site root, as bytes (file_parts, joined)."""
    for path, data in file_parts(index):
        yield path, data if isinstance(data, bytes) else b"".join(data)


def file_parts(index: SiteIndex) -> Iterator[tuple[str, bytes | Parts]]:
    """Every download file by its path under the site root, as bytes or as the Parts it is made of
    (slices of the serialised rows, which a build writes as they are), made one after another so
    that the caller can write each before the next is made (at 50× they hold about a gigabyte): only
    the rows and what the data package says of each file are kept."""
    rows = serialised_rows(index)
    widths = {name: column_widths(t.table, t.widest) for name, t in rows.tables.items()}
    workbook = WorkbookTemplate(TABLES, widths, about_lines(index))
    # the whole site's workbook also has the registries' sheets, the same in every build of one corpus
    site_workbook = WorkbookTemplate((*TABLES, *REGISTRY_TABLES), widths, about_lines(index, registries=True))
    drafts = {d.id: d.document.short_title for d in index.documents if d.is_draft}
    facts: dict[str, FileFacts] = {}
    legacy_of = {current: legacy for legacy, current in LEGACY_FILES.items()}

    def made(path: str, data: Parts, file_facts: FileFacts | None = None) -> Iterator[tuple[str, Parts]]:
        facts[path] = file_facts or FileFacts.of(path, data)
        yield path, data
        if path in legacy_of:
            yield legacy_of[path], data

    def table_files(table: Table, table_runs: Runs, template: WorkbookTemplate = workbook) -> TableFiles:
        text = rows.tables[table.name]
        csv, json = text.csv_file(table_runs), text.json_file(table_runs)
        return TableFiles(csv, FileFacts.of(".csv", csv), json, FileFacts.of(".json", json),
                          template.sheet(table, text.cells_of(table_runs)))

    scope_list = scopes(index)
    runs = [rows.runs_of(s) for s in scope_list]
    # the rows of a table that two scopes share exactly (a district with one document) make their
    # files once, kept from the first scope to the last that has them
    uses = Counter(chain.from_iterable(scope_runs.items() for scope_runs in runs))
    kept: dict[tuple[str, Runs], TableFiles] = {}
    for s, scope_runs in zip(scope_list, runs, strict=True):
        sheets = {}
        for table in TABLES:
            key = (table.name, scope_runs[table.name])
            uses[key] -= 1
            table_made = kept.pop(key, None) or table_files(table, key[1])
            if uses[key]:
                kept[key] = table_made
            yield from made(s.path(table.name, "csv"), table_made.csv, table_made.csv_facts)
            yield from made(s.path(table.name, "json"), table_made.json, table_made.json_facts)
            sheets[table.name] = table_made.sheet
        in_scope = [drafts[d] for d in s.document_ids if d in drafts] if drafts else []
        marks = {SCOPE_MARK: s.title, DRAFTS_MARK: drafts_line(s, in_scope)}
        if s.kind != "all":
            yield from made(s.xlsx_path, workbook.fill(sheets, marks))
            continue
        for table in REGISTRY_TABLES:
            registry = table_files(table, Runs.of(range(len(rows.tables[table.name]))), site_workbook)
            yield from made(s.path(table.name, "csv"), registry.csv, registry.csv_facts)
            yield from made(s.path(table.name, "json"), registry.json, registry.json_facts)
            sheets[table.name] = registry.sheet
        # the site's sheets of TABLES were made for the pages' template: the same sheet parts, by order
        yield from made(s.xlsx_path, site_workbook.fill(sheets, marks))
    yield from schema_files().items()
    yield PACKAGE_FILE, datapackage(scope_list, facts, verified_until(index), site_url(), data_version(index))
