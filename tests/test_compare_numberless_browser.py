"""The compare view's metric choice and views say which of the districts picked set a metric, and which
of them give no number of their own (市级下达): a user test on a phone met about 100 options reading
所选 1 个设有 without a name, and 所选 2 个设有 for 永川区 and 江津区 where 永川区's value is 市级下达.
Expected texts are worked out from the YAML (tests.test_numberless.Truth)."""
from __future__ import annotations

import pytest

from tests.test_numberless import BRIEF, SAID, Truth, count_said

pytestmark = pytest.mark.browser

PAIR = ("yongchuan", "jiangjin")
FOUR = ("jiangjin", "tongliang", "yongchuan", "qianjiang")
OPTIONS = """() => Object.fromEntries([...document.querySelectorAll("select[aria-label='指标'] option")]
  .filter(o => o.value).map(o => [o.value, o.text]))"""


@pytest.fixture(scope="module")
def truth() -> Truth:
    return Truth()


def expected_note(truth: Truth, metric: str, picked: tuple[str, ...]) -> str:
    """An option's note: how many of the districts picked set the metric; where not all of them, which
    (those with a number first); those without a number of their own apart, by reason."""
    setters = [d for d in picked if d in truth.setters[metric]]
    if not setters:
        return "所选区县未设"
    every = len(setters) == len(picked)
    numbered = [truth.name[d] for d in setters if d in truth.numbered[metric]]
    bare = [d for d in setters if d not in truth.numbered[metric]]
    parts = ([] if every or not numbered else ["、".join(numbered)]) + ([truth.names_said(bare, metric, BRIEF)] if bare else [])
    return f"所选 {len(setters)} 个设有" + (("，" if every else "：") + "；".join(parts) if parts else "")


def test_each_metric_option_names_the_districts_picked_that_set_it_and_those_without_a_number(site_url, chromium, real_index, truth):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        for picked in (PAIR, FOUR):
            page.goto(site_url + "compare/?d=" + ",".join(picked) + "&m=carbon-intensity-reduction")
            page.wait_for_selector(".cmp-brief tr")
            options = page.evaluate(OPTIONS)
            assert set(options) == set(truth.setters)
            for metric, text in options.items():
                want = f"{real_index.metric_by_slug[metric].name}（{expected_note(truth, metric, picked)}）"
                assert text == want, (picked, metric)
        # the user test's pair, and a metric only 江津区 of four sets: said in so many words
        page.goto(site_url + "compare/?d=yongchuan,jiangjin&m=carbon-intensity-reduction")
        page.wait_for_selector(".cmp-brief tr")
        assert page.evaluate(OPTIONS)["carbon-intensity-reduction"] == "单位地区生产总值二氧化碳排放降低（所选 2 个设有，永川区为市级下达）"
        lead = page.locator(".cmp-brief + p").inner_text()
        bare = truth.bare_setters("carbon-intensity-reduction")
        assert (f"所选 2 个区县中 2 个设有本指标的目标（其中{truth.names_said(['yongchuan'], 'carbon-intensity-reduction', SAID)}），"
                f"全站共 {len(truth.setters['carbon-intensity-reduction'])} 个区县设有（{count_said(['市级下达'] * len(bare), False)}）") in lead
        assert "永川区为市级下达，原文未写本区数值" in lead
        # a user test's three: the district whose value cannot be read is named in a phrase, not run into it
        page.goto(site_url + "compare/?d=tongliang,jiangjin,yongchuan&m=coal-boiler-phaseout")
        page.wait_for_selector(".cmp-brief tr")
        assert page.evaluate(OPTIONS)["coal-boiler-phaseout"] == "淘汰燃煤锅炉规模（所选 1 个设有：铜梁区的数值无法确定）"
        assert "1 个设有本指标的目标（铜梁区的数值无法确定）" in page.locator(".cmp-brief + p").inner_text()
    finally:
        page.close()


def test_a_themes_target_heading_counts_those_without_a_number(site_url, chromium, truth):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "compare/?d=" + ",".join(FOUR) + "&t=energy")
        page.wait_for_selector(".cmp-col")
        headings = page.evaluate("""() => [...document.querySelectorAll('.cmp-col')].map(col =>
          [...col.querySelectorAll('h3')].map(h => h.textContent).find(t => t.startsWith('量化目标')) || '')""")
        assert any(truth.reasons(d, theme="energy") for d in FOUR)  # the premise
        for slug, heading in zip(FOUR, headings, strict=True):
            reasons = truth.reasons(slug, theme="energy")
            if reasons:
                assert heading.endswith(f"，{count_said(reasons, False)}）"), (slug, heading)
            else:
                assert "其中" not in heading, (slug, heading)
    finally:
        page.close()
