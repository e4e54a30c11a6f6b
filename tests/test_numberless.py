"""Targets without a number of the district's own (市级下达: the district adopts the city's figure,
which its document does not print; or a value not printed or not readable) count as targets, and the
districts that state them as setting the metric; a user test read such counts as figures to compare
(永川区's 23 个量化目标 hold two 市级下达, the chart of 单位地区生产总值能耗降低 drew two of its four
districts without a word). Every page that counts them says how many, and which: checked here
against the YAML read with plain PyYAML (yaml.safe_load), not through the generator."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict

import pytest
import yaml

from tests.conftest import DATA

# what the pages say after a district's name, or after 其中 N 个, per reason
SAID = {"市级下达": "为市级下达，原文未写本区数值", "数值无法确定": "的数值无法确定", "未给出数值": "原文未给出数值"}
BRIEF = SAID | {"市级下达": "为市级下达"}
# what a cell says of all its setters at once, after a comma: no name for 的 to tie 数值无法确定 to
AFTER_A_COMMA = {"市级下达": "为市级下达", "数值无法确定": "数值无法确定", "未给出数值": "原文未给出数值"}


def reason(t: dict) -> str:
    """Why a target has no number of the district's own, as its value reads on every page."""
    if t.get("set_by_municipality"):
        return "市级下达"
    return "数值无法确定" if t.get("uncertain") else "未给出数值"


class Truth:
    """The YAML's targets: per district and metric, whether any carries a number, and each distinct
    target without one (the same district, metric, 市级下达, unit and target year stated in several
    items is one target; equal ones within one item stay apart) with its reason, in printed order."""

    def __init__(self) -> None:
        def load(name: str) -> dict:
            return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))

        self.districts = [(d["slug"], d["name"]) for d in load("districts.yaml")["districts"]]
        order = [slug for slug, _ in self.districts]
        self.themes = {m["slug"]: m.get("themes") or [] for m in load("metrics.yaml")["metrics"]}
        docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (DATA / "documents").glob("*/*.yaml")]
        docs.sort(key=lambda d: (order.index(d["district"]), d["id"]))
        self.numbered: dict[str, set[str]] = defaultdict(set)  # metric → districts with a number for it
        self.setters: dict[str, list[str]] = defaultdict(list)  # metric → districts that set it, in registry order
        self.numberless: dict[tuple, tuple[str, int | None]] = {}  # distinct key → (reason, target year)
        reasons_of: dict[tuple[str, str], list[str]] = defaultdict(list)  # (metric, district) → its targets' reasons
        for doc in docs:
            district = doc["district"]
            for m in doc["measures"]:
                in_item: Counter = Counter()
                for t in m.get("targets") or []:
                    metric = t["metric"]
                    if district not in self.setters[metric]:
                        self.setters[metric].append(district)
                    if t.get("value") is not None:
                        self.numbered[metric].add(district)
                        continue
                    key = (district, metric, bool(t.get("set_by_municipality")), t.get("unit", ""), t.get("target_year"))
                    self.numberless.setdefault(key + (in_item[key],), (reason(t), t.get("target_year")))
                    in_item[key] += 1
                    reasons_of[(metric, district)].append(reason(t))
        # why a district without a number for a metric has none: 市级下达 where any of its targets of it is, else its first one's
        self.reason_of = {key: "市级下达" if "市级下达" in rs else rs[0] for key, rs in reasons_of.items()}
        for metric in self.setters:
            self.setters[metric].sort(key=order.index)
        self.name = dict(self.districts)

    def reasons(self, district: str | None = None, year: object = "any", theme: str | None = None) -> list[str]:
        """The reasons of the distinct targets without a number (of a district, a target year, a theme's metrics)."""
        return [r for key, (r, y) in self.numberless.items()
                if (district is None or key[0] == district) and (year == "any" or y == year)
                and (theme is None or theme in self.themes[key[1]])]

    def bare_setters(self, metric: str) -> list[str]:
        """The districts that set the metric with no number of their own, in registry order."""
        return [d for d in self.setters[metric] if d not in self.numbered[metric]]

    def names_said(self, districts: list[str], metric: str, said: dict[str, str]) -> str:
        """铜梁区、黔江区为市级下达，原文未写本区数值；…: the districts by reason, in order of first appearance."""
        groups: dict[str, list[str]] = {}
        for d in districts:
            groups.setdefault(self.reason_of[(metric, d)], []).append(self.name[d])
        return "；".join("、".join(names) + said[r] for r, names in groups.items())


def count_said(reasons: list[str], explained: bool = True) -> str:
    counts = Counter(reasons)
    if len(counts) == 1:
        return f"其中 {len(reasons)} 个" + (SAID if explained else BRIEF)[reasons[0]]
    return f"其中 {len(reasons)} 个没有本区数值" + ("（" + "、".join(f"{r} {n} 个" for r, n in counts.items()) + "）" if explained else "")


@pytest.fixture(scope="module")
def truth() -> Truth:
    return Truth()


@pytest.fixture(scope="module")
def render(real_index):
    from generator.pipeline import TEMPLATES
    from generator.render import make_environment, render_page

    env = make_environment(TEMPLATES)
    return lambda page: render_page(env, page.template, page.path, page.context).replace("\\", "")  # Markdown's escapes off


def test_the_premise_some_targets_and_setters_have_no_number(truth):
    assert truth.reasons(), "no target without a number left: this file tests nothing"
    assert "市级下达" in truth.reasons("yongchuan")  # the user test's 永川区
    assert truth.bare_setters("energy-intensity-reduction") == ["tongliang", "qianjiang"]


def test_a_metric_page_says_which_of_its_districts_give_no_number_and_the_chart_names_them(truth, real_index, render):
    from generator.pages.metric import metric_page

    text = render(metric_page(real_index, "energy-intensity-reduction"))
    # the sentence a reader asked for, as the user test wrote it down
    assert "共 4 个区县设定了本指标（其中铜梁区、黔江区为市级下达，原文未写本区数值），计 5 个不同目标。" in text
    assert '<p class="chart-undrawn">图中未画出：铜梁区、黔江区为市级下达，原文未写本区数值，见下表。</p>' in text
    for metric, setters in truth.setters.items():
        text = render(metric_page(real_index, metric))
        bare = truth.bare_setters(metric)
        said = (("" if len(bare) == len(setters) else "其中") + truth.names_said(bare, metric, SAID)) if bare else ""
        shown = re.search(r"^共 (\d+) 个区县设定了本指标(?:（(.*?)）)?，计 \d+ 个不同目标。$", text, re.M)
        assert shown and int(shown.group(1)) == len(setters) and (shown.group(2) or "") == said, (metric, shown and shown.group(0))
        # the chart draws a bar for each district with a number, and says who it leaves out
        drawn = set(re.findall(r'<text class="bar-label"[^>]*>([^<（]*)', text))
        assert drawn == {truth.name[d] for d in truth.numbered[metric]}, metric
        also = [d for d in truth.numbered[metric] if any(key[:2] == (d, metric) for key in truth.numberless)]
        if not bare and not also:
            assert "图中未画出" not in text and "不作图" not in text, metric
        elif not truth.numbered[metric]:
            assert f"本指标的目标都没有本区数值，不作图：{truth.names_said(bare, metric, SAID)}。" in text, metric
        else:
            undrawn = re.search(r'<p class="chart-undrawn">图中未画出：(.*)，见下表。</p>', text)
            assert undrawn and all(truth.name[d] in undrawn.group(1) for d in bare + also), metric


def test_every_count_of_a_districts_targets_says_how_many_have_no_number(truth, real_index, render):
    from generator.pages import home, metric
    from generator.pages.district import district_page
    from generator.pages.theme import theme_district_pages

    for slug, _ in truth.districts:
        text = render(district_page(real_index, slug))
        line = re.search(r"^共 \d+ 个量化目标（.*?处表述）(?:，(.*?))?。$", text, re.M)
        reasons = truth.reasons(slug)
        assert line and (line.group(1) or "") == (count_said(reasons) if reasons else ""), (slug, line and line.group(0))
        for theme in {t for key in truth.numberless for t in truth.themes[key[1]]}:
            if (slug, theme) not in real_index.relations.distinct_by_district_theme:
                continue
            text = render(theme_district_pages(real_index, theme, slug)[0])
            mine = truth.reasons(slug, theme=theme)
            head = re.search(r"^只列指标属于本主题的目标；[^；\n]*?各处出处一并列出(?:；(.*?))?。$", text, re.M)
            if head is None:  # no target of the theme's metrics
                assert not mine and "没有属于本主题指标的量化目标。" in text, (slug, theme)
                continue
            assert (head.group(1) or "") == (count_said(mine) if mine else ""), (slug, theme)
    # a theme's overview: each district with any, by name, then its count
    from generator.pages.theme import theme_page
    for theme in {t for key in truth.numberless for t in truth.themes[key[1]]}:
        text = render(theme_page(real_index, theme))
        said = "；".join(f"{name} {count_said(truth.reasons(slug, theme=theme)).removeprefix('其中 ')}"
                        for slug, name in truth.districts if truth.reasons(slug, theme=theme))
        assert f"没有本区数值的目标也计在内：{said}。" in text, theme
    # the home page and the metrics index: every district's, with those of the year most targets share
    years = Counter(y for _, y in truth.numberless.values() if y is not None)
    common = real_index.relations.common_target_year
    assert common in years  # the premise: some are of the common year
    # each out of the district's targets, the count the table beside the sentence shows (124 beside 10 read as a contradiction)
    rel = real_index.relations
    by_district = "、".join(f"{name} {len(rel.targets_by_district[slug])} 个中 {len(truth.reasons(slug))} 个"
                            f"（到{common}年 {len(rel.targets_by_district_year[(slug, common)])} 个中 {len(truth.reasons(slug, common))} 个）"
                            for slug, name in truth.districts if truth.reasons(slug))
    text = render(home.pages(real_index)[0])
    assert f"两栏都计入没有本区数值的目标（见下方“怎么计数”），各区县的目标中这样的有：{by_district}。" in text
    assert f"个量化目标按文件所列计数，{count_said(truth.reasons())}，也计在内" in text
    index_page = next(p for p in metric.pages(real_index) if p.path == "metrics/index.md")
    text = render(index_page)
    assert f"各区县的目标中这样的有：{by_district}。" in text.split("{ #districts }", 1)[1]


def setters_said(truth: Truth, metric: str) -> str:
    """What a cell that names or counts the districts that set a metric says after them of those without a number."""
    bare = truth.bare_setters(metric)
    reasons = {truth.reason_of[(metric, d)] for d in bare}
    if not bare:
        return ""
    if len(bare) == len(truth.setters[metric]) and len(reasons) == 1:
        return "，" + ("均" if len(bare) > 1 else "") + AFTER_A_COMMA.get(reasons.pop(), "")
    return "；" + truth.names_said(bare, metric, BRIEF)


def test_the_metrics_index_and_borrowable_metrics_name_the_districts_that_set_a_metric_without_a_number(truth, real_index, render):
    """The metrics index's 设定的区县 and a district page's 可借鉴措施 by metric (设目标的区县, all of
    them other districts)."""
    from generator.pages import metric
    from generator.pages.district import district_page

    text = render(next(p for p in metric.pages(real_index) if p.path == "metrics/index.md"))
    cells = dict(re.findall(r"^\| \[[^\]]+\]\(\.\./metrics/([a-z0-9-]+)\.md\)[^|]* \| (\d+ 个：[^|]*) \|", text, re.M))
    assert set(cells) == set(truth.setters)
    for metric_slug, cell in cells.items():
        said = setters_said(truth, metric_slug)
        assert cell.endswith(said) if said else not any(w in cell for w in ("市级下达", "数值")), (metric_slug, cell)
    seen = 0
    for slug, _ in truth.districts:
        text = render(district_page(real_index, slug)).split("{ #borrowable-metrics }", 1)[1]
        for metric_slug, cell in re.findall(r"^\| \[[^\]]+\]\(\.\./metrics/([a-z0-9-]+)\.md\) \| (\d+ 个[^|]*) \|", text, re.M):
            said = setters_said(truth, metric_slug)
            seen += bool(said)
            assert cell.endswith(said) if said else not any(w in cell for w in ("市级下达", "数值")), (slug, metric_slug, cell)
    assert seen  # the premise: some district may borrow a metric set without a number


def test_the_compare_data_says_which_setters_and_targets_have_no_number(truth, real_index):
    from generator.pages import compare

    files = compare.files(real_index)
    manifest = json.loads(files["compare/data/districts.json"])
    place = {d["slug"]: i for i, d in enumerate(manifest["districts"])}
    offered = {m["slug"]: m for m in manifest["metrics"]}
    assert set(offered) == set(truth.setters)
    for metric_slug, m in offered.items():
        want = [[place[d], truth.reason_of[(metric_slug, d)]] for d in truth.bare_setters(metric_slug)]
        assert m.get("numberless", []) == sorted(want), metric_slug
    for slug, _ in truth.districts:
        data = json.loads(files[f"compare/data/{slug}.json"])
        flagged = Counter(t["numberless"] for targets in data["metrics"].values() for t in targets if "numberless" in t)
        assert flagged == Counter(truth.reasons(slug)), slug
        for theme, cell in data["themes"].items():
            assert Counter(t["numberless"] for t in cell["targets"] if "numberless" in t) == Counter(truth.reasons(slug, theme=theme))


def test_a_count_of_several_kinds_names_each_and_brackets_do_not_nest():
    """Today's data has one kind per district and metric in most places; the wording of several kinds,
    and the short form a bracket or table cell takes (no brackets inside brackets), written out."""
    from generator.pages.common import numberless_count_text

    kinds = ["市级下达", "数值无法确定", "市级下达"]
    assert numberless_count_text(kinds) == "其中 3 个没有本区数值（市级下达 2 个、数值无法确定 1 个）"
    assert numberless_count_text(kinds, explained=False) == "其中 3 个没有本区数值"
    assert numberless_count_text(["市级下达"], explained=False) == "其中 1 个为市级下达"
    assert numberless_count_text(["市级下达"], lead="另有", what="个目标") == "另有 1 个目标为市级下达，原文未写本区数值"
    assert numberless_count_text(["未给出数值"] * 2) == "其中 2 个原文未给出数值"
    assert numberless_count_text([]) == ""


def test_a_district_named_for_a_value_that_cannot_be_read_reads_as_a_phrase(real_index):
    """A user test read the compare view's 淘汰燃煤锅炉规模（所选 1 个设有：铜梁区数值无法确定） as words run
    together; the metric page said （铜梁区数值无法确定） too. After a district's name (and after a count)
    的 ties the words to it, in the one wording every page and the compare view's manifest take."""
    from generator.pages.common import numberless_count_text, numberless_districts_text

    unreadable = [dt for dt in real_index.relations.numberless if dt.district.slug == "tongliang"
                  and dt.metric.slug == "coal-boiler-phaseout"]
    assert numberless_districts_text(unreadable) == "铜梁区的数值无法确定"
    assert numberless_districts_text(unreadable, explained=False) == "铜梁区的数值无法确定"
    assert numberless_count_text(["数值无法确定"], lead="另有", what="个目标") == "另有 1 个目标的数值无法确定"


def test_a_cell_whose_only_setter_cannot_be_read_says_so_after_its_name_without_a_dangling_de(real_index, render):
    """A review found the metrics index's cell for 淘汰燃煤锅炉 reading 1 个：铜梁区，的数值无法确定 once 的
    joined the wording: after the comma no name comes right before it."""
    from generator.pages import metric

    text = render(next(p for p in metric.pages(real_index) if p.path == "metrics/index.md"))
    cell = re.search(r"^\| \[[^\]]+\]\(\.\./metrics/coal-boiler-phaseout\.md\)[^|]* \| ([^|]*) \|", text, re.M)
    assert cell and cell.group(1).strip() == "1 个：铜梁区，数值无法确定", cell and cell.group(1)
