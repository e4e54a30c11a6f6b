"""The home page: what the site is, the districts and documents, headline numbers, how to search."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import SiteIndex
from generator.pages.common import LinkView, Page, district_link
from generator.pages.document import DocumentSummary, summary


@dataclass(frozen=True)
class HomePage:
    district_count: int
    document_count: int
    measure_count: int
    unit_count: int  # printed units resolved to canonical departments
    department_count: int  # canonical departments that carry at least one measure
    target_count: int
    metric_count: int  # metrics with at least one target
    districts: tuple[tuple[LinkView, str, int], ...]  # district, region, measures
    documents: tuple[DocumentSummary, ...]


def pages(index: SiteIndex) -> list[Page]:
    districts = tuple(
        (district_link(index, d), d.region.value,
         len(index.measures_by_district.get(d.slug, ())))
        for d in index.districts
    )
    context = HomePage(
        district_count=len(index.districts),
        document_count=len(index.documents),
        measure_count=len(index.measures),
        unit_count=sum(len(m.units) for m in index.measures),
        department_count=len(index.measures_by_department),
        target_count=sum(len(m.targets) for m in index.measures),
        metric_count=len(index.targets_by_metric),
        districts=districts,
        documents=tuple(summary(index, d) for d in index.documents),
    )
    return [Page("index.md", "home.md.j2", context)]
