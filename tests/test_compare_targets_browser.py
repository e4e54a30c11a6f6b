"""The compare view's 量化目标对照, under the overview's table of themes (no theme, no metric chosen):
every metric that a district picked sets a target for, with every picked district's targets side by
side: those two or more of them set first, to compare, those only one sets folded after them, a
table per district (an official's question: which targets does a peer set that we do not, and how high?). A metric's
name opens its view with the same districts, where each value's printed words and source are.

Expectations come from the raw YAML (yaml.safe_load of site_data) or from the site index's distinct
targets (SiteIndex.relations), never from compare.js's own way of building the tables.

Run alone with: .venv/bin/python -m pytest tests/test_compare_targets_browser.py
"""
from __future__ import annotations

import copy
import json
import re
from collections import Counter, defaultdict
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from tests.conftest import DATA

pytestmark = pytest.mark.browser

THREE = ("jiangjin", "yongchuan", "tongliang")
FOUR = ("jiangjin", "tongliang", "yongchuan", "qianjiang")
PAIR = ("qianjiang", "yongchuan")
ENERGY = "energy-intensity-reduction"
SYMBOL = {"=": "", "≥": "≥", "≤": "≤", ">": ">", "<": "<"}

# Both tables as shown: the head's districts and their marks; per row the metric's link, per cell
# the district's lines (value, its element, the period and count beside it, a draft mark).
READ = """() => [...document.querySelectorAll('table.cmp-quant')].map(t => ({
  single: t.classList.contains('cmp-quant--single'),
  visible: t.checkVisibility(),
  heads: [...t.tHead.rows[0].cells].slice(1).map(c => ({name: c.querySelector('a').textContent, draft: !!c.querySelector('.cmp-draft')})),
  rows: [...t.tBodies[0].rows].map(tr => ({
    metric: tr.cells[0].querySelector('a').textContent, href: tr.cells[0].querySelector('a').getAttribute('href'),
    cells: [...tr.cells].slice(1).map(td => ({
      none: td.classList.contains('cmp-none'),
      shown: [...td.querySelector('.cmp-quant-values').childNodes]
        .filter(n => !(n.classList && n.classList.contains('cs-visually-hidden'))).map(n => n.textContent).join(''),
      hidden: [...td.querySelectorAll('.cmp-quant-values .cs-visually-hidden')].map(n => n.textContent).join(''),
      lines: [...td.querySelectorAll('.cmp-quant-line')].map(l => ({
        value: l.firstElementChild.textContent, strong: l.firstElementChild.tagName === 'STRONG',
        when: l.querySelector('.cmp-quant-when').textContent,
        count: l.querySelector('.cmp-quant-count') ? l.querySelector('.cmp-quant-count').textContent : '',
        draft: !!l.querySelector('.cmp-draft')}))}))}))}))"""


def load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def yaml_targets() -> dict[str, dict[str, list[dict]]]:
    """district → metric → its targets as the YAML states them (every statement)."""
    out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for m in doc["measures"]:
            for t in m.get("targets") or []:
                out[doc["district"]][t["metric"]].append(t)
    return out


def metric_names() -> dict[str, str]:
    return {m["slug"]: m["name"] for m in load("metrics.yaml")["metrics"]}


def open_overview(page, base: str, picked) -> list[dict]:
    page.goto(base + "compare/?d=" + ",".join(picked))
    page.wait_for_selector(".cmp-table tbody tr")  # the overview's table of themes, there on main too
    assert page.locator(".cmp-quant-box").count() == 1, "no 量化目标对照 under the overview"
    return page.evaluate(READ)


def row_of(tables: list[dict], name: str) -> tuple[dict, dict]:
    """The table and the row of the metric named."""
    found = [(t, r) for t in tables for r in t["rows"] if r["metric"] == name]
    assert len(found) == 1, (name, [t["single"] for t, _ in found])
    return found[0]


def test_three_districts_targets_side_by_side_with_the_ones_only_a_peer_sets_folded(site_url, chromium):
    """江津区, 永川区 and 铜梁区: 单位地区生产总值能耗降低 among the comparable metrics, 江津区 ≥16%,
    永川区 14.5%, 铜梁区 市级下达 in words; each metric only one of them sets in the folded table of
    that district, and only there; a metric's name opens its view with the same districts."""
    targets, names = yaml_targets(), metric_names()
    setters = Counter(m for d in THREE for m in targets[d])
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        tables = open_overview(page, site_url, THREE)
        shared = next(t for t in tables if not t["single"])
        singles = [t for t in tables if t["single"]]  # folded: a table per district, its metrics only
        assert [h["name"] for h in shared["heads"]] == ["江津区", "永川区", "铜梁区"]
        assert [[h["name"] for h in t["heads"]] for t in singles] == [["江津区"], ["永川区"], ["铜梁区"]]
        # which metrics are in which table, from the YAML
        assert {r["metric"] for r in shared["rows"]} == {names[m] for m, n in setters.items() if n > 1}
        for d, table in zip(THREE, singles, strict=True):
            assert {r["metric"] for r in table["rows"]} == {names[m] for m in targets[d] if setters[m] == 1}
        assert shared["visible"] and not any(t["visible"] for t in singles)  # folded until opened
        assert page.locator("details.cmp-quant-more").get_attribute("open") is None
        summary = page.locator("details.cmp-quant-more > summary").inner_text()
        assert summary.startswith(f"只有一个所选区县设有的指标（{sum(len(t['rows']) for t in singles)} 个")

        table, row = row_of(tables, names[ENERGY])
        assert table is shared
        jiangjin, yongchuan, tongliang = row["cells"]
        for slug, cell in zip(THREE, row["cells"], strict=True):
            numbered = [t for t in targets[slug][ENERGY] if t.get("value") is not None]
            for t in numbered:  # the value as printed: its comparator, number and unit
                want = f"{SYMBOL[str(t.get('comparator', '='))]}{t['value']}{t.get('unit', '')}"
                assert any(line["value"] == want and line["strong"] for line in cell["lines"]), (slug, want, cell)
            if not numbered:  # no number of its own: said in words, never as a number
                assert all(t.get("set_by_municipality") for t in targets[slug][ENERGY])
                assert cell["lines"] and all(line["value"].startswith("市级下达") and not line["strong"] for line in cell["lines"]), cell
        assert [line["value"] for line in jiangjin["lines"]] == ["≥16%"]
        assert [line["value"] for line in yongchuan["lines"]] == ["14.5%"]
        assert jiangjin["lines"][0]["when"] == yongchuan["lines"][0]["when"] == "到2025年"
        assert not any(re.search(r"\d", line["value"]) for line in tongliang["lines"])

        # a metric 江津区 does not set: — shown, 未设 read out
        _, fossil = row_of(tables, names["non-fossil-energy-share"])
        assert "non-fossil-energy-share" not in targets["jiangjin"]
        assert fossil["cells"][0] == {"none": True, "shown": "—", "hidden": "未设", "lines": []}

        # a metric only 江津区 sets is in its folded table alone, with its value once opened
        only = next(m for m in targets["jiangjin"] if setters[m] == 1)
        table, row = row_of(tables, names[only])
        assert table is singles[0] and len(row["cells"]) == 1 and not row["cells"][0]["none"]
        page.locator("details.cmp-quant-more > summary").click()
        assert page.locator("table.cmp-quant--single").first.is_visible()

        # the metric's name: the compare view of the same districts with the metric chosen, its sources listed
        link = page.locator("table.cmp-quant a", has_text=re.compile("^" + names[ENERGY] + "$")).first
        query = parse_qs(urlparse(link.get_attribute("href")).query)
        assert query == {"d": [",".join(THREE)], "m": [ENERGY]}
        link.click()
        page.wait_for_selector(".cmp-brief tr")
        assert parse_qs(urlparse(page.url).query) == {"d": [",".join(THREE)], "m": [ENERGY]}
        assert page.locator("select[aria-label='指标']").input_value() == ENERGY
        assert page.locator(".cmp-brief a", has_text="出处").count() >= len(THREE)
        assert page.locator(".cmp-quant-box").count() == 0
        # under the filter 只看…没有相似措施的 the overview has it too
        page.goto(site_url + "compare/?d=" + ",".join(THREE) + "&gap=1")
        page.wait_for_selector(".cmp-quant-box table.cmp-quant")
    finally:
        page.close()


def expected_tables(index, picked) -> tuple[list[str], list[str], dict]:
    """The comparable metrics (set by two or more of the districts picked: those most of them give a
    number of their own for first, then most setters, then the registry's order) and the others (by
    district, then the registry's order); per (district, metric) its distinct targets, from the site
    index."""
    rank = {m["slug"]: i for i, m in enumerate(load("metrics.yaml")["metrics"])}
    mine: dict = defaultdict(list)
    for d in picked:
        for dt in index.relations.targets_by_district.get(d, ()):
            mine[(d, dt.metric.slug)].append(dt)
    setters: dict[str, list[int]] = defaultdict(list)
    for (d, slug) in mine:
        setters[slug].append(picked.index(d))
    numbered = Counter(slug for (d, slug), dts in mine.items() if any(dt.numbered for dt in dts))
    shared = sorted((s for s in setters if len(setters[s]) > 1), key=lambda s: (-numbered[s], -len(setters[s]), rank[s]))
    single = sorted((s for s in setters if len(setters[s]) == 1), key=lambda s: (min(setters[s]), rank[s]))
    return shared, single, mine


def shown_year(when: str) -> str:
    """The target year a line's period says (2025年, or 未写明年份), however much of the period is shown."""
    found = re.search(r"\d{4}年|未写明年份", when.split("；")[0].split("，")[-1])
    assert found, when
    return found.group()


@pytest.mark.parametrize("picked", [FOUR, PAIR], ids=["four", "pair"])
def test_every_cell_holds_the_districts_distinct_targets(site_url, chromium, real_index, picked):
    """Every row and cell against the site index: the metrics in order, and in each cell each distinct
    target of the district once (alike ones counted), by its value text and target year; a draft's
    marked (by the value, or once by the district's name), a value without a number of its own in
    words, not in bold as a number; — with 未设 read out where the district sets none."""
    from generator.pages.common import distinct_value_text

    shared, single, mine = expected_tables(real_index, picked)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        tables = open_overview(page, site_url, picked)
        # the comparable table, then the folded part: a table per district setting some metric alone
        owners = [d for d in picked if any((d, s) in mine for s in single)]
        assert [t["single"] for t in tables] == [False] + [True] * len(owners)
        groups = [(picked, shared)] + [((d,), [s for s in single if (d, s) in mine]) for d in owners]
        for table, (columns, slugs) in zip(tables, groups, strict=True):
            assert [h["name"] for h in table["heads"]] == [real_index.district(d).name for d in columns]
            assert [r["metric"] for r in table["rows"]] == [real_index.metric_by_slug[s].name for s in slugs]
            for slug, row in zip(slugs, table["rows"], strict=True):
                assert parse_qs(urlparse(row["href"]).query) == {"d": [",".join(picked)], "m": [slug]}
                for d, head, cell in zip(columns, table["heads"], row["cells"], strict=True):
                    dts = mine.get((d, slug), [])
                    if not dts:
                        assert cell == {"none": True, "shown": "—", "hidden": "未设", "lines": []}, (d, slug)
                        continue
                    want = Counter((distinct_value_text(dt), f"{dt.first.target.target_year}年" if dt.first.target.target_year else "未写明年份",
                                    dt.first.draft is not None) for dt in dts)
                    shown: Counter = Counter()
                    for line in cell["lines"]:
                        n = int(re.fullmatch(r"（(\d+) 项）", line["count"]).group(1)) if line["count"] else 1
                        shown[(line["value"], shown_year(line["when"]), line["draft"] or head["draft"])] += n
                    assert shown == want, (d, slug, cell)
                    numbered = {distinct_value_text(dt): dt.numbered for dt in dts}
                    for line in cell["lines"]:
                        assert line["strong"] == numbered[line["value"]], (d, slug, line)
                        if not numbered[line["value"]]:
                            assert not re.search(r"\d", line["value"]), line
        # the lead counts them as the tables do
        lead = page.locator(".cmp-quant-box > p").first.inner_text()
        assert f"所选 {len(picked)} 个区县共设有 {len(shared) + len(single)} 个指标的量化目标，其中 {len(shared)} 个" in lead
    finally:
        page.close()


# Every element of the section that reaches outside the viewport, and every cell whose content is
# wider than the cell; the tables' boxes.
LAYOUT = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('.cmp-quant-box, .cmp-quant-box *')) {
    const r = e.getBoundingClientRect();
    if (r.width && (r.left < -1 || r.right > vw + 1)) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  for (const c of document.querySelectorAll('.cmp-quant :is(th, td)')) {
    if (c.getClientRects().length && c.scrollWidth > c.clientWidth + 1) out.push('cell ' + c.textContent.slice(0, 20));
  }
  const rows = [...document.querySelectorAll('table.cmp-quant:not(.cmp-quant--single) tbody tr')].map(tr => {
    const th = tr.cells[0].getBoundingClientRect(), td = tr.cells[1].getBoundingClientRect();
    return {thBottom: th.bottom, tdTop: td.top, thRight: th.right, tdLeft: td.left};
  });
  return {page: document.documentElement.scrollWidth, vw, out: out.slice(0, 10), rows,
    head: getComputedStyle(document.querySelector('table.cmp-quant thead')).display,
    who: [...document.querySelectorAll('table.cmp-quant:not(.cmp-quant--single) .cmp-quant-who')].filter(w => w.getClientRects().length).length};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_tables_fit_a_phone_and_a_desktop(site_url, chromium, width):
    """Four districts: nothing sideways, neither the page nor a cell, the folded table opened too. On a
    phone each metric is a block, its name above a line per district that names it; on a desktop a
    table with the districts' names in its head and the values beside the metric."""
    page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
    try:
        open_overview(page, site_url, FOUR)
        page.locator("details.cmp-quant-more > summary").click()
        found = page.evaluate(LAYOUT)
        assert found["page"] <= found["vw"] <= width, found
        assert found["out"] == [], found["out"]
        assert found["rows"], "no comparable metric"
        if width < 600:
            assert found["head"] == "none"
            assert found["who"] == len(found["rows"]) * len(FOUR)
            assert all(r["thBottom"] <= r["tdTop"] + 1 for r in found["rows"]), found["rows"][:3]
        else:
            assert found["head"] != "none" and found["who"] == 0
            assert all(r["thRight"] <= r["tdLeft"] + 1 and r["tdTop"] < r["thBottom"] - 1 for r in found["rows"]), found["rows"][:3]
    finally:
        page.close()


def test_a_cells_periods_tell_its_targets_apart(site_url, chromium):
    """Periods in short (the target year) never merge two targets of a cell: where two values alike
    differ only in what else their periods say (a base year's figure), each period is given whole;
    where a row's targets count from different base years, each says its own; targets alike in value,
    period and marks are one line with their number. 江津区's data is altered in the browser to hold
    such targets (the real corpus has none)."""
    def altered(route):
        data = json.loads(route.fetch().text())
        energy = data["metrics"][ENERGY][0]
        assert (energy["value"], energy["period"], energy["year"], energy["base"]) == ("≥16%", "较2020年，到2025年", 2025, 2020)
        data["metrics"][ENERGY] += [copy.deepcopy(energy), dict(copy.deepcopy(energy), period="较2020年，到2025年；2020年本指标为 20%")]
        carbon = data["metrics"]["carbon-intensity-reduction"][0]
        assert carbon["period"] == "较2020年，到2025年"
        data["metrics"]["carbon-intensity-reduction"].append(dict(copy.deepcopy(carbon), value="≥30%", period="较2015年，到2025年", base=2015))
        route.fulfill(json=data)

    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.route("**/compare/data/jiangjin.json", altered)
        tables = open_overview(page, site_url, THREE)
        names = metric_names()
        _, energy = row_of(tables, names[ENERGY])
        assert [(line["value"], line["when"], line["count"]) for line in energy["cells"][0]["lines"]] == [
            ("≥16%", "较2020年，到2025年", "（2 项）"), ("≥16%", "较2020年，到2025年；2020年本指标为 20%", "")]
        assert [line["when"] for line in energy["cells"][1]["lines"]] == ["到2025年"]  # 永川区's alone: the year
        _, carbon = row_of(tables, names["carbon-intensity-reduction"])
        assert [(line["value"], line["when"]) for line in carbon["cells"][0]["lines"]] == [
            ("≥18%", "较2020年，到2025年"), ("≥30%", "较2015年，到2025年")]
    finally:
        page.close()
