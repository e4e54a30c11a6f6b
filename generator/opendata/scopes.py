"""Which measures each download holds, and where its files live (the stable data/v1 layout).

A scope is the whole site or one district, document, theme or department; it holds the
measures its page shows, and every table holds the rows of those measures, except that a
department's units table holds that department's own assignments only, and a theme's targets
table the targets whose metric belongs to the theme (whichever measure states them), as the
theme pages count them.

    data/v1/<table>.csv|json, data/v1/all.xlsx                           the whole site
    data/v1/<kind>/<slug>-<table>.csv|json, data/v1/<kind>/<slug>.xlsx   one page
"""
from __future__ import annotations

from dataclasses import dataclass

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
    unit_department: str | None = None  # a department scope keeps only its own unit rows
    target_theme: str | None = None  # a theme scope keeps the targets whose metric is of the theme, as its page

    def path(self, stem: str, ext: str) -> str:
        if self.kind == "all":
            return f"{ROOT}/{stem}.{ext}"
        return f"{ROOT}/{self.kind}/{self.slug}-{stem}.{ext}"

    @property
    def xlsx_path(self) -> str:
        return f"{ROOT}/all.xlsx" if self.kind == "all" else f"{ROOT}/{self.kind}/{self.slug}.xlsx"

    @property
    def resource_prefix(self) -> str:
        return "" if self.kind == "all" else f"{self.kind}-{self.slug}-"

    @property
    def title(self) -> str:
        return "全站" if self.kind == "all" else f"{KINDS[self.kind]}：{self.name}"


def scope(index: SiteIndex, kind: str, slug: str) -> Scope:
    """The download scope of one page: ``kind`` is "all" or one of KINDS, ``slug`` the page's id."""
    if kind == "all":
        return Scope("all", "all", "全站", index.measures)
    if kind == "districts":
        return Scope(kind, slug, index.district(slug).name, index.measures_by_district.get(slug, ()))
    if kind == "documents":
        doc = next(d for d in index.documents if d.id == slug)
        return Scope(kind, slug, doc.document.short_title, index.measures_by_document.get(slug, ()))
    if kind == "themes":
        theme = index.theme_by_slug[slug]
        return Scope(kind, slug, theme.name, index.measures_by_theme.get(slug, ()), target_theme=slug)
    if kind == "departments":
        dept = index.department_by_slug[slug]
        return Scope(kind, slug, dept.name, index.measures_by_department.get(slug, ()), unit_department=slug)
    raise ValueError(f"no downloads for page kind {kind!r}")


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
