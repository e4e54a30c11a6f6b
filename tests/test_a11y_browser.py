"""Accessibility as axe-core finds it (信息无障碍, GB/T 37668-2019, which follows WCAG 2.x), on the
real built site in headless Chromium at 390 px (a phone) and 1280 px (a desktop):

- axe's rules for WCAG 2.0, 2.1 and 2.2 levels A and AA, and its best-practice rules (landmarks,
  headings, regions: the ones a screen reader's lists of landmarks and headings depend on), on one
  page of every page kind (tests.test_layout_browser.page_kinds) and on the states a reader makes:
  the compare view with three districts chosen, its picker opened, its link copied and every
  district's coverage shown; the search page's results for 充电桩; the header box's dropdown; a
  department matrix's card opened on a phone; the navigation drawer opened on a phone; the 404
  page. The states in both palettes (a focused button's colours differ in each). axe's
  color-contrast rule runs too: tests/test_contrast_browser.py measures every text of every page
  kind at rest, this catches the colours of states (a hovered or focused button, an open list);
- the keyboard: Tab through the first stops of a few pages; each stop is on the screen and shows
  that it has the focus (an outline or a shadow). axe does not see either.

A violation fails the test unless EXCLUDED names its rule and the element (axe's selector), with
the reason it cannot be fixed from this project. axe-core is the copy that axe-playwright-python
ships (axe.min.js in its package): no download at run time.
Run alone with: .venv/bin/python -m pytest tests/test_a11y_browser.py
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_layout_browser import WIDTHS, chromium, new_tab, open_page, page_kinds  # noqa: F401 - chromium: this module's own browser

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
COMPARED = "compare/?d=jiangjin,qianjiang,tongliang"
QUERY = "充电桩"

# (rule id, axe's selector of the element) -> why it stays. Only violations that come from
# mkdocs-material's own markup or scripts and that the project's overrides, CSS and templates
# cannot change belong here, each by its element, never a rule as a whole. None does today: the
# theme's one finding (its breadcrumb trail named 导航栏 as the drawer is, landmark-unique) is
# renamed in overrides/main.html.
EXCLUDED: dict[tuple[str, str], str] = {}


def axe_violations(pg) -> list[str]:
    """axe's violations on the page as it is now, one line per element, less EXCLUDED."""
    from axe_playwright_python.sync_playwright import Axe

    # transitions ended first (a button's fill after a click, the header's title after a scroll):
    # axe reads the colours drawn at the moment it runs
    pg.evaluate("""() => Promise.race([new Promise(r => setTimeout(r, 1000)),
                    Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))])""")
    results = Axe().run(pg, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    found = []
    for rule in results.response["violations"]:
        for node in rule["nodes"]:
            selector = " ".join(str(t) for t in node["target"])
            if (rule["id"], selector) in EXCLUDED:
                continue
            found.append(f"{rule['id']} ({rule['impact']}) {selector}: {node['html'][:120]} -- {(node.get('failureSummary') or '')[:200]}")
    return found


def compared(pg, base: str) -> None:
    open_page(pg, base + COMPARED)
    pg.wait_for_selector(".cmp-table tbody tr")


def picker_opened(pg, base: str) -> None:
    compared(pg, base)
    pg.locator(".cmp-toggle").click()  # 更改区县: the list of every district, the toggle focused
    pg.wait_for_selector(".cmp-panel", state="visible")


def link_copied_and_all_shown(pg, base: str) -> None:
    compared(pg, base)
    pg.locator(".cmp-copy").click()
    pg.locator(".cmp-coverage-all").click()  # 显示全部: every district's coverage, the button focused
    pg.wait_for_selector(".cmp-coverage-all[aria-expanded=true]")


def search_results(pg, base: str) -> None:
    open_page(pg, base + "search/?q=" + QUERY)
    pg.wait_for_function("document.getElementById('cs-page').dataset.state === 'done'", timeout=30_000)
    assert pg.locator("#cs-results > li").count() > 0


def header_dropdown(pg, base: str) -> None:
    open_page(pg, base + "themes/")
    if pg.is_visible("#cs-header-q"):  # a phone has a link to the search page in its place
        pg.fill("#cs-header-q", QUERY)
        pg.wait_for_selector("#cs-dropdown:not([hidden]) a.cs-dropdown__item")


def matrix_card_opened(pg, base: str) -> None:
    open_page(pg, base + "departments/fazhan-gaige/")
    more = pg.locator(".cs-matrix tbody tr").first.get_by_role("button")
    if more.count() and more.first.is_visible():  # a phone's card: its button opens the themes' counts
        more.first.click()
        pg.wait_for_timeout(200)


def drawer_opened(pg, base: str) -> None:
    open_page(pg, base + "districts/jiangjin/")
    button = pg.locator(".md-header label[for=__drawer]").first
    if button.is_visible():
        button.click()
        pg.wait_for_timeout(400)  # the drawer's slide


def not_found(pg, base: str) -> None:
    pg.goto(base + "404.html")  # the test server answers a missing page with its own page
    pg.wait_for_load_state("load")
    pg.wait_for_timeout(150)


def mine_set_then_its_rows(pg, base: str) -> None:
    """我的区县: set on 黔江's page (the toggle pressed), then a metric page that marks its row, and
    that row opened by its address (the marked rows' small grey texts read 4.46:1 before)."""
    open_page(pg, base + "districts/qianjiang/")
    pg.locator(".cs-mine-toggle").click()
    open_page(pg, base + "metrics/energy-intensity-reduction/#qianjiang")
    assert pg.locator("tr.cs-mine").count() == 1


STATES: dict[str, Callable] = {
    "我的区县 set, its row marked and opened by its address": mine_set_then_its_rows,
    "compare view, 3 districts": compared,
    "compare view, picker opened": picker_opened,
    "compare view, link copied, every district shown": link_copied_and_all_shown,
    f"search page, results for {QUERY}": search_results,
    "header search box's dropdown": header_dropdown,
    "department matrix, a card opened": matrix_card_opened,
    "navigation drawer opened": drawer_opened,
    "404 page": not_found,
}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_passes_axe(chromium, site_url, built_site, width):  # noqa: F811
    paths = [p for p in page_kinds(built_site) if not p.startswith("compare/?")]  # the compare view: below
    # among them: the districts index, the downloads, the search and compare pages (empty), a
    # metric's page and a department's (its matrix)
    assert {"districts/", "data/", "search/", "compare/"} <= set(paths), paths
    assert any(p.startswith("metrics/") and p.count("/") == 2 for p in paths), paths
    assert any(p.startswith("departments/") and p.count("/") == 2 for p in paths), paths
    context, pg = new_tab(chromium, width)
    problems: list[str] = []
    try:
        for path in paths:
            open_page(pg, site_url + path)
            problems += [f"{path or '(home)'} at {width}: {v}" for v in axe_violations(pg)]
        assert not pg.errors, pg.errors
    finally:
        context.close()
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_states_a_reader_makes_pass_axe(chromium, site_url, width, scheme):  # noqa: F811
    context, pg = new_tab(chromium, width, scheme)
    problems: list[str] = []
    try:
        for name, make in STATES.items():
            make(pg, site_url)
            problems += [f"{name} at {width}/{scheme}: {v}" for v in axe_violations(pg)]
        assert not pg.errors, pg.errors
    finally:
        context.close()
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


# Runs in the page: the element that has the focus, whether it is on the screen and whether it
# shows it (an outline or a shadow of its own; the palette switch's radio shows it on its label).
FOCUSED_JS = """
() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const ring = (el) => {
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  };
  const shown = e.classList.contains('md-option') && e.nextElementSibling ? e.nextElementSibling : e;
  const r = shown.getBoundingClientRect();
  let hidden = false;
  for (let a = shown; a; a = a.parentElement) if (getComputedStyle(a).visibility === 'hidden') hidden = true;
  return {
    name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].filter(c => c !== 'focus-visible').map(c => '.' + c).join(''),
    text: (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 16),
    onScreen: !hidden && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
    ring: ring(shown),
  };
}
"""
TAB_STOPS = 60
KEYBOARD_PAGES = ["", "districts/jiangjin/", COMPARED, "departments/fazhan-gaige/", f"search/?q={QUERY}"]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_is_on_the_screen_and_shows_its_focus(chromium, site_url, width):  # noqa: F811
    """The theme's off-screen drawer took a phone's first Tab presses through its every link,
    unseen, and its reset took the focus ring off every input (the compare view's boxes)."""
    context, pg = new_tab(chromium, width)
    problems: list[str] = []
    stops = 0
    try:
        for path in KEYBOARD_PAGES:
            open_page(pg, site_url + path)
            if path.startswith("search/"):
                pg.wait_for_function("document.getElementById('cs-page').dataset.state === 'done'", timeout=30_000)
            for _ in range(TAB_STOPS):
                pg.keyboard.press("Tab")
                pg.wait_for_timeout(20)  # the skip link slides in
                stop = pg.evaluate(FOCUSED_JS)
                if stop is None:
                    break
                stops += 1
                if not stop["onScreen"]:
                    problems.append(f"{path or '(home)'} at {width}: {stop['name']} ({stop['text']}) has the focus off the screen")
                elif not stop["ring"]:
                    problems.append(f"{path or '(home)'} at {width}: {stop['name']} ({stop['text']}) shows no focus")
    finally:
        context.close()
    assert stops > 3 * TAB_STOPS, stops  # the pages were walked
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_axe_is_the_packaged_copy():
    """axe-core comes with the test dependency (no download at run time), and it is a version that
    knows WCAG 2.2's rules."""
    import axe_playwright_python

    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    version = script.split("axe v", 1)[1].split()[0]
    assert tuple(int(n) for n in version.split(".")[:2]) >= (4, 5), version
