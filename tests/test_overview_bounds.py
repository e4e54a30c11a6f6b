"""Overview pages stay readable at 38 districts: found by walking the 10× synthetic site as an
official would (the home page listed every document, the metrics index named every district in
every row, 可借鉴措施 gave three examples from one district and an unbounded metric table; the
chart whose value labels ran past its edge is tested in test_layout_browser.py)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.index import Draft, spread_by_district, spread_candidates
from generator.pages.common import NAMES_SHOWN, districts_text
from generator.pipeline import index_data, render_tree
from generator.synth import synthesize

from .conftest import DATA, ROOT


def district(slug: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(slug=slug, name=name)


DISTRICTS = tuple(district(f"d{k}", f"{k}号区") for k in range(1, 13))


def test_examples_come_from_different_districts_before_any_repeats():
    items = [("a", 1), ("a", 2), ("a", 3), ("b", 4), ("b", 5), ("c", 6)]
    assert spread_by_district(items, 3, lambda x: x[0]) == (("a", 1), ("b", 4), ("c", 6))
    # fewer districts than examples: the rest are filled in, and all keep the given order
    assert spread_by_district(items[:5], 3, lambda x: x[0]) == (("a", 1), ("a", 2), ("b", 4))
    assert spread_by_district(items[:1], 3, lambda x: x[0]) == (("a", 1),)


def test_examples_reach_a_district_behind_a_long_run_of_another_and_stop_reading_there():
    """The index keeps 20 examples a theme for the download: a district whose 25 items come first
    must not fill them all while another district has some (the page picks its few from these)."""
    items = [("a", k) for k in range(25)] + [("b", 25), ("b", 26)] + [("c", k) for k in range(27, 1000)]
    read: list[tuple[str, int]] = []

    def district_of(item: tuple[str, int]) -> str:
        read.append(item)
        return item[0]

    got = spread_by_district(items, 20, district_of, districts=3)
    assert got == (*[("a", k) for k in range(18)], ("b", 25), ("c", 27))
    assert len(read) == 28  # every district has given one and 20 are taken: the rest is not read


@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.integers(1, 6)), max_size=12),
       st.sets(st.integers(0, 40)), st.integers(1, 6), st.sampled_from("abcdefz"))
def test_skipping_the_rest_of_each_run_changes_no_choice(run_shapes, matched, n, home):
    """spread_candidates hands spread_by_district only what it can choose: each district run's first
    measure without an equivalent in ``home`` and, while places are open, the ones after it. Whatever
    the runs (a district may come back in a later run), the choice is the one made from every
    measure of the other districts without an equivalent, read in order."""
    runs, key = [], 0
    for slug, length in run_shapes:
        run = []
        for _ in range(length):
            run.append(SimpleNamespace(key=str(key), slug=slug))
            key += 1
        runs.append((slug, tuple(run)))
    counterparts = {str(k): ({home} if k in matched else set()) for k in range(key)}
    every = [m for slug, run in runs if slug != home for m in run if home not in counterparts[m.key]]
    districts = len({m.slug for m in every})
    chosen = spread_by_district(spread_candidates(runs, home, counterparts, n), n, lambda m: m.slug, districts)
    assert chosen == spread_by_district(every, n, lambda m: m.slug, districts)
    # and it hands over at most one measure a run and n more, however long the runs
    assert len(list(spread_candidates(runs, home, counterparts, n))) <= len(runs) + n


def test_the_metrics_index_names_few_districts_whoever_sets_the_metric():
    two = list(DISTRICTS[:2])
    assert districts_text(two, DISTRICTS) == "1号区、2号区"
    assert districts_text(list(DISTRICTS), DISTRICTS) == "全部区县"
    all_but_two = [d for d in DISTRICTS if d.slug not in ("d3", "d9")]
    assert districts_text(all_but_two, DISTRICTS) == "除3号区、9号区外的区县"
    half = list(DISTRICTS[:6])
    # the names cut short say how many there are, unless the cell says it before them (the metrics index)
    assert districts_text(half, DISTRICTS) == "1号区、2号区、3号区等 6 个区县"
    assert districts_text(half, DISTRICTS, count_said=True) == "1号区、2号区、3号区等"
    for n in range(len(DISTRICTS) + 1):
        text = districts_text(list(DISTRICTS[:n]), DISTRICTS)
        assert len(re.findall(r"\d+号区", text)) <= NAMES_SHOWN, text


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """The synthetic corpus at 6 districts, each holding every real document (5 each)."""
    data = tmp_path_factory.mktemp("bounds") / "synth"
    synthesize(DATA, data, 6)
    tree = render_tree(index_data(data), ROOT / "content")
    return {rel: content.decode() if isinstance(content, bytes) else content for rel, content in tree.items() if rel.endswith(".md")}


def test_the_home_page_lists_districts_and_leaves_documents_to_the_documents_index(tree):
    home = tree["index.md"]
    documents = [rel for rel in tree if re.fullmatch(r"documents/[^/]+\.md", rel) and rel != "documents/index.md"]
    assert len(documents) == 30
    assert not any(f"]({rel})" in home for rel in documents)
    # every district's row links to its anchor on the documents index, on the first of its documents' rows
    rows = [line for line in tree["documents/index.md"].splitlines() if line.startswith("| ") and "](../documents/" in line]
    for k in range(1, 7):
        slug = f"synth-{k:02d}"
        assert f"](documents/index.md#{slug})" in home
        first = next(n for n, row in enumerate(rows) if row.startswith(f'| <span id="{slug}"></span>['))
        own = rows[first:first + 5]
        assert all(re.match(rf"\| (<span id=\"{slug}\"></span>)?\[[^\]]+\]\(\.\./documents/{slug}-[^)/]+\.md\) \| ", row)
                   and f"](../districts/{slug}.md) |" in row for row in own), own
        assert sum(f"](../districts/{slug}.md) |" in row for row in rows) == 5


def test_the_metrics_index_does_not_name_every_district_in_a_row(tree):
    rows = [line for line in tree["metrics/index.md"].splitlines() if line.startswith("| [")]
    assert rows
    for row in rows:
        assert len(re.findall(r"[甲乙丙丁戊己]山区", row)) <= NAMES_SHOWN, row


def test_a_metric_chart_lists_the_largest_value_first_within_each_target_year():
    from generator.model import Comparator
    from generator.pages.metric import chart_bars

    def target(slug: str, value: str, year: int | None, draft: bool = False) -> SimpleNamespace:
        t = SimpleNamespace(value=value, unit="%", target_year=year, set_by_municipality=False, comparator=Comparator.equal,
                            uncertain=False, clause="")
        return SimpleNamespace(first=SimpleNamespace(target=t, draft=Draft() if draft else None), district=district(slug, slug.upper() + "区"))

    # district order as the index keeps it; values chosen so that this order is not the value order;
    # a target stated in a consultation draft says so on its bar, as in the table below the chart
    targets = (target("a", "12", 2025), target("b", "30", 2025), target("c", "5", 2030), target("d", "18", 2025, draft=True),
               target("e", "40", 2030), target("f", "7", None))
    assert [(b.label, b.year) for b in chart_bars(targets)] == [  # type: ignore[arg-type]
        ("B区", 2025), ("D区（征求意见稿）", 2025), ("A区", 2025), ("E区", 2030), ("C区", 2030), ("F区", None)]


def test_a_bar_of_several_targets_names_their_values_not_a_range():
    """Two targets of one district and year (50 scattered and 100 dedicated chargers) are not a
    range from 50 to 100: the bar names each value while there are few, lowest–highest beyond."""
    from generator.model import Comparator
    from generator.pages.metric import LISTED_VALUES, chart_bars

    def target(value: str) -> SimpleNamespace:
        t = SimpleNamespace(value=value, unit="个", target_year=2025, set_by_municipality=False, comparator=Comparator.equal,
                            uncertain=False, clause="")
        return SimpleNamespace(first=SimpleNamespace(target=t, draft=None), district=district("a", "A区"))

    (two,) = chart_bars((target("100"), target("50")))  # type: ignore[arg-type]
    assert (two.value, two.value_label) == (100, "50个、100个（2个目标）")
    values = [str(10 * (k + 1)) for k in range(LISTED_VALUES + 1)]
    (many,) = chart_bars(tuple(target(v) for v in values))  # type: ignore[arg-type]
    assert many.value_label == f"10个–{values[-1]}个（{len(values)}个目标）"


def test_a_district_page_names_every_metric_it_could_borrow_in_a_bounded_table_and_one_line(real_index):
    """可借鉴措施 按指标: the metrics other districts set a target for and this district does not (nor
    a metric related to one it does), counted from the YAML files; the table holds at most BORROW_METRIC_ROWS of them and the line
    below it names the rest, and the sentence above gives their number."""
    import yaml

    from generator.pages.district import BORROW_METRIC_ROWS, pages
    from generator.render import make_environment, render_page

    registry = yaml.safe_load((DATA / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    names = {m["slug"]: m["name"] for m in registry}
    related: dict[str, set[str]] = {}  # written under either metric, meant both ways
    for m in registry:
        for other in m.get("related") or ():
            related.setdefault(m["slug"], set()).add(other)
            related.setdefault(other, set()).add(m["slug"])
    set_by: dict[str, set[str]] = {}
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for measure in doc["measures"]:
            for target in measure.get("targets") or ():
                set_by.setdefault(path.parent.name, set()).add(target["metric"])
    env = make_environment(ROOT / "templates")
    longer = 0
    for page in (p for p in pages(real_index) if p.template == "district.md.j2"):
        slug = page.path.removeprefix("districts/").removesuffix(".md")
        others = set().union(*(metrics for district, metrics in set_by.items() if district != slug))
        own = set_by.get(slug, set())
        # nor the same thing counted another way (充电桩 个 beside 充电基础设施 处)
        expected = {names[m] for m in others - own - set().union(*(related.get(m, set()) for m in own))}
        context = page.context
        shown = [g.subject.text for g in context.borrow_metrics]
        more = [link.text for link in context.borrow_metrics_more]
        assert len(shown) <= BORROW_METRIC_ROWS
        assert sorted(shown + more) == sorted(expected), slug
        text = render_page(env, page.template, page.path, context)
        assert f"其他区县设了目标的指标共 {len(expected)} 个" in text, slug
        if more:
            longer += 1
            assert f"其余 {len(more)} 个：" in text and all(f"[{name}](" in text for name in more), slug
    assert longer  # the real corpus has districts with more metrics than the table shows
