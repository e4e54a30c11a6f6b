"""compare.js not fetched (a network error; with the theme's instant navigation, which fetches it anew
when it brings the page in): the view's place says, in Chinese, that the comparison could not be
loaded and to reload the page, instead of staying empty while the page's lead promises a view; where
an earlier run of compare.js is there (the page visited before), the view starts as usual.

compare.js is blocked with Playwright's route (the request fails as on a dropped connection).

Run alone with: .venv/bin/python -m pytest tests/test_compare_script_failure_browser.py
"""
from __future__ import annotations

import pytest

from tests.conftest import watched_page

pytestmark = pytest.mark.browser

SCRIPT = "**/assets/compare.js*"
MESSAGE = "对比工具未能载入，请刷新页面重试。下方的覆盖表无需对比工具也能使用。"
APP = """() => { const a = document.getElementById('compare-app');
  return {hidden: a.hidden, shown: a.checkVisibility(), text: a.textContent, role: a.getAttribute('role')}; }"""
SAID = {"hidden": False, "shown": True, "text": MESSAGE, "role": "alert"}
FILLED = "(document.getElementById('compare-app')?.textContent ?? '') !== ''"  # the view, or the message


def blocked(pg) -> list[str]:
    """compare.js requests of the page's context made to fail from now on (as on a dropped
    connection); the list fills with their addresses."""
    asked: list[str] = []

    def fail(route):
        asked.append(route.request.url)
        route.abort("internetdisconnected")

    pg.context.route(SCRIPT, fail)
    return asked


def by_tab(pg, base: str, tab: str, path: str) -> None:
    """A tab of the site's header followed by the theme's instant navigation: the page never reloaded."""
    pg.evaluate("window.__samePage = true")
    pg.click(f".md-tabs__link:text-is('{tab}')")
    pg.wait_for_url(base + path)
    assert pg.evaluate("window.__samePage") is True, "the page was reloaded: not the theme's navigation"


def test_a_page_whose_compare_script_fails_says_to_reload(site_url, chromium):
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        asked = blocked(pg)
        pg.goto(site_url + "compare/?d=jiangjin,yongchuan")
        pg.wait_for_function(FILLED)
        assert asked, "compare.js was not asked for"
        assert pg.evaluate(APP) == SAID
        assert pg.locator(".cmp-failed").is_visible()
        assert pg.locator("#cmp-coverage table").is_visible()  # the table that needs no script is there


def test_with_instant_navigation_a_failed_compare_script_says_to_reload(chromium, instant_site):
    """The theme brings the compare page in (no reload) and its script tag fails: the same words."""
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(instant_site + "about/")
        asked = blocked(pg)
        by_tab(pg, instant_site, "对比", "compare/")
        pg.wait_for_function(FILLED)
        assert asked
        assert pg.evaluate(APP) == SAID


def test_with_instant_navigation_a_view_seen_before_starts_though_its_script_fails_anew(chromium, instant_site):
    """compare.js ran on an earlier visit (its start is subscribed to the theme's page changes): the
    tag failing on the way back says nothing, the view starts."""
    with watched_page(chromium, {"width": 1280, "height": 900}) as pg:
        pg.goto(instant_site + "compare/?d=jiangjin,yongchuan")
        pg.wait_for_selector(".cmp-table tbody tr")
        asked = blocked(pg)
        by_tab(pg, instant_site, "关于", "about/")
        by_tab(pg, instant_site, "对比", "compare/")
        pg.wait_for_selector(".cmp-grid input")
        assert asked, "the theme did not fetch compare.js again"
        assert pg.locator(".cmp-failed").count() == 0
        assert MESSAGE not in pg.locator("#compare-app").inner_text()
