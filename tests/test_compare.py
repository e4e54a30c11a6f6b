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


def raw_counts(corpus) -> Counter:
    return Counter((doc.district, t) for doc, m in raw_measures(corpus) for t in m.themes)


def raw_role(corpus, m, dept: str) -> str | None:
    """The strongest role of a department in a raw measure (lead > joint > support)."""
    alias = {a: d.slug for d in corpus.departments.departments for a in d.aliases}
    mine = {role for role in ("lead", "support", "joint") for u in getattr(m.responsibility, role) if alias[reading(u)] == dept}
    return next((r for r in ("lead", "joint", "support") if r in mine), None)


def test_coverage_table_cells(real_corpus, real_index):
    expected = raw_counts(real_corpus)
    page = compare.pages(real_index)[0].context
    districts = [d.slug for d in real_corpus.districts.districts]
    themes = [t.slug for t in real_corpus.themes.themes]
    assert [r.district.url.page for r in page.rows] == [f"districts/{d}.md" for d in districts]
    for slug, row in zip(districts, page.rows, strict=True):
        assert row.total == sum(len(doc.document.measures) for doc in real_corpus.documents if doc.document.district == slug)
        for theme_slug, cell in zip(themes, row.cells, strict=True):
            want = expected[(slug, theme_slug)]
            assert (int(cell.text) if cell else 0) == want, (slug, theme_slug)
            if cell:
                assert cell.url.page == f"themes/{theme_slug}/{slug}.md"


def test_compare_data_matches_the_documents(real_corpus, real_index):
    import json

    expected = raw_counts(real_corpus)
    files = compare.files(real_index)
    manifest = json.loads(files["compare/data/districts.json"])
    assert [d["slug"] for d in manifest["districts"]] == [d.slug for d in real_corpus.districts.districts]
    for d in real_corpus.districts.districts:
        data = json.loads(files[f"compare/data/{d.slug}.json"])
        shown = {t: v["count"] for t, v in data["themes"].items()}
        assert shown == {t: n for (dist, t), n in expected.items() if dist == d.slug and n}
        for v in data["themes"].values():
            assert len(v["items"]) == v["count"]
        raw_targets = Counter(t.metric for doc, m in raw_measures(real_corpus) if doc.district == d.slug for t in m.targets)
        assert {k: len(v) for k, v in data["metrics"].items()} == dict(raw_targets)


def test_theme_overview_and_district_pages(real_corpus, real_index):
    expected = raw_counts(real_corpus)
    metric_themes = {m.slug: set(m.themes) for m in real_corpus.metrics.metrics}
    for t in real_index.themes:
        ctx = theme.theme_page(real_index, t.slug).context
        listed = {r.anchor: r.measure_count for r in ctx.rows}
        assert listed == {d: n for (d, th), n in expected.items() if th == t.slug and n}
        assert {link.url.page for link in ctx.districts_without} == {
            f"districts/{d.slug}.md" for d in real_corpus.districts.districts if not expected[(d.slug, t.slug)]}
        for district in listed:
            pages = [p.context for p in theme.theme_district_pages(real_index, t.slug, district)]
            page = pages[0]
            assert sum(len(p.measures) for p in pages) == page.measure_count == listed[district]
            # a target is listed under a theme only when its metric belongs to the theme
            want = sorted(printed(tg.clause) for doc, m in raw_measures(real_corpus) if doc.district == district
                          for tg in m.targets if t.slug in metric_themes[tg.metric])
            assert sorted(tv.clause.printed for tv in page.targets) == want


def test_department_matrix_and_district_pages(real_corpus, real_index):
    theme_names = {t.name: t.slug for t in real_corpus.themes.themes}
    for dept in ("fazhan-gaige", "jiaotong", "shengtai-huanjing"):
        ctx = department.department_page(real_index, dept).context
        for row in ctx.rows:
            district = row.district.url.page.split("/")[1].removesuffix(".md")
            mine = [m for doc, m in raw_measures(real_corpus) if doc.district == district and raw_role(real_corpus, m, dept)]
            for name, cell in zip(ctx.themes, row.cells, strict=True):
                roles = Counter(raw_role(real_corpus, m, dept) for m in mine if theme_names[name] in m.themes)
                assert (cell.lead, cell.support, cell.joint) == (roles["lead"], roles["support"], roles["joint"])
            pages = [p.context for p in department.department_district_pages(real_index, dept, district)]
            shown = Counter()
            for page in pages:
                for g in page.groups:
                    shown[g.anchor] += len(g.measures)
            order = [g.anchor for page in pages for g in page.groups]
            roles = Counter(raw_role(real_corpus, m, dept) for m in mine)
            assert shown == +roles
            assert sorted(order, key=("lead", "joint", "support").index) == order  # lead first


def test_metric_tables_and_charts(real_corpus, real_index):
    for met in real_index.metrics:
        raw = [(doc, m, t) for doc, m in raw_measures(real_corpus) for t in m.targets if t.metric == met.slug]
        ctx = metric.metric_page(real_index, met.slug).context
        shown = sorted((r.measure.url.anchor, r.municipal, r.value_text) for r in ctx.rows)
        expected = sorted((m.id, t.set_by_municipality, t.value or "") for _, m, t in raw)
        assert len(shown) == len(expected)
        for (anchor, municipal, text), (want_anchor, want_municipal, value) in zip(shown, expected, strict=True):
            assert (anchor, municipal) == (want_anchor, want_municipal)
            assert value in text
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


def test_no_page_per_pair_of_districts(real_index):
    from generator.pipeline import render_tree
    from tests.conftest import ROOT

    paths = [rel for rel, _ in render_tree(real_index, ROOT / "content").items()]
    assert not [p for p in paths if "-vs-" in p]
