"""A title made from our reading of damaged print ends in 〔识读〕 or 〔识读存疑〕 (index.measure_label).
A department × district page lists such titles before any measure's full text (只看牵头, by theme):
the page says what the marks mean above those lists, and only a page that shows one says it."""
from __future__ import annotations

import re

from generator.index import label_is_read
from generator.pages import department
from generator.pipeline import TEMPLATES, page_list
from generator.render import load_templates, make_environment, render_page

SAID = "标题后的〔识读〕：原文此处印刷受损"
TITLE_LINK = re.compile(r"\[([^\]]*?)\]\(")


def test_a_list_of_read_titles_says_what_the_mark_means_above_it(real_index):
    env = load_templates(make_environment(TEMPLATES))
    said = shown = 0
    for page in page_list(real_index, [department]):
        if page.template != "department_district.md.j2":
            continue
        text = render_page(env, page.template, page.path, page.context)
        lists = text.split("{ #lead-only }", 1)[-1]  # the title lists (and the full text of this part's measures)
        marked = page.context.page_number == 1 and any(label_is_read(t) for t in TITLE_LINK.findall(lists))
        assert (SAID in text) == marked, page.path
        if marked and "{ #lead-only }" in text:
            assert text.index(SAID) < text.index("{ #lead-only }")  # said before the first list
        said += marked
        shown += 1
    assert said >= 3 and said < shown  # the real corpus has such pages (黔江's OCR copy) and others
