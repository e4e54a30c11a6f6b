"""A measure's 出处 link in headless Chromium on the real built site (found reading 黔江区's OCR plan:
measure 1's text starts in ¶4 of the source and runs into ¶5, but its link said 原文第 4 段 and
marked ¶4 alone). The link names the paragraphs the text runs over and marks each of them; a link
to one paragraph (#p4, as every earlier link was) still marks that one alone, and an address on a
long text's overview still finds the page that holds the paragraph.

Ground truth from the data: measure m1's printed text, found in the source text's non-empty lines
(the paragraphs the source page numbers).

Run alone with: .venv/bin/python -m pytest tests/test_source_links_browser.py
"""
from __future__ import annotations

import pytest
import yaml

from tests.conftest import DATA
from tests.test_layout_browser import chromium  # noqa: F401 - this module's own browser

pytestmark = pytest.mark.browser

MARKED_JS = """() => [...document.querySelectorAll('p.src')]
  .filter(p => !['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(p).backgroundColor))
  .map(p => p.id)"""


def _paragraphs_of(doc: str, measure_id: str) -> list[int]:
    """The numbers of the source paragraphs that hold some piece of the measure's printed text."""
    data = yaml.load(next((DATA / "documents").glob(f"*/{doc}.yaml")).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    text = next(m["text"] for m in data["measures"] if m["id"] == measure_id)
    pieces = (text["printed"] if isinstance(text, dict) else text).split("…")
    lines = [line.strip() for line in (DATA / "sources" / data["source"]["file"]).read_text(encoding="utf-8").splitlines()
             if line.strip()]
    joined = "\n".join(lines)
    begin = joined.index(pieces[0])
    end = begin + len(pieces[0])
    for piece in pieces[1:]:
        end = joined.index(piece, end) + len(piece)
    first, last = joined.count("\n", 0, begin) + 1, joined.count("\n", 0, end - 1) + 1
    return list(range(first, last + 1))


@pytest.mark.parametrize("width", [390, 1280])
def test_the_source_link_of_a_text_over_two_paragraphs_names_and_marks_both(chromium, site_url, width):  # noqa: F811
    numbers = _paragraphs_of("qianjiang-2022-24", "m1")
    assert len(numbers) == 2  # the premise: m1's text runs from one printed page into the next
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + "documents/qianjiang-2022-24/1/#m1")
    link = page.locator("#m1 ~ ul li", has_text="出处").first.locator("a")
    assert link.inner_text() == f"原文第 {numbers[0]}–{numbers[-1]} 段"
    link.click()
    page.wait_for_url(f"**/sources/qianjiang-2022-24/**#p{numbers[0]}")
    page.wait_for_function(f"() => document.getElementById('p{numbers[-1]}').classList.contains('cs-target')")
    assert page.evaluate(MARKED_JS) == [f"p{n}" for n in numbers]
    # the first of them is in view, below the header
    box = page.locator(f"#p{numbers[0]}").bounding_box()
    assert 0 <= box["y"] < 900
    # a link to one paragraph marks that one alone
    page.goto(site_url + f"sources/qianjiang-2022-24/#p{numbers[-1]}")
    page.wait_for_timeout(300)
    assert page.evaluate(MARKED_JS) == [f"p{numbers[-1]}"]
    page.close()


def test_a_paragraph_range_on_a_long_texts_overview_finds_its_page(chromium, site_url):  # noqa: F811
    """铜梁's source text is shown on several pages; its overview sends #pN (and a range from N) to the
    page that holds ¶N, keeping the range."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "sources/tongliang-2021-climate-plan/2/")
    numbers = page.evaluate("() => [...document.querySelectorAll('p.src')].map(p => +p.id.slice(1))")
    first = numbers[1]
    page.goto(site_url + f"sources/tongliang-2021-climate-plan/?p={first}-{first + 1}#p{first}")
    page.wait_for_url(f"**/sources/tongliang-2021-climate-plan/2/?p={first}-{first + 1}#p{first}")
    page.wait_for_function(f"() => document.getElementById('p{first + 1}').classList.contains('cs-target')")
    assert page.evaluate(MARKED_JS) == [f"p{first}", f"p{first + 1}"]
    page.goto(site_url + f"sources/tongliang-2021-climate-plan/#p{first}")  # an earlier link: one paragraph
    page.wait_for_url(f"**/sources/tongliang-2021-climate-plan/2/#p{first}")
    page.wait_for_timeout(300)
    assert page.evaluate(MARKED_JS) == [f"p{first}"]
    page.close()
