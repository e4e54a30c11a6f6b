"""The data-coverage report: `python -m generator stats`."""
from __future__ import annotations

import re

from generator.index import KIND_ORDER, build_index
from generator.load import Corpus
from generator.model import MeasureKind

# A number with a unit or a year-bound figure: the text probably states a quantified target.
QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|‰|个|家|种|处|台|亿元|万元|万亩|亩|万千瓦|千瓦|公里|平方公里|万平方米|平方米|万立方米|天|微克)")


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "–"


def coverage_report(corpus: Corpus) -> str:
    index = build_index(corpus)
    table_kinds = {MeasureKind.indicator, MeasureKind.project, MeasureKind.task}
    lines = ["# Data coverage (python -m generator stats)", ""]
    header = ("document", "items", *[k.value for k in KIND_ORDER], "table rows", "targets", "unit records",
              "with lead/joint unit", "with theme", "quantity in text → with target")
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
    lines.append("| **all** | " + " | ".join(str(n) for n in totals) + " | | | |")
    lines += ["", "items: every measure, goal, safeguard and table row; unit records: printed units listed in "
              "responsibility clauses or cells; lead/joint share counts items other than goals."]
    distinct = {u.department.slug for m in index.measures for u in m.units}
    printed = {u.printed for m in index.measures for u in m.units}
    lines.append(f"distinct printed unit names: {len(printed)}; canonical departments used: {len(distinct)}; "
                 f"metrics with targets: {len(index.targets_by_metric)}")
    return "\n".join(lines)
