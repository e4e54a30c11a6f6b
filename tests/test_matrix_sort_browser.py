"""The overview matrices sort by a click on their column headers (a user test at 50 districts: an
official looking for the districts whose 发展改革委 leads the most measures had to read 50 rows),
in headless Chromium on the 30-district site test_jump_browser builds:

- the department matrix, the theme table, the metrics index's table of each district's targets and
  the documents index's one table of every document sort on a click, by number on count columns
  (10 after 9, the largest first), by name on the district column, and say so to screen readers
  (aria-sort);
- a metric page's table of 区县 | 目标 sorts too, its 目标 column by the number each row names (the
  value the chart draws; rows without one last whichever way), its headers sort buttons on a phone;
- a header is reached with Tab and sorts with Enter;
- a header that is a link (a theme's name over its column) stays a link;
- on a phone, where the department's rows are cards, the sortable headers stay as a row of sort
  buttons (the theme links are left to the cards) and sort the cards.

Run alone with: .venv/bin/python -m pytest tests/test_matrix_sort_browser.py
"""
from __future__ import annotations

import pytest

from tests.test_jump_browser import DESKTOP, METRIC, PHONE, base, open_page, work  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

# page, the header of a count column, and the table's wrapper
TABLES = (("departments/fazhan-gaige/", "牵头"), ("themes/energy/", "措施"), ("metrics/", "全部"), ("documents/", "条目"))

# the table holding the header named, and that header's column
FIND = """name => {
  for (const table of document.querySelectorAll('.md-content table')) {
    const col = [...table.tHead.rows[0].cells].findIndex(th => th.textContent.trim() === name);
    if (col >= 0) return [[...document.querySelectorAll('.md-content table')].indexOf(table), col];
  }
  return null;
}"""


def column(page, table: int, col: int) -> list[str]:
    return page.evaluate("""([t, c]) => [...document.querySelectorAll('.md-content table')[t].tBodies[0].rows]
                            .map(r => r.cells[c].textContent.trim())""", [table, col])


def give_counts(page, table: int, col: int, counts: list[int]) -> None:
    """The synthetic districts all hold the same documents, so their counts are equal: give the
    column's cells different numbers (what tablesort reads) to see the order it makes."""
    page.evaluate("""([t, c, counts]) => [...document.querySelectorAll('.md-content table')[t].tBodies[0].rows]
                     .forEach((r, i) => { const a = r.cells[c].querySelector('a') || r.cells[c];
                                          a.textContent = counts[i % counts.length] + (a.textContent.includes('项') ? ' 项' : ''); })""",
                  [table, col, counts])


def as_number(text: str) -> int:
    return int(text.split("：")[-1].split()[0])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path, header", TABLES)
def test_a_count_column_sorts_by_number_the_largest_first(chromium, base, path, header, viewport):  # noqa: F811
    context, page = open_page(chromium, base + path, viewport)
    try:
        found = page.evaluate(FIND, header)
        assert found, header
        table, col = found
        give_counts(page, table, col, [9, 10, 100, 2, 31])
        th = page.locator(".md-content table").nth(table).locator("thead th").nth(col)
        assert th.is_visible(), "no sort button on this layout"
        th.click()
        numbers = [as_number(v) for v in column(page, table, col)]
        assert numbers == sorted(numbers, reverse=True) and numbers[0] == 100, numbers[:8]
        assert th.get_attribute("aria-sort") == "descending"
        th.click()
        numbers = [as_number(v) for v in column(page, table, col)]
        assert numbers == sorted(numbers) and th.get_attribute("aria-sort") == "ascending"
        # the district column sorts by name, and the other header is no longer marked
        names = page.locator(".md-content table").nth(table).locator("thead th").first
        names.click()
        assert names.get_attribute("aria-sort") == "ascending" and th.get_attribute("aria-sort") is None
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        context.close()


# the sort key each row of a metric page's table names (data-sort in its 目标 cell), in the rows' order
KEYS = """t => [...document.querySelectorAll('.md-content table')[t].tBodies[0].rows]
          .map(r => r.querySelector('[data-sort]').getAttribute('data-sort'))"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_metric_pages_targets_sort_by_the_value_each_row_names(chromium, base, viewport):  # noqa: F811
    """A metric's 目标 cells read ≥16% with years, units and clauses: the column sorts by the number
    each row names (the synthetic districts' values are equal: given here), the largest first, rows
    without a value (市级下达) last whichever way; the district column sorts by name."""
    context, page = open_page(chromium, base + f"metrics/{METRIC}/", viewport)
    try:
        found = page.evaluate(FIND, "目标")
        assert found
        table, col = found
        given = ["9", "", "10", "100", "2.5", "31"]
        page.evaluate("""([t, given]) => [...document.querySelectorAll('.md-content table')[t].tBodies[0].rows]
                         .forEach((r, i) => r.querySelector('[data-sort]').setAttribute('data-sort', given[i % given.length]))""",
                      [table, given])
        rows = page.evaluate("t => document.querySelectorAll('.md-content table')[t].tBodies[0].rows.length", table)
        th = page.locator(".md-content table").nth(table).locator("thead th").nth(col)
        assert th.is_visible(), "no sort button on this layout"
        th.click()
        keys = page.evaluate(KEYS, table)
        values = [float(k) for k in keys if k]
        assert values == sorted(values, reverse=True) and values[0] == 100 and keys[len(values):] == [""] * (rows - len(values))
        assert th.get_attribute("aria-sort") == "descending"
        th.click()
        keys = page.evaluate(KEYS, table)
        values = [float(k) for k in keys if k]
        assert values == sorted(values) and values[0] == 2.5 and set(keys[len(values):]) == {""}
        assert th.get_attribute("aria-sort") == "ascending"
        names = page.locator(".md-content table").nth(table).locator("thead th").first
        names.click()
        shown = column(page, table, 0)
        assert names.get_attribute("aria-sort") == "ascending" and th.get_attribute("aria-sort") is None
        assert shown == page.evaluate("a => [...a].sort((x, y) => x.localeCompare(y, 'zh-CN'))", shown)
        assert len(set(shown)) == rows  # every district once
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        context.close()


def test_a_header_sorts_from_the_keyboard_and_a_theme_header_stays_a_link(chromium, base):  # noqa: F811
    context, page = open_page(chromium, base + TABLES[0][0], DESKTOP)
    try:
        table, col = page.evaluate(FIND, "牵头")
        give_counts(page, table, col, [3, 12, 7])
        th = page.locator(".md-content table").nth(table).locator("thead th").nth(col)
        th.focus()
        assert page.evaluate("document.activeElement.textContent.trim()") == "牵头"
        page.keyboard.press("Enter")
        assert th.get_attribute("aria-sort") == "descending"
        assert as_number(column(page, table, col)[0]) == 12
        theme = page.locator(".md-content table").nth(table).locator("thead th", has=page.locator("a")).first
        assert theme.get_attribute("tabindex") is None and theme.get_attribute("aria-sort") is None
        href = theme.locator("a").get_attribute("href")
        theme.locator("a").click()
        page.wait_for_url("**/themes/**")
        assert href and "themes/" in href
    finally:
        context.close()


def test_on_a_phone_the_department_cards_keep_only_sort_buttons_above_them(chromium, site_url):
    """The real department matrix (every theme a column) is too wide for a phone: its rows are cards,
    above which the sortable headers stay as buttons; the theme links are left to the cards."""
    context, page = open_page(chromium, site_url + TABLES[0][0], PHONE)
    try:
        assert page.locator(".cs-matrix table[data-cards]").count() == 1
        heads = page.evaluate("""() => [...document.querySelectorAll('.cs-matrix thead th')]
          .filter(th => th.getBoundingClientRect().height > 0).map(th => th.textContent.trim())""")
        assert heads == ["区县", "全部", "牵头", "分工负责", "配合"], heads
        table, col = page.evaluate(FIND, "全部")
        give_counts(page, table, col, [5, 40, 12])
        page.locator(".cs-matrix thead th").nth(col).click()
        assert as_number(column(page, table, col)[0]) == 40
        first = page.locator(".cs-matrix tbody tr").first.bounding_box()
        assert first is not None and first["width"] <= PHONE["width"]
    finally:
        context.close()
