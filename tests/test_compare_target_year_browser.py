"""量化目标对照's choice of target year, read as an official asking "which 2025 targets do peers set":
the years offered are those of the districts picked (never a fixed list), the tables and the counts
then hold the targets of that year alone, and the address keeps the choice (y=2025), so a shared link
opens on it; on a phone the choice is a finger's height and fits the screen.

Expectations come from the raw YAML (yaml.safe_load of site_data), each printed target counted once as
the site counts distinct targets (DISTINCT_TARGET_DEFINITION: one district, metric, value and year; an
item's equal targets apart), never from the JSON the build writes or from compare.js.

Run alone with: .venv/bin/python -m pytest tests/test_compare_target_year_browser.py
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from tests.conftest import DATA, watched_page
from tests.test_compare_targets_browser import metric_names, shown_year

pytestmark = pytest.mark.browser

THREE = ("jiangjin", "yongchuan", "tongliang")
NO_YEAR = "未写明年份"

# Every line of every 量化目标对照 table, the folded ones too: its metric, its district column, the
# year its period says and how many targets it stands for (2 项: alike ones said once).
LINES = """() => [...document.querySelectorAll('.cmp-quant-box table.cmp-quant')].flatMap(t => {
  const heads = [...t.tHead.rows[0].cells].slice(1).map(c => c.querySelector('a').textContent);
  return [...t.tBodies[0].rows].flatMap(tr => [...tr.cells].slice(1).flatMap((td, i) =>
    [...td.querySelectorAll('.cmp-quant-line')].map(l => ({
      metric: tr.cells[0].querySelector('a').textContent, district: heads[i],
      when: l.querySelector('.cmp-quant-when').textContent,
      count: l.querySelector('.cmp-quant-count') ? Number(l.querySelector('.cmp-quant-count').textContent.match(/\\d+/)[0]) : 1}))));
})"""


def distinct_targets() -> dict[str, list[tuple[str, int | None]]]:
    """district slug → its distinct targets as (metric, target year or None), from the YAML: printed
    targets alike in district, metric, value (or 市级下达), unit and year are one; equal targets within
    one item stay apart (the n-th of them joins the n-th equal one of another item)."""
    seen: set[tuple] = set()
    out: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for m in doc["measures"]:
            within: Counter[tuple] = Counter()
            for t in m.get("targets") or []:
                value = None if t.get("value") is None else str(t["value"])
                key = (doc["district"], t["metric"], value, bool(t.get("set_by_municipality")), t.get("unit", ""), t.get("target_year"))
                place = key + (within[key],)
                within[key] += 1
                if place not in seen:
                    seen.add(place)
                    out[doc["district"]].append((t["metric"], t.get("target_year")))
    return out


def district_names() -> dict[str, str]:
    return {d["slug"]: d["name"] for d in yaml.safe_load((DATA / "districts.yaml").read_text(encoding="utf-8"))["districts"]}


def year_label(year: int | None) -> str:
    return NO_YEAR if year is None else f"{year}年"


def expected_options(picked) -> list[str]:
    """The choice's options for the districts picked: 全部年份, then each year they have targets of,
    in order, 未写明年份 last, each with its number of distinct targets."""
    every = distinct_targets()
    years = Counter(year for d in picked for _, year in every[d])
    order = sorted(years, key=lambda y: (y is None, y or 0))
    return [f"全部年份（{sum(years.values())} 个）"] + [f"{year_label(y)}（{years[y]} 个）" for y in order]


def options(pg) -> list[str]:
    return pg.eval_on_selector_all(".cmp-year select option", "os => os.map(o => o.textContent)")


def lead(pg) -> str:
    """The sentence that counts what the section lists (its first paragraph, after the choice)."""
    return pg.locator(".cmp-quant-box > p").first.inner_text()


def check_year_2025(pg, picked) -> None:
    """Every line shown is of 2025, the lines count the districts' distinct 2025 targets, by district
    and metric, and the sentence above the tables says their number."""
    every, names, metrics = distinct_targets(), district_names(), metric_names()
    want = Counter((names[d], metrics[m]) for d in picked for m, year in every[d] if year == 2025)
    lines = pg.evaluate(LINES)
    assert lines
    assert {shown_year(line["when"]) for line in lines} == {"2025年"}, [line for line in lines if "2025" not in line["when"]][:3]
    got: Counter = Counter()
    for line in lines:
        got[(line["district"], line["metric"])] += line["count"]
    assert got == want
    total = sum(want.values())
    assert f"到2025年的量化目标共 {total} 个，分属 {len({m for _, m in want})} 个指标" in lead(pg), lead(pg)


def test_three_districts_picked_2025_chosen_shows_their_2025_targets_and_the_link_reopens_it(site_url, chromium):
    """Three districts ticked in the picker: the year choice offers their years (from the YAML, with
    their counts); 2025 chosen, every target shown is a 2025 one and there are as many as the YAML
    gives; the address says y=2025 and, opened in a new tab, shows the same; 全部年份 takes y away."""
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(site_url + "compare/")
        for slug in THREE:
            pg.check(f".cmp-grid input[value='{slug}']")
        pg.wait_for_selector(".cmp-quant-box .cmp-year select")
        assert options(pg) == expected_options(THREE)
        assert pg.locator(".cmp-year select").input_value() == ""
        everything = pg.evaluate(LINES)
        assert {shown_year(line["when"]) for line in everything} > {"2025年"}  # other years before the choice

        pg.select_option(".cmp-year select", "2025")
        check_year_2025(pg, THREE)
        assert pg.evaluate("document.activeElement.closest('.cmp-year') !== null"), "the keyboard left the choice"
        query = parse_qs(urlparse(pg.url).query)
        assert query == {"d": [",".join(THREE)], "y": ["2025"]}
        shown = pg.evaluate(LINES)
        shared = pg.url
        # the tab and a bookmark name the year, as the address holds it
        names = district_names()
        trio = "、".join(names[s] for s in THREE)
        assert pg.title().startswith(f"{trio} · 2025年目标 - "), pg.title()

        with watched_page(chromium, {"width": 1280, "height": 900}) as other:
            other.goto(shared)
            other.wait_for_selector(".cmp-quant-box table.cmp-quant")
            assert other.locator(".cmp-year select").input_value() == "2025"
            assert other.evaluate(LINES) == shown
            check_year_2025(other, THREE)
            assert other.title() == pg.title()

        pg.select_option(".cmp-year select", "")
        assert "y" not in parse_qs(urlparse(pg.url).query)
        assert pg.title().startswith(f"{trio} - "), pg.title()
        assert pg.evaluate(LINES) == everything


def test_the_years_offered_are_those_of_the_districts_picked(site_url, chromium):
    """A district with other years (黔江区's 2022 targets) brings them into the choice; the years never
    come from a fixed list."""
    picked = ("jiangjin", "qianjiang")
    assert {y for _, y in distinct_targets()["qianjiang"]} - {y for d in THREE for _, y in distinct_targets()[d]}
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(site_url + "compare/?d=" + ",".join(picked))
        pg.wait_for_selector(".cmp-quant-box .cmp-year select")
        assert options(pg) == expected_options(picked)


def test_a_year_the_districts_lack_is_said_and_what_is_no_year_is_dropped(site_url, chromium):
    """y=2030 (none of them has a target of it): offered with 0, the section says there is none; y=abc:
    dropped, said above the view, all years shown."""
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(site_url + "compare/?d=" + ",".join(THREE) + "&y=2030")
        pg.wait_for_selector(".cmp-quant-box .cmp-year select")
        assert pg.locator(".cmp-year select").input_value() == "2030"
        assert "2030年（0 个）" in options(pg)
        assert pg.locator(".cmp-quant-box table.cmp-quant").count() == 0
        assert pg.locator(".cmp-quant-box .cmp-none").inner_text() == "所选区县都没有设定到2030年的量化目标。"
        pg.goto(site_url + "compare/?d=" + ",".join(THREE) + "&y=abc")
        pg.wait_for_selector(".cmp-quant-box table.cmp-quant")
        assert "abc" in pg.locator(".cmp-dropped").inner_text()
        assert pg.locator(".cmp-year select").input_value() == ""
        assert "y" not in parse_qs(urlparse(pg.url).query)


def test_on_a_phone_the_choice_is_a_finger_tall_fits_the_screen_and_filters(site_url, chromium):
    """390 px, a touch screen: the choice is at least 44 px tall and within the screen; 2025 chosen,
    the section (a block per metric on a phone) shows the 2025 targets alone, y=2025 in the address."""
    with watched_page(chromium, {"width": 390, "height": 844}, touch=True) as pg:
        pg.goto(site_url + "compare/?d=" + ",".join(THREE))
        select = pg.locator(".cmp-year select")
        select.wait_for()
        select.scroll_into_view_if_needed()
        box = select.bounding_box()
        assert box and box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        select.select_option("2025")
        check_year_2025(pg, THREE)
        assert parse_qs(urlparse(pg.url).query)["y"] == ["2025"]
        whens = pg.locator(".cmp-quant:not(.cmp-quant--single) .cmp-quant-when")
        assert whens.count() and all(re.search("2025", w) for w in whens.all_inner_texts())


def test_the_year_survives_a_keyword_a_reload_and_comes_back_with_the_overview(site_url, chromium):
    """A review: the year lived in the address only while the overview was shown, so an official who
    chose 2025, looked up 光伏 and reloaded (or shared that link) came back to the overview with every
    year. The address keeps y in every view; the overview shows that year again."""
    pair = THREE[:2]
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(site_url + "compare/?d=" + ",".join(pair) + "&y=2025")
        pg.wait_for_selector(".cmp-quant-box table.cmp-quant")
        assert " · 2025年目标 - " in pg.title()
        pg.fill("#cmp-q", "光伏")
        pg.wait_for_function("new URLSearchParams(location.search).get('q') === '光伏'")
        assert parse_qs(urlparse(pg.url).query)["y"] == ["2025"]
        assert "2025年目标" not in pg.title()  # the year is kept, but this view does not filter by it
        pg.reload()
        pg.wait_for_selector(".cmp-col")
        pg.fill("#cmp-q", "")
        pg.wait_for_selector(".cmp-quant-box .cmp-year select")
        assert pg.locator(".cmp-year select").input_value() == "2025"
        assert parse_qs(urlparse(pg.url).query) == {"d": [",".join(pair)], "y": ["2025"]}
        check_year_2025(pg, pair)


def test_under_the_gap_filter_the_section_says_it_lists_the_years_targets(site_url, chromium):
    """只看…没有相似措施的 filters measures, not targets, and the section says so: with a year chosen it
    lists that year's targets, not 全部 (a review read 全部量化目标 above 2025's alone)."""
    pair = THREE[:2]
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(site_url + "compare/?d=" + ",".join(pair) + "&gap=1&y=2025")
        pg.wait_for_selector(".cmp-quant-box table.cmp-quant")
        assert pg.locator(".cmp-quant-unfiltered").inner_text() == (
            "本节列出所选区县到2025年的量化目标，不受“只看江津区没有相似措施的”筛选影响。")
        pg.goto(site_url + "compare/?d=" + ",".join(pair) + "&gap=1")
        pg.wait_for_selector(".cmp-quant-box table.cmp-quant")
        assert pg.locator(".cmp-quant-unfiltered").inner_text().startswith("本节列出所选区县的全部量化目标")


def test_a_metric_opened_with_a_year_chosen_says_it_shows_every_year(site_url, chromium):
    """A review: from 2025's table an official opened 单位地区生产总值能耗降低 and saw targets of other
    years without being told why. The metric's view says the year choice is 量化目标对照's alone."""
    pair, metric = THREE[:2], "energy-intensity-reduction"
    said = "目标年份“到2025年”只用于量化目标对照：本视图列出本指标各个年份的目标。"
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(site_url + "compare/?d=" + ",".join(pair) + "&m=" + metric + "&y=2025")
        pg.wait_for_selector(".cmp-col")
        assert said in pg.locator(".cmp-none").all_inner_texts()
        pg.goto(site_url + "compare/?d=" + ",".join(pair) + "&m=" + metric)
        pg.wait_for_selector(".cmp-col")
        assert not [t for t in pg.locator(".cmp-none").all_inner_texts() if t.startswith("目标年份")]


def test_the_title_names_the_year_only_where_it_filters_something(site_url, chromium):
    """One district picked shows no 量化目标对照 (nothing to compare): its title names no year, though
    the address keeps y=2025 for when a second district is ticked."""
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(site_url + "compare/?d=jiangjin&y=2025")
        pg.wait_for_selector(".cmp-district input")
        pg.wait_for_function("document.title.startsWith('江津区')")
        assert "2025" not in pg.title(), pg.title()
        assert pg.locator(".cmp-quant-box").count() == 0
