"""The target-not-recorded rule: a quantified target an entry prints is one of its targets, or its
`not_targets` says why the number is not one."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.checking import check_data
from generator.rules import printed_targets
from tests.conftest import DATA
from tests.test_diagnostics import DOC, broken_corpus, edited_copy, problems

M2_TEXT = "布局电动汽车充换电配套设施,建设充电桩<script>。"
NOT_RECORDED_HINT = ("    建议：照原句把它写进本条的 `targets`（指标、数值、单位、比较符、目标年，逐字核对原句）；它不是量化目标时"
                     "（项目的建设规模、门槛、现状值），写进本条的 `not_targets`：`printed: {amount}`，并在 `note` 中说明为什么")


def with_m2_text(tmp_path: Path, text: str, after_themes: str = "") -> Path:
    """The fixture corpus with measure m2's text (in the YAML and its source) changed to ``text``, and
    ``after_themes`` (more fields of m2) written after its themes."""
    root = broken_corpus(tmp_path, DOC, f"    text: {M2_TEXT}\n", f"    text: {text}\n")
    source = root / "sources" / "jiangjin-test.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(M2_TEXT, text, 1), encoding="utf-8")
    if after_themes:
        path = root / DOC
        yaml = path.read_text(encoding="utf-8")
        themes = "    themes: [transport, energy]\n"
        assert yaml.endswith(themes)  # m2 is the last entry
        path.write_text(yaml + after_themes, encoding="utf-8")
    return root


def warnings_of(root: Path) -> list[str]:
    """What `check` lists as reminders (it passes), with the corpus root taken off each path."""
    warnings: list = []
    check_data(root, warnings)
    prefix = str(root) + "/"
    return [d.text().replace(prefix, "") for d in warnings]


def test_a_printed_target_that_is_not_recorded_is_a_reminder_at_its_text(tmp_path):
    root = with_m2_text(tmp_path, "到2025年,新建充电桩500个。")
    expected = (f"{DOC}:56:11: 提醒[target-not-recorded]: 条目 m2 的正文（text）印出了目标 `500个`"
                "（`到2025年,新建充电桩500个`），本条却没有数值或基年值为 500 的目标\n" + NOT_RECORDED_HINT.format(amount="500个"))
    assert warnings_of(root) == [expected]  # `check` passes and lists it
    assert problems(root) == [expected.replace("提醒[", "错误[")]  # a build refuses it


@pytest.mark.parametrize("text,amount", [
    ("单位地区生产总值能耗较2020年降低13.5%。", "13.5%"),  # a word that sets it, no year
    ("“十四五”期间,全区绿色建筑占新建建筑比例80%。", "80%"),  # a five-year plan's period
    ("到2030年,战略性新兴产业总产值300亿元。", "300亿元"),
    ("推广新能源汽车5万辆。", "5万辆"),  # 万 before a unit
    ("水土流失治理面积48平方公里。", "48平方公里"),  # a measure named right before it
    ("到2022年,全区60%以上的学校达到绿色学校创建要求。", "60%"),  # a share that is 以上 is a target, not a size
    ("紧盯医疗废物和医疗污水处置,保障有效收集和处理处置100%。", "100%"),  # 保障 (or 确保) sets it, no year
])
def test_each_way_a_target_is_printed_is_read(tmp_path, text, amount):
    found = [line.split("\n")[0] for line in warnings_of(with_m2_text(tmp_path, text))]
    assert len(found) == 1 and f"印出了目标 `{amount}`" in found[0], found


def test_a_recorded_target_is_not_reported(tmp_path):
    target = ("    targets:\n      - metric: public-charging-facilities\n        clause: 新建公共充电设施500处\n"
              '        value: "500"\n        unit: 处\n        target_year: 2025\n')
    assert warnings_of(with_m2_text(tmp_path / "value", "到2025年,新建公共充电设施500处。", target)) == []
    base = ("    targets:\n      - metric: energy-intensity-reduction\n        clause: 由2020年的22%提高到2025年的30%\n"
            '        value: "30"\n        unit: "%"\n        base_year: 2020\n        base_value: "22"\n        target_year: 2025\n')
    assert warnings_of(with_m2_text(tmp_path / "base", "由2020年的22%提高到2025年的30%。", base)) == []


def test_a_value_printed_with_a_thousands_comma_is_the_number_written_without_it(tmp_path):
    """`value: "1,400"` is refused with the advice to write 1400: the source's 1,400 is then that number,
    to the check of its clause and to this rule (not 400)."""
    target = ("    targets:\n      - metric: public-charging-facilities\n        clause: 新建公共充电设施1,400处\n"
              '        value: "1400"\n        unit: 处\n        target_year: 2025\n')
    assert warnings_of(with_m2_text(tmp_path, "到2025年,新建公共充电设施1,400处。", target)) == []


def test_the_second_number_of_a_clause_is_reported_when_only_the_first_is_recorded(tmp_path):
    """分别降低16%、18%以上: one target recorded from the clause does not stand for the other."""
    target = ("    targets:\n      - metric: energy-intensity-reduction\n        clause: 分别较2020年降低16%、18%以上\n"
              '        value: "16"\n        unit: "%"\n        comparator: ≥\n        base_year: 2020\n        target_year: 2025\n')
    root = with_m2_text(tmp_path, "到2025年,单位地区生产总值能耗和二氧化碳排放强度分别较2020年降低16%、18%以上。", target)
    found = [line.split("\n")[0] for line in warnings_of(root)]
    assert found == [f"{DOC}:56:11: 提醒[target-not-recorded]: 条目 m2 的正文（text）印出了目标 `18%`（`…耗和二氧化碳排放强度分别较2020年降低16%、"
                     "18%以上`），本条却没有数值或基年值为 18 的目标"]


REDUCTION = ("    targets:\n      - metric: energy-intensity-reduction\n        clause: {clause}\n"
             '        value: "15"\n        unit: "%"\n        target_year: 2025\n')
TWICE = "到2025年,单位地区生产总值能耗降低15%,单位地区生产总值二氧化碳排放降低15%。"


def test_a_target_recorded_from_another_sentence_does_not_stand_for_one_left_out(tmp_path):
    """Two targets of 15% printed, one recorded: the value alone matched it to both. Each printed target
    is recorded by a target whose clause stands around it."""
    root = with_m2_text(tmp_path / "one", TWICE, REDUCTION.format(clause="单位地区生产总值能耗降低15%"))
    assert warnings_of(root) == [
        f"{DOC}:56:11: 提醒[target-not-recorded]: 条目 m2 的正文（text）印出了目标 `15%`（`…能耗降低15%,"
        "单位地区生产总值二氧化碳排放降低15%`），本条数值或基年值为 15 的第 1 个目标的原句（clause）是 `单位地区生产总值能耗降低15%`，"
        "不是这一处：这一处的目标没有记下\n"
        "    建议：这一处就是那个目标时，把它的 `clause` 改成这一处的原句；否则" + NOT_RECORDED_HINT.format(amount="15%")[len("    建议："):]]
    second = REDUCTION.format(clause="单位地区生产总值二氧化碳排放降低15%").removeprefix("    targets:\n")
    both = REDUCTION.format(clause="单位地区生产总值能耗降低15%") + second
    assert warnings_of(with_m2_text(tmp_path / "both", TWICE, both)) == []


def test_a_target_whose_clause_the_text_does_not_quote_stands_for_its_value_anywhere(tmp_path):
    """A table row's clause (its cells joined by `…`, not in the text) or a clause read otherwise: the target
    cannot be placed, and records its value wherever the text prints it, as before."""
    target = REDUCTION.format(clause="单位地区生产总值能耗降低15%").replace("clause: 单位地区生产总值能耗降低15%", "clause: 降低…15%")
    assert warnings_of(with_m2_text(tmp_path, "到2025年,能耗降低15%。", target)) == []


def test_removing_one_of_three_equal_targets_of_the_real_corpus_is_reported(tmp_path):
    """m10 of yongchuan-2022-112 prints 90% three times (受污染耕地、秸秆、畜禽粪污), each a target: left out,
    the 秸秆 target was matched to the other two's value and passed without a reminder."""
    doc = "documents/yongchuan/yongchuan-2022-112.yaml"
    straw = ("      - metric: straw-utilization\n        clause: 秸秆综合利用率达到90%以上\n        value: \"90\"\n"
             "        unit: \"%\"\n        comparator: ≥\n        target_year: 2025\n")
    root = edited_copy(tmp_path, DATA, [(doc, straw, "")])
    (found,) = warnings_of(root)
    assert found.startswith(f"{doc}:336:11: 提醒[target-not-recorded]: 条目 m10 的正文（text）印出了目标 `90%`"
                            "（`…，绿色防控率稳定在40%以上，秸秆综合利用率达到90%以上，畜禽粪污综…`），本条数值或基年值为 90 的第 1、4 个目标")


@pytest.mark.slow
def test_a_draft_that_leaves_out_a_printed_target_is_reminded_of_it(tmp_path, capsys):
    """The 永川 draft drops 「保障有效收集和处理处置100%」 (m18), which the curated file records: no year in its
    sentence and no word before it that printed_targets read as setting it, so it went unreported."""
    from generator.cli import main

    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    (root / "documents" / "yongchuan" / "yongchuan-2022-112.yaml").unlink()
    out = root / "documents" / "yongchuan" / "yongchuan-2022-112.yaml"
    assert main(["extract", str(DATA / "sources" / "yongchuan-2022-112.txt"), "--district", "yongchuan",
                 "--data", str(root), "--out", str(out), "--force"]) == 0
    capsys.readouterr()
    found = [line for line in warnings_of(root) if "[target-not-recorded]" in line]
    assert [line.split("\n")[0].split(": ", 1)[1] for line in found] == [
        "提醒[target-not-recorded]: 条目 m18 的正文（text）印出了目标 `100%`（`…间医疗废物和医疗污水处置，保障有效收集和处理处置100%`），"
        "本条却没有数值或基年值为 100 的目标"]


def test_dates_clause_numbers_and_document_numbers_are_not_targets(tmp_path):
    text = "依据江津测试〔2022〕1号第3条,自2022年4月16日起,到2025年完成第2批轨道交通17号线和5G基站建设。"
    assert warnings_of(with_m2_text(tmp_path, text)) == []


@pytest.mark.parametrize("words", [
    "依据渝府办发〔2022〕22号第3条,自2022年4月16日起实施,到2025年底完成",  # a document number, a clause, a date
    "到2025年,新建居住建筑执行《居住建筑节能65%设计标准》",  # inside a title
    "到2025年,以建筑面积10万平方米(含)以上的大型商场为创建主体",  # a size that marks out what it applies to
    "扩大范围至年消耗2000吨标准煤及以上企业",
    "包括建设1兆瓦级燃气发电机组",
    "到2025年,实施3000km2流域治理,推进PM2.5和5G建设",  # part of a longer word
    "力争推动第3个示范区建设",  # an ordinal
    "围绕纳入统计范畴的17家规模以上企业,拓展产业链",  # no year, no word that sets it in its clause
])
def test_words_that_print_no_target(words):
    assert list(printed_targets(words)) == []


def test_a_range_counts_both_ends():
    (found,) = printed_targets("到2025年,建设3-5个标准化农田气象观测站点")
    assert found.values == (Decimal(3), Decimal(5)) and found.amount == "3-5个"


def test_a_metrics_own_unit_is_read_too():
    assert list(printed_targets("到2025年,碳汇能力达到12万吨当量")) != []  # 万吨 is a unit anyway
    assert list(printed_targets("到2025年,建成绿道35段")) == []
    assert [f.amount for f in printed_targets("到2025年,建成绿道35段", ["段"])] == ["35段"]


NOT_TARGET = "    not_targets:\n      - printed: {printed}\n        note: 项目的建设规模，不是可以跨区县比较的量化目标。\n"


def test_a_number_the_entry_says_is_not_a_target_is_not_reported(tmp_path):
    text = "到2025年,新建充电桩500个,配套建设变电站2座。"
    assert len(warnings_of(with_m2_text(tmp_path / "without", text))) == 2
    assert warnings_of(with_m2_text(tmp_path / "one", text, NOT_TARGET.format(printed="新建充电桩500个,配套建设变电站2座"))) == []
    found = warnings_of(with_m2_text(tmp_path / "other", text, NOT_TARGET.format(printed="2座")))
    assert len(found) == 1 and "`500个`" in found[0]


def test_a_not_target_that_the_text_does_not_print_is_an_error(tmp_path):
    """A quote the text does not print covers nothing: an error, and the number is still reported."""
    root = with_m2_text(tmp_path, "到2025年,新建充电桩500个。", NOT_TARGET.format(printed="充电桩5000个"))
    found = problems(root)
    assert found[0].split("\n")[0] == (f"{DOC}:56:11: 错误[target-not-recorded]: 条目 m2 的正文（text）印出了目标 `500个`"
                                       "（`到2025年,新建充电桩500个`），本条却没有数值或基年值为 500 的目标")
    assert found[1:] == [
        f"{DOC}:63:18: 错误[not-target-not-in-text]: 条目 m2：`not_targets` 的第 1 项 `充电桩5000个` 不在本条的标题或正文中\n"
        "    建议：照本条的标题或正文（原文受损时照识读）逐字引出这个数和它的单位，如 `9200平方米`；原文改了、这个数已经不在本条时，删去这一项"]


def test_a_not_target_must_quote_a_number(tmp_path):
    found = problems(with_m2_text(tmp_path, "到2025年,新建充电桩500个。", NOT_TARGET.format(printed="充电桩")))
    assert len(found) == 1 and "错误[invalid-value]" in found[0] and "中没有数字" in found[0], found


def test_check_passes_with_a_reminder_and_says_the_build_refuses_it(tmp_path, capsys):
    from generator.cli import main

    root = with_m2_text(tmp_path, "到2025年,新建充电桩500个。")
    assert main(["check", "--data", str(root)]) == 0
    out, err = capsys.readouterr()
    assert "提醒[target-not-recorded]" in err
    assert out.strip().endswith("；另有 1 处提醒要处理，处理之前不能生成网站")
