"""你是不是要找 in the browser, as the district official met it on a phone: the real built site served on
127.0.0.1, headless Chromium at 390 px typing into the search page, tapping a suggestion; and
search.js's suggestions held equal to the Python reference (SearchFiles.suggestions)."""
from __future__ import annotations

import pytest

from generator.bench import read_search_files
from generator.search import query_terms
from generator.search.reference import SearchFiles

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def phone(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.goto(site_url + "search/")
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    assert not errors, errors
    context.close()


def searched(pg, query: str) -> None:
    """Type a query and wait for its results and, after them, its suggestions (if it asks for any)."""
    pg.fill("#cs-q", "")
    pg.wait_for_function("document.getElementById('cs-page').dataset.state === 'idle'")
    pg.fill("#cs-q", query)
    settled(pg, query)


def settled(pg, query: str) -> None:
    query = " ".join(query_terms(query))  # as the page says it typed: normalised (5G → 5g)
    pg.wait_for_function(
        "q => { const p = document.getElementById('cs-page'); return p.dataset.state === 'done'"
        " && p.dataset.query === q && ['done', 'none'].includes(p.dataset.suggest); }", arg=query, timeout=30_000)


def offered(pg) -> list[str]:
    if not pg.is_visible("#cs-suggest"):
        return []
    return pg.eval_on_selector_all("#cs-suggest a", "as => as.map(a => a.textContent)")


def test_a_sound_alike_typo_offers_the_word_meant_and_a_tap_shows_its_results(phone):
    searched(phone, "充电庄")
    assert phone.get_attribute("#cs-page", "data-total") == "0"
    line = phone.inner_text("#cs-suggest")
    assert line.startswith("你是不是要找：充电桩（") and line.endswith(" 条）"), line
    shown = int(line.split("（")[1].split(" ")[0])
    link = phone.locator("#cs-suggest a").first
    assert "q=%E5%85%85%E7%94%B5%E6%A1%A9" in link.get_attribute("href"), "the link searches 充电桩"
    box = link.bounding_box()
    assert box and box["height"] >= 24, "a finger can hit it"
    link.tap()
    settled(phone, "充电桩")
    assert phone.input_value("#cs-q") == "充电桩"
    assert int(phone.get_attribute("#cs-page", "data-total")) == shown > 0, "the number offered is what the tap finds"
    assert phone.locator("#cs-results > li").count() > 0
    assert not phone.is_visible("#cs-suggest"), "the query found enough: no suggestion"
    assert "q=%E5%85%85%E7%94%B5%E6%A1%A9" in phone.url


@pytest.mark.parametrize("query", ["阿斯顿马丁", "asdfgh", "核电站"])
def test_nonsense_is_offered_nothing(phone, query):
    searched(phone, query)
    assert phone.get_attribute("#cs-page", "data-total") == "0"
    assert phone.get_attribute("#cs-page", "data-suggest") == "done"
    assert offered(phone) == []
    assert phone.inner_text("#cs-count").startswith("没有找到")


@pytest.mark.parametrize("query", ["充电桩", "发改委", "发改", "珞璜", "5G"])
def test_a_query_with_results_is_offered_nothing(phone, query):
    searched(phone, query)
    assert int(phone.get_attribute("#cs-page", "data-total")) > 0
    assert offered(phone) == []


def test_a_partial_abbreviation_is_offered_the_whole_one(phone):
    searched(phone, "卫健")
    total = int(phone.get_attribute("#cs-page", "data-total"))
    assert 0 < total <= 5
    assert [t.split("（")[0] for t in offered(phone)] == ["卫健委"]


def test_the_header_box_offers_it_too_and_a_tap_searches_there(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(site_url)
    pg.fill(".cs-header__input", "光扶")
    pg.wait_for_function("() => { const b = document.querySelector('.cs-dropdown'); return !b.hidden && b.dataset.suggest === 'done'; }")
    assert pg.inner_text(".cs-dropdown__suggest").startswith("你是不是要找：光伏（")
    pg.click(".cs-dropdown__suggest a")
    pg.wait_for_function("() => document.querySelectorAll('.cs-dropdown .cs-dropdown__item').length > 0")
    assert pg.input_value(".cs-header__input") == "光伏" and pg.is_visible(".cs-dropdown")
    context.close()


QUERIES = ["充电庄", "光扶", "发改", "经信", "卫健", "文旅", "碳打峰", "新能原汽车", "铜梁 充电庄", "充电庄 牵头", "分布式光扶", "节能减牌",
           "阿斯顿马丁", "核电站", "充电庄 光扶", "充电桩", "珞璜", "5G", "铜梁区的充电庄"]


def test_browser_suggestions_are_the_python_reference_suggestions(page_for_engine, built_site):
    files = read_search_files(built_site)
    for query in QUERIES:
        for exact in (False, True):
            js = page_for_engine.evaluate(
                "([q, x]) => csSearch.search(q, x).then(f => f.hits.length > csSearch.m.suggest.few ? []"
                " : csSearch.suggest(f, x, false)).then(s => s.map(o => [o.q, o.found.hits.length]))", [query, exact])
            assert js == [list(o) for o in SearchFiles(files).suggestions(query, exact)], (query, exact)


@pytest.fixture(scope="module")
def page_for_engine(chromium, site_url):
    context = chromium.new_context()
    pg = context.new_page()
    pg.goto(site_url + "search/")
    pg.wait_for_function("() => window.csSearch")
    yield pg
    context.close()
