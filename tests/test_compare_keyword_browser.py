"""The compare view's keyword box in Chromium: "who leads 光伏 in these districts?" answered in the
columns. Each column lists exactly the district's measures whose label or text (as read, with the
table rows that carry it out) holds every word typed, or another word that the site search also
looks for when it is typed (its groups: 光伏 also 太阳能, 充电桩 also 充电设施 …), with their units by
role, the words marked; the keyword lives in the address (q=). The expected measures come from the
site index (generator.pipeline.index_data over site_data) and the site search's files
(generator.search), not from the JSON the compare view reads.

Run alone with: .venv/bin/python -m pytest tests/test_compare_keyword_browser.py
"""
from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs, quote, urlparse

import pytest

from generator.index import rows_named
from generator.model import role_name

pytestmark = pytest.mark.browser

DISTRICTS = ("jiangjin", "tongliang", "yongchuan")
WORDS = "index"  # compare/data/texts/index.json: what each typed word also looks for


def light(text: str) -> str:
    """The box's light normalisation: full-width letters and digits to half-width, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


_SEARCH: dict[int, object] = {}


def _expansions(index, word: str) -> dict[str, list[str]]:
    """What the site search looks for and names when the word is typed, read from its own files."""
    from generator.search import normalize, search_files
    from generator.search.reference import SearchFiles

    if id(index) not in _SEARCH:
        _SEARCH[id(index)] = SearchFiles(search_files(index))
    return _SEARCH[id(index)].expansions(normalize(word).strip())


def also(index, word: str) -> list[str]:
    """The words the site search names as also looked for when the word is typed (its result page's
    同时搜索了), normalised as it matches them."""
    return _expansions(index, word)["shown"]


def also_printed(index, word: str) -> list[str]:
    """also(), each word as the result page names it: as printed (充（换）电, not 充(换)电)."""
    found = _expansions(index, word)
    return found.get("printed", found["shown"])


def alternatives(index, word: str) -> list[str]:
    """The word and what else finds it, lightly normalised."""
    return list(dict.fromkeys(light(w) for w in (word, *also(index, word))))


def expected(index, slug: str, words: list[str], theme: str = "") -> list:
    """The district's distinct measures (of the theme, if any) whose label, title or text, or a
    row's, holds every word or another word that the search also looks for when it is typed."""
    rel = index.relations
    pool = rel.distinct_by_district_theme.get((slug, theme), ()) if theme else rel.distinct_by_district.get(slug, ())
    found = []
    for dm in pool:
        entries = (dm.measure, *dm.rows)
        texts = [dm.measure.label, *(e.full_text for e in entries),
                 *(e.measure.project.name for e in entries if e.measure.project is not None)]
        if all(any(a in light(t) for t in texts for a in alternatives(index, w)) for w in words):
            found.append(dm)
    return found


def roles(dm) -> list[str]:
    """The lines a measure's units are shown in: 牵头, 分工负责, 配合, each that it has; said to be the
    table rows', named (牵头（据附表2第 56、57 行）), when its main text names no unit (a user test: the
    bare 牵头： read as the main text's; the naming itself is checked against the YAML in test_compare)."""
    out = []
    rows = role_name("lead", rows_named(dm.rows)).removeprefix("牵头") if not dm.measure.units and dm.rows else ""
    for role, name in (("lead", "牵头"), ("joint", "分工负责"), ("support", "配合")):
        units = list(dict.fromkeys(cu.unit.reading for cu in dm.units if cu.unit.role == role))
        if units:
            out.append(name + rows + "：" + "、".join(units))
    return out


READ_COLUMNS = """() => [...document.querySelectorAll('.cmp-col')].map(c => ({
  heading: (c.querySelector('h3') || {}).textContent || '',
  none: [...c.querySelectorAll('.cmp-none')].map(p => p.textContent).join(''),
  items: [...c.querySelectorAll('.cmp-items > li')].map(li => ({
    href: li.querySelector('a').getAttribute('href'),
    marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
    roles: [...li.querySelectorAll('.cmp-lead')].map(x => x.textContent)}))}))"""


def check_columns(page, index, words: list[str], theme: str = "", districts: tuple[str, ...] = DISTRICTS) -> dict[str, int]:
    """Every column lists exactly the expected measures, in printed order, marked, with their roles."""
    page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {len(districts)}")
    columns = page.evaluate(READ_COLUMNS)
    counts = {}
    # a word that also finds other wordings is said to: 含「充电桩」等写法的措施
    named = "".join(f"「{w}」" for w in words) + ("等写法" if any(also(index, w) for w in words) else "")
    for slug, column in zip(districts, columns, strict=True):
        want = expected(index, slug, words, theme)
        counts[slug] = len(want)
        assert [i["href"] for i in column["items"]] == ["../" + dm.measure.url.site_path for dm in want], (slug, words)
        # the words are named as typed, full-width letters and digits made half-width
        assert light(column["heading"]) == light(f"含{named}的措施 {len(want)} 项")
        if not want:
            assert "没有" in column["none"] and light(named) in light(column["none"]), (slug, column["none"])
        for dm, item in zip(want, column["items"], strict=True):
            assert item["roles"] == roles(dm), (slug, dm.key)
            marked = {light(m) for m in item["marks"]}
            assert all(any(a in m for m in marked for a in alternatives(index, w)) for w in words), (slug, dm.key, item["marks"])
    return counts


def test_keyword_lists_the_measures_holding_it_with_their_roles(site_url, chromium, real_index):
    words = ["光伏"]
    want = {slug: expected(real_index, slug, words) for slug in DISTRICTS}
    # the word is in the measures' texts, not (only) in their titles, and every district has some
    assert all(want.values())
    assert any(light("光伏") not in light(dm.measure.label) for found in want.values() for dm in found)
    assert any(roles(dm) for found in want.values() for dm in found)
    for width in (390, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
        try:
            page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&q=" + quote("光伏"))
            counts = check_columns(page, real_index, words)
            assert page.input_value("#cmp-q") == "光伏"
            assert page.get_attribute("#cmp-q", "type") == "search"
            assert page.locator(".cmp-table").count() == 0  # the measures, not the counts matrix
            status = page.inner_text(".cmp-status")
            assert all(f"{n} 项" in status for n in counts.values())
            # no horizontal scroll
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            if width < 600:  # a phone: a tab per district says what its column found, and shows it
                tabs = page.locator(".cmp-tab")
                for i, slug in enumerate(DISTRICTS):
                    assert tabs.nth(i).inner_text().endswith(f"（{counts[slug]}）")
                    tabs.nth(i).click()
                    active = page.locator(".cmp-col.cmp-active")
                    assert active.locator(".cmp-items > li").count() == counts[slug]
                    assert active.locator(".cmp-items > li").first.is_visible()
                    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            else:  # side by side
                assert all(c.is_visible() for c in page.locator(".cmp-col").all())
            # within a theme
            page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&t=energy&q=" + quote("光伏"))
            check_columns(page, real_index, words, "energy")
        finally:
            page.close()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_keyword_box_restores_from_the_address_and_writes_it(site_url, chromium, real_index):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&q=" + quote("光伏"))
        page.wait_for_selector(".cmp-col")
        assert page.input_value("#cmp-q") == "光伏"
        # a new word: the address follows, and 储能 is found in a table row that carries a measure out
        page.fill("#cmp-q", "储能")
        page.wait_for_function("new URLSearchParams(location.search).get('q') === '储能'")
        counts = check_columns(page, real_index, ["储能"])
        assert counts["tongliang"] == 1
        assert not any(light("储能") in light(dm.measure.full_text) for dm in expected(real_index, "tongliang", ["储能"]))
        # full-width letters and upper case are the same word; two words must both be found
        page.fill("#cmp-q", "ＣＣＵＳ")
        check_columns(page, real_index, ["ccus"])
        page.fill("#cmp-q", " 光伏  储能 ")
        check_columns(page, real_index, ["光伏", "储能"])
        assert query_of(page.url)["q"] == ["光伏  储能"]  # as typed, without the spaces around
        page.fill("#cmp-q", "光伏 氢能")
        counts = check_columns(page, real_index, ["光伏", "氢能"])
        assert 0 in counts.values()  # a column with none says so (checked in check_columns)
        # the keyword is kept when the theme and the districts change
        page.fill("#cmp-q", "光伏")
        page.select_option(".cmp-filters select[aria-label='主题']", "energy")
        assert query_of(page.url)["q"] == ["光伏"] and query_of(page.url)["t"] == ["energy"]
        check_columns(page, real_index, ["光伏"], "energy")
        page.locator(".cmp-toggle").click()
        page.check("input[value='qianjiang']")
        assert query_of(page.url)["q"] == ["光伏"] and query_of(page.url)["d"] == [",".join((*DISTRICTS, "qianjiang"))]
        page.wait_for_function("document.querySelectorAll('.cmp-col').length === 4")
        assert page.input_value("#cmp-q") == "光伏"
        # a shared link opens on the same view
        page.goto(page.url)
        page.wait_for_function("document.querySelectorAll('.cmp-col').length === 4")
        assert page.input_value("#cmp-q") == "光伏"
        # an empty box removes q= and brings back the theme's full lists
        page.fill("#cmp-q", "")
        page.wait_for_function("!new URLSearchParams(location.search).has('q')")
        assert page.locator(".cmp-col h3", has_text="措施").count() == 4
        assert page.locator(".cmp-col mark").count() == 0
    finally:
        page.close()


TEXTS = "/compare/data/texts/"


def texts_requested(page) -> list[str]:
    """The districts whose texts file the page asks for, in the order asked (kept up to date), and
    WORDS when it asks for what the typed words also look for."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.rsplit("/", 1)[1].removesuffix(".json")) if TEXTS in r.url else None)
    return asked


def test_texts_load_only_when_a_keyword_is_in_effect(site_url, chromium, real_index):
    """The measures' texts are fetched only for a keyword, once per district shown: not for the
    overview, a theme, a metric or a phone's tabs; then for the districts shown when a word is typed,
    and for a district added later, each once however often the words change; and with the first of
    them, once, what the words typed also look for."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    asked = texts_requested(page)
    try:
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS))
        page.wait_for_selector(".cmp-table tbody tr")
        page.select_option(".cmp-filters select[aria-label='主题']", "energy")
        page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {len(DISTRICTS)}")
        page.locator(".cmp-tab").nth(2).click()
        assert page.locator(".cmp-col.cmp-active .cmp-items > li").first.is_visible()
        metric = page.select_option(".cmp-filters select[aria-label='指标']", index=1)[0]
        page.wait_for_selector(".cmp-col.cmp-active .cmp-targets")
        page.locator(".cmp-toggle").click()
        page.locator(".cmp-preset").first.click()  # a region's preset
        page.wait_for_function("document.querySelector('.cmp-col') !== null")
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&m=" + metric + "&q=" + quote("光伏"))
        page.wait_for_selector(".cmp-col")  # a metric's targets are not filtered by the words
        assert asked == []
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS))
        page.wait_for_selector(".cmp-table tbody tr")
        page.fill("#cmp-q", "光伏")
        check_columns(page, real_index, ["光伏"])
        assert sorted(asked) == sorted((*DISTRICTS, WORDS))
        page.fill("#cmp-q", "储能")
        check_columns(page, real_index, ["储能"])
        page.select_option(".cmp-filters select[aria-label='主题']", "energy")
        check_columns(page, real_index, ["储能"], "energy")
        page.locator(".cmp-toggle").click()
        page.check("input[value='qianjiang']")
        page.wait_for_function("document.querySelectorAll('.cmp-col').length === 4")
        assert sorted(asked) == sorted((*DISTRICTS, "qianjiang", WORDS))
    finally:
        page.close()


def test_a_keyword_in_the_address_loads_the_texts_saying_so(site_url, chromium, real_index):
    """Opened with q=, the view fetches the texts of the districts shown, says that it is loading
    them (no column, so no empty or unfiltered result) and then lists the measures found."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    asked = texts_requested(page)
    held = []
    page.route("**" + TEXTS + "*", lambda route: held.append(route))  # held until the check below
    try:
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&q=" + quote("光伏"))
        page.wait_for_function("(document.querySelector('.cmp-status')?.textContent ?? '').includes('正在载入措施原文')")
        page.wait_for_timeout(200)
        assert "光伏" in page.inner_text(".cmp-status")
        assert page.locator(".cmp-result > *").count() == 0
        assert sorted(asked) == sorted((*DISTRICTS, WORDS))
        for route in held:
            route.continue_()
        check_columns(page, real_index, ["光伏"])
        assert "正在载入" not in page.inner_text(".cmp-status")
        assert sorted(asked) == sorted((*DISTRICTS, WORDS))
    finally:
        page.close()


def test_texts_that_fail_to_load_leave_the_columns_unfiltered_and_say_so(site_url, chromium, real_index):
    """Where a district's texts cannot be fetched the view says so and shows the columns as without
    a keyword (the phone's tabs work); the next change of the words tries again."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    failing = True
    page.route("**" + TEXTS + "*", lambda route: route.abort() if failing else route.continue_())
    try:
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&t=energy&q=" + quote("光伏"))
        page.wait_for_selector(".cmp-status.cmp-warn")
        assert "载入失败" in page.inner_text(".cmp-status") and "光伏" in page.inner_text(".cmp-status")
        assert page.input_value("#cmp-q") == "光伏"
        columns = page.evaluate(READ_COLUMNS)
        for slug, column in zip(DISTRICTS, columns, strict=True):
            measures = real_index.relations.distinct_by_district_theme.get((slug, "energy"), ())
            assert [i["href"] for i in column["items"]] == ["../" + dm.measure.url.site_path for dm in measures]
            assert not any(i["marks"] for i in column["items"])
        tabs = page.locator(".cmp-tab")
        tabs.nth(1).click()
        assert page.locator(".cmp-col.cmp-active .cmp-items > li").first.is_visible()
        failing = False
        page.fill("#cmp-q", "光伏 ")
        check_columns(page, real_index, ["光伏"], "energy")
        assert page.locator(".cmp-status.cmp-warn").count() == 0
    finally:
        page.close()


FOUR = ("jiangjin", "tongliang", "yongchuan", "qianjiang")


def test_a_word_finds_its_other_wordings_as_the_site_search_does(site_url, chromium, real_index):
    """充电桩 is printed in 江津's and 铜梁's documents; 黔江 writes 充电站 and 充电基础设施 (建设充电基础设施
    100处), 永川 写 充电、换电. The site search finds all of them for 充电桩 (site_data/synonyms.yaml);
    so does the keyword box, saying which words it looked for, and no column says 0 项."""
    want = {slug: expected(real_index, slug, ["充电桩"]) for slug in FOUR}
    exact = {slug: [dm for dm in want[slug] if any("充电桩" in t for t in (dm.measure.label, *(e.full_text for e in (dm.measure, *dm.rows))))]
             for slug in FOUR}
    assert not exact["qianjiang"] and not exact["yongchuan"]  # what the box found before: 0 项
    assert any("充电基础设施100处" in dm.measure.full_text for dm in want["qianjiang"])
    assert any("充电、换电" in e.full_text for dm in want["yongchuan"] for e in (dm.measure, *dm.rows))
    for width in (390, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
        asked = texts_requested(page)
        try:
            page.goto(site_url + "compare/?d=" + ",".join(FOUR) + "&q=" + quote("充电桩"))
            counts = check_columns(page, real_index, ["充电桩"], districts=FOUR)
            assert all(counts.values()), counts
            status = page.inner_text(".cmp-status")
            words = "".join(f"「{w}」" for w in also_printed(real_index, "充电桩"))
            assert status.startswith(f"「充电桩」（含{words}）："), status
            assert "「充（换）电」" in status  # as 江津 prints it, not the search's normal form 充(换)电
            assert all(w in status for w in ("充电设施", "充电基础设施", "充换电", "充电、换电"))
            assert all(f"{name} {counts[slug]} 项" in status
                       for slug, name in zip(FOUR, ("江津区", "铜梁区", "永川区", "黔江区"), strict=True))
            # the other wording is marked where it is found: 黔江's 充电基础设施, 永川's 充电、换电
            columns = page.evaluate(READ_COLUMNS)
            assert "充电基础设施" in {m for i in columns[3]["items"] for m in i["marks"]}
            assert "充电、换电" in {m for i in columns[2]["items"] for m in i["marks"]}
            # a word without other wordings is found as typed and named alone
            page.fill("#cmp-q", "储能")
            check_columns(page, real_index, ["储能"], districts=FOUR)
            assert page.inner_text(".cmp-status").startswith("「储能」：")
            assert asked.count(WORDS) == 1  # fetched once, with the first texts
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        finally:
            page.close()


READ_APART = """() => [...document.querySelectorAll('.cmp-col')].map(c => ({
  heading: (c.querySelector('h3') || {}).textContent || '',
  whole: [...c.querySelectorAll('.cmp-items:not(.cmp-items--apart) > li')].map(li => li.querySelector('a').getAttribute('href')),
  apart: [...c.querySelectorAll('.cmp-items--apart > li')].map(li => ({
    href: li.querySelector('a').getAttribute('href'), marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))}))"""


def test_a_long_word_also_finds_its_parts_apart_as_the_site_search_does(site_url, chromium, real_index, truth):
    """The user test: 碳排放权交易 said 永川区 0 项, though the site search lists 永川's （十三）, which prints
    碳排放权 and 绿色电力证书交易 apart; 节能降碳 found 3 of 永川's measures where the search finds 4 (its
    （十四） prints 节能减碳 and 减污降碳). The box searches a word the site search splits as its parts too
    (the parts written by hand in tests/search_queries.yaml): after the measures that hold the word (or
    another wording of it), those that hold every part and not the word, under a line that says so, the
    parts marked; the heading and the status line count both and say how many hold the words apart.
    永川 has no table rows, so its count is the site search's own (the ground truth's, from the YAML)."""
    from tests.test_search_truth import load_queries

    splits = {q["q"]: next(iter(q["split"].values())) for q in load_queries() if q["q"] in ("碳排放权交易", "节能降碳")}
    assert len(splits) == 2
    three = ("yongchuan", "jiangjin", "qianjiang")
    assert not any(dm.rows for dm in real_index.relations.distinct_by_district["yongchuan"])
    for width in (390, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
        try:
            for query, parts in splits.items():
                page.goto(site_url + "compare/?d=" + ",".join(three) + "&q=" + quote(query))
                page.wait_for_function("document.querySelectorAll('.cmp-col').length === 3")
                named = f"「{query}」" + ("等写法" if also(real_index, query) else "")
                status = page.inner_text(".cmp-status")
                for slug, column in zip(three, page.evaluate(READ_APART), strict=True):
                    whole = expected(real_index, slug, [query])
                    apart = [dm for dm in expected(real_index, slug, parts) if dm not in whole]
                    assert column["whole"] == ["../" + dm.measure.url.site_path for dm in whole], (query, slug)
                    assert [i["href"] for i in column["apart"]] == ["../" + dm.measure.url.site_path for dm in apart], (query, slug)
                    said = f"{len(whole) + len(apart)} 项" + (f"（其中 {len(apart)} 项词语分开出现）" if apart else "")
                    assert column["heading"] == f"含{named}的措施 {said}", (query, slug, column["heading"])
                    for item in column["apart"]:
                        assert all(any(a in light(m) for m in item["marks"] for a in alternatives(real_index, p)) for p in parts), item
                    if slug == "yongchuan":
                        own, by_parts, _ = truth.by_district(query)[slug]
                        assert (len(whole) + len(apart), len(apart)) == (own, by_parts), query
                        assert apart and f"永川区 {said}" in status, (query, status)
                assert "也找了同时含有" + "".join(f"「{p}」" for p in parts) in status, status
                assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        finally:
            page.close()
