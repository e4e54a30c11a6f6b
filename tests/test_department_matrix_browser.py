"""A department page's district × theme matrix leads somewhere from every count and every theme:
in Chromium at 390 px (the matrix as cards) and 1280 px, tapping a theme's count (2/5) opens that
department's measures of the theme in the district (the list on the department × district page,
scrolled into view) with as many titles as the count says and as many marked 牵头 as its first
number; a theme's column heading opens the theme's page; and an old address of the matrix's
anchors (departments/x/#jiangjin-energy) still arrives at that list."""
from __future__ import annotations

import pytest

from tests.test_jump_browser import BROKEN_LINKS, PHONE_WIDTHS

pytestmark = pytest.mark.browser

DEPARTMENT = "fazhan-gaige"
DISTRICT, DISTRICT_NAME = "jiangjin", "江津区"
THEME, THEME_NAME = "energy", "能源转型"


def the_list(tab, anchor: str) -> tuple[list[str], bool]:
    """The titles under a theme's heading (up to the next heading) and whether the heading is in view."""
    return tab.evaluate("""id => {
        const h = document.getElementById(id);
        const items = [];
        for (let el = h.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling)
            if (el.tagName === "UL") for (const li of el.children) items.push(li.textContent.trim());
        const box = h.getBoundingClientRect();
        return [items, box.top >= 0 && box.top < innerHeight];
    }""", anchor)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_theme_count_opens_the_departments_measures_of_that_theme_there(chromium, site_url, width):
    tab = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        tab.goto(f"{site_url}departments/{DEPARTMENT}/")
        column = tab.evaluate("""name => [...document.querySelectorAll('.cs-matrix thead th')]
                                 .findIndex(th => th.textContent.trim() === name)""", THEME_NAME)
        assert column > 0
        row = tab.locator(".cs-matrix tbody tr", has_text=DISTRICT_NAME)
        cell = row.locator("td").nth(column)
        if width < 600:  # a phone's card shows its summary first; its button opens the themes' counts
            assert not cell.is_visible()
            row.get_by_role("button", name="各主题").click()
        text = cell.inner_text().split("：")[-1].strip()  # a phone's card labels the count: 能源转型：5/10
        lead, total = (int(n) for n in text.split("/"))
        cell.get_by_role("link").click()
        tab.wait_for_url(f"**/departments/{DEPARTMENT}/{DISTRICT}/#{DISTRICT}-{THEME}")
        tab.wait_for_timeout(300)
        items, in_view = the_list(tab, f"{DISTRICT}-{THEME}")
        assert in_view
        assert len(items) == total and sum(i.endswith("（牵头）") for i in items) == lead
    finally:
        tab.close()


def test_a_phone_sees_each_district_as_a_short_card_that_opens(chromium, site_url):
    """At 390 px each district's card shows its name and its counts by role; the button names how
    many themes it has measures in and opens those counts (and closes them again)."""
    tab = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        tab.goto(f"{site_url}departments/{DEPARTMENT}/")
        rows = tab.locator(".cs-matrix tbody tr")
        shown_before = [rows.nth(i).locator("td:visible").count() for i in range(rows.count())]
        assert all(n <= 5 for n in shown_before)
        row = rows.filter(has_text=DISTRICT_NAME)
        button = row.get_by_role("button", name="各主题")
        themes = int(button.inner_text().split("（")[1].split("）")[0])
        assert button.get_attribute("aria-expanded") == "false" and themes > 0
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert row.locator("td.cs-more:visible").count() == themes  # the themes it has measures in
        button.click()
        assert row.locator("td.cs-more:visible").count() == 0
    finally:
        tab.close()


@pytest.fixture
def desktop(chromium):
    """A tab of desktop width, closed after the test."""
    tab = chromium.new_page(viewport={"width": 1280, "height": 900})
    yield tab
    tab.close()


def test_a_theme_heading_opens_the_themes_page(desktop, site_url):
    desktop.goto(f"{site_url}departments/{DEPARTMENT}/")
    assert desktop.locator(".cs-card-more:visible").count() == 0  # a desktop's matrix shows every count
    desktop.locator(".cs-matrix thead th").get_by_role("link", name=THEME_NAME, exact=True).click()
    desktop.wait_for_url(f"**/themes/{THEME}/")
    assert THEME_NAME in desktop.locator("h1").inner_text()


def test_an_old_address_of_a_matrix_anchor_arrives_at_the_list(desktop, site_url):
    desktop.goto(f"{site_url}departments/{DEPARTMENT}/#{DISTRICT}-{THEME}")
    desktop.wait_for_url(f"**/departments/{DEPARTMENT}/{DISTRICT}/#{DISTRICT}-{THEME}")
    desktop.wait_for_timeout(300)
    items, in_view = the_list(desktop, f"{DISTRICT}-{THEME}")
    assert items and in_view


@pytest.mark.parametrize("anchor, lands_on", [
    ("jiang-energy", "jiang/"),  # a prefix entry
    ("jiang-jin-energy", "jiang-jin/"),  # the longest matching prefix wins over jiang-*
    ("m12", "part-2/"),  # an exact entry
    ("here", None),  # an id of the page itself: stays
    ("nowhere", None),  # no entry: stays
])
def test_the_anchor_map_sends_an_old_anchor_to_its_page(desktop, anchor, lands_on):
    """redirects.js on a page of its own (served by the browser's router): prefix entries
    ("jiang-*=jiang/"), the longest prefix first, exact entries, and anchors it must leave alone."""
    from generator.pipeline import ASSETS

    script = (ASSETS / "redirects.js").read_text(encoding="utf-8")
    page_html = ('<!doctype html><p id="here">x</p><div class="anchor-map" hidden data-anchors="'
                 'jiang-*=jiang/ jiang-jin-*=jiang-jin/ m12=part-2/"></div><script>' + script + "</script>")
    # the pages the map sends to hold the anchor (an overview's target page does)
    target_html = f'<!doctype html><h2 id="{anchor}">list</h2>'

    def serve(route):
        body = page_html if route.request.url.split("#")[0] == "http://cs.test/dept/" else target_html
        route.fulfill(status=200, content_type="text/html", body=body)

    desktop.route("http://cs.test/**", serve)
    desktop.goto(f"http://cs.test/dept/#{anchor}", wait_until="commit")
    if lands_on is not None:
        desktop.wait_for_url(f"http://cs.test/dept/{lands_on}#{anchor}")
    else:
        desktop.wait_for_timeout(300)
        assert desktop.url == f"http://cs.test/dept/#{anchor}"


PAGED = "tongliang"  # 发展改革委 in 铜梁区: its full texts run over two pages, 配合 beginning on the second


@pytest.mark.parametrize("width", [390, 1280])
def test_a_roles_count_opens_where_its_measures_begin_and_the_pager_names_each_pages_roles(chromium, site_url, width):
    """An official whose department only supports (配合) a measure taps that count in the opening
    sentence and sees the heading its full texts begin under, on the page they begin on; the 牵头
    count leads back to the lead-only list. Each label of the pager names the roles of its page and
    stays on one line: on a phone the pager wraps between its labels only."""
    tab = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        tab.goto(f"{site_url}departments/{DEPARTMENT}/{PAGED}/")
        pager = tab.locator("p.cs-pages", has_text="分页").first
        labels = pager.evaluate("p => [...p.querySelectorAll('a, strong')].map(e => [e.textContent, e.getClientRects().length])")
        assert labels == [["第 1 页（牵头）", 1], ["第 2 页（牵头、配合）", 1]]
        for phone in PHONE_WIDTHS if width < 600 else ():
            tab.set_viewport_size({"width": phone, "height": 900})
            assert tab.evaluate(f"[...document.querySelectorAll('p.cs-pages')].flatMap({BROKEN_LINKS})") == [], phone
        tab.set_viewport_size({"width": width, "height": 900})
        tab.locator(".md-content p", has_text="项措施：").first.get_by_role("link", name="配合", exact=False).click()
        tab.wait_for_url(f"**/departments/{DEPARTMENT}/{PAGED}/2/#support")
        tab.wait_for_function("""() => {  // scrolled to it: below the header, on the screen (asserted below)
            const h = document.getElementById('support'), bar = document.querySelector('.md-header');
            const top = h && h.getBoundingClientRect().top;
            return h !== null && top >= bar.getBoundingClientRect().bottom - 1 && top < 450;
        }""", timeout=5000)
        top = tab.evaluate("""() => {
            const h = document.getElementById('support'), bar = document.querySelector('.md-header');
            return [h.tagName, h.getBoundingClientRect().top, bar.getBoundingClientRect().bottom];
        }""")
        assert top[0] == "H2" and top[2] - 1 <= top[1] < 450, top  # below the header, on the screen
        tab.locator(".md-content p", has_text="项措施：").first.get_by_role("link", name="牵头", exact=False).click()
        tab.wait_for_url(f"**/departments/{DEPARTMENT}/{PAGED}/#lead-only")
        assert tab.evaluate("document.documentElement.scrollWidth") <= width  # nothing sideways
    finally:
        tab.close()


def test_a_later_page_of_a_department_in_a_district_names_the_first_in_its_trail(desktop, site_url):
    """The trail of page 2 leads to page 1 under its title (the department in the district, the
    heading both pages share), not under the pager's label of it (第 1 页（牵头）)."""
    desktop.goto(f"{site_url}departments/{DEPARTMENT}/{PAGED}/2/")
    desktop.wait_for_function("document.querySelector('.md-content .md-path') !== null")
    trail = desktop.evaluate("[...document.querySelectorAll('.md-content .md-path .md-path__link')].map(a => [a.textContent.trim(), a.href])")
    heading = desktop.evaluate("document.querySelector('.md-content h1').firstChild.textContent.trim()")
    assert [text for text, _ in trail] == ["首页", "部门", heading]
    assert trail[-1][1] == f"{site_url}departments/{DEPARTMENT}/{PAGED}/"
