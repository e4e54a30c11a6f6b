"""A query one of whose words is found nowhere, as an official met it: 电车充电 (split by the search into
电车 + 充电) and 充电桩 电瓶车 found nothing, because 电车 and 电瓶车 occur in no document, and the page
showed only the examples. Now such a query shows what its other words find, says which word it left out,
and offers the search with every word in one click (Google's 缺少：…). The real built site served on
127.0.0.1, headless Chromium; the expected results are those of the ground truth for the other words
alone (tests/test_search_truth.py: plain substring search over the YAML), and search.js is held equal to
the Python reference (SearchFiles.fallback)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from generator.bench import read_search_files
from generator.search import query_terms
from generator.search.records import records
from generator.search.reference import SearchFiles
from tests.test_search_browser import all_result_ids, type_query, wait_done

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.goto(site_url + "search/")
    yield pg
    assert not errors, errors
    context.close()


def count(pg) -> str:
    return pg.inner_text("#cs-count")


def address(pg) -> dict[str, list[str]]:
    return parse_qs(urlsplit(pg.url).query)


@pytest.mark.parametrize(("query", "dead", "rest", "split"), [
    ("电车充电", "电车", "充电", True),  # split by the search: 电车 + 充电
    ("充电桩 电瓶车", "电瓶车", "充电桩", False),  # typed apart
])
def test_a_word_found_nowhere_is_left_out_and_said_so(page, site_url, truth, query, dead, rest, split):
    assert truth.finds_nothing(dead, False) and not truth(f"{dead} {rest}")  # the premise, from the YAML
    want = truth(rest)
    assert want
    ids = all_result_ids(page, query)
    assert len(ids) == len(set(ids)) and set(ids) == want
    assert page.get_attribute("#cs-page", "data-dropped") == dead
    assert count(page).startswith(f"没有找到含“{dead}”的条目，下面是只含“{rest}”的结果（{len(want)} 条"), count(page)
    assert not page.is_visible("#cs-help"), "results: no examples"
    if split:
        assert page.inner_text("#cs-also").startswith(f"“{query}”连在一起没有找到，已拆开搜索")
    assert address(page)["q"] == [query], "the address holds what was typed"
    assert ids == all_result_ids(page, rest), "the results of the other word alone, in its order"

    # one click: the search with every word, which finds nothing (as before), and back
    type_query(page, query)
    strict = page.locator("#cs-strict")
    assert strict.inner_text().startswith("只找") and f"“{dead}”" in strict.inner_text()
    strict.click()
    page.wait_for_function("document.getElementById('cs-page').dataset.strict === '1'")
    wait_done(page, query)
    assert page.get_attribute("#cs-page", "data-total") == "0"
    assert page.get_attribute("#cs-page", "data-dropped") == ""
    assert count(page).startswith("没有找到") and "下面是只含" not in count(page)
    assert page.locator("#cs-results > li").count() == 0 and page.is_visible("#cs-help")
    assert address(page)["strict"] == ["1"] and address(page)["q"] == [query]
    page.reload()  # shared or reloaded, the address gives the same page
    wait_done(page, query)
    assert page.get_attribute("#cs-page", "data-total") == "0"
    back = page.locator("#cs-strict")
    assert back.inner_text() == f"看只含“{rest}”的 {len(want)} 条结果"
    back.click()
    page.wait_for_function("document.getElementById('cs-page').dataset.strict === '0'")
    wait_done(page, query)
    assert int(page.get_attribute("#cs-page", "data-total")) == len(want)
    assert "strict" not in address(page)

    page.goto(site_url + "search/?q=" + query)  # a link to the query recomputes the fallback
    wait_done(page, query)
    assert page.input_value("#cs-q") == query
    assert int(page.get_attribute("#cs-page", "data-total")) == len(want)
    assert page.get_attribute("#cs-page", "data-dropped") == dead


@pytest.mark.parametrize("query", ["碳汇 珞璜", "珞璜碳汇"])
def test_words_each_found_but_not_together_still_find_nothing(page, truth, query):
    """No OR-search: each word is in some document, but none holds both."""
    assert truth("碳汇") and truth("珞璜") and not truth("碳汇 珞璜")
    type_query(page, query)
    assert page.get_attribute("#cs-page", "data-total") == "0"
    assert page.get_attribute("#cs-page", "data-dropped") == ""
    assert count(page).startswith("没有找到") and "下面是只含" not in count(page)
    assert page.locator("#cs-strict").count() == 0 and page.is_visible("#cs-help")


@pytest.mark.parametrize("query", [
    "电车",  # the only word
    "电车 电瓶车",  # every word found nowhere
    "电车 牵头",  # only a role word would be left: it filters, it finds nothing itself
    "铜梁 电车",  # only a district's name would be left: not the whole district
    "重点项目 电车",  # only a kind name would be left: not every key project
])
def test_nothing_is_left_out_when_only_filters_or_nothing_would_be_left(page, truth, query):
    assert not truth(query)
    type_query(page, query)
    assert page.get_attribute("#cs-page", "data-total") == "0"
    assert page.get_attribute("#cs-page", "data-dropped") == ""
    assert page.locator("#cs-strict").count() == 0
    assert count(page).startswith("没有找到") and "下面是只含" not in count(page)
    assert page.is_visible("#cs-help")


def test_a_role_word_stays_a_filter_on_the_words_left(page, truth):
    """发改委 电车 牵头: 电车 is left out; 牵头 still keeps what 发改委 leads."""
    want = truth("发改委 牵头")
    assert want and truth.finds_nothing("电车", False)
    ids = all_result_ids(page, "发改委 电车 牵头")
    assert set(ids) == want
    assert count(page).startswith("没有找到含“电车”的条目，下面是只含“发改委”的结果")
    assert page.inner_text("#cs-roles").startswith("「牵头」按责任角色筛选：只列出“发改委”牵头的条目。")


def test_the_header_box_shows_the_same(chromium, site_url, truth):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(site_url + "themes/")
    want = truth("充电")
    pg.fill("#cs-header-q", "电车充电")
    pg.wait_for_selector("#cs-dropdown:not([hidden]) a.cs-dropdown__item")
    items = pg.eval_on_selector_all("#cs-dropdown a.cs-dropdown__item", "as => as.map(a => a.dataset.id)")
    assert items and set(items) <= want and len(items) == min(7, len(want))
    note = pg.inner_text("#cs-dropdown .cs-dropdown__fallback")
    assert note == f"没有找到含“电车”的条目，下面是只含“充电”的结果（{len(want)} 条）。", note
    everything = pg.locator("#cs-dropdown a.cs-dropdown__all")
    assert everything.inner_text().startswith(f"查看全部 {len(want)} 条结果")
    assert parse_qs(urlsplit(everything.get_attribute("href")).query)["q"] == ["电车充电"]
    pg.press("#cs-header-q", "Enter")  # the page shows what the box showed, first results first
    pg.wait_for_url("**/search/?q=*")
    wait_done(pg, "电车充电")
    assert pg.eval_on_selector_all("#cs-results > li", "ls => ls.map(l => l.dataset.id)")[:len(items)] == items

    pg.fill("#cs-header-q", "电车 电瓶车")  # nothing to fall back to: as before
    pg.wait_for_function("() => document.querySelector('#cs-dropdown .cs-dropdown__note')?.textContent"
                         ".startsWith('没有找到包含“电车 电瓶车”')")
    assert pg.locator("#cs-dropdown a.cs-dropdown__item").count() == 0
    assert pg.locator("#cs-dropdown .cs-dropdown__fallback").count() == 0
    assert pg.inner_text("#cs-dropdown a.cs-dropdown__all") == "打开搜索页 →"
    context.close()


FALLBACK_QUERIES = ["电车充电", "充电桩 电瓶车", "充电桩电瓶车", "发改委 电车 牵头", "铜梁 电车 充电", "新能原汽车",
                    "分布式光扶", "电车", "电车 电瓶车", "电车 牵头", "铜梁 电车", "重点项目 电车", "碳汇 珞璜", "珞璜碳汇",
                    "充电桩", "铜梁 充电庄"]


def test_browser_fallback_is_the_python_reference_fallback(page, built_site, real_index):
    files = read_search_files(built_site)
    recs = records(real_index)
    for query in FALLBACK_QUERIES:
        for exact in (False, True):
            js = page.evaluate("([q, x]) => csSearch.searchWithFallback(q, x).then(f => f.fallback &&"
                               " [f.fallback.dropped, f.fallback.query, f.fallback.found.hits.map(h => h.r)])", [query, exact])
            fallback = SearchFiles(files).fallback(query, exact)
            py = fallback and [fallback.dropped, fallback.query, [h.record for h in fallback.found.hits]]
            assert js == py, (query, exact, js and [recs[r].id for r in js[2][:5]], py and [recs[r].id for r in py[2][:5]])
            if fallback:  # what is searched again is what was typed less the words that find nothing
                assert not set(fallback.dropped) & set(query_terms(fallback.query))


def test_filters_that_leave_none_of_the_other_words_results_say_so(page, site_url, truth):
    """A filter (here the theme 统筹规划与考核) can leave none of what the other words find: the page
    says that, not 下面是…的结果（0 条）above nothing."""
    want = truth("充电")
    page.goto(site_url + "search/?q=电车充电&t=governance")
    wait_done(page, "电车充电")
    assert page.get_attribute("#cs-page", "data-total") == "0"
    assert count(page).startswith(f"没有找到含“电车”的条目；只含“充电”的 {len(want)} 条结果都不符合所选的筛选条件"), count(page)


def test_the_switch_to_every_word_of_a_long_query_stays_on_a_phones_screen(chromium, site_url):
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    pg = context.new_page()
    try:
        pg.goto(site_url + "search/?q=优化交通运输能源结构 电瓶车")
        wait_done(pg, "优化交通运输能源结构 电瓶车")
        assert pg.locator("#cs-strict").is_visible()
        right = pg.evaluate("document.getElementById('cs-strict').getBoundingClientRect().right")
        assert right <= 360 and pg.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
