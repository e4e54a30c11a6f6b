"""The `extract` command: read a source, draft its YAML, print a summary (and --json records)."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from generator.diagnostics import render
from generator.districts import NamedElsewhere
from generator.extract.draft import Draft, Registries, build_draft, to_yaml
from generator.extract.read import ExtractError, read_source
from generator.load import display_path, todo_markers, unknown_district
from generator.model import ROLES, District, Slug
from generator.yamlio import NotLoaded, load_yaml

SHOWN_TODOS = 40  # the summary lists this many gaps; `check` lists every one


def records(draft: Draft) -> list[dict]:
    """The draft's items in the record layout of data/measures.json (fields a draft can fill)."""
    doc = draft.document
    out = []
    for m in doc["measures"]:
        r = m.get("responsibility") or {}
        record = {
            "id": f"{doc['id']}/{m['id']}", "document": doc["id"], "district": doc["district"],
            "district_name": None, "document_status": doc["status"], "kind": m["kind"], "number": m["number"],
            "category": m.get("category", ""), "title": _printed(m.get("title")) or None,
            "text": _printed(m["text"]), "text_reading": None,
        }
        for role in ROLES:
            record[role] = [{"printed": _printed(u), "reading": u["reading"] if isinstance(u, dict) else u,
                             "department": None, "department_name": None} for u in r.get(role, [])]
            record[f"{role}_etc"] = bool(r.get(f"{role}_etc"))
        record["themes"] = m["themes"]
        record["targets"] = [{"measure": record["id"], "district": doc["district"], "metric": t["metric"],
                              "value": t.get("value"), "unit": t.get("unit", ""), "comparator": t.get("comparator"),
                              "base_year": t.get("base_year"), "base_value": t.get("base_value"),
                              "target_year": t.get("target_year"), "nature": t.get("nature"),
                              "set_by_municipality": bool(t.get("set_by_municipality")),
                              "cumulative": bool(t.get("cumulative")), "clause": t["clause"], "clause_reading": None}
                             for t in m.get("targets", [])]
        record["url"] = None
        record["similar"] = []
        out.append(record)
    return out


def _printed(value) -> str:
    if isinstance(value, dict):
        return value["printed"]
    return value or ""


def _source_path(out: Path, doc_id: str) -> Path:
    """site_data/documents/<district>/<id>.yaml → site_data/sources/<id>.txt; elsewhere beside the YAML."""
    if out.parent.parent.name == "documents":
        return out.parent.parent.parent / "sources" / f"{doc_id}.txt"
    return out.with_name(f"{doc_id}.txt")


def _error(message: str, hint: str) -> None:
    """A problem with the command or its input, in the shape of the other errors."""
    print(f"错误：{message}\n    建议：{hint}", file=sys.stderr)


def wrong_district(named: NamedElsewhere, given: District, registry: str) -> tuple[str, str]:
    """The message and hint when the source names another district than --district."""
    message = (f"原文写的是{named.name}（{named.where}），不是 --district {given.slug}（{given.name}）：草稿会被归到"
               f"{given.name}名下，原文的单位也会被当作{given.name}的单位，没有起草")
    if named.registered:
        hint = f"是不是要写 `--district {named.slug}`（{named.name}）？核对原文后改正 --district 再运行"
    else:
        hint = (f"{named.name}还没有在 {registry} 中登记：先登记它（编号如 `{named.slug}`，见编辑指南“登记新区县”），"
                f"再用 `--district {named.slug}` 运行")
    return message, hint + f"；原文确是{given.name}的文件、只是印错了区县名时，照编辑指南手写 YAML，并在 attribution 中写明依据"


def extract_command(source: Path, district: str, doc_id: str | None, out: Path | None, as_json: bool,
                    data_root: Path, layout: Callable[[str, Path | None], str] = lambda text, out: text,
                    force: bool = False) -> int:
    """Draft a document from ``source``; ``layout`` gives the YAML its final layout (the command
    line passes `fmt`'s, so a draft needs no formatting). With ``out`` it writes the draft and the
    source text, but never over a file that exists (an editor's checked work) unless ``force``."""
    if out is not None and out.suffix == ".yaml":  # `check` wants a document's file named by its id
        if doc_id is not None and doc_id != out.stem:
            _error(f"--id {doc_id} 与 --out 的文件名 {out.name} 不一致，检查要求文件名就是文件编号",
                   f"去掉 --id（编号取自 --out 的文件名），或把 --out 改成 {out.with_name(doc_id + '.yaml')}")
            return 2
        doc_id = out.stem
    if doc_id is not None:
        try:
            TypeAdapter(Slug).validate_python(doc_id)  # as `check` validates a document's id
        except ValidationError:
            what = f"--out 的文件名 {out.name}" if out is not None and doc_id == out.stem else f"编号 `{doc_id}`"
            _error(f"{what} 不能用作文件编号", "只用小写字母、数字和单个连字符 `-`，如 `rongchang-2022-15`")
            return 2
    if not (data_root / "districts.yaml").is_file():
        _error(f"{data_root} 中没有 districts.yaml，不是数据文件夹", "在仓库的根目录下运行命令，或用 --data 指定数据文件夹")
        return 2
    try:
        registries = Registries.load(data_root)
    except (OSError, ValueError, yaml.YAMLError) as exc:  # pydantic's ValidationError is a ValueError
        if isinstance(exc, NotLoaded):  # as `check` says it: the file, line and column
            print(render(exc.diagnostics), file=sys.stderr)
        _error(f"{data_root} 中的名录文件（districts、departments、metrics、themes）有错，无法起草",
               "先运行 `python -m generator check` 改正它列出的问题")
        return 1
    districts = {d.slug: d for d in registries.districts}
    if district not in districts:
        _error(*unknown_district(district, registries.districts, display_path(data_root / "districts.yaml"), "--district "))
        return 2
    try:
        text = read_source(source)
    except ExtractError as exc:
        _error(exc.message, exc.hint)
        return exc.exit_code
    draft = build_draft(text, districts[district], doc_id, registries)
    if draft.elsewhere is not None:  # filed under the wrong district, its units would be read as that district's
        _error(*wrong_district(draft.elsewhere, districts[district], display_path(data_root / "districts.yaml")))
        return 2
    if not draft.document["measures"]:
        _error(f"{source} 中没有认出任何带编号的条目、标题或表格行",
               "这可能不是一份政策文件，或者它的编号方式 extract 还不认识；请按编辑指南手写 YAML")
        return 1
    if out is not None and not force:
        existing = [path for path in (out, _source_path(out, draft.document["id"])) if path.exists()]
        if existing:
            _error(f"{'、'.join(map(str, existing))} 已经存在，没有写出任何内容（已有的文件可能是核对过的数据）",
                   "换一个 --out 文件名或 --id；确实要用新草稿替换它时，加上 --force")
            return 2
    yaml_text = layout(to_yaml(draft.document), out)
    if as_json:
        print(json.dumps(records(draft), ensure_ascii=False, indent=1))
    elif out is None:
        print(yaml_text, end="")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml_text, encoding="utf-8")
        src = _source_path(out, draft.document["id"])
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(text.text, encoding="utf-8")
    summary = [f"extract：{source}（{text.format}）→ {out or '标准输出'}", "  找到了：", *(f"    - {f}" for f in draft.found)]
    if out is not None:
        summary.append(f"  原文已写到 {_source_path(out, draft.document['id'])}")
    summary += gap_lines(draft, _markers(yaml_text))
    summary += registrations(draft)
    print("\n".join(summary), file=sys.stderr)
    return 0


def gap_lines(draft: Draft, markers: dict[tuple, tuple[int, int]]) -> list[str]:
    """The summary's lines for what the draft leaves to the editor. The count is the draft's TODO
    markers, each of which `check` lists as a warning[todo]: every marker is explained by exactly
    one line (a line standing for several says how many), so the lines add up to the count. What
    an editor should look at but carries no marker is listed apart, as `check` will not list it."""
    left = dict(markers)
    lines: list[tuple[tuple[int, int], str, int]] = []  # (where the first marker is, text, markers)
    apart: list[str] = []
    for gap in draft.gaps:
        mine = [loc for loc in gap.locs if loc in left]
        if not mine:
            apart.append(gap.text)
            continue
        lines.append((min(left[loc] for loc in mine), gap.text, len(mine)))
        for loc in mine:
            del left[loc]
    for loc, at in left.items():  # a marker no gap explains: named by its record and field
        lines.append((at, f"{_field_name(draft.document, loc)} 待填", 1))
    lines.sort()
    out = [f"  没能填写（{len(markers)} 处 TODO，就是 `python -m generator check` 列出位置的 {len(markers)} 条提醒[todo]；"
           "一行说明几处时在行首写明）："]
    out += [f"    - {'' if n == 1 else f'（{n} 处）'}{text}" for _, text, n in lines[:SHOWN_TODOS]]
    if len(lines) > SHOWN_TODOS:
        rest = lines[SHOWN_TODOS:]
        out.append(f"    …… 另有 {len(rest)} 行，共 {sum(n for *_, n in rest)} 处 TODO（`check` 会逐一列出）")
    if apart:
        out.append("  另请核对（草稿中没有 TODO 标记，`check` 不会提醒）：")
        out += [f"    - {text}" for text in apart]
    return out


def _field_name(doc: dict, loc: tuple) -> str:
    """`条目 m4：字段 note` for a marker's data path."""
    if len(loc) > 2 and loc[0] == "measures" and isinstance(loc[1], int):
        return f"条目 {doc['measures'][loc[1]]['id']}：字段 `{'.'.join(map(str, loc[2:]))}`"
    return f"字段 `{'.'.join(map(str, loc))}`"


def registrations(draft: Draft) -> list[str]:
    """The summary's lines for the printed units to register in site_data/departments.yaml: what
    each is, and the lines to add there (in that file's layout)."""
    if not draft.new_units or draft.finder is None:
        return []
    district = draft.new_units[0].district
    printed = sum(len(draft.unit_places.get(unit.name, [])) for unit in draft.new_units)
    lines = [f"  要登记的单位（{len(draft.new_units)} 个，草稿中印出 {printed} 处）：草稿照录原文写法；按下面各项改好 "
             f"site_data/departments.yaml，{district.name}的文件才能用这些写法（登记之前 `check` 对这 {printed} 处报错误 "
             "unknown-department 或 unit-wrong-district）"]
    slugs = draft.finder.slugs
    for unit in draft.new_units:
        places = draft.unit_places.get(unit.name, [])
        lines.append(f"    - {unit.advice()}" + (f"（{'、'.join(dict.fromkeys(places))}，{len(places)} 处）" if places else "")
                     + ("；整项替换为：" if unit.shared else "；加在 departments: 末尾："))
        snippet = unit.snippet(slugs, draft.finder.mentions)
        lines += [f"      {line}" for line in snippet]
        slugs.add(snippet[0].removeprefix("  - slug: "))
    return lines


def _markers(yaml_text: str) -> dict[tuple, tuple[int, int]]:
    """The TODO markers of the draft as `check` finds them (so the summary counts what it lists)."""
    loaded, _ = load_yaml(yaml_text, "draft.yaml")
    return todo_markers(loaded) if loaded is not None else {}


def compare_command(data_root: Path) -> int:
    from generator.extract.compare import compare_corpus, table

    try:
        scores = compare_corpus(data_root)
    except NotLoaded as exc:
        print(render(exc.diagnostics), file=sys.stderr)
        _error("数据文件有错，无法比较", "先运行 `python -m generator check` 改正它列出的问题")
        return 1
    print(table(scores))
    return 0
