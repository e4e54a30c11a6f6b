"""A consultation draft whose final version was issued (consultation.final in its YAML): besides
its own document page, every page that tags the draft's measures or values as 征求意见稿 says that
the final was issued and the site does not hold it yet (征求意见稿·定稿已印发 in short, the full
sentence with the final's 文号, date and page once per page), and search finds the draft's document
by the final's 文号 and title. A draft without a final version is still tagged 征求意见稿 only.

The fixture corpus's draft (黔江) has no final version; the tests give it one in a copy."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, FIXTURE

DRAFT_FILE = "documents/qianjiang/qianjiang-test.yaml"
FINAL = {"title": "关于印发测试实施方案的通知", "doc_number": "黔江测试〔2023〕5号", "published": "2023-01-05",
         "url": "https://www.example.gov.cn/qianjiang/final.html"}
SENTENCE = f"征求意见稿；定稿（{FINAL['doc_number']}）已于 {FINAL['published']} 印发，本站尚未收录，条目和数值可能不同"
TAG = "征求意见稿·定稿已印发"

# Every page kind that tags a draft's measures, values or district outside its document page, by a
# page of the fixture corpus that shows the draft (黔江) so.
TAGGING_PAGES = {
    "home": "index.md",
    "districts": "districts/index.md",
    "district (its own drafts)": "districts/qianjiang.md",
    "district (another's examples)": "districts/jiangjin.md",
    "compare": "compare/index.md",
    "metric": "metrics/public-charging-facilities.md",
    "theme": "themes/energy.md",
    "theme × district": "themes/energy/qianjiang.md",
    "department": "departments/jingji-xinxi.md",
    "department × district": "departments/jingji-xinxi/qianjiang.md",
    "downloads": "data.md",
}


def _with_final(tmp: Path, final: dict[str, str]) -> Path:
    """A copy of the fixture corpus whose draft (黔江) has the given final version."""
    data = tmp / "corpus"
    shutil.copytree(FIXTURE, data)
    path = data / DRAFT_FILE
    text = path.read_text(encoding="utf-8")
    line = "  final: {" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in final.items()) + "}\n"
    assert "  channels: [测试实施方案]\n" in text
    path.write_text(text.replace("  channels: [测试实施方案]\n", "  channels: [测试实施方案]\n" + line), encoding="utf-8")
    return data


def _tree(data: Path) -> dict[str, str]:
    from generator.pipeline import ROOT, index_data, render_tree

    tree = render_tree(index_data(data), ROOT / "content")
    # the Markdown as read: its escapes (2023\-01\-05) dropped
    return {path: body.decode("utf-8").replace("\\", "") if path.endswith(".md") else body.decode("utf-8")
            for path, body in tree.items() if path.endswith((".md", ".json"))}


@pytest.fixture(scope="module")
def with_final(tmp_path_factory) -> dict[str, str]:
    return _tree(_with_final(tmp_path_factory.mktemp("final"), FINAL))


@pytest.fixture(scope="module")
def without_final() -> dict[str, str]:
    return _tree(FIXTURE)


@pytest.mark.parametrize("kind", TAGGING_PAGES)
def test_each_page_that_tags_a_draft_says_its_final_was_issued_once_in_full(with_final, kind):
    text = with_final[TAGGING_PAGES[kind]]
    assert TAG in text or "定稿已印发" in text.split(SENTENCE)[0], kind
    assert text.count(SENTENCE) == 1, kind
    assert f"]({FINAL['url']})" in text, kind


@pytest.mark.parametrize("kind", TAGGING_PAGES)
def test_a_draft_without_a_final_version_is_tagged_only_as_a_draft(without_final, kind):
    text = without_final[TAGGING_PAGES[kind]]
    assert "征求意见稿" in text, kind
    assert "定稿已印发" not in text and "本站尚未收录" not in text, kind


def test_the_metric_page_tags_the_target_and_its_bar(with_final, without_final):
    page = TAGGING_PAGES["metric"]
    assert f"目标年 2025 · 期间累计 · {TAG}" in with_final[page]
    assert f">黔江区（{TAG}）</text>" in with_final[page]  # the chart's bar label (its year heads the chart)
    assert "期间累计 · 征求意见稿</span>" in without_final[page]
    assert ">黔江区（征求意见稿）</text>" in without_final[page]


def test_the_compare_view_data_says_it_per_district_and_per_target(with_final, without_final):
    district = json.loads(with_final["compare/data/qianjiang.json"])
    assert district["draft"] == TAG
    assert district["finals"] == [{"document": "黔江测试方案", "url": "documents/qianjiang-test/",
                                   "sentence": SENTENCE, "final": FINAL["url"]}]
    assert {t["draft"] for ts in district["metrics"].values() for t in ts} == {TAG}
    manifest = json.loads(with_final["compare/data/districts.json"])
    assert {d["slug"]: d["draft"] for d in manifest["districts"]} == {"jiangjin": "", "qianjiang": TAG}

    plain = json.loads(without_final["compare/data/qianjiang.json"])
    assert plain["draft"] == "征求意见稿" and plain["finals"] == []
    assert {t["draft"] for ts in plain["metrics"].values() for t in ts} == {"征求意见稿"}


def test_a_draft_note_says_whether_all_some_or_none_of_a_districts_drafts_have_a_final(fixture_index):
    """draft_note for a district: 征求意见稿 / 含征求意见稿, then ·定稿已印发 (each draft's final found)
    or ·部分定稿已印发 (some)."""
    from types import SimpleNamespace

    from generator.index import Draft
    from generator.pages.common import draft_note

    final, plain = Draft("铜环发〔2022〕93号", "2022-09-02", "https://example.org/", "定稿"), Draft()
    issued = SimpleNamespace(draft=None)
    district = SimpleNamespace(slug="x")
    for docs, note in [((issued,), ""), ((SimpleNamespace(draft=plain),), "征求意见稿"),
                       ((SimpleNamespace(draft=final),), TAG), ((SimpleNamespace(draft=final), issued), "含" + TAG),
                       ((SimpleNamespace(draft=final), SimpleNamespace(draft=plain)), "征求意见稿·部分定稿已印发")]:
        index = SimpleNamespace(documents_by_district={"x": docs})
        assert draft_note(index, district) == note  # type: ignore[arg-type]
    assert Draft("", "2022-09-02", "https://example.org/", "定稿").sentence == \
        "征求意见稿；定稿已于 2022-09-02 印发，本站尚未收录，条目和数值可能不同"  # the final's page gave no 文号


def test_search_finds_the_draft_by_its_final_version_s_doc_number_and_says_the_final_is_not_yet_included(real_index):
    """The real corpus's draft (铜梁): typed 铜环发〔2022〕93号, the search finds its document record
    alone, in the field 定稿 (not 文件: its measures are not found), and the result says that the site
    holds the draft and that the final, with its 文号 and date, was issued and is not yet included,
    with the final's page; all read from the YAML here."""
    from generator.search import search_files
    from generator.search.records import F_FINAL, FIELDS, records
    from generator.search.reference import SearchFiles

    drafts = []
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        final = (doc.get("consultation") or {}).get("final")
        if final and final.get("doc_number"):
            drafts.append((doc["id"], final))
    assert drafts  # 铜梁's climate plan
    recs = records(real_index)
    search = SearchFiles(search_files(real_index))
    assert FIELDS[F_FINAL].label == "定稿"
    for doc_id, final in drafts:
        for query in (final["doc_number"], final["title"]):
            hits = search.search(query, True)
            assert [recs[h.record].id for h in hits] == [f"document:{doc_id}"], query
            assert hits[0].fields == (F_FINAL,), query
            shown = search.display(hits[0].record)
            assert shown["f"].startswith(f"本站收录的是征求意见稿；定稿（{final['doc_number']}）已于 {final['published']} 印发，本站尚未收录")
            assert final["title"] in shown["f"] and shown["fu"] == final["url"]
    plain = next(r for r in recs if r.kind == "document" and "f" not in r.display)
    assert not plain.fields[F_FINAL]


def test_a_final_version_s_words_stay_text(tmp_path):
    """The final's 文号 and title are the editors' text: printed as text on every page, never as
    HTML or a Markdown link (the compare view and search show them with textContent)."""
    hostile = {"title": "<script>alert(1)</script>[点此](javascript:alert(2))", "doc_number": "*黔*〔2023〕<b>5</b>号",
               "published": "2023-01-05", "url": FINAL["url"]}
    from generator.pipeline import ROOT, index_data, render_tree

    tree = {p: b.decode("utf-8") for p, b in render_tree(index_data(_with_final(tmp_path, hostile)), ROOT / "content").items()
            if p.endswith((".md", ".json"))}
    sentence = json.loads(tree["compare/data/qianjiang.json"])["finals"][0]["sentence"]
    assert hostile["doc_number"] in sentence  # JSON: text, which compare.js sets with textContent
    shown = {path: text for path, text in tree.items() if path.endswith(".md") and "〔2023〕" in text}
    assert len(shown) >= len(TAGGING_PAGES)
    for path, text in shown.items():
        # neither a tag nor a link but as escaped text (&lt;script&gt;, \[点此\]\(javascript…)
        # (the compare page's own script tag, templates/compare.md.j2, is the site's, not the data's)
        assert not re.search(r'<script(?! src="\.\./assets/compare\.js" defer></script>)|<b>|(?<!\\)\]\(javascript', text), path


def test_a_page_naming_many_drafts_says_three_in_full_and_counts_the_rest():
    """A page that names every district (home, departments, metrics) does not grow with the drafts
    whose final was issued: the bench's 50× corpus holds 50 such drafts, and the 发展改革委 page
    grew to 146 KB. The first three are said in full, the rest counted."""
    from generator.index import Url
    from generator.pages.common import FinalNote, LinkView
    from generator.pipeline import TEMPLATES
    from generator.render import make_environment

    env = make_environment(TEMPLATES)
    template = env.from_string('{% from "_macros.md.j2" import final_notes %}{{ final_notes(notes) }}')
    notes = [FinalNote(f"区县{i}", LinkView(f"文件{i}", Url(f"documents/d{i}.md")), "征求意见稿；定稿已于 2022-09-02 印发",
                       "https://example.org/final") for i in range(5)]
    text = template.render(notes=notes)
    assert text.count("定稿发布页面") == 3 and "区县2的" in text and "区县3的" not in text
    assert "另有 2 份征求意见稿的定稿也已印发" in text
    assert template.render(notes=notes[:3]).count("定稿发布页面") == 3 and "另有" not in template.render(notes=notes[:3])
