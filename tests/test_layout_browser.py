"""Reading comfort, measured in a real browser: the built site served on 127.0.0.1 and every page
kind rendered by headless Chromium at 390 px (a phone) and 1280 px (a desktop), in the light and
the dark palette. A page fails when

- an element reaches past the viewport's edge without a box that scrolls it (or the page itself
  scrolls sideways),
- text in a chart renders under 12 px, or a link in a heat table's cell is smaller than a
  44 × 44 px target,
- no navigation entry is active (a tab on a desktop, an entry of the drawer on a phone), or a
  page below a section has no breadcrumb trail,
- it was drawn in the wrong palette.

The pages: every top-level folder of the site gives its index page, its first page and the first
page one level further down, so a new page kind is covered as soon as it is built; the compare
view is opened with every district selected.
Run alone with: .venv/bin/python -m pytest tests/test_layout_browser.py -m browser
(LAYOUT_SHOTS=/tmp/folder also saves a screenshot of each page, width and palette there).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
SCHEMES = ("light", "dark")
MIN_CHART_TEXT_PX = 12.0
MIN_TARGET_PX = 44.0  # WCAG 2.5.5 target size


def page_kinds(site: Path) -> list[str]:
    """One address per page kind, from the built folders (not from the generator's page list),
    plus the page with the most bar charts."""
    paths = [""]
    districts = sorted(p.name for p in (site / "districts").iterdir() if (p / "index.html").is_file())
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name != "assets"):
        if (folder / "index.html").is_file():
            paths.append(f"{folder.name}/")
        children = sorted(c for c in folder.iterdir() if (c / "index.html").is_file())
        if children:
            paths.append(f"{folder.name}/{children[0].name}/")
            # one page per kind below that: page 2, 3 … of a long page are one kind, a district's
            # share of a theme or department is one kind, any other name (projects/) its own kind
            kinds: dict[str, Path] = {}
            for g in sorted(g for c in children for g in c.iterdir() if (g / "index.html").is_file()):
                kinds.setdefault("#" if g.name.isdigit() else "district" if g.name in districts else g.name, g)
            paths += [g.relative_to(site).as_posix() + "/" for g in kinds.values()]
    charts = {f.parent.relative_to(site).as_posix() + "/": f.read_text(encoding="utf-8").count('<svg class="chart"')
              for f in site.glob("*/*/index.html")}
    most = max(charts, key=lambda k: (charts[k], k))
    if charts[most] and most not in paths:
        paths.append(most)
    paths.append("compare/?d=" + ",".join(districts))
    return paths


# Runs in the page: every visible element that reaches outside the viewport and is not inside a
# box that scrolls or clips it, which itself lies within the viewport.
OVERFLOW_JS = """
() => {
  const vw = document.documentElement.clientWidth, out = [];
  const clips = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.md-sidebar, .cs-visually-hidden, svg *')) continue;  // the off-canvas drawer; SVG parts
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= vw + 1 && r.left >= -1) continue;
    let ok = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (clips(a)) { const ar = a.getBoundingClientRect(); if (ar.left >= -1 && ar.right <= vw + 1) { ok = true; break; } }
    }
    if (!ok) out.push(el.tagName.toLowerCase() + '.' + String(el.className.baseVal ?? el.className).trim().replace(/\\s+/g, '.')
                      + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return {pageWidth: document.documentElement.scrollWidth, viewport: vw, offenders: out.slice(0, 10)};
}
"""

# Runs in the page: the rendered size of chart text (font size × the SVG's scale on screen) and
# of the links in heat-table cells (the compare view).
CHART_JS = """
() => {
  const texts = [], targets = [];
  for (const t of document.querySelectorAll('.md-content svg text')) {
    const m = t.getScreenCTM();
    if (!m) continue;
    texts.push([t.textContent, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)]);
  }
  for (const a of document.querySelectorAll('.md-content svg a, .md-content .cmp-heat a')) {
    const r = a.getBoundingClientRect();
    targets.push([r.width, r.height]);
  }
  return {texts, targets};
}
"""

NAV_JS = """
() => {
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const tabs = document.querySelector('.md-tabs');
  const path = document.querySelector('.md-content .md-path');
  return {
    tabsShown: visible(tabs),
    activeTabs: [...document.querySelectorAll('.md-tabs__item--active')].map(e => e.textContent.trim()),
    activeDrawer: [...document.querySelectorAll('.md-nav--primary .md-nav__link--active')].map(e => e.textContent.trim()),
    crumbs: path && visible(path) ? [...path.querySelectorAll('.md-path__item')].map(e => e.textContent.trim()) : [],
    scheme: document.body.getAttribute('data-md-color-scheme'),
    chartInk: [...document.querySelectorAll('.md-content svg text')].slice(0, 1).map(t => getComputedStyle(t).fill),
  };
}
"""


def luminance(css_rgb: str) -> float:
    r, g, b = (int(float(v)) for v in css_rgb[css_rgb.index("(") + 1:css_rgb.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.fixture(scope="module")
def chromium(playwright_session):
    """This module's own browser (a fresh profile, nothing cached from other modules), closed when
    the module ends; the modules that import this fixture get one each too."""
    from generator.bench import launch_chromium

    browser = launch_chromium(playwright_session)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    found = page_kinds(built_site)
    assert len(found) >= 12, found  # home, search and the section folders at least
    return found


def new_tab(chromium, width: str, scheme: str = "light"):
    """A page in a context of its own at one of WIDTHS and a colour scheme, keeping the script errors
    it sees (pg.errors); the caller closes the context."""
    w, h = WIDTHS[width]
    context = chromium.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors  # type: ignore[attr-defined]
    return context, pg


@pytest.fixture(scope="module", params=[(w, s) for w in WIDTHS for s in SCHEMES], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request, chromium):
    width, scheme = request.param
    context, pg = new_tab(chromium, width, scheme)
    pg.kind = (width, scheme)  # type: ignore[attr-defined]
    yield pg
    context.close()


def open_page(pg, url: str) -> None:
    pg.goto(url)
    pg.wait_for_load_state("load")
    pg.wait_for_function("document.querySelector('.md-content') !== null")
    if "?" in url:  # a view composed in the browser from JSON files
        pg.wait_for_load_state("networkidle")
    pg.wait_for_timeout(150)  # the theme's and our scripts run after load


def test_every_page_kind_reads_at_phone_and_desktop_width_in_both_palettes(tab, pages, site_url, built_site):
    width, scheme = tab.kind
    shots = Path(os.environ["LAYOUT_SHOTS"]) if os.environ.get("LAYOUT_SHOTS") else None
    problems, chart_texts, heat_links = [], 0, 0
    for path in pages:
        open_page(tab, site_url + path)
        where = f"{path or '(home)'} at {width}/{scheme}"
        over = tab.evaluate(OVERFLOW_JS)
        if over["pageWidth"] > over["viewport"] + 1:
            problems.append(f"{where}: the page scrolls sideways ({over['pageWidth']} > {over['viewport']} px)")
        if over["offenders"]:
            problems.append(f"{where}: outside the viewport with no scroll box: {over['offenders']}")
        charts = tab.evaluate(CHART_JS)
        chart_texts += len(charts["texts"])
        heat_links += len(charts["targets"])
        small = [(t, round(px, 1)) for t, px in charts["texts"] if px < MIN_CHART_TEXT_PX]
        if small:
            problems.append(f"{where}: chart text under {MIN_CHART_TEXT_PX} px: {small[:5]}")
        tiny = [wh for wh in charts["targets"] if min(wh) < MIN_TARGET_PX]
        if tiny:
            problems.append(f"{where}: heat-table links smaller than {MIN_TARGET_PX} px: {tiny[:3]}")
        nav = tab.evaluate(NAV_JS)
        if nav["tabsShown"]:
            if len(nav["activeTabs"]) != 1:
                problems.append(f"{where}: active tabs {nav['activeTabs']}")
        elif not nav["activeDrawer"]:
            problems.append(f"{where}: no active entry in the navigation drawer")
        section_page = path.split("?")[0].count("/") == 1
        if path and not section_page and len(nav["crumbs"]) < 2:
            problems.append(f"{where}: no breadcrumb trail ({nav['crumbs']})")
        want = "slate" if scheme == "dark" else "default"
        if nav["scheme"] != want:
            problems.append(f"{where}: palette {nav['scheme']}, wanted {want}")
        if nav["chartInk"] and (luminance(nav["chartInk"][0]) > 0.5) != (scheme == "dark"):
            problems.append(f"{where}: chart text {nav['chartInk'][0]} does not suit the {scheme} palette")
        if shots:
            shots.mkdir(parents=True, exist_ok=True)
            name = (path.split("?")[0].strip("/") or "home").replace("/", "_") + ("-query" if "?" in path else "")
            tab.screenshot(path=str(shots / f"{name}-{width}-{scheme}.png"))
    assert not tab.errors, tab.errors
    assert not problems, "\n".join(problems)
    assert chart_texts and heat_links, "no chart or heat map was measured"


def test_pages_outside_the_navigation_mark_their_section(tab, site_url, built_site):
    """A district page: its tab (desktop) or drawer entry (phone) is active and the trail leads home."""
    district = sorted(p.name for p in (built_site / "districts").iterdir() if p.is_dir())[0]
    open_page(tab, f"{site_url}districts/{district}/")
    nav = tab.evaluate(NAV_JS)
    assert (nav["activeTabs"] if nav["tabsShown"] else nav["activeDrawer"]) == ["区县"]
    assert nav["crumbs"][:2] == ["首页", "区县"]



def serve_file(path: Path):
    """A Playwright route handler that answers with the file at ``path`` (an HTML page)."""
    body = path.read_bytes()
    return lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)


def test_a_page_served_without_its_final_slash_gets_its_trail_and_does_not_hang(chromium, site_url, built_site):
    """Some servers answer `sources/x` with sources/x/index.html instead of redirecting to
    `sources/x/`; the walk up that address for the trail's middle level never ended and froze the
    tab."""
    # a source text and a project table: their trail names the documents section (deeper pages'
    # relative links, the theme's tabs among them, resolve one folder off at such an address)
    kinds = {"sources/*/index.html": ["首页", "政策文件"], "projects/*/index.html": ["首页", "政策文件"]}
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for pattern, trail in kinds.items():
            page = sorted(p.parent for p in built_site.glob(pattern))[0]
            address = page.relative_to(built_site).as_posix()
            pg.route(f"**/{address}", serve_file(page / "index.html"))
            pg.goto(site_url + address)
            pg.wait_for_function("document.querySelector('.md-content .md-path') !== null")
            crumbs = pg.evaluate(NAV_JS)["crumbs"]
            assert crumbs == trail, (address, crumbs)
    finally:
        context.close()
    assert not errors, errors


def test_instant_navigation_keeps_the_page_and_restarts_our_scripts(chromium, instant_site):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    open_page(pg, instant_site)
    pg.evaluate("window.__samePage = true")
    pg.click(".md-tabs__link:text-is('区县')")
    pg.wait_for_url(instant_site + "districts/")
    pg.click(".md-content a[href*='districts/'][href$='/']:not([href$='districts/'])")
    pg.wait_for_function("location.pathname.split('/').filter(Boolean).length >= 2")
    pg.wait_for_function("document.querySelector('.md-content .md-path') !== null")
    assert pg.evaluate("window.__samePage") is True, "the theme's instant navigation did not keep the page"
    assert pg.evaluate(NAV_JS)["activeTabs"] == ["区县"]
    # the header search box, kept across page changes, still finds measures, and the search page starts
    pg.fill("#cs-header-q", "光伏")
    pg.wait_for_selector(".cs-dropdown .cs-dropdown__item")
    pg.click(".cs-dropdown__all")
    pg.wait_for_function("document.getElementById('cs-page') && document.getElementById('cs-page').dataset.state === 'done'")
    assert pg.evaluate("window.__samePage") is True
    assert pg.locator("#cs-results > li").count() > 0
    assert not errors, errors
    context.close()


def test_tapping_the_search_icon_on_a_phone_focuses_the_search_box(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    pg = context.new_page()
    open_page(pg, site_url + "themes/")
    assert not pg.is_visible("#cs-header-q")
    pg.tap(".cs-header__icon")
    assert pg.evaluate("document.activeElement && document.activeElement.id") == "cs-header-q"
    box = pg.locator("#cs-header-q").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    pg.keyboard.type("充电桩")
    pg.wait_for_selector(".cs-dropdown .cs-dropdown__item")
    context.close()


def test_chart_value_labels_stay_inside_the_chart(chromium):
    """Measured by the browser, not by the estimate the chart is laid out with (a metric page's
    "14.5–16%（2个目标）" was cut off at the chart's edge)."""
    from decimal import Decimal

    from generator.svg import Bar, bar_chart

    bars = [Bar("甲山区", Decimal(v), f"{v}%（2个目标）" if v < 20 else f"{v}%", "%", 2025) for v in (14, 16, 30)]
    bars.append(Bar("乙山区", Decimal(30), "14.5–16.25%（12个目标）", "%", 2025))
    svg = bar_chart(bars, "测试")
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    try:
        page.set_content(f"<!doctype html><meta charset=utf-8><body style='margin:0'>{svg}</body>")
        overflow = page.evaluate("""() => {
            const svg = document.querySelector('svg'), width = svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox(); return [t.textContent, b.x + b.width - width]; })
                .filter(([, over]) => over > 0);
        }""")
    finally:
        page.close()
    assert overflow == []
