"""The kind, the status, the written date and each target's comparator: read from the printed words
that say them (and the summary names the words), or else a TODO saying extract's guess and why.

A user test found them guessed silently: 实施方案 for any title ending in 方案, 印发 for any source
without 征求意见稿, the first date anywhere near the top for the written date, = for a bare number.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from generator.extract.draft import COMPARATOR_GUESSED, Registries
from generator.extract.targets import find_targets
from tests.conftest import DATA
from tests.test_extract_guesses import _todo_lines
from tests.test_extract_inputs import run

SIGNED = """重庆市永川区人民政府办公室关于印发永川区节水行动方案的通知
永川府办发〔2022〕9号

各镇人民政府、街道办事处：
《永川区节水行动方案》已经区政府同意，现印发给你们，请认真贯彻执行。

重庆市永川区人民政府办公室
2022年6月1日

永川区节水行动方案

一、重点任务

1、推进节水。到2025年，全区用水量较2020年下降16%，再生水利用率不低于25%，农田灌溉水有效利用系数提高到0.52。（牵头单位：区水利局）
"""
# no notice, no signature: the only date is in a sentence, the title ends in 工作方案 after a cited 行动计划
UNSIGNED = """永川区贯彻落实《重庆市节水行动计划》的工作方案

本方案自2022年6月1日起施行。

一、重点任务

1、推进节水。到2025年，全区用水量较2020年下降16%。（牵头单位：区水利局）
"""


def extract(tmp_path: Path, text: str, name: str = "plan") -> tuple[dict, str]:
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    result = run("extract", str(source), "--district", "yongchuan")
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout), result.stderr


def test_values_the_printed_words_say_are_filled_and_the_summary_names_the_words(tmp_path):
    doc, summary = extract(tmp_path, SIGNED)
    assert (doc["kind"], doc["status"], doc["dates"]["written"]) == ("行动方案", "印发", dt.date(2022, 6, 1))
    assert "文件类型（kind）：行动方案（读自标题末尾的「行动方案」）" in summary
    assert "文件状态（status）：印发（读自「关于印发」）" in summary
    assert "成文日期（dates.written）：2022-06-01（读自落款日期「2022年6月1日」）" in summary
    comparators = {t["clause"]: t["comparator"] for t in doc["measures"][0]["targets"]}
    assert comparators["再生水利用率不低于25%"] == "≥" and comparators["农田灌溉水有效利用系数提高到0.52"] == "="


def test_a_source_without_a_date_line_gets_a_todo_date_with_the_guess(tmp_path):
    doc, summary = extract(tmp_path, UNSIGNED)
    written = doc["dates"]["written"]
    assert written.startswith("TODO: 猜是 2022-06-01") and "「本方案自2022年6月1日起施行。」中，不是落款日期" in written
    assert "原文确实没有印日期时写 null" in written
    assert "成文日期（dates.written）：没有找到落款日期；「2022年6月1日」印在" in summary
    # no date at all: nothing to guess, still a TODO (never a silent null)
    bare, summary = extract(tmp_path, UNSIGNED.replace("本方案自2022年6月1日起施行。", "本方案适用于全区。"), "bare")
    assert bare["dates"]["written"].startswith("TODO: 猜不出（没有找到落款日期")
    assert "成文日期（dates.written）：没有找到落款日期：发文机关落款下没有单独一行的日期，猜不出" in summary


def test_a_web_page_date_that_differs_from_the_date_line_is_a_todo(tmp_path):
    page = "[ 成文日期 ] 2022-05-30 [ 发布日期 ] 2022-06-05\n" + SIGNED
    doc, summary = extract(tmp_path, page)
    assert doc["dates"]["written"].startswith("TODO: 猜是 2022-06-01（落款日期「2022年6月1日」与网页上的「[ 成文日期 ] 2022-05-30」不同")
    assert doc["dates"]["published"] == dt.date(2022, 6, 5)
    same, summary = extract(tmp_path, page.replace("2022-05-30", "2022-06-01"), "same")
    assert same["dates"]["written"] == dt.date(2022, 6, 1)
    assert "读自落款日期「2022年6月1日」，网页上的「[ 成文日期 ] 2022-06-01」相同" in summary


def test_a_kind_and_a_status_no_printed_word_says_are_todos_with_the_guess(tmp_path):
    doc, summary = extract(tmp_path, UNSIGNED)
    # the cited plan's 行动计划 is not the document's kind; 工作方案 is none of the four kinds
    assert doc["kind"].startswith("TODO: 猜是 实施方案（标题以「工作方案」结尾，不是四种文件类型之一）")
    assert "写 行动方案、行动计划、实施方案、规划 之一" in doc["kind"]
    assert doc["status"].startswith("TODO: 猜是 印发（原文开头没有印出「关于印发」「现印发给你们」或「征求意见稿」）")
    assert "文件状态（status）：原文开头没有印出" in summary and "公开征求意见的草案写 征求意见稿" in summary


def test_the_kind_is_the_one_the_title_ends_with(tmp_path):
    cited = UNSIGNED.replace("的工作方案", "的实施方案")
    doc, summary = extract(tmp_path, cited)
    assert doc["kind"] == "实施方案" and "读自标题末尾的「实施方案」" in summary
    years = UNSIGNED.replace("贯彻落实《重庆市节水行动计划》的工作方案", "节水行动计划（2022－2025年）")
    assert extract(tmp_path, years, "years")[0]["kind"] == "行动计划"


def test_a_consultation_draft_is_read_from_its_printed_words(tmp_path):
    draft = UNSIGNED.replace("的工作方案\n", "的实施方案\n（征求意见稿）\n")
    doc, summary = extract(tmp_path, draft)
    assert doc["status"] == "征求意见稿" and "consultation" in doc
    assert "文件状态（status）：征求意见稿（读自「（征求意见稿）」）" in summary
    # a cited notice 《…关于印发…的通知》 says that plan was issued, not this one
    cited = draft.replace("本方案自2022年6月1日起施行。", "根据《重庆市人民政府关于印发节水行动计划的通知》，制定本方案。")
    doc, summary = extract(tmp_path, cited, "cited")
    assert doc["status"] == "征求意见稿"


def test_a_target_with_no_comparator_words_is_a_todo_with_the_guess(tmp_path):
    doc, summary = extract(tmp_path, UNSIGNED)
    (target,) = doc["measures"][0]["targets"]
    assert target["comparator"] == "todo"  # 下降16%: no word says ≥ or =
    assert f"{COMPARATOR_GUESSED}：m1（16%）" in summary
    assert "猜的是 =" in COMPARATOR_GUESSED and "以内、不超过、控制在 写 ≤" in COMPARATOR_GUESSED


def test_a_word_before_a_list_of_values_says_each_ones_comparator():
    metrics = Registries.load(DATA).metrics
    found = find_targets("到2025年，再生水利用率分别不低于25%、30%。", metrics, 2025)
    assert [(t.value, t.comparator, t.comparator_printed) for t in found] == [("25", "≥", "不低于"), ("30", "≥", "不低于")]
    found = find_targets("到2025年，城镇和农村污水处理率分别降低16%、18%以上。", metrics, 2025)
    assert [(t.comparator, t.comparator_printed) for t in found] == [("≥", "以上"), ("≥", "以上")]
    # a closing 以上 bounds the values listed before it, not a value before other words
    found = find_targets("到2025年，建成宜居村庄50个、农村人居环境整治成片整治示范片2个以上。", metrics, 2025)
    assert [(t.value, t.comparator, t.comparator_printed) for t in found] == [("50", "=", ""), ("2", "≥", "以上")]
    # 达到 would say =, but an 以 after the value is a broken 以上 or 以内 (an OCR copy): the editor reads it
    found = find_targets("到2025年，新能源公交车占比达到98%以…卜。", metrics, 2025)
    assert [(t.comparator, t.comparator_printed) for t in found] == [("=", "")]
    found = find_targets("到2025年，新增充电桩800个。", metrics, 2025)
    assert [(t.comparator, t.comparator_printed) for t in found] == [("=", "")]  # the guess, no word


def test_the_guesses_are_counted_as_check_counts_them(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    source = tmp_path / "plan.txt"
    source.write_text(UNSIGNED, encoding="utf-8")
    out = data / "documents" / "yongchuan" / "yongchuan-2022-90.yaml"
    drafted = run("extract", str(source), "--district", "yongchuan", "--out", str(out), "--data", str(data))
    assert drafted.returncode == 0, drafted.stderr
    checked = run("check", "--data", str(data)).stderr
    count, _ = _todo_lines(drafted.stderr)
    assert count == checked.count("提醒[todo]")
    for field in ("kind", "status", "dates.written", "targets#1.comparator"):
        assert f"字段 `{field}`" in checked, field
    assert "建议：原句在数值旁没有说明比较的字样，extract 按“单纯数值写 =”猜的是 =" in checked
