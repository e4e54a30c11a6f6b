"""The compare view's district columns keep their names in view: three districts side by side on a
1280 px screen, a long theme scrolled 3000 px down, each column's heading (the district's name) is
still on screen, just under the site's header and not hidden by it (a user test: the reader lost which
column was which district). A phone keeps its layout: one column under the sticky district tabs.

Run alone with: .venv/bin/python -m pytest tests/test_compare_column_heads_browser.py
"""
from __future__ import annotations

import pytest
import yaml

from tests.conftest import DATA, watched_page

pytestmark = pytest.mark.browser

THREE = ("jiangjin", "yongchuan", "tongliang")
SCROLL = 3000

# Each column's heading: its district's name, its box, and whether it is what the screen shows at
# its centre (not covered by the site's header or by the column's content)
HEADS = """() => [...document.querySelectorAll('.cmp-col > h2')].map(h => {
  const r = h.getBoundingClientRect(), x = r.left + Math.min(r.width / 2, 20), y = (r.top + r.bottom) / 2;
  const hit = document.elementFromPoint(x, y);
  return {name: h.querySelector('a').textContent, top: r.top, bottom: r.bottom, left: r.left, width: r.width,
          seen: !!hit && h.contains(hit), shown: h.checkVisibility()};
})"""


def names() -> dict[str, str]:
    return {d["slug"]: d["name"] for d in yaml.safe_load((DATA / "districts.yaml").read_text(encoding="utf-8"))["districts"]}


def longest_theme() -> str:
    """The theme with most items (measures and table rows alike, each once per theme it names) in the
    three districts' YAML: the longest columns."""
    count: dict[str, int] = {}
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc["district"] not in THREE:
            continue
        for m in doc["measures"]:
            for theme in m.get("themes") or []:
                count[theme] = count.get(theme, 0) + 1
    return max(count, key=lambda t: count[t])


def open_theme(pg, base: str, theme: str) -> None:
    pg.goto(base + "compare/?d=" + ",".join(THREE) + "&t=" + theme)
    pg.wait_for_selector(".cmp-col > h2")


def test_three_columns_keep_their_district_names_in_view_3000_px_down(site_url, chromium):
    with watched_page(chromium, {"width": 1280, "height": 800}) as pg:
        open_theme(pg, site_url, longest_theme())
        height = pg.evaluate("document.documentElement.scrollHeight")
        cols = pg.locator(".cmp-cols").bounding_box()
        assert cols and cols["y"] + cols["height"] > SCROLL + 800, (cols, height)  # the columns still run below the screen there
        before = pg.evaluate(HEADS)
        assert [h["name"] for h in before] == [names()[d] for d in THREE]
        pg.mouse.wheel(0, SCROLL)
        pg.wait_for_function(f"window.scrollY >= {SCROLL}")
        header = pg.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        heads = pg.evaluate(HEADS)
        assert [h["name"] for h in heads] == [names()[d] for d in THREE]
        for h in heads:
            assert h["top"] >= header - 0.5 and h["bottom"] <= 800, (h, header)
            assert h["top"] <= header + 2, (h, header)  # stuck right under the header, not left far below
            assert h["seen"], h
        # side by side as before: each heading over its own column
        assert [round(h["left"]) for h in heads] == [round(h["left"]) for h in before]


def test_on_a_phone_one_column_under_the_tabs_as_before(site_url, chromium):
    """390 px: the tabs stick under the header; the column shown (one) scrolls its heading away with
    it, below the tabs, never over them."""
    with watched_page(chromium, {"width": 390, "height": 844}, touch=True) as pg:
        open_theme(pg, site_url, longest_theme())
        assert pg.locator(".cmp-tabs").is_visible()
        assert sum(h["shown"] for h in pg.evaluate(HEADS)) == 1
        assert pg.evaluate("getComputedStyle(document.querySelector('.cmp-col > h2')).position") == "static"
        pg.mouse.wheel(0, SCROLL)
        pg.wait_for_function(f"window.scrollY >= {SCROLL}")
        tabs = pg.locator(".cmp-tabs").bounding_box()
        header = pg.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        assert tabs and abs(tabs["y"] - header) < 1, (tabs, header)
        shown = [h for h in pg.evaluate(HEADS) if h["shown"]]
        assert shown[0]["bottom"] < header, shown  # scrolled away with its column
