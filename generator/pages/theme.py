"""Theme pages. The overview compares the districts on one theme in a table whose cells link to
one page per theme × district, which lists that district's targets and items on the theme: no
page lists every district's items, so page size does not grow with the number of districts."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.index import MeasureEntry, SiteIndex, department_url, metric_url, theme_district_url, theme_url
from generator.opendata.links import DownloadLinks, download_links
from generator.pages.common import (
    LinkView,
    MeasureView,
    Page,
    TargetView,
    district_link,
    measure_view,
    pager,
    paginate,
    peer_order,
    target_view,
)


@dataclass(frozen=True)
class DistrictRow:
    """One district's line in a theme overview."""

    district: LinkView
    anchor: str  # the district's slug: old links to a theme page's district section land here
    region: str
    items: LinkView | None  # the theme × district page with the count as text; None when there are none
    measure_count: int
    lead_departments: tuple[tuple[LinkView, int], ...]  # the three that lead most of these items
    target_count: int


@dataclass(frozen=True)
class ThemePage:
    name: str
    description: str
    total: int
    districts_with: int
    rows: tuple[DistrictRow, ...]
    districts_without: tuple[LinkView, ...]
    metrics: tuple[LinkView, ...]
    downloads: DownloadLinks  # the "下载本页数据" links


@dataclass(frozen=True)
class ThemeDistrictPage:
    """One district's items and targets on one theme."""

    theme: LinkView
    district: LinkView
    region: str
    description: str
    lead_departments: tuple[tuple[LinkView, int], ...]
    targets: tuple[TargetView, ...]  # targets whose metric belongs to this theme (on the first page)
    measure_count: int
    measures: tuple[MeasureView, ...]  # the items on this page
    page_number: int
    pages: tuple[LinkView, ...]  # every page of a long list; empty when one page holds it
    peers: tuple[tuple[LinkView, int], ...]  # other districts' pages on this theme, same region first


@dataclass(frozen=True)
class ThemeRow:
    theme: LinkView
    description: str
    district_count: int
    total: int


@dataclass(frozen=True)
class ThemesPage:
    rows: tuple[ThemeRow, ...]
    district_count: int


def lead_departments(measures: tuple[MeasureEntry, ...]) -> tuple[tuple[LinkView, int], ...]:
    """Departments that lead (or share) these measures, most first, then by slug."""
    counter: Counter = Counter()
    names = {}
    for m in measures:
        for unit in m.units:
            if unit.role in ("lead", "joint"):
                names[unit.department.slug] = unit.department.name
        for slug in dict.fromkeys(u.department.slug for u in m.units if u.role in ("lead", "joint")):
            counter[slug] += 1
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple((LinkView(names[s], department_url(s)), n) for s, n in ranked)


def theme_district_pages(index: SiteIndex, theme_slug: str, district_slug: str) -> list[Page]:
    theme, district = index.theme_by_slug[theme_slug], index.district(district_slug)
    mine = index.measures_by_theme_district[(theme_slug, district_slug)]
    peers = tuple(
        (LinkView(other.name, theme_district_url(theme_slug, other.slug)),
         len(index.measures_by_theme_district[(theme_slug, other.slug)]))
        for other in peer_order(index, district) if (theme_slug, other.slug) in index.measures_by_theme_district
    )
    chunks = paginate(mine, theme_district_url(theme_slug, district_slug))
    targets = tuple(target_view(te) for te in index.targets_by_theme_district.get((theme_slug, district_slug), ()))
    return [Page(url.page, "theme_district.md.j2", ThemeDistrictPage(
        theme=LinkView(theme.name, theme_url(theme_slug)),
        district=district_link(index, district),
        region=district.region.value,
        description=theme.description,
        lead_departments=lead_departments(mine)[:8],
        targets=targets if k == 1 else (),
        measure_count=len(mine),
        measures=tuple(measure_view(index, m) for m in chunk),
        page_number=k,
        pages=pager(chunks),
        peers=peers,
    ), index.registry_origins[("themes.yaml", theme_slug)]) for k, (url, chunk) in enumerate(chunks, start=1)]


def theme_page(index: SiteIndex, slug: str) -> Page:
    theme = index.theme_by_slug[slug]
    rows, without = [], []
    for district in index.districts:
        mine = index.measures_by_theme_district.get((slug, district.slug), ())
        if not mine:
            without.append(district_link(index, district))
            continue
        rows.append(DistrictRow(
            district=district_link(index, district),
            anchor=district.slug,
            region=district.region.value,
            items=LinkView(f"{len(mine)} 条", theme_district_url(slug, district.slug)),
            measure_count=len(mine),
            lead_departments=lead_departments(mine)[:3],
            target_count=len(index.targets_by_theme_district.get((slug, district.slug), ())),
        ))
    metrics = tuple(LinkView(m.name, metric_url(m.slug))
                    for m in index.metrics if slug in m.themes and m.slug in index.targets_by_metric)
    context = ThemePage(theme.name, theme.description, len(index.measures_by_theme.get(slug, ())),
                        len(rows), tuple(rows), tuple(without), metrics,
                        download_links(index, "themes", slug))
    return Page(theme_url(slug).page, "theme.md.j2", context, index.registry_origins[("themes.yaml", slug)])


def pages(index: SiteIndex) -> list[Page]:
    out = [theme_page(index, t.slug) for t in index.themes]
    out += [page for theme, district in index.measures_by_theme_district
            for page in theme_district_pages(index, theme, district)]
    rows = tuple(
        ThemeRow(LinkView(t.name, theme_url(t.slug)), t.description,
                 sum(1 for d in index.districts if (t.slug, d.slug) in index.measures_by_theme_district),
                 len(index.measures_by_theme.get(t.slug, ())))
        for t in index.themes
    )
    out.append(Page("themes/index.md", "themes.md.j2", ThemesPage(rows, len(index.districts))))
    return out
