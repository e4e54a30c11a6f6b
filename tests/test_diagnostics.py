"""Invalid inputs and the exact diagnostics they must produce (path:line:col, code, message, hint)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.checking import check_data
from generator.diagnostics import DataErrors
from generator.rules import comparator_words
from tests.conftest import DATA, FIXTURE, ROOT

DOC = "documents/jiangjin/jiangjin-test.yaml"
CJK = re.compile("[\u4e00-\u9fff]")  # a Chinese character


def edited_copy(tmp_path: Path, data: Path, edits: list[tuple[str, str, str]]) -> Path:
    """A copy of the corpus ``data`` with each (file, old, new) edit made once."""
    root = tmp_path / "corpus"
    shutil.copytree(data, root)
    for file, old, new in edits:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"data changed: {old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def broken_corpus(tmp_path: Path, file: str, old: str, new: str) -> Path:
    return edited_copy(tmp_path, FIXTURE, [(file, old, new)])


def problems(root: Path) -> list[str]:
    with pytest.raises(DataErrors) as exc:
        check_data(root)
    prefix = str(root) + "/"
    return [d.text().replace(prefix, "") for d in exc.value.diagnostics]


M1_BLOCK = """\
  - id: m1
    kind: measure
    section: s2
    number: "1."
    title: 协同开发油气资源。
    text: 积极推进天然气(页岩气)勘探开发。
    responsibility:
      clause: (牵头单位:区发展改革委;配合单位:区经济信息委)
      lead: [区发展改革委]
      support: [区经济信息委]
    themes: [energy]
"""  # the fixture's measure m1 as written

CASES = [
    ("bad-date", DOC, "written: null", "written: 2022-13-16", [
        f"{DOC}:10:12: 错误[invalid-date]: 字段 `dates.written`（成文日期）不是有效的日期：'2022-13-16'\n"
        "    建议：写一个真实的日期，格式为 YYYY-MM-DD，如 2022-04-16",
    ]),
    ("misspelt-field", DOC, "      lead: [区发展改革委]", "      leed: [区发展改革委]", [
        f"{DOC}:48:7: 错误[unknown-field]: 条目 m1：这里没有 `leed` 这个字段\n"
        "    建议：是不是要写 `lead`（牵头单位）？这里可以写的字段：clause, joint, joint_etc, lead, lead_etc,"
        " support, support_etc",
    ]),
    # a typo neither registered nor printed in the clause: one error, naming the clause's own spelling
    ("unknown-department", DOC, "      lead: [区发展改革委]", "      lead: [区发展改革局]", [
        f"{DOC}:48:14: 错误[unknown-department]: 条目 m1：单位 `区发展改革局` 不是任何部门的别名，"
        "也没有出现在它的责任单位原文（clause）中\n"
        "    建议：照责任单位原文逐字写 `区发展改革委`（fazhan-gaige）；责任单位原文是 `(牵头单位:区发展改革委;配合单位:区经济信息委)`",
    ]),
    # a name too unlike any printed one to be its typo: the clause's unit that no list names yet (an editor
    # test: 区经信委员会 was offered 区经信委, which is not printed in the clause either)
    ("unknown-department-unlike-the-clause", DOC, "      support: [区经济信息委]", "      support: [区经信委员会]", [
        f"{DOC}:49:17: 错误[unknown-department]: 条目 m1：单位 `区经信委员会` 不是任何部门的别名，"
        "也没有出现在它的责任单位原文（clause）中\n"
        "    建议：照责任单位原文逐字写 `区经济信息委`（jingji-xinxi）；责任单位原文是 `(牵头单位:区发展改革委;配合单位:区经济信息委)`",
    ]),
    ("quote-not-verbatim", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气（页岩气）勘探开发。", [
        f"{DOC}:45:18: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt"
        " 中找不到一字不差的对应：`积极推进天然气（页岩气）勘探开发。`\n"
        "    建议：原文第 6 行附近是 `积极推进天然气(页岩气)勘探开发。(牵`；第一处不同在引文的第 8 个字：引文是 `（`（全角标点，"
        "U+FF08），原文是 `(`（半角标点，U+0028）。请从原文逐字复制（标点和全角/半角都要一致）；原文印刷有误时，照印刷原样引用，"
        "把改正后的文字写在 `reading`（识读）下；表格中相隔的单元格用 `…` 连接",
    ]),
    ("unknown-theme", DOC, "    themes: [transport, energy]", "    themes: [transport, energie]", [
        f"{DOC}:61:25: 错误[unknown-theme]: 条目 m2：主题 `energie` 不在"
        " themes.yaml（主题名录）中\n"
        "    建议：是不是要写 `energy`（能源转型）？可用的主题：energy（能源转型）、transport（交通运输）",
    ]),
    ("quote-missing-character", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气(页岩气)勘探开。", [
        f"{DOC}:45:26: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt"
        " 中找不到一字不差的对应：`积极推进天然气(页岩气)勘探开。`\n"
        "    建议：原文第 6 行附近是 `进天然气(页岩气)勘探开发。(牵头单位:区发展改`；第一处不同在引文的第 16 个字之前：原文有"
        " `发`（汉字，U+53D1），引文缺了它。请从原文逐字复制（标点和全角/半角都要一致）；原文印刷有误时，照印刷原样引用，把改正后的文字写在"
        " `reading`（识读）下；表格中相隔的单元格用 `…` 连接",
    ]),
    # characters added or left out in the middle: the first difference is named where it is, not at the
    # quote's first character (an alignment of the whole quote shifted by them; found by an editor test)
    ("quote-extra-characters", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气(页岩气)大力勘探开发。", [
        f"{DOC}:45:23: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt"
        " 中找不到一字不差的对应：`积极推进天然气(页岩气)大力勘探开发。`\n"
        "    建议：原文第 6 行附近是 `积极推进天然气(页岩气)勘探开发。(牵头单位:区`；第一处不同在引文的第 13 个字：引文多了"
        " `大`（汉字，U+5927），原文这里没有。请从原文逐字复制（标点和全角/半角都要一致）；原文印刷有误时，照印刷原样引用，把改正后的文字写在"
        " `reading`（识读）下；表格中相隔的单元格用 `…` 连接",
    ]),
    ("quote-missing-characters", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气(页岩气)开发。", [
        f"{DOC}:45:23: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt"
        " 中找不到一字不差的对应：`积极推进天然气(页岩气)开发。`\n"
        "    建议：原文第 6 行附近是 `积极推进天然气(页岩气)勘探开发。(牵头单位:区`；第一处不同在引文的第 13 个字之前：原文有"
        " `勘`（汉字，U+52D8），引文缺了它。请从原文逐字复制（标点和全角/半角都要一致）；原文印刷有误时，照印刷原样引用，把改正后的文字写在"
        " `reading`（识读）下；表格中相隔的单元格用 `…` 连接",
    ]),
    # a main text cut to a fragment is found in the source, but is not the measure (found by an editor test)
    ("text-cut-at-the-end", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气(页岩气)", [
        f"{DOC}:45:11: 错误[text-not-whole]: 条目 m1 的正文（text）没有引到句末：原文接着是 `勘探开发。(牵头单位:区发展改…`\n"
        "    建议：正文引到句末的句号或分号（或一行的结尾）：把后面漏掉的文字补上；责任单位括注不算正文，写在 `responsibility.clause` 中",
    ]),
    ("text-cut-at-the-start", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 天然气(页岩气)勘探开发。", [
        f"{DOC}:45:11: 错误[text-not-whole]: 条目 m1 的正文（text）从一句话的中间引起：原文在它前面是 `…1.协同开发油气资源。积极推进`\n"
        "    建议：正文从句首引起（小标题或编号之后、上一句的句号之后，或一行的开头）：把前面漏掉的文字补上",
    ]),
    # a date is one the document prints: a typo (2012 for 2022) or a date taken from elsewhere is caught
    ("date-not-printed", DOC, "  written: null\n", "  written: 2022-04-16\n", [
        f"{DOC}:10:12: 错误[date-not-printed]: 成文日期 2022-04-16 不在 `dates.printed`（原文中日期的原样写法）中：那里印出的是没有日期\n"
        "    建议：照原文改正这个日期，并把原文中这个日期的原样写法加进 `dates.printed`；原文没有印出时写 null",
    ]),
    ("unknown-metric", DOC, "      - metric: energy-intensity-reduction", "      - metric: energy-intensity-reductoin", [
        f"{DOC}:33:17: 错误[unknown-metric]: 条目 goal：指标"
        " `energy-intensity-reductoin` 不在 metrics.yaml（指标名录）中\n"
        "    建议：是不是要写 `energy-intensity-reduction`（单位地区生产总值能耗降低）？使用已有的指标编号，"
        "或先把这个指标添加到 site_data/metrics.yaml",
    ]),
    # a related metric (counted another way) is a registered one, and not the metric itself
    ("unknown-related-metric", "metrics.yaml", "    themes: [transport, energy]\n", "    themes: [transport, energy]\n    related: [energy-intensity-reductoin]\n", [
        "metrics.yaml:12:15: 错误[unknown-metric]: 指标 public-charging-facilities 的相关指标：指标 `energy-intensity-reductoin` 不在 "
        "metrics.yaml（指标名录）中\n"
        "    建议：是不是要写 `energy-intensity-reduction`（单位地区生产总值能耗降低）？使用已有的指标编号，或先把这个指标添加到 site_data/metrics.yaml",
    ]),
    ("metric-related-to-itself", "metrics.yaml", "    themes: [transport, energy]\n", "    themes: [transport, energy]\n    related: [public-charging-facilities]\n", [
        "metrics.yaml:12:15: 错误[invalid-value]: 指标 public-charging-facilities 把自己写成了相关指标（related）\n"
        "    建议：`related` 只写口径或单位不同的其他指标；删去这一项",
    ]),
    # a measure pasted twice under a new id would be counted twice (found by an editor test)
    # a user test: `number: 2` and `number: "3、"` passed where the source prints `2.` and `3.`
    ("number-without-its-point", DOC, 'number: "1."', "number: 1", [
        f"{DOC}:43:13: 错误[number-not-as-printed]: 条目 m1 的编号 `1` 与原文不一致：原文印的是 `1.`\n"
        '    建议：照原文逐字写编号，标点、括号和全角/半角都要一致：`number: "1."`（页面和引用写法用它）；'
        "编号印刷受损时照印刷原样写，识读写在 `number_reading`",
    ]),
    ("number-with-other-punctuation", DOC, 'number: "2."', 'number: "2、"', [
        f"{DOC}:54:13: 错误[number-not-as-printed]: 条目 m2 的编号 `2、` 与原文不一致：原文印的是 `2.`\n"
        '    建议：照原文逐字写编号，标点、括号和全角/半角都要一致：`number: "2."`（页面和引用写法用它）；'
        "编号印刷受损时照印刷原样写，识读写在 `number_reading`",
    ]),
    ("number-in-other-brackets", DOC, "number: (一)", "number: （一）", [
        f"{DOC}:28:13: 错误[number-not-as-printed]: 条目 goal 的编号 `（一）` 与原文不一致：原文印的是 `(一)`\n"
        '    建议：照原文逐字写编号，标点、括号和全角/半角都要一致：`number: "(一)"`（页面和引用写法用它）；'
        "编号印刷受损时照印刷原样写，识读写在 `number_reading`",
    ]),
    ("entry-pasted-twice", DOC, "  - id: m2\n", M1_BLOCK.replace("id: m1", "id: m1b") + "  - id: m2\n", [
        f"{DOC}:51:9: 错误[duplicate-entry]: 条目 m1b 与本文件第 40 行的条目 m1 完全相同（类型、章节、编号、标题、正文、责任单位和目标），"
        "会被计算两次\n"
        "    建议：删去重复粘贴的这一条；原文把同一段印了几次，才能有几个条目引它",
    ]),
    ("unknown-section", DOC, "    section: s2\n    number: \"1.\"", "    section: s22\n    number: \"1.\"", [
        f"{DOC}:42:14: 错误[unknown-section]: 条目 m1：章节 `s22` 不在本文件的大纲中\n"
        "    建议：是不是要写 `s2`（重点任务）？写 `outline:`（大纲）下某个标题的 id；本文件的章节：s1、s2",
    ]),
    ("duplicate-measure-id", DOC, "  - id: m2\n", "  - id: m1\n", [
        f"{DOC}:51:9: 错误[duplicate-id]: 条目编号 `m1` 已被本文件第 40 行的条目使用\n"
        "    建议：每个条目用各自的编号；已发布的编号不要重复使用",
    ]),
    ("value-with-unit", DOC, 'value: "16"', 'value: "16%"', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`16%` 不是数字：除了数字还写了单位「%」\n"
        '    建议：只写 `value: "16"`；「%」写在 `unit: "%"`',
    ]),
    ("value-not-a-number", DOC, 'value: "16"', 'value: "十六"', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`十六` 不是数字；"
        "请写阿拉伯数字，如 16 或 0.56\n"
        "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么",
    ]),
    # a unit typo in a target: neither printed in its clause nor its metric's unit (found walking as a new editor)
    ("target-unit-typo", DOC, '        unit: "%"\n', '        unit: "%%"\n', [
        f"{DOC}:36:15: 错误[target-unit-mismatch]: 条目 goal 的第 1 个目标（单位地区生产总值能耗降低）：单位 `%%` 没有出现在"
        "目标原句（clause）中，也不是指标 energy-intensity-reduction 的单位 `%`\n"
        '    建议：原句中印的单位是 `%`：写 `unit: "%"`',
    ]),
    ("target-unit-of-another-metric", DOC, '        unit: "%"\n', '        unit: 万千瓦\n', [
        f"{DOC}:36:15: 错误[target-unit-mismatch]: 条目 goal 的第 1 个目标（单位地区生产总值能耗降低）：单位 `万千瓦` 没有出现在"
        "目标原句（clause）中，也不是指标 energy-intensity-reduction 的单位 `%`\n"
        '    建议：原句中印的单位是 `%`：写 `unit: "%"`',
    ]),
    # a unit printed in the clause but not the metric's: the value cannot line up with other districts'
    ("target-unit-differs-from-metric", DOC, "      - metric: energy-intensity-reduction\n", "      - metric: public-charging-facilities\n", [
        f"{DOC}:33:17: 错误[target-unit-differs-from-metric]: 条目 goal 的第 1 个目标（充电基础设施数量）：原句的单位 `%` 与指标 "
        "public-charging-facilities 的单位 `处` 不同，数值不能与其他区县的这个指标比较\n"
        '    建议：改用计量同一事物、单位为 `%` 的指标，或在 site_data/metrics.yaml 中为它新建一个指标（unit: "%"）',
    ]),
    ("target-unit-forgotten", DOC, '        unit: "%"\n', "", [
        f"{DOC}:33:9: 错误[target-unit-mismatch]: 条目 goal 的第 1 个目标（单位地区生产总值能耗降低）：没有写单位（unit），"
        "而指标 energy-intensity-reduction 的单位是 `%`\n"
        '    建议：原句中印的单位是 `%`：写 `unit: "%"`',
    ]),
    # a typo in a target's value: the clause prints 16 (found walking as a new editor)
    ("target-value-typo", DOC, 'value: "16"', 'value: "61"', [
        f"{DOC}:35:16: 错误[target-value-not-in-clause]: 条目 goal 的第 1 个目标：数值 `61` 没有出现在目标原句（clause）"
        "`单位地区生产总值能耗较2020年降低16%以上` 中\n"
        "    建议：照原句写数值（原句中的数字：2020、16）；原句用文字表达数值（如“全部达到”记 100）时，在这个目标的 `note` 中写明是怎样读出的，并写出这个数（如「IV类」记 4）",
    ]),
    ("target-value-inside-another-number", DOC, 'value: "16"', 'value: "1.6"', [
        f"{DOC}:35:16: 错误[target-value-not-in-clause]: 条目 goal 的第 1 个目标：数值 `1.6` 没有出现在目标原句（clause）"
        "`单位地区生产总值能耗较2020年降低16%以上` 中\n"
        "    建议：照原句写数值（原句中的数字：2020、16）；原句用文字表达数值（如“全部达到”记 100）时，在这个目标的 `note` 中写明是怎样读出的，并写出这个数（如「IV类」记 4）",
    ]),
    # a typo in a target's year: the goal prints 到2025年 and 较2020年 (found walking as a new editor)
    ("target-year-typo", DOC, "        target_year: 2025\n", "        target_year: 2052\n", [
        f"{DOC}:39:22: 错误[target-year-not-printed]: 条目 goal 的第 1 个目标：年份 2052 没有印在目标原句、本条目、"
        "所在章节的标题或文件标题中\n"
        "    建议：照原文写目标年份（这些地方印出的年份：2020、2025）；“十四五”期间写 2025；年份印在别处（如表头）时，"
        "在这个目标的 `note` 中写明印在哪里，并写出这个年份",
    ]),
    # a note about something else does not let a typo through (found walking as a new editor)
    ("target-value-typo-beside-a-note", DOC, 'value: "16"', 'value: "61"\n        note: 比上一个五年计划的目标更高', [
        f"{DOC}:35:16: 错误[target-value-not-in-clause]: 条目 goal 的第 1 个目标：数值 `61` 没有出现在目标原句（clause）"
        "`单位地区生产总值能耗较2020年降低16%以上` 中，目标的 `note` 中也没有写出这个数\n"
        "    建议：照原句写数值（原句中的数字：2020、16）；原句用文字表达数值（如“全部达到”记 100）时，在这个目标的 `note` 中写明是怎样读出的，并写出这个数（如「IV类」记 4）",
    ]),
    ("target-year-typo-beside-a-note", DOC, "        target_year: 2025\n",
     "        target_year: 2052\n        note: 年份印在表头\n", [
        f"{DOC}:39:22: 错误[target-year-not-printed]: 条目 goal 的第 1 个目标：年份 2052 没有印在目标原句、本条目、"
        "所在章节的标题或文件标题中，目标的 `note` 中也没有写出这个数\n"
        "    建议：照原文写目标年份（这些地方印出的年份：2020、2025）；“十四五”期间写 2025；年份印在别处（如表头）时，"
        "在这个目标的 `note` 中写明印在哪里，并写出这个年份",
    ]),
    # a draft's TODO check date (every `extract` draft has one) hides none of the file's errors
    ("draft-hides-no-error", DOC, "last_verified: 2026-11-22\n",
     "last_verified: TODO\n", [
        f"{DOC}:16:16: 错误[todo]: 字段 `last_verified`（核对日期）仍是草稿中待填的 TODO\n"
        "    建议：对照原文填入这个值，再删掉 TODO",
    ]),
    ("draft-hides-no-error-of-a-target-year", DOC, "        target_year: 2025\n", "        target_year: TODO\n", [
        f"{DOC}:39:22: 错误[todo]: 条目 goal：字段 `targets#1.target_year`（目标的年份）仍是草稿中待填的 TODO\n"
        "    建议：对照原文填入这个值，再删掉 TODO",
    ]),
    # a full-width space between a key and its colon: the key is named with what is wrong with it
    # a field of a nested record written one level out: told it is an indent (found by an editor test)
    ("field-indented-too-little", DOC, "      support: [区经济信息委]\n", "    support: [区经济信息委]\n", [
        f"{DOC}:49:5: 错误[unknown-field]: 条目 m1：这里没有 `support` 这个字段\n"
        "    建议：`support` 是 `responsibility` 下面的字段：这一行的缩进少了，让它与 `responsibility:` 下面的其他字段从同一列开始"
        "（比 `responsibility:` 多缩进两个空格）",
    ]),
    ("full-width-space-in-a-key", DOC, "    themes: [transport, energy]\n", "    themes\u3000: [transport, energy]\n", [
        # one mistake, said once where it is (not also "missing `themes`" at the entry's first line)
        f"{DOC}:61:5: 错误[unknown-field]: 条目 m2：这里没有 `themes\u3000` 这个字段：键的前后多了全角空格「　」\n"
        "    建议：是不是要写 `themes`（主题）？这里可以写的字段：category, id, implements, instrument, kind, not_targets, note, number,"
        " number_reading, project, responsibility, section, targets, text, themes, title",
    ]),
    # the blank named as what it is: a no-break space is not called a full-width one
    ("no-break-space-in-a-key", DOC, "    themes: [transport, energy]\n", "    themes\u00a0: [transport, energy]\n", [
        f"{DOC}:61:5: 错误[unknown-field]: 条目 m2：这里没有 `themes\u00a0` 这个字段：键的前后多了不换行空格（U+00A0，多从网页复制而来）\n"
        "    建议：是不是要写 `themes`（主题）？这里可以写的字段：category, id, implements, instrument, kind, not_targets, note, number,"
        " number_reading, project, responsibility, section, targets, text, themes, title",
    ]),
    ("figure-space-in-a-key", DOC, "    themes: [transport, energy]\n", "    themes\u2007: [transport, energy]\n", [
        f"{DOC}:61:5: 错误[unknown-field]: 条目 m2：这里没有 `themes\u2007` 这个字段：键的前后多了特殊空格（U+2007）\n"
        "    建议：是不是要写 `themes`（主题）？这里可以写的字段：category, id, implements, instrument, kind, not_targets, note, number,"
        " number_reading, project, responsibility, section, targets, text, themes, title",
    ]),
    # units or themes separated the Chinese way make one item that names none
    ("units-joined-into-one-item", DOC, "      support: [区经济信息委]", "      support: [区经济信息委、区发展改革委]", [
        f"{DOC}:49:17: 错误[unit-not-in-clause]: 条目 m1：单位 `区经济信息委、区发展改革委` 没有出现在它的责任单位原文（clause）中\n"
        "    建议：照原文逐字复制单位名称；责任单位原文是 `(牵头单位:区发展改革委;配合单位:区经济信息委)`",
        f"{DOC}:49:17: 错误[unknown-department]: 条目 m1：`区经济信息委、区发展改革委` 是 2 个单位写成了一项\n"
        "    建议：每个单位写成列表中的一项，用半角逗号加空格分隔，如 `[区经济信息委, 区发展改革委]`（原文中的「、」等只在 clause 中照录）",
    ]),
    ("themes-joined-into-one-item", DOC, "    themes: [energy]\n  - id: m2", "    themes: [energy， transport]\n  - id: m2", [
        f"{DOC}:50:14: 错误[invalid-id]: 条目 m1：字段 `themes#1`（主题）应是小写的编号，如 `m7` 或 `jiangjin-2022-57`，"
        "这里是 'energy， transport'\n"
        "    建议：这里用了「，」分隔几个编号：列表项之间要用半角逗号加空格 `, `；只用小写字母、数字和单个连字符 `-`",
    ]),
    # a draft's issued version is recorded with the page it was found on, or not at all
    ("final-version-without-its-page", "documents/qianjiang/qianjiang-test.yaml", "  channels: [测试实施方案]\n",
     '  channels: [测试实施方案]\n  final: {title: 关于印发测试方案的通知, published: 2023-01-05, url: ""}\n', [
        "documents/qianjiang/qianjiang-test.yaml:14:59: 错误[invalid-value]: 字段 `consultation.final.url`（政府网站上定稿的发布页面）："
        "要写出查到定稿的发布页面（https://…）；没有查到定稿时不写 `final`\n"
        "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么",
    ]),
    # a doubted reading says what the doubt is
    ("uncertain-target-without-a-note", DOC, "        target_year: 2025\n", "        target_year: 2025\n        uncertain: true\n", [
        f"{DOC}:33:9: 错误[invalid-value]: 条目 goal：字段 `targets#1`（本条提出的量化目标）：读法存疑的目标（uncertain: true）要在 note 中写明疑点\n"
        "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么",
    ]),
    ("missing-themes", DOC, "    themes: [transport, energy]\n", "", [
        f"{DOC}:51:5: 错误[missing-field]: 条目 m2：缺少必填字段 `themes`（主题）\n"
        "    建议：在这里添加 `themes:`；数据字典页列出了每个字段",
    ]),
    ("wrong-district-folder", DOC, "district: jiangjin", "district: qianjiang", [
        f"{DOC}:2:11: 错误[district-folder-mismatch]: 文件写的区县是 `qianjiang`，却放在文件夹"
        " `jiangjin` 里\n"
        "    建议：把文件移到 site_data/documents/qianjiang/，或改正 `district`（区县）",
    ]),
    ("duplicate-yaml-key", DOC, "kind: 行动方案\n", "kind: 行动方案\nkind: 规划\n", [
        f"{DOC}:8:1: 错误[duplicate-key]: 键 `kind` 在同一层出现了两次（第一次在第 7 行）\n"
        "    建议：YAML 只会用后一个值：对照原文核对第 7 行和第 8 行哪个值对，留下对的那个；如果第 8 行起本是列表中新的一项，"
        "是它前面漏了 `- `（新的一项以 `- ` 开头，与上一项的 `- ` 对齐）",
    ]),
    # a list item that lost its `- ` is merged into the item before: one error where it starts, not
    # one "delete one of them" per key (a user test)
    ("list-item-without-dash", DOC, "  - id: m1\n", "    id: m1\n", [
        f"{DOC}:40:5: 错误[duplicate-key]: 第 25 行开始的列表项里，`id`、`kind`、`section`、`number` 等 7 个键各出现了两次："
        "从第 40 行起像是新的一项，却被并进了上一项\n"
        "    建议：第 40 行前面是不是漏了列表项的 `- `？新的一项要以 `- ` 开头，与上一项的 `- ` 对齐（第 25 行的 `-` 在第 3 列）："
        "写成 `- id: …`",
    ]),
    # a target value written with its comparator and unit, or in full-width digits (a user test)
    ("value-with-comparator-and-unit", DOC, '        value: "16"\n', '        value: "≥16%"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`≥16%` 不是数字：除了数字还写了"
        "比较符「≥」和单位「%」\n"
        '    建议：只写 `value: "16"`；「≥」写在 `comparator: "≥"`，「%」写在 `unit: "%"`',
    ]),
    ("value-with-comparator-words", DOC, '        value: "16"\n', "        value: 不低于16\n", [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`不低于16` 不是数字：除了数字还写了"
        "比较符「不低于」\n"
        '    建议：只写 `value: "16"`；「不低于」写在 `comparator: "≥"`',
    ]),
    ("value-with-unit-and-words-after", DOC, '        value: "16"\n', '        value: "16%以上"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`16%以上` 不是数字：除了数字还写了"
        "比较符「以上」和单位「%」\n"
        '    建议：只写 `value: "16"`；「以上」写在 `comparator: "≥"`，「%」写在 `unit: "%"`',
    ]),
    # letters that are no unit in use are not told to go into `unit:` (`1e` is no number, not 1 of a unit `e`)
    ("value-with-letters-that-are-no-unit", DOC, '        value: "16"\n', '        value: "1e"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`1e` 不是数字；请写阿拉伯数字，如 16 或 0.56\n"
        "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么",
    ]),
    ("value-with-a-letter-unit-in-use", DOC, '        value: "16"\n', '        value: "16km"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`16km` 不是数字：除了数字还写了单位「km」\n"
        '    建议：只写 `value: "16"`；「km」写在 `unit: "km"`',
    ]),
    # a full-width plus is read as the half-width one
    ("value-with-full-width-plus-and-unit", DOC, '        value: "16"\n', '        value: "＋16%"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`＋16%` 不是数字：除了数字还写了单位「%」\n"
        '    建议：只写 `value: "16"`；「%」写在 `unit: "%"`',
    ]),
    ("value-with-full-width-plus", DOC, '        value: "16"\n', '        value: "＋16"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`＋16` 多了正号「＋」\n"
        '    建议：改成 `value: "16"`',
    ]),
    # a number Decimal reads but the site would print as written: what exactly is wrong, and the value to
    # write (a user test: `14.5 ` was `不是普通的小数写法`, `1,400` `不是数字`, neither saying what to change)
    ("value-with-a-trailing-space", DOC, '        value: "16"\n', '        value: "14.5 "\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`14.5 ` 末尾多了 1 个空格\n"
        '    建议：改成 `value: "14.5"`',
    ]),
    ("value-with-a-thousands-comma", DOC, '        value: "16"\n', '        value: "1,400"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`1,400` 用「,」分隔了千位"
        "（数值不写千位分隔符）\n"
        '    建议：改成 `value: "1400"`',
    ]),
    ("base-value-with-spaces-and-a-comma", DOC, '        value: "16"\n', '        value: "16"\n        base_value: " 1，400.5"\n', [
        f"{DOC}:36:21: 错误[invalid-value]: 条目 goal：字段 `targets#1.base_value`（原文给出的基准年数值）：` 1，400.5` 开头多了 1 个空格，"
        "用「，」分隔了千位（数值不写千位分隔符）\n"
        '    建议：改成 `base_value: "1400.5"`',
    ]),
    ("value-without-a-leading-zero", DOC, '        value: "16"\n', '        value: ".5"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`.5` 小数点前没有写 0\n"
        '    建议：改成 `value: "0.5"`',
    ]),
    ("value-in-full-width-digits", DOC, '        value: "16"\n', '        value: "１６.５"\n', [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`１６.５` 用了全角数字；数值只用半角数字\n"
        '    建议：改成半角数字：`value: "16.5"`（原文印的是全角数字也这样写：检查把全角和半角数字当作同一个数与原文核对）',
    ]),
    # a full-width space typed as indentation is named on its own line (a user test)
    ("full-width-space-before-a-key", DOC, '        unit: "%"\n', '        \u3000unit: "%"\n', [
        f"{DOC}:36:16: 错误[unknown-field]: 条目 goal：这里没有 `\u3000unit` 这个字段：这一行用全角空格「\u3000」缩进，"
        "YAML 把它读成了键的一部分\n"
        "    建议：请改成半角空格：删掉 `unit` 前面的全角空格「\u3000」，用半角空格缩进，与同一层的其他键对齐",
    ]),
    ("full-width-indentation", DOC, '        value: "16"\n', '\u3000\u3000\u3000\u3000value: "16"\n', [
        f"{DOC}:35:1: 错误[yaml-syntax]: YAML 格式错误：第 35 行用全角空格「\u3000」缩进，YAML 不把它当作空格\n"
        "    建议：请改成半角空格：删掉这一行开头的全角空格「\u3000」，用半角空格缩进，与同一层的其他行对齐",
    ]),
    ("ocr-unit-without-reading", "documents/qianjiang/qianjiang-test.yaml",
     "        - printed: 区经济言息委\n          reading: 区经济信息委\n          note: 「言」为「信」之误\n",
     "        - 区经济言息委\n", [
         "documents/qianjiang/qianjiang-test.yaml:51:11: 错误[unknown-department]:"
         " 条目 task-1：单位 `区经济言息委` 不是任何部门的别名\n"
         "    建议：最接近的已知名称：`区经济信息委`（jingji-xinxi）；如果是错字，请改正；否则把它加到"
         " site_data/departments.yaml 中对应部门的 `aliases`（别名）里，或新建一个部门",
     ]),
    ("draft-without-consultation", "documents/qianjiang/qianjiang-test.yaml",
     "consultation:\n  deadline: 2022-12-25\n  deadline_printed: 测试实施方案\n  channels: [测试实施方案]\n", "", [
         "documents/qianjiang/qianjiang-test.yaml:1:1: 错误[invalid-value]:"
         " 征求意见稿必须有 `consultation:` 部分，写明截止日期和反馈渠道\n"
         "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么",
     ]),
]


CASES += [
    ("yaml-tag", DOC, "title: 测试区行动方案", "title: !draft 测试区行动方案", [
        f"{DOC}:3:8: 错误[yaml-syntax]: 这里不允许使用标签 `!draft`\n"
        "    建议：只写普通的值：删掉 `!` 或 `!!` 开头的标签（日期和数字直接写出即可）",
    ]),
    ("alias-cycle", DOC, "    themes: [transport, energy]", "    themes: &t [transport, *t]", [
        f"{DOC}:61:13: 错误[yaml-alias]: 不允许使用锚点（`&名称`）和别名（`*名称`）\n"
        "    建议：在每个需要的地方把值完整写出来；文字以 `&` 或 `*` 开头时，给整段文字加上引号",
    ]),
    ("duplicate-theme", DOC, "    themes: [transport, energy]", "    themes: [transport, energy, energy]", [
        f"{DOC}:61:5: 错误[invalid-value]: 条目 m2：字段 `themes`（主题）：energy 写了不止一次；每项只写一次\n"
        "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么",
    ]),
    ("yes-is-not-true", DOC, "      joint_etc: true", "      joint_etc: yes", [
        f"{DOC}:60:18: 错误[invalid-boolean]: 条目 m2：字段 `responsibility.joint_etc`（共同负责单位后有“等”）只能是"
        " true 或 false，这里是 'yes'\n"
        "    建议：写 `true`（是）或 `false`（否），小写，不加引号",
    ]),
    ("measure-id-is-a-section-anchor", DOC, "  - id: m2\n", "  - id: sec-s1\n", [
        f"{DOC}:51:9: 错误[duplicate-id]: 条目编号 `sec-s1` 与文件页上章节 `s1` 的锚点相同\n"
        "    建议：条目编号不能以 `sec-` 开头；请换一个编号",
    ]),
    ("source-outside-sources", DOC, "  file: jiangjin-test.txt", "  file: ../../etc/hostname", [
        f"{DOC}:12:9: 错误[source-name-mismatch]: jiangjin-test 的原文文件应命名为"
        " `jiangjin-test.txt`，而不是 `../../etc/hostname`\n"
        "    建议：把逐字原文保存为 site_data/sources/jiangjin-test.txt，并写 `file:"
        " jiangjin-test.txt`",
    ]),
    ("park-of-another-district", "departments.yaml", "    aliases: [区交通局]", "    district: qianjiang\n    aliases: [区交通局]", [
        f"{DOC}:59:15: 错误[unit-wrong-district]: 条目 m2：`区交通局` 是 jiaotong，只属于"
        " qianjiang，而本文件属于 jiangjin\n"
        "    建议：核对这个单位，错字请改正；如果它是 jiangjin 自己的同名机构，请在 site_data/departments.yaml 中为它新建一个部门，"
        "写 `district: jiangjin`，并把 `区交通局` 写进它的 `aliases`（别名）",
    ]),
]



# The lead/support/joint lists say what the printed responsibility clause says (found by an editor test:
# each of these edits passed `check` before units-differ-from-clause).
M1_CLAUSE = "(牵头单位:区发展改革委;配合单位:区经济信息委)"
M2_CLAUSE = "(区交通局、区发改委等按职责分工负责)"
ROLE_WORDS = {"lead": "牵头", "support": "配合", "joint": "分工负责"}


def in_another_role(at: str, measure: str, unit: str, listed: str, said: str, clause: str, file: str = DOC) -> str:
    """The diagnostic of a unit listed in one role that its clause gives another."""
    return (f"{file}:{at}: 错误[units-differ-from-clause]: 条目 {measure}：`{unit}` 写在 `{listed}`（{ROLE_WORDS[listed]}单位）中，"
            f"而责任单位原文中它是{ROLE_WORDS[said]}单位\n"
            f"    建议：把它移到 `{said}`（{ROLE_WORDS[said]}单位）中；责任单位原文是 `{clause}`")


CASES += [
    ("lead-and-support-swapped", DOC, "      lead: [区发展改革委]\n      support: [区经济信息委]",
     "      lead: [区经济信息委]\n      support: [区发展改革委]", [
        in_another_role("48:14", "m1", "区经济信息委", "lead", "support", M1_CLAUSE),
        in_another_role("49:17", "m1", "区发展改革委", "support", "lead", M1_CLAUSE),
    ]),
    ("unit-dropped-from-a-list", DOC, "      joint: [区交通局, 区发改委]", "      joint: [区交通局]", [
        f"{DOC}:59:7: 错误[units-differ-from-clause]: 条目 m2：责任单位原文中的分工负责单位 `区发改委` 没有写进任何名单\n"
        f"    建议：按原文的顺序把它写进 `joint`（分工负责单位）；责任单位原文是 `{M2_CLAUSE}`",
    ]),
    ("joint-list-moved-into-lead", DOC, "      joint: [区交通局, 区发改委]", "      lead: [区交通局, 区发改委]", [
        in_another_role("59:14", "m2", "区交通局", "lead", "joint", M2_CLAUSE),
        in_another_role("59:20", "m2", "区发改委", "lead", "joint", M2_CLAUSE),
    ]),
    ("etc-flag-deleted", DOC, "      joint_etc: true\n", "", [
        f"{DOC}:59:7: 错误[units-differ-from-clause]: 条目 m2：责任单位原文的分工负责单位名单以“等”结尾，`joint_etc` 却不是 true\n"
        f"    建议：写 `joint_etc: true`（单位名称中不带“等”）；责任单位原文是 `{M2_CLAUSE}`",
    ]),
    ("etc-flag-the-clause-does-not-print", DOC, "      support: [区经济信息委]\n", "      support: [区经济信息委]\n      support_etc: true\n", [
        f"{DOC}:50:20: 错误[units-differ-from-clause]: 条目 m1：`support_etc` 是 true，但责任单位原文的配合单位名单不以“等”结尾\n"
        f"    建议：删掉 `support_etc: true`；责任单位原文是 `{M1_CLAUSE}`",
    ]),
    # 等 written into a name: the hint is the guide's rule, not an alias that would let 区发改委等 through
    ("etc-written-into-a-name", DOC, "      joint: [区交通局, 区发改委]\n      joint_etc: true\n", "      joint: [区交通局, 区发改委等]\n", [
        f"{DOC}:59:7: 错误[units-differ-from-clause]: 条目 m2：责任单位原文的分工负责单位名单以“等”结尾，`joint_etc` 却不是 true\n"
        f"    建议：写 `joint_etc: true`（单位名称中不带“等”）；责任单位原文是 `{M2_CLAUSE}`",
        f"{DOC}:59:21: 错误[unknown-department]: 条目 m2：单位 `区发改委等` 把“等”写进了单位名称\n"
        "    建议：去掉「等」，写 `区发改委`，并设 `joint_etc: true`：名单以“等”结尾由 `joint_etc` 表示，不要把带“等”的写法加进 `aliases`",
    ]),
]

# Model checks name the field by its key and by its meaning, in the words of the data dictionary.
CASES += [
    ("instrument-not-a-choice", DOC, "    themes: [energy]\n", "    themes: [energy]\n    instrument: 补贴\n", [
        f"{DOC}:32:17: 错误[invalid-choice]: 条目 goal：字段 `instrument`（政策工具类型）的值 '补贴' 不在可选范围内\n"
        "    建议：只能写以下之一：规划、法规标准、财政税收、金融、市场机制、工程项目、试点示范、监管执法、宣传教育、科技创新、考核评价",
    ]),
    ("status-not-a-choice", DOC, "status: 印发", "status: 已印发", [
        f"{DOC}:8:9: 错误[invalid-choice]: 字段 `status`（文件状态）的值 '已印发' 不在可选范围内\n"
        "    建议：只能写以下之一：印发、征求意见稿",
    ]),
    ("title-is-a-list", DOC, "title: 测试区行动方案", "title: [测试区行动方案]", [
        f"{DOC}:3:1: 错误[wrong-type]: 字段 `title`（方案本身的原文标题）应是文字，这里是列表\n"
        "    建议：文字看起来像别的值（true、null、列表）时，给它加上引号",
    ]),
    ("region-not-a-choice", "districts.yaml", "region: 主城都市区", "region: 主城区", [
        "districts.yaml:4:13: 错误[invalid-choice]: districts 中的 jiangjin：字段 `region`（用于同类比较的片区）的值 '主城区'"
        " 不在可选范围内\n"
        "    建议：只能写以下之一：主城都市区、渝东北、渝东南",
    ]),
]

# An entry's parts (number, title, text, clause) stand together in the source, in printed order: each part
# found on its own is not enough (found by an editor test: each of these edits passed `check` before
# entry-parts-apart, and a copy of an entry with other themes passed duplicate-entry).
M1_RESPONSIBILITY = """\
    responsibility:
      clause: (牵头单位:区发展改革委;配合单位:区经济信息委)
      lead: [区发展改革委]
      support: [区经济信息委]
"""
M2_RESPONSIBILITY = """\
    responsibility:
      clause: (区交通局、区发改委等按职责分工负责)
      joint: [区交通局, 区发改委]
      joint_etc: true
"""
CLAUSE_HINT = ("责任单位原文是原文中紧接在本条正文后面的括注：照原文改正 clause 和单位名单；"
               "原文在正文后面接着的是本条正文的后续句子时，正文没有引全，把这些句子补进 text")

CASES += [
    ("clause-of-another-entry", DOC, M1_RESPONSIBILITY, M2_RESPONSIBILITY, [
        f"{DOC}:47:15: 错误[entry-parts-apart]: 条目 m1 的责任单位原文（clause）没有紧接在它的正文后面："
        "原文在正文之后是 `(牵头单位:区发展改革委;配合单位:区经…`\n"
        f"    建议：{CLAUSE_HINT}",
    ]),
    ("text-of-another-entry", DOC, "    text: 布局电动汽车充换电配套设施,建设充电桩<script>。\n", "    text: 积极推进天然气(页岩气)勘探开发。\n", [
        f"{DOC}:56:11: 错误[entry-parts-apart]: 条目 m2 的正文（text）没有紧接在它的标题后面："
        "原文在标题之后是 `布局电动汽车充换电配套设施,建设充电桩<…`\n"
        "    建议：正文是原文中紧接在本条标题（或编号）后面的文字：从那里逐字复制本条的正文，不要用别的条目的正文",
    ]),
    ("title-of-another-entry", DOC, "    title: 协同开发油气资源。\n", "    title: 建设充电设施。\n", [
        f"{DOC}:44:12: 错误[entry-parts-apart]: 条目 m1 的标题（title）没有紧挨在它的正文前面："
        "原文在正文之前是 `…1.协同开发油气资源。`\n"
        "    建议：标题是原文中紧挨在本条正文前面的小标题或首句：照原文改正；没有标题时写 null",
    ]),
    ("number-printed-nowhere", DOC, '    number: "1."\n', '    number: "10."\n', [
        f"{DOC}:43:13: 错误[entry-parts-apart]: 条目 m1 的编号 `10.` 没有印在它的标题前面：原文在标题之前是 `…1.`\n"
        "    建议：照原文写紧挨在标题（没有标题时为正文）前面印出的编号，如 `6.`、`（一）`；没有编号时留空",
    ]),
    # the source goes on after the quoted text: its last sentence was left out
    ("text-without-its-last-sentence", "sources/jiangjin-test.txt", "勘探开发。(牵头", "勘探开发。加快建设储气设施。(牵头", [
        f"{DOC}:47:15: 错误[entry-parts-apart]: 条目 m1 的责任单位原文（clause）没有紧接在它的正文后面："
        "原文在正文之后是 `加快建设储气设施。(牵头单位:区发展改革…`\n"
        f"    建议：{CLAUSE_HINT}",
    ]),
    ("text-without-a-clause-without-its-last-sentence", "sources/jiangjin-test.txt", "降低16%以上。\n", "降低16%以上。非化石能源消费比重明显提高。\n", [
        f"{DOC}:30:11: 错误[entry-parts-apart]: 条目 goal 的正文（text）没有引到本条的末尾：原文在正文之后是 "
        "`非化石能源消费比重明显提高。…`，不是换行，也不是下一条或下一个标题\n"
        "    建议：把本条正文后面的句子补进 text，引到下一条（或下一个标题）之前；它们若属于另一个条目，核对那个条目的正文",
    ]),
    # a copy with other themes (or targets, or a note) is still the same printed measure counted twice
    ("entry-pasted-twice-with-other-themes", DOC, "  - id: m2\n",
     M1_BLOCK.replace("id: m1", "id: m1b").replace("themes: [energy]", "themes: [energy, transport]") + "  - id: m2\n", [
        f"{DOC}:51:9: 错误[duplicate-entry]: 条目 m1b 与本文件第 40 行的条目 m1 的类型、标题、正文和责任单位原文都相同，"
        "而这段正文原文只印了 1 次：多半是重复粘贴后改了别的字段，会被计算两次\n"
        "    建议：删去重复粘贴的这一条，要改的内容（如主题、目标）改在条目 m1 上；原文把同一段印了几次，才能有几个条目引它",
    ]),
]


def test_a_measure_the_source_prints_twice_may_be_entered_twice(tmp_path):
    """Entries quoting the same words are no duplicate when the source prints them as often."""
    copy = M1_BLOCK.replace("id: m1", "id: m1b").replace("themes: [energy]", "themes: [energy, transport]")
    line = "1.协同开发油气资源。积极推进天然气(页岩气)勘探开发。(牵头单位:区发展改革委;配合单位:区经济信息委)\n"
    root = edited_copy(tmp_path, FIXTURE, [(DOC, "  - id: m2\n", copy + "  - id: m2\n"),
                                           ("sources/jiangjin-test.txt", line, line + line)])
    check_data(root)
    path = root / "sources/jiangjin-test.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(line + line, line), encoding="utf-8")
    assert [p.split(": ")[1] for p in problems(root)] == ["错误[duplicate-entry]"]


def test_entries_stand_together_in_the_real_corpus(real_corpus):
    """The five real documents (numbers printed `1.`, `1．`, `（一）`, `(二)`, OCR's `11 .` and `1 ,`, titles on
    their own lines, export bookmarks between parts, OCR text that runs entries together) raise neither
    rule."""
    from generator.rules import entry_parts_are_together, ids_are_unique

    assert [p.text() for p in entry_parts_are_together(real_corpus)] == []
    assert [p.text() for p in ids_are_unique(real_corpus)] == []


# Found by an editor test: messages that raised a false alarm, gave conflicting hints, or did not say
# what was wrong (each of these said something else before).
FOLD_ADVICE = "YAML 把换行读成了一个空格：把整段写在一行里（或用 `|-` 块并且不在句中换行）"
CASES += [
    # a field that may be left empty is empty when written `number:` or `number: null`; the text "null" would be printed
    ("number-written-null-text", DOC, '    number: "1."\n    title: 协同', '    number: "null"\n    title: 协同', [
        f"{DOC}:43:13: 错误[invalid-value]: 条目 m1：字段 `number`（原文编号）：写成了文字 `null`，网站会把它照样印出来；"
        '没有时留空：写 `number: ""`，或删去这一行\n'
        "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么",
    ]),
    ("required-text-left-empty", DOC, "short_title: 江津测试方案", "short_title:", [
        f"{DOC}:4:13: 错误[wrong-type]: 字段 `short_title`（表格和链接中使用的中文简称）应是文字，这里是空值\n"
        "    建议：这个字段必须写出文字：照原文填写（空着、`null` 和 `~` 都是空值；不要写成带引号的 \"null\"，网站会照样印出它）",
    ]),
    # the Chinese ellipsis or three dots written for the joiner `…`
    ("quote-joined-with-chinese-ellipsis", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气……勘探开发。", [
        f"{DOC}:45:11: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt 中找不到一字不差的对应：`积极推进天然气……勘探开发。`\n"
        "    建议：引文中的 `……` 不是连接符：相隔的两段原文之间只用一个 `…`（省略号字符 U+2026）连接，把 `……` 改成一个 `…` 即可",
    ]),
    ("quote-joined-with-three-dots", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气...开发。", [
        f"{DOC}:45:11: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt 中找不到一字不差的对应：`积极推进天然气...开发。`\n"
        "    建议：引文中的 `...` 不是连接符：相隔的两段原文之间只用一个 `…`（省略号字符 U+2026）连接，把 `...` 改成一个 `…` 即可",
    ]),
    # a quote wrapped over two YAML lines: YAML made the break a space, said at the line it ends
    ("quote-wrapped-over-two-lines", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气(页岩气)\n      勘探开发。", [
        f"{DOC}:45:23: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt 中找不到一字不差的对应："
        "`积极推进天然气(页岩气) 勘探开发。`：引文写成了几行，第 45 行的行末被读成了一个空格\n"
        "    建议：原文第 6 行附近是 `积极推进天然气(页岩气)勘探开发。(牵头单位:区`；第一处不同在引文的第 13 个字：引文多了"
        f" ` `（空格，U+0020），原文这里没有。{FOLD_ADVICE}",
    ]),
    ("quote-wrapped-in-a-folded-block", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: >-\n      积极推进天然气(页岩气)\n      勘探开发。", [
        f"{DOC}:46:19: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt 中找不到一字不差的对应："
        "`积极推进天然气(页岩气) 勘探开发。`：引文写成了几行，第 46 行的行末被读成了一个空格\n"
        "    建议：原文第 6 行附近是 `积极推进天然气(页岩气)勘探开发。(牵头单位:区`；第一处不同在引文的第 13 个字：引文多了"
        f" ` `（空格，U+0020），原文这里没有。{FOLD_ADVICE}",
    ]),
    # the source breaks the quoted sentence over two lines
    ("source-breaks-the-quoted-line", "sources/jiangjin-test.txt", "积极推进天然气(页岩气)勘探开发。", "积极推进天然气(页岩气)\n勘探开发。", [
        f"{DOC}:45:23: 错误[quote-not-found]: 条目 m1 的正文（text）在原文 jiangjin-test.txt 中找不到一字不差的对应：`积极推进天然气(页岩气)勘探开发。`\n"
        "    建议：原文第 6 行附近是 `积极推进天然气(页岩气) 勘探开发。(牵头单位:`；第一处不同在引文的第 13 个字之前：原文有 换行（U+000A），"
        "引文缺了它。原文在这里换行：用 `…` 连接换行前后的两段；需要连贯文字时写在 `reading`（识读）中",
    ]),
    # 等 written into a name where the clause prints none: not told to set support_etc, which would be refused
    ("etc-written-where-the-clause-has-none", DOC, "      support: [区经济信息委]", "      support: [区经济信息委等]", [
        f"{DOC}:49:17: 错误[unit-not-in-clause]: 条目 m1：单位 `区经济信息委等` 没有出现在它的责任单位原文（clause）中\n"
        f"    建议：照原文逐字复制单位名称；责任单位原文中与它最接近的是 `区经济信息委`；责任单位原文是 `{M1_CLAUSE}`",
        f"{DOC}:49:17: 错误[unknown-department]: 条目 m1：单位 `区经济信息委等` 把“等”写进了单位名称\n"
        "    建议：去掉「等」，写 `区经济信息委`（不要设 `support_etc`：责任单位原文的配合单位名单不以“等”结尾）；"
        f"责任单位原文是 `{M1_CLAUSE}`",
    ]),
    # a key indented too far, under the record before it: one error that says so, no "missing themes"
    ("field-indented-too-far", DOC, "    themes: [transport, energy]", "      themes: [transport, energy]", [
        f"{DOC}:61:7: 错误[unknown-field]: 条目 m2：这里没有 `themes` 这个字段\n"
        "    建议：缩进多了？`themes` 是上一层的字段，不是 `responsibility` 下面的字段：把它向左移，与 `responsibility:` 从同一列开始",
    ]),
    # a typo in a published id: put it back (and no second error about the source's name)
    ("id-typo", DOC, "id: jiangjin-test", "id: jiangjin-tset", [
        f"{DOC}:1:5: 错误[id-file-mismatch]: 文件编号 `jiangjin-tset` 与文件名 `jiangjin-test.yaml` 不一致\n"
        "    建议：改回 `id: jiangjin-test`（编号一经发布就不再改动，文件名就是原来的编号）；确实要给新文件用 `jiangjin-tset` 时，"
        "再把文件改名为 jiangjin-tset.yaml",
    ]),
    # a draft's note holds an instruction (register a unit …), not a value to fill in
    ("todo-in-a-note", DOC, "    themes: [energy]\n  - id: m2", "    themes: [energy]\n    note: TODO 在 departments.yaml 中登记区经济信息委\n  - id: m2", [
        f"{DOC}:51:11: 错误[todo]: 条目 m1：字段 `note`（显示在条目下方的编者注）仍是草稿中待填的 TODO\n"
        "    建议：按说明处理后删去这句 TODO",
    ]),
]


@pytest.mark.parametrize("written", ["    number:\n", "    number: null\n", "    number: ~\n"])
def test_a_number_left_empty_is_empty(tmp_path, written):
    """`number:` is how the data dictionary says to leave it empty (没有编号时留空): no `wrong-type`."""
    corpus = check_data(broken_corpus(tmp_path, DOC, '    number: "1."\n', written))
    assert corpus.documents[0].document.measures[1].number == ""


def test_full_width_digits_are_the_number(tmp_path):
    """A clause printed with full-width digits (１００) holds the value 100."""
    qianjiang = "documents/qianjiang/qianjiang-test.yaml"
    root = edited_copy(tmp_path, FIXTURE, [
        ("sources/qianjiang-test.txt", "建设充电基础设施100处", "建设充电基础设施１００处"),
        (qianjiang, "建设充电基础设施100处。", "建设充电基础设施１００处。"),
        (qianjiang, "clause: “十四五”期间,建设充电基础设施100处", "clause: “十四五”期间,建设充电基础设施１００处"),
    ])
    check_data(root)


def test_an_emptied_source_is_one_error(tmp_path):
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / "sources" / "jiangjin-test.txt").write_text("\n", encoding="utf-8")
    assert problems(root) == [
        f"{DOC}:12:9: 错误[missing-source]: 原文文件 site_data/sources/jiangjin-test.txt 是空的，本文件的引文都无法核对\n"
        "    建议：把逐字原文放回这个文件（可从版本库恢复：`git checkout -- site_data/sources/jiangjin-test.txt`）；"
        "引文要等原文恢复后才逐一核对",
    ]


EXTRACT_IT = ("    建议：先把它移出 site_data/ 并改回原来的扩展名，再用 `python -m generator extract 那个文件 --district 区县 "
              "--out site_data/documents/区县/编号.yaml` 从它")
OFFICE_FILES = [  # (file, its first bytes, the diagnostic)
    (DOC, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2lZ\x01",
     f"{DOC}:1:1: 错误[not-utf8]: 文件是 Word 文档（.docx）或其他 ZIP 压缩文件，不是 YAML 文本（只是扩展名写成了 .yaml）\n"),
    (DOC, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00",
     f"{DOC}:1:1: 错误[not-utf8]: 文件是旧版 Word 文档（.doc）或其他 Office 文件，不是 YAML 文本（只是扩展名写成了 .yaml）\n"),
    ("sources/jiangjin-test.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
     "sources/jiangjin-test.txt:1:1: 错误[not-utf8]: 原文文件是 PDF 文件，不是纯文本（只是扩展名写成了 .txt）\n"),
]


@pytest.mark.parametrize("file,start,said", OFFICE_FILES, ids=["docx", "doc", "pdf-source"])
def test_a_word_or_pdf_file_saved_as_text_is_one_error(tmp_path, file, start, said):
    """A Word, PDF or zip file under a .yaml or .txt name is one error, not an encoding error and a line per byte."""
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / file).write_bytes(start + bytes(range(256)) * 3)
    done = "起草 YAML（同时写出逐字原文）" if file == DOC else "提取逐字原文（写到 site_data/sources/）"
    assert problems(root) == [said + EXTRACT_IT + done + "；extract 能读 .docx 和带文字层的 PDF"]


# Wrong data that passed `check` before (found by an editor test): a target's base year, comparator, a value
# dropped without a word, and registry names given twice.
BASE_YEAR_HINT = ("    建议：照原文写基年（“较2020年”写 2020；这些地方印出的年份：2020、2025）；原文没有基年时删去 `base_year`；"
                  "基年印在别处（如表头）时，在这个目标的 `note` 中写明印在哪里，并写出这个年份")
COMPARATOR_HINT = ("    建议：写 `comparator: ≥`（≥ 或 >）；降低、下降的幅度也照原句的说法写（降低16%以上写 ≥）；"
                   "原句确有别的意思时，在这个目标的 `note` 中说明，并写出所用的比较符")
NO_VALUE_HINT = ("    建议：照目标原句写出数值；数值由市级下达时写 `set_by_municipality: true`；原文没有印出数值或数值读不准时，"
                 "在这个目标的 `note` 中写明为什么没有数值（如“原文未印数值”“数值不能确定，暂不取值”）")
CASES += [
    ("base-year-typo", DOC, "        base_year: 2020\n", "        base_year: 2015\n", [
        f"{DOC}:38:20: 错误[base-year-not-printed]: 条目 goal 的第 1 个目标：基年 2015 没有印在目标原句、本条目、"
        "所在章节的标题或文件标题中\n" + BASE_YEAR_HINT,
    ]),
    ("base-year-typo-beside-a-note", DOC, "        base_year: 2020\n", "        base_year: 2015\n        note: 基年印在表头\n", [
        f"{DOC}:38:20: 错误[base-year-not-printed]: 条目 goal 的第 1 个目标：基年 2015 没有印在目标原句、本条目、"
        "所在章节的标题或文件标题中，目标的 `note` 中也没有写出这个数\n" + BASE_YEAR_HINT,
    ]),
    ("comparator-against-the-wording", DOC, "comparator: ≥", "comparator: ≤", [
        f"{DOC}:37:21: 错误[comparator-contradicts-clause]: 条目 goal 的第 1 个目标：比较符 `≤` 与目标原句不符：原句 "
        "`单位地区生产总值能耗较2020年降低16%以上` 用「以上」说的是不少于 16\n" + COMPARATOR_HINT,
    ]),
    ("comparator-exact-against-the-wording", DOC, "comparator: ≥", 'comparator: "="', [
        f"{DOC}:37:21: 错误[comparator-contradicts-clause]: 条目 goal 的第 1 个目标：比较符 `=` 与目标原句不符：原句 "
        "`单位地区生产总值能耗较2020年降低16%以上` 用「以上」说的是不少于 16\n" + COMPARATOR_HINT,
    ]),
    ("value-dropped", DOC, 'value: "16"', "value: null", [
        f"{DOC}:35:16: 错误[target-value-missing]: 条目 goal 的第 1 个目标没有数值（value），也不是市级下达："
        "它不会出现在任何比较中\n" + NO_VALUE_HINT,
    ]),
    ("value-dropped-beside-a-note", DOC, 'value: "16"', "value: null\n        note: 「以上」统领这个数值", [
        f"{DOC}:35:16: 错误[target-value-missing]: 条目 goal 的第 1 个目标没有数值（value），也不是市级下达，"
        "目标的 `note` 也没有说明为什么没有数值：它不会出现在任何比较中\n" + NO_VALUE_HINT,
    ]),
    ("district-named-twice", "districts.yaml", "    name: 黔江区", "    name: 江津区", [
        "districts.yaml:6:11: 错误[duplicate-name]: 区县 qianjiang 的名称 `江津区` 已是第 3 行区县 jiangjin 的名称\n"
        "    建议：两个区县不能同名，也不能有相同的别名：改正这个名称，或删去重复登记的这个区县",
    ]),
    ("district-alias-of-another", "districts.yaml", "    region: 渝东南\n", "    region: 渝东南\n    aliases: [黔江, 江津区]\n", [
        "districts.yaml:8:19: 错误[duplicate-name]: 区县 qianjiang 的别名 `江津区` 已是第 3 行区县 jiangjin 的名称\n"
        "    建议：两个区县不能同名，也不能有相同的别名：改正这个名称，或删去重复登记的这个区县",
    ]),
    ("theme-named-twice", "themes.yaml", "    name: 交通运输", "    name: 能源转型", [
        "themes.yaml:7:11: 错误[duplicate-name]: 主题 transport 的名称 `能源转型` 已是第 3 行主题 energy 的名称\n"
        "    建议：两个主题不能同名（网站上会有两个同名的页面）：改正这个名称，或删去重复登记的这个主题",
    ]),
    ("metric-named-twice", "metrics.yaml", "    name: 充电基础设施数量", "    name: 单位地区生产总值能耗降低", [
        "metrics.yaml:8:11: 错误[duplicate-name]: 指标 public-charging-facilities 的名称 `单位地区生产总值能耗降低` "
        "已是第 3 行指标 energy-intensity-reduction 的名称\n"
        "    建议：两个指标不能同名（网站上会有两个同名的页面）：改正这个名称，或删去重复登记的这个指标",
    ]),
    ("department-named-twice", "departments.yaml", "    name: 经济信息委", "    name: 发展改革委", [
        "departments.yaml:8:11: 错误[duplicate-name]: 部门 jingji-xinxi 的名称 `发展改革委` 已是第 3 行部门 fazhan-gaige 的名称，"
        "两者不分区县\n"
        "    建议：同一区县能用的两个部门不能同名（网站上会有两个同名的页面）：改正这个名称，或删去重复登记的这个部门；"
        "各区县自己的同名机构各写各的 `district`",
    ]),
    # a district-less department's name is used in every district: a district's own may not take it
    ("department-named-as-a-shared-one", "departments.yaml", "    name: 交通局\n", "    name: 发展改革委\n    district: jiangjin\n", [
        "departments.yaml:13:11: 错误[duplicate-name]: 部门 jiaotong 的名称 `发展改革委` 已是第 3 行部门 fazhan-gaige 的名称，"
        "两者在 jiangjin 都能用\n"
        "    建议：同一区县能用的两个部门不能同名（网站上会有两个同名的页面）：改正这个名称，或删去重复登记的这个部门；"
        "各区县自己的同名机构各写各的 `district`",
    ]),
]


def test_source_that_is_not_utf8(tmp_path):
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / "sources" / "jiangjin-test.txt").write_bytes("测试区行动方案".encode("gbk"))
    assert problems(root) == [
        "sources/jiangjin-test.txt:1:1: 错误[not-utf8]: 原文文件不是 UTF-8 编码（第 0 字节，0xb2），可能被保存成了 GBK\n"
        "    建议：在编辑器里把文件另存为 UTF-8 编码，不要改动任何文字",
    ]


def test_a_file_saved_as_utf16_is_told_so_not_taken_for_gbk(tmp_path):
    """An editor test: Notepad's "Unicode" (UTF-16 with its byte-order mark) was said to be GBK."""
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    doc = root / DOC
    doc.write_bytes(doc.read_text(encoding="utf-8").encode("utf-16"))
    assert problems(root) == [
        f"{DOC}:1:1: 错误[not-utf8]: 文件不是 UTF-8 编码（第 0 字节，0xff），而是 UTF-16 编码（Windows 记事本另存时叫“Unicode”）\n"
        "    建议：在编辑器里把文件另存为 UTF-8 编码，不要改动任何文字",
    ]


def test_a_file_whose_lines_end_in_cr_alone_is_read_line_by_line(tmp_path):
    """An editor test: a file saved with CR line ends (old Mac editors) gave ten invalid-character
    errors, all on line 1; read as the lines an editor sees, its one real error is on its own line."""
    root = broken_corpus(tmp_path, DOC, "    section: s2\n", "    section: s9\n")
    for rel in (DOC, "sources/jiangjin-test.txt"):
        path = root / rel
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    assert problems(root) == [f"{DOC}:42:14: 错误[unknown-section]: 条目 m1：章节 `s9` 不在本文件的大纲中\n"
                              "    建议：写 `outline:`（大纲）下某个标题的 id；本文件的章节：s1、s2"]


TARGET_BLOCK = ("    targets:\n      - metric: energy-intensity-reduction\n        clause: 单位地区生产总值能耗较2020年降低16%以上\n"
                "        value: \"16\"\n        unit: \"%\"\n        comparator: ≥\n        base_year: 2020\n        target_year: 2025\n")


@pytest.mark.parametrize("old,new,said", [
    # a number in scientific notation too large to write out: no 401-digit number offered (an editor test)
    ('value: "16"', "value: 1e400", [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`1e400` 用了科学记数法，"
        "写成普通数字时整数部分超过 12 位或小数部分超过 6 位；请核对这个数字\n"
        "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么"]),
    ('value: "16"', "value: 1.6e1", [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`1.6e1` 用了科学记数法\n"
        "    建议：改成 `value: \"16\"`"]),
    # an optional list left empty: deleting the key is the fix
    (TARGET_BLOCK, "    targets:\n", [
        f"{DOC}:32:13: 错误[wrong-type]: 条目 goal：字段 `targets`（本条提出的量化目标）应是列表，这里空着\n"
        "    建议：没有要写的就删去 `targets:` 这一行；有的话每项写成一行 `- 内容`，或写成 [甲, 乙]"]),
], ids=["1e400", "1.6e1", "empty-targets"])
def test_hints_that_an_editor_test_found_misleading(tmp_path, old, new, said):
    assert problems(broken_corpus(tmp_path, DOC, old, new)) == said


@pytest.mark.parametrize("old,new,said", [
    ('    number: "1."\n', '    number: "1."\n    number_reading: "1."\n', [
        f"{DOC}:44:21: 错误[reading-unchanged]: 条目 m1：编号的识读（number_reading）与印刷原样（number）完全相同\n"
        "    建议：编号完好时删去 number_reading"]),
    ('    number: "1."\n', '    number: ""\n    number_reading: "1."\n', [
        f"{DOC}:44:21: 错误[invalid-value]: 条目 m1：写了编号的识读 `1.`，编号（number）却空着\n"
        "    建议：number 照印刷原样写出原文的编号，number_reading 写它的识读"]),
], ids=["unchanged", "without-a-number"])
def test_a_number_reading_stands_beside_a_printed_number_it_mends(tmp_path, old, new, said):
    assert problems(broken_corpus(tmp_path, DOC, old, new)) == said


@pytest.mark.parametrize("file,said", [
    ("themes.yaml", "themes.yaml:1:1: 错误[wrong-type]: 文件是空的（只有空行或注释）\n"
                    "    建议：名录文件不能删除，可从版本库恢复（`git checkout -- themes.yaml`）；它以 `themes:` 开头"),
    (DOC, f"{DOC}:1:1: 错误[wrong-type]: 文件是空的（只有空行或注释）\n"
          "    建议：不再需要这个文件就删除它；政策文件以 `id:` 开头"),
])
def test_an_empty_registry_is_to_be_restored_an_empty_document_may_go(tmp_path, file, said):
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / file).write_text("# 空\n", encoding="utf-8")
    assert problems(root)[:1] == [said]


def test_a_draft_with_todos_is_checked_in_full(tmp_path):
    """Every TODO of a draft stands in for a valid value while the rest of the file is checked, so
    its other errors are reported with the gaps (a TODO check date once dropped the whole file)."""
    root = broken_corpus(tmp_path, DOC, "last_verified: 2026-11-22\n", "last_verified: TODO\n")
    path = root / DOC
    path.write_text(path.read_text(encoding="utf-8").replace("天然气(页岩气)勘探", "天然汽(页岩气)勘探", 1)
                    .replace("        target_year: 2025\n", "        target_year: TODO\n", 1), encoding="utf-8")
    found = [line.split("\n")[0] for line in problems(root)]
    assert [f.split(": ")[1] for f in found] == ["错误[todo]", "错误[todo]", "错误[quote-not-found]"], found


def test_a_draft_that_cannot_be_loaded_says_so(tmp_path, monkeypatch):
    """Should a TODO's stand-in value not fit its field, the file's errors are reported: a file
    never leaves the check silently."""
    from generator import load

    monkeypatch.setattr(load, "_placeholder", lambda err, field=None: "todo")  # no stand-in fits a date
    root = broken_corpus(tmp_path, DOC, "last_verified: 2026-11-22\n", "last_verified: TODO\n")
    found = [line.split("\n")[0] for line in problems(root)]
    assert any("错误[invalid-date]" in f and "last_verified" in f for f in found), found


def test_a_misspelt_district_is_said_once_not_once_per_unit(tmp_path):
    """`district: jiangjing`: the folder and the registry say so; the district's own bodies (here
    区发展改革委 made 江津区's alone) are not each reported as another district's as well."""
    root = broken_corpus(tmp_path, DOC, "district: jiangjin", "district: jiangjing")
    registry = root / "departments.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "  - slug: fazhan-gaige\n", "  - slug: fazhan-gaige\n    district: jiangjin\n", 1), encoding="utf-8")
    found = [line.split("\n")[0] for line in problems(root)]
    assert sorted(f.split(": ")[1] for f in found) == ["错误[district-folder-mismatch]", "错误[unknown-district]"], found


def test_a_renamed_theme_is_named_as_such_and_its_themes_listed_once(tmp_path):
    """A theme id changed in themes.yaml breaks every use: each use is reported, but the list of
    themes is given once, at the first, and the rename is named (found by an editor test: 83
    errors, each listing all 18 themes)."""
    root = broken_corpus(tmp_path, "themes.yaml", "  - slug: energy\n", "  - slug: energy-transition\n")
    found = problems(root)
    assert len(found) == 7 and all("错误[unknown-theme]" in f and "主题 `energy` 不在 themes.yaml（主题名录）中（共 7 处）" in f
                                   for f in found), found
    rename = "`energy` 共有 7 处使用，而 themes.yaml 中的 `energy-transition` 没有任何地方使用：若是改了那里的编号，请改回 `energy`"
    assert all(rename in f for f in found), found
    assert [f.startswith(f"{DOC}:31:") for f in found].count(True) == 1 and found[0].startswith(f"{DOC}:31:")
    assert "可用的主题：" in found[0] and "energy-transition（" in found[0]
    assert all("可用的主题：" not in f and f"见同一编号第一处的说明：{DOC}:31:14" in f for f in found[1:]), found


def test_an_unknown_theme_used_once_lists_the_themes(tmp_path):
    found = problems(broken_corpus(tmp_path, DOC, "    themes: [transport, energy]", "    themes: [transport, enrgy]"))
    assert len(found) == 1 and "（共" not in found[0] and "改回" not in found[0], found
    assert "是不是要写 `energy`（" in found[0] and "可用的主题：" in found[0], found


def test_misplaced_document_is_reported_not_ignored(tmp_path):
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / DOC).rename(root / "documents/jiangjin/jiangjin-test.yml")
    found = problems(root)
    assert found[0].startswith("documents/jiangjin/jiangjin-test.yml:1:1: 错误[misplaced-file]")


GOAL_DOC = "documents/yongchuan/yongchuan-2022-112.yaml"


@pytest.mark.parametrize("written,said", [
    # a user test: `IV类` changed to `Ⅳ类` (U+2163) in a quote was said to differ by a 半角字符
    ("Ⅳ类", "引文是 `Ⅳ`（罗马数字，兼容字符，相当于 `IV`，U+2163），原文是 `IV`（2 个半角字母，U+0049 U+0056）"),
    ("ＩＶ类", "引文是 `Ｉ`（全角字母，U+FF29），原文是 `I`（半角字母，U+0049）"),  # a full-width letter is still 全角
])
def test_a_character_that_differs_from_the_source_is_named_for_what_it_is(tmp_path, written, said):
    root = edited_copy(tmp_path, DATA, [(GOAL_DOC, "clause: 大陆溪湾凼国控断面水质达到或优于IV类", f"clause: 大陆溪湾凼国控断面水质达到或优于{written}")])
    (found,) = problems(root)
    assert f"第一处不同在引文的第 17 个字：{said}。" in found, found


def test_the_source_printing_a_roman_numeral_where_the_quote_has_letters_is_named_too(tmp_path):
    """The other way round: the source prints Ⅲ (U+2162), the quote three letters I."""
    root = edited_copy(tmp_path, DATA, [(GOAL_DOC, "clause: 临江河、小安溪、九龙河市控断面水质稳定达到或优于Ⅲ类",
                                         "clause: 临江河、小安溪、九龙河市控断面水质稳定达到或优于III类")])
    (found,) = problems(root)
    assert "引文是 `III`（3 个半角字母，U+0049 U+0049 U+0049），原文是 `Ⅲ`（罗马数字，兼容字符，相当于 `III`，U+2162）" in found, found


@pytest.mark.parametrize("char,kind", [
    ("（", "全角标点"), ("(", "半角标点"), ("１", "全角数字"), ("a", "半角字母"), ("碳", "汉字"), ("\u3000", "空格"),
    ("“", "标点"),  # East Asian Width ambiguous: neither 全角 nor 半角
    ("Ⅳ", "罗马数字，兼容字符，相当于 `IV`"), ("①", "带圈数字，兼容字符，相当于 `1`"), ("⑴", "带括号数字，兼容字符，相当于 `(1)`"),
    ("⒈", "带点数字，兼容字符，相当于 `1.`"), ("³", "上标数字，兼容字符，相当于 `3`"), ("℃", "符号，兼容字符，相当于 `°C`"),
])
def test_character_kinds(char, kind):
    from generator.rules import _char_kind

    assert _char_kind(char) == kind


ONLY_YAML = "site_data/documents/ 的区县文件夹中只放政策文件的 YAML（<编号>.yaml），其他文件不会被读取"


@pytest.mark.parametrize("name,message,hint", [
    # a user test: a README.md was told to be renamed README.yaml
    ("README.md", f"`README.md` 是说明文档，不是政策文件的 YAML：{ONLY_YAML}",
     "把它移出 site_data/documents/：给编辑看的说明写进 content/editor-guide.md，关于某份文件的说明写在它的 YAML 中"
     "（`note` 字段，或以 # 开头的注释行）"),
    ("jiangjin-test-2.yml", "扩展名是 `.yml`：只有扩展名为小写 `.yaml` 的文件才会被读取，这个文件不会被读取",
     "把它改名为 `jiangjin-test-2.yaml`"),
    ("jiangjin-test-2.YAML", "扩展名是 `.YAML`：只有扩展名为小写 `.yaml` 的文件才会被读取，这个文件不会被读取",
     "把它改名为 `jiangjin-test-2.yaml`"),
    ("jiangjin-test.txt", f"`jiangjin-test.txt` 是纯文本文件，不是政策文件的 YAML：{ONLY_YAML}",
     "它是一份文件的逐字原文时，移到 site_data/sources/ 并改名为 <编号>.txt（与 YAML 中 `source.file` 写的一致）；"
     "否则把它移出 site_data/documents/"),
    ("plan.docx", f"`plan.docx` 是下载的原件（Word 文档），不是政策文件的 YAML：{ONLY_YAML}",
     "用 `python -m generator extract 原件 --district <区县> --out site_data/documents/<区县>/<编号>.yaml` 起草 YAML"
     "（它同时把逐字原文写到 site_data/sources/<编号>.txt），然后把原件移出 site_data/documents/"),
    ("jiangjin-test.yaml~", "`jiangjin-test.yaml~` 是保存 `jiangjin-test.yaml` 时留下的备份，不会被读取",
     "确认 `jiangjin-test.yaml` 是要保留的版本后删除这个备份（git 保存着每个版本，数据文件夹中不放备份）"),
    (".DS_Store", "`.DS_Store` 是操作系统的文件管理器自动生成的文件，不会被读取", "删除它（它不属于数据，也不要提交到仓库）"),
    ("data.json", f"`data.json` 不是政策文件的 YAML（扩展名不是 .yaml）：{ONLY_YAML}",
     "把它移出 site_data/documents/；它是一份政策文件的数据时，改名为 `<编号>.yaml`"),
])
def test_a_file_in_a_district_folder_that_is_not_read_is_told_what_fits_it(tmp_path, name, message, hint):
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / "documents" / "jiangjin" / name).write_bytes((root / DOC).read_bytes())
    assert problems(root) == [f"documents/jiangjin/{name}:1:1: 错误[misplaced-file]: {message}\n    建议：{hint}"]


@pytest.mark.parametrize("name", [".jiangjin-test.yaml.swp", ".jiangjin-test.yaml.swo", "#jiangjin-test.yaml#",
                                  ".#jiangjin-test.yaml", "~$plan.docx"])
def test_an_editors_working_file_beside_an_open_data_file_stops_nothing(tmp_path, name):
    """Vim keeps .x.swp beside a file it has open, Emacs #x# and a link .#x, Word ~$x: were they
    reported (or refused, as links are), an editor with a data file open could not check, build or
    preview until closing it. They are not read and not reported; .gitignore keeps them out of git."""
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    working = root / "documents" / "jiangjin" / name
    if name.startswith(".#"):
        working.symlink_to("user@host.1234:1700000000")  # Emacs's lock: a link to nowhere
    else:
        working.write_bytes(b"\x00 not yaml")
    warnings: list = []
    check_data(root, warnings)  # no error
    assert warnings == []
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert all(pattern in ignored.splitlines() for pattern in ("*.sw[a-p]", ".#*", "#*#", "~$*"))


def test_a_yaml_file_outside_a_district_folder_is_told_where_it_goes(tmp_path):
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / DOC).rename(root / "documents" / "jiangjin-test.yaml")
    assert problems(root) == [
        "documents/jiangjin-test.yaml:1:1: 错误[misplaced-file]: 政策文件应放在 site_data/documents/<区县>/<编号>.yaml；这个文件不会被读取\n"
        "    建议：把它移到 site_data/documents/<区县>/jiangjin-test.yaml（扩展名为 .yaml）"]


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_exact_diagnostics(tmp_path, name, file, old, new, expected):
    assert problems(broken_corpus(tmp_path, file, old, new)) == expected


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_every_message_and_hint_is_chinese(tmp_path, name, file, old, new, expected):
    """Editors read Chinese: a message or hint left in English (no Chinese character) fails."""
    with pytest.raises(DataErrors) as exc:
        check_data(broken_corpus(tmp_path, file, old, new))
    for d in exc.value.diagnostics:
        assert CJK.search(d.message) and CJK.search(d.hint), d


FIELD_NAMED = re.compile(r"字段 `[^`]+`（[\u4e00-\u9fff“”]+）")  # a key, then its meaning in Chinese


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_every_model_check_names_the_field_by_its_meaning(tmp_path, name, file, old, new, expected):
    """A problem pydantic found in one field (wrong type, invalid choice, missing, bad value) names
    that field by its key and by its Chinese meaning."""
    with pytest.raises(DataErrors) as exc:
        check_data(broken_corpus(tmp_path, file, old, new))
    model_codes = {"wrong-type", "invalid-choice", "missing-field", "invalid-date", "invalid-boolean", "invalid-number", "empty-list"}
    for d in exc.value.diagnostics:
        if d.code in model_codes:
            assert FIELD_NAMED.search(d.message), d


def test_all_problems_in_all_files_are_reported_at_once(tmp_path):
    root = broken_corpus(tmp_path, DOC, "written: null", "written: 2022-13-16")
    other = root / "documents/qianjiang/qianjiang-test.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("kind: 实施方案", "kind: 方案"), encoding="utf-8")
    codes = sorted((Path(p.split(":")[0]).name, p.split("错误[")[1].split("]")[0]) for p in problems(root))
    assert codes == [("jiangjin-test.yaml", "invalid-date"), ("qianjiang-test.yaml", "invalid-choice")]


def test_fixture_corpus_is_valid():
    corpus = check_data(FIXTURE)
    assert [d.document.id for d in corpus.documents] == ["jiangjin-test", "qianjiang-test"]


def test_a_renamed_district_slug_is_named_as_the_likely_cause(tmp_path):
    """districts.yaml `qianjiang` → `qianjian`: the document still names qianjiang. The hint names the
    registered slug no document uses and says both ways out (the editor test: it only suggested
    the new slug, which would change published addresses)."""
    found = problems(broken_corpus(tmp_path, "districts.yaml", "slug: qianjiang", "slug: qianjian"))
    district = [f for f in found if "错误[unknown-district]" in f and "区县 `qianjiang`" in f]
    assert district, found
    assert ("districts.yaml 中的 `qianjian` 没有任何文件或部门使用：若是这里写错了，改成它；若是改了 districts.yaml 中的编号，"
            "把那里改回 `qianjiang`") in district[0], district[0]


# The editor test on a real document, each edit as it was made: all passed `check` before.
REAL = "documents/jiangjin/jiangjin-2022-57.yaml"  # goal, first target: 分别较2020年降低16%、18%以上, with a note about 以上


@pytest.mark.parametrize("old,new,expected", [
    ("        base_year: 2020\n", "        base_year: 2015\n", [
        f"{REAL}:91:20: 错误[base-year-not-printed]: 条目 goal 的第 1 个目标：基年 2015 没有印在目标原句、本条目、"
        "所在章节的标题或文件标题中，目标的 `note` 中也没有写出这个数\n" + BASE_YEAR_HINT]),
    ("        comparator: ≥\n", "        comparator: ≤\n", [
        f"{REAL}:90:21: 错误[comparator-contradicts-clause]: 条目 goal 的第 1 个目标：比较符 `≤` 与目标原句不符：原句 "
        "`单位地区生产总值能耗和二氧化碳排放强度持续降低,分别较2020年降低16%、18%以上` 用「以上」说的是不少于 16\n" + COMPARATOR_HINT]),
    ('value: "16"', "value: null", [
        f"{REAL}:88:16: 错误[target-value-missing]: 条目 goal 的第 1 个目标没有数值（value），也不是市级下达，"
        "目标的 `note` 也没有说明为什么没有数值：它不会出现在任何比较中\n" + NO_VALUE_HINT]),
    ("      - metric: carbon-intensity-reduction\n", "      - metric: energy-intensity-reduction\n", [
        f"{REAL}:96:16: 错误[conflicting-targets]: 条目 goal 的第 2 个目标与第 1 个目标的指标（energy-intensity-reduction）、"
        "目标年、基年、比较符都相同，数值却不同（16 与 18）\n"
        "    建议：核对两个目标的指标和数值，多半是其中一个的指标写错了；确是同一指标下两个不同的目标时，"
        "在这个目标的 `note` 中写明它与前一个的区别（如“专属充电桩”）"]),
], ids=["base-year", "comparator", "value-dropped", "metric-of-the-other-target"])
def test_a_wrong_target_of_a_real_document_is_caught(tmp_path, old, new, expected):
    assert problems(edited_copy(tmp_path, DATA, [(REAL, old, new)])) == expected


def test_a_district_registered_twice_is_caught_at_the_second(tmp_path):
    """A second 永川区 (or one more district called 永川) would make a second page titled 永川区."""
    root = edited_copy(tmp_path, DATA, [("districts.yaml", "\n  - slug: qianjiang\n",
                                         "\n  - slug: yongchuan2\n    name: 永川区\n    region: 主城都市区\n    aliases: [永川]\n"
                                         "  - slug: qianjiang\n")])
    hint = "\n    建议：两个区县不能同名，也不能有相同的别名：改正这个名称，或删去重复登记的这个区县"
    found = problems(root)
    assert found == [
        "districts.yaml:17:11: 错误[duplicate-name]: 区县 yongchuan2 的名称 `永川区` 已是第 13 行区县 yongchuan 的名称" + hint,
        "districts.yaml:19:15: 错误[duplicate-name]: 区县 yongchuan2 的别名 `永川` 已是第 15 行区县 yongchuan 的别名" + hint,
    ]


def test_two_districts_own_bodies_may_share_a_name(tmp_path):
    """Each district's own 港桥产业促进中心 is a department of its own, under the same name."""
    root = edited_copy(tmp_path, FIXTURE, [("departments.yaml", "    aliases: [区交通局]\n",
                                            "    aliases: [区交通局]\n"
                                            "  - {slug: jiangjin-gangqiao, name: 港桥产业促进中心, full_name: 港桥产业促进中心, kind: 园区管理机构,"
                                            " district: jiangjin, aliases: [港桥产业促进中心]}\n"
                                            "  - {slug: qianjiang-gangqiao, name: 港桥产业促进中心, full_name: 港桥产业促进中心, kind: 园区管理机构,"
                                            " district: qianjiang, aliases: [港桥产业促进中心]}\n")])
    check_data(root)


def test_a_check_date_still_to_come_is_refused(tmp_path, monkeypatch):
    from generator import rules

    monkeypatch.setattr(rules, "today", lambda: dt.date(2026, 12, 6))
    root = broken_corpus(tmp_path, DOC, "last_verified: 2026-11-22\n", "last_verified: 2027-01-15\n")
    assert problems(root) == [
        f"{DOC}:16:16: 错误[date-in-future]: 字段 `last_verified`（核对日期）是 2027-01-15，晚于今天（2026-12-06）\n"
        "    建议：写你最近一次对照原文核对这份文件的那一天（YYYY-MM-DD），不能写还没有到来的日子"]
    monkeypatch.setattr(rules, "today", lambda: dt.date(2027, 1, 15))  # checked today: fine
    check_data(root)


@pytest.mark.parametrize("old,new", [
    ("        base_year: 2020\n", "        base_year: 2015\n        note: 基年 2015 印在表头\n"),
    ("comparator: ≥", "comparator: ≤\n        note: 按≤录入：原句的「以上」另有所指"),
    ('value: "16"', "value: null\n        note: 原文的数值印刷模糊，不能确定，暂不取值"),
    ('value: "16"', "value: null\n        set_by_municipality: true"),
], ids=["base-year-named-in-the-note", "comparator-named-in-the-note", "no-value-explained", "set-by-the-municipality"])
def test_an_exception_a_note_explains_passes(tmp_path, old, new):
    check_data(broken_corpus(tmp_path, DOC, old, new))


def test_the_words_that_bound_a_number_are_read_where_it_stands():
    assert comparator_words("分别较2020年降低16%、18%以上", "16", "%") == {"以上": "不少于"}
    assert comparator_words("分别较2020年降低16%、18%以上", "18", "%") == {"以上": "不少于"}
    assert comparator_words("规模以上工业单位增加值能耗较2020年分别下降16%和15%", "16", "%") == {}
    assert comparator_words("全区森林火灾受害率稳定控制在0.3‰以内", "0.3", "‰") == {"控制在": "不多于", "以内": "不多于"}
    assert comparator_words("城市公共交通出行分担率达到20%及以上", "20", "%") == {"以上": "不少于"}
    assert comparator_words("绿色出行服务满意率不低于80%", "80", "%") == {"不低于": "不少于"}
    assert comparator_words("能源消费总量不超过300万吨", "300", "万吨") == {"不超过": "不多于"}
    assert comparator_words("农田气象观测站点3-5个以上", "3", "个") == {}  # a range: not read
    assert comparator_words("优良天数350天以上", "35", "天") == {}  # 35 is not 350


def test_two_targets_of_one_metric_are_told_apart_by_the_later_ones_note(tmp_path):
    """铜梁's 分散充电桩 50 个 and 专属充电桩 100 个 are both public-charging-piles in one entry: the later
    target's note says which it is. Without it, the two values for one thing are reported."""
    tongliang = "documents/tongliang/tongliang-2021-climate-plan.yaml"
    root = edited_copy(tmp_path, DATA, [(tongliang, '        note: "专属充电桩（与上一目标同句，“到2025年,建成”统领）。"\n', "")])
    assert problems(root) == [
        f"{tongliang}:724:16: 错误[conflicting-targets]: 条目 c4-3-3 的第 2 个目标与第 1 个目标的指标（public-charging-piles）、"
        "目标年、基年、比较符都相同，数值却不同（50 与 100）\n"
        "    建议：核对两个目标的指标和数值，多半是其中一个的指标写错了；确是同一指标下两个不同的目标时，"
        "在这个目标的 `note` 中写明它与前一个的区别（如“专属充电桩”）"]
