"""Metric pages: every district's target for one indicator side by side, with a chart;
plus the metric index (how many districts set each metric)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.index import DistinctTarget, SiteIndex, Url, compare_url, district_url, metric_url, theme_url
from generator.model import District, Metric, Target, printed
from generator.pages.common import LinkView, Page, distinct_value_text, districts_text, period_text, value_text
from generator.svg import Bar, bar_chart


@dataclass(frozen=True, slots=True)
class TargetCell:
    """One distinct target as the metric page shows it: the value, its year, and a link to the
    item that states it first (the item shows the clause, notes and every restatement)."""
    value_text: str
    period: str  # 较2020年，到2025年
    nature: str
    cumulative: bool
    is_draft: bool
    url: Url
    alike: int  # distinct targets of the district that read the same here (3 pilots of ≥1个): shown once, × n
    more: tuple[Url, ...]  # the other items that state those alike targets first
    clause: str  # the printed words of its first statement: tells apart a district's several targets (50个 of 分散充电桩, 100个 of 专属充电桩)


@dataclass(frozen=True, slots=True)
class DistrictTargets:
    """One row of the metric page: a district and its distinct targets for the metric."""
    anchor: str  # the district's slug: its district page's targets link to this row
    district: LinkView
    targets: tuple[TargetCell, ...]
    statements: int  # printed statements behind these targets (restatements included)


@dataclass(frozen=True, slots=True)
class MetricPage:
    name: str
    unit: str
    direction: str
    description: str
    themes: tuple[LinkView, ...]
    aliases: tuple[str, ...]
    rows: tuple[DistrictTargets, ...]  # one per district that sets the metric, in district order
    unset: tuple[LinkView, ...]  # the districts whose documents set no target for it, in district order
    target_count: int  # distinct targets
    chart_svg: str  # pre-rendered, escaped SVG markup
    chart_note: str


@dataclass(frozen=True, slots=True)
class MetricRow:
    metric: LinkView
    unit: str
    district_count: int
    target_count: int
    districts: str  # who sets it, in a few names (districts_text)
    compare: LinkView | None  # the compare view with (up to four of) the districts that set it


@dataclass(frozen=True, slots=True)
class MetricsPage:
    rows: tuple[MetricRow, ...]  # metrics with targets, set by the most districts first
    unused: int


def target_cell(alike: list[DistinctTarget]) -> TargetCell:
    first = alike[0].first
    t = first.target
    urls = list(dict.fromkeys(dt.first.measure_url for dt in alike))
    return TargetCell(distinct_value_text(alike[0]), period_text(t), t.nature or "",
                      t.cumulative, first.is_draft, urls[0], len(alike), tuple(urls[1:]), printed(t.clause))


def district_rows(targets: tuple[DistinctTarget, ...]) -> tuple[DistrictTargets, ...]:
    """Group a metric's distinct targets by district (index order); targets that would read the
    same (value, base and target year, nature, draft) are shown once with their number."""
    by_district: dict[str, list[DistinctTarget]] = {}
    for dt in targets:
        by_district.setdefault(dt.district.slug, []).append(dt)
    rows = []
    for group in by_district.values():
        cells: dict[tuple, list[DistinctTarget]] = {}
        for dt in group:
            t = dt.first.target
            cells.setdefault((distinct_value_text(dt), period_text(t), t.nature, t.cumulative, dt.first.is_draft), []).append(dt)
        district = group[0].district
        rows.append(DistrictTargets(district.slug, LinkView(district.name, district_url(district.slug)),
                                    tuple(target_cell(same) for same in cells.values()),
                                    sum(len(dt.statements) for dt in group)))
    return tuple(rows)


LISTED_VALUES = 3  # a bar names this many values of its targets; more are shown as lowest–highest


def chart_bars(targets: tuple[DistinctTarget, ...]) -> list[Bar]:
    """One bar per district, unit and target year: a district with several values there (several
    pilots, a main text and a table that differ) gets one bar drawn to the largest, labelled with
    its values (up to LISTED_VALUES, else the lowest–highest) and how many targets it covers. 市级下达 and value-less targets are not drawn.
    Bars come by target year, the largest value first within a year, so that 38 districts can be
    compared at a glance (the table below keeps the district order for looking one up)."""
    groups: dict[tuple, list[Target]] = {}
    names: dict[str, str] = {}
    drafted: set[tuple] = set()  # the bars with a target stated in a consultation draft: labelled so, as in the table
    for dt in targets:
        t = dt.first.target
        if t.value is None:
            continue
        names[dt.district.slug] = dt.district.name
        key = (dt.district.slug, t.unit, t.target_year)
        groups.setdefault(key, []).append(t)
        if dt.first.is_draft:
            drafted.add(key)
    bars: list[tuple[tuple, Bar]] = []
    for position, (key, group) in enumerate(groups.items()):
        district, unit, year = key
        label = names[district] + (f" · {year}年" if year else "") + ("（征求意见稿）" if key in drafted else "")
        values = sorted({Decimal(t.value) for t in group if t.value is not None})
        if len(group) == 1:
            bar = Bar(label, values[0], value_text(group[0]), unit)
        else:
            # separate targets (50 scattered and 100 dedicated chargers), not a range: each value
            # is named while few, the lowest and highest beyond that
            shown = "、".join(map(str, values)) if len(values) <= LISTED_VALUES else f"{values[0]}–{values[-1]}"
            bar = Bar(label, values[-1], f"{shown}{unit}（{len(group)}个目标）", unit)
        bars.append(((year is None, year or 0, -bar.value, position), bar))
    return [bar for _, bar in sorted(bars, key=lambda pair: pair[0])]


def metric_page(index: SiteIndex, slug: str) -> Page:
    metric = index.metric_by_slug[slug]
    targets = index.relations.targets_by_metric.get(slug, ())
    bars = chart_bars(targets)
    rows = district_rows(targets)
    set_by = {r.anchor for r in rows}
    units = {b.unit for b in bars}
    note = ""
    if len(units) > 1:
        note = "各目标的单位不同（" + "、".join(sorted(units)) + "），每种单位单独作图，不同图之间的数值不可比较。"
    context = MetricPage(
        name=metric.name, unit=metric.unit,
        direction="数值越大越有力度" if metric.direction.value == "higher" else "数值越小越有力度",
        description=metric.description,
        themes=tuple(LinkView(t.name, theme_url(t.slug)) for t in index.themes if t.slug in metric.themes),
        aliases=tuple(metric.aliases),
        rows=rows,
        unset=tuple(LinkView(d.name, district_url(d.slug)) for d in index.districts if d.slug not in set_by),
        target_count=len(targets),
        chart_svg=bar_chart(bars, title=metric.name) if bars else "",
        chart_note=note,
    )
    return Page(metric_url(slug).page, "metric.md.j2", context, index.registry_origins[("metrics.yaml", slug)])


def metrics_most_set_first(index: SiteIndex) -> list[tuple[Metric, list[District], int]]:
    """Every metric with the districts that set it and its number of distinct targets: set by the
    most districts first, then with the most targets, then by page (the order the metrics page and
    the compare view's metric choice share)."""
    out = []
    for m in index.metrics:
        targets = index.relations.targets_by_metric.get(m.slug, ())
        out.append((m, list({dt.district.slug: dt.district for dt in targets}.values()), len(targets)))
    return sorted(out, key=lambda row: (-len(row[1]), -row[2], metric_url(row[0].slug).page))


def pages(index: SiteIndex) -> list[Page]:
    out = [metric_page(index, m.slug) for m in index.metrics]
    rows = []
    for m, setters, target_count in metrics_most_set_first(index):
        compare = None
        if len(setters) >= 2:
            compare = LinkView("对比", compare_url((d.slug for d in setters[:4]), m.slug))
        rows.append(MetricRow(LinkView(m.name, metric_url(m.slug)), m.unit, len(setters), target_count,
                              districts_text(setters, index.districts), compare))
    out.append(Page("metrics/index.md", "metrics.md.j2",
                    MetricsPage(tuple(r for r in rows if r.target_count), sum(1 for r in rows if not r.target_count))))
    return out
