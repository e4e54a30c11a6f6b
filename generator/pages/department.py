"""Department pages. The overview is a district × theme matrix of lead / support / joint counts of
distinct measures (a measure counts once per department, in the strongest role the department has in
it or in any table row that carries it out); each district's measures for the department are on a page
of their own (department × district): a lead-only list of titles first, then the full texts, lead
first, so no page lists every district's measures."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.index import (
    DISTINCT_MEASURE_DEFINITION,
    ROLE_LABELS,
    STRENGTH_ORDER,
    DistinctMeasure,
    SiteIndex,
    Url,
    department_district_url,
    department_url,
    district_url,
)
from generator.opendata.links import DownloadLinks, download_links
from generator.pages.common import (
    LinkView,
    MeasureView,
    Page,
    district_link,
    districts_text,
    draft_note,
    measure_view,
    pager,
    paginate,
    shows_readings,
)


@dataclass(frozen=True)
class RoleCounts:
    lead: int
    support: int
    joint: int

    @property
    def total(self) -> int:
        return self.lead + self.support + self.joint


@dataclass(frozen=True)
class DistrictRow:
    """One district's counts for the department, per theme and in total. Every count of the row's
    own columns links to the measures it counts on the department × district page."""

    district: LinkView  # the district's name alone: the matrix marks drafts with a short sign (`draft`)
    draft: str  # 征求意见稿 / 含征求意见稿 where the district's documents are drafts, else empty
    items: LinkView  # all its measures: the department × district page
    leads: LinkView | None  # its lead-only list; None when the department leads nothing there
    joint: LinkView | None  # where its 分工负责 measures start (the page and heading); None when there are none
    support: LinkView | None  # the same for 配合
    cells: tuple[RoleCounts, ...]  # one per theme of the page's column list
    total: RoleCounts


@dataclass(frozen=True)
class DepartmentPage:
    name: str
    full_name: str
    kind: str
    aliases: tuple[tuple[str, str], ...]  # printed name, districts where it is printed (districts_text; "" if none)
    total: RoleCounts  # distinct measures by the department's strongest role in each
    distinct_definition: str
    themes: tuple[str, ...]  # matrix columns: names of the themes with at least one item of this department
    rows: tuple[DistrictRow, ...]
    has_drafts: bool  # some row's district has a draft document: the matrix explains its sign
    anchor_map: str  # "jiangjin-energy=jiangjin/ …": the old per-district-and-theme anchors find their page
    downloads: DownloadLinks  # the "下载本页数据" links


@dataclass(frozen=True)
class RoleGroup:
    label: str  # 牵头, 分工负责, 配合
    anchor: str
    measures: tuple[MeasureView, ...]


@dataclass(frozen=True)
class LeadGroup:
    document: LinkView  # the document the measures come from (their printed numbers restart in each)
    measures: tuple[LinkView, ...]


@dataclass(frozen=True)
class DepartmentDistrictPage:
    department: LinkView
    district: LinkView
    total: RoleCounts
    distinct_definition: str
    leads: tuple[LeadGroup, ...]  # lead-only view: every measure it leads here, by document, linked to its full text (first page only)
    groups: tuple[RoleGroup, ...]  # the measures on this page by role, lead first; empty roles left out
    page_number: int
    pages: tuple[LinkView, ...]  # every page of a long list; empty when one page holds it
    readings: bool  # some measure on this page quotes damaged print with a reading: the marks are explained once


@dataclass(frozen=True)
class DepartmentRow:
    department: LinkView
    kind: str
    district_count: int
    total: RoleCounts


@dataclass(frozen=True)
class DepartmentsPage:
    rows: tuple[DepartmentRow, ...]  # most measures first
    kinds: tuple[tuple[str, int], ...]
    distinct_definition: str


def role_counts(index: SiteIndex, measures: tuple[DistinctMeasure, ...] | list[DistinctMeasure], department: str) -> RoleCounts:
    """Distinct measures by the department's strongest role in each: every measure counts once."""
    roles = Counter(index.relations.distinct_role_of[(dm.key, department)] for dm in measures)
    return RoleCounts(roles["lead"], roles["support"], roles["joint"])


def anchor_map(index: SiteIndex, slug: str) -> str:
    pairs = []
    for district in index.districts:
        mine = index.relations.distinct_by_department_district.get((slug, district.slug), ())
        themes = {t.slug for dm in mine for t in dm.themes}
        pairs += [f"{district.slug}-{t.slug}={district.slug}/" for t in index.themes if t.slug in themes]
    return " ".join(pairs)


def role_pages(index: SiteIndex, slug: str, district_slug: str) -> tuple[tuple[Url, tuple[DistinctMeasure, ...]], ...]:
    """The department's measures in one district, strongest role first, cut into the pages of the
    department × district list."""
    role_of = index.relations.distinct_role_of
    mine = index.relations.distinct_by_department_district[(slug, district_slug)]
    by_role = tuple(sorted(mine, key=lambda dm: STRENGTH_ORDER.index(role_of[(dm.key, slug)])))
    return paginate(by_role, department_district_url(slug, district_slug))


def role_starts(index: SiteIndex, slug: str, chunks: tuple[tuple[Url, tuple[DistinctMeasure, ...]], ...]) -> dict[str, Url]:
    """The page and heading where the measures of each role begin (roles with none are absent)."""
    role_of = index.relations.distinct_role_of
    starts: dict[str, Url] = {}
    for url, chunk in chunks:
        for role in {role_of[(dm.key, slug)] for dm in chunk} - starts.keys():
            starts[role] = url.with_anchor(role)
    return starts


def department_page(index: SiteIndex, slug: str) -> Page:
    dept = index.department_by_slug[slug]
    rel = index.relations
    measures = rel.distinct_by_department.get(slug, ())
    themes = [t for t in index.themes if any(dm.has_theme(t.slug) for dm in measures)]
    rows = []
    for district in index.districts:
        mine = rel.distinct_by_department_district.get((slug, district.slug))
        if not mine:
            continue
        total = role_counts(index, mine, slug)
        url = department_district_url(slug, district.slug)
        starts = role_starts(index, slug, role_pages(index, slug, district.slug))
        joint, support = starts.get("joint"), starts.get("support")
        cells = tuple(role_counts(index, [dm for dm in mine if dm.has_theme(t.slug)], slug) for t in themes)
        rows.append(DistrictRow(LinkView(district.name, district_url(district.slug)), draft_note(index, district),
                                LinkView(str(len(mine)), url),
                                LinkView(str(total.lead), url.with_anchor("lead-only")) if total.lead else None,
                                LinkView(str(total.joint), joint) if joint else None,
                                LinkView(str(total.support), support) if support else None,
                                cells, total))
    aliases = []
    for alias in dept.aliases:
        where = {cu.printed_in.district.slug for dm in measures for cu in dm.units
                 if cu.unit.department.slug == slug and cu.unit.reading == alias}
        aliases.append((alias, districts_text([d for d in index.districts if d.slug in where], index.districts)))
    context = DepartmentPage(dept.name, dept.full_name, dept.kind.value, tuple(aliases),
                             role_counts(index, measures, slug), DISTINCT_MEASURE_DEFINITION, tuple(t.name for t in themes),
                             tuple(rows), any(r.draft for r in rows), anchor_map(index, slug), download_links(index, "departments", slug))
    return Page(department_url(slug).page, "department.md.j2", context,
                index.registry_origins[("departments.yaml", slug)], hide=("toc",))  # the matrix takes the contents list's room


def department_district_pages(index: SiteIndex, slug: str, district_slug: str) -> list[Page]:
    """The department's measures in one district: the lead-only list, then the full texts, lead first,
    on as many pages as they need."""
    dept, district = index.department_by_slug[slug], index.district(district_slug)
    role_of = index.relations.distinct_role_of
    mine = index.relations.distinct_by_department_district[(slug, district_slug)]
    chunks = role_pages(index, slug, district_slug)
    by_role = tuple(dm for _, chunk in chunks for dm in chunk)
    lead_measures: dict[str, list[LinkView]] = {}
    lead_documents: dict[str, LinkView] = {}
    for dm in by_role:
        if role_of[(dm.key, slug)] == "lead":
            doc = dm.measure.document
            lead_documents.setdefault(doc.id, LinkView(doc.document.short_title, doc.url))
            lead_measures.setdefault(doc.id, []).append(LinkView(dm.measure.label, dm.measure.url))
    leads = tuple(LeadGroup(lead_documents[d], tuple(ms)) for d, ms in lead_measures.items())
    out = []
    for k, (url, chunk) in enumerate(chunks, start=1):
        groups = tuple(
            RoleGroup(ROLE_LABELS[role], role, tuple(measure_view(index, dm.measure) for dm in chosen))
            for role in STRENGTH_ORDER
            if (chosen := [dm for dm in chunk if role_of[(dm.key, slug)] == role])
        )
        out.append(Page(url.page, "department_district.md.j2", DepartmentDistrictPage(
            LinkView(dept.name, department_url(slug)), district_link(index, district),
            role_counts(index, mine, slug), DISTINCT_MEASURE_DEFINITION, leads if k == 1 else (),
            groups, k, pager(chunks), shows_readings(m for g in groups for m in g.measures)),
            index.registry_origins[("departments.yaml", slug)]))
    return out


def pages(index: SiteIndex) -> list[Page]:
    out = [department_page(index, d.slug) for d in index.departments]
    rel = index.relations
    out += [page for dept, district in rel.distinct_by_department_district
            for page in department_district_pages(index, dept, district)]
    rows = [
        DepartmentRow(LinkView(d.name, department_url(d.slug)), d.kind.value,
                      sum(1 for x in index.districts if (d.slug, x.slug) in rel.distinct_by_department_district),
                      role_counts(index, rel.distinct_by_department.get(d.slug, ()), d.slug))
        for d in index.departments
    ]
    rows.sort(key=lambda r: (-r.total.total, r.department.url.page))
    kinds = Counter(d.kind.value for d in index.departments)
    out.append(Page("departments/index.md", "departments.md.j2",
                    DepartmentsPage(tuple(rows), tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
                                    DISTINCT_MEASURE_DEFINITION)))
    return out
