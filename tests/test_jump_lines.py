"""A long overview jumps to a district: a metric page (a chart of up to two bars per district, then
a row per district), a theme overview (a row per district) and a department overview (a matrix row
per district) were 19,159, 12,405 and 5,690 px on a phone at 38 districts, with no way to reach
one's own district but scrolling (a user test: a district official on her phone). Each now has the
documents index's line 「跳到区县（后为…数）：甲山区 5 · 乙山区 5 · …」 at the top once it lists more
than a few districts: every district in the page's order with the count its row shows, linked to
its row. The truth is read from the rows as the page writes them."""
from __future__ import annotations

import html
import re

import pytest

from generator.pipeline import index_data
from generator.synth import synthesize

from .conftest import FIXTURE, ROOT

MANY, FEW = 10, 8  # districts of the synthetic corpora: the line from 9 on (pages.common.JUMP_LINE_FROM)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """The fixture corpus copied into MANY and into FEW synthetic districts, indexed."""
    work = tmp_path_factory.mktemp("jump")
    out = {}
    for n in (MANY, FEW):
        synthesize(FIXTURE, work / str(n), n)
        out[n] = index_data(work / str(n))
    return out


def markdown(page) -> str:
    from generator.render import make_environment, render_page

    return render_page(make_environment(ROOT / "templates"), page.template, page.path, page.context)


def overviews(index) -> dict[str, str]:
    """The Markdown of the three kinds of overview, for a metric, theme and department with rows."""
    from generator.pages.department import department_page
    from generator.pages.metric import metric_page
    from generator.pages.theme import theme_page

    metric = next(m.slug for m in index.metrics if index.relations.targets_by_metric.get(m.slug))
    theme = next(t.slug for t in index.themes if index.relations.distinct_by_theme.get(t.slug))
    department = next(d.slug for d in index.departments if index.relations.distinct_by_department.get(d.slug))
    return {"metric": markdown(metric_page(index, metric)), "theme": markdown(theme_page(index, theme)),
            "department": markdown(department_page(index, department))}


# what each kind's jump line counts, and where its row says that count
COUNTED = {"metric": ("目标", r'<span class="cs-count">(\d+) 个目标'),
           "theme": ("措施", r"\| \[(\d+) 项\]\("),
           "department": ("措施", r"\| \[(\d+)\]\([^)#]*\) \|")}  # 全部: the one count linked to no anchor


def rows(text: str) -> list[tuple[str, str, str]]:
    """(anchor, district name, the count the row shows) of each table row with a district's anchor."""
    out = []
    for line in text.splitlines():
        row = re.match(r'\| <span id="([^"]+)"></span>\[([^\]]+)\]\(', line)
        if row:
            out.append((row.group(1), re.sub(r"（.*）$", "", row.group(2)), line))
    return out


@pytest.mark.parametrize("kind", COUNTED)
def test_a_long_overview_names_each_of_its_districts_with_its_count_and_links_to_its_row(indexes, kind):
    text = overviews(indexes[MANY])[kind]
    counted, count_pattern = COUNTED[kind]
    line = re.search(rf"^跳到区县（后为{counted}数）：(.*)\n\{{: \.cs-pages \}}$", text, re.M)
    assert line, f"no jump line on the {kind} page"
    jumps = re.findall(r"\[([^\]]+)\]\(#([^)]+)\)", line.group(1))
    table = rows(text)
    assert len(table) == MANY
    expected = [(f"{name} {re.search(count_pattern, row).group(1)}", anchor) for anchor, name, row in table]  # type: ignore[union-attr]
    assert [(html.unescape(t), a) for t, a in jumps] == expected
    assert line.start() < text.index(table[0][2])  # above the table (and a metric page's chart)
    if kind == "metric":
        assert line.start() < text.find('<figure class="chart-box">')


@pytest.mark.parametrize("kind", COUNTED)
def test_a_short_overview_has_no_jump_line_above_its_few_rows(indexes, kind):
    text = overviews(indexes[FEW])[kind]
    assert len(rows(text)) == FEW
    assert "跳到区县" not in text


def test_every_row_of_a_department_matrix_has_its_districts_anchor(indexes):
    """The matrix rows had no anchor to jump to; the department page's old per-district-and-theme
    anchors (jiangjin-energy) still find their department × district page through its anchor map,
    whose prefixes (jiangjin-*) take no district's own anchor."""
    from generator.pages.department import anchor_map

    index = indexes[MANY]
    text = overviews(index)["department"]
    slug = next(d.slug for d in index.departments if index.relations.distinct_by_department.get(d.slug))
    anchors = [a for a, _, _ in rows(text)]
    assert anchors == [d.slug for d in index.districts if (slug, d.slug) in index.relations.distinct_by_department_district]
    prefixes = [pair.split("=")[0] for pair in anchor_map(index, slug).split()]
    assert prefixes == [f"{a}-*" for a in anchors]
    assert not any(a.startswith(p[:-1]) for a in anchors for p in prefixes)
