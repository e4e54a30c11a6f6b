"""Long overviews in headless Chromium, on a site built here from the fixture corpus copied into 30
synthetic districts (at Chongqing's 38 a metric page was 23 phone screens, a theme page 15):

- on a 390 px phone and a 1280 px desktop, one tap on a district in the jump line of a metric page,
  a theme overview, a department overview and the documents index brings that district's (first)
  row into view, below the site's header (and below the matrix's own header where that stays in
  view), marked as the target;
- on a desktop, a department's matrix keeps its header (the theme names) in view, under the site's
  header, while its lower rows are read (it scrolled away with the first rows).

Run alone with: .venv/bin/python -m pytest tests/test_jump_browser.py
"""
from __future__ import annotations

import pytest
import yaml

from generator.synth import synthesize
from tests.conftest import FIXTURE, build_docs

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DISTRICTS = 30
METRIC = "public-charging-facilities"
PAGES = (f"metrics/{METRIC}/", "themes/energy/", "departments/fazhan-gaige/", "documents/")


@pytest.fixture(scope="module")
def work(tmp_path_factory, chromium):  # chromium first: without a browser the test is skipped before building
    from generator.site import engine_build

    work = tmp_path_factory.mktemp("jump-browser")
    synthesize(FIXTURE, work / "data", DISTRICTS)
    build_docs(work / "data", work / "docs")
    engine_build(work / "docs", work / "site")
    return work


@pytest.fixture(scope="module")
def base(work):
    from generator.bench import serve

    with serve(work / "site") as url:
        yield url


def open_page(chromium, url: str, viewport: dict):
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # the theme's and our scripts run after load
    return context, page


def jump_line(page):
    """The page's 跳到区县 line, its box opened first where it waits in one (pages.common.JUMP_FOLDED_FROM)."""
    line = page.locator("p.cs-pages", has_text="跳到区县")
    box = page.locator("details", has=line)
    if box.count() and box.get_attribute("open") is None:
        box.locator("summary").click()
    return line


# the lowest edge of what covers the top of the window: the site's header, and a table header that sticks
COVERED = """(row) => {
  let bottom = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const head = row.closest('table').tHead;
  if (head && getComputedStyle(head).display !== 'none') {
    const r = head.getBoundingClientRect();
    if (r.top < bottom + 2 && r.bottom > bottom) bottom = r.bottom;  // stuck under the header
  }
  return bottom;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_one_tap_on_a_district_in_the_jump_line_shows_its_row(chromium, base, path, viewport):
    context, page = open_page(chromium, base + path, viewport)
    try:
        line = jump_line(page)
        assert line.count() == 1, "no jump line"
        links = line.locator("a")
        assert links.count() == DISTRICTS
        chosen = links.nth(22)
        anchor = chosen.get_attribute("href").lstrip("#")
        name = chosen.inner_text().rsplit(" ", 1)[0]
        chosen.click()
        page.wait_for_timeout(300)
        assert page.evaluate("location.hash") == "#" + anchor
        row = page.locator(f"tr:has(> td > span[id='{anchor}'])")
        assert name in row.inner_text()
        box = row.bounding_box()
        assert box is not None
        covered = row.evaluate(COVERED)
        assert box["y"] >= covered - 1, (box, covered)  # its top is not under a header
        assert box["y"] + 30 <= viewport["height"], box  # its name is on the screen
        background = row.evaluate("r => [r, ...r.cells].map(e => getComputedStyle(e).backgroundColor)")
        assert any(c not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") for c in background), background  # marked
    finally:
        context.close()


# JavaScript: the texts of the links of the line `p` that break across two of its lines
BROKEN_LINKS = "p => [...p.querySelectorAll('a, strong')].filter(a => a.getClientRects().length > 1).map(a => a.textContent)"
PHONE_WIDTHS = range(340, 441, 5)  # where a line breaks depends on the width: phones from 340 to 440 px


@pytest.mark.parametrize("path", PAGES)
def test_a_jump_line_wraps_between_its_districts_only_on_a_phone(chromium, base, path):
    """At 30 districts the line takes several lines of a phone: at no phone width does one of its
    links ("甲山区 5") break across two of them."""
    context, page = open_page(chromium, base + path, PHONE)
    try:
        line = jump_line(page)
        for width in PHONE_WIDTHS:
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            assert line.evaluate("p => p.getClientRects()[0].height / parseFloat(getComputedStyle(p).lineHeight)") > 2  # it wraps
            assert line.evaluate(BROKEN_LINKS) == [], width
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()

@pytest.mark.parametrize("path", PAGES)
def test_a_long_jump_line_waits_in_a_closed_box_so_the_matrix_starts_on_the_first_phone_screen(chromium, base, path):
    """At 50 districts the line's 50 links took 750–790 px of a phone, and the matrix (or chart) it
    leads to began two screens down (a user test). From JUMP_FOLDED_FROM districts the line waits in
    a closed box that names how many it holds; the box opens to the whole line."""
    context, page = open_page(chromium, base + path, PHONE)
    try:
        summary = page.locator("details > summary", has_text="跳到区县")
        assert summary.count() == 1 and f"{DISTRICTS} 个" in summary.inner_text()
        assert not page.locator("p.cs-pages", has_text="跳到区县").is_visible()
        top = page.evaluate("""() => Math.min(...[...document.querySelectorAll('.md-content table, .md-content .chart-box')]
                               .map(e => e.getBoundingClientRect().top + scrollY))""")
        assert top < PHONE["height"], top
        assert jump_line(page).locator("a").count() == DISTRICTS and jump_line(page).is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ("themes/energy/", f"metrics/{METRIC}/", "districts/", "departments/fazhan-gaige/", "documents/"))
def test_a_long_table_of_districts_keeps_its_header_in_view_on_a_desktop(chromium, base, path):
    """The department matrix's header stuck under the site's header, the theme's, the metric's and the
    districts' tables' scrolled away (a user test: a theme row's bare "23" said nothing of what it
    counted). Each keeps its header in view while its lower rows are read, as the matrix does."""
    context, page = open_page(chromium, base + path, DESKTOP)
    try:
        table = page.locator("div.md-content table").nth(
            page.evaluate("[...document.querySelectorAll('div.md-content table')].reduce((best, t, i, all) =>"
                          " t.tBodies[0].rows.length > all[best].tBodies[0].rows.length ? i : best, 0)"))
        rows = table.locator("tbody tr")
        assert rows.count() >= 8
        rows.nth(rows.count() - 2).evaluate("r => window.scrollTo(0, r.getBoundingClientRect().top + window.scrollY - 600)")
        page.wait_for_timeout(200)
        header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        first = table.locator("thead th").first
        box = first.bounding_box()
        assert box is not None and header_bottom - 1 <= box["y"] <= header_bottom + 60, (box, header_bottom)
        assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('th') !== null",
                             [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    finally:
        context.close()


def test_a_department_matrix_keeps_its_theme_names_in_view_below_its_first_rows(chromium, base):
    context, page = open_page(chromium, base + "departments/fazhan-gaige/", DESKTOP)
    try:
        row = page.locator("div.cs-matrix tbody tr").nth(24)
        row.evaluate("r => window.scrollTo(0, r.getBoundingClientRect().top + window.scrollY - 450)")
        page.wait_for_timeout(200)
        header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        theme = page.locator("div.cs-matrix thead th").nth(5)  # the first theme's column
        box = theme.bounding_box()
        assert box is not None
        assert header_bottom - 1 <= box["y"] and box["y"] + box["height"] <= 450, (box, header_bottom)
        # seen, not covered: the point in the middle of the theme's name is that header cell
        shown = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('th') !== null",
                              [box["x"] + box["width"] / 2, box["y"] + box["height"] - 20])
        assert shown
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]  # nothing sideways
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_my_district_is_set_on_its_page_then_led_to_and_marked_on_every_overview(chromium, base, viewport):
    """我的区县 (site.js): an official sets their district once, on its page; every overview then
    puts a line 我的区县 above its jump line, which brings that district's row into view, marks the
    row, and the compare view opened without districts starts from it. Unset, all of it goes."""
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    try:
        not_found = page.request.get(base + "404.html").text()  # what a static host shows at an address it lacks
        page.route("**/districts/no-such-district/", lambda route: route.fulfill(status=404, body=not_found, content_type="text/html"))
        page.goto(base + "districts/no-such-district/")  # the 404 page there offers none (it has a heading too)
        page.wait_for_timeout(150)
        assert page.locator(".md-content h1").count() == 1
        assert page.locator(".cs-mine-toggle").count() == 0
        page.goto(base + PAGES[0])
        page.wait_for_timeout(150)
        assert page.locator(".cs-mine-toggle").count() == 0  # only a district's page offers it
        assert page.locator(".cs-mine-line").count() == 0 and page.locator("tr.cs-mine").count() == 0
        chosen = jump_line(page).locator("a").nth(22)
        slug, name = chosen.get_attribute("href").lstrip("#"), chosen.inner_text().rsplit(" ", 1)[0]

        page.goto(f"{base}districts/{slug}/")
        page.wait_for_timeout(150)
        toggle = page.locator(".cs-mine-toggle")
        assert toggle.inner_text() == "☆ 设为我的区县"
        toggle.click()
        assert "已设为我的区县" in toggle.inner_text() and "点此取消" in toggle.inner_text()

        for path in PAGES:
            page.goto(base + path)
            page.wait_for_timeout(150)
            mine = page.locator("p.cs-mine-line a")
            assert mine.count() == 1 and mine.get_attribute("href") == "#" + slug and name in mine.inner_text()
            marked = page.locator("tr.cs-mine")
            # the documents index: each of the district's documents (the count its jump line gives), its anchor on the first
            rows = int(mine.inner_text().split()[-1]) if path == "documents/" else 1
            assert marked.count() == rows and marked.locator(f"span[id='{slug}']").count() == 1, path
            assert marked.first.locator(f"span[id='{slug}']").count() == 1, path
            mine.click()
            page.wait_for_timeout(300)
            box = marked.first.bounding_box()
            assert box is not None and marked.first.evaluate(COVERED) - 1 <= box["y"] <= viewport["height"] - 30, (path, box)
            background = marked.first.evaluate("r => [...r.cells].map(e => getComputedStyle(e).backgroundColor)")
            unmarked = page.locator("div.md-content tbody tr:not(.cs-mine)").last
            assert background[0] != unmarked.evaluate("r => getComputedStyle(r.cells[0]).backgroundColor"), path

        page.goto(base + "districts/")  # the districts index marks its row too (no anchor there)
        page.wait_for_timeout(150)
        assert page.locator("tr.cs-mine").count() == 1 and name in page.locator("tr.cs-mine").inner_text()

        page.goto(base)  # the home page: the district's page and its two parts an official opens most
        links = page.locator("p.cs-mine-line a")
        hrefs = [links.nth(k).get_attribute("href") for k in range(links.count())]
        assert hrefs == [f"districts/{slug}/", f"districts/{slug}/#borrowable", f"districts/{slug}/#peers"], hrefs
        assert name in links.first.inner_text()
        links.nth(2).click()
        page.wait_for_timeout(300)
        assert page.evaluate("location.pathname").endswith(f"districts/{slug}/") and page.locator("#peers").is_visible()

        page.goto(base + "compare/")
        page.wait_for_function("location.search.length > 0")
        assert page.evaluate("new URLSearchParams(location.search).get('d')") == slug
        page.goto(base + "compare/?d=")  # an address that names its districts is kept as it is
        page.wait_for_timeout(500)
        assert page.evaluate("new URLSearchParams(location.search).get('d')") is None

        page.goto(f"{base}districts/{slug}/")
        page.wait_for_timeout(150)
        page.locator(".cs-mine-toggle").click()
        assert page.locator(".cs-mine-toggle").inner_text() == "☆ 设为我的区县"
        page.goto(base + PAGES[1])
        page.wait_for_timeout(150)
        assert page.locator(".cs-mine-line").count() == 0 and page.locator("tr.cs-mine").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_metrics_index_compares_my_district_with_its_regions_districts(chromium, base, work, viewport):
    """The metrics index's 对比 link names the first four districts that set the metric; for an
    official who set 我的区县 it says so and opens their district first, then the others of its
    region (片区) that set it (here every synthetic district sets every metric of the fixture)."""
    from playwright.sync_api import expect

    districts = yaml.safe_load((work / "data" / "districts.yaml").read_text(encoding="utf-8"))["districts"]
    slugs = [d["slug"] for d in districts]
    mine = districts[23]  # in the second region: its peers are not the first four districts
    peers = [d["slug"] for d in districts if d["region"] == mine["region"] and d is not mine][:3]
    assert peers != slugs[:3]
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()

    def follow_compare_link(label: str) -> dict:
        """Follow the metric's 对比 link on the metrics index (after checking its label): the compare view's address."""
        page.goto(base + "metrics/")
        link = page.locator(f"tr:has(a[href='{METRIC}/'])").locator("a[href*='compare/']")
        expect(link).to_have_text(label)  # site.js relabels it once it has run
        link.click()
        page.wait_for_function("location.pathname.endsWith('/compare/') && /d=/.test(location.search) && !location.search.includes('mine=')")
        return page.evaluate("Object.fromEntries(new URLSearchParams(location.search))")

    try:
        assert follow_compare_link("前 4 个区县")["d"] == ",".join(slugs[:4])
        page.goto(f"{base}districts/{mine['slug']}/")
        page.locator(".cs-mine-toggle").click()
        expect(page.locator(".cs-mine-toggle")).to_contain_text("已设为我的区县")
        params = follow_compare_link("★ 我的区县与其他区县")
        assert params["d"] == ",".join([mine["slug"], *peers]) and params["m"] == METRIC, params
        page.locator(".cmp-result").get_by_text(mine["name"]).first.wait_for()  # its column is drawn
    finally:
        context.close()


def test_my_districts_peers_are_those_that_set_the_metric_its_region_first(chromium, base, work):
    """Where few districts set a metric, 我的区县 is compared with those that do: of its region first,
    then of the others, each in list order; itself first even when it sets none. The manifest the
    compare view reads is narrowed here to a metric set by five districts (the synthetic ones all set
    every metric)."""
    import json

    districts = yaml.safe_load((work / "data" / "districts.yaml").read_text(encoding="utf-8"))["districts"]
    mine = districts[23]
    same = [k for k, d in enumerate(districts) if d["region"] == mine["region"] and d is not mine]
    other = [k for k, d in enumerate(districts) if d["region"] != mine["region"]]
    setters = sorted([same[4], other[2], other[7], other[9]])  # mine sets none; one setter of its region
    want = [mine["slug"], districts[same[4]]["slug"], districts[other[2]]["slug"], districts[other[7]]["slug"]]

    def narrowed(route):
        manifest = json.loads(route.fetch().text())
        for m in manifest["metrics"]:
            if m["slug"] == METRIC:
                m["set"], m["districts"] = setters, len(setters)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(manifest, ensure_ascii=False))

    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.route("**/compare/data/districts.json", narrowed)
        page.goto(base)
        page.evaluate(f"localStorage.setItem('cs-my-district', '{mine['slug']}')")
        page.goto(f"{base}compare/?d={districts[0]['slug']},{districts[1]['slug']}&m={METRIC}&mine=1")
        page.wait_for_function("/d=/.test(location.search) && !location.search.includes('mine=')")
        assert page.evaluate("new URLSearchParams(location.search).get('d')") == ",".join(want)
    finally:
        context.close()
