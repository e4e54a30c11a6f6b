"""Metric pages: every district's target for one indicator side by side, with a chart;
plus the metric index (how many districts set each metric)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.index import SiteIndex, TargetEntry, district_url, metric_url, theme_url
from generator.pages.common import LinkView, Page, QuoteView, district_link, quote_view, value_text
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
    clause: QuoteView
    note: str


@dataclass(frozen=True)
class MetricPage:
    name: str
    unit: str
    direction: str
    description: str
    themes: tuple[LinkView, ...]
    aliases: tuple[str, ...]
    rows: tuple[TargetRow, ...]
    district_count: int
    chart_svg: str  # pre-rendered, escaped SVG markup
    chart_note: str


@dataclass(frozen=True)
class MetricRow:
    metric: LinkView
    unit: str
    district_count: int
    target_count: int
    districts: str


@dataclass(frozen=True)
class MatrixRow:
    """A metric set by two or more districts: each district's targets as short texts."""

    metric: LinkView
    cells: tuple[tuple[str, ...], ...]  # per district: "≥ 16%（2025）", "市级下达" …


@dataclass(frozen=True)
class MetricsPage:
    districts: tuple[LinkView, ...]
    matrix: tuple[MatrixRow, ...]
    rows: tuple[MetricRow, ...]
    unused: int


def target_row(te: TargetEntry) -> TargetRow:
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
        target_year=f"{t.target_year}年" if t.target_year else "–",
        nature=t.nature or "–",
        municipal=t.set_by_municipality,
        cumulative=t.cumulative,
        clause=quote_view(t.clause),
        note=t.note,
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
        bars.append(Bar(label, Decimal(t.value), value_text(t)))
    return bars


def metric_page(index: SiteIndex, slug: str) -> Page:
    metric = index.metric_by_slug[slug]
    targets = index.targets_by_metric.get(slug, ())
    bars = chart_bars(targets)
    units = {te.target.unit for te in targets if te.target.value is not None}
    note = ""
    if len(units) > 1:
        note = "注意：各目标的单位不同（" + "、".join(sorted(units)) + "），图中数值不可直接比较。"
    context = MetricPage(
        name=metric.name, unit=metric.unit,
        direction="数值越大越有力度" if metric.direction.value == "higher" else "数值越小越有力度",
        description=metric.description,
        themes=tuple(LinkView(t.name, theme_url(t.slug)) for t in index.themes if t.slug in metric.themes),
        aliases=tuple(metric.aliases),
        rows=tuple(target_row(te) for te in targets),
        district_count=len({te.district.slug for te in targets}),
        chart_svg=bar_chart(bars, title=metric.name) if bars else "",
        chart_note=note,
    )
    return Page(metric_url(slug).page, "metric.md.j2", context)


def _most_set_first(row: MetricRow):
    return (-row.district_count, -row.target_count, row.metric.url.page)


def pages(index: SiteIndex) -> list[Page]:
    out = [metric_page(index, m.slug) for m in index.metrics]
    rows, matrix = [], []
    for m in index.metrics:
        targets = index.targets_by_metric.get(m.slug, ())
        names = list(dict.fromkeys(te.district.name for te in targets))
        row = MetricRow(LinkView(m.name, metric_url(m.slug)), m.unit, len(names), len(targets), "、".join(names))
        rows.append(row)
        if len(names) >= 2:
            cells = tuple(
                tuple(dict.fromkeys(
                    value_text(te.target) + (f"（{te.target.target_year}）" if te.target.target_year else "")
                    for te in targets if te.district.slug == d.slug))
                for d in index.districts)
            matrix.append((row, MatrixRow(row.metric, cells)))
    rows.sort(key=_most_set_first)
    matrix = [cells for row, cells in sorted(matrix, key=lambda pair: _most_set_first(pair[0]))]
    districts = tuple(district_link(index, d) for d in index.districts)
    out.append(Page("metrics/index.md", "metrics.md.j2",
                    MetricsPage(districts, tuple(matrix), tuple(r for r in rows if r.target_count),
                                sum(1 for r in rows if not r.target_count))))
    return out
