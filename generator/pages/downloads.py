"""The downloads output: ``files(index)`` every download file (made by generator.opendata) and
``pages_of_files(index, sizes)`` the page that documents them (数据下载): layout, fields, licence and
citation, and beside every link the size of its file, so that a reader on a phone knows what a tap
costs. The build renders that page where it makes the files, once their sizes are known
(generator.pipeline.add_files).

The field tables come from the same row models as the files, so the page cannot forget a column.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.index import DATA_FOLDER, DISTINCT_MEASURE_DEFINITION, MEASURES_PER_PAGE, Origin, SiteIndex, Url
from generator.opendata.formats import Parts
from generator.opendata.links import DATA_PAGE, row_counts
from generator.opendata.output import file_parts as data_file_parts
from generator.opendata.package import (
    COPYRIGHT_BASIS,
    FORMAT_VERSION,
    HASH_CHARS,
    LEGACY_FILES,
    LICENCE,
    LICENCE_SCOPE,
    PACKAGE_FILE,
    citation,
    data_version,
    frictionless_type,
    json_schema_path,
    table_schema_path,
    verified_until,
)
from generator.opendata.rows import site_url
from generator.opendata.scopes import KINDS, MAX_NAME_CHARS, ROOT, SITE_NAME, Scope, scope
from generator.opendata.tables import METRICS, REGISTRY_TABLES, TABLES, THEMES, Table
from generator.pages.common import FinalNote, LinkView, Page, district_link, final_notes

TYPE_NAMES = {"string": "文本", "integer": "整数", "number": "数值", "boolean": "true/false"}


@dataclass(frozen=True, slots=True)
class FieldDoc:
    name: str  # field name, the CSV header and JSON key
    title: str  # Chinese name, the first half of the spreadsheet header
    type: str  # 文本 (guarded against formulas in CSV), 整数, 数值 or true/false, and whether it may be empty
    description: str


@dataclass(frozen=True, slots=True)
class FileLink:
    """A link to one file the build writes, shown with its size (`|file_link`)."""

    text: str  # what the link says: measures.csv, XLSX …
    url: Url  # the file, by its path under the site root
    save_as: str | None  # the name the browser saves it under (None: its own, as the data package and schemas keep)
    size: int  # in bytes, as the build wrote it


@dataclass(frozen=True, slots=True)
class TableDoc:
    name: str  # measures, targets, projects or units
    title: str  # Chinese name
    what_a_row_is: str
    rows: int  # in the whole-site file
    csv: FileLink  # the whole-site file, saved as 区县双碳政策对照-全站-条目.csv
    json: FileLink
    json_schema: FileLink  # JSON Schema of every JSON file of this table
    table_schema: FileLink  # Frictionless table schema of its CSV and JSON files
    fields: tuple[FieldDoc, ...]
    fields_url: Url  # its 字段说明 section on the data page


@dataclass(frozen=True, slots=True)
class KindDoc:
    """Where one page kind's files are."""

    label: str  # 区县, 政策文件, 主题, 部门
    tables: str  # data/v1/districts/<编号>-<表>.csv
    xlsx: str  # data/v1/districts/<编号>.xlsx
    save_as: str  # 区县双碳政策对照-区县-<名称>.xlsx: the name its workbook is saved under


@dataclass(frozen=True, slots=True)
class SaveAsDoc:
    """How downloads are named when saved, with one page's names as the example."""

    site_xlsx: str  # 区县双碳政策对照-全站.xlsx
    site_csv: str  # 区县双碳政策对照-全站-条目.csv
    example_page: str  # 主题页“交通运输”
    example_xlsx: str  # 区县双碳政策对照-主题-交通运输.xlsx
    example_csv: str  # 区县双碳政策对照-主题-交通运输-条目.csv
    max_chars: int  # a longer name is shortened


DISTRICT_COLUMNS = ("measures", "targets")  # the tables the 按区县下载 table has a column for


@dataclass(frozen=True, slots=True)
class DistrictTable:
    """One table of a district's row: its rows and its CSV file."""

    rows: int  # the rows of the district's file of this table
    csv: FileLink  # that file


@dataclass(frozen=True, slots=True)
class DistrictDownloads:
    """One district's row of the 按区县下载 table: the files of its district page."""

    district: LinkView  # its name (marked where its documents are drafts), linking to its page
    measure_count: int  # its distinct measures, as its page counts them (the measures table has more rows)
    xlsx: FileLink  # its workbook …
    columns: tuple[DistrictTable, ...]  # … and the tables of DISTRICT_COLUMNS, in the order of DataPage.district_columns


@dataclass(frozen=True, slots=True)
class DataPage:
    districts: tuple[DistrictDownloads, ...]  # each district's workbook and tables, first on the page
    district_columns: tuple[str, ...]  # the Chinese names of the tables they show (DISTRICT_COLUMNS)
    finals: tuple[FinalNote, ...]  # the drafts its district names tag 定稿已印发, said in full once
    distinct_measure_definition: str  # how a measure is counted once (index.DISTINCT_MEASURE_DEFINITION)
    district_workbook_also: tuple[str, ...]  # those of the other tables, in each workbook only
    tables: tuple[TableDoc, ...]
    registries: tuple[TableDoc, ...]  # the metrics and themes tables: the whole site's only
    xlsx: FileLink  # the whole-site workbook, saved as 区县双碳政策对照-全站.xlsx
    package: FileLink  # datapackage.json
    kinds: tuple[KindDoc, ...]  # the page kinds with downloads
    save_as: SaveAsDoc  # how the downloads are named when saved
    legacy: tuple[FileLink, ...]  # the old addresses, each a copy of the v1 file of its name
    licence_title: str
    licence_name: str  # SPDX id
    licence_url: str
    licence_scope: str  # what the licence covers: the compilation
    copyright_basis: str  # why the documents' own text is free: Copyright Law art. 5, quoted
    verified: str  # latest date an editor checked a document against its source
    citation: str  # how to cite the data set
    data_version: str  # the data's version: the date checked and a short hash of the data folder (package.data_version)
    format_version: str  # v1: the version of the layout and fields
    hash_chars: int  # how much of the hash the data version shows
    data_folder: Origin  # site_data/ as a whole: its history on the repository host (none without a repository)
    site_url: str | None  # the site's address when the build has it (CPC_SITE_URL): site_url/source_url are full addresses
    items_per_page: int  # a long document's page holds at most this many items (so site_url moves; permalink does not)


def field_docs(model) -> tuple[FieldDoc, ...]:
    out = []
    for name, info in model.model_fields.items():
        kind, required = frictionless_type(info.annotation)
        out.append(FieldDoc(name, info.title or "", TYPE_NAMES[kind] + ("" if required else "（可为空）"),
                            info.description or ""))
    return tuple(out)


def file_link(sizes: Mapping[str, int], text: str, path: str, save_as: str | None = None) -> FileLink:
    """A link to the file at ``path`` (under the site root) with its size from ``sizes``."""
    return FileLink(text, Url(path), save_as, sizes[path])


def district_downloads(index: SiteIndex, district, sizes: Mapping[str, int]) -> DistrictDownloads:
    s = scope(index, "districts", district.slug)
    counts = row_counts(index, s)
    return DistrictDownloads(district_link(index, district), len(index.relations.distinct_by_district.get(district.slug, ())),
                             file_link(sizes, "XLSX", s.xlsx_path, s.xlsx_save_as),
                             tuple(DistrictTable(counts[t.name], file_link(sizes, "CSV", s.path(t.name, "csv"), s.save_as(t.title, "csv")))
                                   for t in TABLES if t.name in DISTRICT_COLUMNS))


def table_doc(site: Scope, t: Table, rows: int, sizes: Mapping[str, int]) -> TableDoc:
    return TableDoc(t.name, t.title, t.what_a_row_is, rows,
                    file_link(sizes, f"{t.name}.csv", site.path(t.name, "csv"), site.save_as(t.title, "csv")),
                    file_link(sizes, f"{t.name}.json", site.path(t.name, "json"), site.save_as(t.title, "json")),
                    file_link(sizes, "JSON Schema", f"{ROOT}/{json_schema_path(t)}"),
                    file_link(sizes, f"{t.name}.tableschema.json", f"{ROOT}/{table_schema_path(t)}"),
                    field_docs(t.row), DATA_PAGE.with_anchor(t.name))


def pages_of_files(index: SiteIndex, sizes: Mapping[str, int]) -> list[Page]:
    """The data page, given the size in bytes of every file of ``files(index)`` by its path."""
    site = scope(index, "all", "all")
    counts = row_counts(index, site) | {METRICS.name: len(index.metrics), THEMES.name: len(index.themes)}
    tables = tuple(table_doc(site, t, counts[t.name], sizes) for t in TABLES)
    registries = tuple(table_doc(site, t, counts[t.name], sizes) for t in REGISTRY_TABLES)
    kinds = tuple(KindDoc(label, f"{ROOT}/{kind}/<编号>-<表>.csv", f"{ROOT}/{kind}/<编号>.xlsx",
                          f"{SITE_NAME}-{label}-<名称>.xlsx")
                  for kind, label in KINDS.items())
    example = scope(index, "themes", index.themes[0].slug) if index.themes else site
    first = TABLES[0].title
    save_as = SaveAsDoc(site.xlsx_save_as, site.save_as(first, "csv"), f"{KINDS.get(example.kind, '')}页“{example.name}”", example.xlsx_save_as,
                        example.save_as(first, "csv"), MAX_NAME_CHARS)
    context = DataPage(
        districts=tuple(district_downloads(index, d, sizes) for d in index.districts),
        district_columns=tuple(t.title for t in TABLES if t.name in DISTRICT_COLUMNS),
        finals=final_notes(index, index.districts),
        distinct_measure_definition=DISTINCT_MEASURE_DEFINITION,
        district_workbook_also=tuple(t.title for t in TABLES if t.name not in DISTRICT_COLUMNS),
        tables=tables,
        registries=registries,
        xlsx=file_link(sizes, "all.xlsx", site.xlsx_path, site.xlsx_save_as),
        package=file_link(sizes, "datapackage.json", PACKAGE_FILE),
        kinds=kinds,
        save_as=save_as,
        legacy=tuple(file_link(sizes, old, old) for old in LEGACY_FILES),
        licence_title=LICENCE["title"],
        licence_name=LICENCE["name"],
        licence_url=LICENCE["path"],
        licence_scope=LICENCE_SCOPE,
        copyright_basis=COPYRIGHT_BASIS,
        verified=verified_until(index),
        citation=citation(index),
        data_version=data_version(index),
        format_version=FORMAT_VERSION,
        hash_chars=HASH_CHARS,
        data_folder=Origin(DATA_FOLDER),
        site_url=site_url(),
        items_per_page=MEASURES_PER_PAGE,
    )
    return [Page("data.md", "data.md.j2", context)]


def files(index: SiteIndex) -> Iterator[tuple[str, bytes | Parts]]:
    """The download files as a build writes them: the large ones as their parts, never joined
    (generator.opendata.output.files gives each as bytes)."""
    return data_file_parts(index)
