"""The official's question in Chromium, on a phone: "what do other districts do that mine (永川区)
does not?" A district page's 可借鉴措施 count of a theme opens the compare view with the district first,
the districts with most such measures beside it, the theme and the filter 只看<本区>没有相似措施的;
each other column then lists exactly the measures that count counts (build_borrowable's per-district
numbers, the measures being those SiteIndex.lacks keeps), says how many it hides, and the filter lives
in the address. With the keyword box (发改委 牵头) it keeps, of the measures found, those the first
district lacks: the department angle of the question.

Run alone with: .venv/bin/python -m pytest tests/test_compare_gaps_browser.py
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest

from tests.conftest import watched_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

READ_COLUMNS = """() => [...document.querySelectorAll('.cmp-col')].map(c => ({
  name: c.querySelector('h2 a').textContent,
  heading: [...c.querySelectorAll('h3')].map(h => h.textContent).join('|'),
  hidden: [...c.querySelectorAll('.cmp-hidden')].map(p => p.textContent).join(''),
  items: [...c.querySelectorAll('.cmp-items > li > a:first-child')].map(a => a.getAttribute('href'))}))"""


def lacked(index, home: str, theme: str, other: str) -> list[str]:
    """The hrefs (from compare/) of the other district's measures on the theme the home district lacks."""
    return ["../" + dm.measure.url.site_path for dm in index.relations.distinct_by_district_theme.get((other, theme), ())
            if index.lacks(home, dm)]


@pytest.fixture
def phone(chromium):
    """A phone's page (touch), its script errors collected."""
    with watched_page(chromium, PHONE, touch=True) as page:
        yield page


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def hidden_count(text: str) -> int:
    """未列出永川区有相似措施的 2 项。 / 未列出 7 项：… → how many the note says are hidden."""
    found = re.search(r"未列出\D*?(\d+) 项", text)
    return int(found.group(1)) if found else 0


def check_gap_columns(page, index, home: str, theme: str, others: list[str]) -> None:
    """The first column lists the home district's measures of the theme; every other column exactly
    the measures it lacks, in printed order, as many as build_borrowable counts for that district,
    and says how many of the theme's measures it hides; a phone's tab says the count."""
    page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {1 + len(others)}")
    columns = page.evaluate(READ_COLUMNS)
    rel = index.relations
    by_district = {d.slug: n for bt in index.borrowable[home].by_theme if bt.theme.slug == theme for d, n in bt.by_district}
    mine = ["../" + dm.measure.url.site_path for dm in rel.distinct_by_district_theme.get((home, theme), ())]
    assert columns[0]["items"] == mine
    assert "本区" in columns[0]["heading"] or not mine
    name = index.district(home).name
    for slug, column in zip(others, columns[1:], strict=True):
        want = lacked(index, home, theme, slug)
        assert column["items"] == want, (home, theme, slug)
        assert len(want) == by_district.get(slug, 0), (home, theme, slug)  # what the district page counted
        assert f"{name}没有相似措施的 {len(want)} 项" in column["heading"]
        all_items = len(rel.distinct_by_district_theme.get((slug, theme), ()))
        assert hidden_count(column["hidden"]) == all_items - len(want), column["hidden"]
    tabs = page.locator(".cmp-tab")
    if tabs.first.is_visible():  # a phone: it opens on the first other district, each tab counting
        assert tabs.nth(0).inner_text() == f"{name}（本区）"
        for i, slug in enumerate(others, start=1):
            assert tabs.nth(i).inner_text().endswith(f"（{len(lacked(index, home, theme, slug))}）")
        assert page.locator(".cmp-col").nth(1).evaluate("c => c.classList.contains('cmp-active')")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_each_count_of_a_district_page_opens_exactly_the_measures_it_counts(site_url, phone, real_index):
    page = phone
    opened = 0
    for d in real_index.districts:
        themes = real_index.borrowable[d.slug].by_theme
        page.goto(f"{site_url}districts/{d.slug}/")
        links = page.evaluate("""() => [...document.querySelectorAll('#borrowable-themes ~ * a[href*="compare/"]')]
          .filter(a => a.href.includes('gap=1')).map(a => [a.textContent, a.href])""")
        # each theme's count, and the line naming the districts beside, both link there
        counts = [(text, href) for text, href in links if re.fullmatch(r"\d+ 项", text)]
        assert [text for text, _ in counts] == [f"{bt.count} 项" for bt in themes]
        assert len(links) == 2 * len(themes)
        for i, (bt, (_, href)) in enumerate(zip(themes, counts, strict=True)):
            query = query_of(href)
            districts = query["d"][0].split(",")
            assert districts[0] == d.slug and query["t"] == [bt.theme.slug] and query["gap"] == ["1"]
            assert districts[1:] == [e.slug for e, _ in bt.by_district[:3]]
            if i == 0:  # the first as the official does it: tapping the count on the phone
                page.locator(f'#borrowable-themes ~ * a[href*="t={bt.theme.slug}&gap=1"]', has_text=re.compile(r"^\d+ 项$")).first.tap()
            else:
                page.goto(href)
            check_gap_columns(page, real_index, d.slug, bt.theme.slug, districts[1:])
            # every measure counted is listed: the districts beside hold them all (four districts here)
            assert sum(len(lacked(real_index, d.slug, bt.theme.slug, s)) for s in districts[1:]) == bt.count
            assert page.locator(".cmp-gap input").is_checked()
            # the count the official tapped, said first, and that the districts picked hold them all
            assert page.inner_text(".cmp-gap-lead") == (f"主题：{bt.theme.name}。{d.name}没有相似措施的，全站共 {bt.count} 项，"
                                                        f"来自 {bt.district_count} 个区县；都在所选区县中。")
            opened += 1
            if i == 0:
                page.goto(f"{site_url}districts/{d.slug}/")
    assert opened >= 30


def test_the_filter_is_a_box_that_keeps_its_state_in_the_address_and_puts_districts_in(site_url, chromium, real_index):
    home, other = "yongchuan", "jiangjin"
    # a theme where districts not picked also have measures yongchuan lacks
    bt = next(bt for bt in real_index.borrowable[home].by_theme
              if any(e.slug not in (home, other) for e, _ in bt.by_district))
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site_url}compare/?d={home},{other}&t={bt.theme.slug}")
        page.wait_for_selector(".cmp-col")
        box = page.locator(".cmp-gap")
        assert box.inner_text().strip() == "只看永川区没有相似措施的"
        assert not box.locator("input").is_checked()
        page.check(".cmp-gap input")
        page.wait_for_function("new URLSearchParams(location.search).get('gap') === '1'")
        check_gap_columns(page, real_index, home, bt.theme.slug, [other])
        # the districts not picked with measures yongchuan lacks, each a button that puts it in
        buttons = page.locator(".cmp-gap-add")
        named = [e for e, _ in bt.by_district if e.slug != other]
        assert buttons.all_inner_texts() == [f"加入{e.name}（{n} 项）" for e, n in bt.by_district if e.slug != other]
        buttons.first.click()
        page.wait_for_function("new URLSearchParams(location.search).get('d').split(',').length === 3")
        assert query_of(page.url)["d"] == [f"{home},{other},{named[0].slug}"]
        check_gap_columns(page, real_index, home, bt.theme.slug, [other, named[0].slug])
        # taken out again with its button above the view; a shared link opens on the same view
        page.click(f".cmp-chip[data-slug='{named[0].slug}']")
        page.wait_for_function("document.querySelectorAll('.cmp-col').length === 2")
        page.goto(page.url)
        check_gap_columns(page, real_index, home, bt.theme.slug, [other])
        # off again: the full lists, and the address without it
        page.uncheck(".cmp-gap input")
        page.wait_for_function("!new URLSearchParams(location.search).has('gap')")
        columns = page.evaluate(READ_COLUMNS)
        assert columns[1]["items"] == ["../" + dm.measure.url.site_path
                                       for dm in real_index.relations.distinct_by_district_theme[(other, bt.theme.slug)]]
        assert page.locator(".cmp-gap-box, .cmp-gap-lead, .cmp-hidden").count() == 0
    finally:
        page.close()


def test_the_overview_counts_per_theme_what_the_first_district_lacks(site_url, phone, real_index):
    districts = ["yongchuan", "jiangjin", "tongliang", "qianjiang"]
    page = phone
    page.goto(f"{site_url}compare/?d={','.join(districts)}&gap=1")
    page.wait_for_selector(".cmp-table tbody tr")
    rows = page.evaluate("() => [...document.querySelectorAll('.cmp-table tbody tr')].map(tr => [...tr.children].map(c => c.textContent.trim()))")
    rel = real_index.relations
    for theme, row in zip(real_index.themes, rows, strict=False):
        assert row[0] == theme.name
        mine = len(rel.distinct_by_district_theme.get(("yongchuan", theme.slug), ()))
        assert row[1] == (str(mine) if mine else "无")
        for slug, cell in zip(districts[1:], row[2:], strict=True):
            if not rel.distinct_by_district_theme.get((slug, theme.slug)):
                assert cell == "无"
            else:
                assert cell == str(len(lacked(real_index, "yongchuan", theme.slug, slug))), (theme.slug, slug)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # a number opens its theme, filtered
    bt = real_index.borrowable["yongchuan"].by_theme[0]
    page.locator(".cmp-table tbody tr", has=page.locator("th", has_text=bt.theme.name)).locator("td.cmp-heat a").first.click()
    page.wait_for_function(f"new URLSearchParams(location.search).get('t') === '{bt.theme.slug}'")
    assert query_of(page.url)["gap"] == ["1"]
    check_gap_columns(page, real_index, "yongchuan", bt.theme.slug, districts[1:])


def test_which_of_what_other_districts_fgw_leads_my_district_lacks(site_url, phone, real_index):
    """发改委 牵头 with the filter: each other column keeps, of the measures the keyword box finds,
    exactly those 永川区 lacks, and says how many it hides; 永川区's own stay, to compare with."""
    districts = ["yongchuan", "jiangjin", "tongliang", "qianjiang"]
    lacks = {"../" + dm.measure.url.site_path for dm in real_index.relations.distinct if real_index.lacks("yongchuan", dm)}
    page = phone
    base = f"{site_url}compare/?d={','.join(districts)}&q={quote('发改委 牵头')}"
    page.goto(base)
    page.wait_for_function("document.querySelectorAll('.cmp-col').length === 4")
    found = page.evaluate(READ_COLUMNS)
    page.goto(base + "&gap=1")
    page.wait_for_function("document.querySelectorAll('.cmp-col .cmp-hidden, .cmp-col .cmp-items').length > 0")
    page.wait_for_function("document.querySelectorAll('.cmp-col').length === 4")
    kept = page.evaluate(READ_COLUMNS)
    assert kept[0]["items"] == found[0]["items"]
    total = 0
    for before, after in zip(found[1:], kept[1:], strict=True):
        assert after["items"] == [h for h in before["items"] if h in lacks], before["name"]
        assert hidden_count(after["hidden"]) == len(before["items"]) - len(after["items"])
        total += len(after["items"])
    assert total  # the question has answers in the real data
    assert "只看永川区没有相似措施的" in page.inner_text(".cmp-status")


# Two 没有 in one clause: 「其中没有铜梁区没有相似措施的措施。」, as a user test read it
DOUBLE_NEGATIVE = re.compile(r"没有[^。；，：]*没有")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_a_column_the_filter_empties_says_that_the_first_district_has_similar_measures(site_url, chromium, real_index, viewport):
    """With a word in the 查找 box, a column whose measures found the first district all has similar
    ones of says so plainly (含「光伏」等写法的措施，铜梁区都有相似措施。; 其他措施 where goal rows are
    hidden too; where every one is a goal row, that those are compared by metric), under the count of
    those hidden; no sentence of the view says 没有 twice. The case found in the real data."""
    from generator.index import is_borrowable
    from tests.test_compare_keyword_browser import also, expected

    slugs = [d.slug for d in real_index.districts]
    case = None
    for word in ("光伏", "充电桩", "森林", "碳排放", "节能"):
        for home in slugs:
            others = [s for s in slugs if s != home][:3]
            found = {s: expected(real_index, s, [word]) for s in others}
            emptied = [s for s in others if found[s] and not any(real_index.lacks(home, dm) for dm in found[s])]
            if emptied:
                case = word, home, others, found, emptied
                break
        if case:
            break
    assert case, "no column of the real data is emptied by the filter"
    word, home, others, found, emptied = case
    name = real_index.district(home).name
    named = f"「{word}」" + ("等写法" if also(real_index, word) else "")

    context = chromium.new_context(viewport=viewport, has_touch=viewport is PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{site_url}compare/?d={','.join([home, *others])}&gap=1&q={quote(word)}")
        page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {1 + len(others)}")
        for slug in emptied:
            place = 1 + others.index(slug)
            goals = [dm for dm in found[slug] if not is_borrowable(dm.measure.measure)]
            want = (f"含{named}的条目都是目标或指标行，按指标对比（见上方“指标”）。" if len(goals) == len(found[slug])
                    else f"含{named}的{'其他' if goals else ''}措施，{name}都有相似措施。")
            if viewport is PHONE:
                page.tap(f".cmp-tab >> nth={place}")
            column = page.locator(".cmp-col").nth(place)
            assert column.locator(".cmp-none").inner_text() == want, slug
            assert hidden_count(column.locator(".cmp-hidden").inner_text()) == len(found[slug])
        said = page.eval_on_selector_all(".cmp-result p, .cmp-result h3, .cmp-status", "ns => ns.map(n => n.textContent)")
        assert not [s for s in said if DOUBLE_NEGATIVE.search(s)]
    finally:
        context.close()
    assert not errors, errors
