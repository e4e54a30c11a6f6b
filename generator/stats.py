"""The data-coverage report: `python -m generator stats`."""
from __future__ import annotations

import re

from generator.index import KIND_LABELS, KIND_ORDER, build_index
from generator.load import Corpus
from generator.model import MeasureKind

# A number with a unit or a year-bound figure: the text probably states a quantified target.
QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|‰|个|家|种|处|台|亿元|万元|万亩|亩|万千瓦|千瓦|公里|平方公里|万平方米|平方米|万立方米|天|微克)")


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "–"


def coverage_report(corpus: Corpus) -> str:
    index = build_index(corpus)
    table_kinds = {MeasureKind.indicator, MeasureKind.project, MeasureKind.task}
    lines = ["# 数据覆盖情况（python -m generator stats）", ""]
    header = ("文件", "条目", *[KIND_LABELS[k][0] for k in KIND_ORDER], "表格行", "量化目标", "单位记录",
              "有牵头或共同负责单位", "有主题", "文中有数量 → 有目标")
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    totals = [0] * (len(KIND_ORDER) + 4)
    for doc in index.documents:
        ms = index.measures_by_document.get(doc.id, ())
        by_kind = [sum(1 for m in ms if m.measure.kind == k) for k in KIND_ORDER]
        rows = sum(1 for m in ms if m.measure.kind in table_kinds)
        targets = sum(len(m.targets) for m in ms)
        units = sum(len(m.units) for m in ms)
        actionable = [m for m in ms if m.measure.kind != MeasureKind.goal]
        led = sum(1 for m in actionable if m.units_in("lead") or m.units_in("joint"))
        themed = sum(1 for m in ms if m.themes)
        quantified = [m for m in ms if QUANTITY.search(m.full_text)]
        with_target = sum(1 for m in quantified if m.targets)
        lines.append("| " + " | ".join(map(str, (
            doc.id, len(ms), *by_kind, rows, targets, units,
            _share(led, len(actionable)), _share(themed, len(ms)), _share(with_target, len(quantified)),
        ))) + " |")
        for i, n in enumerate([len(ms), *by_kind, rows, targets, units]):
            totals[i] += n
    lines.append("| **合计** | " + " | ".join(str(n) for n in totals) + " | | | |")
    lines += ["", "条目：全部目标、措施、保障措施和表格行；单位记录：责任单位括注或表格单元中列出的每个单位；"
              "“有牵头或共同负责单位”不计目标条目。"]
    distinct = {u.department.slug for m in index.measures for u in m.units}
    printed = {u.printed for m in index.measures for u in m.units}
    lines.append(f"不同的单位写法 {len(printed)} 个；用到的规范部门 {len(distinct)} 个；"
                 f"有目标的指标 {len(index.targets_by_metric)} 个")
    return "\n".join(lines)
