"""The compare view as testers used it: a change of the selection (a district ticked or removed, a
theme, a metric, a word typed, the filter, a number of the heat map) rewrites the address in place,
so that one Back leaves the view however many changes were made (a user test: it took six; the one
navigation inside the view, a metric's name followed in 量化目标对照, pushes an entry:
tests/test_compare_targets_nav_browser.py), while the address keeps the selection: the link 复制链接
copies, and coming back to the view from a page it links to, open it as it was left, the theme's
instant navigation on or off. The page's title names what is compared; the 指标 choice groups the
metrics by theme, in the registries' order; a label ending in 〔识读〕 is explained where it is shown. Ground truth from the raw YAML
(tests.test_trust.raw_documents).

Run alone with: .venv/bin/python -m pytest tests/test_compare_history_browser.py
"""
from __future__ import annotations

from urllib.parse import parse_qs, quote, urlparse

import pytest
import yaml

from tests.conftest import DATA
from tests.test_compare_numberless_browser import expected_note
from tests.test_numberless import Truth
from tests.test_trust import raw_documents

pytestmark = pytest.mark.browser

BASE_TITLE = "对比 - 区县双碳政策对照"
PHONE = {"width": 390, "height": 844}

# What the view shows, read from its controls and columns
VIEW = """() => ({
  chips: [...document.querySelectorAll('.cmp-chip')].map(c => c.dataset.slug),
  theme: document.querySelector("select[aria-label='主题']").value,
  metric: document.querySelector("select[aria-label='指标']").value,
  query: document.getElementById('cmp-q').value,
  gap: document.querySelector('.cmp-gap input').checked,
  columns: [...document.querySelectorAll('.cmp-col h2 a')].map(a => a.textContent),
  tab: [...document.querySelectorAll('.cmp-col')].findIndex(c => c.classList.contains('cmp-active')),
  title: document.title})"""


@pytest.fixture()
def page(built_site, chromium):
    from generator.bench import serve

    with serve(built_site) as base:
        pg = chromium.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.base, pg.errors = base, errors  # type: ignore[attr-defined]
        try:
            yield pg
            assert not errors, errors
        finally:
            pg.close()


def names() -> dict[str, str]:
    registry = yaml.load((DATA / "districts.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {d["slug"]: d["name"] for d in registry["districts"]}


def theme_names() -> dict[str, str]:
    registry = yaml.load((DATA / "themes.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {t["slug"]: t["name"] for t in registry["themes"]}


def at(pg, query: str) -> None:
    """Wait until the address is the view's."""
    pg.wait_for_function("q => location.search === q", arg=query)


def shown(pg, query: str) -> None:
    """Wait until the address is the view's and its results are drawn."""
    at(pg, query)
    pg.wait_for_selector(".cmp-result > *")
    pg.wait_for_function("!/正在载入/.test(document.querySelector('.cmp-status').textContent)")


def test_changes_rewrite_the_address_so_one_back_leaves_the_view(page):
    """From the page before (about/): three districts ticked, a theme, a district removed, a metric,
    a word typed a keystroke at a time and the filter: each rewrites the address and the title, none
    is an entry of the history, and one Back leaves the view; Forward comes back to it as left."""
    pg, base = page, page.base
    district, theme = names(), theme_names()
    pg.goto(base + "about/")
    pg.goto(base + "compare/")
    pg.wait_for_selector(".cmp-grid input")
    entries = pg.evaluate("history.length")

    picked: list[str] = []
    for slug in ("jiangjin", "tongliang", "yongchuan"):
        pg.check(f".cmp-grid input[value='{slug}']")
        picked.append(slug)
        at(pg, "?d=" + ",".join(picked))
    shown(pg, "?d=jiangjin,tongliang,yongchuan")
    trio = "、".join(district[s] for s in picked)
    assert pg.title() == f"{trio} - {BASE_TITLE}"
    pg.select_option("select[aria-label='主题']", "energy")
    shown(pg, "?d=jiangjin,tongliang,yongchuan&t=energy")
    assert pg.title() == f"{trio} · {theme['energy']} - {BASE_TITLE}"
    pg.click(".cmp-chip[data-slug='yongchuan']")
    shown(pg, "?d=jiangjin,tongliang&t=energy")
    metric = pg.select_option("select[aria-label='指标']", index=1)[0]
    shown(pg, f"?d=jiangjin,tongliang&m={metric}")
    metric_name = pg.locator(f"select[aria-label='指标'] option[value='{metric}']").inner_text().split("（")[0]
    assert pg.title() == f"{district['jiangjin']}、{district['tongliang']} · {metric_name} - {BASE_TITLE}"
    pg.click("#cmp-q")
    pg.keyboard.type("光伏", delay=60)  # a keystroke at a time: each changes the view
    last = "?d=jiangjin,tongliang&q=" + quote("光伏") + "&gap=1"
    pg.check(".cmp-gap input")
    shown(pg, last)
    assert "查找「光伏」" in pg.title()
    assert pg.evaluate("history.length") == entries, "a change of the view was made an entry of the history"
    left = pg.evaluate(VIEW)

    pg.go_back()  # the page the reader came from, at once
    pg.wait_for_url(base + "about/")
    pg.go_forward()  # and the view as it was left
    shown(pg, last)
    assert pg.evaluate(VIEW) == left
    assert left["chips"] == ["jiangjin", "tongliang"] and left["query"] == "光伏" and left["gap"]


def test_a_shared_link_and_coming_back_open_the_view_as_it_was_left(built_site, chromium):
    """On a phone: a view made by hand (districts, theme, the filter, a column's tab) is copied with
    复制链接; the link opens the same view for another reader. The reader who follows a link out of
    the view and comes back with Back finds it as left, and the next Back leaves it."""
    from generator.bench import serve

    with serve(built_site) as base:
        errors: list[str] = []
        contexts = [chromium.new_context(viewport=PHONE, has_touch=True) for _ in range(2)]
        try:
            mine, theirs = (c.new_page() for c in contexts)
            for pg in (mine, theirs):
                pg.on("pageerror", lambda exc: errors.append(str(exc)))
            contexts[0].grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
            mine.goto(base + "about/")
            mine.goto(base + "compare/?d=yongchuan,jiangjin")
            shown(mine, "?d=yongchuan,jiangjin")
            mine.click("button.cmp-toggle")  # 更改区县: the list opens
            mine.check(".cmp-grid input[value='qianjiang']")
            shown(mine, "?d=yongchuan,jiangjin,qianjiang")
            mine.select_option("select[aria-label='主题']", "governance")
            mine.check(".cmp-gap input")
            shown(mine, "?d=yongchuan,jiangjin,qianjiang&t=governance&gap=1")
            mine.tap(".cmp-tab >> nth=2")
            shown(mine, "?d=yongchuan,jiangjin,qianjiang&t=governance&gap=1&c=qianjiang")
            left = mine.evaluate(VIEW)
            assert left["tab"] == 2 and left["gap"] and left["theme"] == "governance"
            mine.click(".cmp-copy")
            mine.wait_for_function("document.querySelector('.cmp-copy-note').textContent === '已复制'")
            link = mine.evaluate("navigator.clipboard.readText()")
            assert link == mine.url

            theirs.goto(link)
            shown(theirs, "?d=yongchuan,jiangjin,qianjiang&t=governance&gap=1&c=qianjiang")
            assert theirs.evaluate(VIEW) == left

            mine.click(".cmp-col.cmp-active h2 a")  # out of the view: the district's page
            mine.wait_for_url(base + "districts/qianjiang/")
            mine.go_back()
            shown(mine, "?d=yongchuan,jiangjin,qianjiang&t=governance&gap=1&c=qianjiang")
            assert mine.evaluate(VIEW) == left
            mine.go_back()
            mine.wait_for_url(base + "about/")
        finally:
            for c in contexts:
                c.close()
        assert not errors, errors


def test_with_instant_navigation_the_view_is_one_entry_and_comes_back_as_left(chromium, instant_site):
    """The theme's instant navigation on (it follows links itself, and Back too): opened from a tab,
    changed, a number of the filtered heat map followed (the view's own link: the theme would make it
    an entry of the history), left by a link and come back to, the view is one entry, drawn as left,
    and the page is never reloaded."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        pg.goto(instant_site + "about/")
        pg.wait_for_selector(".md-tabs__link")
        pg.evaluate("window.__samePage = true")
        pg.click(".md-tabs__link:text-is('对比')")
        pg.wait_for_selector(".cmp-grid input")
        entries = pg.evaluate("history.length")
        for slug in ("yongchuan", "jiangjin", "qianjiang"):
            pg.check(f".cmp-grid input[value='{slug}']")
        pg.check(".cmp-gap input")
        shown(pg, "?d=yongchuan,jiangjin,qianjiang&gap=1")
        number = pg.locator(".cmp-table td.cmp-heat a[href^='?']").first
        theme = parse_qs(urlparse(number.get_attribute("href")).query)["t"][0]
        number.click()
        opened = f"?d=yongchuan,jiangjin,qianjiang&t={theme}&gap=1"
        shown(pg, opened)
        assert pg.locator(".cmp-col").count() == 3
        assert pg.evaluate("history.length") == entries, "a change of the view was made an entry of the history"
        left = pg.evaluate(VIEW)

        pg.click(".cmp-col h2 a >> nth=1")
        pg.wait_for_url(instant_site + "districts/jiangjin/")
        pg.go_back()
        shown(pg, opened)
        assert pg.evaluate(VIEW) == left
        pg.go_back()
        pg.wait_for_url(instant_site + "about/")
        assert pg.evaluate("window.__samePage") is True, "the theme's instant navigation did not keep the page"
    finally:
        context.close()
    assert not errors, errors


def test_the_metric_choice_is_grouped_by_theme_in_registry_order(page):
    """The 指标 choice of ~100 metrics is a group per theme (<optgroup> named by the theme), the
    themes in themes.yaml's order, each metric under the first of its themes in metrics.yaml's
    order; every metric some district sets a target for is offered once. Each option says how many
    of the districts picked set it, which where not all do, and which give no number of their own
    (所选 2 个设有，黔江区为市级下达 / 所选区县未设: tests.test_compare_numberless_browser.expected_note),
    with none picked how many districts do; m= stays the metric's slug. Ground truth from the raw YAML."""
    pg, base = page, page.base
    truth = Truth()
    set_by: dict[str, set[str]] = {}
    for doc in raw_documents():
        for m in doc["measures"]:
            for t in m.get("targets") or []:
                set_by.setdefault(doc["district"], set()).add(t["metric"])
    every = set().union(*set_by.values())
    themes = yaml.safe_load((DATA / "themes.yaml").read_text(encoding="utf-8"))["themes"]
    metrics = yaml.safe_load((DATA / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    want = [(t["name"], [m["slug"] for m in metrics if m["slug"] in every and m["themes"][0] == t["slug"]]) for t in themes]
    want = [(name, slugs) for name, slugs in want if slugs]
    metric_names = {m["slug"]: m["name"] for m in metrics}

    def groups() -> list[tuple[str, list[str]]]:
        return pg.eval_on_selector_all("select[aria-label='指标'] optgroup",
                                       "gs => gs.map(g => [g.label, [...g.querySelectorAll('option')].map(o => o.value)])")

    def texts() -> dict[str, str]:
        return dict(pg.eval_on_selector_all("select[aria-label='指标'] optgroup option", "os => os.map(o => [o.value, o.textContent])"))

    pg.goto(base + "compare/")
    pg.wait_for_selector("select[aria-label='指标'] optgroup", state="attached")
    assert [tuple(g) for g in groups()] == [(n, s) for n, s in want]
    counts = {slug: sum(slug in mine for mine in set_by.values()) for slug in every}
    assert texts() == {slug: f"{metric_names[slug]}（共 {counts[slug]} 个区县）" for slug in every}
    for picked in (("jiangjin", "qianjiang"), ("jiangjin",)):
        if len(picked) == 2:
            pg.goto(base + "compare/?d=" + ",".join(picked))
        else:
            pg.click(".cmp-chip[data-slug='qianjiang']")
        pg.wait_for_function("q => location.search === q", arg="?d=" + ",".join(picked))
        assert [tuple(g) for g in groups()] == [(n, s) for n, s in want], picked
        assert texts() == {slug: f"{metric_names[slug]}（{expected_note(truth, slug, picked)}）" for slug in every}
    # choosing one keeps m= the slug
    slug = want[1][1][0]
    pg.select_option("select[aria-label='指标']", slug)
    pg.wait_for_function("s => new URLSearchParams(location.search).get('m') === s", arg=slug)


def test_a_label_read_from_damaged_print_is_explained_where_it_is_shown(page):
    """铜梁's and 黔江's OCR-damaged labels end in 〔识读〕: the theme view says what the marks mean,
    with the about page's section; the heat map, whose links carry none, does not."""
    pg, base = page, page.base
    pg.goto(base + "compare/?d=jiangjin,tongliang,qianjiang&t=energy")
    pg.wait_for_selector(".cmp-col")
    marked = pg.eval_on_selector_all(".cmp-result a", "as => as.filter(a => /〔识读(存疑)?〕$/.test(a.textContent)).length")
    assert marked
    note = pg.locator("#cmp-readings")
    assert note.is_visible() and "〔识读〕" in note.inner_text() and "〔识读存疑〕" in note.inner_text()
    assert note.locator("a").get_attribute("href").endswith("about/#readings")
    note.locator("a").click()
    pg.wait_for_url("**/about/#readings")
    assert pg.locator("#readings").count() == 1

    pg.goto(base + "compare/?d=jiangjin,tongliang,qianjiang")
    pg.wait_for_selector(".cmp-table")
    assert not pg.locator("#cmp-readings").is_visible()
