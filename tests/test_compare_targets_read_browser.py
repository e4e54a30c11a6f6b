"""量化目标对照 read as an official answering "what 2025 targets do 江津区 and 铜梁区 set that 永川区
doesn't, and are ours higher or lower?" (a user test): a doubted target's cell links to a note under
its table that says what is in doubt (the editors' note, as the YAML has it); the comparable metrics
ordered by how many of the districts picked write a number of their own, the lead saying so without
calling them all comparable; a cell of several values says under each what tells it apart (its
printed clause), the value and its year apart; a district whose targets come from a draft named in a
sentence above the tables; the metrics only one district sets grouped by district; under the filter
只看…没有相似措施的, a sentence saying the targets are not filtered.

Expectations are written by hand or read from the raw YAML, never computed as compare.js does.

Run alone with: .venv/bin/python -m pytest tests/test_compare_targets_read_browser.py
"""
from __future__ import annotations

import pytest

from tests.test_compare_targets_browser import load, metric_names, yaml_targets

pytestmark = pytest.mark.browser

THREE = ("yongchuan", "jiangjin", "tongliang")
ENERGY = "energy-intensity-reduction"


@pytest.fixture()
def page(site_url, chromium):
    pg = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield pg
        assert not errors, errors
    finally:
        pg.close()


def overview(page, base: str, picked=THREE, extra: str = "") -> None:
    page.goto(base + "compare/?d=" + ",".join(picked) + extra)
    page.wait_for_selector(".cmp-quant-box table.cmp-quant")


def row(page, name: str):
    """The row of the comparable table whose metric is `name`."""
    return page.locator("table.cmp-quant:not(.cmp-quant--single) tbody tr").filter(
        has=page.locator("th a", has_text=name)).first


def test_a_doubted_target_links_to_a_note_saying_what_is_in_doubt(page, site_url):
    """铜梁区's 单位地区生产总值能耗降低 (市级下达, 2020 column 22%): its cell's mark links to a note under
    the table whose text is the YAML's note on the doubted target, in full."""
    doubted = [t for t in yaml_targets()["tongliang"][ENERGY] if t.get("uncertain")]
    assert len(doubted) == 1 and doubted[0]["note"]
    overview(page, site_url)
    cell = row(page, metric_names()[ENERGY]).locator("td").nth(2)
    ref = cell.locator(".cmp-quant-ref a")
    assert ref.count() == 1
    note = page.locator(ref.get_attribute("href"))
    assert note.locator(".cmp-quant-note-text").text_content() == doubted[0]["note"]
    assert note.inner_text().startswith(ref.inner_text() + "　铜梁区 · 单位地区生产总值能耗降低：")
    # under the table of comparable metrics, not folded away
    assert note.is_visible()
    assert page.evaluate("""() => { const t = document.querySelector('table.cmp-quant'), n = document.querySelector('ol.cmp-quant-notes');
        return !!(t.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    ref.click()
    assert page.evaluate("document.activeElement.id") == ref.get_attribute("href")[1:]


def test_every_note_mark_leads_to_its_note_in_the_folded_part_too(page, site_url):
    """The doubted targets only one district sets (铜梁区's are in the folded part) link to notes under
    their tables as the comparable ones do: every mark leads to a note of the section, the notes are
    numbered 1, 2, 3 … in the order of the page, and the folded part, once open, shows those of its
    own. A review found the folded part's notes never drawn, their marks leading nowhere."""
    targets = yaml_targets()
    # 铜梁区's doubted targets of metrics the other two do not set: in the folded part
    alone = sorted(metric_names()[m] for m, ts in targets["tongliang"].items()
                   if any(t.get("uncertain") for t in ts) and m not in targets["yongchuan"] and m not in targets["jiangjin"])
    assert alone  # the corpus has such targets
    overview(page, site_url)
    page.locator("details.cmp-quant-more > summary").click()
    marks = page.evaluate("""() => [...document.querySelectorAll('.cmp-quant-box .cmp-quant-ref a')].map(a => [
        a.getAttribute('href'), !!document.getElementById(a.getAttribute('href').slice(1)), a.textContent])""")
    notes = page.evaluate("""() => [...document.querySelectorAll('.cmp-quant-box ol.cmp-quant-notes li')].map(li => li.id)""")
    folded = page.locator("details.cmp-quant-more ol.cmp-quant-notes li")
    assert len(marks) > 1 and folded.count() > 0
    assert all(found for _, found, _ in marks), marks
    assert notes == [f"cmp-quant-note-{n}" for n in range(1, len(notes) + 1)]
    assert sorted({href[1:] for href, _, _ in marks}) == sorted(notes)
    assert folded.first.is_visible()
    said = folded.all_inner_texts()
    assert all(any(f"铜梁区 · {name}：" in note for note in said) for name in alone), (alone, said)


def test_the_comparable_metrics_come_by_how_many_districts_write_a_number(page, site_url):
    """江津区, 永川区 and 铜梁区 (in the order 永川区, 江津区, 铜梁区): of the five metrics two or more of
    them set, the three two of them write a number of their own for come first (能耗降低: 永川区 14.5%,
    江津区 ≥16%, 铜梁区 市级下达, before those only two set), then 碳排放降低 (only 江津区's ≥18%), then
    非化石能源消费比重 (市级下达 both); the lead says so and calls none of them 可直接比较. Written by hand
    from the YAML."""
    overview(page, site_url)
    names = page.locator("table.cmp-quant:not(.cmp-quant--single) tbody th a").all_inner_texts()
    assert names == ["单位地区生产总值能耗降低", "规模以上单位工业增加值能耗降低", "大宗工业固体废物综合利用率",
                     "单位地区生产总值二氧化碳排放降低", "非化石能源消费比重"]
    lead = page.locator(".cmp-quant-box > p").first.inner_text()
    assert lead.startswith("所选 3 个区县共设有 76 个指标的量化目标，其中 5 个有两个以上区县设有（其中 3 个有两个以上区县写出本区数值，排在前面）；"
                           "只有一个区县设有的 71 个列在表后，可展开查看。"), lead
    assert "可直接比较" not in page.locator(".cmp-quant-box").inner_text()
    # the key: what a cell says, its marks; the draft said above it, the doubts below the table
    key = page.locator(".cmp-quant-box > p.cmp-note").inner_text()
    assert key == ("每格是该区县的目标值和目标年份；同一格有几项目标时，每项下面是原文中区分它的字句，字句也相同的几项注明项数；“—”表示未设。"
                   "所列共 92 个目标，其中 9 个没有本区数值（市级下达 8 个、数值无法确定 1 个）。“稿”：目标出自征求意见稿（见上）。"
                   "“存疑”：本站对该目标的读法存疑，存疑之处见表下的注。"), key
    assert page.locator(".cmp-quant-box h2").inner_text() == "量化目标对照"
    assert page.locator("table.cmp-quant caption").first.text_content() == "有两个以上区县设有的指标（5 个）"


# A cell's lines as shown: the value, its period, what tells it apart, and the line's text as copied
LINES = """td => [...td.querySelectorAll('.cmp-quant-line')].map(l => ({
  value: l.firstElementChild.textContent, when: l.querySelector('.cmp-quant-when').textContent,
  tell: l.querySelector('.cmp-quant-tell') ? l.querySelector('.cmp-quant-tell').textContent : '',
  text: l.textContent}))"""


def test_a_cell_of_several_values_says_which_is_which(page, site_url):
    """铜梁区's 充电桩数量: 50个, 100个 and 2000个, each with the printed words that tell it apart (分散,
    专属, 公用: quoted from the YAML's clause), its year after a space (50个 到2025年, never 502025年);
    a cell of one value has nothing under it."""
    clauses = {f"{t['value']}{t.get('unit', '')}": " ".join(str(t["clause"]).split()) for t in yaml_targets()["tongliang"]["public-charging-piles"]}
    overview(page, site_url)
    page.locator("details.cmp-quant-more > summary").click()
    cell = page.locator("table.cmp-quant tbody tr").filter(has=page.locator("th a", has_text="充电桩数量")).locator("td", has_text="50个")
    lines = cell.evaluate(LINES)
    assert [(line["value"], line["when"]) for line in lines] == [("50个", "到2025年"), ("100个", "到2025年"), ("2000个", "到2024年")]
    for line, kind in zip(lines, ("分散", "专属", "公用"), strict=True):
        assert kind in line["tell"], line
        assert line["tell"].strip("“”") in clauses[line["value"]], (line, clauses)
        assert line["text"].startswith(line["value"] + " " + line["when"]), line
    # 江津区's 能耗降低, one value: its year apart, nothing under it
    energy = row(page, metric_names()[ENERGY]).locator("td").nth(1).evaluate(LINES)
    assert energy == [{"value": "≥16%", "when": "到2025年", "tell": "", "text": "≥16% 到2025年"}]


def test_a_draft_districts_targets_are_said_to_come_from_a_draft(page, site_url):
    """铜梁区's targets come from a 征求意见稿 whose final (铜环发〔2022〕93号) is issued but not on the site:
    a sentence above the tables names 铜梁区 and says so, with the final's page; 永川区 and 江津区
    alone have no such sentence."""
    overview(page, site_url)
    said = page.locator(".cmp-quant-box > p.cmp-final")
    assert said.count() == 1
    text = said.inner_text()
    assert text.startswith("铜梁区的目标出自征求意见稿；定稿（铜环发〔2022〕93号）已于 2022-09-02 印发，本站尚未收录，条目和数值可能不同"), text
    assert said.locator("a", has_text="定稿发布页面").get_attribute("href").startswith("http")
    assert said.is_visible()
    assert page.evaluate("""() => { const p = document.querySelector('.cmp-quant-box > p.cmp-final'), t = document.querySelector('table.cmp-quant');
        return !!(p.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    overview(page, site_url, ("yongchuan", "jiangjin"))
    assert page.locator(".cmp-quant-box p.cmp-final").count() == 0


GROUPS = """() => [...document.querySelectorAll('details.cmp-quant-more h3')].map(h => ({
  heading: h.textContent, columns: h.nextElementSibling.tHead.rows[0].cells.length,
  metrics: [...h.nextElementSibling.tBodies[0].rows].map(r => r.cells[0].querySelector('a').textContent),
  cells: [...h.nextElementSibling.tBodies[0].rows].map(r => r.cells.length)}))"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_metrics_only_one_district_sets_are_grouped_by_district(site_url, chromium, width):
    """The folded part: a heading per district (铜梁区 42 个), in the order picked, over its metrics and
    values in two columns (no column of 未设 for the others), on a desktop and a phone; the counts
    and metrics from the YAML."""
    targets, names = yaml_targets(), metric_names()
    setters: dict[str, int] = {}
    for d in THREE:
        for m in targets[d]:
            setters[m] = setters.get(m, 0) + 1
    rank = {m["slug"]: i for i, m in enumerate(load("metrics.yaml")["metrics"])}
    want = []
    for d, name in zip(THREE, ("永川区", "江津区", "铜梁区"), strict=True):
        own = sorted((m for m in targets[d] if setters[m] == 1), key=rank.__getitem__)
        want.append({"heading": f"{name} {len(own)} 个", "columns": 2, "metrics": [names[m] for m in own], "cells": [2] * len(own)})
    assert want[2]["heading"] == "铜梁区 42 个"
    page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
    try:
        overview(page, site_url)
        summary = page.locator("details.cmp-quant-more > summary")
        assert summary.inner_text() == "只有一个所选区县设有的指标（71 个：永川区 17 个、江津区 12 个、铜梁区 42 个）"
        summary.click()
        assert page.evaluate(GROUPS) == want
        assert page.locator("details.cmp-quant-more td.cmp-none").count() == 0
        assert page.locator("details.cmp-quant-more h3").last.is_visible()
    finally:
        page.close()


def test_under_the_gap_filter_the_targets_are_said_to_be_unfiltered(page, site_url):
    """只看永川区没有相似措施的 filters the measures, not the targets: the section says it lists them all,
    and lists as many as without the filter; without the filter it says nothing of it."""
    overview(page, site_url)
    assert page.locator(".cmp-quant-unfiltered").count() == 0
    rows = page.locator(".cmp-quant-box table.cmp-quant tbody tr").count()
    overview(page, site_url, extra="&gap=1")
    said = page.locator(".cmp-quant-box .cmp-quant-unfiltered").inner_text()
    assert said == "本节列出所选区县的全部量化目标，不受“只看永川区没有相似措施的”筛选影响。"
    assert page.locator(".cmp-quant-box table.cmp-quant tbody tr").count() == rows
