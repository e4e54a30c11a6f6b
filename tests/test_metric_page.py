"""A metric page at 38 districts leads with the answer and reads plainly: its chart starts with the
year most districts target, its bar labels keep the comparator the table writes, and each target
is its value with one line of qualifiers in plain words (found by an official reading
/metrics/energy-intensity-reduction/: 2024 bars before 2025, "14.5、16%" against the table's
"≥16%", and 铜梁's "市级下达（存疑）（他处写作 市级下达）（较2020年（22%），到2025年）…")."""
from __future__ import annotations

import html
import re
from decimal import Decimal
from types import SimpleNamespace

from generator.model import Comparator, reading

from .conftest import ROOT


def target(slug: str, value: str, year: int | None, comparator: Comparator = Comparator.equal) -> SimpleNamespace:
    t = SimpleNamespace(value=value, unit="%", target_year=year, set_by_municipality=False, comparator=comparator,
                        uncertain=False, clause="")
    return SimpleNamespace(first=SimpleNamespace(target=t, draft=None),
                           district=SimpleNamespace(slug=slug, name=slug.upper() + "区"))


def test_the_chart_leads_with_the_year_most_districts_target_and_the_later_on_a_tie():
    from generator.pages.metric import chart_bars

    # years ascending would put 2024 first; three districts target 2025, two 2024, two 2030
    targets = (target("a", "10", 2024), target("b", "12", 2025), target("c", "9", 2024), target("d", "3", 2030),
               target("e", "8", 2025), target("f", "20", 2025), target("g", "4", 2030), target("h", "1", None))
    assert [(b.label, b.year) for b in chart_bars(targets)] == [  # type: ignore[arg-type]
        ("F区", 2025), ("B区", 2025), ("E区", 2025),  # the most districts
        ("G区", 2030), ("D区", 2030),  # as many as 2024: the later year first
        ("A区", 2024), ("C区", 2024),
        ("H区", None)]  # no year: last


def test_the_charts_of_one_unit_share_its_scale_and_each_year_has_its_own():
    """The charts of several target years stand side by side on a desktop: a bar of one year is
    measured against a bar of another, so one unit's charts share a scale (its largest value in any
    year); a second unit gets charts and a scale of its own."""
    import re

    from generator.svg import PHONE_WIDTH, Bar, bar_chart

    bars = [Bar("A区", Decimal(20), "20%", "%", 2025), Bar("B区", Decimal(10), "10%", "%", 2030),
            Bar("C区", Decimal(5), "5%", "%", 2030), Bar("D区", Decimal(3), "3万千瓦", "万千瓦", 2025)]
    charts = bar_chart(bars, "测试").split("</svg>")[:-1]
    captions = [re.search(r'class="chart-unit"[^>]*>([^<]*)<', c).group(1) for c in charts]
    assert captions == ["2025年 · 单位：%", "2030年 · 单位：%", "2025年 · 单位：万千瓦"]
    widths = [[int(w) for w in re.findall(r'class="bar" x="0" y="\d+" width="(\d+)"', c)] for c in charts]
    (full,), (half, quarter), (alone,) = widths
    assert half == full // 2 and quarter == full // 4  # 10 and 5 against 2025's 20
    assert alone == full and full < PHONE_WIDTH  # the other unit's largest fills its own plot


def test_a_bar_label_keeps_the_comparator_as_the_table_writes_it():
    from generator.pages.metric import chart_bars

    (one,) = chart_bars((target("a", "16", 2025, Comparator.at_least),))  # type: ignore[arg-type]
    assert one.value_label == "≥16%"
    (two,) = chart_bars((target("a", "16", 2025, Comparator.at_least), target("a", "14.5", 2025)))  # type: ignore[arg-type]
    assert (two.value, two.value_label) == (16, "14.5%、≥16%（2个目标）")


def metric_markdown(index, slug: str) -> str:
    from generator.pages.metric import metric_page
    from generator.render import make_environment, render_page

    page = metric_page(index, slug)
    return render_page(make_environment(ROOT / "templates"), page.template, page.path, page.context)


def row_of(text: str, district: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f'| <span id="{district}"></span>'))


def test_a_restatement_that_reads_as_the_value_is_not_another_wording(real_index):
    """铜梁's 市级下达 for 能耗降低 is doubted in the indicator table (its 2020 column) and stated plainly
    in the annex: the same wording, not "他处写作 市级下达"; on its metric page and its district page."""
    from generator.pages.common import distinct_value_text

    for slug, targets in real_index.relations.targets_by_metric.items():
        for dt in targets:
            text = distinct_value_text(dt)
            first = re.sub(r"（存疑）$", "", text.split("（他处写作")[0])
            others = re.findall(r"他处写作 (.+)）$", text)
            assert not others or first not in re.sub(r"（存疑）", "", others[0]).split("、"), (slug, text)
    row = row_of(metric_markdown(real_index, "energy-intensity-reduction"), "tongliang")
    assert "市级下达" in row and "他处写作" not in row


def test_a_targets_qualifiers_are_one_plain_line_and_its_base_value_is_named_by_its_year(real_index):
    """铜梁's 2020 column prints [22] (a cumulative reduction): it is the base year's figure, not a
    base of 22% that the target reduces from; qualifiers come in one fixed order, unbracketed."""
    row = row_of(metric_markdown(real_index, "energy-intensity-reduction"), "tongliang")
    plain = html.unescape(re.sub(r"<[^>]+>", "|", row))
    assert "基年 2020 · 2020年本指标为 22% · 目标年 2025 · 约束性 · 期间累计 · 征求意见稿·定稿已印发|" in plain
    assert '<span class="cs-doubt">存疑</span>：' in row  # the doubt stays visible, marked, and says why
    assert "（22%）" not in row and "）（" not in row  # no stacked brackets
    # the district's other target (no year) and both clauses: it has two targets to tell apart
    assert "未写明年份 · 征求意见稿" in plain and row.count('class="cs-clause"') == 2


def test_every_metric_page_keeps_its_anchors_links_and_marks(real_index):
    """Only the wording changed: every district row's anchor, every target's item link, and the
    draft and doubt marks wherever a target carries them."""
    for metric in real_index.metrics:
        targets = real_index.relations.targets_by_metric.get(metric.slug, ())
        if not targets:
            continue
        text = metric_markdown(real_index, metric.slug)
        for dt in targets:
            row = row_of(text, dt.district.slug)
            url = dt.first.measure_url
            assert f"{url.page.split('/')[-1]}{url.suffix})" in row, (metric.slug, dt.district.slug)
            assert ("征求意见稿" in row) >= dt.first.is_draft
            assert ('class="cs-doubt"' in row) >= dt.first.target.uncertain


def test_a_base_years_figure_is_named_as_that_years_wherever_a_period_is_written():
    """铜梁 prints 22% in its 2020 column: "较2020年（22%）" read as if 22% were the target (an official
    read it so); every page that writes a period names the figure as the base year's."""
    from types import SimpleNamespace

    from generator.pages.common import period_text

    # and as the metric's: "2020年为 22%" read as if 22% were a level (a user test), but 能耗降低's 22% is the reduction to 2020
    # as the metric's, after the period, so that the brackets a page writes the period in hold no other brackets
    target = SimpleNamespace(base_year=2020, base_value="22", unit="%", target_year=2025)
    assert period_text(target) == "较2020年，到2025年；2020年本指标为 22%"
    assert period_text(SimpleNamespace(base_year=2020, base_value=None, unit="%", target_year=2025)) == "较2020年，到2025年"


def test_related_metrics_link_each_other_both_ways_and_are_not_merged(real_index):
    """大宗工业固废利用率 (bulk waste only) is not 工业固废综合利用率, nor 占规上工业总产值 占工业总产值:
    a user test read 江津's 70% against 黔江's 95% on one page. Each is its own metric; the pages link
    each other as related (written once in metrics.yaml, shown both ways), and say the values differ."""
    by_metric = {slug: {dt.district.slug for dt in targets} for slug, targets in real_index.relations.targets_by_metric.items()}
    assert by_metric["bulk-industrial-solid-waste-utilization"] == {"jiangjin", "yongchuan"}
    assert by_metric["industrial-solid-waste-utilization"] == {"qianjiang"}
    assert by_metric["strategic-emerging-industry-share-above-scale"] == {"qianjiang"}
    assert by_metric["strategic-emerging-industry-share"] == {"tongliang"}
    for one, other in (("public-charging-facilities", "public-charging-piles"), ("good-air-days-share", "good-air-days"),
                       ("industrial-solid-waste-utilization", "bulk-industrial-solid-waste-utilization")):
        for here, there in ((one, other), (other, one)):
            text = metric_markdown(real_index, here)
            line = next(x for x in text.splitlines() if x.startswith("相关指标"))
            assert "数值不能直接比较" in line and f"metrics/{there}.md)" in line, (here, line)
    assert not any(x.startswith("相关指标") for x in metric_markdown(real_index, "forest-coverage").splitlines())


def test_a_district_is_not_told_to_borrow_a_target_it_sets_another_way(real_index):
    """黔江 sets 充电基础设施 100处; 充电桩数量 (个) is the same thing counted another way, so 可借鉴目标
    does not offer it (a user test); nor 空气质量优良天数 to 永川, which sets 优良天数比例."""
    offered = {slug: {bm.metric.slug for bm in b.by_metric} for slug, b in real_index.borrowable.items()}
    assert "public-charging-piles" not in offered["qianjiang"]
    assert "good-air-days" not in offered["yongchuan"]
    for slug, metrics in offered.items():
        own = {dt.metric.slug for dt in real_index.relations.targets_by_district.get(slug, ())}
        near = {m.slug for held in own for m in real_index.related_metrics.get(held, ())}
        assert not metrics & (own | near), (slug, metrics & (own | near))


def test_a_water_quality_class_reads_as_printed():
    """永川's 达到或优于IV类 is recorded as the class number 4 with ≤ (the smaller the better) and showed
    as ≤4类 (a user test); it reads Ⅳ类或更优, a plain 达到Ⅲ类 reads Ⅲ类. Other units are untouched."""
    from generator.pages.common import value_words

    def words(value: str, comparator: Comparator, unit: str = "类") -> str:
        return value_words(SimpleNamespace(set_by_municipality=False, value=value, unit=unit, comparator=comparator))

    assert words("4", Comparator.at_most) == "Ⅳ类或更优"
    assert words("3", Comparator.equal) == "Ⅲ类"
    assert words("4", Comparator.at_most, "%") == "≤4%"


# -- who answers for a target, and how its values compare (a user test of /metrics/non-fossil-energy-share/,
#    /metrics/forest-coverage/ and /metrics/energy-intensity-reduction/)

def raw_measures() -> dict[str, dict]:
    """Every item of the YAML read with plain PyYAML, by its key (document id / item id)."""
    import yaml

    out = {}
    for path in sorted((ROOT / "site_data" / "documents").glob("*/*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for m in doc["measures"]:
            out[f"{doc['id']}/{m['id']}"] = m
    return out


def unit_readings(measure: dict, role: str) -> list[str]:
    return [u["reading"] if isinstance(u, dict) else u for u in (measure.get("responsibility") or {}).get(role) or []]


def cell_of(row: str, url) -> str:
    """The target cell of a row whose value links to the item at ``url``."""
    link = f"{url.page.split('/')[-1]}{url.suffix})"
    return next(c for c in row.split('<span class="cs-target">')[1:] if link in c.split("<span", 1)[0])


def raw_text(quote) -> str:
    """A quote as read, without white space (BaseLoader: a damaged print is a dict)."""
    text = quote["reading"] if isinstance(quote, dict) else quote or ""
    return "".join(text.split())


def raw_table_names() -> dict[str, str]:
    """Each item (document id / item id) → the table it is printed in, as its document numbers it: the
    nearest enclosing section numbered 附… (附表2, 附件), else 指标表 for an indicator, else 附表."""
    import yaml

    out = {}
    for path in sorted((ROOT / "site_data" / "documents").glob("*/*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        annex: dict[str, str] = {}
        todo = [(sec, "") for sec in doc["outline"]]
        while todo:
            sec, above = todo.pop()
            here = above or (sec["number"] if sec.get("number", "").startswith("附") else "")
            annex[sec["id"]] = here
            todo += [(child, here) for child in sec.get("children") or []]
        for m in doc["measures"]:
            out[f"{doc['id']}/{m['id']}"] = annex.get(m.get("section", ""), "") or ("指标表" if m["kind"] == "indicator" else "附表")
    return out


def raw_target_key(t: dict) -> tuple:
    return (t["metric"], t.get("value", "null"), t.get("unit", ""), t.get("target_year", "null"), t.get("set_by_municipality", "false"))


def carrying_rows(raw: dict, rows: list[str], target: dict) -> list[str]:
    """The rows, of those that implement an item, that carry one of its targets, from the YAML: those
    that print an equal target and hold its clause in their text, else those that print an equal
    target, else those that hold its clause."""
    clause = raw_text(target["clause"])
    stating = [k for k in rows if any(raw_target_key(t) == raw_target_key(target) for t in raw[k].get("targets") or [])]
    holding = [k for k in rows if clause in raw_text(raw[k].get("title")) + raw_text(raw[k]["text"])]
    return [k for k in stating if k in holding] or stating or holding


def test_every_target_names_who_answers_for_it_as_the_document_says_or_that_it_does_not(real_index):
    """An official reading a metric page asks who leads each target (黔江's 23% lands on a 主要目标
    paragraph without a 牵头 line). Read from the YAML: the item that states the target first names
    its lead units (else its responsible, 负责, units); an item that names no unit at all takes those
    of the table row that carries the target (it prints the same target and holds its clause, or one
    of the two), said to be that row's by its number (a user test: 铜梁's 到2025年,建成分散充电桩50个 was
    credited to the three lead units of six rows, row 57 names 区发展改革委 alone), else those of all
    the rows that implement it, named and said not to state it (a user test took 黔江's road-material
    recycling rate for 发展改革委's, from the 充电站 row beside it); where neither names a lead or a responsible
    unit, the cell says the document does not."""
    raw = raw_measures()
    tables = raw_table_names()
    rows_of: dict[str, list[str]] = {}
    for key, m in raw.items():
        for target in m.get("implements") or []:
            rows_of.setdefault(f"{key.split('/')[0]}/{target}", []).append(key)
    seen = {"named": 0, "row": 0, "rows": 0, "none": 0}
    for metric in real_index.metrics:
        targets = real_index.relations.targets_by_metric.get(metric.slug, ())
        if not targets:
            continue
        text = metric_markdown(real_index, metric.slug)
        for dt in targets:
            key = dt.first.measure_key
            own = raw[key]
            cell = html.unescape(re.sub(r"<[^>]+>", "|", cell_of(row_of(text, dt.district.slug), dt.first.measure_url)))
            if any(unit_readings(own, r) for r in ("lead", "support", "joint")) or key not in rows_of:
                named, where, case = [key], "", "named"
            else:
                # the statement's own target in the YAML: the n-th of its item's targets of this metric and clause
                printed = next(t for t in own["targets"] if t["metric"] == metric.slug
                               and raw_text(t["clause"]) == "".join(reading(dt.first.target.clause).split()))
                carrying = carrying_rows(raw, rows_of[key], printed)
                named = carrying or rows_of[key]
                by_table: dict[str, list[str]] = {}
                for k in named:
                    by_table.setdefault(tables[k], []).append(raw[k]["number"])
                where = "（据" + "、".join(f"{t}第 {'、'.join(dict.fromkeys(ns))} 行" for t, ns in by_table.items())
                # no row states the target (黔江's road-material recycling rate): every row, said not to
                where, case = (where + "）", "row") if carrying else (where + "，各行均未写明本目标）", "rows")
            for role, label in (("lead", "牵头"), ("joint", "分工负责")):
                units = list(dict.fromkeys(u for k in named for u in unit_readings(raw[k], role)))
                if units:
                    line = next((part for part in re.split(r"[|；]", cell) if part.startswith(label + where + "：")), None)
                    assert line is not None, (metric.slug, key, label + where, cell)
                    # exactly these units, none of another row's
                    assert line.removeprefix(label + where + "：").removesuffix("等").split("、") == units, (metric.slug, key, cell)
                    seen[case] += 1
                    break
            else:
                assert "原文未写明牵头单位" in cell, (metric.slug, key, cell)
                seen["none"] += 1
    # today's data has each case: 永川's 区经济信息委, 铜梁's row 57, 黔江's rows for a target no row
    # prints, 黔江's 主要目标
    assert all(seen.values()), seen


def test_the_charging_pile_target_of_tongliang_is_credited_to_the_row_that_states_it(real_index):
    """The user test itself: /metrics/public-charging-piles/ credited 铜梁's 到2025年,建成分散充电桩50个
    to 牵头（据附表行）：区住房城乡建委、区交通局、区发展改革委; task 57 of 附表2, which states it, names
    区发展改革委 alone (read from the YAML)."""
    raw = raw_measures()
    row = raw["tongliang-2021-climate-plan/task-57"]
    assert row["number"] == "57" and "到2025年,建成分散充电桩50个" in row["text"]
    leads = unit_readings(row, "lead")
    row_text = row_of(metric_markdown(real_index, "public-charging-piles"), "tongliang")
    (cell,) = [html.unescape(re.sub(r"<[^>]+>", "|", c)) for c in row_text.split('<span class="cs-target">')[1:]
               if "建成分散充电桩50个" in c]
    assert f"|牵头（据附表2第 57 行）：{'、'.join(leads)}|" in cell and "区住房城乡建委" not in cell, cell


def test_equal_targets_of_one_item_are_each_credited_to_the_rows_that_print_their_own_clause(real_index):
    """铜梁's c8-2-2 sets four equal targets (优选1-2个 near-zero-carbon pilots: towns, communities, schools,
    shops); table rows repeat each one alone. Each target's cell names the rows whose text holds its own
    clause (read from the YAML by text alone), and none of the rows of the other three."""
    raw = raw_measures()
    doc = "tongliang-2021-climate-plan"
    clauses = [raw_text(t["clause"]) for t in raw[f"{doc}/c8-2-2"]["targets"]]
    assert len(clauses) == 4 and len(set(clauses)) == 4
    rows_with = {c: {m["number"] for k, m in raw.items() if k.startswith(doc + "/") and m["kind"] == "task"
                     and c in raw_text(m["text"])} for c in clauses}
    assert all(rows_with.values())
    row_text = row_of(metric_markdown(real_index, "near-zero-carbon-pilots"), "tongliang")
    # one cell (the four are equal: ≥1个 ×4) with one lead line per target, in printed order
    (cell,) = [html.unescape(re.sub(r"<[^>]+>", "|", c)) for c in row_text.split('<span class="cs-target">')[1:]]
    lines = re.findall(r"牵头（据([^）]*)）", cell)
    assert len(lines) == 4, cell
    for clause, line in zip(clauses, lines, strict=True):
        named = set(re.findall(r"\d+", line))
        others = set().union(*(n for c, n in rows_with.items() if c != clause))
        assert rows_with[clause] <= named and not named & (others - rows_with[clause]), (clause, line)


CHANGE = re.compile(r"(降低|下降|减少|提高|增长|增加|提升)$")  # a metric named by a change over a period


def test_no_value_is_ranked_as_strength_and_a_change_is_told_from_a_level(real_index):
    """森林覆盖率 ≥65% above 50% says where a district starts, not how hard it tries; a larger cut in
    energy intensity is no stronger target either where a district has more to cut. No metric page
    says 越有力度; each says which way is better and that starting points and sizes differ; a change
    (降低 16% over the period) is said to be a change from the base year, a level or an amount (a
    rate, share or count to reach) not to be one; the chart's order is said to be no ranking."""
    kinds = {"change": 0, "level": 0}
    for metric in real_index.metrics:
        text = metric_markdown(real_index, metric.slug)
        head = text.split("\n\n", 2)[1]  # the line under the title
        assert "越有力度" not in text and "起点和规模不同" in head and "不代表目标力度" in head, (metric.slug, head)
        better = "越大越好" if metric.direction.value == "higher" else "越小越好"
        assert better in head, (metric.slug, head)
        if CHANGE.search(metric.name):
            kinds["change"] += 1
            assert "较基年" + CHANGE.search(metric.name).group(1) + "的幅度" in head, (metric.slug, head)
        else:
            kinds["level"] += 1
            assert "不是较基年的变化幅度" in head, (metric.slug, head)
        assert "<figure" not in text or "排列先后不表示目标力度大小" in text, metric.slug
    assert all(kinds.values()), kinds


def test_a_level_page_points_to_the_base_values_its_targets_print(real_index):
    """Where a target of a level metric gives its base year's figure (铜梁's 森林蓄积量: 95.7万立方米 in
    2020), the page says base values are shown and shows it; a page without one does not claim it."""
    for metric in real_index.metrics:
        targets = real_index.relations.targets_by_metric.get(metric.slug, ())
        if CHANGE.search(metric.name) or not targets:
            continue
        text = metric_markdown(real_index, metric.slug).replace("\\", "")
        based = [dt.first.target for dt in targets if dt.first.target.base_value]
        assert ("基年数值写在目标后" in text) == bool(based), metric.slug
        for t in based:
            assert f"{t.base_year}年本指标为 {t.base_value}{t.unit}" in text, metric.slug


def test_each_districts_count_says_its_targets_and_how_often_the_document_states_them(real_index):
    """A user test on /metrics/public-charging-facilities/: 黔江's row said 「2 处表述」 over one
    target (the main text and annex row 74 state the same 100处). The count now says how many targets
    the row shows and, where the documents state them more often, how often: the statements counted
    here from the YAML files (every target of the metric in the district's documents)."""
    import yaml

    from .conftest import DATA

    statements: dict[tuple[str, str], int] = {}
    for path in sorted((DATA / "documents").rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for m in doc["measures"]:
            for t in m.get("targets") or []:
                key = (t["metric"], doc["district"])
                statements[key] = statements.get(key, 0) + 1
    restated = 0
    for metric in real_index.metrics:
        if not real_index.relations.targets_by_metric.get(metric.slug):
            continue
        text = metric_markdown(real_index, metric.slug)
        for district in {dt.district.slug for dt in real_index.relations.targets_by_metric[metric.slug]}:
            row = row_of(text, district)
            count = re.search(r'class="cs-count">(\d+) 个目标(?:，原文写了 (\d+) 处)?<', row)
            assert count, (metric.slug, district, row[:200])
            shown = sum(int(n or 1) for n in re.findall(r'class="cs-target">\[[^\]]*\]\([^)]*\)(?: ×(\d+))?', row))
            assert int(count.group(1)) == shown, (metric.slug, district)
            printed = statements[(metric.slug, district)]
            assert int(count.group(2) or count.group(1)) == printed, (metric.slug, district, printed)
            restated += printed > shown
    assert restated  # 黔江's 100处 and others are stated twice


def test_the_targets_column_sorts_by_the_value_the_charts_first_panel_draws():
    """The table of 区县 | 目标 sorts on a click like the other overview tables (assets/tablesort.js);
    its 目标 cells (≥16% with years, units and clauses) sort by a number each row names (data-sort):
    the district's value in the chart's first panel, the largest where it has several there, none
    for a district without a value in that year (a 2030 target, 市级下达: last whichever way)."""
    from generator.pages.metric import chart_bars, sort_values, sorted_by_text

    targets = (target("a", "10", 2025), target("a", "14.5", 2025), target("b", "12", 2025), target("c", "9", 2030),
               target("d", None, 2025), target("e", "1E+2", 2025))  # type: ignore[arg-type]
    bars = chart_bars(targets)  # type: ignore[arg-type]
    assert sort_values(targets, bars) == {"a": Decimal("14.5"), "b": Decimal(12), "e": Decimal(100)}  # type: ignore[arg-type]
    assert sorted_by_text(bars) == "到2025年的目标值"
    assert sort_values((), []) == {} and sorted_by_text([]) == ""


def test_the_metric_pages_table_is_sortable_and_each_row_names_its_value(real_index):
    """energy-intensity-reduction: 江津 ≥16% and 永川 14.5% sort by 16 and 14.5; 铜梁 and 黔江 (市级下达) by none."""
    text = metric_markdown(real_index, "energy-intensity-reduction")
    assert '<div class="cs-targets cs-sticky sortable" markdown>' in text
    keys = {d: re.search(r'\| <span data-sort="([^"]*)"></span>', row_of(text, d)).group(1)  # type: ignore[union-attr]
            for d in ("jiangjin", "yongchuan", "tongliang", "qianjiang")}
    assert keys == {"jiangjin": "16", "yongchuan": "14.5", "tongliang": "", "qianjiang": ""}
    assert "点击“目标”按各区县到2025年的目标值排序" in text
