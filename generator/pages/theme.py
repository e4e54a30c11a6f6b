"""Theme pages as comparisons: the districts side by side on one theme; plus the theme index."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.index import MeasureEntry, SiteIndex, department_url, metric_url, theme_url
from generator.opendata.links import DownloadLinks, download_links
from generator.pages.common import LinkView, MeasureView, Page, TargetView, district_link, measure_view, target_view


@dataclass(frozen=True)
class DistrictColumn:
    """One district's measures on a theme."""

    district: LinkView
    anchor: str
    measure_count: int
    lead_departments: tuple[tuple[LinkView, int], ...]  # department and how many of these measures it leads
    targets: tuple[TargetView, ...]
    measures: tuple[MeasureView, ...]


@dataclass(frozen=True)
class ThemePage:
    name: str
    description: str
    total: int
    districts_with: int
    columns: tuple[DistrictColumn, ...]
    metrics: tuple[LinkView, ...]
    downloads: DownloadLinks


@dataclass(frozen=True)
class ThemeRow:
    theme: LinkView
    description: str
    per_district: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class ThemesPage:
    districts: tuple[LinkView, ...]
    rows: tuple[ThemeRow, ...]


def lead_departments(index: SiteIndex, measures: tuple[MeasureEntry, ...]) -> tuple[tuple[LinkView, int], ...]:
    """Departments that lead (or share) these measures, most first, then by name."""
    counter: Counter = Counter()
    names = {}
    for m in measures:
        for slug in dict.fromkeys(u.department.slug for u in m.units if u.role in ("lead", "joint")):
            counter[slug] += 1
            names[slug] = next(u.department.name for u in m.units if u.department.slug == slug)
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple((LinkView(names[s], department_url(s)), n) for s, n in ranked)


def theme_page(index: SiteIndex, slug: str) -> Page:
    theme = next(t for t in index.themes if t.slug == slug)
    measures = index.measures_by_theme.get(slug, ())
    columns = []
    for district in index.districts:
        mine = tuple(m for m in measures if m.district.slug == district.slug)
        columns.append(DistrictColumn(
            district=district_link(index, district),
            anchor=district.slug,
            measure_count=len(mine),
            lead_departments=lead_departments(index, mine),
            targets=tuple(target_view(te) for m in mine for te in m.targets),
            measures=tuple(measure_view(index, m) for m in mine),
        ))
    metrics = tuple(LinkView(m.name, metric_url(m.slug))
                    for m in index.metrics if slug in m.themes and m.slug in index.targets_by_metric)
    context = ThemePage(theme.name, theme.description, len(measures),
                        sum(1 for c in columns if c.measure_count), tuple(columns), metrics,
                        download_links(index, "themes", slug))
    return Page(theme_url(slug).page, "theme.md.j2", context)


def pages(index: SiteIndex) -> list[Page]:
    out = [theme_page(index, t.slug) for t in index.themes]
    rows = tuple(
        ThemeRow(LinkView(t.name, theme_url(t.slug)), t.description,
                 tuple(sum(1 for m in index.measures_by_theme.get(t.slug, ()) if m.district.slug == d.slug)
                       for d in index.districts),
                 len(index.measures_by_theme.get(t.slug, ())))
        for t in index.themes
    )
    districts = tuple(district_link(index, d) for d in index.districts)
    out.append(Page("themes/index.md", "themes.md.j2", ThemesPage(districts, rows)))
    return out
