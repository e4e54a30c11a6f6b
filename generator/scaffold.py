"""`python -m generator new --district SLUG --id ID`: start a document file with every field
explained in Chinese comments, in the canonical layout, naming its JSON Schema."""
from __future__ import annotations

import re
from pathlib import Path

from generator.load import display_path, unknown_district
from generator.model import SLUG, District, DistrictRegistry
from generator.yamlio import read_data

TEMPLATE = """\
# yaml-language-server: $schema=../../schema/document.schema.json
# 新的政策文件。按原文逐项填写，写完运行 `python -m generator check`，改到没有报错为止。
# 每个字段的含义见网站的“数据字典”页；报错代码的解释见“编辑指南”。
# 凡是标注“原文”的字段，都必须与 site_data/sources/{doc_id}.txt 逐字一致（含全角/半角标点）。
id: {doc_id}                 # 文件编号 = 文件名，发布后不再更改
district: {district}         # 区县编号 = 所在目录名
title: TODO：方案本身的标题（原文）
short_title: TODO：表格和链接中用的简称
notice_title: null            # 印发通知的标题（原文）；没有印发通知时保留 null
doc_number: null              # 文号（原文），如 江津府办发〔2022〕57号；原文没有文号时保留 null
issuer: TODO：发文机关（原文）
kind: TODO：文件类型          # 行动方案 / 行动计划 / 实施方案 / 规划，照原文标题写其中之一
status: 印发                  # 印发 / 征求意见稿（征求意见稿还需填写 consultation）
dates:
  written: null               # 成文日期 YYYY-MM-DD；原文未写时保留 null
  published: null             # 发布日期 YYYY-MM-DD
  printed: []                 # 原文中日期的原样写法，如 "2022年4月16日"
policies: []                  # 贯彻落实或引用的上位政策，每项写 title、doc_number、relation（implements / cites）
source:
  file: {doc_id}.txt          # 逐字原文，保存在 site_data/sources/ 下
  url: ""                     # 原文网址（已知时填写）
  format_note: TODO：原文副本的来历与已知缺陷（网页、DOCX 导出、扫描件 OCR …）
attribution:
  method: printed             # printed：原文写明区县；inferred：推断得出，evidence 中引用依据
  evidence:
    - TODO：如何确认本文件属于该区县
last_verified: TODO：核对日期  # 逐条对照原文核对完后，写核对的日期 YYYY-MM-DD
outline:                      # 原文的各级标题，按原文顺序
  - id: s1
    number: 一、
    title: TODO：标题（原文）
    children: []
measures:                     # 每条措施、目标、保障措施、表格中的每一行，各为一条
  - id: m1                    # 条目编号，文件内唯一，发布后不再更改或复用
    kind: measure             # goal / measure / safeguard / indicator / project / task
    section: s1               # 所属标题的 id
    number: "1."              # 原文编号
    title: null               # 条目的首句或小标题（原文）；没有时保留 null
    text: TODO：条目全文（原文）
    responsibility:
      clause: null            # 责任单位整句（原文，含括号）
      lead: []                # 牵头单位（原文写法）
      support: []             # 配合单位（原文写法）
    themes: [todo]            # 一个或多个主题编号，见 site_data/themes.yaml
    targets: []               # 量化目标：metric、clause（原文）、value、unit、comparator、base_year、target_year …
"""


class ScaffoldRefused(Exception):
    """The scaffold was not written; the message says why and what to do."""


def _districts(data_root: Path) -> list[District]:
    try:
        path = data_root / "districts.yaml"
        registry = read_data(path.read_text(encoding="utf-8"), display_path(path))
        return DistrictRegistry.model_validate(registry).districts
    except (OSError, ValueError):  # pydantic's ValidationError and read_data's NotLoaded are ValueErrors
        raise ScaffoldRefused(f"{display_path(data_root / 'districts.yaml')}（区县名录）缺失或有错，无法确定区县；"
                              "先运行 `python -m generator check` 改正它列出的问题") from None


def scaffold(data_root: Path, district: str, doc_id: str) -> Path:
    """Write site_data/documents/<district>/<doc_id>.yaml; refuse an unknown district, a
    malformed id or an existing file. What `new` cannot know is a TODO marker, the document's kind
    and its check date too: nobody has checked anything yet."""
    if not re.fullmatch(SLUG, doc_id):
        raise ScaffoldRefused(f"`{doc_id}` 不是有效的编号\n    建议：只用小写字母、数字和单个连字符 `-`，如 jiangjin-2023-12")
    districts = _districts(data_root)
    if district not in {d.slug for d in districts}:
        message, hint = unknown_district(district, districts, display_path(data_root / "districts.yaml"), "--district ")
        raise ScaffoldRefused(f"{message}\n    建议：{hint}")
    path = data_root / "documents" / district / f"{doc_id}.yaml"
    if path.exists():
        raise ScaffoldRefused(f"{display_path(path)} 已经存在，没有写出任何内容\n"
                              f"    建议：新文件换一个编号（--id）；要从头重写 {doc_id} 时，先把原来的文件删去或改名"
                              "（它可能是已经核对过的内容，`git status` 可以看出它是否已经提交）")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(doc_id=doc_id, district=district)
    path.write_text(text, encoding="utf-8")
    return path
