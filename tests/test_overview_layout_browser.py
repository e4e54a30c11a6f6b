"""Overview tables at Chongqing's size, in headless Chromium at 390 px (a phone) and 1280 px (a
desktop): the matrices and wide tables that lead the overview pages must read without a sideways
scroll on a desktop, without text broken a character or two per line, and with nothing of the
compare view's pinned controls under the theme's 回到页面顶部 button.

Two sites: the real corpus (two-digit counts, all 18 themes; the session's built site) and the
fixture corpus copied into 38 districts with Chongqing's long names (tests/test_compare_picker_browser),
whose measures are spread over all 18 themes so that every matrix has 38 rows and 18 columns.

- every Markdown table of an overview page fits the box it scrolls in at 1280 px (a department's
  district × theme matrix scrolled 2 234 px in 720, the compare page's coverage table 2 134 in 1 220);
- at both widths no table cell (of text written across) that wraps is narrower than three
  characters (the compare view's theme column was one character wide beside four long names);
- on a phone a matrix too wide for the screen shows every count in view, as cards;
- at 1280 px the compare page's coverage table (38 rows) keeps its 18 theme headings in view when
  scrolled down to its last rows;
- 回到页面顶部, once shown, covers neither the pinned picker summary nor the phone's district tabs.

Run alone with: .venv/bin/python -m pytest tests/test_overview_layout_browser.py
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA
from tests.test_compare_picker_browser import COVERAGE_ROWS_JS, LONG_NAMES, open_compare, served
from tests.test_layout_browser import chromium, open_page  # noqa: F401 - chromium: this module's own browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
THEMES_PER_MEASURE = 6
MIN_CHARS = 3  # a cell that wraps must hold at least this many characters per line


def spread_themes(data: Path) -> list[str]:
    """Give the corpus the real theme registry and every measure six of its 18 themes, a different
    six for each measure and district, so each department meets every theme. Returns the themes."""
    themes = yaml.safe_load((DATA / "themes.yaml").read_text(encoding="utf-8"))
    (data / "themes.yaml").write_text((DATA / "themes.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    slugs = [t["slug"] for t in themes["themes"]]
    for k, path in enumerate(sorted((data / "documents").glob("*/*.yaml"))):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, measure in enumerate(doc["measures"]):
            start = (k * 5 + n * THEMES_PER_MEASURE) % len(slugs)
            measure["themes"] = [slugs[(start + j) % len(slugs)] for j in range(THEMES_PER_MEASURE)]
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return slugs


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """(base URL of the served 38-district site, its folder, its districts, its themes)."""
    work = tmp_path_factory.mktemp("overview")
    themes: list[str] = []
    with served(work, lambda data: themes.extend(spread_themes(data))) as (base, truth):
        yield base, work / "site", truth, themes


def overview_pages(site: Path) -> list[str]:
    """The overview pages: every section's index and every page one level below it (a district,
    theme, department, metric), found in the built folders."""
    paths = [""]
    for section in ("districts", "documents", "themes", "departments", "metrics", "compare"):
        paths.append(f"{section}/")
        paths += sorted(f"{section}/{p.name}/" for p in (site / section).iterdir()
                        if (p / "index.html").is_file() and section != "compare")
    return paths


# Runs in the page: every table of the page's text (Markdown tables and the compare view's), how
# wide it is against the box that scrolls it, and its cells of text written across that wrap onto
# lines of fewer than MIN_CHARS characters' width.
TABLES_JS = """
(minChars) => [...document.querySelectorAll('.md-content table')].filter(t => t.getClientRects().length).map(t => {
  const box = t.closest('.md-typeset__scrollwrap, .cmp-scroll') || t.parentElement;
  const narrow = [];
  for (const cell of t.querySelectorAll('th, td')) {
    const style = getComputedStyle(cell), text = cell.textContent.trim();
    if (!cell.getClientRects().length || cell.querySelector('.cs-vertical') || !style.writingMode.startsWith('horizontal')) continue;
    const rects = [], walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      rects.push(...[...range.getClientRects()].filter(r => r.width > 0));
    }
    if (!rects.length) continue;
    const line = Math.min(...rects.map(r => r.height));
    const lines = Math.round((Math.max(...rects.map(r => r.bottom)) - Math.min(...rects.map(r => r.top))) / line);
    // a cell laid out as running text (the documents index's entries on a phone) wraps in its row's width
    const box = style.display === 'inline' ? cell.parentElement : cell, boxStyle = getComputedStyle(box);
    const width = box.clientWidth - parseFloat(boxStyle.paddingLeft) - parseFloat(boxStyle.paddingRight);
    if (lines > 1 && width < minChars * parseFloat(style.fontSize)) narrow.push(text.slice(0, 12) + ' ' + Math.round(width) + 'px');
  }
  const rect = t.getBoundingClientRect();
  return {scroll: box.scrollWidth, room: box.clientWidth, cards: t.hasAttribute('data-cards'), narrow: narrow.slice(0, 5),
          outside: [...t.querySelectorAll('td')].filter(c => c.getClientRects().length).some(c => {
            const r = c.getBoundingClientRect(); return r.left < -1 || r.right > document.documentElement.clientWidth + 1; }),
          width: Math.round(rect.width)};
})
"""


def table_faults(pg, url: str, desktop: bool) -> list[str]:
    open_page(pg, url)
    faults = []
    for n, t in enumerate(pg.evaluate(TABLES_JS, MIN_CHARS)):
        where = f"{url} table {n + 1}"
        if desktop and t["scroll"] > t["room"] + 1:
            faults.append(f"{where}: scrolls sideways on a desktop ({t['scroll']} px in {t['room']})")
        if t["narrow"]:
            faults.append(f"{where}: text wrapped in cells under {MIN_CHARS} characters wide: {t['narrow']}")
        if not desktop and t["outside"]:
            faults.append(f"{where}: a cell lies outside the phone's screen")
    return faults


def pages_faults(chromium, base: str, paths: list[str], viewport: dict) -> list[str]:  # noqa: F811
    context = chromium.new_context(viewport=viewport)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        faults = [f for path in paths for f in table_faults(pg, base + path, viewport is DESKTOP)]
    finally:
        context.close()
    return faults + errors


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_overview_tables_at_38_districts_fit_and_never_wrap_a_character_per_line(chromium, big, viewport):  # noqa: F811
    base, site, truth, _ = big
    picks = ",".join(list(LONG_NAMES) + [s for s in truth if s not in LONG_NAMES][:2])
    # a district's page: the first and those with long names (each district's page is bounded by its own share)
    shown = {f"districts/{s}/" for s in [*LONG_NAMES, next(iter(truth))]}
    paths = [p for p in overview_pages(site) if not p.startswith("districts/") or p == "districts/" or p in shown]
    paths += [f"compare/?d={picks}", f"compare/?d={picks}&t=energy"]
    assert len(truth) == 38 and sum(p.startswith("departments/") for p in paths) > 3
    assert not (faults := pages_faults(chromium, base, paths, viewport)), "\n".join(faults)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_real_corpus_overview_tables_fit_with_their_two_digit_counts(chromium, built_site, site_url, viewport):  # noqa: F811
    # the index pages and every department's matrix (the 38-district site covers the other kinds page by page)
    paths = [p for p in overview_pages(built_site) if p.count("/") < 2 or p.startswith(("departments/", "districts/"))]
    assert not (faults := pages_faults(chromium, site_url, paths, viewport)), "\n".join(faults)


def test_the_department_matrix_has_a_column_per_theme_and_a_card_per_district_on_a_phone(chromium, big):  # noqa: F811
    """The matrix stays whole: 18 theme columns (named as in themes.yaml) and 38 rows on a desktop;
    on a phone every district is a card whose counts carry their column's name, the empty ones left out,
    the themes' counts once its button opens them."""
    base, site, truth, themes = big
    names = {t["slug"]: t["name"] for t in yaml.safe_load((DATA / "themes.yaml").read_text(encoding="utf-8"))["themes"]}
    columns = ["区县", "全部", "牵头", "分工负责", "配合", *(names[t] for t in themes)]
    department = sorted(p.name for p in (site / "departments").iterdir() if (p / "index.html").is_file())[0]
    for viewport in (DESKTOP, PHONE):
        context = chromium.new_context(viewport=viewport)
        pg = context.new_page()
        open_page(pg, f"{base}departments/{department}/")
        table = pg.locator(".cs-matrix table")
        assert [c.strip() for c in table.locator("thead th").all_text_contents()] == columns
        assert table.locator("tbody tr").count() == len(truth)
        if viewport is PHONE:
            assert table.get_attribute("data-cards") is not None
            cells_js = """[...document.querySelectorAll('.cs-matrix tbody td')].map(c =>
              [c.parentElement.rowIndex, c.cellIndex, c.dataset.label || '', c.textContent.trim(), c.getClientRects().length > 0])"""
            # a card first shows its counts by role (the empty ones left out), its themes' counts behind its button
            cells = pg.evaluate(cells_js)
            assert all(shown == (col < 5 and text != "·") for _, col, _, text, shown in cells if col > 0), cells[:30]
            for button in table.locator(".cs-card-more").all():
                button.click()
            cells = pg.evaluate(cells_js)
            assert all(label == columns[col] for _, col, label, _, _ in cells if col > 0)
            # a card shows every count there is and no empty cell (·), of which there are some
            assert {text == "·" for _, col, _, text, _ in cells if col > 0} == {True, False}
            assert all(shown == (text != "·") for _, col, _, text, shown in cells if col > 0), cells[:30]
        context.close()


# Runs in the page: the rectangles of the back-to-top button (when shown) and of the pinned bars.
COVER_JS = """() => {
  const box = (e) => { if (!e || !e.getClientRects().length) return null; const r = e.getBoundingClientRect();
                       return [r.left, r.top, r.right, r.bottom]; };
  const top = document.querySelector('.md-top');
  return {top: top && !top.hidden ? box(top) : null,
          bars: [...document.querySelectorAll('.cmp-summary, .cmp-tabs')].map(box).filter(b => b && b[3] > 0 && b[1] < innerHeight)};
}"""


def overlaps(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(("viewport", "view"), [(PHONE, "picker"), (DESKTOP, "picker"), (PHONE, "tabs")],
                         ids=["phone-picker", "desktop-picker", "phone-tabs"])
def test_back_to_top_covers_neither_the_picker_summary_nor_the_tabs(chromium, big, viewport, view):  # noqa: F811
    base, _, truth, _ = big
    picks = ",".join(list(LONG_NAMES) + [s for s in truth if s not in LONG_NAMES][:2])
    context = chromium.new_context(viewport=viewport)
    pg = context.new_page()
    open_page(pg, f"{base}compare/?d={picks}" + ("&t=energy" if view == "tabs" else ""))
    if view == "picker":  # the list open: its summary is pinned under the header while the reader scrolls it
        pg.get_by_role("button", name="更改区县").click()
        anchor, below = ".cmp-panel fieldset:last-of-type", -200
    else:  # the columns: on a phone their tabs are pinned while the reader is inside them
        anchor, below = ".cmp-cols", 300
    # the theme shows its button when the reader scrolls back up a little
    pg.evaluate(f"window.scrollTo(0, document.querySelector('{anchor}').getBoundingClientRect().top + scrollY + {below})")
    pg.wait_for_timeout(200)
    pg.mouse.wheel(0, -60)
    pg.wait_for_function("!document.querySelector('.md-top').hidden")
    pg.wait_for_timeout(300)  # the button's transition
    found = pg.evaluate(COVER_JS)
    context.close()
    assert found["top"], "回到页面顶部 was not shown"
    assert found["bars"], "no pinned bar in view"
    assert not [bar for bar in found["bars"] if overlaps(found["top"], bar)], found


# Runs in the page: what is seen at the middle of each theme's column heading (a rotated name), as
# the text of the heading cell found there, else null (scrolled away or under the theme's header).
THEME_HEADINGS_SEEN_JS = """() => [...document.querySelectorAll('#cmp-coverage thead th')].slice(3).map(th => {
  const r = th.querySelector('a').getBoundingClientRect();
  const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return at && at.closest('th') === th ? th.textContent.trim() : null;
})"""


def test_the_full_coverage_table_keeps_its_theme_headings_in_view_on_a_desktop(chromium, big):  # noqa: F811
    """A user test at 50 districts: below the tenth row of the coverage table nothing said which
    column was which theme. Scrolled down to its last rows, a desktop still shows every theme's
    heading above them, below the site's header."""
    base, _, truth, themes = big
    pg = open_compare(chromium, base, viewport=DESKTOP)
    try:
        pg.wait_for_selector("#cmp-coverage tbody tr")
        headings = [th.strip() for th in pg.locator("#cmp-coverage thead th").all_inner_texts()[3:]]
        last = pg.locator("#cmp-coverage tbody tr").nth(len(truth) - 1)
        last.scroll_into_view_if_needed()
        assert pg.evaluate("document.querySelector('#cmp-coverage thead').getBoundingClientRect().top") <= 100  # scrolled to it
        seen = pg.evaluate(THEME_HEADINGS_SEEN_JS)
        assert len(seen) == len(themes) == 18 and seen == [h.replace("\n", "") for h in headings], seen
        # the headings lie above the rows, none covered by them
        box = last.bounding_box()
        assert box and pg.evaluate("document.querySelector('#cmp-coverage thead').getBoundingClientRect().bottom") <= box["y"] + 1
        # and the table reads without a sideways scroll
        assert pg.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
        assert not pg.errors, pg.errors
    finally:
        pg.context.close()


def test_a_phone_shows_a_coverage_card_for_each_district_compared_only(chromium, big):  # noqa: F811
    """On a phone the 18-theme coverage table is a card per district; while districts are compared
    only theirs are shown (a card laid out as a flex box still hides when its row is left out)."""
    base, _, truth, _ = big
    picks = list(truth)[5:8]
    pg = open_compare(chromium, base, f"?d={','.join(picks)}&t=energy")
    try:
        pg.wait_for_selector(".cmp-col", state="attached")
        assert pg.locator("#cmp-coverage table[data-cards]").count() == 1
        assert pg.evaluate(COVERAGE_ROWS_JS) == picks
        pg.locator(".cmp-coverage-all").click()
        assert len(pg.evaluate(COVERAGE_ROWS_JS)) == len(truth)
        assert not pg.errors, pg.errors
    finally:
        pg.context.close()
