"""Flattened tables: one cell per line (a web page or DOCX export), or one run-on OCR stream.

A row starts at the next sequence number (1, 2, 3 …); empty cells have vanished, so cells are
told apart by what they hold: a unit list, a period `2021-2025`, an amount, 约束性/预期性, a value
such as `70` / `20%` / `市级下达`, or text. Headers repeated on each page are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.clauses import Units, unit_list
from generator.extract.items import Item
from generator.model import GAP

HEADER_WORDS = {"序号", "类别", "任务类别", "重点任务", "项目名称", "项目内容", "完成时限", "投资",
                "(万元)", "（万元）",
                "上级资金", "区级财政投资", "社会投资", "牵头单位", "牵头部门", "配合部门", "配合单位", "责任单位",
                "责任部门", "具体指标", "指标", "指标名称", "指标性质", "备注", "2020", "2025", "2020年", "2025年",
                "基期值", "目标值", "单位"}
PERIOD = re.compile(r"^(20\d\d)\s*[-－—~至]\s*(20\d\d)年?$")
AMOUNT = re.compile(r"^\d+(?:\.\d+)?$")
VALUE = re.compile(r"^(?:[\[【]?\d+(?:\.\d+)?[\]】]?%?|-|—|市级下达|市下达)$")
NATURE = {"约束性", "预期性"}


@dataclass
class Table:
    kind: str  # indicator | project | task
    header: list[str]
    rows: list[tuple[str, list[str]]] = field(default_factory=list)  # (number, cells)
    categories: dict[str, str] = field(default_factory=dict)  # row number → category in force
    total: list[str] | None = None


def table_kind(header: list[str]) -> str:
    if "指标性质" in header or "具体指标" in header or "指标名称" in header:
        return "indicator"
    if "项目名称" in header or "完成时限" in header:
        return "project"
    return "task"


def split_rows(cells: list[str]) -> Table | None:
    """Group flattened cells into numbered rows; None when no header with 序号 is found."""
    try:
        start = next(i for i, c in enumerate(cells[:20]) if c == "序号")
    except StopIteration:
        return None
    header = []
    i = start
    while i < len(cells) and (cells[i] in HEADER_WORDS or cells[i].startswith(("投资", "("))):
        header.append(cells[i])
        i += 1
    table = Table(table_kind(header), header)
    expected = 1
    current: list[str] | None = None
    category = ""
    pending: list[str] = []
    for cell in cells[i:]:
        if cell == str(expected):
            if current is not None:
                table.rows.append((str(expected - 1), current))
            current = []
            expected += 1
            table.categories[str(expected - 1)] = category
            if pending and table.kind == "indicator":
                table.categories[str(expected - 1)] = category = pending[-1]
            pending = []
            continue
        if cell in HEADER_WORDS:
            continue  # a header repeated on a new page
        if re.fullmatch(r"合\s*计", cell):
            if current is not None:
                table.rows.append((str(expected - 1), current))
            current = None
            table.total = []
            continue
        if table.total is not None:
            table.total.append(cell)
            continue
        if cell.startswith(("备注", "注：", "注:")):
            break
        if current is None:
            pending.append(cell)  # a category row before the first numbered row
            category = cell
            continue
        if table.kind == "indicator" and not VALUE.match(cell) and cell not in NATURE and unit_list(cell) is None \
                and current and (cell.endswith("指标") and len(cell) <= 8):
            pending.append(cell)  # the category of the rows that follow
            continue
        current.append(cell)
    if current is not None:
        table.rows.append((str(expected - 1), current))
    return table


def _units(cells: list[str], two_columns: bool) -> Units:
    units = Units()
    lists = [u for u in (unit_list(c) for c in cells) if u]
    if not lists:
        return units
    if two_columns:
        units.lead, units.lead_etc = lists[0]
        if len(lists) > 1:
            units.support, units.support_etc = lists[1]
    else:
        units.joint, units.joint_etc = lists[0]
    return units


def table_items(table: Table, section: str) -> list[Item]:
    two = any(h.startswith("牵头") for h in table.header)
    items: list[Item] = []
    category = ""
    for number, cells in table.rows:
        texts = [c for c in cells if unit_list(c) is None and not VALUE.match(c) and c not in NATURE
                 and not PERIOD.match(c) and not AMOUNT.match(c)]
        if table.kind == "indicator":
            if not texts:
                continue
            values = [c for c in cells[1:] if VALUE.match(c)]
            nature = next((c for c in cells if c in NATURE), None)
            item = Item("indicator", section, number, None, cells[0], _units(cells, True),
                        category=table.categories.get(number, ""))
            item.extra = {"values": values, "nature": nature, "row": cells}
            items.append(item)
            continue
        if table.kind == "project":
            period = next((c for c in cells if PERIOD.match(c)), None)
            at = cells.index(period) if period else len(cells)
            before = [c for c in cells[:at] if unit_list(c) is None]
            amounts = [c for c in cells[at + 1:] if AMOUNT.match(c)]
            if len(before) >= 3:
                category = before[-3]
            name = before[-2] if len(before) >= 2 else ""
            text = before[-1] if before else ""
            item = Item("project", section, number, None, text, _units(cells[at + 1:], True), category=category)
            item.extra = {"name": name, "period": period, "amounts": amounts}
            items.append(item)
            continue
        if not texts:
            continue
        if len(texts) >= 2:
            category = texts[-2]
        item = Item("task", section, number, None, texts[-1], _units(cells, two), category=category)
        items.append(item)
    return items


# ---------------------------------------------------------------- run-on OCR tables

_UNIT_RUN = re.compile(r"((?:区|人行|国网|各)[\u4e00-\u9fff（）()]{1,20}?"
                       r"(?:委|局|办|中心|支行|分局|公司|社|部|院|会|联|镇街|街道)"
                       r"(?:、(?:区|人行|国网|各)?[\u4e00-\u9fff（）()]{1,20}?(?:委|局|办|中心|支行|分局|公司|社|部|院|会|联|镇街|街道))*)$")
_ROW_CATEGORY = re.compile(r"[（(][一二三四五六七八九十-]{1,3}[）)][^0-9。]{2,24}?[。Q]?$")
_ROW_HEADING = re.compile(r"(?:…)?[一二三四五六七八九十]{1,3}、[^0-9。]{2,40}?$")
_REPEATED_HEADER = re.compile(r"(?:类\S{0,3}|\S)\s*重点任务\s*责\S?单位")
# what follows a row's last full stop when it is a unit cell, OCR damage and all (`区经济言息委、区生态环旗`)
_TRAILING_UNITS = re.compile(r"(?<=[。；;])((?:区|人行|市|国网|全区|各)[^。；;，,“”]{1,80})$")


def _embedded_units(aliases: list[str]) -> re.Pattern[str] | None:
    """Known unit names in a row, one after another: OCR set the unit cell inside the task text."""
    names = [a for a in sorted(aliases, key=len, reverse=True) if a.startswith("区") and len(a) >= 4]
    if not names:
        return None
    one = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?:{one})(?:、(?:{one}))*")


def stream_items(block: str, section: str, aliases: list[str] | None = None) -> list[Item]:
    """Rows of a table that OCR flattened into one stream: `1任务文字。区甲局、区乙委2任务…`."""
    block = _REPEATED_HEADER.sub(GAP, block)
    embedded = _embedded_units(aliases or [])
    items: list[Item] = []
    expected = 1
    pos = 0
    starts: list[tuple[int, int, int]] = []  # (number, start of number, start of text)
    while True:
        m = re.compile(rf"(?<!\d){expected}(?=[\u4e00-\u9fff“])").search(block, pos)
        if not m:
            break
        starts.append((expected, m.start(), m.end()))
        pos = m.end()
        expected += 1
    category = ""
    for k, (number, _, text_start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(block)
        row = block[text_start:end].strip(" " + GAP)
        next_category = _ROW_CATEGORY.search(row)
        if next_category:
            row = row[:next_category.start()].rstrip(" " + GAP)
        heading = _ROW_HEADING.search(row)
        if heading:
            row = row[:heading.start()].rstrip(" " + GAP)
        units = Units()
        run = _UNIT_RUN.search(row) or _TRAILING_UNITS.search(row)
        inside = embedded.search(row) if embedded and not run else None
        if run and run.start() > 0:
            names = [n.strip(" " + GAP) for n in run.group(1).split("、") if n.strip(" " + GAP)]
            units.joint = names
            row = row[:run.start()]
        elif inside and inside.start() > 0:
            units.joint = inside.group(0).split("、")
            row = row[:inside.start()] + GAP + row[inside.end():]  # the text goes on after the cell
        row = row.strip(" " + GAP)
        if row:
            items.append(Item("task", section, str(number), None, row, units, category=category))
        if next_category:
            category = next_category.group(0)
    return items
