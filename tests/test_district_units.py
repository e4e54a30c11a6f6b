"""Unit names resolve per district (model.UnitNames): a document's unit name stands first for a
department registered for the document's district, else for a district-less one, so two districts
may each have their own body under one printed name (港桥产业促进中心, 高新区管委会 …)."""
from __future__ import annotations

import shutil
from pathlib import Path

from generator.checking import check_data
from generator.extract.draft import Registries, build_draft
from generator.extract.read import read_source
from generator.index import build_index_without_links
from generator.pages import department
from generator.synth import synthesize
from generator.unit_finder import DepartmentFinder
from tests.conftest import DATA, FIXTURE
from tests.test_diagnostics import DOC, broken_corpus, edited_copy, problems

REGISTRY = "departments.yaml"
JINGJI = ("  - slug: jingji-xinxi\n    name: 经济信息委\n    full_name: 区经济和信息化委员会\n"
          "    kind: 区级部门\n    aliases: [区经济信息委]\n")
# 区经济信息委 made two bodies: jiangjin's (jiangjin-test m1 names it) and qianjiang's (qianjiang-test task-1 reads it)
TWO_BODIES = ("  - slug: jingji-xinxi\n    name: 经济信息委\n    full_name: 江津区经济和信息化委员会\n"
              "    kind: 区级部门\n    district: jiangjin\n    aliases: [区经济信息委]\n"
              "  - slug: qianjiang-jingji-xinxi\n    name: 黔江经济信息委\n    full_name: 黔江区经济和信息化委员会\n"
              "    kind: 区级部门\n    district: qianjiang\n    aliases: [区经济信息委]\n")


def two_districts_one_name(tmp_path: Path) -> Path:
    return broken_corpus(tmp_path, REGISTRY, JINGJI, TWO_BODIES)


def test_two_districts_each_with_its_own_same_named_body(tmp_path):
    root = two_districts_one_name(tmp_path)
    index = build_index_without_links(check_data(root))  # passes the check: no ambiguous-alias, no unit-wrong-district

    def departments_of(key: str) -> list[tuple[str, str]]:
        return [(u.reading, u.department.slug) for u in index.measure(key).units]

    assert departments_of("jiangjin-test/m1") == [("区发展改革委", "fazhan-gaige"), ("区经济信息委", "jingji-xinxi")]
    assert departments_of("qianjiang-test/task-1") == [("区经济信息委", "qianjiang-jingji-xinxi")]
    assert [me.key for me in index.measures_by_department["jingji-xinxi"]] == ["jiangjin-test/m1"]
    assert [me.key for me in index.measures_by_department["qianjiang-jingji-xinxi"]] == ["qianjiang-test/task-1"]
    # each department's page counts its own district's measure only
    for slug, district, name in (("jingji-xinxi", "江津区", "区经济信息委"), ("qianjiang-jingji-xinxi", "黔江区", "区经济信息委")):
        page = department.department_page(index, slug).context
        assert [(row.district.text, row.total.total) for row in page.rows] == [(district, 1)]
        assert page.aliases == ((name, district),)
    listed = {row.department.text: (row.district_count, row.total.total)
              for page in department.pages(index) if isinstance(page.context, department.DepartmentsPage)
              for row in page.context.rows}
    assert listed["经济信息委"] == (1, 1) and listed["黔江经济信息委"] == (1, 1)


def test_one_name_twice_in_one_district_is_ambiguous(tmp_path):
    root = two_districts_one_name(tmp_path)
    registry = root / REGISTRY
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "    district: qianjiang\n", "    district: jiangjin\n", 1), encoding="utf-8")
    ambiguous, wrong_district = problems(root)
    assert ambiguous == (
        "departments.yaml:18:15: 错误[ambiguous-alias]: `区经济信息委` 同时列在 `jingji-xinxi` 和"
        " `qianjiang-jingji-xinxi` 下面\n"
        "    建议：只在它真正所指的那一项下保留这个名称")
    # both bodies are jiangjin's now: qianjiang's document names neither
    assert wrong_district.startswith("documents/qianjiang/qianjiang-test.yaml:51:11: 错误[unit-wrong-district]")


def test_a_name_of_a_district_less_department_and_of_a_districts_own_is_reported(tmp_path):
    """A district-less department's names hold in every district: the same name under one
    district's own department as well is most likely an oversight, and is reported, not resolved
    silently to the district's own."""
    root = broken_corpus(tmp_path, REGISTRY, "  - slug: jiaotong\n",
                         "  - slug: qianjiang-fagai\n    district: qianjiang\n    name: 黔江发改委\n"
                         "    full_name: 黔江区发展和改革委员会\n    kind: 区级部门\n    aliases: [区发改委]\n  - slug: jiaotong\n")
    assert problems(root) == [
        "departments.yaml:17:15: 错误[ambiguous-alias]: `区发改委` 同时列在不分区县的 `fazhan-gaige` 和只属于 qianjiang 的"
        " `qianjiang-fagai` 下面\n"
        "    建议：不分区县的部门的写法在所有区县通用，不能再列在某个区县的部门下。如果 qianjiang 的 `区发改委` 确是另一个机构，"
        "就给 `fazhan-gaige` 写上它所属的 `district`（区县），用到这个名称的其他区县各建一个写明区县的部门；"
        "否则删去 `qianjiang-fagai` 下的这个名称",
    ]


def test_the_fix_unit_wrong_district_suggests_passes_the_check(tmp_path):
    """What the hint of unit-wrong-district says to do (a department with the document's district and
    the printed name in its aliases) is a fix the check accepts."""
    root = broken_corpus(tmp_path, REGISTRY, "    aliases: [区交通局]", "    district: qianjiang\n    aliases: [区交通局]")
    [found] = problems(root)
    assert "写 `district: jiangjin`，并把 `区交通局` 写进它的 `aliases`" in found
    with (root / REGISTRY).open("a", encoding="utf-8") as registry:
        registry.write("  - slug: jiangjin-jiaotong\n    district: jiangjin\n    name: 江津交通局\n"
                       "    full_name: 江津区交通局\n    kind: 区级部门\n    aliases: [区交通局]\n")
    index = build_index_without_links(check_data(root))
    assert [u.department.slug for u in index.measure("jiangjin-test/m2").units] == ["jiangjin-jiaotong", "fazhan-gaige"]


def test_a_departments_misspelt_district_is_offered_the_registered_one_and_its_units_point_to_it(tmp_path):
    """`district: jiangjing` in departments.yaml: the registered slug it is like is offered (as for a
    document's district, and a theme), and the units printed in jiangjin's documents that it leaves
    without a department of their district are not told to make a new one (the wrong fix: a user test)
    but to correct that first error."""
    root = broken_corpus(tmp_path, REGISTRY, "    aliases: [区交通局]", "    district: jiangjing\n    aliases: [区交通局]")
    assert [p.split("\n") for p in problems(root)] == [
        [f"{REGISTRY}:16:15: 错误[unknown-district]: 部门 jiaotong：区县 `jiangjing` 不在 districts.yaml（区县名录）中",
         "    建议：是不是要写 `jiangjin`（江津区） 或 `qianjiang`（黔江区）？可用的区县编号：jiangjin（江津区）、qianjiang（黔江区）；"
         "新区县先在 districts.yaml 中登记（见编辑指南“登记新区县”）"],
        [f"{DOC}:59:15: 错误[unit-wrong-district]: 条目 m2：`区交通局` 是 jiaotong，它在 departments.yaml 中登记的区县 `jiangjing` "
         "不在区县名录中",
         f"    建议：先改正 {REGISTRY}:16:15 的错误 unknown-district（多半是区县编号写错了）；改对之后再检查一次，这一条多半随之消失"],
    ]


def test_a_misspelt_district_is_offered_the_registered_ones_not_its_folder(tmp_path):
    root = broken_corpus(tmp_path, DOC, "district: jiangjin", "district: jiangjing")
    found = [p for p in problems(root) if "district-folder-mismatch" in p]
    assert found == [
        f"{DOC}:2:11: 错误[district-folder-mismatch]: 文件写的区县是 `jiangjing`，却放在文件夹 `jiangjin` 里\n"
        "    建议：`jiangjing` 不是已登记的区县，请改正 `district`（区县）；是不是要写 `jiangjin` 或 `qianjiang`？",
    ]
    assert "documents/jiangjing" not in "".join(problems(root))


def test_a_wrong_district_is_told_once_not_again_for_each_of_its_folders_units(tmp_path):
    """A user test: `district: yongchuan` in a 江津 file gave the folder error and six unit-wrong-district
    errors, each advising a new department for 永川; the folder's own units are no other district's."""
    only_jiangjin = JINGJI.replace("    kind: 区级部门\n", "    kind: 区级部门\n    district: jiangjin\n")
    root = edited_copy(tmp_path, FIXTURE, [(REGISTRY, JINGJI, only_jiangjin), (DOC, "district: jiangjin", "district: qianjiang")])
    # (qianjiang-test's own 区经济信息委 is now another district's too: told in that file)
    assert [p for p in problems(root) if p.startswith(DOC)] == [
        f"{DOC}:2:11: 错误[district-folder-mismatch]: 文件写的区县是 `qianjiang`，却放在文件夹 `jiangjin` 里\n"
        "    建议：把文件移到 site_data/documents/qianjiang/，或改正 `district`（区县）",
    ]
    # moved to the folder of the district it names, its units are told as that district's
    moved = "documents/qianjiang/" + Path(DOC).name
    (root / DOC).rename(root / moved)
    # (and its 文号 江津测试〔2022〕1号 names 江津区, not 黔江区: printed-district-mismatch)
    assert [p.split(": ")[1] for p in problems(root) if p.startswith(moved)] == [
        "错误[printed-district-mismatch]", "错误[unit-wrong-district]"]


def test_a_draft_resolves_a_same_named_body_to_its_own_districts_department(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("districts.yaml", "departments.yaml", "metrics.yaml", "themes.yaml"):
        shutil.copyfile(DATA / name, data / name)
    source = tmp_path / "plan.txt"
    source.write_text("江津区产业园区绿色发展行动方案\n\n一、重点任务\n"
                      "1、建设绿色园区。推动园区企业开展节能改造。（牵头单位：港桥产业促进中心；配合单位：区发展改革委）\n",
                      encoding="utf-8")
    # 港桥产业促进中心 is yongchuan's alone: a jiangjin draft does not take it as printed
    before = Registries.load(data)
    districts = {d.slug: d for d in before.districts}
    assert DepartmentFinder(before.departments, "yongchuan").exact("港桥产业促进中心").slug == "gangqiao-chanye"
    assert DepartmentFinder(before.departments, "jiangjin").exact("港桥产业促进中心") is None
    draft = build_draft(read_source(source), districts["jiangjin"], "jiangjin-test", before)
    assert any("港桥产业促进中心" in todo for todo in draft.todos), draft.todos
    # registered for jiangjin as well: each district's draft resolves it to its own department
    with (data / "departments.yaml").open("a", encoding="utf-8") as registry:
        registry.write("  - slug: jiangjin-gangqiao-chanye\n    name: 港桥产业促进中心\n    full_name: 江津区港桥产业促进中心\n"
                       "    kind: 园区管理机构\n    district: jiangjin\n    aliases: [港桥产业促进中心]\n")
    after = Registries.load(data)
    assert DepartmentFinder(after.departments, "jiangjin").exact("港桥产业促进中心").slug == "jiangjin-gangqiao-chanye"
    assert DepartmentFinder(after.departments, "yongchuan").exact("港桥产业促进中心").slug == "gangqiao-chanye"
    draft = build_draft(read_source(source), districts["jiangjin"], "jiangjin-test", after)
    [measure] = [m for m in draft.document["measures"] if m.get("responsibility")]
    assert measure["responsibility"]["lead"] == ["港桥产业促进中心"]
    assert not any("港桥产业促进中心" in todo for todo in draft.todos), draft.todos


def test_synthetic_corpus_with_same_named_bodies_of_two_districts_passes_the_check(tmp_path):
    """Every synthetic district copies the documents of all real districts: same-named bodies of
    two real districts become one name there, and the synthetic corpus stays valid."""
    root = two_districts_one_name(tmp_path)
    synthesize(root, tmp_path / "synth", 2)
    corpus = check_data(tmp_path / "synth")
    assert len(corpus.documents) == 4


def test_synthetic_corpus_with_two_districts_bodies_of_one_name_passes_the_check(tmp_path):
    """Two districts' own bodies may share a name (each its own 港桥产业促进中心); made no district's in the
    synthetic corpus, they would be two departments of one name (duplicate-name): the later is renamed."""
    root = broken_corpus(tmp_path, REGISTRY, JINGJI, TWO_BODIES.replace("name: 黔江经济信息委", "name: 经济信息委"))
    check_data(root)
    synthesize(root, tmp_path / "synth", 2)
    corpus = check_data(tmp_path / "synth")
    assert [d.name for d in corpus.departments.departments if d.slug.endswith("jingji-xinxi")] == [
        "经济信息委", "经济信息委（qianjiang-jingji-xinxi）"]
