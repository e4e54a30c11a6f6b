"""The "下载本页数据" links of a district, document, theme or department page."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import SiteIndex, Url
from generator.model import MeasureKind
from generator.opendata.scopes import Scope, scope
from generator.opendata.tables import TABLES

DATA_PAGE = Url("data.md")


@dataclass(frozen=True)
class TableLinks:
    label: str
    count: int
    csv: Url
    json: Url
    csv_save_as: str  # the file name the browser saves it under (the link's download attribute)
    json_save_as: str


@dataclass(frozen=True)
class DownloadLinks:
    """The "下载本页数据" line of one page."""

    tables: tuple[TableLinks, ...]
    xlsx: Url  # one workbook, a sheet per table
    xlsx_save_as: str  # 区县双碳政策对照-主题-交通运输.xlsx
    about: Url


def row_counts(index: SiteIndex, s: Scope) -> dict[str, int]:
    """Rows per table, counted from the index (the files hold exactly these). One pass over the
    scope's measures: a theme's or department's page counts thousands of them at 50× the corpus."""
    targets = projects = units = 0
    documents = set()  # entries, one per document id (an entry compares by identity)
    for m in s.measures:
        targets += len(m.targets)
        projects += m.measure.kind == MeasureKind.project
        units += len(m.units)
        documents.add(m.document)
    return {"measures": len(s.measures), "targets": targets, "projects": projects, "units": units,
            "documents": len(documents)}


def download_links(index: SiteIndex, kind: str, slug: str) -> DownloadLinks:
    """Links to the downloads of one page: ``kind`` is districts, documents, themes or departments."""
    s = scope(index, kind, slug)
    counts = row_counts(index, s)
    tables = tuple(TableLinks(t.title, counts[t.name], Url(s.path(t.name, "csv")), Url(s.path(t.name, "json")),
                              s.save_as(t.title, "csv"), s.save_as(t.title, "json"))
                   for t in TABLES)
    return DownloadLinks(tables, Url(s.xlsx_path), s.xlsx_save_as, DATA_PAGE.with_anchor("fields"))
