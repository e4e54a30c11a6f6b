"""Small controls a thumb must hit, measured in headless Chromium on the real built site: on a phone
(390 px) the 复制 button of a citation, every download link (XLSX · CSV · JSON, often in a run of
them) and a count linked from a table cell are 44 × 44 px targets (WCAG 2.5.5; a user test measured
复制 at 37 × 24 px and XLSX at 36 × 24 px and tapped the wrong file); on a desktop the 复制 button
keeps its small size beside the citation.
Run alone with: .venv/bin/python -m pytest tests/test_tap_targets_browser.py
"""
from __future__ import annotations

import pytest

from tests.test_layout_browser import chromium, open_page  # noqa: F401 - chromium: this module's own browser

pytestmark = pytest.mark.browser

MIN_TARGET_PX = 44.0
PAGES = {  # a page of each kind that shows them, and what to measure there
    "documents/tongliang-2021-climate-plan/2/": ".md-content .cs-copy",
    "districts/tongliang/": ".md-content a[download], .md-content a.cs-cell-link",
    "data/": ".md-content table a[download]",
}
SIZES_JS = """(selector) => [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length).map(e => {
  const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.width, r.height]; })"""


@pytest.fixture(scope="module")
def tab(chromium):  # noqa: F811 - the imported fixture
    def open_at(width: int, height: int, touch: bool):
        context = chromium.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
        contexts.append(context)
        return context.new_page()
    contexts: list = []
    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_copy_buttons_download_links_and_table_counts_are_44_px_targets_on_a_phone(tab, site_url, path):
    pg = tab(390, 844, True)
    open_page(pg, site_url + path)
    sizes = pg.evaluate(SIZES_JS, PAGES[path])
    assert len(sizes) >= 5, sizes
    small = [s for s in sizes if min(s[1:]) < MIN_TARGET_PX]
    assert not small, small[:5]


def test_the_copy_button_keeps_its_small_size_on_a_desktop(tab, site_url):
    pg = tab(1280, 900, False)
    open_page(pg, site_url + "documents/tongliang-2021-climate-plan/2/")
    sizes = pg.evaluate(SIZES_JS, ".md-content .cs-copy")
    assert sizes and all(24 <= s[2] < 30 for s in sizes), sizes[:3]
