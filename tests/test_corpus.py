"""The real corpus: every quote verbatim, every clause of the sources captured, every reference resolved.

These checks are written independently of generator.rules so that a bug there cannot hide a bad quote."""
from __future__ import annotations

import re

import pytest

from generator.model import GAP, Reading, printed
from generator.rules import RULES

CLAUSE = re.compile(r"[（(][^（()）\n]{0,200}?(?:牵头|负责|配合单位|责任单位)[^（()）\n]{0,200}?[)）]")


def pieces_in_order(source: str, quote: str) -> bool:
    pos = 0
    for piece in quote.split(GAP):
        found = source.find(piece, pos)
        if not piece or found < 0:
            return False
        pos = found + len(piece)
    return True


def all_quotes(doc):
    d = doc.document
    for m in d.measures:
        yield m.id, m.text
        if m.title is not None:
            yield m.id, m.title
        r = m.responsibility
        if r.clause is not None:
            yield m.id, r.clause
        for unit in (*r.lead, *r.support, *r.joint):
            yield m.id, unit
        for t in m.targets:
            yield m.id, t.clause


def test_every_quote_is_verbatim_in_its_source(real_corpus):
    bad = []
    count = 0
    for doc in real_corpus.documents:
        for where, quote in all_quotes(doc):
            count += 1
            if not pieces_in_order(doc.source_text, printed(quote)):
                bad.append(f"{doc.document.id}/{where}: {printed(quote)[:40]}")
    assert count > 1000
    assert bad == []


def test_units_are_printed_inside_their_own_clause(real_corpus):
    bad = []
    for doc in real_corpus.documents:
        for m in doc.document.measures:
            r = m.responsibility
            if r.clause is None:
                continue
            for unit in (*r.lead, *r.support, *r.joint):
                if not pieces_in_order(printed(r.clause), printed(unit)):
                    bad.append(f"{doc.document.id}/{m.id}: {printed(unit)}")
    assert bad == []


@pytest.mark.parametrize("doc_id", ["jiangjin-2022-57", "jiangjin-2022-manufacturing", "yongchuan-2022-112"])
def test_every_responsibility_clause_of_the_source_is_captured(real_corpus, doc_id):
    doc = next(d for d in real_corpus.documents if d.document.id == doc_id)
    in_source = CLAUSE.findall(doc.source_text)
    captured = {printed(m.responsibility.clause) for m in doc.document.measures if m.responsibility.clause}
    missing = [c for c in in_source if c not in captured]
    assert in_source and missing == []


NUMBERED = {
    "jiangjin-2022-57": (re.compile(r"^(\d+)\.", re.M), "m{}"),
    "jiangjin-2022-manufacturing": (re.compile(r"^(\d+)．", re.M), "m{}"),
}


@pytest.mark.parametrize("doc_id", sorted(NUMBERED))
def test_every_numbered_measure_of_the_source_is_present(real_corpus, doc_id):
    pattern, id_format = NUMBERED[doc_id]
    doc = next(d for d in real_corpus.documents if d.document.id == doc_id)
    numbers = pattern.findall(doc.source_text)
    ids = {m.id for m in doc.document.measures}
    assert len(numbers) >= 20
    assert [n for n in numbers if id_format.format(n) not in ids] == []


def test_table_rows_are_complete(real_corpus):
    docs = {d.document.id: d.document for d in real_corpus.documents}
    def ids(doc_id, prefix):
        return sorted(int(m.id.split("-")[1]) for m in docs[doc_id].measures if m.id.startswith(prefix + "-"))
    assert ids("qianjiang-2022-24", "task") == list(range(1, 98))
    assert ids("tongliang-2021-climate-plan", "indicator") == list(range(1, 13))
    assert ids("tongliang-2021-climate-plan", "project") == list(range(1, 46))
    assert ids("tongliang-2021-climate-plan", "task") == list(range(1, 141))


def test_damaged_print_always_carries_a_reading_that_differs(real_corpus):
    for doc in real_corpus.documents:
        for where, quote in all_quotes(doc):
            if isinstance(quote, Reading):
                assert quote.reading != quote.printed, f"{doc.document.id}/{where}"


def test_all_cross_file_rules_pass_on_the_real_corpus(real_corpus):
    problems = [p.text() for rule in RULES for p in rule(real_corpus)]
    assert problems == []


def test_every_measure_has_a_theme_and_resolved_units(real_index):
    assert all(m.themes for m in real_index.measures)
    assert all(u.department is not None for m in real_index.measures for u in m.units)


def test_ocr_copy_records_how_its_district_was_identified(real_corpus):
    doc = next(d.document for d in real_corpus.documents if d.document.id == "qianjiang-2022-24")
    assert doc.attribution.method == "inferred"
    assert any("正阳工业园区" in e for e in doc.attribution.evidence)
    assert doc.doc_number == "黔江府发〔2022〕24号" and not doc.doc_number_printed
