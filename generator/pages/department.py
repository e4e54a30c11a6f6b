"""Department pages. The overview is a district × theme matrix of lead / support / joint counts of
distinct measures (a measure counts once per department, in the strongest role the department has in
it or in any table row that carries it out); each district's measures for the department are on a page
of their own (department × district): a lead-only list of titles first, then the full texts, lead
first, so no page lists every district's measures."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.index import (
    DISTINCT_MEASURE_DEFINITION,
    STRENGTH_ORDER,
    DistinctMeasure,
    DocumentEntry,
    SiteIndex,
    Url,
    department_district_url,
    department_row_url,
    department_url,
    district_url,
    label_is_read,
    theme_district_url,
    theme_url,
)
from generator.model import ROLE_LABELS
from generator.opendata.links import DownloadLinks, download_links
from generator.pages.common import (
    FinalNote,
    JumpLine,
    LinkView,
    MeasureView,
    Page,
    district_link,
    districts_text,
    draft_note,
    final_notes,
    jump_line,
    measure_view,
    pager,
    paginate,
    shows_readings,
)


@dataclass(frozen=True, slots=True)
class RoleCounts:
    lead: int
    support: int
    joint: int

    @property
    def total(self) -> int:
        return self.lead + self.support + self.joint


@dataclass(frozen=True, slots=True)
class ThemeCell:
    """A district × theme cell of the matrix: the counts, and the link "lead/total" (2/5) to the
    theme's list on the department × district page; None where the department has none there."""

    counts: RoleCounts
    link: LinkView | None


@dataclass(frozen=True, slots=True)
class DistrictRow:
    """One district's counts for the department, per theme and in total. Every count links to the
    measures it counts on the department × district page (a theme's count to that theme's list)."""

    district: LinkView  # the district's name alone: the matrix marks drafts with a short sign (`draft`)
    anchor: str  # the row's id (department_row_url), where the page's jump line leads
    draft: str  # draft_note: 征求意见稿 / 含征求意见稿 (·定稿已印发) where the district's documents are drafts, else empty
    items: LinkView  # all its measures: the department × district page
    leads: LinkView | None  # its lead-only list; None when the department leads nothing there
    joint: LinkView | None  # where its 分工负责 measures start (the page and heading); None when there are none
    support: LinkView | None  # the same for 配合
    cells: tuple[ThemeCell, ...]  # one per theme of the page's column list
    total: RoleCounts


@dataclass(frozen=True, slots=True)
class DepartmentPage:
    name: str
    full_name: str
    kind: str
    aliases: tuple[tuple[str, str], ...]  # each name the documents print, with the districts where (districts_text)
    unprinted_aliases: tuple[str, ...]  # names registered in departments.yaml that no document on the site prints
    total: RoleCounts  # distinct measures by the department's strongest role in each
    distinct_definition: str
    themes: tuple[LinkView, ...]  # matrix columns: the themes with at least one item of this department, linked to their pages
    rows: tuple[DistrictRow, ...]
    jump: JumpLine  # the rows' districts with their numbers of measures, linked to the rows
    has_drafts: bool  # some row's district has a draft document: the matrix explains its sign
    finals: tuple[FinalNote, ...]  # the rows' drafts whose final version was issued, said in full under that explanation
    anchor_map: str  # "jiangjin-energy=jiangjin/ …": the old per-district-and-theme anchors find their page
    downloads: DownloadLinks  # the "下载本页数据" links


@dataclass(frozen=True, slots=True)
class RoleGroup:
    label: str  # 牵头, 分工负责, 配合
    anchor: str
    measures: tuple[MeasureView, ...]


@dataclass(frozen=True, slots=True)
class TitleView:
    link: LinkView  # the measure's title, linked to its text
    role: str  # the department's role in it: 牵头, 分工负责 or 配合


@dataclass(frozen=True, slots=True)
class TitleGroup:
    document: LinkView  # the document the measures come from (their printed numbers restart in each)
    measures: tuple[TitleView, ...]


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    """The department's measures of one theme in the district, where the matrix cell leads."""

    theme: LinkView  # the theme's page
    anchor: str  # <district>-<theme>: the heading the department page's matrix cell links to
    counts: RoleCounts
    documents: tuple[TitleGroup, ...]  # its titles by document, strongest role first
    everyone: LinkView  # every department's measures of the theme in the district (the theme × district page)


@dataclass(frozen=True, slots=True)
class RoleCountLink:
    """A role's count in a department × district page's opening sentence (配合 38 项), linked to
    where the department's measures of that role in the district are listed (role_places)."""

    text: str  # the role and its count: 配合 38 项
    url: Url | None  # the lead-only list, or the page and heading where the role's full texts begin; None where it has none


@dataclass(frozen=True, slots=True)
class DepartmentDistrictPage:
    department: LinkView
    district: LinkView
    total: RoleCounts
    counts: tuple[RoleCountLink, ...]  # the opening sentence's count of each role (牵头, 分工负责, 配合), linked to its measures
    distinct_definition: str
    leads: tuple[TitleGroup, ...]  # lead-only view: every measure it leads here, by document, linked to its full text (first page only)
    themes: tuple[ThemeGroup, ...]  # its measures by theme, strongest role first (first page only)
    groups: tuple[RoleGroup, ...]  # the measures on this page by role, lead first; empty roles left out
    page_number: int
    pages: tuple[LinkView, ...]  # every page of a long list, named with its roles (第 3 页（分工负责、配合）); empty when one page holds it
    readings: bool  # some measure on this page quotes damaged print with a reading: the marks are explained once
    read_titles: bool  # some title in the lead-only or theme lists is our reading of damaged print (〔识读〕): said above them
    finals: tuple[FinalNote, ...]  # the district's drafts its name tags 定稿已印发, said in full once


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    department: LinkView
    kind: str
    district_count: int
    total: RoleCounts


@dataclass(frozen=True, slots=True)
class DepartmentsPage:
    rows: tuple[DepartmentRow, ...]  # most measures first
    kinds: tuple[tuple[str, int], ...]
    distinct_definition: str


def strongest_roles(index: SiteIndex, department: str, measures: Sequence[DistinctMeasure]) -> dict[int, str]:
    """The department's strongest role in each of these measures, by the measure's id(): looked up
    once for the several counts and lists a page makes of them."""
    role_of = index.relations.distinct_role_of
    return {id(dm): role_of[(dm.measure.key, department)] for dm in measures}


def role_counts(index: SiteIndex, measures: Sequence[DistinctMeasure], department: str) -> RoleCounts:
    """Distinct measures by the department's strongest role in each: every measure counts once."""
    return counted(list(strongest_roles(index, department, measures).values()))


def counted(roles: list[str]) -> RoleCounts:
    """The roles (one per measure) counted: a list counted thrice, as a Counter costs more for a few."""
    return RoleCounts(roles.count("lead"), roles.count("support"), roles.count("joint"))


def theme_anchor(district: str, theme: str) -> str:
    """The heading of a theme's list on a department × district page: jiangjin-energy. The same id
    the department page's matrix once had, so an old link to it finds the list (anchor_map)."""
    return f"{district}-{theme}"


def anchor_map(index: SiteIndex, slug: str) -> str:
    """"jiangjin-*=jiangjin/ …": every theme_anchor of a district the department has measures in
    is on its department × district page (one entry per district, not per district and theme: at
    50 districts the pairs alone were 28 KB of the department page)."""
    return " ".join(f"{theme_anchor(d.slug, '*')}={d.slug}/" for d in index.districts
                    if index.relations.distinct_by_department_district.get((slug, d.slug)))


_STRENGTH = {role: k for k, role in enumerate(STRENGTH_ORDER)}  # a role's place in STRENGTH_ORDER


def role_pages(roles: dict[int, str], measures: tuple[DistinctMeasure, ...], first: Url) -> tuple[tuple[Url, tuple[DistinctMeasure, ...]], ...]:
    """The department's measures in one district (``roles``: its role in each, strongest_roles),
    strongest role first (in the given order within a role), cut into the pages of the department ×
    district list that starts at ``first``."""
    return paginate(tuple(sorted(measures, key=lambda dm: _STRENGTH[roles[id(dm)]])), first)


def role_starts(roles: dict[int, str], chunks: tuple[tuple[Url, tuple[DistinctMeasure, ...]], ...]) -> dict[str, Url]:
    """The page and heading where the measures of each role begin (roles with none are absent)."""
    starts: dict[str, Url] = {}
    for url, chunk in chunks:
        for role in {roles[id(dm)] for dm in chunk} - starts.keys():
            starts[role] = url.with_anchor(role)
    return starts


def chunk_roles(roles: dict[int, str], chunk: tuple[DistinctMeasure, ...]) -> str:
    """The roles of a page of the department × district list, strongest first: 分工负责、配合 (its
    pager label says them)."""
    held = {roles[id(dm)] for dm in chunk}
    return "、".join(ROLE_LABELS[role] for role in STRENGTH_ORDER if role in held)


@dataclass(frozen=True, slots=True)
class InDistrict:
    """A department's measures in one district as its pages count and list them: its matrix row on
    the department page, and its department × district pages."""

    measures: tuple[DistinctMeasure, ...]  # the index's list (distinct_by_department_district)
    roles: dict[int, str]  # the department's strongest role in each (strongest_roles)
    total: RoleCounts
    chunks: tuple[tuple[Url, tuple[DistinctMeasure, ...]], ...]  # its department × district pages (role_pages)


def in_districts(index: SiteIndex, slug: str) -> dict[str, InDistrict]:
    """For each district the department has measures in, by slug in registry order, its InDistrict:
    found once for the department page and the department × district pages, which both found them
    (at 50× the corpus a tenth of the department pages' contexts went into finding them again)."""
    found = {}
    for district in index.districts:
        mine = index.relations.distinct_by_department_district.get((slug, district.slug))
        if mine:
            roles = strongest_roles(index, slug, mine)
            found[district.slug] = InDistrict(mine, roles, counted(list(roles.values())),
                                              role_pages(roles, mine, department_district_url(slug, district.slug)))
    return found


def role_places(here: InDistrict) -> dict[str, Url]:
    """Where the department's measures of each role in the district are listed (roles with none
    are absent): those it leads in the lead-only list of the first department × district page,
    the others where their full texts begin (role_starts)."""
    places = role_starts(here.roles, here.chunks)
    if "lead" in places:
        places["lead"] = here.chunks[0][0].with_anchor("lead-only")
    return places


def department_page(index: SiteIndex, slug: str, found: dict[str, InDistrict] | None = None) -> Page:
    """The department's overview; ``found``: in_districts (found when not given)."""
    dept = index.department_by_slug[slug]
    rel = index.relations
    found = in_districts(index, slug) if found is None else found
    measures = rel.distinct_by_department.get(slug, ())
    # the themes of its measures, in registry order (those with a cell in distinct_by_department_district_theme)
    used = {t.slug for dm in measures for t in dm.themes}
    themes = [t for t in index.themes if t.slug in used]
    rows = []
    shown = []
    for district in index.districts:
        here = found.get(district.slug)
        if here is None:
            continue
        shown.append(district)
        mine, roles, total = here.measures, here.roles, here.total
        url = department_district_url(slug, district.slug)
        places = role_places(here)
        lead, joint, support = places.get("lead"), places.get("joint"), places.get("support")
        # the department's role in each of its measures here, by theme: the roles of the measures of
        # distinct_by_department_district_theme, found in one pass instead of a look-up per theme
        roles_by_theme: dict[str, list[str]] = {}
        for dm in mine:
            role = roles[id(dm)]
            for theme in dm.themes:
                roles_by_theme.setdefault(theme.slug, []).append(role)
        cells = []
        for t in themes:
            counts = counted(roles_by_theme.get(t.slug, []))
            cells.append(ThemeCell(counts, LinkView(f"{counts.lead}/{counts.total}", url.with_anchor(theme_anchor(district.slug, t.slug)))
                                   if counts.total else None))
        rows.append(DistrictRow(LinkView(district.name, district_url(district.slug)),
                                department_row_url(slug, district.slug).anchor, draft_note(index, district),
                                LinkView(str(len(mine)), url),
                                LinkView(str(total.lead), lead) if lead else None,
                                LinkView(str(total.joint), joint) if joint else None,
                                LinkView(str(total.support), support) if support else None,
                                tuple(cells), total))
    printed, unprinted = index.alias_use(slug)
    aliases = tuple((alias, districts_text([d for d in index.districts if d.slug in where], index.districts))
                    for alias, where in printed)
    context = DepartmentPage(dept.name, dept.full_name, dept.kind.value, aliases, unprinted,
                             role_counts(index, measures, slug), DISTINCT_MEASURE_DEFINITION,
                             tuple(LinkView(t.name, theme_url(t.slug)) for t in themes),
                             tuple(rows), jump_line("措施", ((d, len(found[d.slug].measures)) for d in shown),
                                                    lambda district: department_row_url(slug, district)),
                             any(r.draft for r in rows), final_notes(index, shown), anchor_map(index, slug),
                             download_links(index, "departments", slug))
    return Page(department_url(slug).page, "department.md.j2", context,
                index.registry_origins[("departments.yaml", slug)], hide=("navigation", "toc"))  # the matrix takes the width


def titles_by_document(measures: Sequence[DistinctMeasure], titles: dict[int, TitleView]) -> tuple[TitleGroup, ...]:
    """The titles of the department's measures (``titles``, by the id of each measure), grouped by
    the document they come from, in the order given (documents in the order their first measure comes)."""
    groups: dict[DocumentEntry, tuple[LinkView, list[TitleView]]] = {}  # an entry is its own key (eq=False)
    for dm in measures:
        doc = dm.measure.document
        group = groups.get(doc)
        if group is None:
            group = groups[doc] = (LinkView(doc.document.short_title, doc.url), [])
        group[1].append(titles[id(dm)])
    return tuple(TitleGroup(document, tuple(titles)) for document, titles in groups.values())


def department_district_pages(index: SiteIndex, slug: str, district_slug: str, here: InDistrict | None = None) -> list[Page]:
    """The department's measures in one district: the lead-only list and the lists by theme (where
    the department page's matrix cells lead), then the full texts, lead first, on as many pages as
    they need. On every page the opening sentence's count of each role leads to its measures
    (role_places) and the pager names the roles of each page. ``here``: the district's entry of
    in_districts (found when not given)."""
    dept, district = index.department_by_slug[slug], index.district(district_slug)
    here = in_districts(index, slug)[district_slug] if here is None else here
    roles, total, chunks = here.roles, here.total, here.chunks
    places = role_places(here)
    counts = tuple(RoleCountLink(f"{ROLE_LABELS[role]} {getattr(total, role)} 项", places.get(role)) for role in STRENGTH_ORDER)
    pages = pager(chunks, lambda chunk: chunk_roles(roles, chunk))
    by_role = tuple(dm for _, chunk in chunks for dm in chunk)
    # each measure's title and role once, for the lead-only list and every theme list it is in
    titles = {id(dm): TitleView(LinkView(dm.measure.label, dm.measure.url), ROLE_LABELS[roles[id(dm)]]) for dm in by_role}
    leads = titles_by_document([dm for dm in by_role if roles[id(dm)] == "lead"], titles)
    # A theme's measures strongest role first: those of by_role (all of them, so ordered) in the
    # theme, which is the index's list for the theme in role_pages' order (the same order before sorting)
    in_theme: dict[str, list[DistinctMeasure]] = {}
    for dm in by_role:
        for theme in dm.themes:
            in_theme.setdefault(theme.slug, []).append(dm)
    by_theme = tuple(
        ThemeGroup(LinkView(theme.name, theme_url(theme.slug)), theme_anchor(district_slug, theme.slug),
                   counted([roles[id(dm)] for dm in measures]), titles_by_document(measures, titles),
                   LinkView(f"{district.name} · {theme.name}：各部门的全部措施", theme_district_url(theme.slug, district_slug)))
        for theme in index.themes
        if (measures := in_theme.get(theme.slug))
    )
    out = []
    for k, (url, chunk) in enumerate(chunks, start=1):
        groups = tuple(
            RoleGroup(ROLE_LABELS[role], role, tuple(measure_view(index, dm.measure) for dm in chosen))
            for role in STRENGTH_ORDER
            if (chosen := [dm for dm in chunk if roles[id(dm)] == role])
        )
        out.append(Page(url.page, "department_district.md.j2", DepartmentDistrictPage(
            LinkView(dept.name, department_url(slug)), district_link(index, district),
            total, counts, DISTINCT_MEASURE_DEFINITION, leads if k == 1 else (),
            by_theme if k == 1 else (), groups, k, pages, shows_readings(m for g in groups for m in g.measures),
            k == 1 and any(label_is_read(dm.measure.label) for dm in by_role), final_notes(index, (district,))),
            index.registry_origins[("departments.yaml", slug)]))
    return out


def parts(index: SiteIndex) -> int:
    """The pages come in parts that a build's two processes share out: one per department (its page
    and its department × district pages), then the index."""
    return len(index.departments) + 1


def pages(index: SiteIndex, part: int | None = None) -> list[Page]:
    """Every page of the kind, or those of one part (``parts``)."""
    if part is None:
        return [page for p in range(parts(index)) for page in pages(index, p)]
    rel = index.relations
    if part < len(index.departments):
        dept = index.departments[part].slug
        found = in_districts(index, dept)
        return [department_page(index, dept, found), *(page for x, here in found.items()
                                                       for page in department_district_pages(index, dept, x, here))]
    rows = [
        DepartmentRow(LinkView(d.name, department_url(d.slug)), d.kind.value,
                      sum(1 for x in index.districts if (d.slug, x.slug) in rel.distinct_by_department_district),
                      role_counts(index, rel.distinct_by_department.get(d.slug, ()), d.slug))
        for d in index.departments
    ]
    rows.sort(key=lambda r: (-r.total.total, r.department.url.page))
    kinds = Counter(d.kind.value for d in index.departments)
    return [Page("departments/index.md", "departments.md.j2",
                 DepartmentsPage(tuple(rows), tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
                                 DISTINCT_MEASURE_DEFINITION), hide=("navigation", "toc"))]
