"""Metric pages: every district's target for one indicator side by side, with a chart;
plus the metric index (how many districts set each metric)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.index import (
    COMPARE_MOST,
    DistinctTarget,
    MetricSetters,
    SiteIndex,
    Url,
    compare_url,
    district_targets_url,
    district_url,
    metric_row_url,
    metric_url,
    theme_url,
)
from generator.model import Metric, Target, printed
from generator.pages.common import (
    NAMES_SHOWN,
    NO_YEAR,
    NUMBERLESS_BRIEF,
    FinalNote,
    JumpLine,
    LinkView,
    NameList,
    NumberlessSummary,
    Page,
    direction_text,
    distinct_value_text,
    district_link,
    districts_text,
    doubt_note,
    final_notes,
    jump_line,
    name_list,
    numberless_count_text,
    numberless_districts_text,
    numberless_groups,
    numberless_reason,
    numberless_summary,
    numberless_targets_text,
    other_wordings,
    period_text,
    value_text,
    value_words,
)
from generator.svg import Bar, bar_chart

DOUBT_BRIEF_CHARS = 40  # of the editors' note of doubt, on a metric page: the whole is on the item the value links to


def doubt_brief(note: str) -> str:
    """The start of a doubted target's note, for its row of a metric page: a row per district, each
    with the whole note (铜梁's 22% is about 200 characters), took the page over 150 KB at 50× the
    corpus. The item the value links to gives the note in full, beside the target."""
    return note if len(note) <= DOUBT_BRIEF_CHARS else note[:DOUBT_BRIEF_CHARS] + "…（全文见条目）"


@dataclass(frozen=True, slots=True)
class TargetCell:
    """One distinct target as the metric page shows it: the value, linked to the item that states
    it first (the item shows the clause, notes and every restatement), one line of qualifiers, who
    answers for it and, where the editors doubt its reading, why."""
    value_text: str  # as its first statement prints it, without the doubt (that is a line of its own): ≥16%, 市级下达
    qualifiers: tuple[str, ...]  # in a fixed order (qualifiers()), plain words: 基年 2020 · 2020年本指标为 22% · 目标年 2025 · 约束性 …
    units: str  # who answers for it as the document says (responsible_text): 牵头：区发展改革委, 牵头（据附表2第 57 行）：…, or NO_LEAD_TEXT
    doubt: str  # why the editors doubt its reading (doubt_brief of doubt_note), shown after a marked 存疑; empty when not doubted
    url: Url
    alike: int  # distinct targets of the district that read the same here (3 pilots of ≥1个): shown once, × n
    more: tuple[Url, ...]  # the other items that state those alike targets first
    clause: str  # printed words telling a district's several targets apart (50个 of 分散充电桩); empty for one target or bare value


@dataclass(frozen=True, slots=True)
class DistrictTargets:
    """One row of the metric page: a district and its distinct targets for the metric."""
    anchor: str  # the district's slug: its district page's targets link to this row
    district: LinkView
    targets: tuple[TargetCell, ...]
    statements: int  # printed statements behind these targets (restatements included)
    sort_value: str  # what a click on 目标 sorts by (sort_values): a plain decimal, or "" (such rows last)


@dataclass(frozen=True, slots=True)
class MetricPage:
    name: str
    unit: str
    direction: str  # how its values compare (direction_text): which way is better, never a ranking of strength
    description: str
    themes: tuple[LinkView, ...]
    aliases: tuple[str, ...]
    related: tuple[LinkView, ...]  # metrics of the same thing counted another way, each with how many districts set it
    rows: tuple[DistrictTargets, ...]  # one per district that sets the metric, in district order
    numberless: str  # those of them without a number of their own, and why (numberless_groups, a few named): 其中铜梁区、黔江区为市级下达，…
    jump: JumpLine  # the rows' districts with their numbers of targets, linked to the rows (above the chart)
    unset: tuple[LinkView, ...]  # the districts whose documents set no target for it, in district order
    target_count: int  # distinct targets
    chart_svg: str  # pre-rendered, escaped SVG markup
    chart_note: str
    undrawn: NameList  # the targets the chart leaves out, by district and why (undrawn_text); empty when none
    finals: tuple[FinalNote, ...]  # the drafts its rows and bars tag 征求意见稿·定稿已印发, said in full once
    sorted_by: str  # the values a click on 目标 sorts the table by (sort_values): 到2025年的目标值; "" when nothing is drawn


@dataclass(frozen=True, slots=True)
class MetricRow:
    metric: LinkView
    unit: str
    district_count: int
    target_count: int
    districts: str  # who sets it, in a few names (districts_text)
    numberless: str  # those of them without a number of their own (setters_numberless_text): ；铜梁区为市级下达; empty when none
    compare: LinkView | None  # the compare view with (up to four of) the districts that set it


@dataclass(frozen=True, slots=True)
class DistrictTargetCount:
    """One district's distinct targets: every target year together, and those of the common year."""

    district: LinkView
    total: LinkView  # every target year, undated included, linked to its page's list of targets
    common_year: LinkView | None  # the common target year's, linked to where its page lists them; None without one


@dataclass(frozen=True, slots=True)
class MetricGroup:
    """The metrics with targets whose first theme is one theme, set by the most districts first."""

    theme: LinkView | None  # None: the metrics of no theme (其他指标)
    anchor: str  # the section's anchor on the metrics page: theme-<slug>, or theme-none
    rows: tuple[MetricRow, ...]


@dataclass(frozen=True, slots=True)
class MetricsPage:
    groups: tuple[MetricGroup, ...]  # by theme, in the registry's order; a metric under its first theme
    metric_count: int  # metrics with targets
    unused: int
    common_year: int | None  # the target year most targets share (Relations.common_target_year)
    districts: tuple[DistrictTargetCount, ...]  # one row per district, in registry order
    numberless: NumberlessSummary  # the targets its counts include that have no number of the district's own


def qualifiers(dt: DistinctTarget) -> tuple[str, ...]:
    """A target's qualifiers, each in plain words without brackets, always in this order: what it is
    measured against (基年 2020 · 2020年本指标为 22%), when (目标年 2025), how binding (约束性), how
    counted (期间累计), how else it is printed (他处写作 20%), and what to be wary of (征求意见稿, or
    征求意见稿·定稿已印发 where the final version was found: Draft.tag):
    基年 2020 · 目标年 2025 · 约束性 · 期间累计 · 征求意见稿. The base value is named by its
    year and as the metric's ("2020年本指标为 22%"): it is the figure the document gives for the base
    year, not a level the target is reduced from (铜梁's 22% in the 2020 column of 能耗降低 is a
    reduction, 2016–2020)."""
    t = dt.first.target
    out = []
    if t.base_year:
        out.append(f"基年 {t.base_year}")
    if t.base_value:
        out.append(f"{t.base_year}年本指标为 {t.base_value}{t.unit}" if t.base_year else f"基年本指标为 {t.base_value}{t.unit}")
    out.append(f"目标年 {t.target_year}" if t.target_year else NO_YEAR)
    if t.nature:
        out.append(t.nature)
    if t.cumulative:
        out.append("期间累计")
    others = other_wordings(dt)
    if others:
        out.append("他处写作 " + "、".join(others))
    if dt.first.draft is not None:
        out.append(dt.first.draft.tag)
    return tuple(out)  # a doubt is a line of its own, with the editors' note (TargetCell.doubt)


def units_text(index: SiteIndex, alike: list[DistinctTarget]) -> str:
    """Who answers for alike targets: each distinct line of the items that state them first
    (responsible_text; for an item that names no unit, the table row that carries the target:
    牵头（据附表2第 57 行）：…), or NO_LEAD_TEXT where that item, and the table rows that carry it out, name none."""
    return "；".join(dict.fromkeys(index.target_units(dt) for dt in alike))


def target_cell(index: SiteIndex, alike: list[DistinctTarget], several: bool) -> TargetCell:
    """The cell of a district's alike targets; `several`: the district has other targets here, which
    its clause tells this one apart from (unless the clause is only the value again)."""
    first = alike[0].first
    t = first.target
    urls = list(dict.fromkeys(dt.first.measure_url for dt in alike))
    value = value_words(t)
    clause = printed(t.clause)
    shown = clause if several and "".join(clause.split()) not in (value, f"{t.value}{t.unit}") else ""
    return TargetCell(value, qualifiers(alike[0]), units_text(index, alike), doubt_brief(doubt_note(alike[0])), urls[0], len(alike),
                      tuple(urls[1:]), shown)


def sort_values(targets: tuple[DistinctTarget, ...], bars: list[Bar]) -> dict[str, Decimal]:
    """Each district's value in the chart's first panel (the unit and target year of its first bar:
    the year the most districts target), the largest of its targets there, as that panel draws it:
    what the table's 目标 column sorts by. Districts without a value there have none."""
    if not bars:
        return {}
    unit, year = _first_panel(bars)
    values: dict[str, Decimal] = {}
    for dt in targets:
        t = dt.first.target
        if t.value is not None and (t.unit, t.target_year) == (unit, year):
            value = Decimal(t.value)
            values[dt.district.slug] = max(values.get(dt.district.slug, value), value)
    return values


def _first_panel(bars: list[Bar]) -> tuple[str, int | None]:
    """The unit and target year of the chart's first panel (that of its first bar)."""
    return bars[0].unit, bars[0].year


def sorted_by_text(bars: list[Bar]) -> str:
    """The values sort_values takes, as the page says them: 到2025年的目标值, and their unit where the chart has several."""
    if not bars:
        return ""
    unit, year = _first_panel(bars)
    several_units = any(b.unit != unit for b in bars)
    return (f"到{year}年的目标值" if year else "未写明目标年的目标值") + (f"（单位：{unit}）" if several_units and unit else "")


def district_rows(index: SiteIndex, targets: tuple[DistinctTarget, ...],
                  values: dict[str, Decimal]) -> tuple[DistrictTargets, ...]:
    """Group a metric's distinct targets by district (index order); targets that would read the
    same (value, base and target year, nature, draft) are shown once with their number; ``values``:
    each district's sort key (sort_values)."""
    by_district: dict[str, list[DistinctTarget]] = {}
    for dt in targets:
        by_district.setdefault(dt.district.slug, []).append(dt)
    rows = []
    for group in by_district.values():
        cells: dict[tuple, list[DistinctTarget]] = {}
        for dt in group:
            t = dt.first.target
            cells.setdefault((distinct_value_text(dt), period_text(t), t.nature, t.cumulative, dt.first.draft), []).append(dt)
        district = group[0].district
        rows.append(DistrictTargets(district.slug, LinkView(district.name, district_url(district.slug)),
                                    tuple(target_cell(index, same, len(cells) > 1) for same in cells.values()),
                                    sum(len(dt.statements) for dt in group),
                                    format(values[district.slug], "f") if district.slug in values else ""))
    return tuple(rows)


LISTED_VALUES = 3  # a bar names this many values of its targets; more are shown as lowest–highest


def chart_bars(targets: tuple[DistinctTarget, ...]) -> list[Bar]:
    """One bar per district, unit and target year: a district with several values there (several
    pilots, a main text and a table that differ) gets one bar drawn to the largest, labelled with
    its values as the table writes them (≥16%; up to LISTED_VALUES, else the lowest–highest) and how
    many targets it covers. 市级下达 and value-less targets are not drawn.
    Bars come in groups by target year, the year the most districts target first (on a tie the
    later year; a target without a year last): the year officials compare leads. Within a year the
    largest value comes first, so that 38 districts can be compared at a glance (the table below
    keeps the district order for looking one up)."""
    groups: dict[tuple, list[Target]] = {}
    names: dict[str, str] = {}
    drafted: dict[tuple, str] = {}  # the bars with a target stated in a consultation draft: labelled so (Draft.tag), as in the table
    for dt in targets:
        t = dt.first.target
        if t.value is None:
            continue
        names[dt.district.slug] = dt.district.name
        key = (dt.district.slug, t.unit, t.target_year)
        groups.setdefault(key, []).append(t)
        if dt.first.draft is not None:
            drafted.setdefault(key, dt.first.draft.tag)
    setters: dict[int | None, set[str]] = {}  # the districts with a bar in each year
    for district, _, year in groups:
        setters.setdefault(year, set()).add(district)
    bars: list[tuple[tuple, Bar]] = []
    for position, (key, group) in enumerate(groups.items()):
        district, unit, year = key
        label = names[district] + (f"（{drafted[key]}）" if key in drafted else "")
        top = max(Decimal(t.value) for t in group if t.value is not None)
        if len(group) == 1:
            bar = Bar(label, top, value_text(group[0]), unit, year)
        else:
            # separate targets (50 scattered and 100 dedicated chargers), not a range: each value
            # is named while few, the lowest and highest beyond that; each with its comparator
            texts = list(dict.fromkeys(value_text(t) for t in sorted(group, key=lambda t: Decimal(t.value or 0))))
            shown = "、".join(texts) if len(texts) <= LISTED_VALUES else f"{texts[0]}–{texts[-1]}"
            bar = Bar(label, top, f"{shown}（{len(group)}个目标）", unit, year)
        order = (year is None, -len(setters[year]), -(year or 0), -bar.value, position)
        bars.append((order, bar))
    return [bar for _, bar in sorted(bars, key=lambda pair: pair[0])]


def undrawn_text(setters: MetricSetters) -> NameList:
    """What the chart leaves out, said under it: the districts it has no bar for and why
    (numberless_groups), then the districts it draws that have other targets without a number, those
    alike together: 永川区另有 1 个目标为市级下达，原文未写本区数值; 甲山区、乙山区各另有 3 个…
    (a NameList: at 50 districts the full sentence was two phone screens). Empty when it draws every target."""
    groups: list[tuple[list[str], str]] = numberless_groups(setters.numberless)
    alike: dict[str, list[str]] = {}
    for group in setters.also_numberless:
        alike.setdefault(numberless_targets_text(group, lead="另有", what="个目标"), []).append(group[0].district.name)
    groups += [(names, ("各" if len(names) > 1 else "") + words) for words, names in alike.items()]
    return name_list(groups)


def metric_page(index: SiteIndex, slug: str) -> Page:
    metric = index.metric_by_slug[slug]
    targets = index.relations.targets_by_metric.get(slug, ())
    setters = index.relations.setters_of(slug)
    bars = chart_bars(targets)
    rows = district_rows(index, targets, sort_values(targets, bars))
    set_by = {r.anchor for r in rows}
    units = {b.unit for b in bars}
    note = ""
    if len(units) > 1:
        note = "各目标的单位不同（" + "、".join(sorted(units)) + "），每种单位单独作图，不同单位的图之间数值不可比较。"
    context = MetricPage(
        name=metric.name, unit=metric.unit,
        direction=direction_text(metric, any(dt.first.target.base_value for dt in targets)),
        description=metric.description,
        themes=tuple(LinkView(t.name, theme_url(t.slug)) for t in index.themes if t.slug in metric.themes),
        aliases=tuple(metric.aliases),
        related=tuple(LinkView(f"{m.name}（{setters_count_text(index, m.slug)}）", metric_url(m.slug))
                      for m in index.related_metrics.get(metric.slug, ())),
        rows=rows,
        numberless=(("" if len(setters.numberless) == len(setters.districts) else "其中") + name_list(numberless_groups(setters.numberless)).short
                    if setters.numberless else ""),
        jump=jump_line("目标", ((index.district(r.anchor), sum(c.alike for c in r.targets)) for r in rows),
                       lambda district: metric_row_url(slug, district)),
        unset=tuple(LinkView(d.name, district_url(d.slug)) for d in index.districts if d.slug not in set_by),
        target_count=len(targets),
        chart_svg=bar_chart(bars, title=metric.name) if bars else "",
        chart_note=note,
        undrawn=undrawn_text(setters),
        finals=final_notes(index, (index.district(r.anchor) for r in rows)),
        sorted_by=sorted_by_text(bars),
    )
    # the chart and the district table take the page's width: no section list, no contents (no headings)
    return Page(metric_url(slug).page, "metric.md.j2", context, index.registry_origins[("metrics.yaml", slug)],
                hide=("navigation", "toc"))


def metrics_most_set_first(index: SiteIndex) -> list[tuple[Metric, MetricSetters, int]]:
    """Every metric with the districts that set it (MetricSetters) and its number of distinct targets:
    set by the most districts first, then with the most targets, then by page (the order the metrics
    page and the compare view's metric choice share)."""
    out = []
    for m in index.metrics:
        setters = index.relations.setters_of(m.slug)
        out.append((m, setters, len(index.relations.targets_by_metric.get(m.slug, ()))))
    return sorted(out, key=lambda row: (-len(row[1].districts), -row[2], metric_url(row[0].slug).page))


def setters_count_text(index: SiteIndex, slug: str) -> str:
    """How many districts set a target for the metric, and how many of them without a number of their
    own: 4 个区县设有目标，其中 3 个为市级下达."""
    setters = index.relations.setters_of(slug)
    bare = numberless_targets_text(setters.numberless, explained=False)
    return f"{len(setters.districts)} 个区县设有目标" + (f"，{bare}" if bare else "")


def setters_numberless_text(setters: MetricSetters) -> str:
    """The districts that set a metric without a number of their own, for a cell of the metrics index,
    after the names of those that set it: named when few (；铜梁区、永川区为市级下达), else counted
    (；其中 12 个为市级下达); when they are all of them and of one kind, that alone (，为市级下达 or
    ，均为市级下达). Empty when none."""
    reasons = [numberless_reason(dt) for dt in setters.numberless]
    if not reasons:
        return ""
    if len(reasons) == len(setters.districts) and len(set(reasons)) == 1:
        # 的 ties 数值无法确定 to a name before it (铜梁区的数值无法确定); after the comma there is none
        return "，" + ("均" if len(reasons) > 1 else "") + NUMBERLESS_BRIEF[reasons[0]].removeprefix("的")
    if len(reasons) <= NAMES_SHOWN:
        return "；" + numberless_districts_text(setters.numberless, explained=False)
    return "；" + numberless_count_text(reasons, explained=False)


def pages(index: SiteIndex) -> list[Page]:
    out = [metric_page(index, m.slug) for m in index.metrics]
    rows: dict[str, list[MetricRow]] = {slug: [] for slug in [t.slug for t in index.themes] + [""]}  # "": no theme
    for m, setters, target_count in metrics_most_set_first(index):
        if not target_count:
            continue
        compare = None
        setting = setters.districts
        if len(setting) >= 2:
            # says which districts it compares (a phone's card reads 对比：前 4 个区县, not 对比：对比)
            shown = min(len(setting), COMPARE_MOST)
            compare = LinkView(f"前 {shown} 个区县" if len(setting) > shown else f"这 {shown} 个区县",
                               compare_url((d.slug for d in setting[:shown]), m.slug, around_mine=True))
        rows[m.themes[0] if m.themes else ""].append(MetricRow(LinkView(m.name, metric_url(m.slug)), m.unit, len(setting), target_count,
                                           districts_text(setting, index.districts, count_said=True),
                                           setters_numberless_text(setters), compare))
    groups = tuple(MetricGroup(LinkView(t.name, theme_url(t.slug)), f"theme-{t.slug}", tuple(rows[t.slug]))
                   for t in index.themes if rows[t.slug]) + ((MetricGroup(None, "theme-none", tuple(rows[""])),) if rows[""] else ())
    listed = sum(len(g.rows) for g in groups)
    rel = index.relations
    year = rel.common_target_year
    districts = tuple(DistrictTargetCount(
        district_link(index, d),
        LinkView(str(len(rel.targets_by_district.get(d.slug, ()))), district_url(d.slug).with_anchor("targets")),
        LinkView(str(len(rel.targets_in_common_year(d.slug))), district_targets_url(d.slug, year)) if year is not None else None,
    ) for d in index.districts)
    out.append(Page("metrics/index.md", "metrics.md.j2",
                    MetricsPage(groups, listed, len(index.metrics) - listed, year, districts, numberless_summary(index)),
                    hide=("navigation", "toc")))
    return out
