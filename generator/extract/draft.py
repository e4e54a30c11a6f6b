"""Assemble the draft Document mapping from the parts, with a TODO wherever a value is unknown.

A TODO is either text starting with `TODO` (free-text fields, notes) or the slug `todo` (themes,
metrics, a cited plan's relation); `check` reports each as a warning[todo] and `build` refuses a
file that still has one. A guess is never a final value: every theme list opens with `todo`
(`[todo, energy, industry]`: the keyword suggestions stay as a starting point) and a relation is
`todo` with the guess said in the summary. So is a value no printed word says: a target's comparator
where no word next to its value says it (`comparator: todo`, the guess = said in the summary), and the
document's kind, status and written date where the title, the notice and the signature do not say
them (`TODO: 猜是 …`, with the reason). Where the printed words do say them, the value is filled and
the summary names the words. Each Gap records the markers it stands for, so the summary's count is
the count `check` lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.clauses import Units
from generator.districts import NamedElsewhere, named_elsewhere
from generator.extract.clean import split_paragraphs
from generator.extract.items import Heading, Item, parse_body
from generator.extract.metadata import Metadata, Reading, find_metadata
from generator.extract.read import SourceText
from generator.extract.tables import split_rows, stream_items, table_items
from generator.extract.targets import DraftTarget, MetricFinder, find_targets
from generator.extract.themes import SAFEGUARD_THEME, suggest_themes
from generator.index import KIND_LABELS
from generator.load import display_path
from generator.model import GAP, ROLES, DepartmentRegistry, District, MeasureKind, MetricRegistry, ThemeRegistry, UnitNames
from generator.rules import disagreeing_targets, printed_years
from generator.unit_finder import DepartmentFinder, NewUnit
from generator.yamlio import read_data

TODO_SLUG = "todo"
THEMES_GUESSED = "主题是按关键词猜的，逐条核对后删去 todo"  # said once in the summary, not once per item
COMPARATOR_GUESSED = ("比较符（comparator）：这些目标的数值前后没有「以上」「不低于」「以内」「超过」「达到」一类的字样，草稿写 todo，"
                      "按“单纯数值写 =”猜的是 =；对照原文逐个改成 ≥、>、=、≤、< 之一（以上、不低于、不少于 写 ≥；超过、突破 写 >；"
                      "以内、不超过、控制在 写 ≤；达到或单纯数值写 =；符号加引号，如 comparator: \"=\"）")
KIND_IDS = {"goal": "goal", "measure": "m", "safeguard": "safeguard", "indicator": "indicator",
            "project": "project", "task": "task"}


@dataclass
class Registries:
    districts: list[District]
    departments: UnitNames  # a draft resolves unit names in its district (DepartmentFinder)
    metrics: MetricFinder
    themes: ThemeRegistry

    @classmethod
    def load(cls, data_root: Path) -> Registries:
        from generator.model import DistrictRegistry

        def read(name: str, model):
            path = data_root / name  # read as `check` reads it (no RecursionError on deep nesting)
            return model.model_validate(read_data(path.read_text(encoding="utf-8"), display_path(path)))

        return cls(read("districts.yaml", DistrictRegistry).districts,
                   UnitNames(read("departments.yaml", DepartmentRegistry).departments),
                   MetricFinder(read("metrics.yaml", MetricRegistry).metrics),
                   read("themes.yaml", ThemeRegistry))


Loc = tuple  # a value's data path in the draft, as `check` names a TODO marker (load.todo_markers)


@dataclass
class Gap:
    """One thing the editor must do, in editors' words, and the TODO markers of the draft it
    stands for (none: something to look at that `check` will not point to)."""

    text: str
    locs: list[Loc] = field(default_factory=list)


@dataclass
class Draft:
    document: dict
    items: list[Item]
    gaps: list[Gap] = field(default_factory=list)  # what could not be filled or was guessed
    found: list[str] = field(default_factory=list)  # what was found
    new_units: list[NewUnit] = field(default_factory=list)  # printed units to register in departments.yaml
    finder: DepartmentFinder | None = None  # how the units were read (for the registration snippets)
    unit_places: dict[str, list[str]] = field(default_factory=dict)  # each new unit's printed name: where (`条目 m4`)
    elsewhere: NamedElsewhere | None = None  # the district the source names instead of the one given (extract refuses)

    @property
    def todos(self) -> list[str]:
        return [g.text for g in self.gaps]


def _horizon(meta: Metadata, text: str) -> int | None:
    years = re.findall(r"[－\-—~至](20\d\d)年?[）)]", meta.title or "")
    if years:
        return int(years[-1])
    if "十四五" in (meta.title or "") or "十四五" in text[:5000]:
        return 2025
    found = re.findall(r"到(20\d\d)年", text)
    return int(found[0]) if found else None


@dataclass
class UnitGaps:
    """What the units of a draft leave to the editor: the gaps listed in the summary, the bodies
    to register in departments.yaml (by printed name), and per item the notes it carries."""

    finder: DepartmentFinder
    gaps: list[Gap]
    new_units: dict[str, NewUnit] = field(default_factory=dict)
    places: dict[str, list[str]] = field(default_factory=dict)  # each new unit: the items printing it
    notes: list[str] = field(default_factory=list)  # the current item's
    unregistered: list[str] = field(default_factory=list)  # the current item's units to register

    def unit(self, name: str, where: str, loc: Loc) -> str | dict:
        """The unit as the draft writes it; ``loc`` is where it stands in the draft."""
        finder = self.finder
        if finder.exact(name):
            return name
        new = finder.new_unit(name)
        if new is not None:  # a body to register, not damaged print: kept as printed
            self.new_units.setdefault(name, new)
            self.places.setdefault(name, []).append(where)
            if name not in self.unregistered:
                self.unregistered.append(name)
            note = f"TODO: {new.advice()}（照录原文，写法见 extract 的总结）；登记后删去本句。"
            if note not in self.notes:
                self.notes.append(note)
            return name
        nearest = finder.nearest(name)
        if nearest is None:
            self.gaps.append(Gap(f"{where}：单位 `{name}` 对不上任何部门（`check` 报 unknown-department）"))
            return name
        alias, dept, score = nearest
        if alias == name:
            return name
        self.gaps.append(Gap(f"{where}：单位 `{name}` 暂按 `{alias}`（{dept.name}，相似度 {score}）识读",
                             [(*loc, "note")]))
        return {"printed": name, "reading": alias,
                "note": f"TODO: 未登记的单位写法，最接近「{alias}」（{dept.name}，相似度 {score}）；核对后把原文写法加入 "
                        "departments.yaml 的 aliases，或改正 reading", "uncertain": True}

    def responsibility(self, units: Units, where: str, loc: Loc) -> dict:
        out: dict = {}
        if units.clause:
            out["clause"] = units.clause
        for role in ROLES:
            names = getattr(units, role)
            if names:
                out[role] = [self.unit(n, where, (*loc, role, k)) for k, n in enumerate(names)]
                if getattr(units, f"{role}_etc"):
                    out[f"{role}_etc"] = True
        return out


def _target(t: DraftTarget, gaps: list[Gap], where: str, loc: Loc, guessed: dict[Loc, str]) -> dict:
    """The target as the draft writes it; a comparator no printed word says is `todo`, kept in
    ``guessed`` (its marker: the value it is guessed for) for one line of the summary."""
    out: dict = {"metric": t.metric, "clause": t.clause}
    said: list[str] = []  # what the editor settles for this target, in one line of the summary
    if t.metric == TODO_SLUG:
        said.append("没有对应的指标（metric 和 note）")
        out["note"] = "TODO: 指标未能对应 metrics.yaml；选择已有指标或新增一个。" + t.note
    elif t.note:
        out["note"] = t.note
    if t.extra.get("year_guessed"):
        said.append(f"年份 {t.target_year} 按文件期限推定")
        out["note"] = (f"TODO: 本条目没有印出年份，{t.target_year} 是按文件期限推定的；年份印在章节或文件标题中时删去本句，"
                       f"印在别处（如表头）时写明印在哪里并写出 {t.target_year}，否则改正 target_year。" + out.get("note", ""))
    if t.extra.get("metric_shared"):
        said.append("与本条目前面的目标指标相同、数值不同")
        out["note"] = ("TODO: 本条目前面已有指标相同、数值不同的目标；核对指标，确是同一指标下两个不同的目标时写明两者的区别。"
                       + out.get("note", ""))
    if said:  # one gap for the target: its markers (the metric, the note) are fixed together
        gaps.append(Gap(f"{where}：目标 `{t.clause[:30]}` " + "，".join(said),
                        [(*loc, "metric")] * (t.metric == TODO_SLUG) + [(*loc, "note")]))
    if t.value is not None:
        out["value"] = t.value
    out["unit"] = t.unit
    out["comparator"] = t.comparator
    if t.value is not None and not t.comparator_printed:  # no number, no comparison: a value set by the municipality
        out["comparator"] = TODO_SLUG
        guessed[(*loc, "comparator")] = f"{t.value}{t.unit}"
    for key in ("base_year", "base_value", "target_year", "nature"):
        value = getattr(t, key, None) if key != "base_value" else t.extra.get("base_value")
        if value is not None:
            out[key] = value
    if t.set_by_municipality:
        out["set_by_municipality"] = True
    if t.cumulative:
        out["cumulative"] = True
    return out


def _indicator_target(item: Item, reg: Registries, horizon: int | None) -> DraftTarget:
    values = item.extra["values"]
    target = values[-1] if values else ""
    unit_m = re.search(r"[（(]([^（()）]+)[）)]?$", item.text)
    unit = unit_m.group(1) if unit_m else ""
    metric, _ = reg.metrics.find(re.sub(r"[（(][^（()）]*[）)]?$", "", item.text))
    # a table prints the value alone (no 以上, 不低于 …): its comparator is a guess (comparator_printed "")
    t = DraftTarget(metric.slug if metric else TODO_SLUG, GAP.join(item.extra["row"]), None, unit, "=", horizon,
                    nature=item.extra["nature"])
    if "下达" in target:
        t.set_by_municipality = True
    else:
        number = re.search(r"\d+(?:\.\d+)?", target)
        t.value = number.group(0) if number else None
        if target.endswith("%"):
            t.unit = "%"
        t.cumulative = bool(re.search(r"[\[【]", target))
    if len(values) >= 2 and re.fullmatch(r"\d+(?:\.\d+)?", values[0]):
        t.extra["base_value"] = values[0]
    return t


def _project(item: Item, gaps: list[Gap], where: str, loc: Loc) -> dict | None:
    period = item.extra.get("period")
    amounts = item.extra.get("amounts") or []
    if not period or not amounts:
        gaps.append(Gap(f"{where}：项目表的这一行没有完成时限或投资额，暂作任务"))
        return None
    years = re.findall(r"20\d\d", period)
    investment: dict = {"total": amounts[0], "printed": GAP.join(amounts)}
    if len(amounts) > 1:
        investment["columns_uncertain"] = True
        investment["note"] = ("TODO: 扁平化表格不显示金额所属的列（上级资金/区级财政投资/社会投资），"
                              f"印出金额依次为 {'、'.join(amounts[1:])}；请对照原表填写")
        gaps.append(Gap(f"{where}：项目投资各金额属于哪一栏", [(*loc, "project", "investment", "note")]))
    if not item.category:
        gaps.append(Gap(f"{where}：项目的类别（project.category）", [(*loc, "project", "category")]))
    if not item.extra.get("name"):
        gaps.append(Gap(f"{where}：项目名称（project.name）", [(*loc, "project", "name")]))
    return {"category": item.category or "TODO: 类别", "name": item.extra.get("name") or "TODO: 项目名称",
            "start_year": int(years[0]), "end_year": int(years[-1]), "period_printed": period,
            "investment": investment}


def _sections(heads: list[Heading]) -> list[dict]:
    out = []
    for h in heads:
        entry: dict = {"id": h.id, "number": h.number, "title": h.title}
        if h.children:
            entry["children"] = _sections(h.children)
        out.append(entry)
    return out


def build_draft(source: SourceText, district: District, doc_id: str | None, reg: Registries) -> Draft:
    paragraphs = split_paragraphs(source.text)
    body = parse_body(list(paragraphs.items))
    meta = find_metadata(body.title_lines, source.text)
    todos: list[Gap] = []
    found: list[str] = []
    horizon = _horizon(meta, source.text)
    items = list(body.items)
    finder = DepartmentFinder(reg.departments, district.slug, reg.districts)
    gaps = UnitGaps(finder, todos)
    project_total = None
    for head, block in body.tables:
        if paragraphs.page_chunked:
            items += stream_items(GAP.join(block), head.id, finder.aliases)
            continue
        table = split_rows(block)
        if table is None:
            todos.append(Gap(f"章节 {head.id} `{head.title}`：表格没有“序号”栏，没有拆分，表中各行要手写"))
            continue
        items += table_items(table, head.id)
        if table.total:
            amounts = [c for c in table.total if re.fullmatch(r"\d+(?:\.\d+)?", c)]
            if amounts:
                project_total = {"total": amounts[0], "printed": GAP.join(amounts)}
                if len(amounts) == 4:
                    project_total.update(superior=amounts[1], district_fiscal=amounts[2], social=amounts[3])
    order = {h: i for i, h in enumerate(_section_order(body.outline))}
    section_titles = {h.id: h.title for h in _headings(body.outline)}
    items.sort(key=lambda it: order.get(it.section, 0))  # printed order: body, then tables where they stand
    year = meta.doc_number and re.search(r"20\d\d", meta.doc_number)
    number = meta.doc_number and re.search(r"(\d+)\s*号", meta.doc_number)
    if doc_id is None:
        doc_id = f"{district.slug}-{year.group(0)}-{number.group(1)}" if year and number else f"{district.slug}-draft"
    measures: list[dict] = []
    counters: dict[str, int] = {}
    themes = list(reg.themes.themes)
    guessed_themes: list[Loc] = []  # every item's theme list opens with `todo`: the editor confirms the guess
    guessed_comparators: dict[Loc, str] = {}  # each `comparator: todo`: the value it stands by
    unguessed: list[str] = []
    for item in items:
        here: Loc = ("measures", len(measures))
        counters[item.kind] = counters.get(item.kind, 0) + 1
        mid = f"{KIND_IDS[item.kind]}-{counters[item.kind]}" if item.kind != "measure" else f"m{counters[item.kind]}"
        where = f"条目 {mid}"
        text, title = item.text, item.title
        if not text.strip():
            text, title = title or "TODO", None
            if text == "TODO":
                todos.append(Gap(f"{where}：没有正文（text）", [(*here, "text")]))
        m: dict = {"id": mid, "kind": item.kind, "section": item.section, "number": item.number}
        if item.category:
            m["category"] = item.category
        m["title"] = title
        m["text"] = text
        gaps.notes, gaps.unregistered = [], []
        responsibility = gaps.responsibility(item.units, where, (*here, "responsibility"))
        if responsibility:
            m["responsibility"] = responsibility
        suggested = suggest_themes(f"{title or ''}{text}{item.category}", themes)
        if item.kind == "safeguard" and SAFEGUARD_THEME not in suggested:
            suggested.insert(0, SAFEGUARD_THEME)
        if not suggested:
            unguessed.append(mid)
        # a guess from keywords, never a final value: `todo` first keeps it a gap (check warns, build refuses)
        m["themes"] = [TODO_SLUG, *suggested]
        guessed_themes.append((*here, "themes", 0))
        if item.kind == "indicator":
            targets = [_indicator_target(item, reg, horizon)]
        elif item.kind == "project":
            period_years = re.findall(r"20\d\d", item.extra.get("period") or "")
            targets = find_targets(text, reg.metrics, int(period_years[-1]) if period_years else horizon)
        else:
            targets = find_targets(text, reg.metrics, horizon)
        # where the check looks for a target's year (rules.target_years_are_printed): a year printed
        # nowhere there came from the document's horizon, and the editor confirms it
        near = " ".join([text, title or "", item.category or "", section_titles.get(item.section, ""), meta.title or "",
                         item.extra.get("period") or ""])
        for t in targets:
            t.extra["year_guessed"] = t.target_year is not None and t.target_year not in printed_years(near + t.clause)
        # two values read for one metric of an entry (rules.targets_of_an_entry_agree): most often a metric
        # guessed for the wrong words; the editor corrects it or says what tells the two apart
        for _, j in disagreeing_targets(targets):
            targets[j].extra["metric_shared"] = targets[j].metric != TODO_SLUG
        if targets:
            m["targets"] = [_target(t, todos, where, (*here, "targets", j), guessed_comparators)
                            for j, t in enumerate(targets)]
        if item.kind == "project":
            project = _project(item, todos, where, here)
            if project is None:
                m["kind"] = "task"
            else:
                m["project"] = project
        note = "".join(gaps.notes) + item.note  # a gap first: `check` finds a TODO at the start of a text
        if note:
            m["note"] = note
        if gaps.unregistered:
            names = "、".join(f"`{n}`" for n in gaps.unregistered)
            todos.append(Gap(f"{where}：单位 {names} 尚未登记，原文照录（见下面“要登记的单位”）", [(*here, "note")]))
        measures.append(m)
    found.append(f"条目 {len(measures)} 个：" + "，".join(f"{KIND_LABELS[MeasureKind(k)][0]} {n}" for k, n in counters.items()))
    found.append(f"量化目标 {sum(len(m.get('targets', [])) for m in measures)} 个，"
                 f"写有责任单位的条目 {sum(1 for m in measures if m.get('responsibility'))} 个")
    compared = sum(1 for m in measures for t in m.get("targets", []) if t["comparator"] != TODO_SLUG)
    if compared:
        found.append(f"比较符 {compared} 个：读自数值旁印出的字样（以上、不低于、以内、超过、达到、控制在…，"
                     "见各目标的 clause）；市级下达、没有数值的目标写 =")
    if guessed_comparators:
        by_item: dict[str, list[str]] = {}
        for loc, value in guessed_comparators.items():
            by_item.setdefault(measures[loc[1]]["id"], []).append(value)
        todos.insert(0, Gap(f"{COMPARATOR_GUESSED}：" + "、".join(f"{mid}（{'、'.join(values)}）"
                                                                  for mid, values in by_item.items()),
                            list(guessed_comparators)))
    if guessed_themes:
        todos.insert(0, Gap(f"主题（themes）：{THEMES_GUESSED}"
                            + (f"；没猜出主题、只写了 todo 的条目：{'、'.join(unguessed)}" if unguessed else ""),
                            guessed_themes))
    doc = _document(doc_id, district, meta, source, horizon, body, measures, todos, found, paragraphs.dropped)
    if project_total:
        doc["project_total"] = project_total
    elsewhere = named_elsewhere(source.text, {"标题": meta.title, "印发通知的标题": meta.notice_title, "发文机关": meta.issuer},
                                district, reg.districts, meta.doc_number)
    return Draft(doc, items, todos, found, list(gaps.new_units.values()), finder, gaps.places, elsewhere)


def _headings(heads: list[Heading]) -> list[Heading]:
    """Every heading of the outline, in printed order."""
    out: list[Heading] = []
    for h in heads:
        out.append(h)
        out += _headings(h.children)
    return out


def _section_order(heads: list[Heading]) -> list[str]:
    return [h.id for h in _headings(heads)]


def _todo(value, what: str, todos: list[Gap], marker: str, loc: Loc):
    if value:
        return value
    todos.append(Gap(what, [loc]))
    return marker


READINGS = {  # a value read from printed words: its name in the summary, and how the editor sets it
    "kind": ("文件类型（kind）", "写 行动方案、行动计划、实施方案、规划 之一，照方案本身标题末尾的字样"),
    "status": ("文件状态（status）", "正式印发的写 印发；公开征求意见的草案写 征求意见稿（还要填写 consultation）"),
    "written": ("成文日期（dates.written）", "照发文机关落款下的日期写成 YYYY-MM-DD（如 2022-06-01）；原文确实没有印日期时写 null"),
}


def _read(reading: Reading, key: str, todos: list[Gap], loc: Loc) -> str:
    """The value read from printed words, or a TODO saying the guess, why it is one, and how to set it."""
    if reading.value is not None:
        return reading.value
    label, fix = READINGS[key]
    guess = f"猜是 {reading.guess}" if reading.guess else "猜不出"
    todos.append(Gap(f"{label}：{reading.why}，{guess}；{fix}", [loc]))
    return f"TODO: {guess}（{reading.why}）；{fix}"


RELATIONS = {"implements": "贯彻落实（implements）", "cites": "只是提及（cites）"}


def _document(doc_id: str, district: District, meta: Metadata, source: SourceText, horizon, body, measures,
              todos: list[Gap], found: list[str], dropped) -> dict:
    names = [district.name, *district.aliases]
    named = [n for n in names if n in source.text]
    head: list[Gap] = []  # the document's own gaps, before the items'
    doc: dict = {
        "id": doc_id,
        "district": district.slug,
        "title": _todo(meta.title, "没有找到标题（title）", head, "TODO: 文件标题", ("title",)),
        "short_title": _todo(None, "简称（short_title）待写", head, "TODO: 简称（用于表格和链接）", ("short_title",)),
        "notice_title": _todo(meta.notice_title, "没有找到印发通知的标题（notice_title）：照原文填写，原文没有印发通知时写 null",
                              head, "TODO: 印发通知的标题（原文没有时写 null）", ("notice_title",)),
        "doc_number": meta.doc_number,
        "issuer": _todo(meta.issuer, "没有找到发文机关（issuer）", head, "TODO: 发文机关", ("issuer",)),
        "kind": _read(meta.kind, "kind", head, ("kind",)),
        "status": _read(meta.status, "status", head, ("status",)),
        "dates": {"written": _read(meta.written, "written", head, ("dates", "written")),
                  "published": meta.published.isoformat() if meta.published else None,
                  "printed": meta.dates_printed},
    }
    if meta.doc_number is None:
        head.append(Gap("原文没有印出文号（doc_number）：核对原文，确实没有时保留 null"))
    if "征求意见稿" in (meta.status.value, meta.status.guess):
        doc["consultation"] = {
            "deadline": meta.deadline.isoformat() if meta.deadline else "TODO",
            "deadline_printed": meta.deadline_printed or "TODO: 截止日期原文",
            "channels": meta.channels or ["TODO: 意见反馈方式原文"]}
        if not meta.deadline or not meta.channels:
            head.append(Gap("没有找到征求意见的截止日期或反馈渠道（consultation）",
                            [("consultation", "deadline"), ("consultation", "deadline_printed")] * (not meta.deadline)
                            + [("consultation", "channels", 0)] * (not meta.channels)))
    # whether the document implements a plan or only cites it is a reading of the words before its
    # title: the guess is said in the summary, and the value is a gap the editor fills
    policies = []
    for i, policy in enumerate(meta.policies):
        guess = policy["relation"]
        policies.append({**policy, "relation": TODO_SLUG})
        head.append(Gap(f"上位文件《{policy['title']}》的关系（relation）：看上下文像是{RELATIONS[guess]}，"
                        "核对原文后写 implements（贯彻落实）或 cites（只是提及）", [("policies", i, "relation")]))
    doc["policies"] = policies
    doc["source"] = {"file": f"{doc_id}.txt", "url": "",
                     "format_note": f"TODO: 说明副本来源与缺陷（由 extract 从 {source.format} 文件提取"
                                    + (f"，略去网站模板行 {len(dropped)} 行" if dropped else "") + "）"}
    head.append(Gap("副本说明（source.format_note）：写明副本来源与缺陷", [("source", "format_note")]))
    if named:
        doc["attribution"] = {"method": "printed",
                              "evidence": [f"TODO: 核对——原文出现「{named[0]}」{source.text.count(named[0])} 次。"]}
        head.append(Gap("归属依据（attribution.evidence）：核对原文中的区县名称", [("attribution", "evidence", 0)]))
    else:
        doc["attribution"] = {"method": "inferred", "evidence": ["TODO: 原文未出现区县名称，写明推定依据"]}
        head.append(Gap("原文没有出现区县名称：请在 attribution 中写明推定依据", [("attribution", "evidence", 0)]))
    doc["last_verified"] = "TODO"
    head.append(Gap("核对日期（last_verified）：编辑对照原文核对完草稿的日期", [("last_verified",)]))
    todos[:0] = head
    doc["outline"] = _sections(body.outline)
    doc["measures"] = measures
    found[:0] = [f"标题：{meta.title or '—'}", f"文号：{meta.doc_number or '—'}，发文机关：{meta.issuer or '—'}，"
                 f"引用的上位文件 {len(meta.policies)} 份",
                 "；".join(f"{READINGS[key][0]}：" + (f"{r.value}（读自{r.printed}）" if r.value else "待定，见下面的 TODO")
                          for key, r in (("kind", meta.kind), ("status", meta.status), ("written", meta.written))),
                 f"大纲：{len(_section_order(body.outline))} 个标题"
                 + (f"（规划期至 {horizon} 年）" if horizon else "")]
    return doc


class _DraftDumper(yaml.SafeDumper):
    """The curated files' list style: a list of plain values on one line (`themes: [todo, energy]`),
    a list of mappings one item per line."""


_DraftDumper.add_representer(list, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=bool(data) and not any(isinstance(x, (dict, list)) for x in data)))


def to_yaml(doc: dict) -> str:
    header = ("# 由 `python -m generator extract` 起草：每个值都要对照原文核对。\n"
              "# 每个 TODO（或编号 `todo`）都是待填的空位；`python -m generator check` 会一一列出。\n"
              f"# 主题（themes）开头的 todo：{THEMES_GUESSED}。\n")
    return header + yaml.dump(doc, Dumper=_DraftDumper, allow_unicode=True, sort_keys=False, width=1000,
                              default_flow_style=False)
