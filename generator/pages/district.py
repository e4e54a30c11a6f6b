"""District pages: documents, counts, theme coverage, lead departments and targets;
plus the districts index grouped by region."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import SiteIndex, district_url, theme_district_url, theme_url
from generator.index import Url
from generator.opendata.links import DownloadLinks, download_links
from generator.pages.common import LinkView, Page, TargetView, district_link, peer_order, target_view
from generator.pages.document import CountView, DocumentSummary, counts, summary
from generator.pages.theme import lead_departments


@dataclass(frozen=True)
class ThemeCount:
    theme: LinkView  # links to this district's section of the theme comparison
    count: int


@dataclass(frozen=True)
class DistrictPage:
    name: str
    region: str
    documents: tuple[DocumentSummary, ...]
    has_draft: bool
    counts: tuple[CountView, ...]
    total: int
    themes: tuple[ThemeCount, ...]
    missing_themes: tuple[LinkView, ...]
    leads: tuple[tuple[LinkView, int], ...]
    targets: tuple[tuple[LinkView, TargetView], ...]  # measure, target
    peers: tuple[LinkView, ...]  # district-vs-district comparisons
    downloads: DownloadLinks  # the "下载本页数据" links


@dataclass(frozen=True)
class RegionGroup:
    region: str
    districts: tuple[tuple[LinkView, int, int], ...]  # district, documents, measures


@dataclass(frozen=True)
class DistrictsPage:
    groups: tuple[RegionGroup, ...]


def district_page(index: SiteIndex, slug: str) -> Page:
    district = index.district(slug)
    docs = index.documents_by_district.get(slug, ())
    measures = index.measures_by_district.get(slug, ())
    themes, missing = [], []
    for t in index.themes:
        n = len(index.measures_by_theme_district.get((t.slug, slug), ()))
        link = LinkView(t.name, theme_district_url(t.slug, slug) if n else theme_url(t.slug))
        (themes if n else missing).append(ThemeCount(link, n) if n else link)
    themes.sort(key=lambda tc: -tc.count)
    peers = tuple(LinkView(f"{district.name} 对比 {other.name}", Url("compare/index.md", query=f"d={slug},{other.slug}"))
                  for other in peer_order(index, district)[:3])
    context = DistrictPage(
        name=district.name,
        region=district.region.value,
        documents=tuple(summary(index, d) for d in docs),
        has_draft=any(d.is_draft for d in docs),
        counts=counts(measures),
        total=len(measures),
        themes=tuple(themes),
        missing_themes=tuple(missing),
        leads=lead_departments(measures)[:12],
        targets=tuple((LinkView(m.label, m.url), target_view(te)) for m in measures for te in m.targets),
        peers=peers,
        downloads=download_links(index, "districts", slug),
    )
    return Page(district_url(slug).page, "district.md.j2", context)


def pages(index: SiteIndex) -> list[Page]:
    out = [district_page(index, d.slug) for d in index.districts]
    groups = []
    for region in dict.fromkeys(d.region.value for d in index.districts):
        rows = []
        for d in index.districts:
            if d.region.value == region:
                docs = index.documents_by_district.get(d.slug, ())
                rows.append((district_link(index, d), len(docs), len(index.measures_by_district.get(d.slug, ()))))
        groups.append(RegionGroup(region, tuple(rows)))
    out.append(Page("districts/index.md", "districts.md.j2", DistrictsPage(tuple(groups))))
    return out
