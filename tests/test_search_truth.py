"""Ground truth for the search tests, computed from the data and nothing else.

The promise: a record is found for a query iff every typed term (2+ characters, normalised)
is a substring of one of the record's searchable values. The values are listed here directly
from the data model, independently of generator/search.py, so that a field the index forgets
(or invents) shows up as a failed test.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.model import printed, reading
from generator.search import normalize, query_terms

QUERIES_FILE = Path(__file__).resolve().parent / "search_queries.yaml"


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


def _q(quote) -> list[str]:
    return [printed(quote), reading(quote)] if quote is not None else []


def searchable_values(index) -> dict[str, list[str]]:
    """Record id → every searchable value, in the words of the issue."""
    out: dict[str, list[str]] = {}
    for d in index.districts:
        out[f"district:{d.slug}"] = [d.name, *d.aliases, d.region.value]
    for de in index.documents:
        doc = de.document
        cited = [v for p in doc.policies for v in _q(p.title) + _q(p.doc_number)]
        out[f"document:{doc.id}"] = [doc.short_title, doc.title, doc.notice_title or "", doc.doc_number or "",
                                     doc.issuer, de.district.name, *cited]
    for t in index.themes:
        out[f"theme:{t.slug}"] = [t.name, t.description, *t.keywords]
    for dept in index.departments:
        out[f"department:{dept.slug}"] = [dept.name, dept.full_name, *dept.aliases, dept.kind.value]
    for metric in index.metrics:
        out[f"metric:{metric.slug}"] = [metric.name, *metric.aliases, metric.description,
                                        *(t.name for t in index.themes if t.slug in metric.themes)]
    for me in index.measures:
        m, doc = me.measure, me.document.document
        values = [*_q(m.title), *_q(m.text), m.number, m.category]
        if m.project is not None:
            values += [m.project.name, m.project.category]
        for u in me.units:  # every unit as printed, as read, and its canonical department
            values += [u.printed, u.reading, u.department.name, u.department.full_name]
        values += [t.name for t in me.themes]
        values += [te.metric.name for te in me.targets]
        values += [doc.title, doc.short_title, doc.doc_number or "", me.district.name]
        out[me.key] = values
    return out


class Truth:
    def __init__(self, index) -> None:
        self.values = {rid: [normalize(v) for v in vals if v] for rid, vals in searchable_values(index).items()}

    def __call__(self, query: str) -> set[str]:
        terms = query_terms(query)
        if not terms:
            return set()
        return {rid for rid, vals in self.values.items() if all(any(t in v for v in vals) for t in terms)}


def test_queries_file_is_big_enough_and_mostly_finds_something(real_index):
    queries = load_queries()
    assert len(queries) >= 40
    truth = Truth(real_index)
    empty = [q["q"] for q in queries if not truth(q["q"])]
    assert len(empty) <= 3, f"queries that find nothing in today's data: {empty}"


def test_truth_sees_every_kind_of_field(real_index):
    truth = Truth(real_index)
    me = next(m for m in real_index.measures if m.units and m.targets)
    assert me.key in truth(me.units[0].printed)
    assert me.key in truth(me.targets[0].metric.name)
    assert me.key in truth(me.document.document.short_title)
    assert me.key in truth(me.themes[0].name)
