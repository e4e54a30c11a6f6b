"""The compare view as a tester used it: Back undoes the last change made in the view (not each
keystroke of a word typed) and the page's title names what is compared; the 指标 choice groups
the metrics by theme, in the registries' order; a label ending in 〔识读〕 is explained where
it is shown. Ground truth from the raw YAML (tests.test_trust.raw_documents).

Run alone with: .venv/bin/python -m pytest tests/test_compare_history_browser.py
"""
from __future__ import annotations

import pytest
import yaml

from tests.conftest import DATA
from tests.test_trust import raw_documents

pytestmark = pytest.mark.browser

BASE_TITLE = "对比 - 区县双碳政策对照"


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


def shown(pg, query: str) -> None:
    """Wait until the address is the view's and its results are drawn."""
    pg.wait_for_function("q => location.search === q", arg=query)
    pg.wait_for_selector(".cmp-result > *")


def test_back_undoes_each_change_and_the_title_names_the_view(page):
    """A direct visit, then a theme, a district removed, a metric and a word typed: Back steps
    through them in reverse (the word typed as one step), restoring the view, then leaves the page."""
    pg, base = page, page.base
    district, theme = names(), theme_names()
    pg.goto(base + "about/")
    pg.goto(base + "compare/?d=jiangjin,tongliang,yongchuan")
    shown(pg, "?d=jiangjin,tongliang,yongchuan")
    trio = "、".join(district[s] for s in ("jiangjin", "tongliang", "yongchuan"))
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
    shown(pg, "?d=jiangjin,tongliang&q=%E5%85%89%E4%BC%8F")
    assert "查找「光伏」" in pg.title()

    pg.go_back()  # the word, not its last keystroke
    shown(pg, f"?d=jiangjin,tongliang&m={metric}")
    assert pg.input_value("#cmp-q") == "" and pg.input_value("select[aria-label='指标']") == metric
    pg.go_back()
    shown(pg, "?d=jiangjin,tongliang&t=energy")
    assert pg.input_value("select[aria-label='主题']") == "energy" and pg.input_value("select[aria-label='指标']") == ""
    assert pg.locator(".cmp-col").count() == 2
    pg.go_back()
    shown(pg, "?d=jiangjin,tongliang,yongchuan&t=energy")
    assert pg.locator(".cmp-chip").count() == 3 and pg.locator(".cmp-col").count() == 3
    assert pg.title() == f"{trio} · {theme['energy']} - {BASE_TITLE}"
    pg.go_back()
    shown(pg, "?d=jiangjin,tongliang,yongchuan")
    assert pg.locator(".cmp-table").count() == 1 and pg.title() == f"{trio} - {BASE_TITLE}"
    pg.go_back()  # the page the reader came from
    pg.wait_for_url(base + "about/")


def test_the_metric_choice_is_grouped_by_theme_in_registry_order(page):
    """The 指标 choice of ~100 metrics is a group per theme (<optgroup> named by the theme), the
    themes in themes.yaml's order, each metric under the first of its themes in metrics.yaml's
    order; every metric some district sets a target for is offered once. Each option says how many
    of the districts picked set it (所选 n 个设有 / 所选区县未设), with none picked how many districts
    do; m= stays the metric's slug. Ground truth from the raw YAML."""
    pg, base = page, page.base
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
        mine = {slug: sum(slug in set_by.get(d, set()) for d in picked) for slug in every}
        assert texts() == {slug: metric_names[slug] + (f"（所选 {n} 个设有）" if n else "（所选区县未设）") for slug, n in mine.items()}
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
