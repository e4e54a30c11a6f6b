"""The data dictionary, generated from the models' field descriptions and the rules'
docstrings, so it can never forget a field or a rule."""
from __future__ import annotations

import inspect
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from generator import model as m
from generator.index import SiteIndex
from generator.pages.common import Page
from generator.rules import RULE_STATEMENTS, RULES

# Models in the order an editor meets them.
DOCUMENTED: tuple[tuple[str, type[BaseModel]], ...] = (
    ("政策文件（documents/<区县>/<编号>.yaml）", m.Document),
    ("日期 dates", m.Dates),
    ("征求意见 consultation", m.Consultation),
    ("定稿 consultation.final", m.FinalVersion),
    ("相关政策 policies", m.CitedPolicy),
    ("来源 source", m.SourceInfo),
    ("地区认定 attribution", m.Attribution),
    ("大纲 outline", m.Section),
    ("条目 measures", m.Measure),
    ("责任单位 responsibility", m.Responsibility),
    ("量化目标 targets", m.Target),
    ("不是目标的数 not_targets", m.NotTarget),
    ("重点项目 project", m.Project),
    ("项目投资 investment", m.Investment),
    ("项目合计 project_total", m.ProjectTotal),
    ("受损文字 printed/reading", m.Reading),
    *((spec.heading, spec.item) for spec in m.REGISTRIES),
)


# A nested mapping's type is named by its section heading above (映射：日期 dates).
MODEL_NAMES: dict[type[BaseModel], str] = {model: heading for heading, model in DOCUMENTED}


@dataclass(frozen=True, slots=True)
class FieldRow:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class ModelDoc:
    heading: str
    anchor: str
    summary: str
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True, slots=True)
class RuleDoc:
    text: str  # the rule in Chinese, as an editor reads it


@dataclass(frozen=True, slots=True)
class DictionaryPage:
    models: tuple[ModelDoc, ...]
    rules: tuple[RuleDoc, ...]


def type_name(annotation) -> str:
    """A short, editor-readable name for a field's type."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (list, tuple):
        return f"列表（{type_name(args[0])}）"
    if origin is typing.Union or origin is types.UnionType:
        names = [type_name(a) for a in args if a is not type(None)]
        if set(names) == {"文本", "受损文字（printed/reading）"}:
            names = ["文本或受损文字（printed/reading）"]
        return " 或 ".join(dict.fromkeys(names)) + ("（可为 null）" if type(None) in args else "")
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin is typing.Literal:
        return "取值：" + " / ".join(str(a) for a in args)
    if inspect.isclass(annotation):
        if issubclass(annotation, BaseModel):
            return "受损文字（printed/reading）" if annotation is m.Reading else "映射：" + MODEL_NAMES.get(annotation, "字段组")
        if issubclass(annotation, m.Enum):
            return "取值：" + " / ".join(e.value for e in annotation)
        return {str: "文本", int: "整数", bool: "布尔值 true/false"}.get(annotation, "日期" if annotation.__name__ == "date" else annotation.__name__)
    return str(annotation)


def model_doc(heading: str, model: type[BaseModel]) -> ModelDoc:
    rows = tuple(
        FieldRow(name, type_name(field.annotation), field.is_required(), field.description or "")
        for name, field in model.model_fields.items()
    )
    return ModelDoc(heading, model.__name__.lower(), inspect.getdoc(model) or "", rows)


def pages(index: SiteIndex) -> list[Page]:
    context = DictionaryPage(
        tuple(model_doc(h, cls) for h, cls in DOCUMENTED),
        tuple(RuleDoc(RULE_STATEMENTS[r]) for r in RULES),
    )
    return [Page("data-dictionary.md", "dictionary.md.j2", context)]
