"""Theme pages. The overview compares the districts on one theme in a table whose cells link to
one page per theme × district, which lists that district's targets and items on the theme: no
page lists every district's items, so page size does not grow with the number of districts."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import (
    DISTINCT_MEASURE_DEFINITION,
    DISTINCT_TARGET_DEFINITION,
    DistinctMeasure,
    SiteIndex,
    Url,
    department_district_url,
    metric_url,
    theme_district_url,
    theme_row_url,
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
    TargetView,
    distinct_target_view,
    district_link,
    final_notes,
    jump_line,
    measure_view,
    numberless_targets_text,
    pager,
    paginate,
    peer_order,
    shows_readings,
)
from generator.pages.department import theme_anchor


@dataclass(frozen=True, slots=True)
class DistrictRow:
    """One district's line in a theme overview."""

    district: LinkView
    anchor: str  # the district's slug: old links to a theme page's district section land here
    region: str
    items: LinkView | None  # the theme × district page with the count as text; None when there are none
    measure_count: int  # distinct measures (see DISTINCT_MEASURE_DEFINITION)
    share: str  # of the district's distinct measures, e.g. "12%"
    lead_departments: LeadList  # the LEADS_IN_ROW that lead most of these measures, and how many do
    target_count: int  # distinct targets whose metric belongs to the theme
    targets: LinkView | None  # that count, linked to the targets on the theme × district page; None when 0


@dataclass(frozen=True, slots=True)
class ThemePage:
    name: str
    description: str
    total: int  # distinct measures on the theme
    distinct_definition: str
    target_definition: str
    numberless: tuple[tuple[str, str], ...]  # districts with targets without a number of their own, and how many: (铜梁区, " 5 个为市级下达，…")
    districts_with: int
    rows: tuple[DistrictRow, ...]
    jump: JumpLine  # the rows' districts with their numbers of measures, linked to the rows
    districts_without: tuple[LinkView, ...]
    metrics: tuple[LinkView, ...]
    downloads: DownloadLinks  # the "下载本页数据" links
    finals: tuple[FinalNote, ...]  # the drafts its district names tag 定稿已印发, said in full once


@dataclass(frozen=True, slots=True)
class ThemeDistrictPage:
    """One district's items and targets on one theme."""

    theme: LinkView
    district: LinkView
    region: str
    description: str
    lead_departments: LeadList  # the LEADS_LISTED that lead most of its measures, and how many do
    targets: tuple[TargetView, ...]  # distinct targets whose metric belongs to this theme (on the first page)
    target_definition: str
    numberless: str  # how many of them have no number of the district's own (numberless_count_text); empty when none
    measure_count: int  # distinct measures
    distinct_definition: str
    measures: tuple[MeasureView, ...]  # the distinct measures on this page (a main-text measure shows its rows' units)
    readings: bool  # some of them or of the targets quote damaged print with a reading: the marks are explained once
    page_number: int
    pages: tuple[LinkView, ...]  # every page of a long list; empty when one page holds it
    peers: tuple[tuple[LinkView, int], ...]  # other districts' pages on this theme, same region first
    finals: tuple[FinalNote, ...]  # the district's drafts its name tags 定稿已印发, said in full once


@dataclass(frozen=True, slots=True)
class ThemeRow:
    theme: LinkView
    description: str
    district_count: int
    total: int  # distinct measures


@dataclass(frozen=True, slots=True)
class ThemesPage:
    rows: tuple[ThemeRow, ...]
    district_count: int
    distinct_definition: str


@dataclass(frozen=True, slots=True)
class LeadCount:
    """A department among those that lead a list of measures, each measure counted once at the
    department's strongest role in it: so many it leads (牵头), so many it shares out (分工负责)."""

    department: LinkView  # its department × district page
    lead: int
    joint: int

    @property
    def roles(self) -> str:
        """牵头 16、分工负责 11 (a role with none left out)."""
        return "、".join(f"{ROLE_LABELS[role]} {n}" for role, n in (("lead", self.lead), ("joint", self.joint)) if n)


@dataclass(frozen=True, slots=True)
class LeadList:
    """The first departments of a ranked list of leading departments, and how many the list has:
    a page that shows fewer than all says so (…等 9 个部门)."""

    shown: tuple[LeadCount, ...]
    total: int  # every department that leads or shares out any of the measures

    @property
    def more(self) -> int:
        """How many are left out (0 when the list is whole)."""
        return self.total - len(self.shown)

    def first(self, n: int) -> LeadList:
        return LeadList(self.shown[:n], self.total)


def lead_departments(index: SiteIndex, measures: tuple[DistinctMeasure, ...], district_slug: str,
                     top: int, theme_slug: str | None = None) -> LeadList:
    """The ``top`` departments that lead (or share out) these measures of one district (its own
    units and those of the table rows that carry a measure out), most measures first, then by slug;
    each linked to its department × district page, at the list of the theme's measures when the
    measures are those of ``theme_slug``; with the number of all such departments."""
    role_of = index.relations.distinct_role_of
    counts: dict[str, list[int]] = {}
    names = {}
    for dm in measures:
        for dept in dm.departments(("lead", "joint")):
            names[dept.slug] = dept.name
            lead_and_joint = counts.setdefault(dept.slug, [0, 0])
            lead_and_joint[0 if role_of[(dm.key, dept.slug)] == "lead" else 1] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    def url(dept: str) -> Url:
        page = department_district_url(dept, district_slug)
        return page if theme_slug is None else page.with_anchor(theme_anchor(district_slug, theme_slug))

    return LeadList(tuple(LeadCount(LinkView(names[s], url(s)), lead, joint) for s, (lead, joint) in ranked[:top]),
                    len(ranked))


LEADS_LISTED = 8  # departments listed on a theme × district page; its row on the theme page shows the first LEADS_IN_ROW
LEADS_IN_ROW = 3


def theme_leads(index: SiteIndex, theme_slug: str) -> dict[str, LeadList]:
    """For each district with measures on the theme, the LEADS_LISTED departments that lead most of
    them: found once for the theme page and the theme × district pages."""
    cells = index.relations.distinct_by_district_theme
    return {d.slug: lead_departments(index, cells[(d.slug, theme_slug)], d.slug, LEADS_LISTED, theme_slug)
            for d in index.districts if (d.slug, theme_slug) in cells}


def theme_district_pages(index: SiteIndex, theme_slug: str, district_slug: str,
                         leads: LeadList | None = None) -> list[Page]:
    """The district's items and targets on the theme; ``leads``: its entry of theme_leads (found when not given)."""
    theme, district = index.theme_by_slug[theme_slug], index.district(district_slug)
    rel = index.relations
    mine = rel.distinct_by_district_theme[(district_slug, theme_slug)]
    if leads is None:
        leads = lead_departments(index, mine, district_slug, LEADS_LISTED, theme_slug)
    peers = tuple(
        (LinkView(other.name, theme_district_url(theme_slug, other.slug)),
         len(rel.distinct_by_district_theme[(other.slug, theme_slug)]))
        for other in peer_order(index, district) if (other.slug, theme_slug) in rel.distinct_by_district_theme
    )
    chunks = paginate(mine, theme_district_url(theme_slug, district_slug))
    targets = tuple(distinct_target_view(index, dt) for dt in rel.targets_by_district_theme.get((district_slug, theme_slug), ()))
    return [Page(url.page, "theme_district.md.j2", ThemeDistrictPage(
        theme=LinkView(theme.name, theme_url(theme_slug)),
        district=district_link(index, district),
        region=district.region.value,
        description=theme.description,
        lead_departments=leads,
        targets=targets if k == 1 else (),
        target_definition=DISTINCT_TARGET_DEFINITION,
        numberless=numberless_targets_text(rel.numberless_by_district_theme.get((district_slug, theme_slug), ())),
        measure_count=len(mine),
        distinct_definition=DISTINCT_MEASURE_DEFINITION,
        measures=tuple(measure_view(index, dm.measure) for dm in chunk),
        readings=shows_readings((measure_view(index, dm.measure) for dm in chunk), [t.clause for t in targets] if k == 1 else ()),
        page_number=k,
        pages=pager(chunks),
        peers=peers,
        finals=final_notes(index, (district,)),
    ), index.registry_origins[("themes.yaml", theme_slug)]) for k, (url, chunk) in enumerate(chunks, start=1)]


def theme_page(index: SiteIndex, slug: str, leads: dict[str, LeadList] | None = None) -> Page:
    """The theme's overview; ``leads``: theme_leads (found when not given)."""
    theme = index.theme_by_slug[slug]
    rel = index.relations
    leads = theme_leads(index, slug) if leads is None else leads
    rows, without, listed = [], [], []
    for district in index.districts:
        mine = rel.distinct_by_district_theme.get((district.slug, slug), ())
        if not mine:
            without.append(district_link(index, district))
            continue
        target_count = len(rel.targets_by_district_theme.get((district.slug, slug), ()))
        listed.append((district, len(mine)))
        rows.append(DistrictRow(
            district=district_link(index, district),
            anchor=theme_row_url(slug, district.slug).anchor,
            region=district.region.value,
            items=LinkView(f"{len(mine)} 项", theme_district_url(slug, district.slug)),
            measure_count=len(mine),
            share=f"{rel.theme_share(district.slug, slug):.0%}",
            lead_departments=leads[district.slug].first(LEADS_IN_ROW),
            target_count=target_count,
            targets=(LinkView(str(target_count), theme_district_url(slug, district.slug).with_anchor("targets"))
                     if target_count else None),
        ))
    metrics = tuple(LinkView(m.name, metric_url(m.slug))
                    for m in index.metrics if slug in m.themes and m.slug in index.targets_by_metric)
    numberless = tuple((d.name, numberless_targets_text(bare, lead=""))
                       for d in index.districts if (bare := rel.numberless_by_district_theme.get((d.slug, slug), ())))
    context = ThemePage(theme.name, theme.description, len(rel.distinct_by_theme.get(slug, ())),
                        DISTINCT_MEASURE_DEFINITION, DISTINCT_TARGET_DEFINITION, numberless,
                        len(rows), tuple(rows), jump_line("措施", listed, lambda district: theme_row_url(slug, district)),
                        tuple(without), metrics,
                        download_links(index, "themes", slug), final_notes(index, index.districts))
    # the district table takes the page's width: no section list beside it, no contents (no headings)
    return Page(theme_url(slug).page, "theme.md.j2", context, index.registry_origins[("themes.yaml", slug)],
                hide=("navigation", "toc"))


def parts(index: SiteIndex) -> int:
    """The pages come in parts that a build's two processes share out: one per theme (its page and
    its theme × district pages), then the index."""
    return len(index.themes) + 1


def pages(index: SiteIndex, part: int | None = None) -> list[Page]:
    """Every page of the kind, or those of one part (``parts``)."""
    if part is None:
        return [page for p in range(parts(index)) for page in pages(index, p)]
    cells = index.relations.distinct_by_district_theme
    if part < len(index.themes):
        theme = index.themes[part].slug
        leads = theme_leads(index, theme)
        return [theme_page(index, theme, leads), *(page for x in index.districts if (x.slug, theme) in cells
                                                   for page in theme_district_pages(index, theme, x.slug, leads[x.slug]))]
    rows = tuple(
        ThemeRow(LinkView(t.name, theme_url(t.slug)), t.description,
                 sum(1 for d in index.districts if (d.slug, t.slug) in cells),
                 len(index.relations.distinct_by_theme.get(t.slug, ())))
        for t in index.themes
    )
    return [Page("themes/index.md", "themes.md.j2", ThemesPage(rows, len(index.districts), DISTINCT_MEASURE_DEFINITION),
                 hide=("navigation", "toc"))]
