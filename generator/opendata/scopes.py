"""Which measures each download holds, and where its files live (the stable data/v1 layout).

A scope is the whole site or one district, document, theme or department; it holds the
measures its page shows, and every other table holds exactly the rows of those measures (their
targets, projects and every unit of them), so that the tables of one download agree.

    data/v1/<table>.csv|json, data/v1/all.xlsx                           the whole site
    data/v1/<kind>/<slug>-<table>.csv|json, data/v1/<kind>/<slug>.xlsx   one page

The addresses are the open-data API and never change; a reader who saves a file gets a name that
says what it holds (the links' `download` attribute), made here:

    区县双碳政策对照-全站.xlsx, 区县双碳政策对照-全站-<表>.csv|json         the whole site
    区县双碳政策对照-<类别>-<名称>.xlsx, …-<名称>-<表>.csv|json                one page

where <表> is the table's Chinese title (条目, 量化目标 …) and <名称> the page's name made safe for
every file system (safe_name); names of one kind that come out alike get the page's slug added.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from generator.index import MeasureEntry, SiteIndex, Url

VERSION = "v1"
ROOT = f"data/{VERSION}"
# Page kinds with downloads; the folder names match the site's own (districts/jiangjin/ …).
KINDS = {"districts": "区县", "documents": "政策文件", "themes": "主题", "departments": "部门"}
FORMATS = ("csv", "json", "xlsx")  # every scope has all three


@dataclass(frozen=True)
class Scope:
    kind: str  # "all" or one of KINDS
    slug: str
    name: str
    measures: tuple[MeasureEntry, ...]
    save_stem: str  # the name its files are saved under, without table and extension (download_stems)

    @cached_property
    def document_ids(self) -> tuple[str, ...]:
        """The documents its measures are from, each once, in the order of its measures: its rows of
        the documents table and the drafts its 说明 sheet names, looked up once."""
        return tuple(dict.fromkeys(me.document.id for me in self.measures))

    def path(self, stem: str, ext: str) -> str:
        if self.kind == "all":
            return f"{ROOT}/{stem}.{ext}"
        return f"{ROOT}/{self.kind}/{self.slug}-{stem}.{ext}"

    @property
    def xlsx_path(self) -> str:
        return f"{ROOT}/all.xlsx" if self.kind == "all" else f"{ROOT}/{self.kind}/{self.slug}.xlsx"

    def save_as(self, table_title: str, ext: str) -> str:
        """The file name a table's CSV or JSON is saved under: 区县双碳政策对照-主题-交通运输-条目.csv."""
        return f"{self.save_stem}-{table_title}.{ext}"

    @property
    def xlsx_save_as(self) -> str:
        """The file name the workbook is saved under: 区县双碳政策对照-主题-交通运输.xlsx."""
        return f"{self.save_stem}.xlsx"

    @property
    def resource_prefix(self) -> str:
        return "" if self.kind == "all" else f"{self.kind}-{self.slug}-"

    @property
    def title(self) -> str:
        return "全站" if self.kind == "all" else f"{KINDS[self.kind]}：{self.name}"


# ------------------------------------------------------------------ the names files are saved under

SITE_NAME = "区县双碳政策对照"
SITE_STEM = f"{SITE_NAME}-全站"
MAX_NAME_CHARS = 40  # a page's name in a file name: 区县双碳政策对照-政策文件-<40>-责任分工.json stays under 255 bytes
ASCII_KEPT = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-.")
FULL_WIDTH = 0xFEE0  # ! … ~ (U+0021–007E) and their full-width forms (U+FF01–FF5E) lie this far apart


def _safe_char(c: str) -> str:
    """One character of a name as a file name may hold it: ASCII letters, digits, - and . as they
    are; other printable ASCII (the \\ / : * ? " < > | Windows forbids, and Markdown's own signs) as
    its full-width form (／ ： ？ …); spaces as -; control and format characters (a right-to-left
    mark could disguise the extension) left out; any other letter, digit, mark or sign as it is."""
    if c in ASCII_KEPT:
        return c
    if "!" <= c <= "~":
        return chr(ord(c) + FULL_WIDTH)
    category = unicodedata.category(c)
    if category[0] == "Z" or c in "\t\n\r":
        return "-"
    if category[0] == "C":
        return ""
    return c


def safe_name(name: str) -> str:
    """A page's name as part of a file name on Windows, macOS and Linux alike (see _safe_char):
    runs of - become one, no - or . at either end (Windows drops a trailing dot), at most
    MAX_NAME_CHARS characters (the rest shortened to …)."""
    text = "".join(_safe_char(c) for c in unicodedata.normalize("NFC", name))
    while "--" in text:
        text = text.replace("--", "-")
    text = text.strip("-.")
    if len(text) > MAX_NAME_CHARS:
        text = text[:MAX_NAME_CHARS - 1].rstrip("-.") + "…"
    return text


@lru_cache(maxsize=1)  # one index at a time; SiteIndex compares by identity
def download_stems(index: SiteIndex) -> dict[tuple[str, str], str]:
    """(kind, slug) → the name a page's files are saved under, without table and extension:
    区县双碳政策对照-主题-交通运输. Two pages of one kind whose names come out alike (two documents
    with one short title; names that differ only in a sign made safe, or in upper and lower case,
    which Windows and macOS do not tell apart) both get their slug added, so every file has a name
    of its own."""
    names = {
        "districts": [(d.slug, d.name) for d in index.districts],
        "documents": [(d.id, d.document.short_title) for d in index.documents],
        "themes": [(t.slug, t.name) for t in index.themes],
        "departments": [(d.slug, d.name) for d in index.departments],
    }
    stems: dict[tuple[str, str], str] = {("all", "all"): SITE_STEM}
    for kind, pairs in names.items():
        made = [(slug, f"{SITE_NAME}-{KINDS[kind]}-{safe_name(name) or slug}") for slug, name in pairs]
        alike: dict[str, int] = defaultdict(int)
        for _, stem in made:
            alike[stem.casefold()] += 1
        stems.update({(kind, slug): stem if alike[stem.casefold()] == 1 else f"{stem}-{slug}" for slug, stem in made})
    return stems


def scope(index: SiteIndex, kind: str, slug: str) -> Scope:
    """The download scope of one page: ``kind`` is "all" or one of KINDS, ``slug`` the page's id."""
    if kind not in KINDS and kind != "all":
        raise ValueError(f"no downloads for page kind {kind!r}")
    stem = download_stems(index)[(kind, slug)]
    if kind == "all":
        return Scope("all", "all", "全站", index.measures, stem)
    if kind == "districts":
        return Scope(kind, slug, index.district(slug).name, index.measures_by_district.get(slug, ()), stem)
    if kind == "documents":
        doc = next(d for d in index.documents if d.id == slug)
        return Scope(kind, slug, doc.document.short_title, index.measures_by_document.get(slug, ()), stem)
    if kind == "themes":
        theme = index.theme_by_slug[slug]
        return Scope(kind, slug, theme.name, index.measures_by_theme.get(slug, ()), stem)
    dept = index.department_by_slug[slug]
    return Scope(kind, slug, dept.name, index.measures_by_department.get(slug, ()), stem)


def scopes(index: SiteIndex) -> list[Scope]:
    """Every download scope in a fixed order: site, districts, documents, themes, departments."""
    slugs = {
        "all": ["all"],
        "districts": [d.slug for d in index.districts],
        "documents": [d.id for d in index.documents],
        "themes": [t.slug for t in index.themes],
        "departments": [d.slug for d in index.departments],
    }
    return [scope(index, kind, slug) for kind, names in slugs.items() for slug in names]


def file_url(path: str) -> Url:
    """A generated file as a link target (Url's page is any docs-relative path)."""
    return Url(path)
