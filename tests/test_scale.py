"""Page size does not grow with the corpus: build the synthetic corpus at two sizes (3 and 6
districts, each holding every real document; at 3 a measure already has a full list of similar
measures in other districts) and compare the largest generated page of each kind.

Pages that list items (a document, a theme or department within one district, a source text)
must not grow at all. Overview pages list one row per district by design (38 at most in
Chongqing), so they may grow with the number of districts but no faster: their size per
district must not grow. No page may list every district's items: that would make it grow faster.
"""
from __future__ import annotations

import re

import pytest

from generator.pipeline import index_data, render_tree
from generator.synth import synthesize

from .conftest import DATA, ROOT

# kinds whose one row per district is the point of the page
# (compare/data/texts/index: what each typed word also looks for in the compare view, the districts'
# and their departments' names among them, fetched once with the texts when a keyword is used;
# compare/data/units/index: every unit name of the site, fetched with it)
OVERVIEWS = {"index", "districts/index", "documents/index", "compare/index", "themes/*", "departments/*",
             "metrics/index", "metrics/*", "compare/data/districts", "compare/data/texts/index",
             "compare/data/units/index", "search", "data"}


def page_kind(rel: str) -> str:
    """`themes/energy/synth-01.md` → `themes/*/*`; index pages keep their name."""
    parts = rel.removesuffix(".md").removesuffix(".json").split("/")
    if parts[-1] == "index":
        return "/".join(parts)
    return "/".join([parts[0]] + ["*"] * (len(parts) - 1)) if len(parts) > 1 else parts[0]


def largest_by_kind(tmp_path, factor: int) -> dict[str, tuple[int, str]]:
    data = tmp_path / f"synth-{factor}"
    synthesize(DATA, data, factor)
    tree = render_tree(index_data(data), ROOT / "content")
    largest: dict[str, tuple[int, str]] = {}
    for rel, content in tree.items():
        if not re.search(r"\.md$|^compare/data/.*\.json$", rel):
            continue
        kind = page_kind(rel)
        largest[kind] = max(largest.get(kind, (0, "")), (len(content), rel))
    return largest


@pytest.fixture(scope="module")
def sizes(tmp_path_factory):
    work = tmp_path_factory.mktemp("scale")
    return largest_by_kind(work, 3), largest_by_kind(work, 6)


def test_item_pages_do_not_grow_with_the_corpus(sizes):
    small, large = sizes
    grown = {kind: (small[kind], large[kind]) for kind in small
             if kind not in OVERVIEWS and large[kind][0] > small[kind][0] * 1.02 + 200}
    assert grown == {}


def test_overview_pages_grow_at_most_with_the_number_of_districts(sizes):
    small, large = sizes
    assert set(small) == set(large)
    faster = {kind: (small[kind], large[kind]) for kind in OVERVIEWS & set(small)
              if large[kind][0] > small[kind][0] * 2.02 + 200}
    assert faster == {}


def test_the_kinds_that_hold_items_are_all_checked(sizes):
    small, _ = sizes
    # compare/*/*: a district's compare data; compare/*/*/*: its measures' texts, apart
    for kind in ("themes/*/*", "departments/*/*", "documents/*", "documents/*/*", "sources/*/*", "districts/*",
                 "compare/*/*", "compare/*/*/*"):
        assert kind in small, kind
