"""Every count, matrix cell and chart value on the comparison pages matches the data,
recomputed here straight from the validated documents (not from the site index).

Counts are of distinct measures: a main-text measure together with the table rows whose
``implements`` names it is one measure; a row that implements nothing is one of its own.
Targets count once per district, metric, value, unit and year."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from decimal import Decimal

from generator.index import theme_district_url, theme_url
from generator.model import printed, reading
from generator.pages import compare, department, metric, theme


def raw_measures(corpus):
    for doc in corpus.documents:
        for m in doc.document.measures:
            yield doc.document, m


def raw_groups(corpus):
    """(document, [main-text measure or unlinked row, *rows that implement it]) in printed order."""
    for doc in corpus.documents:
        rows_of = defaultdict(list)
        for m in doc.document.measures:
            for target in m.implements:
                rows_of[target].append(m)
        for m in doc.document.measures:
            if not m.implements:
                yield doc.document, [m] + rows_of[m.id]


def group_themes(group) -> set[str]:
    return {t for m in group for t in m.themes}


def raw_counts(corpus) -> Counter:
    return Counter((doc.district, t) for doc, group in raw_groups(corpus) for t in group_themes(group))


def raw_role(corpus, group, dept: str) -> str | None:
    """The strongest role of a department in a measure and its rows (lead > joint > support)."""
    alias = {a: d.slug for d in corpus.departments.departments for a in d.aliases}
    mine = {role for m in group for role in ("lead", "support", "joint")
            for u in getattr(m.responsibility, role) if alias[reading(u)] == dept}
    return next((r for r in ("lead", "joint", "support") if r in mine), None)


def target_key(district: str, t) -> tuple:
    return (district, t.metric, t.value, t.set_by_municipality, t.unit, t.target_year)


def raw_targets(corpus) -> dict[tuple, list]:
    """Distinct targets: key → the printed statements, each as (document, measure, target). Equal
    targets of one item stay apart: the n-th of them is the same target as the n-th equal one of
    another item (an item never restates its own target)."""
    out: dict[tuple, list] = defaultdict(list)
    for doc, m in raw_measures(corpus):
        in_item: Counter = Counter()
        for t in m.targets:
            key = target_key(doc.district, t)
            out[key + (in_item[key],)].append((doc, m, t))
            in_item[key] += 1
    return out


def first_statement(statements: list) -> tuple:
    """The statement a distinct target is named by: the first in the main text, else the first row."""
    return next((s for s in statements if s[1].kind.value in ("goal", "measure", "safeguard")), statements[0])


def test_coverage_table_cells(real_corpus, real_index):
    expected = raw_counts(real_corpus)
    page = compare.pages(real_index)[0].context
    districts = [d.slug for d in real_corpus.districts.districts]
    themes = [t.slug for t in real_corpus.themes.themes]
    assert [r.district.url.page for r in page.rows] == [f"districts/{d}.md" for d in districts]
    for slug, row in zip(districts, page.rows, strict=True):
        assert row.total == sum(1 for doc, _ in raw_groups(real_corpus) if doc.district == slug)
        for theme_slug, cell in zip(themes, row.cells, strict=True):
            want = expected[(slug, theme_slug)]
            assert (int(cell.text) if cell else 0) == want, (slug, theme_slug)
            if cell:
                assert cell.url.page == f"themes/{theme_slug}/{slug}.md"


def test_compare_data_matches_the_documents(real_corpus, real_index):
    import json

    expected = raw_counts(real_corpus)
    targets = raw_targets(real_corpus)
    metric_themes = {m.slug: set(m.themes) for m in real_corpus.metrics.metrics}
    files = compare.files(real_index)
    manifest = json.loads(files["compare/data/districts.json"])
    assert [d["slug"] for d in manifest["districts"]] == [d.slug for d in real_corpus.districts.districts]
    for d in real_corpus.districts.districts:
        data = json.loads(files[f"compare/data/{d.slug}.json"])
        shown = {t: v["count"] for t, v in data["themes"].items()}
        assert shown == {t: n for (dist, t), n in expected.items() if dist == d.slug and n}
        assert data["total"] == sum(1 for doc, _ in raw_groups(real_corpus) if doc.district == d.slug)
        for t, v in data["themes"].items():
            assert len(v["items"]) == v["count"]
            want = [group for doc, group in raw_groups(real_corpus) if doc.district == d.slug and t in group_themes(group)]
            assert [i["rows"] for i in v["items"]] == [len(group) - 1 for group in want]
            assert len(v["targets"]) == sum(1 for key in targets if key[0] == d.slug and t in metric_themes[key[1]])
        per_metric = Counter(key[1] for key in targets if key[0] == d.slug)
        assert {k: len(v) for k, v in data["metrics"].items()} == dict(per_metric)
        also = sorted(len(v) - 1 for key, v in targets.items() if key[0] == d.slug)
        assert sorted(t["also"] for v in data["metrics"].values() for t in v) == also
        # a district's draft documents and each target stated in a draft are marked as such, and as
        # 定稿已印发 where the final version of the draft was found (consultation.final)
        def tag(doc) -> str:
            if doc.status.value != "征求意见稿":
                return ""
            return "征求意见稿·定稿已印发" if doc.consultation and doc.consultation.final else "征求意见稿"

        docs = {doc.id: doc for doc, _ in raw_measures(real_corpus) if doc.district == d.slug}
        tags = [tag(doc) for doc in docs.values()]
        finals = [doc for doc in docs.values() if tag(doc).endswith("定稿已印发")]
        note = "" if not any(tags) else "征求意见稿" if all(tags) else "含征求意见稿"
        assert data["draft"] == note + ("·定稿已印发" if finals and len(finals) == sum(map(bool, tags)) else "")
        assert [f["final"] for f in data["finals"]] == [doc.consultation.final.url for doc in finals]
        drafted = sorted(tag(first_statement(v)[0]) for key, v in targets.items() if key[0] == d.slug)
        assert sorted(t["draft"] for v in data["metrics"].values() for t in v) == drafted


def test_compare_names_lead_joint_and_support_units_apart(real_corpus, real_index):
    """牵头, 分工负责 and 配合 are different roles: a measure's units of each role (its rows' too) are
    listed under their own label, as the documents print them (黔江区's plan assigns 分工负责 only)."""
    import json

    files = compare.files(real_index)
    seen = Counter()
    for d in real_corpus.districts.districts:
        data = json.loads(files[f"compare/data/{d.slug}.json"])
        want = {}
        for doc, group in raw_groups(real_corpus):
            if doc.district == d.slug:
                want[group[0].id, doc.id] = {role: list(dict.fromkeys(reading(u) for m in group for u in getattr(m.responsibility, role)))
                                             for role in ("lead", "joint", "support")}
        by_label = {}
        for doc, group in raw_groups(real_corpus):
            if doc.district == d.slug:
                by_label.setdefault(group[0].id, []).append(want[group[0].id, doc.id])
        for v in data["themes"].values():
            for item in v["items"]:
                anchor = item["url"].rsplit("#", 1)[1]
                assert {role: item[role] for role in ("lead", "joint", "support")} in by_label[anchor], item
                for role in ("lead", "joint", "support"):
                    seen[role] += bool(item[role])
    assert seen["lead"] and seen["joint"] and seen["support"]


def test_compare_says_the_units_of_an_item_whose_main_text_names_none_are_its_table_rows(real_corpus, real_index):
    """A user test of /compare/?d=tongliang,jiangjin&t=energy&q=光伏: 铜梁's 大力发展非化石能源 listed the
    lead units of its five rows after a bare 牵头：, as if its main text named them. From the YAML: an
    item whose main text names no unit and whose rows name some names its roles 牵头（据附表2第 56、57 行）…, as
    the pages and the search do; any other item names them as every page does (manifest.roles)."""
    import json

    files = compare.files(real_index)
    assert json.loads(files["compare/data/districts.json"])["roles"] == {"lead": "牵头", "support": "配合", "joint": "分工负责"}
    seen = Counter()
    for d in real_corpus.districts.districts:
        data = json.loads(files[f"compare/data/{d.slug}.json"])
        from_rows = {}
        for doc, group in raw_groups(real_corpus):
            if doc.district == d.slug:
                main, rows = group[0], group[1:]
                own = any(getattr(main.responsibility, role) for role in ("lead", "support", "joint"))
                from_rows[doc.id, main.id] = [r.number for r in rows] if not own and rows else None
        short = {doc.document.short_title: doc.document.id for doc in real_corpus.documents}
        for v in data["themes"].values():
            for item in v["items"]:
                key = short[item["document"]], item["url"].rsplit("#", 1)[1]
                numbers = from_rows[key]
                if numbers is not None:
                    # the rows named by table and number (牵头（据附表2第 56、57 行）), each row once, in order
                    names = item["role_names"]
                    assert set(names) == {"lead", "support", "joint"}, item
                    for role, label in (("lead", "牵头"), ("support", "配合"), ("joint", "分工负责")):
                        said = re.fullmatch(label + r"（据(.*)）", names[role])
                        assert said, item
                        printed = [n for part in re.findall(r"第 (.*?) 行", said.group(1)) for n in part.split("、")]
                        assert list(dict.fromkeys(printed)) == list(dict.fromkeys(numbers)), item
                else:
                    assert "role_names" not in item, item
                seen[numbers is not None] += 1
    assert seen[True] and seen[False], seen  # 铜梁's and 黔江's main text; every other item


def test_the_metric_choice_offers_the_metrics_set_by_the_most_districts_first(real_corpus, real_index):
    import json

    setters = Counter(metric for district, metric in {(key[0], key[1]) for key in raw_targets(real_corpus)})
    offered = json.loads(compare.files(real_index)["compare/data/districts.json"])["metrics"]
    assert {m["slug"]: m["districts"] for m in offered} == dict(setters)
    counts = [m["districts"] for m in offered]
    assert counts == sorted(counts, reverse=True) and counts[0] == len(real_corpus.districts.districts)


def test_theme_overview_and_district_pages(real_corpus, real_index):
    expected = raw_counts(real_corpus)
    metric_themes = {m.slug: set(m.themes) for m in real_corpus.metrics.metrics}
    for t in real_index.themes:
        ctx = theme.theme_page(real_index, t.slug).context
        # as the build makes them (one ranking per district for both pages, theme.theme_leads): a row
        # names the three departments that lead most of its measures, its page the first eight
        built = {p.path: p.context for p in theme.pages(real_index, real_index.themes.index(t))}
        cells = real_index.relations.distinct_by_district_theme
        assert built[theme_url(t.slug).page] == ctx
        for r in ctx.rows:
            assert r.lead_departments == theme.lead_departments(real_index, cells[(r.anchor, t.slug)], r.anchor, 3, t.slug)
            assert built[theme_district_url(t.slug, r.anchor).page].lead_departments == theme.lead_departments(
                real_index, cells[(r.anchor, t.slug)], r.anchor, 8, t.slug)
        listed = {r.anchor: r.measure_count for r in ctx.rows}
        assert listed == {d: n for (d, th), n in expected.items() if th == t.slug and n}
        assert {link.url.page for link in ctx.districts_without} == {
            f"districts/{d.slug}.md" for d in real_corpus.districts.districts if not expected[(d.slug, t.slug)]}
        for district in listed:
            pages = [p.context for p in theme.theme_district_pages(real_index, t.slug, district)]
            page = pages[0]
            assert sum(len(p.measures) for p in pages) == page.measure_count == listed[district]
            # a target is listed under a theme only when its metric belongs to the theme, and once
            want = sorted(printed(first_statement(statements)[2].clause) for key, statements in raw_targets(real_corpus).items()
                          if key[0] == district and t.slug in metric_themes[key[1]])
            assert sorted(tv.clause.printed for tv in page.targets) == want
            assert page.targets == () or sum(len(tv.sources) for tv in page.targets) >= len(page.targets)


def test_department_matrix_and_district_pages(real_corpus, real_index):
    theme_names = {t.name: t.slug for t in real_corpus.themes.themes}
    for dept in ("fazhan-gaige", "jiaotong", "shengtai-huanjing"):
        ctx = department.department_page(real_index, dept).context
        for row in ctx.rows:
            district = row.district.url.page.split("/")[1].removesuffix(".md")
            mine = [g for doc, g in raw_groups(real_corpus) if doc.district == district and raw_role(real_corpus, g, dept)]
            pages = [p.context for p in department.department_district_pages(real_index, dept, district)]
            lists = {g.anchor: g for g in pages[0].themes}
            for header, cell in zip(ctx.themes, row.cells, strict=True):
                slug = theme_names[header.text]
                assert header.url.page == f"themes/{slug}.md"  # a theme's column heading leads to its page
                roles = Counter(raw_role(real_corpus, g, dept) for g in mine if slug in group_themes(g))
                assert (cell.counts.lead, cell.counts.support, cell.counts.joint) == (roles["lead"], roles["support"], roles["joint"])
                if not roles:
                    assert cell.link is None and f"{district}-{slug}" not in lists
                    continue
                # the count (lead/all) leads to the list of exactly those measures, on the first page
                assert cell.link.text == f"{roles['lead']}/{roles.total()}"
                assert (cell.link.url.page, cell.link.url.anchor) == (f"departments/{dept}/{district}.md", f"{district}-{slug}")
                listed = lists[cell.link.url.anchor]
                assert listed.theme.text == header.text and listed.everyone.url.page == f"themes/{slug}/{district}.md"
                want = sorted(((doc.id, g[0].id), raw_role(real_corpus, g, dept)) for doc, g in raw_groups(real_corpus)
                              if doc.district == district and slug in group_themes(g) and raw_role(real_corpus, g, dept))
                got = [((v.link.url.page.split("/")[1].removesuffix(".md"), v.link.url.anchor), v.role)
                       for d in listed.documents for v in d.measures]
                labels = {"牵头": "lead", "分工负责": "joint", "配合": "support"}
                assert sorted((key, labels[role]) for key, role in got) == want
                for d in listed.documents:  # under its own document, strongest role first
                    assert all(v.link.url.page.split("/")[1].removesuffix(".md") == d.document.url.page.split("/")[1].removesuffix(".md")
                               for v in d.measures)
                    order = [labels[v.role] for v in d.measures]
                    assert order == sorted(order, key=("lead", "joint", "support").index)
            assert set(lists) == {f"{district}-{theme_names[h.text]}" for h, c in zip(ctx.themes, row.cells, strict=True) if c.link}
            assert all(p.themes == () for p in pages[1:])
            shown = Counter()
            for page in pages:
                for g in page.groups:
                    shown[g.anchor] += len(g.measures)
            order = [g.anchor for page in pages for g in page.groups]
            roles = Counter(raw_role(real_corpus, g, dept) for g in mine)
            assert shown == +roles
            assert sorted(order, key=("lead", "joint", "support").index) == order  # lead first
            assert (row.total.lead, row.total.support, row.total.joint) == (roles["lead"], roles["support"], roles["joint"])
            # the lead-only list: every measure it leads, once, before the full texts
            want = [(doc.id, g[0].id) for doc, g in raw_groups(real_corpus) if doc.district == district
                    and raw_role(real_corpus, g, dept) == "lead"]
            assert [(v.link.url.page.split("/")[1].removesuffix(".md"), v.link.url.anchor) for g in pages[0].leads for v in g.measures] == want
            assert all(v.link.url.page.split("/")[1].removesuffix(".md") == g.document.url.page.split("/")[1].removesuffix(".md")
                       for g in pages[0].leads for v in g.measures)  # each under its own document


def test_metric_tables_and_charts(real_corpus, real_index):
    order = [d.slug for d in real_corpus.districts.districts]
    for met in real_index.metrics:
        ctx = metric.metric_page(real_index, met.slug).context
        targets = {key: v for key, v in raw_targets(real_corpus).items() if key[1] == met.slug}
        assert ctx.target_count == len(targets)
        # one row per district that sets the metric, in registry order, with its printed statements
        setters = sorted({key[0] for key in targets}, key=order.index)
        assert [r.district.url.page for r in ctx.rows] == [f"districts/{d}.md" for d in setters]
        for d, row in zip(setters, ctx.rows, strict=True):
            mine = [v for key, v in targets.items() if key[0] == d]
            assert row.statements == sum(len(v) for v in mine)
            assert sum(c.alike for c in row.targets) == len(mine)
            # every distinct target links to the item that states it first (main text before tables)
            linked = {(u.page.split("/")[1].removesuffix(".md"), u.anchor) for c in row.targets for u in (c.url, *c.more)}
            assert linked == {(first_statement(v)[0].id, first_statement(v)[1].id) for v in mine}
        # one bar per district, unit and year, drawn to the largest value there
        bars: dict[tuple, Decimal] = {}
        for key, v in targets.items():
            t = first_statement(v)[2]
            if t.value is not None:
                k = (key[0], t.unit, t.target_year)
                bars[k] = max(bars.get(k, Decimal(t.value)), Decimal(t.value))
        charts = [c for c in ctx.chart_svg.split("</svg>") if c]
        # one chart per unit and year: never two units on one scale; the charts of one unit share
        # its scale, so that a longer bar means a larger value in any of them
        drawn: dict[str, list[tuple[Decimal, int]]] = {}  # unit: (value, width) of each bar
        seen = []
        for chart in charts:
            caption = re.search(r'<text class="chart-unit"[^>]*>([^<]*)</text>', chart).group(1)
            year_text, unit_text = caption.split(" · ")
            unit = unit_text.removeprefix("单位：") if unit_text != "无单位" else ""
            year = int(year_text.removesuffix("年")) if year_text != "未写明目标年" else None
            seen.append((unit, year))
            widths = [int(w) for w in re.findall(r'<rect class="bar" x="\d+" y="\d+" width="(\d+)"', chart)]
            # right of its bar, or, too long for that, beside the district's name or on a line of its own
            labels = re.findall(r'class="bar-value"[^>]*>([^<]*)<', chart)
            # a water-quality class reads as printed (Ⅳ类或更优): its number is the numeral's
            labels = [re.sub("[ⅠⅡⅢⅣⅤ]", lambda c: str("ⅠⅡⅢⅣⅤ".index(c.group(0)) + 1), lb) for lb in labels]
            mine = [value for k, value in bars.items() if k[1:] == (unit, year)]
            assert len(widths) == len(labels) == len(mine), (met.slug, unit, year)
            assert all(unit in label for label in labels), (met.slug, unit, labels)
            values = [Decimal(re.findall(r"\d+(?:\.\d+)?", lb)[-2 if "个目标" in lb else 0]) for lb in labels]
            assert sorted(values) == sorted(mine), (met.slug, unit, year)
            drawn.setdefault(unit, []).extend(zip(values, widths, strict=True))
        assert sorted(seen, key=str) == sorted({k[1:] for k in bars}, key=str) and len(seen) == len(set(seen))
        for unit, pairs in drawn.items():
            pairs.sort()
            assert [w for _, w in pairs] == sorted(w for _, w in pairs), (met.slug, unit)  # one scale
            if pairs[-1][0] > 0:  # the unit's largest value fills the plot
                assert pairs[-1][1] == max(w for _, w in pairs)


def test_no_page_per_pair_of_districts(real_index):
    from generator.pipeline import render_tree
    from tests.conftest import ROOT

    paths = [rel for rel, _ in render_tree(real_index, ROOT / "content").items()]
    assert not [p for p in paths if "-vs-" in p]


def test_compare_texts_are_apart_each_measures_text_once_as_read(real_index):
    """The keyword box's texts are in a file per district of their own (compare/data/texts/), which
    the view fetches only when a keyword is in effect; the district's file has none. One entry per
    distinct measure (not per theme it belongs to), keyed by the url its items carry, in printed
    order, as read where the print is damaged (with the rows that carry it out); the files are the
    same bytes on every build."""
    import json

    from generator.model import Reading

    files = compare.files(real_index)
    assert files == compare.files(real_index)
    assert set(files) == {"compare/data/districts.json", "compare/data/texts/index.json", "compare/data/units/index.json"} | {
        f"compare/data/{d.slug}.json" for d in real_index.districts} | {f"compare/data/texts/{d.slug}.json" for d in real_index.districts} | {
        f"compare/data/units/{d.slug}.json" for d in real_index.districts}
    damaged = 0
    for d in real_index.districts:
        data = json.loads(files[f"compare/data/{d.slug}.json"])
        # no texts (undivided: only a district whose documents do not divide 牵头 from 配合; gaps: the
        # measures of each theme it lacks, for the filter 只看…没有相似措施的, tests/test_compare_gaps.py)
        assert set(data) - {"undivided"} == {"slug", "name", "region", "draft", "finals", "total", "themes", "metrics", "gaps"}
        raw = files[f"compare/data/texts/{d.slug}.json"].decode("utf-8")
        texts = json.loads(raw)
        measures = real_index.relations.distinct_by_district.get(d.slug, ())
        assert list(texts) == [dm.measure.url.site_path for dm in measures]
        assert len(texts) == data["total"]
        item_urls = {i["url"] for v in data["themes"].values() for i in v["items"]}
        assert item_urls == set(texts)
        # no text repeated per theme (cp, goal, near: what the filter 只看…没有相似措施的 reads)
        assert all(set(i) - {"role_names", "cp", "goal", "near"} == {"label", "url", "kind", "lead", "joint", "support", "rows", "document"}
                   for v in data["themes"].values() for i in v["items"])
        for dm in measures:
            text = texts[dm.measure.url.site_path]
            assert raw.count(json.dumps(text, ensure_ascii=False)) == 1
            for entry in (dm.measure, *dm.rows):
                m = entry.measure
                assert reading(m.text) in text and (m.title is None or reading(m.title) in text)
                if isinstance(m.text, Reading) and printed(m.text) not in reading(m.text):
                    damaged += 1
                    assert printed(m.text) not in text.split("\n"), entry.key
    assert damaged > 10


def test_the_keyword_box_looks_for_what_the_site_search_looks_for(real_index):
    """A word typed in the compare view's keyword box also looks for the other words of its groups,
    the very words the site search names for it (充电桩: 充电设施, 充电基础设施 …; 发改委: 发展改革委):
    compare/data/texts/index.json, fetched with the texts, holds for every term the search expands
    its ``shown`` words, read here from the search's own files, and nothing else."""
    import json

    from generator.search import search_files
    from generator.search.normalise import normalize

    search = search_files(real_index)
    prefix = json.loads(search["search/manifest.json"])["expandPrefix"]
    expanded = {key.removeprefix(prefix): value for name, raw in search.items() if re.fullmatch(r"search/p-\d+\.json", name)
                for key, value in json.loads(raw).items() if key.startswith(prefix)}
    files = compare.files(real_index)
    words = json.loads(files["compare/data/texts/index.json"])
    # the words as the result page names them (printed: 充（换）电), each normalising to the word it matches
    assert words == {term: value.get("printed", value["shown"]) for term, value in expanded.items()}
    assert {term: [normalize(w) for w in also] for term, also in words.items()} == {term: value["shown"] for term, value in expanded.items()}
    assert "充（换）电" in words["充电桩"] and "充(换)电" not in words["充电桩"]
    assert list(words) == sorted(words)  # the same bytes on every build
    assert {"充电设施", "充电基础设施", "充换电", "充电、换电"} <= set(words["充电桩"])
    assert "发展改革委" in words["发改委"] and "太阳能" in words["光伏"] and "碳捕集" in words["ccus"]
    assert all(term == normalize(term) for term in words)
    # apart from the manifest, which every view loads
    assert set(json.loads(files["compare/data/districts.json"])) == {"most", "definitions", "districts", "themes", "metrics", "roles", "roleWords"}


def test_compare_targets_carry_their_printed_clause_and_document(real_index):
    """Each target of the compare data carries the printed words it rests on (its clause, whole when
    short, else printed pieces joined by ……, the value among them where it is printed) and its
    document's short title, as the raw YAML has them: the view tells a district's several targets of
    one metric apart by them."""
    import json
    from pathlib import Path

    import yaml

    from tests.conftest import DATA

    raw: dict[tuple[str, str], list[tuple[str, str, object]]] = defaultdict(list)
    for path in sorted(Path(DATA, "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for m in doc["measures"]:
            for t in m.get("targets") or []:
                clause = t["clause"]["printed"] if isinstance(t["clause"], dict) else t["clause"]
                raw[(doc["district"], t["metric"])].append((doc["short_title"], " ".join(clause.split()), t.get("value")))
    files = compare.files(real_index)
    seen = 0
    for d in real_index.districts:
        data = json.loads(files[f"compare/data/{d.slug}.json"])
        for metric_slug, targets in data["metrics"].items():
            for t in targets:
                mine = [(c, v) for title, c, v in raw[(d.slug, metric_slug)] if title == t["document"]]
                assert mine, (d.slug, metric_slug, t["document"])
                if not t["clause"]:
                    continue
                seen += 1
                pieces = [p.strip("…") for p in t["clause"].split("……") if p.strip("…")]
                assert len(t["clause"]) <= 30 + 2 * len("……"), t["clause"]
                assert any(all(p in c for p in pieces) for c, _ in mine), (d.slug, metric_slug, t["clause"])
    assert seen > 50


def test_the_keyword_boxs_units_of_a_measure_carried_out_by_rows_are_each_rows(real_index):
    """A measure whose main text names no unit, carried out by two or more table rows, has per row its
    text parts and units by role (units/<slug>.json ``rows``), read here from the raw YAML: 铜梁's
    大力发展非化石能源 (c3-3-1), whose 光伏 row the 发展改革委 does not lead. Every unit name of the
    site is held by a name of units/index.json, which the box tells unit words by."""
    import json
    import unicodedata

    import yaml

    from tests.conftest import DATA

    def light(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).lower().split())

    def forms(q) -> list[str]:
        return [q["printed"], q["reading"]] if isinstance(q, dict) else [str(q)]

    files = compare.files(real_index)
    doc = yaml.safe_load((DATA / "documents/tongliang/tongliang-2021-climate-plan.yaml").read_text(encoding="utf-8"))
    rows = [m for m in doc["measures"] if "c3-3-1" in (m.get("implements") or [])]
    assert len(rows) >= 2
    units = json.loads(files["compare/data/units/tongliang.json"])
    item = next(v for k, v in units.items() if k.endswith("#c3-3-1"))
    texts = json.loads(files["compare/data/texts/tongliang.json"])
    parts = next(v for k, v in texts.items() if k.endswith("#c3-3-1")).split("\n")
    assert len(item["rows"]) == len(rows)
    for row, data in zip(rows, item["rows"], strict=True):
        assert light(forms(row["text"])[-1]) in light("".join(parts[i] for i in data["p"]))
        for role in ("lead", "support", "joint"):
            mine = {light(item[role][i]) for i in data.get(role, [])}
            printed_units = [light(f) for u in (row.get("responsibility") or {}).get(role) or [] for f in forms(u)]
            assert set(printed_units) <= mine, (row["id"], role)
    solar = [data for row, data in zip(rows, item["rows"], strict=True) if "光伏" in forms(row["text"])[-1]]
    assert solar and not any("发展改革委" in item["lead"][i] for data in solar for i in data.get("lead", []))
    site = [light(n) for n in json.loads(files["compare/data/units/index.json"])]
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        for m in yaml.safe_load(path.read_text(encoding="utf-8"))["measures"]:
            for role in ("lead", "support", "joint"):
                for u in (m.get("responsibility") or {}).get(role) or []:
                    assert all(any(light(f) in n for n in site) for f in forms(u)), u


def test_compare_targets_give_their_years_and_doubt_as_fields(real_index):
    """Each target of the compare data gives its target year, base year and whether it is doubted as
    fields of their own (`year`, `base`, `doubted`), so that the view never reads them out of the texts
    it shows (`period`, `value`); checked against the raw YAML's statements of the district and metric."""
    import json
    from pathlib import Path

    import yaml

    from tests.conftest import DATA

    raw: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for path in sorted(Path(DATA, "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for m in doc["measures"]:
            for t in m.get("targets") or []:
                raw[(doc["district"], t["metric"])].append(t)
    files = compare.files(real_index)
    assert json.loads(files["compare/data/districts.json"])["definitions"]["noYear"] == "未写明年份"
    doubted = 0
    for d in real_index.districts:
        data = json.loads(files[f"compare/data/{d.slug}.json"])
        for metric_slug, targets in data["metrics"].items():
            for t in targets:
                years = {(s.get("target_year"), s.get("base_year")) for s in raw[(d.slug, metric_slug)]}
                assert (t["year"], t["base"]) in years, (d.slug, metric_slug, t)
                assert t["doubted"] is bool(t["doubt"])
                doubted += t["doubted"]
    assert doubted >= 3
    energy = json.loads(files["compare/data/tongliang.json"])["metrics"]["energy-intensity-reduction"]
    assert [(t["year"], t["base"], t["doubted"]) for t in energy] == [(2025, 2020, True), (None, None, False)]
