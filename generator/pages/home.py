"""The home page: what the site is, headline numbers, one row per district, how to search.

It lists districts, not documents: the documents index (one heading per district) lists those,
so the home page grows with the number of districts only."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import (
    DISTINCT_MEASURE_DEFINITION,
    DISTINCT_TARGET_DEFINITION,
    SiteIndex,
    district_targets_url,
    district_url,
    documents_index_url,
)
from generator.pages.common import (
    FinalNote,
    LinkView,
    NumberlessSummary,
    Page,
    district_link,
    final_notes,
    numberless_summary,
)


@dataclass(frozen=True, slots=True)
class DistrictRow:
    district: LinkView
    region: str
    documents: LinkView  # how many documents, linked to the district's list on the documents index
    distinct_measures: int  # main-text measures with their rows counted once, plus unlinked rows
    items: int  # every item, table rows included
    distinct_targets: int  # every target year together, undated targets included
    common_year_targets: LinkView | None  # those of the common target year, linked to where its page lists them; None without a common year


@dataclass(frozen=True, slots=True)
class HomePage:
    district_count: int
    document_count: int
    distinct_measure_count: int  # see DISTINCT_MEASURE_DEFINITION
    distinct_measure_definition: str
    item_count: int  # every recorded item: measures, goals, safeguards and every table row
    unit_count: int  # printed units resolved to canonical departments
    department_count: int  # canonical departments that carry at least one measure
    distinct_target_count: int  # see DISTINCT_TARGET_DEFINITION
    distinct_target_definition: str
    target_statement_count: int  # every printed target, repeats included
    common_year: int | None  # the target year most targets share (Relations.common_target_year)
    common_year_target_count: int  # distinct targets of that year
    undated_target_count: int  # distinct targets whose source states no year
    numberless: NumberlessSummary  # the distinct targets (counted above) without a number of the district's own
    metric_count: int  # metrics with at least one target
    districts: tuple[DistrictRow, ...]
    # the table of districts comes after 怎么用, a screen and a half down on a phone: this line of
    # their names is the first screen's way into a district
    district_links: tuple[LinkView, ...]  # each district by its name, linked to its page
    finals: tuple[FinalNote, ...]  # the drafts its rows tag 定稿已印发, said in full once


def pages(index: SiteIndex) -> list[Page]:
    rel = index.relations
    districts = tuple(
        DistrictRow(district_link(index, d), d.region.value,
                    LinkView(f"{len(index.documents_by_district.get(d.slug, ()))} 份", documents_index_url(d.slug)),
                    len(rel.distinct_by_district.get(d.slug, ())),
                    len(index.measures_by_district.get(d.slug, ())),
                    len(rel.targets_by_district.get(d.slug, ())),
                    LinkView(str(len(rel.targets_in_common_year(d.slug))), district_targets_url(d.slug, rel.common_target_year))
                    if rel.common_target_year is not None else None)
        for d in index.districts
    )
    context = HomePage(
        finals=final_notes(index, index.districts, listed=True),
        district_count=len(index.districts),
        document_count=len(index.documents),
        distinct_measure_count=len(rel.distinct),
        distinct_measure_definition=DISTINCT_MEASURE_DEFINITION,
        item_count=len(index.measures),
        unit_count=sum(len(m.units) for m in index.measures),
        department_count=len(rel.distinct_by_department),
        distinct_target_count=len(rel.targets),
        distinct_target_definition=DISTINCT_TARGET_DEFINITION,
        target_statement_count=sum(len(m.targets) for m in index.measures),
        common_year=rel.common_target_year,
        common_year_target_count=len(rel.targets_by_year.get(rel.common_target_year, ())) if rel.common_target_year else 0,
        undated_target_count=len(rel.targets_by_year.get(None, ())),
        numberless=numberless_summary(index),
        metric_count=len(index.targets_by_metric),
        districts=districts,
        district_links=tuple(LinkView(d.name, district_url(d.slug)) for d in index.districts),
    )
    return [Page("index.md", "home.md.j2", context, hide=("navigation",))]
