"""The compare view as an official tested it on a phone and a desktop (the third user test):

* the 查找 box understands department names and the role words 牵头/配合 as the site search does
  (发改委 牵头 光伏: the measures whose lead units include the 发展改革委, holding 光伏 or its other
  wordings), and what it cannot find it says, with links to the site search for the same words in
  each district, never a bare 0;
* a metric's summary tells a district's several targets apart by their printed clauses, and names
  the document where they come from more than one;
* a theme's targets are grouped by metric, in the registry's order.

Every expectation is computed from the raw YAML (yaml.safe_load of site_data), not from the code
under test.

Run alone with: .venv/bin/python -m pytest tests/test_compare_official_browser.py
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
import yaml

from tests.conftest import DATA, build_docs

pytestmark = pytest.mark.browser

DISTRICTS = ("jiangjin", "tongliang", "yongchuan")
ELLIPSIS = "……"


def light(text: str) -> str:
    """The box's light normalisation: NFKC, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def documents(data: Path = DATA) -> list[dict]:
    return [load(p) for p in sorted((data / "documents").glob("*/*.yaml"))]


def read(value) -> str:
    """A quote as read: a plain string, or the reading of a damaged print."""
    if value is None:
        return ""
    return value["reading"] if isinstance(value, dict) else str(value)


def printed_text(value) -> str:
    if value is None:
        return ""
    return value["printed"] if isinstance(value, dict) else str(value)


def groups(doc: dict) -> list[list[dict]]:
    """Distinct measures: a measure that implements nothing with the table rows that implement it."""
    rows_of: dict[str, list[dict]] = defaultdict(list)
    for m in doc["measures"]:
        for target in m.get("implements") or []:
            rows_of[target].append(m)
    return [[m, *rows_of[m["id"]]] for m in doc["measures"] if not m.get("implements")]


def department_words(name: str) -> list[str]:
    """A department's names, as the site search's groups hold them (departments.yaml)."""
    dept = next(d for d in load(DATA / "departments.yaml")["departments"] if name in (d.get("colloquial") or []))
    return [light(w) for w in (dept["name"], dept["full_name"], *dept["aliases"], *(dept.get("colloquial") or []))]


def dept_slug(name: str) -> str:
    return next(d["slug"] for d in load(DATA / "departments.yaml")["departments"] if name in (d.get("colloquial") or []))


def synonyms(word: str) -> list[str]:
    group = next(g for g in load(DATA / "synonyms.yaml")["synonyms"] if word in g["terms"])
    return [light(w) for w in group["terms"]]


def unit_departments(group: list[dict], role: str) -> set[str]:
    aliases = {a: d["slug"] for d in load(DATA / "departments.yaml")["departments"] for a in d["aliases"]}
    return {aliases[read(u)] for m in group for u in ((m.get("responsibility") or {}).get(role) or [])}


def holds(group: list[dict], words: list[str]) -> bool:
    texts = [light(read(m.get("title")) + read(m.get("text"))) for m in group]
    texts += [light(m["project"]["name"]) for m in group if m.get("project")]
    return any(w in t for t in texts for w in words)


def key_of(href: str) -> tuple[str, str]:
    """(document id, measure id) of an item's link: ../documents/<doc>/[part/]#<measure>."""
    url = urlparse(href)
    return url.path.split("documents/")[1].split("/")[0], url.fragment


def unit_names(group: list[dict]) -> list[str]:
    """The names of the group's units, as printed and read, each light."""
    return [light(f(u)) for m in group for role in ("lead", "support", "joint")
            for u in (m.get("responsibility") or {}).get(role) or [] for f in (read, printed_text)]


def expected(doc: dict, dept: str, roles: tuple[str, ...], words: list[tuple[list[str], bool]], truth) -> set[tuple[str, str]]:
    """The document's distinct measures that the department's units in one of `roles` and every word
    find. A word (its group of words, light; and whether it is a district's name that picks the
    document's district) is held in the title or text of the measure or of a row carrying it out, or in
    one of their units' names; a word that picks the district, by every measure. The search's rule
    for a measure whose main text names no unit and that two or more rows carry out (truth.rows, the
    search's ground truth, tests/test_search_truth.py): found by the department only through one row
    that itself holds every word and has the department's unit in the role. 铜梁's 大力发展非化石能源:
    its 光伏 row is led by 区农业农村委、区文化旅游委, 区发展改革委 leads its grid rows, so 发改委 牵头
    光伏 does not find it."""
    found = set()
    for group in groups(doc):
        rows = truth.rows.get(f"{doc['id']}/{group[0]['id']}")
        parts = [[m for m in group if f"{doc['id']}/{m['id']}" == row] for row in rows] if rows else [group]
        if any(any(dept in unit_departments(part, role) for role in roles)
               and all(picks or holds(part, alts) or any(a in n for a in alts for n in unit_names(part)) for alts, picks in words)
               for part in parts):
            found.add((doc["id"], group[0]["id"]))
    return found


def expected_by_role(slug: str, dept: str, role: str, word: str, truth) -> set[tuple[str, str]]:
    """The district's distinct measures one of whose units in `role` is the department, holding the
    word or another of its group in the title or text of the measure or of a row carrying it out (a
    measure whose units are all its rows': of one row that the department's unit has the role in)."""
    found = set()
    for doc in documents():
        if doc["district"] == slug:
            found |= expected(doc, dept, (role,), [(synonyms(word), False)], truth)
    return found


READ_COLUMNS = """() => [...document.querySelectorAll('.cmp-col')].map(c => ({
  heading: (c.querySelector('h3') || {}).textContent || '',
  none: [...c.querySelectorAll('.cmp-none')].map(p => p.textContent).join(''),
  links: [...c.querySelectorAll('.cmp-elsewhere a')].map(a => a.getAttribute('href')),
  items: [...c.querySelectorAll('.cmp-items > li')].map(li => ({
    href: li.querySelector('a').getAttribute('href'),
    marks: [...li.querySelectorAll('.cmp-lead mark')].map(m => m.textContent)}))}))"""


@pytest.mark.parametrize("role, role_name", [("lead", "牵头"), ("support", "配合")])
def test_department_and_role_words_find_measures_by_their_units(site_url, chromium, truth, role, role_name):
    """发改委 牵头 光伏 (the query the home page teaches) lists in each column the measures the
    发展改革委 leads that hold 光伏 or 太阳能; 配合 those it supports. The department is found by its
    units' names (none of these measures prints 发改委), the role word filters, not searched as text."""
    words = ["发改委", role_name, "光伏"]
    dept = dept_slug("发改委")
    want = {slug: expected_by_role(slug, dept, role, "光伏", truth) for slug in DISTRICTS}
    assert any(want.values())
    # the search's example: found only through one of its rows, none of which the 发展改革委 leads and holds 光伏
    assert ("tongliang-2021-climate-plan", "c3-3-1") not in want["tongliang"]
    for width in (390, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
        try:
            page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&q=" + quote(" ".join(words)))
            page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {len(DISTRICTS)}")
            columns = page.evaluate(READ_COLUMNS)
            status = page.inner_text(".cmp-status")
            for slug, column in zip(DISTRICTS, columns, strict=True):
                assert {key_of(i["href"]) for i in column["items"]} == want[slug], (slug, role)
                assert column["heading"].endswith(f"的措施 {len(want[slug])} 项") and role_name in column["heading"]
                # the department's unit is marked in its line
                for item in column["items"]:
                    assert any(light(m) in department_words("发改委") or any(w in light(m) for w in department_words("发改委"))
                               for m in item["marks"]), (slug, item)
                if not want[slug]:  # never a bare 0: said, with the site search for the same words there
                    assert column["none"] and column["links"]
            assert "按责任角色筛选" in status
            names = {d["slug"]: d["name"] for d in load(DATA / "districts.yaml")["districts"]}
            assert all(f"{names[s]} {len(want[s])} 项" in status for s in DISTRICTS)
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        finally:
            page.close()


def test_a_district_that_does_not_divide_lead_from_support_is_said_not_to_where_a_role_word_hides_its_measures(
        site_url, chromium, truth):
    """A user test: 黔江's column said 「另有 1 项…「发改委」不是其牵头单位」, so the official concluded 黔江's
    发展改革委 does not lead 光伏 work; 黔江's document names one list of units, neither 牵头 nor 配合. For
    each district none of whose documents names a 牵头 or 配合 unit (read from the YAML), whose measures
    with 发展改革委 as 分工负责 发改委 牵头 leaves out, the note says the document does not divide them and
    how to see them; a district that divides them never says so."""
    dept = dept_slug("发改委")
    undivided = {d["district"] for d in documents()} - {
        d["district"] for d in documents() for m in d["measures"]
        if (m.get("responsibility") or {}).get("lead") or (m.get("responsibility") or {}).get("support")}
    assert undivided  # 黔江
    shown = ("jiangjin", *sorted(undivided))
    # the measures 发改委 牵头 leaves out for the role alone: the department's unit is 分工负责 there
    hidden = {slug: set().union(*(expected(doc, dept, ("joint",), [], truth) for doc in documents() if doc["district"] == slug))
              for slug in undivided}
    assert all(hidden.values())
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "compare/?d=" + ",".join(shown) + "&q=" + quote("发改委 牵头"))
        page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {len(shown)}")
        notes = page.evaluate("() => [...document.querySelectorAll('.cmp-col')].map(c => "
                              "[...c.querySelectorAll('.cmp-note')].map(p => p.textContent).join(' '))")
    finally:
        page.close()
    for slug, note in zip(shown, notes, strict=True):
        if slug in undivided:
            assert "原文未分牵头与配合" in note and "分工负责" in note and "不是其牵头单位" not in note, (slug, note)
        else:
            assert "原文未分牵头与配合" not in note, (slug, note)


def test_a_districts_name_picks_the_district_and_is_no_units_name(site_url, chromium, truth):
    """江津 发改委 牵头 lists 江津's measures the 发展改革委 leads, as the site search does (a district's
    name or alias picks the district, never a unit): not those led by 人行江津中心支行 or
    江津区规划和自然资源局 with 发改委 supporting; 铜梁 lists those that name 江津 and that 发改委 leads."""
    picked = ("jiangjin", "tongliang")
    dept = dept_slug("发改委")
    district = next(d for d in load(DATA / "districts.yaml")["districts"] if d["slug"] == "jiangjin")
    names = [light(n) for n in (district["name"], *(district.get("aliases") or []))]
    want = {slug: {key for doc in documents() if doc["district"] == slug
                   for key in expected(doc, dept, ("lead",), [(names, slug == "jiangjin")], truth)} for slug in picked}
    assert want["jiangjin"]
    # a measure led by a unit that bears the district's name, 发改委 supporting: the box once listed it
    assert any(doc["district"] == "jiangjin" and dept in unit_departments(group, "support")
               and (doc["id"], group[0]["id"]) not in want["jiangjin"]
               and any(n in light(read(u)) for n in names for m in group for u in (m.get("responsibility") or {}).get("lead") or [])
               for doc in documents() for group in groups(doc))
    for width in (390, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
        try:
            page.goto(site_url + "compare/?d=" + ",".join(picked) + "&q=" + quote("江津 发改委 牵头"))
            page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {len(picked)}")
            columns = page.evaluate(READ_COLUMNS)
            for slug, column in zip(picked, columns, strict=True):
                assert {key_of(i["href"]) for i in column["items"]} == want[slug], slug
                assert column["heading"].endswith(f"的措施 {len(want[slug])} 项")
            assert "「发改委」牵头" in page.inner_text(".cmp-result") and "「江津」「发改委」牵头" not in page.inner_text(".cmp-result")
        finally:
            page.close()


def test_a_measure_whose_units_are_its_rows_is_found_through_one_row_without_a_role_word_too(site_url, chromium, truth):
    """发改委 光伏, no role word: 铜梁's 大力发展非化石能源 holds both, but no row of it holds 光伏 and
    names the 发展改革委, so the site search does not find it; neither does the box, which says so."""
    key = ("tongliang-2021-climate-plan", "c3-3-1")
    assert "/".join(key) in truth.rows
    assert "/".join(key) not in truth("发改委 光伏")
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "compare/?d=jiangjin,tongliang&q=" + quote("发改委 光伏"))
        page.wait_for_function("document.querySelectorAll('.cmp-col').length === 2")
        tongliang = page.evaluate(READ_COLUMNS)[1]
        assert key not in {key_of(i["href"]) for i in tongliang["items"]}
        assert tongliang["items"]
        notes = page.evaluate("[...[...document.querySelectorAll('.cmp-col')][1].querySelectorAll('.cmp-note')].map(p => p.textContent)")
        assert any("附表行" in n for n in notes), notes
    finally:
        page.close()


def test_a_role_word_alone_asks_for_a_department_or_topic(site_url, chromium):
    """牵头 alone finds nothing to compare: the view says so as the site search does, and stays unfiltered."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&q=" + quote("牵头"))
        page.wait_for_selector(".cmp-table")
        status = page.inner_text(".cmp-status")
        assert "「牵头」按责任角色筛选" in status and "发改委 牵头" in status
    finally:
        page.close()


def test_what_the_view_cannot_find_is_said_with_links_to_the_site_search(site_url, chromium):
    """A word that no measure of the districts picked holds in its title, text or units is named, and
    each district's site search for the same words (d=) is linked, in the columns too; the link opens
    the search with those words and that district."""
    typed = "发改委 牵头 氢燃料电池船"
    assert not any(light("氢燃料电池船") in light(yaml.safe_dump(doc, allow_unicode=True)) for doc in documents())
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&q=" + quote(typed))
        page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {len(DISTRICTS)}")
        note = page.inner_text(".cmp-elsewhere-box")
        assert "「氢燃料电池船」不在所选区县" in note and "全站搜索" in note
        links = page.eval_on_selector_all(".cmp-elsewhere-box a", "as => as.map(a => a.getAttribute('href'))")
        assert [parse_qs(urlparse(h).query) for h in links] == [{"q": [typed], "d": [slug]} for slug in DISTRICTS]
        for column in page.evaluate(READ_COLUMNS):
            assert column["heading"].endswith(" 0 项") and "没有" in column["none"] and len(column["links"]) == 1
        page.click(".cmp-elsewhere-box a >> nth=1")
        page.wait_for_url("**/search/**")
        page.wait_for_function("document.querySelector('#cs-district') && document.querySelector('#cs-district').value === 'tongliang'")
        assert page.input_value("#cs-q") == typed
        assert parse_qs(urlparse(page.url).query)["q"] == [typed]
    finally:
        page.close()


def raw_targets(data: Path, slug: str, metric: str) -> list[tuple[dict, dict]]:
    """(document, target) of the district's targets of the metric, as printed."""
    return [(doc, t) for doc in documents(data) if doc["district"] == slug
            for m in doc["measures"] for t in (m.get("targets") or []) if t["metric"] == metric]


BRIEF_LINES = """() => [...document.querySelectorAll('.cmp-brief tr')].map(tr => ({
  district: tr.querySelector('th').textContent,
  lines: [...tr.querySelectorAll('td > div')].map(d => ({
    value: (d.querySelector('strong') || {}).textContent || '',
    clause: (d.querySelector('.cmp-clause') || {}).textContent || '',
    document: (d.querySelector('.cmp-doc') || {}).textContent || ''})).filter(l => l.value)}))"""


def shown_clause_fits(shown: str, clause: str) -> bool:
    """The clause shown is the printed clause, or printed pieces of it with ELLIPSIS where words are left out."""
    assert shown.startswith("“") and shown.endswith("”"), shown
    pieces = [p for p in shown[1:-1].split(ELLIPSIS) if p]
    text = " ".join(clause.split())
    return bool(pieces) and all(p.strip("…") in text for p in pieces)


def test_a_metric_summary_says_who_answers_for_each_target_as_the_row_that_states_it(site_url, chromium):
    """The second user test: the compare view's target summaries named nobody, while the metric pages
    name who answers for each target. 铜梁's 50 and 100 charging piles: the annex row whose text holds
    each clause (read from the YAML) names the lead units the line gives, by the row's number."""
    doc = next(d for d in documents() if d["id"] == "tongliang-2021-climate-plan")
    want = {}
    for clause in ("建成分散充电桩50个", "专属充电桩100个"):
        (row,) = [m for m in doc["measures"] if m["kind"] == "task" and clause in read(m["text"])
                  and any(clause in read(t["clause"]) for t in m.get("targets") or [])]
        leads = [read(u) for u in row["responsibility"]["lead"]]
        want[clause[-4:]] = (row["number"], leads)
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(site_url + "compare/?d=jiangjin,tongliang&m=public-charging-piles")
        page.wait_for_selector(".cmp-brief .cmp-who")
        lines = page.evaluate("""() => [...document.querySelectorAll('.cmp-brief tr')].filter(tr => tr.querySelector('th').textContent === '铜梁区')
          .flatMap(tr => [...tr.querySelectorAll('td > div')]).map(d => [d.textContent, (d.querySelector('.cmp-who') || {}).textContent || ''])""")
    finally:
        page.close()
    for tail, (number, leads) in want.items():
        (who,) = [w for text, w in lines if tail in text]
        assert f"第 {number} 行" in who and who.endswith("：" + "、".join(leads)), (tail, who)


@pytest.mark.parametrize("metric, words", [("new-energy-vehicles-added", ("农村客车", "推广", "更新")),
                                           ("public-charging-piles", ("分散", "专属", "公用"))])
def test_a_metric_summary_tells_a_districts_several_targets_apart(site_url, chromium, metric, words):
    """铜梁's three 新能源汽车 targets (34台 / 75台 / 99台) and three 充电桩 targets (50个 / 100个 /
    2000个): each value comes with its printed clause, which names what is counted."""
    raw = raw_targets(DATA, "tongliang", metric)
    by_value = defaultdict(list)
    for _, t in raw:
        by_value[str(t["value"])].append(printed_text(t["clause"]))
    assert len(by_value) == 3
    for width in (390, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
        try:
            page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&m=" + metric)
            page.wait_for_selector(".cmp-brief")
            rows = {r["district"]: r["lines"] for r in page.evaluate(BRIEF_LINES)}
            lines = rows["铜梁区"]
            assert len(lines) == 3
            for line in lines:
                value = next(v for v in by_value if line["value"].startswith(v))
                assert any(shown_clause_fits(line["clause"], c) for c in by_value[value]), line
                assert value in line["clause"]
                assert line["document"] == ""  # one document: not named
            # the words that tell them apart are kept, one per line
            assert sorted(next(i for i, w in enumerate(words) if w in line["clause"]) for line in lines) == [0, 1, 2]
            # a district with one target of the metric shows its value alone
            assert all(not line["clause"] for name, ls in rows.items() if name != "铜梁区" and len(ls) == 1 for line in ls)
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        finally:
            page.close()


def test_a_themes_targets_are_grouped_by_metric_in_registry_order(site_url, chromium):
    """With a theme chosen each column's 量化目标 come under their metric's name, once each, the
    metrics in metrics.yaml's order: the ones of the theme the district sets a target for."""
    metrics = load(DATA / "metrics.yaml")["metrics"]
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "compare/?d=" + ",".join(DISTRICTS) + "&t=energy")
        page.wait_for_function(f"document.querySelectorAll('.cmp-col').length === {len(DISTRICTS)}")
        shown = page.eval_on_selector_all(".cmp-col", "cs => cs.map(c => [...c.querySelectorAll('h4.cmp-metric')].map(h => h.textContent))")
        for slug, headings in zip(DISTRICTS, shown, strict=True):
            set_here = {t["metric"] for _, t in ((d, t) for d in documents() if d["district"] == slug
                                                for m in d["measures"] for t in (m.get("targets") or []))}
            want = [m["name"] for m in metrics if "energy" in m["themes"] and m["slug"] in set_here]
            assert headings == want, slug
        # the energy-intensity targets, no longer scattered: a single group per column
        assert all(h.count("单位地区生产总值能耗降低") <= 1 for h in shown)
    finally:
        page.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A site of two synthetic districts that each hold every real document (generator.synth): a
    district then has targets of one metric from several documents. (base URL, data folder)."""
    from generator.bench import serve
    from generator.site import engine_build
    from generator.synth import synthesize

    work = tmp_path_factory.mktemp("synthetic")
    synthesize(DATA, work / "data", 2)
    build_docs(work / "data", work / "docs")
    engine_build(work / "docs", work / "site")
    with serve(work / "site") as base:
        yield base, work / "data"


def test_targets_from_several_documents_name_their_document(synthetic, chromium):
    """A district whose 能耗降低 targets come from several documents (≥16% and 14.5%) names each
    line's document by its short title; the clause tells them apart too."""
    base, data = synthetic
    slugs = [d["slug"] for d in load(data / "districts.yaml")["districts"]]
    names = {d["slug"]: d["name"] for d in load(data / "districts.yaml")["districts"]}
    raw = raw_targets(data, slugs[0], "energy-intensity-reduction")
    titles = {doc["short_title"] for doc, _ in raw}
    assert len(titles) > 1
    for width in (390, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
        try:
            page.goto(base + "compare/?d=" + ",".join(slugs) + "&m=energy-intensity-reduction")
            page.wait_for_selector(".cmp-brief")
            lines = {r["district"]: r["lines"] for r in page.evaluate(BRIEF_LINES)}[names[slugs[0]]]
            assert {line["document"] for line in lines} == {f"《{t}》" for t in titles}
            for line in lines:
                title = line["document"][1:-1]
                clauses = [printed_text(t["clause"]) for doc, t in raw if doc["short_title"] == title]
                assert any(shown_clause_fits(line["clause"], c) for c in clauses), line
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        finally:
            page.close()
