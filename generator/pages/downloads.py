"""Machine-readable downloads (data/measures.json, data/targets.json) and the page that documents them."""
from __future__ import annotations

import json
from dataclasses import dataclass

from generator.index import ROLES, MeasureEntry, SiteIndex
from generator.model import printed, reading
from generator.pages.common import Page, value_text

MEASURES_FILE = "data/measures.json"
TARGETS_FILE = "data/targets.json"


@dataclass(frozen=True)
class FieldDoc:
    name: str
    meaning: str


MEASURE_FIELDS = (
    FieldDoc("id", "全站唯一且稳定的条目编号：“文件编号/条目编号”，如 jiangjin-2022-57/m10"),
    FieldDoc("document", "文件编号"),
    FieldDoc("district", "区县拼音编号"),
    FieldDoc("district_name", "区县名称"),
    FieldDoc("document_status", "印发 或 征求意见稿"),
    FieldDoc("kind", "goal 目标 / measure 措施 / safeguard 保障措施 / indicator 指标表行 / project 重点项目 / task 任务表行"),
    FieldDoc("number", "原文编号"),
    FieldDoc("category", "表格行所属类别（原文）"),
    FieldDoc("title", "原文标题句（无则为 null）"),
    FieldDoc("text", "原文逐字正文"),
    FieldDoc("text_reading", "原文受损时的识读文本（否则为 null）"),
    FieldDoc("lead / support / joint", "牵头 / 配合 / 分工负责单位：每项含 printed（原文写法）、reading（识读）、department（规范部门编号）、department_name"),
    FieldDoc("lead_etc / support_etc / joint_etc", "该名单是否以“等”结尾"),
    FieldDoc("themes", "主题编号列表"),
    FieldDoc("targets", "量化目标，字段同 targets.json"),
    FieldDoc("url", "条目在本站的地址（相对站点根目录）"),
    FieldDoc("similar", "其他区县最相似条目的 id，按相似度排序"),
)

TARGET_FIELDS = (
    FieldDoc("measure", "所属条目 id"),
    FieldDoc("district", "区县拼音编号"),
    FieldDoc("metric / metric_name", "指标编号与名称"),
    FieldDoc("value", "目标值（字符串形式的十进制数；市级下达时为 null）"),
    FieldDoc("value_text", "可读形式，如“≥16%”“市级下达”"),
    FieldDoc("unit / comparator", "单位；比较符 ≥ > = ≤ <"),
    FieldDoc("base_year / base_value / target_year", "基年、基年值、目标年"),
    FieldDoc("nature", "约束性 / 预期性 / null"),
    FieldDoc("set_by_municipality / cumulative", "是否市级下达；是否期间累计"),
    FieldDoc("clause / clause_reading", "目标所出自的原文（表格单元以 … 连接）及识读"),
)


@dataclass(frozen=True)
class DataPage:
    measures_file: str
    targets_file: str
    measure_count: int
    target_count: int
    measure_fields: tuple[FieldDoc, ...]
    target_fields: tuple[FieldDoc, ...]


def target_record(te) -> dict:
    t = te.target
    return {
        "measure": te.measure_key,
        "district": te.district.slug,
        "metric": te.metric.slug,
        "metric_name": te.metric.name,
        "value": t.value,
        "value_text": value_text(t),
        "unit": t.unit,
        "comparator": t.comparator.value,
        "base_year": t.base_year,
        "base_value": t.base_value,
        "target_year": t.target_year,
        "nature": t.nature,
        "set_by_municipality": t.set_by_municipality,
        "cumulative": t.cumulative,
        "clause": printed(t.clause),
        "clause_reading": reading(t.clause) if reading(t.clause) != printed(t.clause) else None,
    }


def measure_record(index: SiteIndex, me: MeasureEntry) -> dict:
    m = me.measure
    record = {
        "id": me.key,
        "document": me.document.id,
        "district": me.district.slug,
        "district_name": me.district.name,
        "document_status": me.document.document.status.value,
        "kind": m.kind.value,
        "number": m.number,
        "category": m.category,
        "title": printed(m.title) if m.title is not None else None,
        "text": printed(m.text),
        "text_reading": reading(m.text) if reading(m.text) != printed(m.text) else None,
    }
    for role in ROLES:
        record[role] = [{"printed": u.printed, "reading": u.reading, "department": u.department.slug,
                         "department_name": u.department.name} for u in me.units_in(role)]
        record[f"{role}_etc"] = getattr(m.responsibility, f"{role}_etc")
    record["themes"] = [t.slug for t in me.themes]
    record["targets"] = [target_record(te) for te in me.targets]
    record["url"] = me.url.site_path
    record["similar"] = [s.other for s in index.similar.get(me.key, ())]
    return record


def files(index: SiteIndex) -> dict[str, str]:
    """The JSON downloads, serialised deterministically."""
    measures = [measure_record(index, me) for me in index.measures]
    targets = [target_record(te) for me in index.measures for te in me.targets]

    def dump(obj) -> str:
        return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    return {MEASURES_FILE: dump(measures), TARGETS_FILE: dump(targets)}


def pages(index: SiteIndex) -> list[Page]:
    context = DataPage(MEASURES_FILE, TARGETS_FILE, len(index.measures),
                       sum(len(m.targets) for m in index.measures), MEASURE_FIELDS, TARGET_FIELDS)
    return [Page("data.md", "data.md.j2", context)]
