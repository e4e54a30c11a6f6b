"""量化目标对照 as an official on a phone used it (a user test): a metric's name tapped opens its view
with the view's top in sight below the header, focus at its start, and is a navigation: one entry of
the history pushed, so Back returns to the overview with the section in view (a second Back leaves
the page), as the link 「← 返回量化目标对照」 at the top of the metric's view does; every control
change still rewrites the address in place (tests/test_compare_history_browser.py). The section has
the id `targets`: an address ending in #targets opens on it, and the overview's first line links
down to it (跳到量化目标对照), putting #targets in the address for 复制链接.

Run alone with: .venv/bin/python -m pytest tests/test_compare_targets_nav_browser.py
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

THREE = ("yongchuan", "jiangjin", "tongliang")
ENERGY = "energy-intensity-reduction"
ENERGY_NAME = "单位地区生产总值能耗降低"

# Where a node's top is against the viewport and the header's bottom
TOP = """sel => {
  const node = document.querySelector(sel), header = document.querySelector('.md-header');
  if (!node) return null;
  return {top: node.getBoundingClientRect().top, bottom: node.getBoundingClientRect().bottom,
          header: header.getBoundingClientRect().bottom, height: innerHeight, y: scrollY};
}"""


# Resolves once the page has stopped scrolling (the same scrollY for five frames in a row): a scroll
# the theme makes smooth ends after a time the machine's load decides
SETTLED = """() => new Promise((done) => {
  let last = -1, same = 0;
  (function tick() {
    if (scrollY === last) { if (++same >= 5) { done(true); return; } } else { same = 0; last = scrollY; }
    requestAnimationFrame(tick);
  })();
})"""


def settle(page, ms: int = 200) -> None:
    page.wait_for_timeout(ms)
    page.evaluate(SETTLED)


def size(width: int) -> dict:
    return {"width": width, "height": 844 if width < 600 else 900}


def overview(page, base: str, hash_: str = "") -> None:
    page.goto(base + "compare/?d=" + ",".join(THREE) + hash_)
    page.wait_for_selector(".cmp-quant-box table.cmp-quant")


def in_view(found: dict) -> bool:
    """The node's top below the header and within the viewport."""
    return found is not None and found["header"] - 1 <= found["top"] < found["height"] * 0.5


@pytest.mark.parametrize(("width", "served"), [(390, "site_url"), (1280, "site_url"), (390, "instant_site")])
def test_a_metric_tapped_opens_its_view_in_sight_and_back_returns_to_the_targets(request, chromium, width, served):
    """From about/ to the overview, down to 量化目标对照, 单位地区生产总值能耗降低 tapped: the metric's view
    (its table of values) starts in sight below the header, focus on it; one Back: the overview, the
    section in view; a second Back: about/. The theme's instant navigation on or off."""
    site_url = request.getfixturevalue(served)
    page = chromium.new_page(viewport=size(width))
    try:
        page.goto(site_url + "about/")
        overview(page, site_url)
        link = page.locator(".cmp-quant-box table.cmp-quant a", has_text=ENERGY_NAME).first
        link.scroll_into_view_if_needed()
        link.click()
        page.wait_for_selector(".cmp-brief tr")
        settle(page)
        assert parse_qs(urlparse(page.url).query) == {"d": [",".join(THREE)], "m": [ENERGY]}
        found = page.evaluate(TOP, ".cmp-result")
        assert in_view(found), (found, page.url)
        assert page.evaluate("document.activeElement.classList.contains('cmp-brief')")
        # the way back, at the top of the view
        back = page.locator(".cmp-result > .cmp-back-row a")
        assert back.inner_text() == "← 返回量化目标对照"
        assert page.locator(".cmp-back-row .cmp-back-metric").inner_text() == ENERGY_NAME

        page.go_back()
        page.wait_for_selector(".cmp-quant-box table.cmp-quant")
        settle(page)
        assert parse_qs(urlparse(page.url).query) == {"d": [",".join(THREE)]}
        assert page.locator(".cmp-back-row").count() == 0
        found = page.evaluate(TOP, ".cmp-quant-box")
        assert in_view(found), (found, page.url)
        page.go_back()
        page.wait_for_url("**/about/")
    finally:
        page.close()


def test_the_back_link_does_as_back_and_controls_still_replace(site_url, chromium):
    """返回量化目标对照 returns to the overview as Back does; a metric chosen in the 指标 control there
    (a control change) pushes nothing: Back after it leaves the page; the metric's view opened by its
    control has no way back to offer."""
    page = chromium.new_page(viewport=size(1280))
    try:
        page.goto(site_url + "about/")
        overview(page, site_url)
        page.locator(".cmp-quant-box table.cmp-quant a", has_text=ENERGY_NAME).first.click()
        page.locator(".cmp-back-row a").click()
        page.wait_for_selector(".cmp-quant-box table.cmp-quant")
        settle(page)
        assert in_view(page.evaluate(TOP, ".cmp-quant-box"))
        assert page.evaluate("history.length") >= 3
        page.select_option("select[aria-label='指标']", ENERGY)
        page.wait_for_selector(".cmp-brief tr")
        assert page.locator(".cmp-back-row").count() == 0
        page.go_back()
        page.wait_for_url("**/about/")
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_an_address_ending_in_targets_opens_on_the_section(site_url, chromium, width):
    page = chromium.new_page(viewport=size(width))
    try:
        overview(page, site_url, "#targets")
        settle(page)
        found = page.evaluate(TOP, ".cmp-quant-box")
        assert in_view(found) and found["y"] > 0, found
        assert page.locator(".cmp-quant-box").get_attribute("id") == "targets"
        assert page.locator(".cmp-quant-box h2").inner_text() == "量化目标对照"
    finally:
        page.close()


def test_the_jump_link_goes_down_and_puts_the_hash_in_the_address(site_url, chromium):
    """On a phone the section is screens below: the overview's first line links to it; followed, the
    address ends in #targets (in place: Back leaves), which opens on it again."""
    page = chromium.new_page(viewport=size(390))
    try:
        page.goto(site_url + "about/")
        overview(page, site_url)
        assert page.evaluate(TOP, ".cmp-quant-box")["top"] > 844  # below the first screen
        jump = page.locator(".cmp-result .cmp-jump a")
        assert jump.inner_text().startswith("跳到量化目标对照")
        assert jump.bounding_box()["y"] < 844
        jump.click()
        settle(page)
        assert in_view(page.evaluate(TOP, ".cmp-quant-box"))
        assert urlparse(page.url).fragment == "targets"
        assert page.evaluate("document.activeElement.id") == "cmp-quant-title"
        shared = page.url
        page.go_back()
        page.wait_for_url("**/about/")
        page.goto(shared)
        page.wait_for_selector(".cmp-quant-box table.cmp-quant")
        settle(page)
        assert in_view(page.evaluate(TOP, ".cmp-quant-box"))
    finally:
        page.close()


def test_an_address_ending_in_targets_with_one_district_moves_nothing_once_a_second_is_ticked(chromium, site_url):
    """compare/?d=yongchuan#targets shows no view (one district): the wish to bring 量化目标对照 into view
    is dropped with it, so ticking a second district keeps the keyboard on that box and the page where
    the reader is (a review found the section's heading taking focus then)."""
    page = chromium.new_page(viewport=size(1280))
    try:
        page.goto(site_url + "compare/?d=yongchuan#targets")
        page.wait_for_selector(".cmp-district input")
        box = page.locator("input[value='jiangjin']")
        if not box.is_visible():
            page.get_by_role("button", name="更改区县").click()
        box.scroll_into_view_if_needed()
        before = page.evaluate("scrollY")
        box.check()
        page.wait_for_selector(".cmp-quant-box table.cmp-quant")
        settle(page, 300)
        assert page.evaluate("document.activeElement && document.activeElement.value") == "jiangjin"
        assert page.evaluate("scrollY") == before
    finally:
        page.close()
