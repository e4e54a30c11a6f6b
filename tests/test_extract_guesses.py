"""What `extract` guesses is a gap for the editor, and its summary counts what `check` lists.

The editor's test: 永川's plan with 永川 replaced by 荣昌, drafted for 荣昌区. Its theme lists are
keyword guesses (20 of 25 differed from the curated 永川 file), the relation to a cited plan is a
reading of the words before its title (「深入落实《…》」, which the curated file reads as `cites`):
each is written as a TODO, so `check` warns and `build` refuses until an editor has confirmed it.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.extract.draft import THEMES_GUESSED
from tests.conftest import DATA
from tests.test_extract_inputs import run
from tests.test_extract_units import RONGCHANG

DOC_ID = "rongchang-2022-112"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> tuple[Path, Path, str]:
    """The data with 荣昌区 registered and the 荣昌 copy drafted into it: (data, draft, summary)."""
    root = tmp_path_factory.mktemp("guesses")
    data = root / "data"
    shutil.copytree(DATA, data)
    with (data / "districts.yaml").open("a", encoding="utf-8") as registry:
        registry.write(RONGCHANG)
    source = root / "plan.txt"
    source.write_text((DATA / "sources" / "yongchuan-2022-112.txt").read_text(encoding="utf-8").replace("永川", "荣昌"),
                      encoding="utf-8")
    out = data / "documents" / "rongchang" / f"{DOC_ID}.yaml"
    result = run("extract", str(source), "--district", "rongchang", "--out", str(out), "--data", str(data))
    assert result.returncode == 0, result.stderr
    return data, out, result.stderr


@pytest.fixture(scope="module")
def checked(drafted) -> str:
    return run("check", "--data", str(drafted[0])).stderr


def test_every_theme_list_is_a_guess_the_editor_confirms(drafted, checked):
    data, out, summary = drafted
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    themes = [m["themes"] for m in draft["measures"]]
    assert len(themes) == 25 and all(t[0] == "todo" for t in themes)
    agriculture = next(m for m in draft["measures"] if m["title"] == "深化农业绿色低碳发展。")
    assert agriculture["themes"][1:], "the suggestions stay after the mark, as a starting point"
    assert f"themes: [todo, {', '.join(agriculture['themes'][1:])}]" in out.read_text(encoding="utf-8")
    # a warning at every list, never an unknown-theme error; said once in the summary, not per item
    assert checked.count("字段 `themes#1`（主题）仍是草稿中待填的 TODO") == 25
    assert "unknown-theme" not in checked
    assert summary.count(THEMES_GUESSED) == 1 and "（25 处）主题（themes）" in summary
    build = run("build", "--data", str(data), "--out", str(out.parents[3] / "site"))
    assert build.returncode == 1 and "错误[todo]" in build.stderr


def test_the_editor_removing_todo_leaves_no_theme_gap(drafted, tmp_path):
    data, out, _ = drafted
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    path = copy / out.relative_to(data)
    path.write_text(re.sub(r"themes: \[todo(?:, )?", "themes: [", path.read_text(encoding="utf-8"))
                    .replace("themes: []", "themes: [governance]"), encoding="utf-8")
    checked = run("check", "--data", str(copy)).stderr
    assert "themes#" not in checked and "unknown-theme" not in checked


def _todo_lines(summary: str) -> tuple[int, list[str]]:
    head = re.search(r"没能填写（(\d+) 处 TODO", summary)
    assert head is not None, summary
    block = re.split(r"\n  (?! )", summary[head.end():])[0]  # up to the next heading of the summary
    return int(head.group(1)), [line for line in block.splitlines() if line.startswith("    - ")]


def test_the_summary_counts_what_check_lists(drafted, checked):
    _, _, summary = drafted
    count, lines = _todo_lines(summary)
    # 39 guesses and gaps, the second water-class target of one entry (metric read twice), and the
    # comparators of six bare numbers (下降14.5%, 累计建成绿色工厂18个 …)
    assert count == checked.count("提醒[todo]") == 46
    # every line explains one TODO, or says how many: the lines add up to the count
    assert sum(int(m.group(1)) if (m := re.match(r"    - （(\d+) 处）", line)) else 1 for line in lines) == count
    # one line per entry for its units to register, not one per unit
    assert sum("尚未登记" in line for line in lines) == 8
    # the units to register: as many places as `check` reports errors for them
    printed = re.search(r"要登记的单位（7 个，草稿中印出 (\d+) 处）", summary)
    assert printed is not None, summary
    assert int(printed.group(1)) == checked.count("错误[unknown-department]") + checked.count("错误[unit-wrong-district]")


def test_the_notice_title_split_by_a_bookmark_is_found_and_relations_are_left_to_the_editor(drafted, checked):
    _, out, summary = drafted
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert draft["notice_title"] == "重庆市荣昌区人民政府办公室关于印发荣昌区绿色低碳发展行动实施方案的通知"
    assert [p["relation"] for p in draft["policies"]] == ["todo", "todo"]
    assert checked.count("字段 `relation`（与该政策的关系）仍是草稿中待填的 TODO\n    建议：文件写明贯彻落实这份政策时写 "
                         "implements，只是提及时写 cites") == 2
    assert "《以实现碳达峰碳中和目标为引领加快推进现代制造业基地绿色低碳发展行动计划（2022—2025年）》的关系（relation）：" \
           "看上下文像是贯彻落实（implements）" in summary


def test_a_notice_title_not_found_is_a_todo(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("永川区节水方案\n\n一、重点任务\n\n1、推进节水。推动企业节水改造。（牵头单位：区水利局）\n", encoding="utf-8")
    result = run("extract", str(source), "--district", "yongchuan")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout)["notice_title"].startswith("TODO")
    assert "没有找到印发通知的标题（notice_title）" in result.stderr


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_a_kind_of_body_every_district_has_is_one_department_in_the_guide_the_registry_and_the_advice(drafted):
    """高新区管委会 is one department for every district (like 发展改革委); only a body one district
    alone has (港桥产业促进中心) is registered with `district:`. The guide, the registry and extract agree."""
    guide = (DATA.parent / "content" / "editor-guide.md").read_text(encoding="utf-8")
    rule = _section(guide, "只属于一个区县的机构")
    assert "各区县自己的“高新区管委会”" not in guide
    assert "不要为某个区县的“高新区管委会”另建部门" in rule and "`gaoxinqu-guanweihui`" in rule
    registry = yaml.safe_load((DATA / "departments.yaml").read_text(encoding="utf-8"))["departments"]
    by_slug = {d["slug"]: d for d in registry}
    assert "district" not in by_slug["gaoxinqu-guanweihui"] and by_slug["gangqiao-chanye"]["district"] == "yongchuan"
    # every department the guide names as a kind of body every district has is registered without a district
    for slug in re.findall(r"`([a-z-]+)`", rule.split("只有**某一个区县独有**")[0]):
        if slug in by_slug:
            assert "district" not in by_slug[slug], slug
    _, _, summary = drafted
    advice = summary.split("`荣昌高新区管委会` 与已登记的 `高新区管委会` 只差区县名称", 1)[1].split("\n    - ", 1)[0]
    assert "把它加到 `gaoxinqu-guanweihui`（高新区管委会）的 aliases" in advice and "不为本区县另建" in advice
    assert "aliases: [高新区管委会, 永川高新区管委会, 荣昌高新区管委会]" in advice and "district:" not in advice
    gangqiao = summary.split("`港桥产业促进中心` 只登记为永川区的", 1)[1].split("\n    - ", 1)[0]
    assert "district: rongchang" in gangqiao
