"""Figures that must not count anything twice, recomputed from the YAML read with plain PyYAML
(not through generator.load or the index): distinct measures, units via linked rows, department
counts, deduplicated targets, key-project totals; and the pages that print them."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
import yaml

from generator import similarity
from generator.index import BORROW_LIMIT, is_borrowable
from generator.pages.common import Page
from generator.pipeline import TEMPLATES
from generator.render import make_environment, render_page
from tests.conftest import DATA, ROOT

MAIN = {"goal", "measure", "safeguard"}
BORROWABLE = {"measure", "safeguard", "task", "project"}


def raw_documents() -> list[dict]:
    # BaseLoader: every scalar stays a string, so nothing depends on the project's own loader
    return [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            for p in sorted((DATA / "documents").glob("*/*.yaml"))]


def raw_aliases() -> dict[str, str]:
    depts = yaml.load((DATA / "departments.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {alias: d["slug"] for d in depts["departments"] for alias in d["aliases"]}


def unit_names(measure: dict) -> list[str]:
    names = []
    for role in ("lead", "support", "joint"):
        for unit in (measure.get("responsibility") or {}).get(role) or []:
            names.append(unit["reading"] if isinstance(unit, dict) else unit)
    return names


def groups(doc: dict) -> list[list[dict]]:
    """Distinct measures of a document: each main-text measure with its implementing rows; each unlinked row."""
    rows_of = defaultdict(list)
    for m in doc["measures"]:
        for target in m.get("implements") or []:
            rows_of[target].append(m)
    return [[m] + rows_of[m["id"]] for m in doc["measures"] if not m.get("implements")]


@pytest.fixture(scope="module")
def docs():
    return raw_documents()


@pytest.fixture(scope="module")
def render(real_index):
    env = make_environment(TEMPLATES)

    def _render(page: Page) -> str:
        return render_page(env, page.template, page.path, page.context)
    return _render


def test_links_go_from_rows_to_main_text_of_the_same_document(docs):
    for doc in docs:
        kinds = {m["id"]: m["kind"] for m in doc["measures"]}
        for m in doc["measures"]:
            for target in m.get("implements") or []:
                assert m["kind"] in {"task", "indicator", "project"}, (doc["id"], m["id"])
                assert kinds[target] in MAIN, (doc["id"], m["id"], target)


def test_qianjiang_energy_measure_is_carried_out_by_rows_61_to_66(real_index):
    rows = real_index.relations.implemented_by["qianjiang-2022-24/m12"]
    assert [r.measure.number for r in rows] == ["61", "62", "63", "64", "65", "66"]


def test_distinct_measures_per_district(docs, real_index):
    expected: dict[str, int] = defaultdict(int)
    for doc in docs:
        expected[doc["district"]] += len(groups(doc))
    got = {slug: len(v) for slug, v in real_index.relations.distinct_by_district.items()}
    assert got == dict(expected)
    # table rows are folded in: 铜梁 and 黔江 count far fewer measures than items
    items = {doc["district"]: 0 for doc in docs}
    for doc in docs:
        items[doc["district"]] += len(doc["measures"])
    assert got["tongliang"] < items["tongliang"] and got["qianjiang"] < items["qianjiang"]


def test_distinct_measures_per_district_and_theme(docs, real_index):
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for doc in docs:
        for group in groups(doc):
            for theme in {t for m in group for t in m["themes"]}:
                expected[(doc["district"], theme)] += 1
    got = {k: len(v) for k, v in real_index.relations.distinct_by_district_theme.items()}
    assert got == dict(expected)


def test_departments_count_each_distinct_measure_once(docs, real_index):
    aliases = raw_aliases()
    expected: dict[str, int] = defaultdict(int)
    for doc in docs:
        for group in groups(doc):
            for dept in {aliases[name] for m in group for name in unit_names(m)}:
                expected[dept] += 1
    got = {k: len(v) for k, v in real_index.relations.distinct_by_department.items()}
    assert got == dict(expected)


def test_departments_count_each_distinct_measure_once_per_district_and_theme(docs, real_index):
    """The department page's matrix cells: from the YAML, and each cell in the order of the
    department's list in that district."""
    aliases = raw_aliases()
    expected: dict[tuple[str, str, str], int] = defaultdict(int)
    for doc in docs:
        for group in groups(doc):
            for dept in {aliases[name] for m in group for name in unit_names(m)}:
                for theme in {t for m in group for t in m["themes"]}:
                    expected[(dept, doc["district"], theme)] += 1
    rel = real_index.relations
    got = {k: len(v) for k, v in rel.distinct_by_department_district_theme.items()}
    assert got == dict(expected)
    for (dept, district, theme), cell in rel.distinct_by_department_district_theme.items():
        of_theme = [dm for dm in rel.distinct_by_department_district[(dept, district)] if theme in {t.slug for t in dm.themes}]
        assert [dm.key for dm in cell] == [dm.key for dm in of_theme]


def test_departments_by_role_and_strongest_role_follow_each_distinct_measures_units(real_index):
    """distinct_by_department_role and distinct_role_of against DistinctMeasure.departments, role by role."""
    from generator.index import ROLES, STRENGTH_ORDER

    rel = real_index.relations
    expected_lists: dict[tuple[str, str], list[str]] = defaultdict(list)
    expected_roles: dict[tuple[str, str], str] = {}
    for dm in rel.distinct:
        for role in ROLES:
            for dept in dm.departments((role,)):
                expected_lists[(dept.slug, role)].append(dm.key)
        for dept in dm.departments():
            expected_roles[(dm.key, dept.slug)] = next(r for r in STRENGTH_ORDER if dept in dm.departments((r,)))
    assert {k: [dm.key for dm in v] for k, v in rel.distinct_by_department_role.items()} == dict(expected_lists)
    assert list(rel.distinct_role_of.items()) == list(expected_roles.items())


def document_text(index, render, doc_id: str) -> str:
    """A document's page and, for a long document, every one of its pages, rendered and joined."""
    from generator.pages import document

    return "\n".join(render(p) for p in document.pages(index)
                     if p.path == f"documents/{doc_id}.md" or p.path.startswith(f"documents/{doc_id}/"))


def test_every_main_text_measure_shows_the_units_of_its_rows(docs, real_index, render):
    for doc in docs:
        text = document_text(real_index, render, doc["id"])
        for group in groups(doc):
            main, rows = group[0], group[1:]
            block = text.split(f"{{ #{main['id']} }}", 1)[1].split("\n#", 1)[0]
            names = {name for row in rows for name in unit_names(row)}
            lines = "\n".join(ln for ln in block.splitlines() if ROW_ROLE_LINE.match(ln))
            shown = set(re.findall(r"\[([^\]]+)\]\((?:\.\./)+departments/", lines))
            assert shown == names, (doc["id"], main["id"])
            for row in rows:  # the measure links to each row, and the row back to the measure
                assert f"#{row['id']})" in block
                row_block = text.split(f"{{ #{row['id']} }}", 1)[1].split("\n#", 1)[0]
                assert "- **落实正文措施**：" in row_block and f"#{main['id']})" in row_block


ROW_ROLE_LINE = re.compile(r"- \*\*(牵头|配合|分工负责)（据[^*]*）\*\*：")  # a card's units from its table rows


def test_a_cards_units_from_its_rows_are_named_by_role_as_the_search_names_them(real_index, render):
    """A main-text measure's card lists its table rows' units under each role, in the words and
    order of the search's and the compare view's unit lines (index.unit_lines): a user test found
    铜梁's 优化交通运输能源结构 list 区发展改革委 third with no role, where those views said 牵头."""
    from generator.index import unit_lines

    texts: dict[str, str] = {}
    checked = 0
    for me in real_index.measures:
        rows = real_index.relations.implemented_by.get(me.key, ())
        if not any(r.units for r in rows):
            continue
        doc_id = me.document.id
        if doc_id not in texts:
            texts[doc_id] = document_text(real_index, render, doc_id)
        block = texts[doc_id].split(f"{{ #{me.measure.id} }}", 1)[1].split("\n#", 1)[0]
        shown = []
        for line in block.splitlines():
            if found := ROW_ROLE_LINE.match(line):
                names = re.findall(r"\[([^\]]+)\]\((?:\.\./)+departments/", line)
                shown.append(found.group(0)[4:-3] + "：" + "、".join(dict.fromkeys(names)) + ("等" if line.endswith("等") else ""))
        assert shown == list(unit_lines(me, rows).values()), me.key
        checked += 1
    assert checked > 50
    text = texts["tongliang-2021-climate-plan"]
    block = text.split("{ #c4-3-3 }", 1)[1].split("\n#", 1)[0]
    assert "- **牵头（据附表1第 2、5、7、8 行、附表2第 56、57 行）**：[区住房城乡建委]" in block


def dedup_key(district: str, t: dict) -> tuple:
    return (district, t["metric"], None if t.get("value") in (None, "null") else t["value"],
            t.get("set_by_municipality") == "true", t.get("unit", ""), t.get("target_year"))


def distinct_target_keys(doc: dict) -> list[tuple]:
    """One key per printed target; equal targets of one item stay apart (the n-th equal one of an
    item is the same target as the n-th equal one of another item)."""
    keys = []
    for m in doc["measures"]:
        in_item: list[tuple] = []
        for t in m.get("targets") or []:
            key = dedup_key(doc["district"], t)
            keys.append(key + (in_item.count(key),))
            in_item.append(key)
    return keys


def test_targets_stated_twice_count_once(docs, real_index):
    statements: dict[tuple, int] = defaultdict(int)
    for doc in docs:
        for key in distinct_target_keys(doc):
            statements[key] += 1
    rel = real_index.relations
    assert len(rel.targets) == len(statements)
    assert sorted(len(dt.statements) for dt in rel.targets) == sorted(statements.values())
    per_district: dict[str, int] = defaultdict(int)
    for key in statements:
        per_district[key[0]] += 1
    assert {k: len(v) for k, v in rel.targets_by_district.items()} == dict(per_district)


def test_a_base_value_is_printed_with_its_unit_on_the_metric_page(docs, real_index, render):
    """The base values of today's data, written out by hand from the YAML (value and the target's unit),
    each named by its year: 22% is the figure printed for 2020, not a base the target reduces from."""
    from generator.pages import metric

    expected = {"energy-intensity-reduction": "基年 2020 · 2020年本指标为 22%", "forest-stock": "基年 2020 · 2020年本指标为 95.7万立方米",
                "irrigation-water-efficiency": "基年 2020 · 2020年本指标为 0.5216"}
    based = {t["metric"] for doc in docs for m in doc["measures"] for t in m.get("targets") or [] if t.get("base_value")}
    assert based == set(expected), "a new base value: add it here"
    for slug, shown in expected.items():
        assert shown in render(metric.metric_page(real_index, slug)).replace("\\", "")  # without Markdown's escapes


def test_home_page_prints_the_distinct_figures(docs, real_index, render):
    from generator.pages import home

    text = render(home.pages(real_index)[0])
    distinct = sum(len(groups(doc)) for doc in docs)
    targets = {key for doc in docs for key in distinct_target_keys(doc)}
    statements = sum(len(m.get("targets") or []) for doc in docs for m in doc["measures"])
    assert f"<strong>{distinct}</strong><span>项措施（按正文措施计）</span>" in text
    assert f"<strong>{len(targets)}</strong><span>个量化目标（去重，各年份合计）</span>" in text
    assert f"原文共有 {statements} 处目标表述" in text
    assert "按正文措施计" in text


def test_project_totals_and_rounding(docs, real_index, render):
    from generator.pages import projects

    doc = next(d for d in docs if d["id"] == "tongliang-2021-climate-plan")
    invs = [m["project"]["investment"] for m in doc["measures"] if m["kind"] == "project"]
    total = sum(Decimal(i["total"]) for i in invs)
    printed = doc["project_total"]
    assert total == Decimal(printed["total"]) == Decimal("497379.19")
    columns = Decimal(printed["superior"]) + Decimal(printed["district_fiscal"]) + Decimal(printed["social"])
    assert columns - Decimal(printed["total"]) == Decimal("0.04")
    implied = Decimal(printed["total"]) - Decimal(printed["district_fiscal"]) - Decimal(printed["social"])
    assert implied.quantize(Decimal("0.1")) == Decimal(printed["superior"])
    page = next(p for p in projects.pages(real_index) if p.path == "projects/tongliang-2021-climate-plan.md")
    text = render(page)
    assert f"| 投资 | {total:,} | {total:,} |".replace(".", "\\.") in text
    assert f"相差 {Decimal('0.04')} 万元".replace(".", "\\.") in text
    assert f"即 {implied:,} 万元".replace(".", "\\.") in text
    assert len(re.findall(r"^\| \d+ \| \[", text, re.M)) == len(invs)


def test_official_address_or_not_recorded(docs, real_index, render):
    from generator.pages.document import document_page

    for doc in docs:
        entry = next(d for d in real_index.documents if d.id == doc["id"])
        text = render(document_page(real_index, entry))
        url = doc["source"].get("url", "")
        if url:
            assert f"]({url})" in text
        else:
            assert "| 原发布地址 | 原发布地址未记录 |" in text


def test_a_draft_whose_final_version_was_found_says_so_wherever_its_status_shows(docs, real_index, render):
    """A consultation draft's issued version (consultation.final in the YAML): the document page's
    draft warning names it and links its page, and its status reads 定稿 … 已印发 in the lists."""
    from generator.pages.document import document_page, summary

    finals = [doc for doc in docs if (doc.get("consultation") or {}).get("final")]
    assert finals  # 铜梁区's climate plan: the draft of 2021, issued in 2022
    for doc in finals:
        final = doc["consultation"]["final"]
        entry = next(d for d in real_index.documents if d.id == doc["id"])
        text = render(document_page(real_index, entry))
        warning = text.split('!!! warning "征求意见稿"', 1)[1].split("\n\n| 项目", 1)[0]
        assert f"]({final['url']})" in warning and "**定稿已经印发**" in warning
        assert final["doc_number"] in warning
        assert summary(real_index, entry).status == f"征求意见稿（定稿 {final['published']} 已印发）"


def test_a_document_page_lists_every_item_that_quotes_damaged_print(docs, real_index, render):
    """原文误印或受损处: the items whose title, text, target clause or unit name is printed damaged (a
    printed/reading pair in the YAML), each linked once, in document order, and none other."""
    from generator.pages.document import document_page

    def damaged(m: dict) -> bool:
        units = [u for role in ("lead", "support", "joint") for u in (m.get("responsibility") or {}).get(role, [])]
        quotes = [m.get("title"), m.get("text"), *(t.get("clause") for t in m.get("targets", [])), *units]
        return any(isinstance(q, dict) and "reading" in q for q in quotes)

    listed_somewhere = False
    for doc in docs:
        entry = next(d for d in real_index.documents if d.id == doc["id"])
        text = render(document_page(real_index, entry))
        expected = [m["id"] for m in doc["measures"] if damaged(m)]
        box = text.split('??? note "原文误印或受损处：', 1)
        if not expected:
            assert len(box) == 1
            continue
        listed_somewhere = True
        head, body = box[1].split("\n", 1)
        assert head == f'{len(expected)} 个条目"'
        assert re.findall(r"^    - \[.*\]\(.*#([\w-]+)\)$", body.split("\n\n", 2)[1], re.M) == expected
    assert listed_somewhere  # 黔江区's OCR copy


def test_a_target_read_with_doubt_says_so_wherever_its_value_shows(docs, real_index, render):
    """A target the editors marked `uncertain` (its note says why) reads 存疑 (marked) in its value's
    qualifiers on its metric page, and （存疑） beside its value in the downloads' targets table,
    which also has it as a column."""
    import csv
    import io

    from generator.opendata import output
    from generator.pages.metric import metric_page

    doubted = [(doc["id"], m["id"], t) for doc in docs for m in doc["measures"] for t in m.get("targets", [])
               if t.get("uncertain")]
    assert doubted  # 铜梁区: the base value 22 of energy intensity, the 4m3/天 of reclaimed water
    files = dict(output.files(real_index))
    rows = list(csv.DictReader(io.StringIO(files["data/v1/targets.csv"].decode("utf-8-sig"))))
    marked = {(r["document"], r["measure"].rsplit("/", 1)[1], r["metric"]) for r in rows if r["uncertain"] == "true"}
    assert marked == {(doc_id, m_id, t["metric"]) for doc_id, m_id, t in doubted}
    # the value says 存疑 also where the words the target rests on are a doubtful reading of damaged print
    # (黔江's 「新开坤酯诞筑占新…」 read as 装配式建筑): the clause's own column says which
    assert any(r["clause_reading_uncertain"] == "true" and r["uncertain"] != "true" for r in rows)
    assert all(r["value_text"].endswith("（存疑）") == ("true" in (r["uncertain"], r["clause_reading_uncertain"])) for r in rows)
    for _, _, t in doubted:
        assert '<span class="cs-doubt">存疑</span>' in render(metric_page(real_index, t["metric"]))


def test_a_doubted_target_gives_the_editors_note_beside_its_value_wherever_it_is_printed(docs, real_index, render):
    """A 存疑 tag alone shows 铜梁's 「2020年本指标为 22%」 as fact (a user test): its note says the 22%
    is probably the 十三五 reduction. Read from the YAML: wherever the value of a target marked
    `uncertain` is printed, its note follows 存疑： there: on its metric page, on its district page,
    in the compare view's data, and among another district's 可借鉴目标 examples where it is one; a
    target not doubted gives no such line."""
    from generator.pages import compare
    from generator.pages.district import borrowable_record, district_page
    from generator.pages.metric import metric_page

    # the editors' words of doubt: a target's note when it is `uncertain`, its clause's reading note when
    # the words it rests on are a doubtful reading of damaged print (黔江's 装配式建筑 ≥20%: even the metric is a guess)
    doubted: dict[tuple[str, str], list[str]] = {}
    for doc in docs:
        for m in doc["measures"]:
            for t in m.get("targets", []):
                clause = t["clause"] if isinstance(t["clause"], dict) else {}
                notes = ([t["note"]] if t.get("uncertain") else []) + ([clause["note"]] if clause.get("uncertain") else [])
                if notes:
                    doubted.setdefault((doc["district"], t["metric"]), []).extend(notes)
    assert ("tongliang", "energy-intensity-reduction") in doubted and ("qianjiang", "prefab-building-share") in doubted

    def lines(text: str) -> list[str]:  # the 存疑： lines, without Markdown's escapes
        return [x.replace("\\", "") for x in re.findall(r'<span class="cs-doubt">存疑</span>：([^<]*)</span>', text)]

    def says(line: str | None, notes: list[str]) -> bool:
        return line is not None and all(note in line for note in notes)

    for (district, metric), notes in doubted.items():
        row = next(x for x in render(metric_page(real_index, metric)).splitlines() if f'<span id="{district}">' in x)
        # a metric page, a row per district, gives the note's start (the whole note in every row took the
        # page over 150 KB at 50× the corpus); the item its value links to, and the district page, the whole
        [line] = lines(row)
        brief = line.removesuffix("…（全文见条目）")
        page = render(district_page(real_index, district)).split("## 可借鉴措施", 1)[0]
        whole = [full for full in lines(page) if says(full, notes)]
        assert whole, (district, metric)
        assert says(line, notes) or (brief != line and len(brief) == 40 and any(full.startswith(brief) for full in whole)), (metric, row)
        data = compare.district_data(real_index, district)["metrics"][metric]
        given = [t["doubt"] for t in data if t["doubt"]]
        assert len(given) == 1 and says(given[0], notes), (district, metric)
    for d in real_index.districts:  # nothing else is doubted
        own = [notes for (district, _), notes in doubted.items() if district == d.slug]
        shown = lines(render(district_page(real_index, d.slug)).split("## 可借鉴措施", 1)[0])
        assert len(shown) == len(own) and all(any(says(line, notes) for line in shown) for notes in own), d.slug
        for bm in borrowable_record(real_index, real_index.borrowable[d.slug])["metrics"]:
            for t in bm["targets"]:
                notes = doubted.get((t["district"], bm["metric"]))
                assert (t["doubt"] is None) if notes is None else says(t["doubt"], notes), (d.slug, bm["metric"], t)
        borrowed = render(district_page(real_index, d.slug)).split("## 可借鉴措施", 1)[1]
        assert len(re.findall(r"\[[^\]]*（存疑）[^\]]*\]\(", borrowed)) == len(lines(borrowed)), d.slug


def test_a_borrowable_example_from_a_draft_says_so(docs, real_index, render):
    """可借鉴措施 names measures and targets of other districts: one from a consultation draft is
    marked 征求意见稿 there, as it is on the theme and metric pages; 征求意见稿·定稿已印发 where the
    final version of the draft was found, said in full once below the examples."""
    from generator.pages.district import district_page

    drafts = {doc["id"]: "征求意见稿·定稿已印发" if (doc.get("consultation") or {}).get("final") else "征求意见稿"
              for doc in docs if doc["status"] == "征求意见稿"}
    assert drafts
    examples = 0
    for d in real_index.districts:
        # the notes under examples name the district's own measures (本区相近), its drafts said at the page's top
        text = re.sub(r'<span class="cs-borrow-near">.*?</span>', "<br>",
                      render(district_page(real_index, d.slug)).split("## 可借鉴措施", 1)[1])
        # an example cell holds 区县：[measure or value](link), one per line (<br>, or after a note)
        for link, mark in re.findall(r"(?:\| |<br>|</span>)[^：|<\[\]]+：\[[^\]]*\]\(([^)]*)\)(（征求意见稿[^）]*）)?", text):
            doc_id = re.search(r"documents/([^/#.]+)", link).group(1)
            assert mark == (f"（{drafts[doc_id]}）" if doc_id in drafts else ""), link
            examples += 1
        finals = {i for i, t in drafts.items() if t.endswith("定稿已印发") and f"documents/{i}" in text}
        assert text.count("本站尚未收录") == len(finals)
    assert examples


def test_a_long_document_page_lists_its_sections_at_the_top(real_index, render):
    """Phones have no side table of contents: a document page (or one page of a long document)
    with several sections opens with a closed list of them, each linked to its heading."""
    from generator.pages.document import document_page, part_page

    checked = 0
    for doc in real_index.documents:
        pages = [document_page(real_index, doc)] + [part_page(real_index, doc, p) for p in doc.parts if len(doc.parts) > 1]
        for page in pages:
            text = render(page)
            headings = re.findall(r"^## (.+) \{ #([\w-]+) \}$", text, re.M)
            box = text.split('??? abstract cs-page-toc "本页章节（', 1)
            sections = [h for h in headings if h[1].startswith("sec-")]
            if len(sections) < 2:
                assert len(box) == 1
                continue
            listed = re.findall(r"^    - \[(.+)\]\(#([\w-]+)\)$", box[1].split("\n\n", 1)[0], re.M)
            assert listed == sections
            checked += 1
    assert checked


def test_a_listed_measure_quotes_its_title_and_text_apart(docs, real_index, render):
    """On theme and department pages a measure is quoted title first, then its text as a paragraph
    of its own: run together they read as one sentence the document never printed."""
    from generator.pages import theme

    text = "\n".join(render(p) for p in theme.pages(real_index))
    titled = [m for doc in docs for m in doc["measures"] if isinstance(m.get("title"), str) and isinstance(m.get("text"), str)]
    assert titled
    for m in titled[:40]:
        assert m["title"] + m["text"] not in text


def test_no_doubled_punctuation_and_each_section_heading_once(real_index, render):
    from generator.pages import document

    for page in document.pages(real_index):
        text = render(page)
        assert "。：" not in text, page.path
        headings = [ln.split(" { #")[0].lstrip("#").strip() for ln in text.splitlines() if ln.startswith("#")]
        section_ids = re.findall(r"\{ #(sec-[a-z0-9-]+) \}", text)
        assert len(section_ids) == len(set(section_ids)), page.path
        sections = [ln for ln in text.splitlines() if ln.startswith("## ")]
        assert not any(" / " in h for h in sections), page.path  # a parent heading is not repeated in each title
        for a, b in zip(headings, headings[1:], strict=False):
            assert a != b, (page.path, a)


def test_borrowable_counts_match_a_plain_enumeration(real_index):
    """Recount 可借鉴措施 by plain enumeration over the index's counterparts (measure key → districts with
    a confident equivalent, either way; tests/test_counterparts.py checks those against all pairs)."""
    rel = real_index.relations
    linked = real_index.counterpart_districts
    strong = 0
    for key, sims in real_index.similar.items():  # a shown link strong enough is a counterpart, both ways
        for s in sims:
            if s.score < similarity.COUNTERPART_MIN_SCORE:
                continue
            strong += 1
            assert real_index.measure(s.other).district.slug in linked[key]
            assert real_index.measure(key).district.slug in linked[s.other]
    assert strong > 0
    region = {d.slug: d.region for d in real_index.districts}
    for d in real_index.districts:
        b = real_index.borrowable[d.slug]
        for bt in b.by_theme:
            found = [dm for dm in rel.distinct_by_theme[bt.theme.slug]
                     if dm.district.slug != d.slug and is_borrowable(dm.measure.measure)
                     and not any(d.slug in linked.get(m.key, ()) for m in (dm.measure,) + dm.rows)]
            assert bt.count == len(found)
            assert bt.district_count == len({dm.district.slug for dm in found})
            # the examples: the first of each district, then the next ones, up to BORROW_LIMIT, in the
            # order same 片区 first, then as the index lists them
            ordered = sorted(found, key=lambda dm: region[dm.district.slug] != d.region)
            first_of: dict[str, str] = {}
            for dm in ordered:
                first_of.setdefault(dm.district.slug, dm.key)
            taken = list(first_of.values())[:BORROW_LIMIT]
            taken += [dm.key for dm in ordered if dm.key not in taken][:BORROW_LIMIT - len(taken)]
            assert [dm.key for dm in bt.examples] == [dm.key for dm in ordered if dm.key in taken]
        mine = {dt.metric.slug for dt in rel.targets_by_district.get(d.slug, ())}
        mine |= {m.slug for held in tuple(mine) for m in real_index.related_metrics.get(held, ())}  # set another way
        assert {bm.metric.slug for bm in b.by_metric} == {
            dt.metric.slug for dt in rel.targets if dt.metric.slug not in mine}
        assert all(dt.district.slug != d.slug for bm in b.by_metric for dt in bm.targets)


# ---------------------------------------------------------------- counts printed on theme, department and district pages
# Recomputed from the raw YAML (groups() above), read back from the rendered Markdown.

ROLE_STRENGTH = ("lead", "joint", "support")


def raw_registry(name: str) -> list[dict]:
    return yaml.load((DATA / f"{name}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[name]


def group_roles(group: list[dict], aliases: dict[str, str]) -> dict[str, str]:
    """Department → its strongest role in a measure and the rows that carry it out."""
    roles: dict[str, set[str]] = defaultdict(set)
    for m in group:
        for role in ("lead", "support", "joint"):
            for unit in (m.get("responsibility") or {}).get(role) or []:
                roles[aliases[unit["reading"] if isinstance(unit, dict) else unit]].add(role)
    return {dept: next(r for r in ROLE_STRENGTH if r in rs) for dept, rs in roles.items()}


def raw_distinct_targets(docs) -> set[tuple]:
    return {key for doc in docs for key in distinct_target_keys(doc)}


def test_theme_pages_print_distinct_measures_shares_and_targets(docs, real_index, render):
    from generator.pages import theme

    metric_themes = {m["slug"]: set(m["themes"]) for m in raw_registry("metrics")}
    per_cell: dict[tuple[str, str], int] = defaultdict(int)
    per_district: dict[str, int] = defaultdict(int)
    for doc in docs:
        for group in groups(doc):
            per_district[doc["district"]] += 1
            for t in {t for m in group for t in m["themes"]}:
                per_cell[(doc["district"], t)] += 1
    targets = raw_distinct_targets(docs)
    # the last cell: the targets' count, linked to them, or 0
    rows = re.compile(r'^\| <span id="([a-z-]+)"></span>.*? \| \[(\d+) 项\]\([^)]*\) \| (\d+)% \| .* \| \[?(\d+)(?:\]\([^)]*\))? \|$', re.M)
    themes_seen = 0
    for t in raw_registry("themes"):
        text = render(theme.theme_page(real_index, t["slug"]))
        want = {d: n for (d, th), n in per_cell.items() if th == t["slug"]}
        total = re.search(r"共 (\d+) 项措施涉及本主题，来自 (\d+) 个区县", text)
        assert total and (int(total[1]), int(total[2])) == (
            sum(1 for doc in docs for g in groups(doc) if t["slug"] in {x for m in g for x in m["themes"]}), len(want))
        shown = {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in rows.findall(text)}
        assert {d: v[0] for d, v in shown.items()} == want, t["slug"]
        for d, (n, share, n_targets) in shown.items():
            assert abs(share - 100 * n / per_district[d]) <= 0.5, (t["slug"], d)
            assert n_targets == sum(1 for k in targets if k[0] == d and t["slug"] in metric_themes[k[1]]), (t["slug"], d)
        themes_seen += bool(want)
    assert themes_seen == len({th for _, th in per_cell})  # every theme with a measure was read back
    index_text = render(next(p for p in theme.pages(real_index) if p.path == "themes/index.md"))
    for t in raw_registry("themes"):
        n = sum(1 for doc in docs for g in groups(doc) if t["slug"] in {x for m in g for x in m["themes"]})
        districts = len({d for (d, th) in per_cell if th == t["slug"]})
        assert re.search(rf"^\| \[{t['name']}\]\([^)]*\) \| [^|]* \| {districts} \| {n} \|$", index_text, re.M), t["slug"]


def test_department_pages_count_a_measure_once_per_department(docs, real_index, render):
    from generator.pages import department

    aliases = raw_aliases()
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_row: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    repeated = 0  # measures in which several printed units resolve to one department
    for doc in docs:
        for group in groups(doc):
            names = [aliases[n] for m in group for n in unit_names(m)]
            repeated += len(names) != len(set(names))
            for dept, role in group_roles(group, aliases).items():
                totals[dept][role] += 1
                per_row[(dept, doc["district"])][role] += 1
    assert repeated  # the corpus does name one department in several rows of one measure: the case is exercised
    names = {d["slug"]: d["name"] for d in raw_registry("districts")}
    head = re.compile(r"共涉及 \*\*(\d+)\*\* 项措施：牵头 (\d+) 项、分工负责 (\d+) 项、配合 (\d+) 项")
    for dept, want in totals.items():
        text = render(department.department_page(real_index, dept))
        m = head.search(text)
        assert m and tuple(map(int, m.groups())) == (sum(want.values()), want["lead"], want["joint"], want["support"]), dept
        for district, name in names.items():
            cell = per_row.get((dept, district))
            # | its anchor, name (and its draft sign) | all | lead | joint | support |: each count a link to the
            # department × district page (at its lead-only list or the role's heading), · where none
            count = r'(<span class="cs-none">·</span>|\[\d+\]\([^)#]*' + f"departments/{dept}/{district}" + r'[^)#]*(?:#[a-z-]+)?\))'
            anchored = rf'<span id="{district}"></span>\[{name}\]'  # the row's anchor, where the page's jump line leads
            row = re.search(rf"^\| {anchored}\([^)]*\)(?:<span[^|]*)? \| {count} \| {count} \| {count} \| {count} \|", text, re.M)
            if cell is None:
                assert row is None, (dept, district)
                continue
            assert row, (dept, district)
            shown = [0 if "cs-none" in c else int(re.match(r"\[(\d+)", c)[1]) for c in row.groups()]
            assert shown == [sum(cell.values()), cell["lead"], cell["joint"], cell["support"]], (dept, district)
            anchors = [re.search(r"(#[a-z-]+)?\)$", c)[1] for c in row.groups() if "cs-none" not in c]
            assert anchors == [None] + [a for a, n in zip(("#lead-only", "#joint", "#support"), shown[1:], strict=True) if n], (dept, district)


def test_department_matrix_theme_cells_read_lead_over_all_from_the_yaml(docs, real_index, render):
    """Each theme cell of a department's matrix is "lead/all": the department's distinct measures
    in the district that carry the theme (a measure's themes with those of the rows that carry it
    out), and how many of them it leads; "·" where none. The columns are the themes the department
    meets anywhere, in the registry's order."""
    from generator.pages import department

    aliases = raw_aliases()
    themes = raw_registry("themes")
    names = {d["slug"]: d["name"] for d in raw_registry("districts")}
    cells: dict[str, dict[tuple[str, str], Counter]] = defaultdict(lambda: defaultdict(Counter))
    for doc in docs:
        for group in groups(doc):
            group_themes = {t for m in group for t in m["themes"]}
            for dept, role in group_roles(group, aliases).items():
                for theme in group_themes:
                    cells[dept][(doc["district"], theme)][role] += 1
    checked = 0
    for dept, counts in cells.items():
        text = render(department.department_page(real_index, dept))
        header = next(line for line in text.splitlines() if line.startswith("| 区县 |"))
        columns = re.findall(r'<span class="cs-vertical">([^<]+)</span>', header)[4:]
        assert [re.sub(r"^\[(.*)\]\(.*\)$", r"\1", c) for c in columns] == [
            t["name"] for t in themes if any(th == t["slug"] for _, th in counts)], dept
        slugs = [next(t["slug"] for t in themes if c == f"[{t['name']}](../themes/{t['slug']}.md)") for c in columns]  # to its page
        for district, name in names.items():
            line = next((ln for ln in text.splitlines() if ln.startswith(f'| <span id="{district}"></span>[{name}](')), None)
            if line is None:
                assert not any(d == district for d, _ in counts), (dept, district)
                continue
            shown = [c.strip() for c in line.strip("|").split(" | ")][5:]
            # a count links to the theme's list on the department × district page
            want = [f"[{counts[(district, t)]['lead']}/{sum(counts[(district, t)].values())}]"
                    f"(../departments/{dept}/{district}.md#{district}-{t})" if counts.get((district, t)) else
                    '<span class="cs-none">·</span>' for t in slugs]
            assert shown == want, (dept, district)
            checked += sum(c != '<span class="cs-none">·</span>' for c in want)
    assert checked == sum(len(c) for c in cells.values())  # every non-empty cell of the YAML was read back


def test_district_pages_rank_lead_departments_by_distinct_measures(docs, real_index, render):
    from generator.pages.district import district_page

    aliases = raw_aliases()
    dept_names = {d["slug"]: d["name"] for d in raw_registry("departments")}

    def named(group, dept, role):
        return any(aliases[u["reading"] if isinstance(u, dict) else u] == dept
                   for m in group for u in (m.get("responsibility") or {}).get(role) or [])

    for district in {doc["district"] for doc in docs}:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # led, shared out (分工负责)
        for doc in docs:
            if doc["district"] == district:
                for group in groups(doc):
                    for dept in group_roles(group, aliases):
                        # a department that leads in one row and shares out in another still leads
                        if named(group, dept, "lead"):
                            counts[dept][0] += 1
                        elif named(group, dept, "joint"):
                            counts[dept][1] += 1
        text = render(district_page(real_index, district))
        section = text.split("{ #leads }", 1)[1].split("\n## ", 1)[0]
        shown = re.findall(r"^- \[([^\]]+)\]\([^)]*departments/([a-z-]+)/([a-z-]+)\.md\)：(?:牵头 (\d+))?、?(?:分工负责 (\d+))? 项$",
                           section, re.M)
        assert shown, district
        for name, slug, where, lead, joint in shown:
            assert name == dept_names[slug] and where == district
            assert [int(lead or 0), int(joint or 0)] == counts[slug], (district, slug)
        ranked = sorted((sum(n) for n in counts.values() if sum(n)), reverse=True)
        assert [int(lead or 0) + int(joint or 0) for _, _, _, lead, joint in shown] == ranked[:len(shown)]


def test_a_row_whose_title_repeats_its_category_is_named_by_its_text(real_index):
    """铜梁's task table prints 2025年目标指标 as a merged category cell over twelve rows; the YAML
    keeps it as each row's title. Named by it, every row read "8 2025年目标指标" in lists of links
    (可借鉴措施, a metric's target rows): the row's own text says what it is."""
    row = real_index.measure_by_key["tongliang-2021-climate-plan/task-8"]
    assert (row.measure.title, row.measure.category) == ("2025年目标指标", "2025年目标指标")
    assert row.label == "8 森林蓄积量达到160万立方米"
    same = [m for m in real_index.measures if m.measure.title is not None and m.measure.title == m.measure.category]
    assert len(same) == 12 and not any("2025年目标指标" in m.label for m in same)


def test_a_label_made_of_damaged_print_says_it_is_our_reading(docs, real_index, render):
    """A label (lists, headings, links) stands away from the printed text beside which the document
    page writes its reading, so a label made of a reading that differs from the print says so:
    〔识读〕, or 〔识读存疑〕 when the editors doubt it. Labels of undamaged items carry no mark."""
    from generator.pages.theme import theme_district_pages

    labels = {me.key: me.label for me in real_index.measures}
    # 黔江's OCR copy: row 12's text is printed 实施做除药减量增效 (a doubtful reading), row 74's 充电郸出设施
    assert labels["qianjiang-2022-24/task-12"].endswith("〔识读存疑〕")
    assert labels["qianjiang-2022-24/task-74"].endswith("〔识读〕")
    damaged = {f"{doc['id']}/{m['id']}" for doc in docs for m in doc["measures"]
               if any(isinstance(m.get(k), dict) for k in ("title", "text"))}
    assert all("〔识读" not in label for key, label in labels.items() if key not in damaged)
    pages = "".join(map(render, theme_district_pages(real_index, "agriculture", "qianjiang")))
    assert labels["qianjiang-2022-24/task-12"] in pages


def test_a_district_page_explains_reading_marks_in_each_section_that_shows_them(real_index, render):
    """The tester's report: 黔江's page links to items named 〔识读〕 with nothing to say what it means.
    In each section of a district page whose links end in 〔识读〕 or 〔识读存疑〕, a one-line note
    above them says so and links to the about page's section; a section without any has no note."""
    from generator.pages.district import district_page

    LINK_READ = re.compile(r"\[[^\]]*〔识读(存疑)?〕\]\(")
    about = (ROOT / "content" / "about.md").read_text(encoding="utf-8")
    assert "{ #readings }" in about
    noted = 0
    for d in real_index.districts:
        text = render(district_page(real_index, d.slug))
        for section in re.split(r"^## ", text, flags=re.M)[1:]:
            lines = section.splitlines()
            marked = [i for i, line in enumerate(lines) if LINK_READ.search(line)]
            notes = [i for i, line in enumerate(lines) if line.startswith("标题后的〔识读〕")]
            assert len(notes) == (1 if marked else 0), (d.slug, lines[0], notes, marked)
            if marked:
                assert notes[0] < marked[0] and lines[notes[0] + 1] == "{: .cs-legend }"
                assert "](../about.md#readings)" in lines[notes[0]]
                noted += 1
    assert noted >= 1  # 黔江's 可借鉴措施 (its targets' sources are cited by their printed numbers)


def test_a_department_page_names_as_printed_only_what_a_document_prints(docs, real_index, render):
    """原文写法 on a department page: names some source text prints (or the reading of a damaged
    print); names registered for documents to come (区发改委) are listed apart as 另登记的写法."""
    from generator.pages.department import department_page

    sources = "".join(p.read_text(encoding="utf-8") for p in sorted((DATA / "sources").glob("*.txt")))
    readings = {u["reading"] for doc in docs for m in doc["measures"] for role in ("lead", "support", "joint")
                for u in (m.get("responsibility") or {}).get(role) or [] if isinstance(u, dict)}
    registered_apart = 0
    for dept in real_index.departments:
        text = render(department_page(real_index, dept.slug))
        line = next(x for x in text.splitlines() if "**原文写法**" in x or "**另登记的写法**" in x)
        printed_part, _, apart = line.partition("**另登记的写法**")
        for name in re.findall(r"“([^”]+)”", printed_part):
            assert name in sources or name in readings, (dept.slug, name)
        registered_apart += len(re.findall(r"“([^”]+)”", apart))
    assert registered_apart  # 区发改委 and 区经信委 are registered but printed by none of the five documents


def test_a_department_page_and_its_search_result_agree_on_what_is_printed(docs, real_index, render):
    """The tester's report: the search result of 发展改革委 called 区发改委 a 原文写法, while its page
    said 区发展改革 (printed in 铜梁's task table, read 区发展改革委) appears in no document. From the
    YAML: a name is printed when some responsibility list prints it (as printed, or as read where the
    print is damaged); the page's 另登记的写法 are printed nowhere, and the search result names the
    same 原文写法 as the page, the others apart."""
    from generator.pages.department import department_page
    from generator.search.records import records

    units: dict[str, set[str]] = {}  # department slug → every name its units are printed or read as
    aliases = raw_aliases()
    for doc in docs:
        for m in doc["measures"]:
            for role in ("lead", "support", "joint"):
                for u in (m.get("responsibility") or {}).get(role) or []:
                    names = {u["printed"], u["reading"]} if isinstance(u, dict) else {u}
                    slug = aliases.get(u["reading"] if isinstance(u, dict) else u)
                    if slug:
                        units.setdefault(slug, set()).update(names)
    cards = {r.id: r.display["x"] for r in records(real_index) if r.kind == "department"}
    for dept in real_index.departments:
        line = next(x for x in render(department_page(real_index, dept.slug)).splitlines()
                    if "**原文写法**" in x or "**另登记的写法**" in x)
        printed_part, _, apart = line.partition("**另登记的写法**")
        printed = re.findall(r"“([^”]+)”", printed_part)
        unprinted = re.findall(r"“([^”]+)”", apart)
        assert set(printed) == set(dept.aliases) & units.get(dept.slug, set()), dept.slug
        assert not set(unprinted) & units.get(dept.slug, set()), (dept.slug, unprinted)
        card = cards[f"department:{dept.slug}"]
        said = re.search(r"；原文写法：([^；]+)", card)
        assert (said.group(1) if said else "") == "、".join(printed), (dept.slug, card)
        said = re.search(r"；另登记的写法（本站现有文件中未出现）：([^；]+)", card)
        assert (said.group(1) if said else "") == "、".join(unprinted), (dept.slug, card)
    fazhan = real_index.alias_use("fazhan-gaige")
    assert [name for name, _ in fazhan[0]] == ["区发展改革委", "区发展改革"] and fazhan[1] == ("区发改委",)


def test_a_document_number_the_copy_does_not_print_says_so_in_every_list(docs, real_index, render):
    """黔江's copy prints no 文号 (doc_number_printed: false): the documents list and its district's
    page say 原文未印 beside the number, as its own page does."""
    from generator.pages.district import district_page
    from generator.pages.document import pages

    unprinted = [doc for doc in docs if doc.get("doc_number_printed") == "false"]
    assert unprinted
    listing = render(next(p for p in pages(real_index, len(real_index.documents)) if p.path == "documents/index.md"))
    for doc in unprinted:
        district = render(district_page(real_index, doc["district"]))
        for text in (listing, district):
            assert f"{doc['doc_number']}（原文未印）" in text
    for doc in docs:
        if doc.get("doc_number_printed") != "false" and doc.get("doc_number"):
            assert f"{doc['doc_number']}（原文未印）" not in listing


def test_units_a_document_calls_responsible_after_the_lead_are_filed_as_support_in_its_own_word(docs, real_index):
    """永川 and 江津 print （牵头单位：…，责任单位：…）: the site files the units after the lead under
    配合 and says the document's word beside it; a clause that prints 配合 keeps the plain label."""
    from generator.pages.common import measure_view

    relabelled = plain = 0
    for doc in docs:
        for m in doc["measures"]:
            resp = m.get("responsibility") or {}
            clause = resp.get("clause") or ""
            clause = clause["printed"] if isinstance(clause, dict) else clause
            if not resp.get("support"):
                continue
            labels = [r.label for r in measure_view(real_index, real_index.measure(f"{doc['id']}/{m['id']}")).roles]
            if "责任单位" in clause and "配合" not in clause:
                assert "配合（原文作“责任单位”）" in labels, m["id"]
                relabelled += 1
            else:
                assert "配合" in labels, m["id"]
                plain += 1
    assert relabelled and plain


def test_a_target_stated_in_different_words_shows_each_wording(docs, real_index, render):
    """One target stated several times (main text, indicator table, annex) is counted once; where the
    statements word it differently (铜梁: 达到20%及以上, 20%, 大于20%) its metric page names the
    other wordings beside the first, so a stricter or looser statement is not hidden."""
    from generator.pages.metric import metric_page

    groups: dict[tuple, list[dict]] = defaultdict(list)
    for doc in docs:
        for m in doc["measures"]:
            for t in m.get("targets", []):
                groups[dedup_key(doc["district"], t)].append(t)
    worded = [ts for ts in groups.values() if len({t.get("comparator", "=") for t in ts}) > 1]
    assert worded  # 铜梁's public-transport share
    for ts in worded:
        page = render(metric_page(real_index, ts[0]["metric"]))
        assert "他处写作" in page
        for comparator in {t.get("comparator", "=") for t in ts} - {"="}:
            assert f"{comparator.replace('>', '&gt;').replace('<', '&lt;')}{ts[0]['value']}" in page


def test_a_district_with_several_targets_for_one_metric_quotes_each(docs, real_index, render):
    """铜梁 sets 50 scattered, 100 dedicated and 2000 public charging piles: a metric page row with
    several targets quotes the printed words of each, so that 50个 and 100个 are not a riddle."""
    from generator.pages.metric import metric_page

    by_metric_district: dict[tuple, dict[tuple, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        for m in doc["measures"]:
            for t in m.get("targets", []):
                clause = t["clause"]["printed"] if isinstance(t["clause"], dict) else t["clause"]
                by_metric_district[(t["metric"], doc["district"])][dedup_key(doc["district"], t)].append(clause)
    several = {key: groups for key, groups in by_metric_district.items() if len(groups) > 1}
    assert ("public-charging-piles", "tongliang") in several
    for (metric, district), groups in several.items():
        row = next(line for line in render(metric_page(real_index, metric)).splitlines() if f'<span id="{district}">' in line)
        row = re.sub(r"\\(.)", r"\1", row)  # Markdown's escapes (\( \[) off
        for clauses in groups.values():
            assert any(f"“{c}”" in row for c in clauses), (metric, district, clauses)


def test_a_target_clause_that_holds_quotation_marks_is_not_wrapped_in_more_of_them(real_index, render):
    """黔江 prints “十四五”期间,建设充电…: the target line read 原文：““十四五”期间…” (a user test). A clause
    holding “ or ” is set in 「」 instead; every other clause stays in “”."""
    from generator.pages import document

    pages = [p for p in document.pages(real_index)]
    text = "\n".join(render(p) for p in pages)
    assert "原文：““" not in text and "””（" not in text and "”” —" not in text
    nested = re.findall(r"原文：「[^」\n]*」", text)
    assert nested and all("“" in q or "”" in q for q in nested)
    assert all("“" not in q[4:-1] for q in re.findall(r"原文：“[^”\n]*”", text))


def test_a_value_printed_but_unreadable_is_not_said_to_be_missing(docs, real_index):
    """铜梁's 「淘汰燃煤锅炉20160蒸吨」 prints a value the editors cannot read (value null, `uncertain`):
    the downloads said 未给出数值, as if the document set no figure (a user test). Read from the YAML:
    every target with no value that the editors doubt reads 数值无法确定 in the targets table, and one
    with no value they do not doubt (none today) would read 未给出数值."""
    import csv
    import io

    from generator.opendata import output

    unreadable = {(doc["id"], m["id"], t["metric"]) for doc in docs for m in doc["measures"]
                  for t in m.get("targets") or [] if t.get("value") in (None, "null") and t.get("uncertain") == "true"
                  and t.get("set_by_municipality") != "true"}
    assert unreadable  # 铜梁's coal boilers
    rows = list(csv.DictReader(io.StringIO(dict(output.files(real_index))["data/v1/targets.csv"].decode("utf-8-sig"))))
    shown = {(r["document"], r["measure"].rsplit("/", 1)[1], r["metric"]): r["value_text"] for r in rows}
    for key in unreadable:
        assert shown[key].startswith("数值无法确定"), (key, shown[key])
    assert not any(v.startswith("未给出数值") for k, v in shown.items() if k in unreadable)
