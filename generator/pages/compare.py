"""Comparison pages: the districts × themes coverage matrix (table and heat map),
one page per pair of districts theme by theme, and peer groups by region."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from generator.index import SiteIndex, Url, metric_url, pair_url, relative, theme_url
from generator.pages.common import LinkView, MeasureView, Page, TargetView, district_link, measure_view, target_view
from generator.pages.theme import lead_departments
from generator.svg import HeatCell, heat_map


@dataclass(frozen=True)
class CoverageCell:
    count: int
    lead_count: int  # measures that name a lead or jointly responsible unit
    url: Url


@dataclass(frozen=True)
class CoverageRow:
    theme: LinkView
    cells: tuple[CoverageCell, ...]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells)


@dataclass(frozen=True)
class PeerGroup:
    region: str
    districts: tuple[LinkView, ...]
    pairs: tuple[LinkView, ...]


@dataclass(frozen=True)
class ComparePage:
    districts: tuple[LinkView, ...]
    totals: tuple[int, ...]
    grand_total: int
    rows: tuple[CoverageRow, ...]
    heat_svg: str
    pairs: tuple[LinkView, ...]
    groups: tuple[PeerGroup, ...]


@dataclass(frozen=True)
class PairSide:
    district: LinkView
    count: int
    leads: tuple[tuple[LinkView, int], ...]
    targets: tuple[TargetView, ...]
    measures: tuple[MeasureView, ...]


@dataclass(frozen=True)
class PairTheme:
    theme: LinkView
    anchor: str
    sides: tuple[PairSide, PairSide]
    shared_metrics: tuple[LinkView, ...]


@dataclass(frozen=True)
class PairPage:
    a: LinkView
    b: LinkView
    summary: tuple[tuple[LinkView, str, int, int], ...]  # theme, anchor, count a, count b
    themes: tuple[PairTheme, ...]
    only_a: tuple[LinkView, ...]
    only_b: tuple[LinkView, ...]


def coverage(index: SiteIndex) -> tuple[CoverageRow, ...]:
    rows = []
    for t in index.themes:
        cells = []
        for d in index.districts:
            mine = [m for m in index.measures_by_theme.get(t.slug, ()) if m.district.slug == d.slug]
            cells.append(CoverageCell(len(mine), sum(1 for m in mine if m.units_in("lead") or m.units_in("joint")),
                                      theme_url(t.slug).with_anchor(d.slug)))
        rows.append(CoverageRow(LinkView(t.name, theme_url(t.slug)), tuple(cells)))
    return tuple(rows)


def ordered_pairs(index: SiteIndex):
    return list(combinations([d.slug for d in index.districts], 2))


def compare_index(index: SiteIndex) -> Page:
    path = "compare/index.md"
    rows = coverage(index)
    districts = tuple(district_link(index, d) for d in index.districts)
    cells = [[HeatCell(c.count, relative(path, c.url) if c.count else "",
                       f"{r.theme.text} · {index.districts[j].name}：{c.count} 条") for j, c in enumerate(r.cells)]
             for r in rows]
    svg = heat_map([r.theme.text for r in rows], [d.name for d in index.districts], cells, "区县 × 主题 条目数热力图")
    pairs = tuple(LinkView(f"{index.district(a).name} 对比 {index.district(b).name}", pair_url(a, b))
                  for a, b in ordered_pairs(index))
    groups = []
    for region in dict.fromkeys(d.region.value for d in index.districts):
        members = [d for d in index.districts if d.region.value == region]
        slugs = {d.slug for d in members}
        groups.append(PeerGroup(region, tuple(district_link(index, d) for d in members),
                                tuple(p for p, (a, b) in zip(pairs, ordered_pairs(index)) if a in slugs and b in slugs)))
    totals = tuple(sum(len(doc.measures) for doc in index.documents_by_district.get(d.slug, ())) for d in index.districts)
    return Page(path, "compare.md.j2", ComparePage(districts, totals, len(index.measures), rows, svg, pairs, tuple(groups)))


def pair_page(index: SiteIndex, a: str, b: str) -> Page:
    da, db = index.district(a), index.district(b)
    themes, summary, only_a, only_b = [], [], [], []
    for t in index.themes:
        in_theme = index.measures_by_theme.get(t.slug, ())
        sides = []
        for d in (da, db):
            mine = tuple(m for m in in_theme if m.district.slug == d.slug)
            sides.append(PairSide(district_link(index, d), len(mine), lead_departments(index, mine)[:5],
                                  tuple(target_view(te) for m in mine for te in m.targets),
                                  tuple(measure_view(index, m) for m in mine)))
        link = LinkView(t.name, theme_url(t.slug))
        summary.append((link, t.slug, sides[0].count, sides[1].count))
        if not (sides[0].count or sides[1].count):
            continue
        if not sides[1].count:
            only_a.append(link)
        if not sides[0].count:
            only_b.append(link)
        shared = set({te.metric.slug for m in in_theme if m.district.slug == a for te in m.targets}
                        & {te.metric.slug for m in in_theme if m.district.slug == b for te in m.targets})
        shared_links = tuple(LinkView(m.name, metric_url(m.slug)) for m in index.metrics if m.slug in shared)
        themes.append(PairTheme(link, t.slug, (sides[0], sides[1]), shared_links))
    context = PairPage(district_link(index, da), district_link(index, db),
                       tuple(summary), tuple(themes), tuple(only_a), tuple(only_b))
    return Page(pair_url(a, b).page, "pair.md.j2", context)


def pages(index: SiteIndex) -> list[Page]:
    return [compare_index(index)] + [pair_page(index, a, b) for a, b in ordered_pairs(index)]
