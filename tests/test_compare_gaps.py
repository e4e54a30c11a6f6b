"""The compare view's filter 只看<本区>没有相似措施的 (gap=1) and the district page's counts of 可借鉴措施
that open it: the compare data says, per item, which districts have a similar measure (``cp``) and
whether it is a measure to borrow at all (``goal``), and counted from that data alone, per district
and theme, the items another district has and the first lacks are exactly build_borrowable's counts.

The districts with a similar measure are checked against a brute-force test of every pair of measures
(tests/test_counterparts.brute_force_equivalents, the confidence rule written out), not against the
index's similarity step; the counts are read from the JSON as compare.js reads it (hasDistrict below
is its decoder, written again), not from the index.
"""
from __future__ import annotations

import json
from collections import defaultdict
from urllib.parse import parse_qs, urlparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.index import COMPARE_GAPS, compare_url
from generator.pages import compare
from generator.pages.compare import DISTRICT_BITS, GAP_DISTRICTS, encode_districts
from generator.pages.district import BORROW_BESIDE, BORROW_MORE_NAMED, district_page
from generator.pipeline import TEMPLATES
from generator.render import make_environment, render_page
from tests.test_counterparts import brute_force_equivalents


def has_district(code: str, place: int) -> bool:
    """compare.js hasDistrict, in Python."""
    digit = DISTRICT_BITS.index(code[place // 6]) if code and place // 6 < len(code) else -1
    return digit > 0 and (digit >> (place % 6)) & 1 == 1


def decoded(code: str, size: int) -> set[int]:
    return {place for place in range(size) if has_district(code, place)}


@given(st.sets(st.integers(0, 250)))
def test_a_set_of_districts_is_read_back_as_written(places):
    code = encode_districts(sorted(places))
    assert decoded(code, 256) == places
    assert not code.endswith(DISTRICT_BITS[0])  # no empty digit at the end: the empty set is ""
    assert len(code) <= 42 and all(c in DISTRICT_BITS for c in code)
    assert json.dumps(code) == f'"{code}"'  # no character the JSON escapes


def test_38_districts_take_at_most_seven_characters():
    assert len(encode_districts(range(38))) == 7


@pytest.fixture(scope="module")
def data(real_index):
    files = compare.files(real_index)
    manifest = json.loads(files[f"{compare.DATA_DIR}/districts.json"])
    return manifest, {d["slug"]: json.loads(files[f"{compare.DATA_DIR}/{d['slug']}.json"]) for d in manifest["districts"]}


def test_each_items_similar_districts_are_the_brute_force_ones(real_index, data):
    """An item's cp names the districts holding a confident equivalent of it or of a table row that
    carries it out, either way, as the brute-force test of every pair finds them."""
    has, _ = brute_force_equivalents(real_index)
    manifest, districts = data
    slugs = [d["slug"] for d in manifest["districts"]]
    by_url = {dm.measure.url.site_path: dm for dm in real_index.relations.distinct}
    checked = 0
    for slug, d in districts.items():
        for theme in d["themes"].values():
            for item in theme["items"]:
                dm = by_url[item["url"]]
                want = set().union(*(has.get(m.key, set()) for m in (dm.measure, *dm.rows))) - {slug}
                assert {slugs[p] for p in decoded(item.get("cp", ""), len(slugs))} == want, item["url"]
                checked += 1
    assert checked == sum(len(v) for v in real_index.relations.distinct_by_district_theme.values())


def lacking(manifest: dict, districts: dict) -> dict[tuple[str, str, str], set[str]]:
    """(first district, theme, other district) → the urls of the other's items on the theme that the
    first lacks, read from the compare data as the filter reads it."""
    place = {d["slug"]: i for i, d in enumerate(manifest["districts"])}
    out: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for home in districts:
        for other, d in districts.items():
            if other == home:
                continue
            for theme, cell in d["themes"].items():
                for item in cell["items"]:
                    if not item.get("goal") and not has_district(item.get("cp", ""), place[home]):
                        out[(home, theme, other)].add(item["url"])
    return out


def test_the_filter_counts_what_the_district_page_counts(real_index, data):
    """For every district and theme of the real data: the items the filter keeps, over all the other
    districts, are as many as 可借鉴措施 counts, from as many districts, each district as many as
    build_borrowable says (by_district), and the district's data names those districts (gaps)."""
    manifest, districts = data
    kept = lacking(manifest, districts)
    some = 0
    for d in real_index.districts:
        b = real_index.borrowable[d.slug]
        counted = {bt.theme.slug: bt for bt in b.by_theme}
        for theme in real_index.themes:
            per = {other: len(kept[(d.slug, theme.slug, other)]) for other in districts if other != d.slug}
            per = {k: n for k, n in per.items() if n}
            bt = counted.get(theme.slug)
            assert sum(per.values()) == (bt.count if bt else 0), (d.slug, theme.slug)
            if bt is None:
                assert theme.slug not in districts[d.slug]["gaps"]
                continue
            some += 1
            assert len(per) == bt.district_count
            assert {e.slug: n for e, n in bt.by_district} == per
            # most first
            assert [n for _, n in bt.by_district] == sorted(per.values(), reverse=True)
            # the examples the page shows are among the items the filter keeps
            assert all(dm.measure.url.site_path in kept[(d.slug, theme.slug, dm.district.slug)] for dm in bt.examples)
            gaps = districts[d.slug]["gaps"][theme.slug]
            assert gaps["count"] == bt.count and gaps["districts"] == bt.district_count
            assert [(manifest["districts"][p]["slug"], n) for p, n in gaps["most"]] == \
                [(e.slug, n) for e, n in bt.by_district[:GAP_DISTRICTS]]
    assert some >= 30  # every district has themes to borrow from


def test_goals_and_indicator_rows_are_not_counted(real_index, data):
    """A goal or indicator row is compared by metric: marked goal, never kept by the filter; the other
    items are not marked."""
    from generator.index import is_borrowable

    _, districts = data
    by_url = {dm.measure.url.site_path: dm for dm in real_index.relations.distinct}
    goals = 0
    for d in districts.values():
        for cell in d["themes"].values():
            for item in cell["items"]:
                kind = by_url[item["url"]].measure.measure
                assert bool(item.get("goal")) == (not is_borrowable(kind))
                goals += bool(item.get("goal"))
    assert goals  # the real data has goals in the compare data


def test_each_theme_count_opens_the_filtered_compare_view(real_index, render):
    """A district page's count of a theme's measures to borrow links to the compare view: the district
    first, then the (up to BORROW_BESIDE) districts with most of them, the theme, the filter on; the
    line under it names those districts with their counts, and what the view leaves out."""
    for d in real_index.districts:
        page = district_page(real_index, d.slug)
        text = render(page)
        for g, bt in zip(page.context.borrow_themes, real_index.borrowable[d.slug].by_theme, strict=True):
            beside = bt.by_district[:BORROW_BESIDE]
            url = g.compare.url
            assert url == compare_url([d.slug, *(e.slug for e, _ in beside)], theme=bt.theme.slug, gaps=True)
            query = parse_qs(urlparse(url.site_path).query)
            assert query == {"d": [",".join([d.slug, *(e.slug for e, _ in beside)])], "t": [bt.theme.slug], "gap": ["1"]}
            assert COMPARE_GAPS in url.query
            for e, n in beside:
                assert f"{e.name} {n} 项" in g.compare.label
            rest = bt.by_district[BORROW_BESIDE:]
            assert bool(g.compare.more) == bool(rest)
            if rest:
                assert f"另有 {len(rest)} 个区县共 {sum(n for _, n in rest)} 项" in g.compare.more
                assert all(e.name in g.compare.more for e, _ in rest[:BORROW_MORE_NAMED])
            # the count itself is the link, and so is the line naming the districts
            assert f"[{bt.count} 项](../compare/index.md?{url.query})" in text
        # the sentence promises no full list on the theme pages any more
        assert "完整清单见主题页" not in text


@pytest.fixture(scope="module")
def render():
    env = make_environment(TEMPLATES)
    return lambda page: render_page(env, page.template, page.path, page.context)


def test_a_theme_with_more_districts_than_the_view_shows_says_how_many_more_and_where(real_index):
    """At 38 districts a theme's measures to borrow come from more districts than the compare view
    shows beside the district: the line names the ones it shows, then how many more districts and
    measures there are, the first of them by name, and that they can be put in there."""
    from types import SimpleNamespace

    from generator.pages.district import borrow_compare

    home = SimpleNamespace(slug="home", name="本区")
    others = [SimpleNamespace(slug=f"d{k}", name=f"{k}号区") for k in range(1, 7)]
    counts = [5, 4, 3, 2, 2, 1]
    bt = SimpleNamespace(theme=SimpleNamespace(slug="energy"), by_district=tuple(zip(others, counts, strict=True)))
    got = borrow_compare(SimpleNamespace(district=home), bt)
    assert got.url == compare_url(["home", "d1", "d2", "d3"], theme="energy", gaps=True)
    assert got.url.query == "d=home,d1,d2,d3&t=energy&gap=1"
    assert got.label == "并排查看最多的 3 个区县：1号区 5 项、2号区 4 项、3号区 3 项 →"
    assert got.more == "另有 3 个区县共 5 项（4号区 2 项、5号区 2 项等），可在对比页换入"
    few = borrow_compare(SimpleNamespace(district=home), SimpleNamespace(theme=bt.theme, by_district=bt.by_district[:2]))
    assert few.label == "并排查看：1号区 5 项、2号区 4 项 →" and few.more == ""
