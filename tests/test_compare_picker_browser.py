"""The compare view's district picker at Chongqing's size (38 districts), on a 390 px phone and a
1280 px desktop, in headless Chromium on a site built here from the fixture corpus copied into 38
synthetic districts: 21 / 11 / 6 in the three regions (片区) as in Chongqing, interleaved in the
registry, some with long names, and only some of them with a draft (征求意见稿) document.

- the picker groups the districts under their region (a fieldset and legend each), names them
  without the draft note, and marks exactly the districts that have a draft;
- it never scrolls sideways, whether empty, full (4 picked: the limit is said) or closed;
- three districts and a theme take a bounded number of taps, and the result columns follow;
- with the list closed, the results start within the first screen;
- the address reopens the same view (districts in their order, theme, closed list).

Ground truth comes from the YAML files written here, not from the site's JSON.
Run alone with: .venv/bin/python -m pytest tests/test_compare_picker_browser.py
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from generator.synth import synthesize
from tests.conftest import FIXTURE, build_docs
from tests.test_layout_browser import chromium  # noqa: F401 - this module's own browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DISTRICTS = 38
REGIONS = ["主城都市区"] * 21 + ["渝东北"] * 11 + ["渝东南"] * 6
LONG_NAMES = {"synth-05": "丁山土家族苗族自治县", "synth-36": "彭溪苗族土家族自治县"}
MAX_TAPS = 4  # three districts and the theme (the list then folds away by itself)


def corpus(out: Path) -> dict:
    """Write the corpus; return its districts (registry order) with region, name and draft flag."""
    synthesize(FIXTURE, out, DISTRICTS)
    path = out / "districts.yaml"
    registry = yaml.safe_load(path.read_text(encoding="utf-8"))
    regions = REGIONS[:]
    random.Random(7).shuffle(regions)
    for d, region in zip(registry["districts"], regions, strict=True):
        d["region"] = region
        d["name"] = LONG_NAMES.get(d["slug"], d["name"])
    path.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # every third district keeps only its adopted documents
    for k, d in enumerate(registry["districts"]):
        if k % 3 == 0:
            for doc in (out / "documents" / d["slug"]).glob("*.yaml"):
                if yaml.safe_load(doc.read_text(encoding="utf-8"))["status"] == "征求意见稿":
                    doc.unlink()
    truth = {}
    for d in registry["districts"]:
        statuses = [yaml.safe_load(p.read_text(encoding="utf-8"))["status"] for p in (out / "documents" / d["slug"]).glob("*.yaml")]
        truth[d["slug"]] = {"region": d["region"], "name": d["name"], "draft": "征求意见稿" in statuses}
    return truth


@contextmanager
def served(work: Path, adjust: Callable[[Path], object] | None = None) -> Iterator[tuple[str, dict]]:
    """Write the corpus under work/data (then let adjust change it), build its site in work/site
    and serve it: (base URL, the corpus's districts)."""
    from generator.bench import serve
    from generator.site import engine_build

    truth = corpus(work / "data")
    if adjust is not None:
        adjust(work / "data")
    build_docs(work / "data", work / "docs")
    engine_build(work / "docs", work / "site")
    with serve(work / "site") as base:
        yield base, truth


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """(base URL of the served site, the corpus's districts)."""
    with served(tmp_path_factory.mktemp("picker")) as (base, truth):
        assert 0 < sum(d["draft"] for d in truth.values()) < DISTRICTS  # both kinds present
        yield base, truth


def open_compare(chromium, base: str, query: str = "", viewport=PHONE, touch: bool = False):  # noqa: F811
    context = chromium.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors  # type: ignore[attr-defined]
    pg.goto(base + "compare/" + query)
    pg.wait_for_selector("#compare-app .cmp-district input", state="attached")
    return pg


# Runs in the page: elements of the compare app that reach past the screen's sides.
OUTSIDE_JS = """() => {
  const vw = document.documentElement.clientWidth;
  return {pageWidth: document.documentElement.scrollWidth, viewport: vw,
          outside: [...document.querySelectorAll('#compare-app .cmp-choice *, #compare-app .cmp-filters *')]
            .filter(e => !e.closest('.cs-visually-hidden') && e.getClientRects().length)
            .map(e => [e.className || e.tagName, e.getBoundingClientRect()])
            .filter(([, r]) => r.left < -1 || r.right > vw + 1).map(([n, r]) => n + ' ' + Math.round(r.left) + '..' + Math.round(r.right))};
}"""

# Runs in the page: each region's legend and the districts under it, as the reader meets them.
GROUPS_JS = """() => [...document.querySelectorAll('#compare-app fieldset')].map(f => ({
  legend: f.querySelector('legend').textContent,
  districts: [...f.querySelectorAll('label')].map(l => ({
    slug: l.querySelector('input[type=checkbox]').value,
    shown: [...l.childNodes].filter(n => !(n.classList && n.classList.contains('cs-visually-hidden'))).map(n => n.textContent).join(''),
    spoken: l.textContent,
    marked: !!l.querySelector('.cmp-draft'),
  })),
}))"""


def no_sideways_scroll(pg, where: str) -> None:
    found = pg.evaluate(OUTSIDE_JS)
    assert found["pageWidth"] <= found["viewport"], (where, found)
    assert found["outside"] == [], (where, found["outside"])


def test_districts_are_grouped_by_region_with_short_names_and_one_draft_key(chromium, many):  # noqa: F811
    base, truth = many
    pg = open_compare(chromium, base)
    groups = pg.evaluate(GROUPS_JS)
    regions = list(dict.fromkeys(d["region"] for d in truth.values()))
    assert [g["legend"] for g in groups] == [f"{r} {REGIONS.count(r)} 个" for r in regions]
    for region, group in zip(regions, groups, strict=True):
        assert [d["slug"] for d in group["districts"]] == [s for s, d in truth.items() if d["region"] == region]
        for d in group["districts"]:
            want = truth[d["slug"]]
            # the name as registered, the draft said by a mark (read out in full), never in the visible name
            assert d["shown"] == want["name"] + ("稿" if want["draft"] else ""), d
            assert d["marked"] == want["draft"], d
            assert ("征求意见稿" in d["spoken"]) == want["draft"], d
    key = pg.locator(".cmp-key")
    assert key.count() == 1 and "征求意见稿" in key.text_content()
    assert not pg.errors, pg.errors


def test_the_picker_never_scrolls_sideways_on_a_phone(chromium, many):  # noqa: F811
    base, truth = many
    pg = open_compare(chromium, base)
    no_sideways_scroll(pg, "empty")
    assert pg.is_visible(".cmp-panel")
    # the long names and the last region's boxes too
    for slug in list(LONG_NAMES) + [list(truth)[-1]]:
        pg.locator(f"input[value='{slug}']").check()
    pg.locator(".cmp-district input:not(:checked)").first.check()
    no_sideways_scroll(pg, "four picked")
    # the limit is said, and every other box is closed to picking
    assert pg.locator(".cmp-picked").text_content() == "已选 4/4：已满，移除一个可另选"
    assert pg.locator(".cmp-district input:disabled").count() == DISTRICTS - 4
    pg.get_by_role("button", name="收起列表").click()
    assert not pg.is_visible(".cmp-panel")
    no_sideways_scroll(pg, "closed")
    assert not pg.errors, pg.errors


def test_three_districts_and_a_theme_in_a_few_taps_then_the_results_fill_the_first_screen(chromium, many):  # noqa: F811
    base, truth = many
    pg = open_compare(chromium, base, touch=True)
    # one district of each region, the last from the bottom of the list
    regions = list(dict.fromkeys(d["region"] for d in truth.values()))
    picks = [next(s for s, d in truth.items() if d["region"] == r) for r in regions[:2]]
    picks.append([s for s, d in truth.items() if d["region"] == regions[2]][-1])
    taps = 0
    for slug in picks:
        pg.locator(f"label:has(input[value='{slug}'])").tap()
        taps += 1
    theme = pg.locator("select[aria-label='主题'] option").nth(2)
    theme_slug, theme_name = theme.get_attribute("value"), theme.text_content()
    pg.select_option("select[aria-label='主题']", theme_slug)
    taps += 1
    pg.wait_for_selector(".cmp-col")
    # the theme picked, the list of districts folds away by itself (no tap on 收起列表)
    assert not pg.is_visible(".cmp-panel")
    assert pg.get_by_role("button", name="更改区县").get_attribute("aria-expanded") == "false"
    assert taps <= MAX_TAPS
    names = [truth[s]["name"] for s in picks]
    assert pg.locator(".cmp-tab").all_text_contents() == names
    assert [c.locator("a").text_content() for c in pg.locator(".cmp-col h2").all()] == names
    assert pg.locator(".cmp-picked").text_content().startswith("已选 3/4")
    assert pg.locator(".cmp-chip").all_text_contents() == [n + "×" for n in names]
    assert pg.url.endswith(f"compare/?d={','.join(picks)}&t={theme_slug}"), pg.url
    assert theme_name in pg.locator(".cmp-result > p").first.text_content()
    # with the list closed the results start on the first screen, from the top of the page
    pg.evaluate("window.scrollTo(0, 0)")
    top = pg.evaluate("document.querySelector('.cmp-result').getBoundingClientRect().top")
    tab = pg.locator(".cmp-tab").first.bounding_box()
    assert top < PHONE["height"] and tab and tab["y"] + tab["height"] <= PHONE["height"], (top, tab)
    assert not pg.errors, pg.errors


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_shared_address_reopens_the_same_view(chromium, many, viewport):  # noqa: F811
    base, truth = many
    slugs = list(truth)
    picks = [slugs[30], slugs[2], slugs[17]]
    pg = open_compare(chromium, base, viewport=viewport)
    for slug in picks:
        pg.locator(f"input[value='{slug}']").check()
    pg.select_option("select[aria-label='主题']", index=1)
    pg.wait_for_selector(".cmp-col")
    shared, theme = pg.url, pg.locator("select[aria-label='主题']").input_value()
    pg.context.close()

    again = open_compare(chromium, base, "?" + shared.split("?", 1)[1], viewport=viewport)
    again.wait_for_selector(".cmp-col")
    names = [truth[s]["name"] for s in picks]
    assert again.url == shared
    assert sorted(again.locator(".cmp-district input:checked").evaluate_all("bs => bs.map(b => b.value)")) == sorted(picks)
    assert again.locator(".cmp-chip").all_text_contents() == [n + "×" for n in names]  # in the order picked
    assert again.locator("select[aria-label='主题']").input_value() == theme
    assert [c.locator("a").text_content() for c in again.locator(".cmp-col h2").all()] == names
    # a shared comparison opens with the list closed, the results on the first screen
    assert not again.is_visible(".cmp-panel")
    assert again.get_by_role("button", name="更改区县").get_attribute("aria-expanded") == "false"
    assert again.evaluate("document.querySelector('.cmp-result').getBoundingClientRect().top") < viewport["height"]
    assert not again.errors, again.errors


def test_removing_a_district_from_the_summary_keeps_the_keyboard_in_place(chromium, many):  # noqa: F811
    base, truth = many
    slugs = list(truth)
    pg = open_compare(chromium, base, f"?d={slugs[0]},{slugs[1]},{slugs[2]}")
    pg.wait_for_selector(".cmp-col, .cmp-table")
    pg.get_by_role("button", name="移除" + truth[slugs[1]]["name"]).focus()
    pg.keyboard.press("Enter")
    assert pg.url.endswith(f"?d={slugs[0]},{slugs[2]}"), pg.url
    assert pg.evaluate("document.activeElement.getAttribute('aria-label')") == "移除" + truth[slugs[2]]["name"]
    # below two districts the list opens again, for picking; the keyboard is on the chip left
    pg.keyboard.press("Enter")
    assert pg.is_visible(".cmp-panel") and not pg.is_visible(".cmp-toggle")
    assert pg.evaluate("document.activeElement.getAttribute('aria-label')") == "移除" + truth[slugs[0]]["name"]
    # the last one gone, the keyboard goes to the list's first box
    pg.keyboard.press("Enter")
    assert pg.evaluate("document.activeElement.value") == slugs[0] or pg.evaluate("document.activeElement.type") == "checkbox"
    assert not pg.errors, pg.errors


def test_a_region_button_says_what_it_will_pick(chromium, many):  # noqa: F811
    """With a district of another region picked first, a region's button says it keeps that district
    and how many of the region it adds (as an official read it: it took 甲山区 + 3 of 渝东南 while
    saying 选本片区前 3 个); with nothing picked, a region larger than the limit says how many it takes."""
    base, truth = many
    by_region: dict[str, list[str]] = {}
    for slug, d in truth.items():
        by_region.setdefault(d["region"], []).append(slug)
    mine = by_region["主城都市区"][0]
    pg = open_compare(chromium, base, viewport=DESKTOP)
    try:
        buttons = {pg.locator("fieldset", has=pg.locator(f"input[value='{slugs[0]}']")).locator("legend").inner_text():
                   pg.locator("fieldset", has=pg.locator(f"input[value='{slugs[0]}']")).locator(".cmp-preset")
                   for slugs in by_region.values()}
        region_of = {name: region for region in by_region for name in buttons if region in name}
        assert {region_of[name]: b.inner_text() for name, b in buttons.items()} == {
            "主城都市区": "选本片区 4 个", "渝东北": "选本片区 4 个", "渝东南": "选本片区 4 个"}
        pg.locator(f"input[value='{mine}']").check()
        labels = {region_of[name]: b.inner_text() for name, b in buttons.items()}
        # the region it adds is named: 本片区 beside a district of 主城都市区 read as that district's region
        assert labels["渝东南"] == f"保留{truth[mine]['name']}，加渝东南 3 个"
        assert labels["主城都市区"] == "选本片区 4 个"
        buttons[next(n for n in buttons if region_of[n] == "渝东南")].click()
        picked = pg.evaluate("[...document.querySelectorAll('#compare-app .cmp-chip')].map(c => c.dataset.slug)")
        assert picked == [mine, *by_region["渝东南"][:3]]
    finally:
        pg.context.close()


def test_a_link_naming_what_the_site_lacks_says_what_was_left_out(chromium, many):  # noqa: F811
    base, truth = many
    first, second = list(truth)[:2]
    pg = open_compare(chromium, base, f"?d={first},nowhere,{second}&t=energyx", viewport=DESKTOP)
    try:
        note = pg.locator(".cmp-dropped")
        assert note.inner_text() == "链接中有本站没有的内容，已略去：区县编号 nowhere 不是本站收录的区县；没有主题 energyx。"
        assert pg.evaluate("[...document.querySelectorAll('#compare-app .cmp-chip')].map(c => c.dataset.slug)") == [first, second]
        assert pg.errors == []
    finally:
        pg.context.close()
    pg = open_compare(chromium, base, f"?d={first},{second}", viewport=DESKTOP)
    try:
        assert pg.locator(".cmp-dropped").count() == 0  # a good link has no such note
    finally:
        pg.context.close()


# Runs in the page: the coverage table's rows shown (a table row, or a card on a phone), as the
# district slugs their first cells link to.
COVERAGE_ROWS_JS = """() => [...document.querySelectorAll('#cmp-coverage tbody tr')].filter(r => r.getClientRects().length)
  .map(r => r.cells[0].querySelector('a').getAttribute('href').match(/districts\\/([^\\/]+)\\/$/)[1])"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_coverage_table_shows_the_districts_compared_until_asked_for_all(chromium, many, viewport):  # noqa: F811
    """A user test at 50 districts: after a 4-column comparison a phone showed a card for every
    district (18,000 px more). While districts are compared the table lists only theirs, in the
    order picked; a button shows every district's again (in the registry's order) and folds them
    back. The page itself keeps every row, for readers without script."""
    base, truth = many
    slugs = list(truth)
    picks = [slugs[30], slugs[2], slugs[17]]
    pg = open_compare(chromium, base, f"?d={','.join(picks)}&t=energy", viewport=viewport)
    try:
        pg.wait_for_selector(".cmp-col", state="attached")
        assert pg.locator("#cmp-coverage tbody tr").count() == DISTRICTS
        assert pg.evaluate(COVERAGE_ROWS_JS) == picks
        button = pg.locator(".cmp-coverage-all")
        assert pg.locator(".cmp-coverage-bar").inner_text().startswith("下表只列出所选的 3 个区县")
        assert button.inner_text() == f"显示全部 {DISTRICTS} 个区县" and button.get_attribute("aria-expanded") == "false"
        button.click()
        assert pg.evaluate(COVERAGE_ROWS_JS) == slugs
        assert button.inner_text() == "只显示所选 3 个区县" and button.get_attribute("aria-expanded") == "true"
        button.click()
        assert pg.evaluate(COVERAGE_ROWS_JS) == picks
        # a district removed: the table follows the choice; below two districts it lists them all, without the button
        pg.get_by_role("button", name="移除" + truth[picks[1]]["name"]).click()
        assert pg.evaluate(COVERAGE_ROWS_JS) == [picks[0], picks[2]]
        pg.get_by_role("button", name="移除" + truth[picks[0]]["name"]).click()
        assert pg.evaluate(COVERAGE_ROWS_JS) == slugs
        assert not pg.is_visible(".cmp-coverage-bar")
        assert not pg.errors, pg.errors
    finally:
        pg.context.close()



def test_a_region_preset_folds_the_list_so_the_theme_comes_into_view(chromium, many):  # noqa: F811
    """A user test: after 选本片区 on a phone, the list of districts stayed open and the theme's
    choice was a screen and a half down. A preset is a choice made, as 收起列表 is: the list folds,
    the theme's choice is on the screen, and the keyboard goes to 更改区县."""
    base, truth = many
    pg = open_compare(chromium, base, touch=True)
    try:
        preset = pg.locator(".cmp-preset").last  # the last region's, below the others
        preset.scroll_into_view_if_needed()
        preset.tap()
        assert len(pg.evaluate("[...document.querySelectorAll('#compare-app .cmp-chip')]")) >= 2
        assert not pg.is_visible(".cmp-panel")
        toggle = pg.get_by_role("button", name="更改区县")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert pg.evaluate("document.activeElement.classList.contains('cmp-toggle')")
        theme = pg.locator("select[aria-label='主题']").bounding_box()
        assert theme and 0 <= theme["y"] and theme["y"] + theme["height"] <= PHONE["height"], theme
        assert not pg.errors, pg.errors
    finally:
        pg.context.close()


def test_the_limit_of_districts_is_the_one_the_build_writes(chromium, many):  # noqa: F811
    """How many districts are compared at most is set in one place (index.COMPARE_MOST): the view
    takes it from the manifest the build writes, so a manifest saying 3 makes a link naming five
    districts keep three, say so, and count the picked out of 3."""
    import json

    base, truth = many
    slugs = list(truth)[:5]
    context = chromium.new_context(viewport=DESKTOP)
    pg = context.new_page()

    def three(route):
        manifest = json.loads(route.fetch().text())
        manifest["most"] = 3
        route.fulfill(status=200, content_type="application/json", body=json.dumps(manifest, ensure_ascii=False))

    try:
        pg.route("**/compare/data/districts.json", three)
        pg.goto(base + "compare/?d=" + ",".join(slugs))
        pg.wait_for_selector("#compare-app .cmp-chip")
        assert pg.evaluate("[...document.querySelectorAll('#compare-app .cmp-chip')].map(c => c.dataset.slug)") == slugs[:3]
        assert "最多对比 3 个区县，只取了前 3 个" in pg.locator(".cmp-dropped").inner_text()
        assert "/3" in pg.locator("#compare-app .cmp-count").first.inner_text()
    finally:
        context.close()


def test_the_pages_name_the_limit_the_compare_view_takes(many):
    """The home and compare pages' 选 2–N 个区县 and the metrics index's 前 N 个区县 say the limit
    the view reads from its manifest."""
    import json
    import re
    import urllib.request

    base, _ = many
    def get(path: str) -> str:
        with urllib.request.urlopen(base + path) as r:
            return r.read().decode("utf-8")
    most = json.loads(get("compare/data/districts.json"))["most"]
    for path in ("", "compare/"):
        assert set(re.findall(r"选(?:择)? 2–(\d+) 个区县", get(path))) == {str(most)}, path
    named = {int(n) for n in re.findall(r"前 (\d+) 个", get("metrics/"))}
    assert named == {most}
    assert set(re.findall(r"另外至多 (\d+) 个区县", get("metrics/"))) == {str(most - 1)}
    for link in re.findall(r'href="([^"]*compare/\?d=[^"]*)"', get("metrics/")):
        assert len(re.search(r"d=([^&]*)", link).group(1).split(",")) <= most, link
