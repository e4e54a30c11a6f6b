"""Damaged print on the real built site, in headless Chromium (found reading 黔江区's OCR copy as a
member of the public): a measure showed its printed paragraph and then the whole reading, and a
reader had to compare two paragraphs of 200 characters to find the two words that differ. Then the
damaged words were marked in both, but every paragraph was still printed twice (page 1 of the plan
was about 25 000 px tall on a phone).

Now a quote is shown once, as we read it: each run we read differently is marked (.cs-repaired) and
followed by the printed characters in small type (.cs-printed: 〔原文印作「…」〕, the printed
characters themselves .cs-damaged), and the reason for the reading follows (.reading). The page
explains the marks once, above its items.

Ground truth, independent of the alignment the page uses:
- the quotes come from the YAML (PyYAML's BaseLoader); from the page, both must be recoverable:
  the reading is the text without the printed forms beside it, the printed text is the text with
  each marked reading replaced by the printed characters beside it;
- each quote is shown once: the longest stretch the printed text and the reading share (difflib)
  occurs once in the measure's paragraphs, not once in each of two copies;
- for 黔江's measure m1 the editor's note names the damage by hand: 「才是升」 is an OCR misreading of
  「,提升」, and 「“全覆盖,」 lost its closing quote; the quote joins the text across the page
  number with `…`. So exactly ,提 and ” are marked as read, 才是 shown as printed and the gap said in words.

Run alone with: .venv/bin/python -m pytest tests/test_readings_browser.py
"""
from __future__ import annotations

import difflib
import re

import pytest
import yaml

from tests.conftest import DATA
from tests.test_layout_browser import chromium  # noqa: F401 - this module's own browser

pytestmark = pytest.mark.browser

DOC = "qianjiang-2022-24"

# The paragraphs of a measure (after its heading, before its list of facts), each read two ways:
# `reading` leaves out the printed forms beside the marked runs, `printed` puts each marked run's
# printed characters in its place; `text` is what it shows but the reason for the reading (`note`);
# `repaired`, `damaged` and `beside` are the marked runs, the printed ones and their brackets.
QUOTES_JS = r"""
(id) => {
  const heading = document.getElementById(id);
  const out = [];
  for (let el = heading.nextElementSibling; el && el.tagName === 'P'; el = el.nextElementSibling) {
    let reading = '', printed = '';
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          const t = child.textContent, at = child.parentElement;
          if (at.closest('.reading')) continue;
          if (at.closest('.cs-gap')) printed += '…';  // the quote's gap, said in words
          else if (at.closest('.cs-printed')) { if (at.closest('.cs-damaged')) printed += t.replaceAll('〔夹印文字从略〕', '…'); }
          else if (at.closest('.cs-repaired')) reading += t;
          else { reading += t; printed += t; }
        } else walk(child);
      }
    };
    walk(el);
    const note = el.querySelector('.reading'), bare = el.cloneNode(true);
    bare.querySelectorAll('.reading').forEach(n => n.remove());
    out.push({reading, printed, text: bare.textContent, note: note ? note.textContent : null,
              repaired: [...el.querySelectorAll('.cs-repaired')].map(e => e.textContent),
              damaged: [...el.querySelectorAll('.cs-printed .cs-damaged')].map(e => e.textContent),
              beside: [...el.querySelectorAll('.cs-printed')].map(e => e.textContent)});
  }
  return out;
}
"""


def _document() -> dict:
    return yaml.load((DATA / "documents" / "qianjiang" / f"{DOC}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _measure(doc: str, measure_id: str) -> dict:
    return next(m for m in _document()["measures"] if m["id"] == measure_id)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _shared(printed: str, reading: str) -> str:
    """The longest stretch the printed text and the reading have in common."""
    match = difflib.SequenceMatcher(None, printed, reading, autojunk=False).find_longest_match(0, len(printed), 0, len(reading))
    return printed[match.a:match.a + match.size]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_damaged_words_and_their_reading_are_marked_and_explained(chromium, site_url, scheme):  # noqa: F811
    text = _measure(DOC, "m1")["text"]
    assert set(text) == {"printed", "reading", "note"}  # the premise: m1's text is damaged print with a reading
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + f"documents/{DOC}/1/#m1")
    [shown] = page.evaluate(QUOTES_JS, "m1")  # m1's title is printed undamaged: one paragraph
    # one text, from which both are recovered: the marks and the printed forms change nothing
    assert _squeezed(shown["reading"]) == text["reading"]
    assert _squeezed(shown["printed"]) == text["printed"]
    assert shown["note"] == "〔识读〕" + text["note"]
    # the damage the editor's note names, and nothing else, each printed form beside its reading
    assert shown["repaired"] == [",提", "”"]
    assert shown["damaged"] == ["才是"]  # the gap is said in words, not printed as … (the print has a page number there)
    assert shown["beside"] == ["〔原文印作「才是」〕", "〔原文此处夹印其他文字，从略〕", "〔原文无〕"]
    assert "项目,提〔原文印作「才是」〕升工业" in shown["text"]
    # the marks show in this palette: a wavy line under the printed words, a tint behind the read ones
    style = page.evaluate("""() => {
      const d = getComputedStyle(document.querySelector('#m1 ~ p .cs-damaged'));
      const r = getComputedStyle(document.querySelector('#m1 ~ p .cs-repaired'));
      const b = getComputedStyle(document.querySelector('#m1 ~ p .cs-printed'));
      const p = getComputedStyle(document.querySelector('#m1 ~ p'));
      return [d.textDecorationLine, d.textDecorationStyle, r.backgroundColor, parseFloat(b.fontSize) < parseFloat(p.fontSize)];
    }""")
    assert style[0] == "underline" and style[1] == "wavy", style
    assert style[2] not in ("rgba(0, 0, 0, 0)", "transparent"), style
    assert style[3], "the printed form beside a reading is in smaller type than the text"
    # the page says what the marks mean, above its first item, with the about page's section
    legend = page.locator(".cs-legend")
    assert legend.count() == 1 and legend.is_visible()
    assert "底色" in legend.inner_text() and "原文印作" in legend.inner_text()
    assert legend.locator("a", has_text="识读的说明").get_attribute("href").endswith("about/#readings")
    assert legend.bounding_box()["y"] < page.locator("#m1").bounding_box()["y"]
    context.close()


def test_every_damaged_quote_is_shown_once_with_every_printed_word(chromium, site_url):  # noqa: F811
    """Every measure of the plan, on whichever of its pages it is: its text (and a title with a
    reading) is one paragraph from which the printed text and the reading are both recovered, and
    the stretch they share is on the page once."""
    measures = _document()["measures"]
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    seen: set[str] = set()
    for number in range(1, 8):
        page.goto(site_url + f"documents/{DOC}/{number}/")
        on_page = page.evaluate("() => [...document.querySelectorAll('article h3[id]')].map(h => h.id)")
        for m in measures:
            if m["id"] not in on_page:
                continue
            seen.add(m["id"])
            shown = page.evaluate(QUOTES_JS, m["id"])
            quotes = [q for q in (m.get("title"), m["text"]) if isinstance(q, dict)] + \
                     ([] if isinstance(m["text"], dict) else [{"printed": m["text"], "reading": m["text"]}])
            for q in quotes:
                matches = [s for s in shown if _squeezed(s["reading"]) == _squeezed(q["reading"])
                           and _squeezed(s["printed"]) == _squeezed(q["printed"])]
                assert len(matches) == 1, f"{m['id']}: {q['printed']!r} as read {q['reading']!r} not shown once"
                if q["printed"] != q["reading"]:
                    shared = _squeezed(_shared(q["printed"], q["reading"]))
                    if len(shared) >= 8:
                        block = "".join(s["text"] for s in shown)
                        assert _squeezed(block).count(shared) == 1, f"{m['id']}: {shared!r} shown twice"
    assert seen == {m["id"] for m in measures}
    page.close()


def test_a_theme_page_marks_the_break_in_a_damaged_title_and_explains_it(chromium, site_url):  # noqa: F811
    """黔江's measure 7 on its transport page: the title 打造绿色物…流 is printed across a page break."""
    title = _measure(DOC, "m7")["title"]
    assert title["printed"] == "打造绿色物…流。" and title["reading"] == "打造绿色物流。"  # the premise
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "themes/transport/qianjiang/")
    quote = page.locator("blockquote p", has_text="打造绿色物").first
    assert quote.locator(".cs-printed .cs-damaged").count() == 0 and quote.locator(".cs-gap").count() == 1
    assert quote.inner_text().startswith("打造绿色物〔原文此处夹印其他文字，从略〕流。")
    # explained once, above the first marks on the page (the targets' clauses come before the items)
    assert page.locator(".cs-legend").count() == 1
    first_mark = page.locator(".cs-printed, .cs-repaired").first
    assert page.locator(".cs-legend").bounding_box()["y"] < first_mark.bounding_box()["y"]
    # a page with no damaged print has no legend
    page.goto(site_url + "themes/transport/yongchuan/")
    assert page.locator(".cs-legend").count() == 0
    assert page.locator(".cs-printed").count() == 0
    page.close()


def test_a_document_page_explains_the_marks_in_its_policy_list(chromium, site_url):  # noqa: F811
    """黔江's document page cites 国发(2021)4号 as printed, read 国发〔2021〕4号 (its YAML): the two
    brackets 4 characters apart are one change, shown once with its printed form."""
    number = _document()["policies"][0]["doc_number"]
    assert number["printed"] == "国发(2021)4号" and number["reading"] == "国发〔2021〕4号"  # the premise
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + f"documents/{DOC}/")
    item = page.locator("li", has_text="国发〔2021〕").first
    assert item.locator(".cs-repaired").all_inner_texts() == ["〔2021〕"]
    assert item.locator(".cs-printed .cs-damaged").all_inner_texts() == ["(2021)"]
    assert "国发〔2021〕〔原文印作「(2021)」〕4号" in item.inner_text()
    legend = page.locator(".cs-legend")
    assert legend.count() == 1 and legend.bounding_box()["y"] < item.bounding_box()["y"]
    page.close()
