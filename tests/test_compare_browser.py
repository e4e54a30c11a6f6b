"""The compare view's heat map in Chromium: each cell is the district's number of distinct measures
on the theme, and the 显示占比 switch turns every cell into that number's share of the district's
measures. Ground truth from the raw YAML (tests.test_trust.groups), not from the site's JSON.

Run alone with: .venv/bin/python -m pytest tests/test_compare_browser.py
"""
from __future__ import annotations

import itertools
from collections import defaultdict

import pytest
import yaml

from tests.conftest import DATA
from tests.test_trust import groups, raw_documents

pytestmark = pytest.mark.browser


def expected() -> tuple[list[str], list[str], dict[tuple[str, str], int], dict[str, int]]:
    """District slugs and theme names in registry order; distinct measures per (district, theme name) and per district."""
    districts = [d["slug"] for d in yaml.load((DATA / "districts.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["districts"]]
    themes = yaml.load((DATA / "themes.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["themes"]
    name = {t["slug"]: t["name"] for t in themes}
    cells: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for doc in raw_documents():
        for group in groups(doc):
            totals[doc["district"]] += 1
            for slug in {t for m in group for t in m["themes"]}:
                cells[(doc["district"], name[slug])] += 1
    return [d for d in districts if totals[d]], [t["name"] for t in themes], cells, totals


READ_TABLE = """() => [...document.querySelectorAll('.cmp-table tbody tr')].map(tr =>
  [...tr.children].map(c => [c.textContent.trim(), c.style.getPropertyValue('--cmp-level')]))"""
# the most lines any share's text takes in its cell
LINES = """() => Math.max(...[...document.querySelectorAll('.cmp-table td.cmp-heat a')].map(a => {
  const r = document.createRange(); r.selectNodeContents(a);
  return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }))"""


def test_heat_map_counts_distinct_measures_and_switches_to_shares(built_site, chromium):
    from generator.bench import serve

    districts, themes, cells, totals = expected()
    with serve(built_site) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        try:
            check_heat_map(page, base, districts, themes, cells, totals)
        finally:
            page.close()


def check_heat_map(page, site_url: str, districts, themes, cells, totals) -> None:
    """The four first districts' heat map, read as counts and then as shares."""
    page.goto(site_url + "compare/?d=" + ",".join(districts[:4]))
    page.wait_for_selector(".cmp-table tbody tr")
    shown = districts[:4]
    rows = page.evaluate(READ_TABLE)
    assert [r[0][0] for r in rows] == themes + ["措施合计"]
    assert [int(c[0]) for c in rows[-1][1:]] == [totals[d] for d in shown]
    for theme, row in zip(themes, rows, strict=False):
        assert [c[0] for c in row[1:]] == [str(cells[(d, theme)]) if cells[(d, theme)] else "无" for d in shown], theme
    page.check(".cmp-share input")
    rows = page.evaluate(READ_TABLE)
    for theme, row in zip(themes, rows, strict=False):
        shares = {d: cells[(d, theme)] / totals[d] for d in shown if cells[(d, theme)]}
        for d, (text, level) in zip(shown, row[1:], strict=True):
            if d not in shares:
                assert text == "无"
                continue
            assert text.endswith("%") and abs(int(text[:-1]) - 100 * shares[d]) <= 0.5, (theme, d, text)
            # the darkest cell of a row is the largest share, not the largest count
            assert abs(float(level) - shares[d] / max(shares.values())) <= 0.006, (theme, d, level)
    # a share never wraps before its % sign on a phone
    assert page.evaluate(LINES) == 1


# Items of the numbered lists in the compare view that start with a printed number (1. / （三）).
NUMBERED_PRINTED = """() => [...document.querySelectorAll('#compare-app ol > li')]
  .map(li => li.textContent.trim()).filter(t => /^[\\d（(]/.test(t))"""


def test_theme_columns_do_not_number_printed_numbers_again(built_site, chromium):
    """A theme's measures carry their printed numbers (1. 协同开发油气资源。, （二） 主要目标); a
    numbered list would put its own numbers beside them ("6. 10. 提升…")."""
    from generator.bench import serve

    with serve(built_site) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        try:
            page.goto(base + "compare/?d=jiangjin,yongchuan,qianjiang&t=energy")
            page.wait_for_selector(".cmp-items li")
            assert page.locator(".cmp-items li").count() > 10
            assert page.evaluate(NUMBERED_PRINTED) == []
        finally:
            page.close()


HEADING_LEVELS = """() => Array.from(document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3, .md-content h4'))
    .filter(h => h.offsetParent !== null || h.closest('.cmp-col')).map(h => Number(h.tagName[1]))"""


def test_the_side_by_side_view_keeps_its_headings_in_order(built_site, chromium):
    """Screen readers move by headings: a comparison's columns (a district each) and their parts
    (targets, measures) follow the page's h1 without skipping a level; the columns name a district
    whose documents are drafts as such."""
    from generator.bench import serve

    with serve(built_site) as base:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(base + "compare/?d=jiangjin,yongchuan,qianjiang&t=energy")
            page.wait_for_selector(".cmp-items li")
            levels = page.evaluate(HEADING_LEVELS)
            assert levels[0] == 1 and 2 in levels and 3 in levels
            assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
        finally:
            page.close()


def test_a_phone_shares_the_district_column_it_shows(built_site, chromium):
    """On a phone the columns are tabs: the chosen district goes into the address (c=…), so a link
    sent from the phone opens on the same district's column; its supporting units are listed (配合)."""
    from generator.bench import serve

    with serve(built_site) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        try:
            page.goto(base + "compare/?d=jiangjin,yongchuan,qianjiang&t=energy")
            page.wait_for_selector(".cmp-tab")
            page.locator(".cmp-tab").nth(1).click()
            assert "c=yongchuan" in page.url
            page.goto(page.url)
            page.wait_for_selector(".cmp-tab")
            assert page.locator(".cmp-tab").nth(1).get_attribute("aria-selected") == "true"
            assert page.locator(".cmp-col.cmp-active h2").inner_text().startswith("永川区")
            assert page.locator(".cmp-col.cmp-active .cmp-lead", has_text="配合：").count() > 0
            page.locator(".cmp-tab").nth(0).click()
            assert "c=" not in page.url
        finally:
            page.close()


METRIC = "non-fossil-energy-share"
FOUR = ("jiangjin", "tongliang", "yongchuan", "qianjiang")
READ_BRIEF = """() => [...document.querySelectorAll('.cmp-brief tr')].map(tr => ({
  name: tr.querySelector('th').textContent, text: tr.querySelector('td').textContent,
  links: [...tr.querySelectorAll('td a')].map(a => a.getAttribute('href')),
  bottom: tr.getBoundingClientRect().bottom}))"""


def test_a_metric_shows_every_districts_values_first(site_url, chromium, real_index):
    """On a phone the columns are tabs, the first (江津区) without a target for 非化石能源消费比重: a
    row per district above them says every district's values, their years and where they are
    printed (未设定 for none), in the first screen without a tap or a scroll; so it does beside the
    columns on a desktop. The closed select reads the metric's name and how many of the districts
    picked set it whole; the names after that (铜梁区、永川区为市级下达) may be cut short on a phone,
    the view below says them in full."""
    from generator.pages.common import distinct_value_text

    rel = real_index.relations
    want = {d: [dt for dt in rel.targets_by_district.get(d, ()) if dt.metric.slug == METRIC] for d in FOUR}
    assert not want["jiangjin"] and any(distinct_value_text(dt) == "23%" for dt in want["qianjiang"])
    for width in (390, 1280):
        height = 844 if width < 600 else 900
        page = chromium.new_page(viewport={"width": width, "height": height})
        try:
            page.goto(site_url + "compare/?d=" + ",".join(FOUR) + "&m=" + METRIC)
            page.wait_for_selector(".cmp-col")
            rows = page.evaluate(READ_BRIEF)
            assert [r["name"] for r in rows] == [real_index.district(d).name for d in FOUR]
            for d, row in zip(FOUR, rows, strict=True):
                if not want[d]:
                    assert row["text"] == "未设定" and not row["links"], row
                    continue
                assert row["links"] == ["../" + dt.first.measure_url.site_path for dt in want[d]]
                for dt in want[d]:
                    assert distinct_value_text(dt) in row["text"] and f"{dt.first.target.target_year}年" in row["text"], row
            qianjiang = rows[3]
            assert qianjiang["text"].startswith("23%（到2025年）"), qianjiang
            assert qianjiang["bottom"] <= height, (width, qianjiang)  # in the first screen, not scrolled
            assert page.evaluate("window.scrollY") == 0
            if width < 600:
                assert page.locator(".cmp-tab").first.get_attribute("aria-selected") == "true"  # 江津区's column…
                assert page.locator(".cmp-brief").is_visible()  # …under every district's values
            # the metric's option as the closed select shows it: its name and count whole, not cut off
            fits = page.evaluate("""() => {
              const s = document.querySelector("select[aria-label='指标']"), cs = getComputedStyle(s);
              const probe = document.createElement('span');
              probe.style.font = cs.font; probe.style.whiteSpace = 'pre'; probe.style.position = 'absolute';
              const option = s.options[s.selectedIndex].text;
              probe.textContent = option.slice(0, option.indexOf('个设有') + 3);
              document.body.appendChild(probe);
              const text = probe.getBoundingClientRect().width; probe.remove();
              // the select's own padding and its arrow (about 1.5em) leave the rest for the text
              return [text, s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 1.5 * parseFloat(cs.fontSize)];
            }""")
            assert fits[0] <= fits[1], (width, fits)
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        finally:
            page.close()


def test_picking_a_metric_folds_the_list_of_districts_away(site_url, chromium, real_index):
    """An official on a phone ticks three districts and picks a metric (a user test): the list of
    districts, open while they were picked, folds away as a shared link opens it, so every district's
    value is on the screen without a scroll."""
    picked = ("jiangjin", "yongchuan", "qianjiang")
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(site_url + "compare/")
        for slug in picked:
            page.locator(".cmp-region label", has_text=real_index.district(slug).name).first.click()
        toggle = page.locator("button[aria-expanded]").first
        assert toggle.get_attribute("aria-expanded") == "true"  # the premise: the list is open while picking
        page.select_option("select[aria-label='指标']", METRIC)
        page.wait_for_selector(".cmp-brief tr")
        assert toggle.get_attribute("aria-expanded") == "false"
        rows = page.evaluate(READ_BRIEF)
        assert [r["name"] for r in rows] == [real_index.district(d).name for d in picked]
        assert rows[-1]["text"].startswith("23%"), rows[-1]
        assert rows[-1]["bottom"] <= 844, rows[-1]  # in the screen as it is now, without a scroll
    finally:
        page.close()
