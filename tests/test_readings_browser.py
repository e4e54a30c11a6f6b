"""Damaged print on the real built site, in headless Chromium (found reading 黔江区's OCR copy as a
member of the public): a measure showed its printed paragraph and then the whole reading, and a
reader had to compare two paragraphs of 200 characters to find the two words that differ.

Now the damaged words of the printed text are marked (.cs-damaged), the words read for them in the
reading are marked (.cs-repaired), and the page explains both marks once, above its items.

Ground truth, independent of the alignment the page uses:
- the quotes come from the YAML (PyYAML's BaseLoader), and the marks must not change them: the
  printed paragraph still reads exactly as printed, the reading exactly as read;
- whatever is left unmarked must be the same text on both sides (that is what "unchanged" means);
- for 黔江's measure m1 the editor's note names the damage by hand: 「才是升」 is an OCR misreading of
  「,提升」, and 「“全覆盖,」 lost its closing quote; the quote joins the text across the page
  number with `…`. So exactly 才是 and … are marked as printed, and ,提 and ” as read.

Run alone with: .venv/bin/python -m pytest tests/test_readings_browser.py
"""
from __future__ import annotations

import pytest
import yaml

from tests.conftest import DATA
from tests.test_layout_browser import chromium  # noqa: F401 - this module's own browser

pytestmark = pytest.mark.browser

DOC = "qianjiang-2022-24"

# the printed paragraph and the reading of a measure, each as (text, marked) runs in page order
RUNS_JS = r"""
(id) => {
  const runs = (el, mark) => {
    const out = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) out.push([child.textContent, !!child.parentElement.closest('.' + mark)]);
        else if (!child.classList.contains('reading')) walk(child);
      }
    };
    walk(el);
    return out;
  };
  const heading = document.getElementById(id);
  let p = heading.nextElementSibling;
  while (p && p.tagName !== 'P') p = p.nextElementSibling;
  const reading = p.querySelector('.reading');
  return {printed: runs(p, 'cs-damaged'), reading: runs(reading, 'cs-repaired')};
}
"""


def _measure(doc: str, measure_id: str) -> dict:
    data = yaml.load((DATA / "documents" / "qianjiang" / f"{doc}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return next(m for m in data["measures"] if m["id"] == measure_id)


def _unmarked(runs: list) -> str:
    return "".join(text for text, marked in runs if not marked)


def _marked(runs: list) -> list[str]:
    return [text for text, marked in runs if marked and text]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_damaged_words_and_their_reading_are_marked_and_explained(chromium, site_url, scheme):  # noqa: F811
    text = _measure(DOC, "m1")["text"]
    assert set(text) == {"printed", "reading", "note"}  # the premise: m1's text is damaged print with a reading
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + f"documents/{DOC}/1/#m1")
    runs = page.evaluate(RUNS_JS, "m1")
    printed = "".join(t for t, _ in runs["printed"]).strip()
    reading = "".join(t for t, _ in runs["reading"])
    assert printed == text["printed"]  # the marks change nothing in the quote
    assert reading == "〔识读〕" + text["reading"] + f"〔说明：{text['note']}〕"
    # unmarked means unchanged: the same characters on both sides
    assert _unmarked(runs["printed"]).strip() == _unmarked(runs["reading"]).removeprefix("〔识读〕").removesuffix(f"〔说明：{text['note']}〕")
    # the damage the editor's note names, and nothing else
    assert _marked(runs["printed"]) == ["才是", "…"]
    assert _marked(runs["reading"]) == [",提", "”"]
    # the marks show in this palette: a wavy line under the damaged words, a tint behind the read ones
    style = page.evaluate("""() => {
      const d = getComputedStyle(document.querySelector('#m1 ~ p .cs-damaged'));
      const r = getComputedStyle(document.querySelector('#m1 ~ p .cs-repaired'));
      return [d.textDecorationLine, d.textDecorationStyle, r.backgroundColor];
    }""")
    assert style[0] == "underline" and style[1] == "wavy", style
    assert style[2] not in ("rgba(0, 0, 0, 0)", "transparent"), style
    # the page says what the two marks mean, above its first item
    legend = page.locator(".cs-legend")
    assert legend.count() == 1 and legend.is_visible()
    assert "波浪线" in legend.inner_text() and "底色" in legend.inner_text()
    assert legend.bounding_box()["y"] < page.locator("#m1").bounding_box()["y"]
    context.close()


def test_a_theme_page_marks_the_break_in_a_damaged_title_and_explains_it(chromium, site_url):  # noqa: F811
    """黔江's measure 7 on its transport page: the title 打造绿色物…流 is printed across a page break."""
    title = _measure(DOC, "m7")["title"]
    assert title["printed"] == "打造绿色物…流。" and title["reading"] == "打造绿色物流。"  # the premise
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "themes/transport/qianjiang/")
    quote = page.locator("blockquote p", has_text="打造绿色物").first
    assert quote.locator(".cs-damaged").all_inner_texts() == ["…"]
    assert quote.inner_text().startswith("打造绿色物…流。〔识读：打造绿色物流。〕")
    # explained once, above the first marks on the page (the targets' clauses come before the items)
    assert page.locator(".cs-legend").count() == 1
    first_mark = page.locator(".cs-damaged, .cs-repaired").first
    assert page.locator(".cs-legend").bounding_box()["y"] < first_mark.bounding_box()["y"]
    # a page with no damaged print has no legend
    page.goto(site_url + "themes/transport/yongchuan/")
    assert page.locator(".cs-legend").count() == 0
    assert page.locator(".cs-damaged").count() == 0
    page.close()


def test_a_document_page_explains_the_marks_in_its_policy_list(chromium, site_url):  # noqa: F811
    """黔江's document page cites 国发(2021)4号 as printed, read 国发〔2021〕4号 (its YAML)."""
    data = yaml.load((DATA / "documents" / "qianjiang" / f"{DOC}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    number = data["policies"][0]["doc_number"]
    assert number["printed"] == "国发(2021)4号" and number["reading"] == "国发〔2021〕4号"  # the premise
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + f"documents/{DOC}/")
    item = page.locator("li", has_text="国发(2021)4号").first
    assert item.locator(".cs-damaged").all_inner_texts() == ["(", ")"]
    assert item.locator(".cs-repaired").all_inner_texts() == ["〔", "〕"]
    legend = page.locator(".cs-legend")
    assert legend.count() == 1 and legend.bounding_box()["y"] < item.bounding_box()["y"]
    page.close()
