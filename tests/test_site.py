"""The real site: strict MkDocs build with no warning, every page kind present, every measure
on its document page with its units exactly as printed."""
from __future__ import annotations

import html
import re

import pytest

from generator.index import KIND_LABELS

from .conftest import DATA


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_strict_build_has_no_warning(site):
    log = (site.parent / "mkdocs.log").read_text(encoding="utf-8")
    assert [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))] == []


@pytest.mark.parametrize("path", [
    "", "districts", "districts/jiangjin", "documents", "documents/jiangjin-2022-57",
    "sources/jiangjin-2022-57", "themes", "themes/energy", "departments", "departments/fazhan-gaige",
    "metrics", "metrics/energy-intensity-reduction", "compare", "themes/energy/jiangjin", "departments/fazhan-gaige/tongliang",
    "documents/tongliang-2021-climate-plan/2", "sources/tongliang-2021-climate-plan/2", "data",
    "about", "editor-guide", "data-dictionary",
])
def test_page_kinds_exist(site, path):
    assert "区县双碳政策对照" in page(site, path)


def test_every_measure_is_on_its_document_page_with_units_as_printed(site, real_index):
    for doc in real_index.documents:
        for me in real_index.measures_by_document[doc.id]:
            text = page(site, me.url.site_path.split("#")[0].rstrip("/"))
            match = re.search(rf'<h3 id="{re.escape(me.measure.id)}">(.*?)(?=<h[23] |</article>)', text, re.S)
            assert match, f"{me.key} has no heading"
            block = html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
            for unit in me.units:
                assert unit.printed in block or unit.reading in block, f"{me.key}: {unit.printed}"


def test_source_page_has_paragraph_anchors_and_measures_link_to_them(site, real_index):
    for doc in real_index.documents:
        for me in real_index.measures_by_document[doc.id]:
            target = doc.paragraph_url(me.source_paragraph)
            assert f'id="p{me.source_paragraph}"' in page(site, target.site_path.split("#")[0].rstrip("/"))


def test_counts_say_what_is_counted(site):
    text = page(site, "districts/tongliang")
    assert any(label in text for _, label in KIND_LABELS.values())
    assert "征求意见稿" in text


def test_draft_status_is_shown_wherever_the_draft_is_cited(site):
    assert "征求意见稿" in page(site, "documents/tongliang-2021-climate-plan")
    assert "征求意见稿" in page(site, "metrics/green-building-share")


def test_a_metric_page_names_the_districts_that_set_no_target_for_it(site):
    """Read from the YAML: the districts whose documents state a target of the metric."""
    import yaml

    docs = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (DATA / "documents").glob("*/*.yaml")]
    setters = {doc["district"] for doc in docs for m in doc["measures"] for t in m.get("targets", [])
               if t["metric"] == "non-fossil-energy-share"}
    names = {d["slug"]: d["name"] for d in yaml.safe_load((DATA / "districts.yaml").read_text(encoding="utf-8"))["districts"]}
    assert setters and set(names) - setters, "the real data has districts on both sides"
    text = html.unescape(re.sub(r"<[^>]+>", "", page(site, "metrics/non-fossil-energy-share")))
    line = next(line for line in text.splitlines() if line.startswith("未设定本指标的区县"))
    assert [n for n in names.values() if n in line] == [names[s] for s in names if s not in setters]


def test_no_external_resources(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text and "unpkg.com" not in text, path


# An item that starts with its own printed number: 1. / 12 / （三） / (一).
PRINTED_NUMBER = re.compile(r"[\d（(]")


def numbered_items_with_printed_numbers(page_html: str) -> list[str]:
    """Items of numbered lists (<ol>) whose text starts with a printed number: the list's own
    numbers would stand beside them ("7. 6. 扩大新型电子产品供给")."""
    found = []
    for ol in re.findall(r"<ol\b[^>]*>(.*?)</ol>", page_html, re.S):
        for li in re.findall(r"<li\b[^>]*>(.*?)</li>", ol, re.S):
            text = html.unescape(re.sub(r"<[^>]+>", "", li)).strip()
            if PRINTED_NUMBER.match(text):
                found.append(text[:40])
    return found


def test_numbered_lists_do_not_number_printed_numbers_again(site):
    assert numbered_items_with_printed_numbers("<ol><li><a>6. 打造</a></li><li>首页</li></ol><ul><li>（一） 加强</li></ul>") == ["6. 打造"]
    found = {p.relative_to(site).as_posix(): items for p in sorted(site.rglob("*.html"))
             if (items := numbered_items_with_printed_numbers(p.read_text(encoding="utf-8")))}
    assert found == {}, list(found.items())[:5]


def test_footer_is_chinese_on_every_page(site):
    """The theme's footer credit is English ("Made with Material for MkDocs"); the site says in
    Chinese what its texts and data are instead."""
    for path in sorted(site.rglob("*.html")):
        footer = re.search(r'<footer class="md-footer">(.*?)</footer>', path.read_text(encoding="utf-8"), re.S)
        if footer is None:  # a redirect stub
            continue
        text = re.sub(r"<[^>]+>", " ", footer.group(1))
        assert "Made with" not in text, path
        assert "政策原文以发文机关公开发布的版本为准" in text, path


# An attribute the reader sees (tooltip, screen-reader label, placeholder, image text) holding an
# English word of three letters or more ("Permanent link"); names such as CSV or VOCs stand alone.
ENGLISH_ATTRIBUTE = re.compile(r'\b(?:title|aria-label|placeholder|alt)="[^"]*\b[A-Za-z][a-z]{2,}\s+[A-Za-z][a-z]{2,}[^"]*"')


def test_tooltips_and_labels_are_chinese(site):
    assert ENGLISH_ATTRIBUTE.findall('<a title="Permanent link"><b aria-label="VOCs综合整治">') == ['title="Permanent link"']
    found = {p.relative_to(site).as_posix(): hits for p in sorted(site.rglob("*.html"))
             if (hits := ENGLISH_ATTRIBUTE.findall(p.read_text(encoding="utf-8")))}
    assert found == {}, list(found.items())[:5]


def test_source_pages_show_each_line_verbatim_with_export_bookmarks_set_apart(site, real_index):
    """A source page shows each non-empty line of the source file character for character; the
    bookmarks a DOCX export left at line starts ([bookmark: _Hlk…], 永川) are in a muted span of their own.
    Ground truth: the source files read here, line by line."""
    muted = expected = 0
    for doc in real_index.documents:
        lines = [line.strip() for line in (DATA / "sources" / doc.document.source.file).read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        expected += sum(line.count("[bookmark: ") for line in lines)  # all of them: each sits at a line start
        pages = [doc.source_url.site_path.rstrip("/")] + [p.url.site_path.rstrip("/") for p in doc.source_parts]
        shown: dict[int, str] = {}
        for path in pages:
            for number, body in re.findall(r'<p class="src" id="p(\d+)">(.*?)</p>', page(site, path), re.S):
                marks = re.findall(r'<span class="src-mark"[^>]*>(.*?)</span>', body)
                assert all(re.fullmatch(r"(?:\[bookmark: [^\]]*\])+", html.unescape(m)) for m in marks)
                muted += sum(html.unescape(m).count("[bookmark: ") for m in marks)
                text = re.sub(r'<span class="pno">.*?</span>\s*', "", body)
                text = re.sub(r"（→ .*$", "", text, flags=re.S)
                shown[int(number)] = html.unescape(re.sub(r"<[^>]+>", "", text))
        assert shown == {n: line for n, line in enumerate(lines, 1)}, doc.id
    assert muted > 0 and muted == expected


def test_documents_index_lists_every_document_in_one_sortable_table_from_its_districts_anchor(site):
    """At 50 districts the documents index was a heading and a table per district, 61 phone screens:
    it is one sortable table, a row per document, each district's documents together in registry
    order, the district's anchor (where the home page's counts link) on its first row, before the
    document's name (at the top of the row's entry on a phone, where a tap on the jump line brings it).
    The truth is read from the YAML files (district: of each document, names from districts.yaml)."""
    import yaml

    districts = yaml.safe_load((DATA / "districts.yaml").read_text(encoding="utf-8"))["districts"]
    names = {d["slug"]: d["name"] for d in districts}
    owned: dict[str, set[str]] = {}
    for path in sorted((DATA / "documents").rglob("*.yaml")):
        owned.setdefault(yaml.safe_load(path.read_text(encoding="utf-8"))["district"], set()).add(path.stem)
    text = page(site, "documents")
    assert text.count("<table>") == 1 and '<div class="sortable cs-sticky cs-doc-table">' in text
    rows = re.findall(r"<tr>\s*<td>((?:<span id=\"[^\"]+\"></span>)?)<a href=\"([^\"/]+)/\">[^<]+</a></td>\s*<td>(.*?)</td>", text, re.S)
    listed = [(re.search(r'href="\.\./districts/([^/]+)/">([^<]+)</a>', cell).groups(), doc)  # type: ignore[union-attr]
              for _, doc, cell in rows]
    assert sorted(doc for _, doc in listed) == sorted(doc for docs in owned.values() for doc in docs)
    order = [d["slug"] for d in districts if d["slug"] in owned]
    slugs = [slug for (slug, _), _ in listed]
    assert slugs == [slug for slug in order for _ in owned[slug]]  # together, in registry order
    assert all(name == names[slug] for (slug, name), _ in listed)
    assert all(doc in owned[slug] for (slug, _), doc in listed)
    anchored = [re.search(r'<span id="([^"]+)"></span>', span) for span, _, _ in rows]
    assert [k for k, a in enumerate(anchored) if a] == [k for k, slug in enumerate(slugs) if k == 0 or slugs[k - 1] != slug]
    assert [a.group(1) for a in anchored if a] == order


def test_no_page_ranks_targets_by_strength(site):
    """越有力度 (the larger, the stronger) is true of no metric across districts: a level says where a
    district starts (森林覆盖率 ≥65% against 50%), and a change depends on how much it had to change.
    No page of the built site says it."""
    saying = sorted(path.parent.relative_to(site).as_posix() for path in site.rglob("*.html")
                    if "越有力度" in path.read_text(encoding="utf-8"))
    assert not saying, saying


def _yaml_documents() -> list[dict]:
    import yaml

    return [yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            for path in sorted((DATA / "documents").glob("*/*.yaml"))]


def _read(quote) -> str:
    return quote["reading"] if isinstance(quote, dict) else quote


def _descendants(section: dict) -> list[str]:
    return [c["id"] for child in section.get("children", []) for c in [child] + [{"id": i} for i in _descendants(child)]]


def test_a_page_of_an_annex_is_named_with_the_annex_in_the_list_of_pages(site):
    """From the YAML: an annex is a top-level outline section numbered 附件 / 附表 / 附录; a page of a
    long document that holds a section inside an annex names that annex (number and title) in the
    document's list of pages, so its 一、… is not taken for the main text's."""
    checked = 0
    for doc in _yaml_documents():
        annexes = [s for s in doc["outline"] if (s["number"] or _read(s["title"])).startswith(("附件", "附表", "附录"))]
        overview = page(site, f"documents/{doc['id']}")
        rows = dict(re.findall(r'<td><a href="(\d+)/">第 \d+ 页</a></td>\s*<td>(.*?)</td>', overview, re.S))
        for number, cell in rows.items():
            anchors = set(re.findall(r'<h2 id="sec-([^"]+)"', page(site, f"documents/{doc['id']}/{number}")))
            for annex in annexes:
                if anchors & set(_descendants(annex)):
                    name = html.unescape(re.sub(r"<[^>]+>", "", cell))
                    assert annex["number"] in name and _read(annex["title"]) in name, (doc["id"], number, name)
                    checked += 1
    assert checked >= 5  # 黔江's 附件 fills its pages 3 to 7


def _measure_blocks(site, doc_id: str) -> dict[str, str]:
    """Each measure's HTML on a document's page or pages, from its heading to the next heading."""
    paths = [f"documents/{doc_id}"] + [f"documents/{doc_id}/{n}" for n in range(1, 100)
                                       if (site / "documents" / doc_id / str(n) / "index.html").exists()]
    return {found.group(1): found.group(2) for path in paths
            for found in re.finditer(r'<h3 id="([^"]+)">(.*?)(?=<h[23] |</article>)', page(site, path), re.S)}


def _paragraph_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def test_a_source_link_names_every_paragraph_the_text_runs_over(site):
    """From the YAML and the source texts: where a measure's printed text (its pieces joined by `…`)
    starts in one paragraph (non-empty line) of the source and ends in a later one, its 出处 link
    names both (原文第 4–5 段) and opens at the first (#p4); where it lies in one, it names that one.
    Only texts whose first piece occurs once in the source are taken (no doubt where they are)."""
    spans = 0
    for doc in _yaml_documents():
        source = (DATA / "sources" / doc["source"]["file"]).read_text(encoding="utf-8")
        starts, offset = [], 0
        for line in source.splitlines(keepends=True):
            if line.strip():
                starts.append(offset)
            offset += len(line)
        blocks = _measure_blocks(site, doc["id"])
        for m in doc["measures"]:
            text = m["text"]["printed"] if isinstance(m["text"], dict) else m["text"]
            pieces = text.split("…")
            if source.count(pieces[0]) != 1:
                continue
            begin = source.index(pieces[0])
            end = begin + len(pieces[0])
            for piece in pieces[1:]:
                end = source.index(piece, end) + len(piece)
            first, last = _paragraph_of(starts, begin), _paragraph_of(starts, end - 1)
            block = blocks[m["id"]]
            href, name = re.search(r'出处</strong>：<cite>[^<]*</cite> · <a href="([^"]+)">([^<]+)</a>', block).groups()
            assert name == (f"原文第 {first}–{last} 段" if last > first else f"原文第 {first} 段"), (doc["id"], m["id"])
            assert href.endswith(f"#p{first}"), (doc["id"], m["id"], href)
            spans += last > first
    assert spans >= 10  # 黔江's OCR copy runs its text over the page breaks of the print


def test_a_district_page_opens_with_a_jump_list_to_each_of_its_sections(site):
    """An official's phone report: a district page is ~24,500 px tall at 10 districts and its 可借鉴措施
    start near the bottom, and Material's table of contents is not shown on a phone. Under the title a
    line links to every section (h2) of the page, by the sections' fixed anchors, 可借鉴措施 among them."""
    import yaml

    for d in yaml.safe_load((DATA / "districts.yaml").read_text("utf-8"))["districts"]:
        body = page(site, f"districts/{d['slug']}")
        jump = re.search(r'<p class="cs-jump">(.*?)</p>', body, re.S)
        assert jump, d["slug"]
        linked = re.findall(r'href="#([^"]+)"', jump[1])
        sections = re.findall(r'<h2 id="([^"]+)"', body)
        assert set(sections) <= set(linked), (sections, linked)
        assert all(f'id="{a}"' in body for a in linked)
        assert {"documents", "themes", "targets", "borrowable", "peers"} <= set(linked)
        assert body.index('class="cs-jump"') < body.index('<h2 id="documents"')
