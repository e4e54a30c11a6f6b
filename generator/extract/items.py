"""The outline and every numbered or bold-led item of the body text.

Numbering styles (half- or full-width alike): `第一章`, `一、`, `（一）`/`(一)` (OCR `(-)`),
`1.` / `1．` / `1 ,` / `1、`, and unnumbered paragraphs that open with a short lead sentence
(bold in the original, plain in a text copy). A numbered line that is only a short title is a
heading; one that goes on after its first sentence is an item with that sentence as its title.
A heading without numbered children holds its paragraphs as items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.clauses import Units, find_clause, parse_clause

CN = "一二三四五六七八九十"
STYLES = (  # (style, pattern); rank = position: a lower rank is a higher level
    ("chapter", re.compile(rf"^(第[{CN}]{{1,3}}[章部分]+)\s*")),
    ("cn", re.compile(rf"^([{CN}]{{1,3}}、)\s*")),
    ("paren", re.compile(rf"^([（(][{CN}\-]{{1,3}}[）)])\s*")),
    ("arabic", re.compile(r"^(\d{1,2}\s?[.．,，、](?!\d))\s*")),
)
RANK = {name: i for i, (name, _) in enumerate(STYLES)}
ANNEX = re.compile(r"^(附表\s*\d*|附件\s*\d*)[:：\s]*")
SKIPPED = re.compile(r"指导思想|基本原则|工作原则|现状|形势|发展基础|面临|机遇|挑战|工作成效|"
                     r"编制依据|规划范围|规划期限")
GOAL = re.compile(r"目标")
SAFEGUARD = re.compile(r"保障|组织实施|实施保障")
LEAD_SENTENCE = re.compile(r"^([^。；;：:]{2,32}?。)(?=\S)")
TITLE_MAX = 40
HEADER_CELLS = {"类别", "任务类别", "项目名称"}


@dataclass
class Heading:
    id: str
    number: str
    title: str
    style: str
    children: list[Heading] = field(default_factory=list)
    parent: Heading | None = None
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    def path_titles(self) -> list[str]:
        node: Heading | None = self
        out = []
        while node is not None:
            out.append(node.title)
            node = node.parent
        return out


@dataclass
class Item:
    kind: str
    section: str
    number: str
    title: str | None
    text: str
    units: Units = field(default_factory=Units)
    category: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)


def numbered(paragraph: str) -> tuple[str, str, str] | None:
    """(style, printed number, rest) when the paragraph opens with a number."""
    for style, pattern in STYLES:
        m = pattern.match(paragraph)
        if m and len(paragraph) > m.end():
            number = m.group(1)
            return style, number, paragraph[m.end():]
    return None


def _is_heading(style: str, rest: str) -> bool:
    if style in ("chapter", "cn"):
        return True
    lead = LEAD_SENTENCE.match(rest)
    if lead and len(rest) > len(lead.group(1)) + 2:
        return False  # `（一）指导思想。以…`: an item with a title
    return len(rest) <= TITLE_MAX and "，" not in rest and "," not in rest


def split_title(rest: str) -> tuple[str | None, str]:
    """`协同开发油气资源。助力…` → (`协同开发油气资源。`, `助力…`)."""
    lead = LEAD_SENTENCE.match(rest)
    if lead and not re.match(r"(到|至|力争)?20\d\d", rest):
        return lead.group(1), rest[lead.end():]
    return None, rest


@dataclass
class Body:
    outline: list[Heading]
    items: list[Item]
    tables: list[tuple[Heading, list[str]]]  # annex / table blocks, parsed by tables.py
    title_lines: list[str]  # paragraphs before the first heading


def parse_body(paragraphs: list[str]) -> Body:
    roots: list[Heading] = []
    stack: list[Heading] = []
    preamble: list[str] = []
    tables: list[tuple[Heading, list[str]]] = []
    counters: dict[str, int] = {}
    table_block: list[str] | None = None

    def new_id(parent: Heading | None, prefix: str = "s") -> str:
        key = parent.id if parent else prefix
        counters[key] = counters.get(key, 0) + 1
        return f"{parent.id}-{counters[key]}" if parent else f"{prefix}{counters[key]}"

    for para in paragraphs:
        annex = ANNEX.match(para)
        if annex and roots:
            rest = para[annex.end():].strip()
            # `附件区加快…任务清单类别重点任务…`: a run-on OCR stream continues into the table
            title = re.match(r"^.{4,60}?(清单|表|目录|项目库)", rest) if len(para) > 80 else None
            head = Heading(new_id(None, "annex-"), annex.group(1).strip(), (title.group(0) if title else rest) or para,
                           "annex")
            roots.append(head)
            stack = [head]
            table_block = [rest[title.end():]] if title else []
            tables.append((head, table_block))
            continue
        num = numbered(para)
        if table_block is not None and stack and stack[0].style != "annex":
            # a table inside the body ends at its note or at the next chapter
            if para.startswith(("备注", "注：", "注:")):
                table_block = None
                continue
            if not (num and num[0] in ("chapter", "cn")):
                table_block.append(para)
                continue
            table_block = None
        elif table_block is not None:
            table_block.append(para)
            continue
        if para == "序号" and stack:
            owner = stack[-1]
            caption = owner.paragraphs.pop() if owner.paragraphs and len(owner.paragraphs[-1]) <= 40 \
                and "。" not in owner.paragraphs[-1] else "表"
            while owner.paragraphs and owner.paragraphs[-1] in HEADER_CELLS:
                caption = owner.paragraphs.pop()
            head = Heading(f"{owner.id}-table", "", caption, "table", parent=owner)
            owner.children.append(head)
            table_block = [para]
            tables.append((head, table_block))
            continue
        num = numbered(para)
        if num and _is_heading(num[0], num[2]) and not (num[0] == "arabic" and not stack):
            style, number, rest = num
            while stack and RANK.get(stack[-1].style, -1) >= RANK[style]:
                stack.pop()
            parent = stack[-1] if stack else None
            head = Heading(new_id(parent), number.strip(), rest.strip(), style, parent=parent)
            (parent.children if parent else roots).append(head)
            stack.append(head)
            continue
        if not stack:
            preamble.append(para)
            continue
        stack[-1].paragraphs.append(para)
    items: list[Item] = []
    for root in roots:
        if root.style != "annex":
            _collect(root, items)
    return Body(roots, items, tables, preamble)


def _kind(head: Heading) -> str | None:
    titles = head.path_titles()
    if any(SKIPPED.search(t) for t in titles[:2]) and not any(GOAL.search(t) for t in titles):
        return None
    if SAFEGUARD.search(titles[-1]):
        return "safeguard"
    if any(GOAL.search(t) for t in titles) and not any(re.search(r"任务|措施", t) for t in titles[:1]):
        return "goal"
    return "measure"


def _collect(head: Heading, items: list[Item]) -> None:
    kind = _kind(head)
    numbered_paras = [p for p in head.paragraphs if numbered(p)]
    has_sub = bool(head.children)
    if kind is not None:
        for para in head.paragraphs:
            num = numbered(para)
            if num:
                item = _item(kind, head, num[1], num[2], numbered_title=True)
            elif has_sub or (numbered_paras and not num):
                continue  # an introduction before the sub-headings or numbered items
            elif len(head.paragraphs) == 1 and head.style not in ("chapter", "cn"):
                item = _item(kind, head, head.number, para, numbered_title=False)
                item.title = head.title
            else:
                item = _item(kind, head, "", para, numbered_title=True)
            if item.kind == "measure" and head.parent is None and item.title and GOAL.search(item.title):
                item.kind = "goal"  # `（一）工作目标。到2025年…` under 总体要求
            items.append(item)
            head.items.append(item)
    for child in head.children:
        _collect(child, items)


def _item(kind: str, head: Heading, number: str, rest: str, numbered_title: bool) -> Item:
    title, text = split_title(rest) if numbered_title else (None, rest)
    units = Units()
    clause = find_clause(text)
    if clause:
        text, bracket = clause
        units = parse_clause(bracket) or Units()
    return Item(kind, head.id, number.strip(), title, text.strip(), units)
