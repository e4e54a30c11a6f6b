"""Every count, matrix cell and chart value on the comparison pages matches the data,
recomputed here straight from the validated documents (not from the site index)."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from generator.model import printed, reading
from generator.pages import compare, department, metric, theme


def raw_measures(corpus):
    for doc in corpus.documents:
        for m in doc.document.measures:
            yield doc.document, m


def test_coverage_matrix_cells(real_corpus, real_index):
    expected = Counter((doc.district, t) for doc, m in raw_measures(real_corpus) for t in m.themes)
    page = compare.compare_index(real_index).context
    for row in page.rows:
        slug = row.theme.url.page.split("/")[1].removesuffix(".md")
        for district, cell in zip(real_index.districts, row.cells):
            assert cell.count == expected[(district.slug, slug)], (slug, district.slug)


def test_heat_map_shows_the_same_numbers_as_the_table(real_index):
    page = compare.compare_index(real_index).context
    drawn = [int(n) for n in re.findall(r'<text class="heat-n[^>]*>(\d+)</text>', page.heat_svg)]
    assert drawn == [c.count for r in page.rows for c in r.cells]


def test_theme_comparison_counts_and_empty_districts(real_corpus, real_index):
    for t in real_index.themes:
        ctx = theme.theme_page(real_index, t.slug).context
        for col in ctx.columns:
            want = sum(1 for doc, m in raw_measures(real_corpus) if doc.district == col.anchor and t.slug in m.themes)
            assert col.measure_count == want == len(col.measures)


def test_department_matrix_cells(real_corpus, real_index):
    alias = {a: d.slug for d in real_corpus.departments.departments for a in d.aliases}
    for dept in ("fazhan-gaige", "jiaotong", "shengtai-huanjing"):
        ctx = department.department_page(real_index, dept).context
        for row in ctx.rows:
            theme_slug = row.label.url.page.split("/")[1].removesuffix(".md")
            for district, cell in zip(real_index.districts, row.cells):
                roles = Counter()
                for doc, m in raw_measures(real_corpus):
                    if doc.district != district.slug or theme_slug not in m.themes:
                        continue
                    mine = {role for role in ("lead", "support", "joint")
                            for u in getattr(m.responsibility, role) if alias[reading(u)] == dept}
                    if mine:
                        roles[next(r for r in ("lead", "joint", "support") if r in mine)] += 1
                assert (cell.lead, cell.support, cell.joint) == (roles["lead"], roles["support"], roles["joint"])


def test_metric_tables_and_charts(real_corpus, real_index):
    for met in real_index.metrics:
        raw = [(doc, m, t) for doc, m in raw_measures(real_corpus) for t in m.targets if t.metric == met.slug]
        ctx = metric.metric_page(real_index, met.slug).context
        shown = sorted((r.clause.printed, r.municipal, r.value_text) for r in ctx.rows)
        expected = sorted((printed(t.clause), t.set_by_municipality, t.value) for _, _, t in raw)
        assert len(shown) == len(expected)
        for (clause, municipal, text), (want_clause, want_municipal, value) in zip(shown, expected):
            assert (clause, municipal) == (want_clause, want_municipal)
            assert value is None or value in text
        distinct = {(doc.district, t.comparator, Decimal(t.value), t.unit, t.target_year)
                    for doc, _, t in raw if t.value is not None}
        charts = [c for c in ctx.chart_svg.split("</svg>") if c]
        # one chart per unit: never two units on one scale
        assert len(charts) == len({key[3] for key in distinct})
        drawn_all = []
        for chart in charts:
            caption = re.search(r'<text class="chart-unit"[^>]*>([^<（]*)', chart).group(1)
            unit = caption.removeprefix("单位：") if caption != "无单位" else ""
            widths = [int(w) for w in re.findall(r'<rect class="bar" x="\d+" y="\d+" width="(\d+)"', chart)]
            labels = re.findall(r'<text class="bar-value" x="\d+" y="\d+">([^<]*)</text>', chart)
            assert len(widths) == len(labels) == sum(1 for key in distinct if key[3] == unit)
            assert all(label.endswith(unit) for label in labels), (met.slug, unit, labels)
            drawn = [Decimal(re.search(r"\d+(?:\.\d+)?", label).group()) for label in labels]
            drawn_all += drawn
            if max(drawn) > 0:  # each chart is scaled to its own largest value
                assert widths[drawn.index(max(drawn))] == max(widths)
        assert sorted(drawn_all) == sorted(key[2] for key in distinct)


def test_every_pair_of_districts_has_a_page(real_index):
    paths = {p.path for p in compare.pages(real_index)}
    slugs = [d.slug for d in real_index.districts]
    for i, a in enumerate(slugs):
        for b in slugs[i + 1:]:
            assert f"compare/{a}-vs-{b}.md" in paths
