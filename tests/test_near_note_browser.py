"""The note under a measure a district lacks, in Chromium, at a phone's width and a desktop's.

A user test (铜梁's official) found 江津 "11. 推动交通运输工具绿色低碳转型" offered as something 铜梁 lacks, on
铜梁's page (可借鉴措施 → 交通运输) and in the compare view's 只看铜梁区没有相似措施的, while the site lists it
as similar to 铜梁's 优化交通运输能源结构 (through its table row 任务 56). Both views now name that measure
under the lacked one (本区相近 / 铜梁区相近), with a link that opens it; a listed measure without such a
link has no note (SiteIndex.near_measure decides both).

Run alone with: .venv/bin/python -m pytest tests/test_near_note_browser.py
"""
from __future__ import annotations

import pytest

from generator.pages import common
from tests.conftest import watched_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
JIANGJIN_11 = "jiangjin-2022-57/m11"
TONGLIANG_TRANSPORT = "tongliang-2021-climate-plan/c4-3-3"  # 优化交通运输能源结构。


@pytest.fixture(params=["phone", "desktop"])
def page(request, chromium):
    """A page at a phone's width (touch) or a desktop's, its script errors collected."""
    phone = request.param == "phone"
    with watched_page(chromium, PHONE if phone else DESKTOP, touch=phone) as page:
        yield page


def follow(page, link, site_url: str, target) -> None:
    """Tap (or click) the note's link: it opens the district's own measure, its anchor on the page."""
    href = link.get_attribute("href")
    assert href and href.endswith(f"#{target.url.anchor}"), href
    if page.viewport_size["width"] < 600:
        link.tap()
    else:
        link.click()
    page.wait_for_url(f"{site_url}{target.url.site_path}")
    assert page.locator(f"[id='{target.url.anchor}']").count() == 1


def test_the_district_page_names_its_near_measure_under_the_lacked_one(site_url, page, real_index):
    lacked, own = real_index.measure(JIANGJIN_11), real_index.measure(TONGLIANG_TRANSPORT)
    page.goto(f"{site_url}districts/tongliang/")
    # the example, then its note right after it in the same cell
    example = page.locator(f'#borrowable-themes ~ * a[href$="#{lacked.url.anchor}"]', has_text=lacked.label).first
    note = example.locator("xpath=following-sibling::*[1]")
    assert note.count() == 1 and note.evaluate("n => n.classList.contains('cs-borrow-near')")
    assert note.inner_text() == f"本区相近：{own.label}（{common.NEAR_SAID}）"
    assert note.is_visible() and note.evaluate("n => getComputedStyle(n).display") == "block"
    # every note on the page is one the index gives: none under an example without a shown link
    wanted = sum(1 for bt in real_index.borrowable["tongliang"].by_theme
                 for dm in page_examples(real_index, bt) if real_index.near_measure("tongliang", dm))
    assert page.locator(".cs-borrow-near").count() == wanted
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # the caption says that such measures are listed all the same, with the note
    caption = page.locator("#borrowable ~ p").first.inner_text()
    assert "只是较弱相似" in caption and "本区相近" in caption
    note.scroll_into_view_if_needed()
    follow(page, note.locator("a"), site_url, own)


def page_examples(index, bt):
    """The examples of a theme the district page shows (the first BORROW_EXAMPLES, spread by district)."""
    from generator.index import spread_by_district
    from generator.pages.district import BORROW_EXAMPLES

    return spread_by_district(bt.examples, BORROW_EXAMPLES, lambda dm: dm.district.slug)


def test_the_compare_views_gap_filter_names_it_too(site_url, page, real_index):
    lacked, own = real_index.measure(JIANGJIN_11), real_index.measure(TONGLIANG_TRANSPORT)
    page.goto(f"{site_url}compare/?d=tongliang,jiangjin,yongchuan&t=transport&gap=1")
    page.wait_for_function("document.querySelectorAll('.cmp-col').length === 3")
    column = page.locator(".cmp-col").nth(1)
    if page.locator(".cmp-tab").first.is_visible():  # a phone opens on the first other district's tab
        assert column.evaluate("c => c.classList.contains('cmp-active')")
    item = column.locator(".cmp-items > li", has=page.locator(f'a[href$="#{lacked.url.anchor}"]'))
    assert item.count() == 1
    note = item.locator(".cs-borrow-near")
    assert note.count() == 1 and note.inner_text() == f"铜梁区相近：{own.label}（{common.NEAR_SAID}）"
    # each listed item of the other columns has the note exactly where the index names a measure
    rel = real_index.relations
    for i, slug in enumerate(["jiangjin", "yongchuan"], start=1):
        kept = [dm for dm in rel.distinct_by_district_theme.get((slug, "transport"), ()) if real_index.lacks("tongliang", dm)]
        notes = page.locator(".cmp-col").nth(i).locator(".cmp-items > li").evaluate_all(
            "items => items.map(li => { const n = li.querySelector('.cs-borrow-near a'); return n ? n.getAttribute('href') : null; })")
        want = [(None if (near := real_index.near_measure("tongliang", dm)) is None else "../" + near.measure.url.site_path)
                for dm in kept]
        assert notes == want, slug
    # the explanation above the columns says so
    assert page.locator(".cmp-note", has_text="铜梁区相近").count() == 1
    # the keyword box under the filter lists it with its note too
    page.goto(f"{site_url}compare/?d=tongliang,jiangjin,yongchuan&t=transport&gap=1&q=%E6%96%B0%E8%83%BD%E6%BA%90")  # 新能源
    found = page.locator(".cmp-col").nth(1).locator(".cmp-items > li", has=page.locator(f'a[href$="#{lacked.url.anchor}"]'))
    found.wait_for(state="attached")
    assert found.locator(".cs-borrow-near").inner_text() == f"铜梁区相近：{own.label}（{common.NEAR_SAID}）"
    page.goto(f"{site_url}compare/?d=tongliang,jiangjin,yongchuan&t=transport&gap=1")
    note = page.locator(".cmp-col").nth(1).locator(".cs-borrow-near a", has_text=own.label)
    note.wait_for()
    note.scroll_into_view_if_needed()
    follow(page, note, site_url, own)
