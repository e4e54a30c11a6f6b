"""District pages: documents, distinct-measure counts, theme coverage, lead departments, targets and
可借鉴措施 (what other districts do that this one does not); plus the districts index grouped by region,
and one JSON download of the 可借鉴措施 per district."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from generator.index import (
    BORROW_LIMIT,
    COMPARE_MOST,
    DISTINCT_MEASURE_DEFINITION,
    DISTINCT_TARGET_DEFINITION,
    Borrowable,
    BorrowTheme,
    DistinctMeasure,
    DistinctTarget,
    MeasureEntry,
    SiteIndex,
    Url,
    compare_url,
    district_url,
    label_is_read,
    metric_row_url,
    metric_url,
    own_title,
    spread_by_district,
    target_year_anchor,
    theme_district_url,
    theme_url,
)
from generator.model import UNDIVIDED_NOTE, District, reading
from generator.opendata.links import DownloadLinks, download_links
from generator.pages.common import (
    NEAR_SAID,
    NO_YEAR,
    FinalNote,
    LinkView,
    Page,
    distinct_value_text,
    district_link,
    document_reference,
    doubt_note,
    final_notes,
    measure_citation,
    measure_link,
    measure_place,
    numberless_targets_text,
    peer_order,
    period_text,
)
from generator.pages.document import CountView, DocumentSummary, counts, summary
from generator.pages.metric import setters_numberless_text
from generator.pages.theme import LeadList, lead_departments

LEADS_ON_DISTRICT = 12  # leading departments listed on a district page
BORROW_EXAMPLES = 3  # examples per theme or metric on the page; the download holds BORROW_LIMIT
# metrics shown with examples in the 可借鉴措施 table; the others are named in one line below it, so
# that the table stays a screen or two however many metrics the other districts set
BORROW_METRIC_ROWS = 10
# a theme's count opens the compare view with the district beside the districts with most of its
# measures to borrow: as many as the view shows beside it
BORROW_BESIDE = COMPARE_MOST - 1
BORROW_MORE_NAMED = 2  # of the districts left out of that view, the first named after it


def borrow_file(slug: str) -> str:
    """The 可借鉴措施 download of a district."""
    return f"data/borrowable/{slug}.json"


@dataclass(frozen=True, slots=True)
class ThemeCount:
    theme: LinkView  # links to this district's measures on the theme
    count: int  # distinct measures
    share: str  # share of the district's distinct measures, e.g. "12%"


@dataclass(frozen=True, slots=True)
class TargetLine:
    """One distinct target with every place it is stated."""

    metric: LinkView  # to this district's row of the metric page, beside every other district's targets
    value_text: str
    period_text: str
    nature: str
    sources: tuple[LinkView, ...]
    doubt: str  # why the editors doubt its reading (doubt_note), given beside the value after 存疑; empty when not doubted


@dataclass(frozen=True, slots=True)
class TargetYearGroup:
    """A district's targets of one target year, under a heading of their own (the home page and the
    metrics index link to the common year's)."""

    heading: str  # 到2025年, 未写明年份
    anchor: str  # index.target_year_anchor
    targets: tuple[TargetLine, ...]


@dataclass(frozen=True, slots=True)
class BorrowExample:
    item: LinkView  # the measure (or the measure that states the target)
    district: str
    same_region: bool
    value: str  # for a target: "≥70%（到2025年）"; "" for a measure
    draft: str  # from a consultation draft, not an issued policy: Draft.tag (征求意见稿·定稿已印发); else empty
    doubt: str = ""  # a target the editors doubt: why (doubt_note), given after 存疑; else empty
    # a measure: the district's own measure the site shows as similar to it, though not close enough to
    # count as having it (SiteIndex.near_measure), named under it; else None
    near: LinkView | None = None


@dataclass(frozen=True, slots=True)
class BorrowCompare:
    """Where a theme's count of measures to borrow leads: the compare view, the district first beside
    the BORROW_BESIDE districts with most of them, on the theme, filtered to the measures it lacks
    (只看…没有相似措施的); and what that view leaves out."""

    url: Url
    label: str  # 并排查看：江津区 5 项、铜梁区 2 项 (最多的 3 个区县 where there are more)
    more: str  # 另有 5 个区县共 8 项（荣昌区 3 项、大足区 2 项等），可在对比页换入; empty when the view shows them all


@dataclass(frozen=True, slots=True)
class BorrowGroup:
    """Other districts' measures on a theme, or targets for a metric, that this district lacks."""

    subject: LinkView  # the theme or metric page
    count: int  # measures or targets in all
    district_count: int
    peer_count: int  # of which in districts of the same 片区
    examples: tuple[BorrowExample, ...]
    compare: BorrowCompare | None = None  # a theme's: the compare view listing every one of them, a few districts at a time
    numberless: str = ""  # a metric's: those districts without a number of their own (setters_numberless_text): ；铜梁区为市级下达


@dataclass(frozen=True, slots=True)
class DistrictPage:
    name: str
    slug: str
    region: str
    documents: tuple[DocumentSummary, ...]
    has_draft: bool
    finals: tuple[FinalNote, ...]  # its own drafts whose final version was issued, said in the draft warning
    counts: tuple[CountView, ...]
    total: int  # every item, table rows included
    distinct_total: int
    distinct_definition: str
    themes: tuple[ThemeCount, ...]
    missing_themes: tuple[LinkView, ...]
    roles_note: str  # model.UNDIVIDED_NOTE when its documents do not divide 牵头 from 配合; else ""
    leads: LeadList  # the LEADS_ON_DISTRICT departments that lead most of its measures, and how many do
    targets: tuple[TargetLine, ...]  # every distinct target, in the order of target_groups
    target_groups: tuple[TargetYearGroup, ...]  # by target year: the common year first, then latest first, the undated last
    common_year: int | None  # the target year most targets of the site share (Relations.common_target_year)
    target_statements: int
    target_definition: str
    numberless: str  # how many of its targets have no number of its own (numberless_count_text); empty when none
    targets_read: bool  # some source of a target is named by our reading of damaged print (〔识读〕): said above the table
    borrow_themes: tuple[BorrowGroup, ...]
    borrow_themes_read: bool  # likewise some example of another district's measure, or the district's own it names (near)
    near_said: str  # after an example's note naming the district's similar measure: why it is listed all the same (NEAR_SAID)
    borrow_metric_count: int  # metrics other districts set targets for and this one does not
    borrow_metrics: tuple[BorrowGroup, ...]  # the first BORROW_METRIC_ROWS, most shared by peers first
    borrow_metrics_more: tuple[LinkView, ...]  # the other metrics, named and linked only
    borrow_finals: tuple[FinalNote, ...]  # the examples' drafts tagged 定稿已印发, said in full once
    borrow_file: str
    borrow_limit: int  # measures per theme in the download (BORROW_LIMIT)
    borrow_beside: int  # districts beside this one in the compare view a theme's count opens (BORROW_BESIDE)
    peers: tuple[LinkView, ...]  # the compare view: this district beside its region's first three (when two or more), then beside each of three peers
    downloads: DownloadLinks  # the "下载本页数据" links


@dataclass(frozen=True, slots=True)
class RegionGroup:
    region: str
    districts: tuple[tuple[LinkView, int, int], ...]  # district, documents, distinct measures


@dataclass(frozen=True, slots=True)
class DistrictsPage:
    groups: tuple[RegionGroup, ...]
    finals: tuple[FinalNote, ...]  # the drafts its names tag 定稿已印发, said in full once


def target_line(index: SiteIndex, dt: DistinctTarget, named: bool) -> TargetLine:
    """One row of a district page's targets; ``named``: each source names its document (the district has several)."""
    t = dt.first.target
    return TargetLine(
        metric=LinkView(dt.metric.name, metric_row_url(dt.metric.slug, dt.district.slug)),
        value_text=distinct_value_text(dt),
        period_text=period_text(t),
        nature=t.nature or "",
        sources=tuple(LinkView(target_source(index.measure(te.measure_key), named), te.measure_url) for te in dt.statements),
        doubt=doubt_note(dt),
    )


def target_source(me: MeasureEntry, named: bool) -> str:
    """Where a district page's target is printed, by the numbers a memo cites it by, then the item's
    title when it has one (a paragraph without one was named by the start of its text, which need
    not hold the target): 一、（二） 行动目标; ``named``: after its document (document_reference,
    short), 江津府办发〔2022〕57号 一、（二） 行动目标."""
    place = measure_citation(me, document_reference(me.document.document, short=True)) if named else measure_place(me)
    title = me.label.removeprefix(me.measure.number).strip() if own_title(me.measure) else ""
    return " ".join(part for part in (place, title) if part) or me.label


def example_link(me: MeasureEntry) -> LinkView:
    """A measure named for a reader who has not seen its document: a key project by its words, since
    its printed 项目名称 is only the project type (能源基础设施建设)."""
    if me.measure.project is None:
        return measure_link(me)
    text = reading(me.measure.text)
    return LinkView(f"重点项目 {me.measure.number}：" + (text if len(text) <= 30 else text[:30] + "…"), me.url)


def borrow_compare(b: Borrowable, bt: BorrowTheme) -> BorrowCompare:
    """The compare view that lists every measure of the theme the district lacks from the districts
    with most of them (BorrowTheme.by_district), and what it leaves out."""
    beside, rest = bt.by_district[:BORROW_BESIDE], bt.by_district[BORROW_BESIDE:]

    def counted(pairs: Iterable[tuple[District, int]]) -> str:
        return "、".join(f"{d.name} {n} 项" for d, n in pairs)

    more = ""
    if rest:
        named = counted(rest[:BORROW_MORE_NAMED]) + ("等" if len(rest) > BORROW_MORE_NAMED else "")
        more = f"另有 {len(rest)} 个区县共 {sum(n for _, n in rest)} 项（{named}），可在对比页换入"
    return BorrowCompare(compare_url([b.district.slug, *(d.slug for d, _ in beside)], theme=bt.theme.slug, gaps=True),
                         f"并排查看{f'最多的 {len(beside)} 个区县' if rest else ''}：{counted(beside)} →", more)


def near_link(index: SiteIndex, slug: str, dm: DistinctMeasure) -> LinkView | None:
    """The district's measure shown as similar to ``dm``, a measure it lacks (SiteIndex.near_measure), or None."""
    near = index.near_measure(slug, dm)
    return None if near is None else measure_link(near.measure)


def _groups(index: SiteIndex, b: Borrowable) -> tuple[tuple[BorrowGroup, ...], tuple[BorrowGroup, ...]]:
    region, slug = b.district.region, b.district.slug
    themes = tuple(
        BorrowGroup(
            LinkView(bt.theme.name, theme_url(bt.theme.slug)), bt.count, bt.district_count, bt.peer_count,
            tuple(BorrowExample(example_link(dm.measure), dm.district.name, dm.district.region == region, "",
                                draft.tag if (draft := dm.measure.document.draft) else "", near=near_link(index, slug, dm))
                  for dm in spread_by_district(bt.examples, BORROW_EXAMPLES, lambda dm: dm.district.slug)),
            borrow_compare(b, bt))
        for bt in b.by_theme)
    metrics = tuple(
        BorrowGroup(
            LinkView(bm.metric.name, metric_url(bm.metric.slug)), len(bm.targets), bm.district_count, bm.peer_count,
            tuple(BorrowExample(LinkView(dt.first.measure_label, dt.first.measure_url), dt.district.name,
                                dt.district.region == region,
                                f"{distinct_value_text(dt)}（{period_text(dt.first.target)}）",
                                dt.first.draft.tag if dt.first.draft else "", doubt_note(dt))
                  for dt in spread_by_district(bm.targets, BORROW_EXAMPLES, lambda dt: dt.district.slug)),
            # every district that sets it is another: the district sets no target for it
            numberless=setters_numberless_text(index.relations.setters_by_metric[bm.metric.slug]))
        for bm in b.by_metric)
    return themes, metrics


def compare_links(index: SiteIndex, district: District) -> tuple[LinkView, ...]:
    """The compare view preset for this district: first beside as many districts of its region as the
    view takes beside it (the peer group an official compares with, when there are two or more), then
    beside each of the first three peers."""
    others = peer_order(index, district)
    region = [d for d in others if d.region == district.region][:COMPARE_MOST - 1]
    group: tuple[LinkView, ...] = ()
    if len(region) >= 2:
        group = (LinkView(f"{district.name} 与同片区的 {'、'.join(d.name for d in region)} 并排对比",
                          compare_url(d.slug for d in [district, *region])),)
    return group + tuple(LinkView(f"{district.name} 对比 {other.name}", compare_url([district.slug, other.slug])) for other in others[:3])


def district_page(index: SiteIndex, slug: str) -> Page:
    district = index.district(slug)
    rel = index.relations
    docs = index.documents_by_district.get(slug, ())
    measures = index.measures_by_district.get(slug, ())
    distinct_total = len(rel.distinct_by_district.get(slug, ()))
    themes: list[ThemeCount] = []
    missing: list[LinkView] = []
    for t in index.themes:
        n = len(rel.distinct_by_district_theme.get((slug, t.slug), ()))
        if n:
            themes.append(ThemeCount(LinkView(t.name, theme_district_url(t.slug, slug)), n,
                                     f"{rel.theme_share(slug, t.slug):.0%}"))
        else:
            missing.append(LinkView(t.name, theme_url(t.slug)))
    themes.sort(key=lambda tc: -tc.count)
    peers = compare_links(index, district)
    borrow_themes, borrow_metrics = _groups(index, index.borrowable[slug])
    shown = borrow_themes + borrow_metrics[:BORROW_METRIC_ROWS]
    tagged = {e.district for g in shown for e in g.examples if e.draft}
    named = len(index.documents_by_district.get(slug, ())) > 1
    target_groups = tuple(
        TargetYearGroup(f"到{year}年" if year is not None else NO_YEAR, target_year_anchor(year),
                        tuple(target_line(index, dt, named) for dt in rel.targets_by_district_year[(slug, year)]))
        for year in rel.target_years_by_district.get(slug, ()))
    targets = tuple(t for g in target_groups for t in g.targets)
    context = DistrictPage(
        name=district.name,
        slug=slug,
        region=district.region.value,
        documents=tuple(summary(index, d) for d in docs),
        has_draft=any(d.is_draft for d in docs),
        finals=final_notes(index, (district,)),
        counts=counts(measures),
        total=len(measures),
        distinct_total=distinct_total,
        distinct_definition=DISTINCT_MEASURE_DEFINITION,
        themes=tuple(themes),
        missing_themes=tuple(missing),
        roles_note=UNDIVIDED_NOTE if index.undivided_district(slug) else "",
        leads=lead_departments(index, rel.distinct_by_district.get(slug, ()), slug, LEADS_ON_DISTRICT),
        targets=targets,
        target_groups=target_groups,
        common_year=rel.common_target_year,
        target_statements=sum(len(m.targets) for m in measures),
        target_definition=DISTINCT_TARGET_DEFINITION,
        numberless=numberless_targets_text(rel.numberless_by_district.get(slug, ())),
        targets_read=any(label_is_read(s.text) for t in targets for s in t.sources),
        borrow_themes=borrow_themes,
        borrow_themes_read=any(label_is_read(link.text) for g in borrow_themes for e in g.examples
                               for link in (e.item, e.near) if link is not None),
        near_said=NEAR_SAID,
        borrow_metric_count=len(borrow_metrics),
        borrow_metrics=borrow_metrics[:BORROW_METRIC_ROWS],
        borrow_metrics_more=tuple(g.subject for g in borrow_metrics[BORROW_METRIC_ROWS:]),
        borrow_finals=final_notes(index, (d for d in index.districts if d.name in tagged)),
        borrow_file=borrow_file(slug),
        borrow_limit=BORROW_LIMIT,
        borrow_beside=BORROW_BESIDE,
        peers=peers,
        downloads=download_links(index, "districts", slug),
    )
    return Page(district_url(slug).page, "district.md.j2", context, index.registry_origins[("districts.yaml", slug)])


def parts(index: SiteIndex) -> int:
    """The pages come in parts that a build's two processes share out: one per district, then the
    index. Whole, they were the last part the first process claimed, rendered while the second,
    its files made, had nothing left to claim (about 2 s at 50×)."""
    return len(index.districts) + 1


def pages(index: SiteIndex, part: int | None = None) -> list[Page]:
    """Every page of the kind, or those of one part (``parts``)."""
    if part is None:
        return [page for p in range(parts(index)) for page in pages(index, p)]
    if part < len(index.districts):
        return [district_page(index, index.districts[part].slug)]
    groups = []
    for region in dict.fromkeys(d.region.value for d in index.districts):
        rows = []
        for d in index.districts:
            if d.region.value == region:
                docs = index.documents_by_district.get(d.slug, ())
                rows.append((district_link(index, d), len(docs),
                             len(index.relations.distinct_by_district.get(d.slug, ()))))
        groups.append(RegionGroup(region, tuple(rows)))
    return [Page("districts/index.md", "districts.md.j2", DistrictsPage(tuple(groups), final_notes(index, index.districts)),
                 hide=("navigation",))]


def borrowable_record(index: SiteIndex, b: Borrowable) -> dict:
    """The 可借鉴措施 of one district as plain data (see the data page for the fields)."""
    def measure(dm: DistinctMeasure) -> dict:
        near = index.near_measure(b.district.slug, dm)
        return {"id": dm.key, "district": dm.district.slug, "same_region": dm.district.region == b.district.region,
                "label": dm.measure.label, "rows": [r.key for r in dm.rows], "url": dm.measure.url.site_path,
                "near": None if near is None else {"id": near.key, "label": near.measure.label, "url": near.measure.url.site_path}}

    def target(dt: DistinctTarget) -> dict:
        t = dt.first.target
        return {"district": dt.district.slug, "same_region": dt.district.region == b.district.region,
                "value": t.value, "value_text": distinct_value_text(dt), "doubt": doubt_note(dt) or None,
                "unit": t.unit, "target_year": t.target_year,
                "set_by_municipality": t.set_by_municipality,
                "sources": [te.measure_key for te in dt.statements]}

    return {
        "district": b.district.slug,
        "district_name": b.district.name,
        "region": b.district.region.value,
        "definition": "其他区县有、本区县没有相似措施的措施（按主题；措施按正文措施计，目标段落和指标表行不在此列），"
                      f"以及本区县未设目标而其他区县设了目标的指标；同片区区县在前。每个主题列出 {BORROW_LIMIT} 条："
                      "先取每个区县的第一条，再按顺序补足；count 为总数。本区县有与之较弱相似的措施"
                      f"（条目下列为“其他区县的相似措施”，但{NEAR_SAID}）时，near 为其中最相近的一项，否则为 null，请对照原文判断。",
        "themes": [{"theme": bt.theme.slug, "theme_name": bt.theme.name, "count": bt.count,
                    "district_count": bt.district_count, "same_region_district_count": bt.peer_count,
                    "measures": [measure(dm) for dm in bt.examples]}
                   for bt in b.by_theme],
        "metrics": [{"metric": bm.metric.slug, "metric_name": bm.metric.name, "district_count": bm.district_count,
                     "same_region_district_count": bm.peer_count, "targets": [target(dt) for dt in bm.targets]}
                    for bm in b.by_metric],
    }


def files(index: SiteIndex) -> dict[str, str]:
    """One JSON file of 可借鉴措施 per district, serialised deterministically."""
    return {borrow_file(slug): json.dumps(borrowable_record(index, b), ensure_ascii=False, indent=1) + "\n"
            for slug, b in index.borrowable.items()}
