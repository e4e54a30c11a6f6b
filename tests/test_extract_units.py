"""`extract` and printed unit names of a district the corpus has no document of yet.

A reading is for damaged print only: a name that differs from a registered one only in the
district it names (国网荣昌供电分公司 beside yongchuan's 国网永川供电分公司), or that is registered
for another district's own body alone, is a different body. The draft keeps it as printed, and
the summary says how to register it; what it suggests passes `check` once added. OCR-damaged
names of a body valid for the document are still drafted as readings.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.extract.draft import Registries, build_draft
from generator.extract.read import read_source
from generator.unit_finder import DepartmentFinder
from tests.conftest import DATA
from tests.test_extract_inputs import run

RONGCHANG = "  - slug: rongchang\n    name: 荣昌区\n    region: 主城都市区\n    aliases: [荣昌]\n"
PLAN = """荣昌区电能替代推进方案

一、重点任务

1、推进工业电能替代。推动工业企业实施电锅炉改造。（牵头单位：国网荣昌供电分公司；配合单位：区经济息委、区发展改革委）

2、建设科学城绿色园区。推动园区企业节能改造。（科学城荣昌管委会、港桥产业促进中心等按职责分工负责）
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The corpus's data with 荣昌区 registered and no document of it."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    with (root / "districts.yaml").open("a", encoding="utf-8") as registry:
        registry.write(RONGCHANG)
    return root


def draft_of(data: Path, text: str, district: str = "rongchang"):
    source = data.parent / "plan.txt"
    source.write_text(text, encoding="utf-8")
    registries = Registries.load(data)
    return build_draft(read_source(source), {d.slug: d for d in registries.districts}[district], None, registries)


def units_of(measure: dict) -> list:
    r = measure["responsibility"]
    return [*r.get("lead", []), *r.get("support", []), *r.get("joint", [])]


def test_another_districts_unit_but_for_the_district_name_is_kept_as_printed_not_read(data):
    draft = draft_of(data, PLAN)
    first, second = draft.document["measures"]
    # kept verbatim: never read as yongchuan's 国网永川供电分公司 or jiangjin's 科学城江津管委会
    assert units_of(first)[0] == "国网荣昌供电分公司"
    assert units_of(second) == ["科学城荣昌管委会", "港桥产业促进中心"]
    assert not any(isinstance(u, dict) and "国网" in u["printed"] for u in units_of(first))
    assert first["note"].startswith("TODO") and "国网荣昌供电分公司" in first["note"]
    assert any("国网荣昌供电分公司" in t and "尚未登记" in t for t in draft.todos), draft.todos
    assert not any("暂按 `国网永川供电分公司`" in t for t in draft.todos), draft.todos
    found = {u.name: (u.like.slug if u.like else None, u.like_alias) for u in draft.new_units}
    assert found == {"国网荣昌供电分公司": ("guowang-gongdian", "国网永川供电分公司"),
                     "科学城荣昌管委会": ("kexuecheng-jiangjin", "科学城江津管委会"),
                     "港桥产业促进中心": ("gangqiao-chanye", "")}  # yongchuan's own body, printed alike


def test_ocr_damage_of_a_unit_valid_here_is_still_a_reading(data):
    draft = draft_of(data, PLAN)
    damaged = units_of(draft.document["measures"][0])[1]
    assert damaged["printed"] == "区经济息委" and damaged["reading"] == "区经济信息委" and damaged["uncertain"] is True
    registries = Registries.load(data)
    finder = DepartmentFinder(registries.departments, "rongchang", registries.districts)
    # the district's own name damaged (荣冒 for 荣昌) is damaged print, not another district's body
    assert finder.new_unit("荣冒区规划和自然资源局") is None
    assert finder.nearest("荣冒区规划和自然资源局")[1].slug == "guihua-ziran-ziyuan"
    # a district not registered is still a district part: 大足 for 永川 is another body
    assert finder.new_unit("国网大足供电分公司").like.slug == "guowang-gongdian"


def test_the_corpus_ocr_readings_are_proposed_as_before():
    registries = Registries.load(DATA)
    districts = {d.slug: d for d in registries.districts}
    draft = build_draft(read_source(DATA / "sources" / "qianjiang-2022-24.txt"), districts["qianjiang"],
                        "qianjiang-2022-24", registries)
    readings = {u["printed"]: u["reading"] for m in draft.document["measures"] if m.get("responsibility")
                for u in units_of(m) if isinstance(u, dict)}
    assert {"区经济息委": "区经济信息委", "区发展委": "区发展改革委", "区牛态环境局": "区生态环境局",
            "区农业榻接": "区农业农村委", "区市场雕局": "区市场监管局"}.items() <= readings.items()
    assert draft.new_units == []


def _snippets(summary: str) -> list[list[str]]:
    """The departments.yaml lines the summary suggests, one list per unit."""
    out: list[list[str]] = []
    for line in summary.splitlines():
        if line.startswith("        - slug: "):
            out.append([])
        if out and re.match(r"^ {8}[- ] ", line):
            out[-1].append(line[6:])
    return out


def test_the_summary_says_how_to_register_it_and_that_passes_check(data):
    source = data.parent / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    out = data / "documents" / "rongchang" / "rongchang-2024-1.yaml"
    result = run("extract", str(source), "--district", "rongchang", "--id", "rongchang-2024-1", "--out", str(out),
                 "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert "要登记的单位（3 个，草稿中印出 3 处）" in result.stderr
    assert ("`国网荣昌供电分公司` 与已登记的 `国网永川供电分公司` 只差区县名称，是荣昌区的同类机构（不是错字）："
            "把它加到 `guowang-gongdian`（国网供电公司）的 aliases") in result.stderr
    snippets = {s[0].removeprefix("  - slug: "): s for s in _snippets(result.stderr)}
    assert "    aliases: [国网永川供电分公司, 国网荣昌供电分公司]" in snippets["guowang-gongdian"]
    assert snippets["kexuecheng-rongchang"] == [
        "  - slug: kexuecheng-rongchang", "    name: 科学城荣昌管委会", "    full_name: 西部（重庆）科学城荣昌片区管理委员会",
        "    kind: 园区管理机构", "    district: rongchang", "    aliases: [科学城荣昌管委会]"]
    assert "    district: rongchang" in snippets["rongchang-gangqiao-chanye"]
    before = run("check", "--data", str(data))
    assert "错误[unknown-department]" in before.stderr and "国网荣昌供电分公司" in before.stderr
    # check gives the advice extract gave, not "the closest known name is 国网永川供电分公司: a typo?"
    assert ("单位 `国网荣昌供电分公司` 还没有登记\n    建议：`国网荣昌供电分公司` 与已登记的 `国网永川供电分公司` 只差区县名称，"
            "是荣昌区的同类机构（不是错字）：把它加到 `guowang-gongdian`（国网供电公司）的 aliases") in before.stderr, before.stderr
    assert "如果是错字" not in before.stderr.split("国网荣昌供电分公司` 还没有登记")[1].split("\n")[1]
    # the summary it points to can be seen again, and a note's TODO is an instruction to carry out (editor test)
    assert "不加 --out 再运行一次 extract 即可在终端看到总结" in before.stderr
    note_todos = [line for line in before.stderr.split("\n") if "note`（" in line and "format_note" not in line and "提醒[todo]" in line]
    assert note_todos, before.stderr
    assert before.stderr.count("建议：按说明处理后删去这句 TODO") == len(note_todos), before.stderr
    # the editor does what the summary says: the shared entry replaced, the new ones appended
    registry = data / "departments.yaml"
    text = registry.read_text(encoding="utf-8")
    entry = re.search(r"  - slug: guowang-gongdian\n(    .*\n)+", text)
    assert entry is not None
    text = text.replace(entry.group(0), "\n".join(snippets.pop("guowang-gongdian")) + "\n")
    text += "".join("\n".join(lines) + "\n" for lines in snippets.values())
    registry.write_text(text, encoding="utf-8")
    yaml.safe_load(text)
    after = run("check", "--data", str(data))
    assert after.returncode == 0, after.stderr
    assert "错误[" not in after.stderr
