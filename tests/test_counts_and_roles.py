"""What the user test found, checked against the YAML files: counts that say what they count (the
targets of the common target year beside those of every year), role names said one way with the
reason where a document does not divide 牵头 from 配合, lists cut short that say so, and a document's
short title under its long H1."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from generator.model import ROLE_LABELS
from tests.test_trust import distinct_target_keys, group_roles, groups, raw_aliases, raw_documents, raw_registry


@pytest.fixture(scope="module")
def docs():
    return raw_documents()


@pytest.fixture(scope="module")
def render(real_index):
    from generator.pipeline import TEMPLATES
    from generator.render import make_environment, render_page

    env = make_environment(TEMPLATES)
    return lambda page: render_page(env, page.template, page.path, page.context)


def targets_by_year(docs) -> tuple[str, dict[str, Counter]]:
    """The year most distinct targets share (the later on a tie), and per district its distinct
    targets per target year (None: no year printed), from the YAML."""
    keys = {key for doc in docs for key in distinct_target_keys(doc)}
    years = Counter(key[5] for key in keys if key[5] is not None)
    common = max(years, key=lambda y: (years[y], int(y)))
    per: dict[str, Counter] = defaultdict(Counter)
    for key in keys:
        per[key[0]][key[5]] += 1
    return common, per


def test_the_home_page_and_metrics_index_count_each_districts_targets_of_the_common_year(docs, real_index, render):
    """A journalist asks which district has the most 2025 targets: the all-years count mixes in other
    years and undated targets (铜梁's 2024 ones, 黔江's 2022 ones), so a column counts the common
    year's apart, linked to where the district page lists them."""
    from generator.pages import home, metric

    common, per = targets_by_year(docs)
    want = {d: c[common] for d, c in per.items()}
    assert any(sum(c.values()) != c[common] for c in per.values())  # the two counts differ somewhere
    text = render(home.pages(real_index)[0])
    assert f"其中<br>到{common}年" in text and "（去重，各年份合计）" in text
    rows = re.findall(rf"^\| \[[^\]]+\]\(districts/([a-z-]+)\.md\) \|.* \| (\d+) \| \[(\d+)\]\(districts/\1\.md#targets-{common}\) \|$",
                      text, re.M)
    assert {d: int(n) for d, _, n in rows} == want
    assert {d: int(total) for d, total, _ in rows} == {d: sum(c.values()) for d, c in per.items()}
    index_page = next(p for p in metric.pages(real_index) if p.path == "metrics/index.md")
    text = render(index_page)
    rows = re.findall(rf"^\| \[[^\]]+\]\(\.\./districts/([a-z-]+)\.md\) \| \[(\d+)\]\([^)]*#targets\) \| "
                      rf"\[(\d+)\]\(\.\./districts/\1\.md#targets-{common}\) \|$", text, re.M)
    assert {d: int(n) for d, _, n in rows} == want and len(rows) == len(real_index.districts)


def test_a_district_page_lists_its_targets_under_a_heading_per_target_year(docs, real_index, render):
    from generator.pages.district import district_page

    common, per = targets_by_year(docs)
    for slug, years in per.items():
        text = render(district_page(real_index, slug)).split("{ #targets }", 1)[1].split("\n## ", 1)[0]
        headings = re.findall(r"^### (?:到(\d+)年|未写明年份)（(\d+) 个） \{ #targets-(\w+) \}$", text, re.M)
        assert {(y or None): int(n) for y, n, _ in headings} == dict(years), slug
        assert headings[0][0] == common  # the common year first
        for year, n, anchor in headings:
            assert anchor == (year or "undated")
            table = text.split(f"{{ #targets-{anchor} }}", 1)[1].split("\n### ", 1)[0]
            assert len(re.findall(r"^\| \[", table, re.M)) == int(n), (slug, year)


def undivided_districts(docs) -> set[str]:
    """Districts whose documents name units only as joint (neither lead nor support)."""
    roles: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for m in doc["measures"]:
            for role in ("lead", "support", "joint"):
                if (m.get("responsibility") or {}).get(role):
                    roles[doc["district"]].add(role)
    return {d for d, rs in roles.items() if rs == {"joint"}}


def test_a_district_whose_documents_do_not_divide_lead_from_support_says_so(docs, real_index, render):
    from generator.pages.district import district_page
    from generator.pages.document import document_page

    undivided = undivided_districts(docs)
    assert undivided  # 黔江's task table has one 责任单位 column
    for d in real_index.districts:
        text = render(district_page(real_index, d.slug)).split("{ #leads }", 1)[1].split("\n## ", 1)[0]
        assert ("原文未分牵头与配合" in text) == (d.slug in undivided), d.slug
    for entry in real_index.documents:
        text = render(document_page(real_index, entry))
        assert ("原文未分牵头与配合" in text) == (entry.district.slug in undivided), entry.id
        assert ("注明牵头、配合单位" in text) == (entry.district.slug not in undivided), entry.id


def test_search_result_lines_name_the_roles_as_the_pages_do(real_index):
    """Not 负责：… and 附表各行负责单位：… for what the pages call 分工负责: every unit line a result shows
    starts with a role as ROLE_LABELS names it, the rows named where the units are the table rows'
    (（据附表2第 56、57 行）)."""
    from generator.search.records import records

    names = "|".join(ROLE_LABELS.values())
    line = re.compile(rf"^({names})(（据[^）]*第 [^）]* 行）)?：")
    shown = [v for r in records(real_index) for k, v in r.display.items() if k in ("l", "c", "j") and v]
    assert shown and all(line.match(v) for v in shown), [v for v in shown if not line.match(v)][:5]


def test_the_search_says_why_a_district_without_lead_units_has_no_lead_results(docs, real_index):
    """生态环境局 牵头 said 没有结果：黔江区: its documents name no lead unit at all. The facets name those
    districts, and the reference (search.js's twin) says them apart from those without results."""
    from generator.search import search_files
    from generator.search.reference import SearchFiles

    search = SearchFiles(search_files(real_index))
    f = search.facets()
    names = {d.slug: d.name for d in real_index.districts}
    undivided = undivided_districts(docs)
    assert {f["districts"][i][0] for i in f["undivided"]} == undivided
    roles = {label: 1 << i for i, (_, label, _) in enumerate(f["roles"])}
    for query, mask in (("生态环境局 牵头", roles["牵头"]), ("发改委 配合", roles["配合"])):
        hits = search.search(query)
        assert hits
        assert search.undivided_without_results(hits, mask) == [names[s] for s in names if s in undivided]
    assert search.undivided_without_results(search.search("生态环境局 负责"), roles["牵头"] | roles["分工负责"]) == []


def lead_counts(docs, theme: str | None = None) -> dict[str, int]:
    """Per district, the departments that lead or share out (分工负责) any of its distinct measures
    (of ``theme``), their strongest role in it being 牵头 or 分工负责."""
    aliases = raw_aliases()
    depts: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for group in groups(doc):
            if theme is None or theme in {t for m in group for t in m["themes"]}:
                depts[doc["district"]] |= {d for d, r in group_roles(group, aliases).items() if r in ("lead", "joint")}
    return {d: len(s) for d, s in depts.items()}


def test_lists_of_leading_departments_cut_short_say_how_many_there_are(docs, real_index, render):
    """永川's row on /themes/carbon-sinks/ named three departments of six with no 等."""
    from generator.pages import theme

    cut = 0
    for t in raw_registry("themes"):
        text = render(theme.theme_page(real_index, t["slug"]))
        for slug, n in lead_counts(docs, t["slug"]).items():
            row = re.search(rf'^\| <span id="{slug}"></span>.*$', text, re.M)
            assert row, (t["slug"], slug)
            said = re.search(r"）等 (\d+) 个部门 \|", row[0])
            assert (int(said[1]) if said else None) == (n if n > theme.LEADS_IN_ROW else None), (t["slug"], slug)
            cut += n > theme.LEADS_IN_ROW
    assert cut  # some list is cut (永川 碳汇: six departments)
    from generator.pages.district import LEADS_ON_DISTRICT, district_page

    for slug, n in lead_counts(docs).items():
        text = render(district_page(real_index, slug)).split("{ #leads }", 1)[1].split("\n## ", 1)[0]
        assert (f"……等 {n} 个部门" in text) == (n > LEADS_ON_DISTRICT), slug


def test_a_document_page_names_its_short_title_with_the_district_under_the_h1(docs, real_index, render):
    """黔江's plan is 关于进一步加快建立健全绿色低碳循环经济体系的实施方案 in its H1 and 黔江区绿色低碳循环经济体系实施方案
    in every list: the page says the second right under the first."""
    from generator.pages.document import document_page

    district_names = {d["slug"]: d["name"] for d in raw_registry("districts")}
    checked = 0
    for doc in docs:
        if doc["short_title"] == doc["title"]:
            continue
        text = render(document_page(real_index, next(e for e in real_index.documents if e.id == doc["id"])))
        after_h1 = text.split(f"# {doc['title']}\n", 1)[1].lstrip("\n").split("\n", 1)[0]
        assert doc["short_title"] in after_h1 and district_names[doc["district"]] in after_h1, doc["id"]
        checked += 1
    assert checked


def test_the_metrics_index_lists_each_metric_with_targets_once_under_its_first_theme(docs, real_index, render):
    """A user test found /metrics/ one list of a hundred rows (13,000 px on a phone). It is grouped by
    theme now: every metric some document sets a target for, once, in the section of the first theme
    metrics.yaml gives it, and the jump list's counts are the sections' rows. From the YAML."""
    from generator.pages import metric

    set_for = {t["metric"] for doc in docs for m in doc["measures"] for t in m.get("targets", [])}
    first_theme = {m["slug"]: m["themes"][0] for m in raw_registry("metrics")}
    want: dict[str, set[str]] = defaultdict(set)
    for slug in set_for:
        want[first_theme[slug]].add(slug)
    text = render(next(p for p in metric.pages(real_index) if p.path == "metrics/index.md"))
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    got: dict[str, list[str]] = {}
    for section in sections:
        anchor = re.search(r"\{ #theme-([a-z-]+) \}", section.splitlines()[0])
        if anchor:
            got[anchor.group(1)] = re.findall(r"^\| \[[^\]]+\]\(\.\./metrics/([a-z0-9-]+)\.md\)", section, re.M)
    assert {theme: set(slugs) for theme, slugs in got.items()} == dict(want)
    assert sum(len(slugs) for slugs in got.values()) == len(set_for)  # each once
    jump = re.findall(r"\[[^\]]+ (\d+)\]\(#theme-([a-z-]+)\)", text)
    assert {theme: int(n) for n, theme in jump} == {theme: len(slugs) for theme, slugs in want.items()}


def test_a_district_pages_targets_say_which_document_and_place_they_come_from(docs, real_index, render):
    """A user test found 出自 cells naming a paragraph by words that do not hold the target, and no
    document where a district has two. Each source now starts with its document's 文号 (or 《short
    title》) when the district has several documents, never when it has one, then the printed section
    number of the item (a table row: its row number), from the YAML (BaseLoader strings)."""
    from generator.pages.district import district_page

    by_id = {doc["id"]: doc for doc in docs}
    documents_of: dict[str, int] = Counter(doc["district"] for doc in docs)
    checked = 0
    for slug, count in documents_of.items():
        text = render(district_page(real_index, slug)).split("{ #targets }", 1)[1].split("\n## ", 1)[0]
        for label, doc_id, key in re.findall(r"\[([^\]]+)\]\(\.\./documents/([a-z0-9-]+)/\d+\.md#([a-z0-9-]+)\)", text):
            doc = by_id[doc_id]
            name = doc["doc_number"] if doc["doc_number"] != "null" else f"《{doc['short_title']}》"
            assert label.startswith(name + " ") == (count > 1), (slug, label)
            item = next(m for m in doc["measures"] if m["id"] == key)
            section = next(s for s in _sections(doc["outline"]) if s["id"] == item["section"])
            if item["kind"] in ("task", "project", "indicator"):  # a table row: by its table and row number
                assert f"第 {item['number'].strip()} 行" in label, (label, item["number"])
            elif section["number"].strip():
                number = section.get("number_reading") or section["number"]  # damaged in print: cited by its reading
                assert number.replace("(", "（").replace(")", "）").replace(" ", "") in label.replace("\\", ""), (label, section)
            checked += 1
    assert checked > 100


def _sections(outline: list[dict]):
    for section in outline:
        yield section
        yield from _sections(section.get("children", []))
