"""Department pages: a districts × themes matrix of lead / support / joint counts and the
measures behind each cell; plus the department index with a department × district matrix."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import ROLE_LABELS, MeasureEntry, SiteIndex, department_url, theme_url
from generator.opendata.links import DownloadLinks, download_links
from generator.pages.common import LinkView, MeasureView, Page, district_link, measure_view


@dataclass(frozen=True)
class RoleCounts:
    lead: int
    support: int
    joint: int
    anchor: str  # where the measures behind the cell are listed; "" when empty

    @property
    def total(self) -> int:
        return self.lead + self.support + self.joint


@dataclass(frozen=True)
class MatrixRow:
    label: LinkView
    cells: tuple[RoleCounts, ...]
    total: RoleCounts


@dataclass(frozen=True)
class MeasureGroup:
    """The measures of one district and one theme for this department."""

    anchor: str
    heading: str
    items: tuple[tuple[str, MeasureView], ...]  # role label, measure


@dataclass(frozen=True)
class DepartmentPage:
    name: str
    full_name: str
    kind: str
    aliases: tuple[tuple[str, tuple[str, ...]], ...]  # printed name, districts where it is printed
    total: RoleCounts
    districts: tuple[LinkView, ...]
    rows: tuple[MatrixRow, ...]  # one per theme
    groups: tuple[MeasureGroup, ...]
    downloads: DownloadLinks


@dataclass(frozen=True)
class DepartmentsPage:
    districts: tuple[LinkView, ...]
    rows: tuple[MatrixRow, ...]  # one per department, most measures first
    kinds: tuple[tuple[str, int], ...]


def role_of(m: MeasureEntry, dept_slug: str) -> str:
    """The strongest role the department has in a measure: lead > joint > support."""
    roles = {u.role for u in m.units if u.department.slug == dept_slug}
    return next(r for r in ("lead", "joint", "support") if r in roles)


def role_counts(measures, dept_slug: str, anchor: str = "") -> RoleCounts:
    roles = [role_of(m, dept_slug) for m in measures]
    return RoleCounts(roles.count("lead"), roles.count("support"), roles.count("joint"), anchor if roles else "")


def department_page(index: SiteIndex, slug: str) -> Page:
    dept = next(d for d in index.departments if d.slug == slug)
    measures = index.measures_by_department.get(slug, ())
    rows, groups = [], []
    for theme in index.themes:
        cells = []
        for district in index.districts:
            mine = tuple(m for m in measures if m.district.slug == district.slug and theme in m.themes)
            anchor = f"{district.slug}-{theme.slug}"
            cells.append(role_counts(mine, slug, anchor))
            if mine:
                groups.append(MeasureGroup(anchor, f"{district.name} · {theme.name}",
                                           tuple((ROLE_LABELS[role_of(m, slug)], measure_view(index, m)) for m in mine)))
        in_theme = tuple(m for m in measures if theme in m.themes)
        if in_theme:
            rows.append(MatrixRow(LinkView(theme.name, theme_url(theme.slug)), tuple(cells), role_counts(in_theme, slug)))
    aliases = []
    for alias in dept.aliases:
        where = sorted({m.district.name for m in measures for u in m.units if u.department.slug == slug and u.reading == alias})
        aliases.append((alias, tuple(where)))
    context = DepartmentPage(
        dept.name, dept.full_name, dept.kind.value, tuple(aliases), role_counts(measures, slug),
        tuple(district_link(index, d) for d in index.districts), tuple(rows), tuple(groups),
        download_links(index, "departments", slug),
    )
    return Page(department_url(slug).page, "department.md.j2", context)


def pages(index: SiteIndex) -> list[Page]:
    out = [department_page(index, d.slug) for d in index.departments]
    rows = []
    for dept in index.departments:
        measures = index.measures_by_department.get(dept.slug, ())
        cells = tuple(role_counts(tuple(m for m in measures if m.district.slug == d.slug), dept.slug)
                      for d in index.districts)
        rows.append(MatrixRow(LinkView(dept.name, department_url(dept.slug)), cells, role_counts(measures, dept.slug)))
    rows.sort(key=lambda r: (-r.total.total, r.label.url.page))
    kinds: dict[str, int] = {}
    for dept in index.departments:
        kinds[dept.kind.value] = kinds.get(dept.kind.value, 0) + 1
    context = DepartmentsPage(tuple(district_link(index, d) for d in index.districts),
                              tuple(rows), tuple(sorted(kinds.items(), key=lambda kv: -kv[1])))
    out.append(Page("departments/index.md", "departments.md.j2", context))
    return out
