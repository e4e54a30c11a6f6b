"""Each measure's card on its document's page says how to cite it in a memo: the document's 文号 (its
title in 《》 when it has none, marked 征求意见稿 for a draft) and where the measure stands, by the
printed numbers of its sections and its own (江津府办发〔2022〕57号 二、（一）3.), a table row by its table
and number (附表2第 57 行). A user test: an official had to open the document's overview to find the
文号, and the page header cut the title short.

The expectations are read from the YAML files themselves (every scalar a string), not from the index."""
from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from generator.pages import document
from generator.pipeline import TEMPLATES, page_list
from generator.render import load_templates, make_environment, render_page
from tests.conftest import DATA

CARD = re.compile(r"^### .*\{ #([\w-]+) \}$", re.M)  # a measure's heading, with its id
CITATION = re.compile(r"^- \*\*出处\*\*：<cite>(.*?)</cite>", re.M)
ROW_KINDS = {"task", "indicator", "project"}  # table rows: cited by their table and row number


def plain(markdown: str) -> str:
    """A citation as a reader sees it: Markdown's backslash escapes and HTML's entities undone."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def same(text: str) -> str:
    """Printed numbers compared as a citation may write them: without spaces, brackets of either width."""
    return re.sub(r"\s", "", text).replace("（", "(").replace("）", ")")


def outline_paths(sections: list, above: tuple = ()) -> dict[str, tuple[str, ...]]:
    """Each section id of a YAML outline → the printed numbers of it and the sections above it."""
    out = {}
    for s in sections:
        path = above + (s.get("number_reading") or s["number"],)  # a number damaged in print: cited by its reading
        out[s["id"]] = path
        out.update(outline_paths(s.get("children", []), path))
    return out


def documents() -> dict[str, dict]:
    return {f.stem: yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            for f in sorted((DATA / "documents").glob("*/*.yaml"))}


def citations(index) -> dict[tuple[str, str], list[str]]:
    """(document id, measure id) → the citations its cards show, from the rendered document pages."""
    env = load_templates(make_environment(TEMPLATES))
    found: dict[tuple[str, str], list[str]] = {}
    for page in page_list(index, [document]):
        parts = Path(page.path).parts
        if parts[0] != "documents" or len(parts) < 2 or page.path == "documents/index.md":
            continue
        doc_id = parts[1].removesuffix(".md")
        text = render_page(env, page.template, page.path, page.context)
        heads = list(CARD.finditer(text))
        for k, head in enumerate(heads):
            block = text[head.end():heads[k + 1].start() if k + 1 < len(heads) else len(text)]
            found.setdefault((doc_id, head.group(1)), []).extend(plain(c) for c in CITATION.findall(block))
    return found


def test_every_measure_card_cites_its_documents_number_or_title_and_its_printed_number(real_index):
    shown = citations(real_index)
    problems, checked = [], 0
    for doc_id, doc in documents().items():
        ref = doc["doc_number"] if doc["doc_number"] not in ("null", "~", "") else "《" + doc["title"] + "》"
        paths = outline_paths(doc["outline"])
        for m in doc["measures"]:
            cited = shown.get((doc_id, m["id"]), [])
            if len(cited) != 1:
                problems.append((doc_id, m["id"], f"{len(cited)} citations"))
                continue
            checked += 1
            citation = cited[0].replace("〈", "《").replace("〉", "》")  # a title quoted inside the title
            if not citation.startswith(ref):
                problems.append((doc_id, m["id"], citation, f"does not start with {ref}"))
                continue
            place = same(citation[len(ref):].replace("（征求意见稿）", ""))
            if (doc["status"] == "征求意见稿") != ("征求意见稿" in citation):
                problems.append((doc_id, m["id"], citation, "征求意见稿 said or left out wrongly"))
            number = same(m.get("number_reading") or m.get("number", ""))
            sections = [same(n) for n in paths[m["section"]] if same(n)]
            if m["kind"] in ROW_KINDS:
                annex = [n for n in sections if n.startswith("附")]
                wanted = [*annex[:1], f"第{number}行"] if number else annex[:1]
            else:  # a goal paragraph numbered as its own section ((二) 行动目标 under (二)) gives the number once
                wanted = sections + ([number] if number and sections[-1:] != [number] else [])
            # each in order in the place, the printed number last
            at = 0
            for part in wanted:
                found = place.find(part, at)
                if found < 0:
                    problems.append((doc_id, m["id"], citation, f"{part} not after {place[:at]!r}"))
                    break
                at = found + len(part)
            if number and not place.endswith(f"第{number}行" if m["kind"] in ROW_KINDS else number):
                problems.append((doc_id, m["id"], citation, f"does not end with its number {number}"))
    assert not problems, problems[:10]
    assert checked == sum(len(d["measures"]) for d in documents().values()) > 400



def test_a_number_damaged_in_print_is_cited_by_its_reading(real_index):
    """A user test: 黔江's first measure was copied as 「二、（-）1,」, the OCR's (-) and comma; its
    YAML keeps them as printed (number) and its reading beside them (number_reading)."""
    qianjiang = documents()["qianjiang-2022-24"]
    m1 = next(m for m in qianjiang["measures"] if m["id"] == "m1")
    assert (m1["number"], m1["number_reading"]) == ("1 ,", "1.")
    assert citations(real_index)[("qianjiang-2022-24", "m1")] == ["黔江府发〔2022〕24号 二、（一）1."]


def test_no_two_items_of_a_document_are_cited_alike(real_index):
    """A review found 58 cards sharing one of 17 citations (铜梁's plan prints unnumbered titles under
    第三章（二）): a memo could not tell them apart. Each citation is now its document's only one of
    its kind, and where the numbers alone would repeat, it ends with the item's title in quotes, as
    printed in the YAML (an untitled item: the opening words of its text)."""
    shown = citations(real_index)
    for doc_id, doc in documents().items():
        cited = [shown[(doc_id, m["id"])][0] for m in doc["measures"]]
        assert len(set(cited)) == len(cited), [c for c in cited if cited.count(c) > 1][:4]
        titled = 0
        for m, citation in zip(doc["measures"], cited, strict=True):
            title = m.get("title")
            if citation.endswith("”") and isinstance(title, str) and title not in ("null", "~", "") and not m.get("number", "").strip():
                assert citation.endswith("“" + title.removesuffix("。") + "”"), citation
                titled += 1
        if doc_id == "tongliang-2021-climate-plan":
            assert titled >= 20  # the unnumbered titles of its chapters
