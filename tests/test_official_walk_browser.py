"""An official of one district, new to the site, at Chongqing's size (38 districts): the defects
found by walking the 50× synthetic site as 铜梁区's 发展改革委 would, on a 390 px phone and a
1280 px desktop, each checked in headless Chromium on a site built here from the fixture corpus
copied into 38 districts (tests.test_compare_picker_browser.corpus: 21 / 11 / 6 per region).

- search on a phone: the 按区县 line named every district with results (50 at 50×), so the
  first result started below the first screen; now the line names a few and opens the rest on a tap;
- the compare view's 选本片区 preset replaced the choice with the region's first four districts,
  so an official who had picked their own district lost it; now the district picked first stays;
- a district page offered only pairs (本区 对比 one peer): now it also links to itself beside
  three districts of its region, the 3-district comparison in one tap;
- a target on a district page led to the top of its metric page (38 rows in district order): now
  it lands on the district's own row, marked, to compare from there.

Ground truth comes from the YAML files written here (tests.test_search_truth.Truth for the
search), not from the site's JSON. Run alone with: .venv/bin/python -m pytest tests/test_official_walk_browser.py
"""
from __future__ import annotations

from collections import Counter

import pytest

from tests.test_compare_picker_browser import served
from tests.test_layout_browser import chromium  # noqa: F401 - this module's own browser
from tests.test_search_truth import Truth

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MAX = 4  # districts the compare view shows side by side


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """(base URL of the served 38-district site, its districts from the YAML, the search truth)."""
    work = tmp_path_factory.mktemp("walk")
    with served(work) as (base, districts):
        yield base, districts, Truth(work / "data")


def new_page(chromium, viewport, touch=False):  # noqa: F811
    context = chromium.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors  # type: ignore[attr-defined]
    return pg


def test_on_a_phone_the_first_search_result_is_on_the_first_screen_and_every_district_one_tap_away(chromium, walk):  # noqa: F811
    base, districts, truth = walk
    query = "充电桩"
    per_district = Counter(truth.district_of[r] for r in truth(query) if truth.district_of.get(r))
    assert len(per_district) == len(districts)  # the premise: every district has results
    pg = new_page(chromium, PHONE, touch=True)
    pg.goto(base + "search/?q=" + query)
    pg.wait_for_selector("#cs-results li")
    first = pg.locator("#cs-results li").first.bounding_box()
    assert first and first["y"] + 60 < PHONE["height"], first  # its title and meta line at least
    # every district with results, with its count, once the line is opened
    more = pg.locator("#cs-by-district button")
    assert more.get_attribute("aria-expanded") == "false"
    more.tap()
    assert more.get_attribute("aria-expanded") == "true"
    shown = [a.text_content() for a in pg.locator("#cs-by-district a").all() if a.is_visible()]
    names = {d["name"]: slug for slug, d in districts.items()}
    got = {}
    for text in shown:
        name, count, _ = text.split(" ")
        got[names[name]] = int(count)
    assert got == dict(per_district)
    # a district's link still filters the results to it
    last = list(districts)[-1]
    pg.locator("#cs-by-district a", has_text=districts[last]["name"] + " ").tap()
    # the results are that district's, as many as the YAML gives it
    pg.wait_for_function("n => document.getElementById('cs-page').dataset.total === String(n)", arg=per_district[last])
    assert pg.locator("#cs-district").input_value() == last
    assert not pg.errors, pg.errors


def test_the_folded_district_line_opens_and_closes_from_the_keyboard(chromium, walk):  # noqa: F811
    """The opened districts are written before the button (收起 ends the line): Enter must take the
    keyboard to the first of them, Tab through them back to the button, and Enter there close it."""
    base, districts, truth = walk
    with_results = {truth.district_of[r] for r in truth("充电桩") if truth.district_of.get(r)}
    pg = new_page(chromium, DESKTOP)
    pg.goto(base + "search/?q=充电桩")
    pg.wait_for_selector("#cs-results li")
    visible = "[...document.querySelectorAll('#cs-by-district a')].filter(a => a.getClientRects().length).map(a => a.textContent)"
    before = pg.evaluate(visible)
    assert 0 < len(before) < len(with_results), before  # the premise: the line is folded
    more = pg.locator("#cs-by-district button")
    more.focus()
    pg.keyboard.press("Enter")
    assert more.get_attribute("aria-expanded") == "true"
    after = pg.evaluate(visible)
    assert len(after) == len(with_results)
    revealed = [text for text in after if text not in before]
    focused = pg.evaluate("document.activeElement.textContent")
    assert focused == revealed[0], (focused, revealed[:2])
    for _ in revealed[1:]:
        pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.textContent") == revealed[-1]
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"  # back on the button
    pg.keyboard.press("Enter")
    assert more.get_attribute("aria-expanded") == "false"
    assert pg.evaluate(visible) == before
    assert pg.evaluate("document.activeElement.getAttribute('aria-controls')") == "cs-by-district-rest"
    assert not pg.errors, pg.errors


def test_choosing_a_district_from_the_line_and_leaving_it_keeps_the_keyboards_place(chromium, walk):  # noqa: F811
    """The line is written again for the filtered results: the keyboard lands on 看全部区县的结果,
    and after it on the district just left, in the line opened as it was (it used to close the
    fold and drop the focus on the page's body)."""
    base, districts, truth = walk
    per_district = Counter(truth.district_of[r] for r in truth("充电桩") if truth.district_of.get(r))
    pg = new_page(chromium, DESKTOP)
    pg.goto(base + "search/?q=充电桩")
    pg.wait_for_selector("#cs-results li")
    more = pg.locator("#cs-by-district button")
    more.focus()
    pg.keyboard.press("Enter")  # opens the fold, the keyboard on its first district
    chosen = pg.evaluate("document.activeElement.textContent")
    slug = {d["name"]: s for s, d in districts.items()}[chosen.split(" ")[0]]
    pg.keyboard.press("Enter")
    pg.wait_for_function("n => document.getElementById('cs-page').dataset.total === String(n)", arg=per_district[slug])
    assert pg.evaluate("document.activeElement.textContent") == "看全部区县的结果"
    pg.keyboard.press("Enter")
    pg.wait_for_function("n => document.getElementById('cs-page').dataset.total === String(n)", arg=len(truth("充电桩")))
    assert pg.evaluate("document.activeElement.textContent") == chosen
    assert more.get_attribute("aria-expanded") == "true"
    assert not pg.errors, pg.errors


def test_the_region_preset_keeps_the_district_picked_first(chromium, walk):  # noqa: F811
    base, districts, _ = walk
    by_region: dict[str, list[str]] = {}
    for slug, d in districts.items():
        by_region.setdefault(d["region"], []).append(slug)
    region = next(r for r, members in by_region.items() if len(members) > MAX)
    mine = by_region[region][-1]  # the last of a big region: not among its first four
    pg = new_page(chromium, PHONE, touch=True)
    pg.goto(base + "compare/")
    pg.wait_for_selector("#compare-app .cmp-district input", state="attached")
    pg.locator(f"label:has(input[value='{mine}'])").tap()
    pg.locator("fieldset", has=pg.locator(f"input[value='{mine}']")).locator(".cmp-preset").tap()
    pg.wait_for_selector(".cmp-table")
    picked = pg.url.split("?d=", 1)[1].split("&")[0].split(",")
    assert picked == [mine] + [s for s in by_region[region] if s != mine][:MAX - 1], picked
    # the choice made, the list folds away (the theme's choice comes into view); 更改区县 opens it again
    assert not pg.is_visible(".cmp-panel")
    pg.get_by_role("button", name="更改区县").tap()
    # from another region's preset too: the official's own district and three of that region
    other = next(r for r in by_region if r != region)
    pg.locator("fieldset", has=pg.locator(f"input[value='{by_region[other][0]}']")).locator(".cmp-preset").tap()
    picked = pg.url.split("?d=", 1)[1].split("&")[0].split(",")
    assert picked == [mine] + by_region[other][:MAX - 1], picked
    assert not pg.errors, pg.errors


def test_a_district_page_opens_itself_beside_three_districts_of_its_region_in_one_click(chromium, walk):  # noqa: F811
    base, districts, _ = walk
    slugs = list(districts)
    mine = slugs[len(slugs) // 2]
    region = districts[mine]["region"]
    peers = [s for s in slugs if s != mine and districts[s]["region"] == region][:MAX - 1]
    pg = new_page(chromium, DESKTOP)
    pg.goto(base + f"districts/{mine}/")
    link = pg.locator("#peers ~ ul a").first
    assert link.text_content() == f"{districts[mine]['name']} 与同片区的 " + "、".join(districts[s]["name"] for s in peers) + " 并排对比"
    link.click()
    pg.wait_for_selector(".cmp-table")
    assert [th.locator("a").text_content() for th in pg.locator(".cmp-table thead th").all()[1:]] == [districts[s]["name"] for s in [mine, *peers]]
    assert not pg.errors, pg.errors


def test_a_target_on_a_district_page_opens_the_metric_page_at_that_districts_row(chromium, walk):  # noqa: F811
    """On a phone, 森林覆盖率 on the district page led to the top of a page of 38 rows in district
    order; the official had to find their own row to compare. Now the link lands on it, marked."""
    base, districts, _ = walk
    mine = list(districts)[-1]  # the last row of every metric table
    name = districts[mine]["name"]
    pg = new_page(chromium, PHONE, touch=True)
    pg.goto(base + f"districts/{mine}/")
    link = pg.locator("#targets ~ * table tbody tr td:first-child a").first
    metric = link.text_content()
    link.tap()
    pg.wait_for_load_state("networkidle")
    assert pg.url.endswith("#" + mine), pg.url
    row = pg.locator("tr", has=pg.locator(f"span[id='{mine}']"))
    assert row.locator("td").first.locator("a").first.text_content() == name
    box = row.bounding_box()
    header = pg.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert box and header <= box["y"] and box["y"] + 40 < PHONE["height"], (metric, box, header)
    # every cell of the row marked (the sticky first column paints its own background), no other
    colours = pg.evaluate("""slug => [...document.querySelectorAll('.md-content table tbody td')]
      .map(c => [!!c.parentElement.querySelector('span[id="' + slug + '"]'), getComputedStyle(c).backgroundColor])""", mine)
    marked = {c for is_mine, c in colours if is_mine}
    others = {c for is_mine, c in colours if not is_mine}
    assert len(marked) == 1 and others and not marked & others, colours
    assert not pg.errors, pg.errors
