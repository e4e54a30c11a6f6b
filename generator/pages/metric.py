"""Metric pages: every district's target for one indicator side by side, with a chart;
plus the metric index (how many districts set each metric)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.index import DISTINCT_TARGET_DEFINITION, DistinctTarget, SiteIndex, TargetEntry, Url, district_url, metric_url, theme_url
from generator.pages.common import NO_YEAR, LinkView, Page, value_text
from generator.svg import Bar, bar_chart


@dataclass(frozen=True)
class TargetRow:
    district: LinkView
    measure: LinkView
    document: str
    is_draft: bool
    value_text: str
    base: str
    target_year: str
    nature: str
    municipal: bool
    cumulative: bool
    note: str
    also: tuple[LinkView, ...]  # the other places the same target is stated (an indicator-table row …)


@dataclass(frozen=True)
class MetricPage:
    name: str
    unit: str
    direction: str
    description: str
    themes: tuple[LinkView, ...]
    aliases: tuple[str, ...]
    rows: tuple[TargetRow, ...]  # one per distinct target
    target_definition: str
    district_count: int
    chart_svg: str  # pre-rendered, escaped SVG markup
    chart_note: str


@dataclass(frozen=True)
class MetricRow:
    metric: LinkView
    unit: str
    district_count: int
    target_count: int  # distinct targets
    districts: str
    compare: LinkView | None  # the compare view with (up to four of) the districts that set it


@dataclass(frozen=True)
class MetricsPage:
    rows: tuple[MetricRow, ...]  # metrics with targets, set by the most districts first
    unused: int
    target_definition: str


def target_row(dt: DistinctTarget) -> TargetRow:
    """A distinct target, named by its first statement (main text first), with the others it repeats."""
    te = dt.first
    t = te.target
    base = f"{t.base_year}年" if t.base_year else ""
    if t.base_value:
        base += f"：{t.base_value}"
    return TargetRow(
        district=LinkView(te.district.name, district_url(te.district.slug)),
        measure=LinkView(te.measure_label, te.measure_url),
        document=te.document_title,
        is_draft=te.is_draft,
        value_text=value_text(t),
        base=base or "–",
        target_year=f"{t.target_year}年" if t.target_year else NO_YEAR,
        nature=t.nature or "–",
        municipal=t.set_by_municipality,
        cumulative=t.cumulative,
        note=t.note,
        also=tuple(LinkView(s.measure_label, s.measure_url) for s in dt.statements[1:]),
    )


def chart_bars(targets: tuple[TargetEntry, ...]) -> list[Bar]:
    """One bar per distinct value a district sets (same value, unit and year drawn once);
    市级下达 and value-less targets are listed in the table, not drawn."""
    bars, seen = [], set()
    for te in targets:
        t = te.target
        if t.value is None:
            continue
        key = (te.district.slug, t.comparator, t.value, t.unit, t.target_year)
        if key in seen:
            continue
        seen.add(key)
        label = te.district.name + (f" · {t.target_year}年" if t.target_year else "")
        bars.append(Bar(label, Decimal(t.value), value_text(t), t.unit))
    return bars


def metric_page(index: SiteIndex, slug: str) -> Page:
    metric = index.metric_by_slug[slug]
    targets = index.targets_by_metric.get(slug, ())
    bars = chart_bars(targets)
    units = {te.target.unit for te in targets if te.target.value is not None}
    note = ""
    if len(units) > 1:
        note = "各目标的单位不同（" + "、".join(sorted(units)) + "），每种单位单独作图，不同图之间的数值不可比较。"
    context = MetricPage(
        name=metric.name, unit=metric.unit,
        direction="数值越大越有力度" if metric.direction.value == "higher" else "数值越小越有力度",
        description=metric.description,
        themes=tuple(LinkView(t.name, theme_url(t.slug)) for t in index.themes if t.slug in metric.themes),
        aliases=tuple(metric.aliases),
        rows=tuple(target_row(dt) for dt in index.relations.targets_by_metric.get(slug, ())),
        target_definition=DISTINCT_TARGET_DEFINITION,
        district_count=len({te.district.slug for te in targets}),
        chart_svg=bar_chart(bars, title=metric.name) if bars else "",
        chart_note=note,
    )
    return Page(metric_url(slug).page, "metric.md.j2", context, index.registry_origins[("metrics.yaml", slug)])


def _most_set_first(row: MetricRow):
    return (-row.district_count, -row.target_count, row.metric.url.page)


def pages(index: SiteIndex) -> list[Page]:
    out = [metric_page(index, m.slug) for m in index.metrics]
    rows = []
    for m in index.metrics:
        targets = index.targets_by_metric.get(m.slug, ())
        setters = list({te.district.slug: te.district for te in targets}.values())
        compare = None
        if len(setters) >= 2:
            chosen = ",".join(d.slug for d in setters[:4])
            compare = LinkView("并排对比", Url("compare/index.md", query=f"d={chosen}&m={m.slug}"))
        rows.append(MetricRow(LinkView(m.name, metric_url(m.slug)), m.unit, len(setters),
                              len(index.relations.targets_by_metric.get(m.slug, ())),
                              "、".join(d.name for d in setters), compare))
    rows.sort(key=_most_set_first)
    out.append(Page("metrics/index.md", "metrics.md.j2",
                    MetricsPage(tuple(r for r in rows if r.target_count), sum(1 for r in rows if not r.target_count),
                                DISTINCT_TARGET_DEFINITION)))
    return out
