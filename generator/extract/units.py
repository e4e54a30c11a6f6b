"""Responsibility brackets → lead, supporting and joint units, each resolved to a department.

Styles met in the documents (half- or full-width punctuation alike):
  (牵头单位:A;配合单位:B、C)   (牵头单位：A，责任单位：B、C等，各镇街)   （A、B牵头）
  （A牵头，B、C等配合）   （A、B等按职责分工负责）   （A负责）   （A，B、C等按职责分工负责）
  and table cells holding a unit list (牵头部门 / 配合部门 / 责任单位 columns).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from generator.model import Department, UnitNames

LABELS = re.compile(r"(牵头单位|牵头部门|配合单位|配合部门|责任单位|责任部门|协办单位|参与单位)\s*[:：]")
LEAD_LABELS = ("牵头单位", "牵头部门")
ROLE_END = re.compile(r"(等)?(牵头|配合|协同|参与|按职责分工负责|按职责分工落实|分工负责|负责)$")
LIST_SEP = re.compile(r"[、，,；;]")
# a printed unit name: how bodies' names end (for finding unit lists in table cells and run-on rows)
UNIT_END = (r"(?:委员会|委|局|办公室|办|中心|中心支行|支行|分局|分公司|公司|管委会|部|院|会|社|队|所|站|"
            r"街道|镇街|镇|组|联|科协)")
UNIT_NAME = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}" + UNIT_END + r"(?:成员单位)?$")


@dataclass
class Units:
    clause: str | None = None
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    joint: list[str] = field(default_factory=list)
    lead_etc: bool = False
    support_etc: bool = False
    joint_etc: bool = False

    def empty(self) -> bool:
        return not (self.lead or self.support or self.joint)


def _names(text: str) -> tuple[list[str], bool]:
    """Split a printed list `A、B、C等` into names; report a closing 等."""
    text = text.strip(" 　:：")
    etc = False
    if text.endswith("等"):
        text, etc = text[:-1], True
    names = [n.strip(" 　") for n in LIST_SEP.split(text) if n.strip(" 　")]
    if names and names[0].startswith("由") and len(names[0]) > 3:  # `由A牵头`
        names[0] = names[0][1:]
    return names, etc


def find_clause(paragraph: str) -> tuple[str, str] | None:
    """Split a paragraph into (text before, trailing bracket) when it ends in a responsibility bracket."""
    body = paragraph.rstrip(" 　。.")
    if not body.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        ch = body[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                clause = paragraph[i:len(body)]
                if parse_clause(clause) is None:
                    return None
                return paragraph[:i].rstrip(" 　"), clause
    return None


def parse_clause(clause: str) -> Units | None:
    """Lead, supporting and joint units of one bracket; None when it is not a responsibility clause."""
    inner = clause.strip()[1:-1].strip()
    units = Units(clause=clause)
    if LABELS.search(inner):
        parts = LABELS.split(inner)
        for label, body in zip(parts[1::2], parts[2::2], strict=True):
            names, etc = _names(body)
            if label in LEAD_LABELS:
                units.lead += names
                units.lead_etc = units.lead_etc or etc
            else:
                units.support += names
                units.support_etc = etc
        return None if units.empty() else units
    if not re.search(r"牵头|配合|负责|协同|参与", inner):
        return None
    pending: list[str] = []
    pending_etc = False
    # `A牵头、B、C等配合`: a role word inside a list still closes the segment
    for segment in re.split(r"[，,；;]|(?<=牵头)、", inner):
        segment = segment.strip()
        if not segment:
            continue
        m = ROLE_END.search(segment)
        names, _ = _names(segment[:m.start()] if m else segment)
        if not m:
            pending += names
            continue
        etc = bool(m.group(1))
        role = m.group(2)
        names = pending + names
        pending = []
        if role == "牵头":
            units.lead += names
            units.lead_etc = etc
        elif role in ("配合", "协同", "参与") or units.lead:
            units.support += names
            units.support_etc = etc or pending_etc
        else:
            units.joint += names
            units.joint_etc = etc
    if pending:
        units.joint += pending
    if not all(UNIT_NAME.match(n) or len(n) <= 12 for n in units.lead + units.support + units.joint):
        return None
    return None if units.empty() else units


def unit_list(cell: str) -> tuple[list[str], bool] | None:
    """A table cell that is a list of units (`区发展改革委、区经济信息委等`), else None."""
    names, etc = _names(cell)
    if names and all(UNIT_NAME.match(n) for n in names):
        return names, etc
    return None


class DepartmentFinder:
    """Printed unit → department in a document of one district (model.UnitNames: that district's
    own departments first, else the district-less ones): exact alias first, else the nearest alias
    with its score."""

    def __init__(self, unit_names: UnitNames, district: str):
        self.by_alias = unit_names.known(district)
        self.aliases = sorted(self.by_alias)

    def exact(self, name: str) -> Department | None:
        return self.by_alias.get(name)

    def nearest(self, name: str) -> tuple[str, Department, float] | None:
        # always the nearest, however far: the score in the draft tells the editor how much to doubt it
        found = process.extractOne(name, self.aliases, scorer=fuzz.WRatio)
        if found is None:
            return None
        return found[0], self.by_alias[found[0]], round(found[1], 1)
