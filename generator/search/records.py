"""What can be found: one record per page (district, document, theme, department, metric) and per
measure, with its searchable values per field, its facets and what a result shows."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.index import (
    KIND_LABELS,
    MeasureEntry,
    SiteIndex,
    UnitEntry,
    department_url,
    district_url,
    metric_url,
    naming_entries,
    responsible_line,
    table_name,
    theme_url,
    unit_lines,
)
from generator.model import ROLE_LABELS, District, MeasureKind, Quote, printed, reading
from generator.search.normalise import normalize


@dataclass(frozen=True)
class SearchField:
    name: str
    label: str  # shown under a result: 命中：标题、正文


FIELDS = (
    SearchField("title", "标题"),
    SearchField("lead", ROLE_LABELS["lead"] + "单位"),
    SearchField("support", ROLE_LABELS["support"] + "单位"),
    SearchField("joint", ROLE_LABELS["joint"] + "单位"),
    SearchField("text", "正文"),
    SearchField("number", "编号/类别"),
    SearchField("theme", "主题"),
    SearchField("metric", "指标"),
    SearchField("document", "文件"),
    SearchField("district", "区县"),
    # a consultation draft's issued final version (consultation.final): its 文号 and title find the
    # draft's document record, said to be the final's, not the draft's own; measures do not inherit it
    SearchField("final", "定稿"),
)
NF = len(FIELDS)
F_TITLE, F_LEAD, F_SUPPORT, F_JOINT, F_TEXT, F_NUMBER, F_THEME, F_METRIC, F_DOCUMENT, F_DISTRICT, F_FINAL = range(NF)
F_KIND = NF  # not indexed: a typed kind name (重点项目) matches the records of that kind
KIND_FIELD_LABEL = "类型"

# A measure's document, district and theme fields are the same values as its document's,
# district's and themes' pages have in the same field (theme: the theme page's title). They are
# not indexed once per measure: a match on the page is passed on to its measures at query time
# (facets.json says which measures belong to which page). Same results, and postings of the
# words of a document title are not repeated for each of its hundreds of measures.
# (measure field, the page it comes from, that page's field)
INHERIT = ((F_DOCUMENT, "document", F_DOCUMENT), (F_DISTRICT, "district", F_DISTRICT), (F_THEME, "theme", F_TITLE))
INHERITED = {measure: page for measure, _, page in INHERIT}  # measure field → page field
# A measure that holds a typed term only in these inherited fields (its document's title, its
# themes' names) ranks after every record that holds it (or, searched as its parts, each part) in a
# field of its own, and the 按区县 line says it apart: 循环经济 in a document title is not a measure
# about 循环经济. A measure whose own fields hold every part is found by the parts instead (碳排放权交易:
# 永川's 碳排放权…交易, whose theme 碳市场与环境权益 holds the synonym 碳市场). The district field
# is not among them: a typed district name (铜梁 光伏) asks for that district's measures.
RANKED_LATER = (F_DOCUMENT, F_THEME)

PAGE_KINDS = (("district", "区县"), ("document", "政策文件"), ("department", "部门"),
              ("theme", "主题"), ("metric", "指标对比"))
MEASURE_KINDS = tuple((k.value, labels[0]) for k, labels in KIND_LABELS.items())
KINDS = PAGE_KINDS + MEASURE_KINDS
KIND_INDEX = {slug: i for i, (slug, _) in enumerate(KINDS)}
# Words that, typed as a whole query term, also find every record of a kind (besides the
# records whose text contains them): each kind's label, and a few words officials use for it.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    **{label: (slug,) for slug, label in KINDS},
    "指标": (MeasureKind.indicator.value, "metric"),
    "项目": (MeasureKind.project.value,),
    "文件": ("document",),
}

# The responsibility roles, named as everywhere on the site (generator.model.ROLE_LABELS), each with the
# field that holds its units: the 角色 filter, and the role words of a query, keep the results where a
# unit the query names (or, when it names none, any unit of the result) has the role.
ROLES = tuple((role, ROLE_LABELS[role], f) for role, f in (("lead", F_LEAD), ("support", F_SUPPORT), ("joint", F_JOINT)))
ROLE_LABEL = {slug: label for slug, label, _ in ROLES}
ROLE_BIT = {slug: 1 << i for i, (slug, _, _) in enumerate(ROLES)}
# The display key of the unit line a result shows when a role filter asks for that role (the lead
# line, l, is always shown: responsible_line).
ROLE_LINES = {"support": "c", "joint": "j"}
# Words that, typed as a whole query term, are a role filter and not text to find (an official types
# 发改委 牵头 光伏: 牵头 is rarely printed in a measure, its roles are data). 负责 and 负责单位 mean the
# units that answer for the work, lead or joint, not those that only support it. 责任单位 (any role) is
# no filter: it would narrow nothing a department's name does not. The exact-only search, and the
# page's 「按文字搜索」 link, search them as text.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "牵头": ("lead",), "牵头单位": ("lead",), "牵头部门": ("lead",),
    "配合": ("support",), "配合单位": ("support",), "配合部门": ("support",),
    "分工负责": ("joint",), "共同负责": ("joint",),
    "负责": ("lead", "joint"), "负责单位": ("lead", "joint"),
}


# A district page's section that is a record of its own (templates/district.md.j2: 可借鉴措施 { #borrowable }).
BORROWABLE_ANCHOR = "borrowable"
BORROWABLE_TITLE = "可借鉴措施"
BORROWABLE_TEXT = "其他区县有、而本区收录的文件中没有相似措施的做法，以及本区未设目标而其他区县设了目标的指标"


@dataclass(frozen=True)
class Record:
    """One search result: a page or a measure (which lands on its anchor)."""

    id: str  # measure key (jiangjin-2022-57/m5) or "<kind>:<slug>"
    kind: str
    url: str  # site-relative address, e.g. documents/jiangjin-2022-57/#m5
    fields: tuple[tuple[str, ...], ...]  # raw values per FIELDS
    district: str | None
    themes: tuple[str, ...]
    display: Mapping[str, Any] = field(compare=False)  # str values, and a measure's rows' units (rw: row_units)
    document: str | None = None  # a measure: the id of its document's record ("document:<id>")
    # a measure found by a unit only as one of these table rows (rows_answering): their records' ids
    answering: tuple[str, ...] = field(default=(), compare=False)


THEME_WORDS = "相关词："  # before a theme's keywords in its search snippet


def _values(*items: Iterable[str | None] | str | None) -> tuple[str, ...]:
    """The non-blank texts of ``items`` in order, each once (a dict keeps order and makes the
    de-duplication linear: a department may have thousands of aliases)."""
    flat: list[str | None] = []
    for item in items:
        if item is None or isinstance(item, str):
            flat.append(item)
        else:
            flat += item
    return tuple(dict.fromkeys(filter(str.strip, filter(None, flat))))  # neither None, "" nor blank


def quote_values(q: Quote | None) -> tuple[str, ...]:
    """Printed and (where damaged) read form of a quote."""
    if q is None:
        return ()
    return _values(printed(q), reading(q))


def unit_names(u: UnitEntry) -> tuple[str, str, str, str]:
    """The names a unit is found by, in the site search (a record's unit fields) and in the compare
    view's keyword box (pages/compare.district_units): as printed, as read, its department's name and
    its department's full name."""
    return u.printed, u.reading, u.department.name, u.department.full_name


def district_names(d: District) -> list[str]:
    """A district's names as a typed term names it (its name and aliases, normalised, two characters
    or more: 黔江区, 黔江). Such a term picks the district and never counts as a unit's name in the
    role filter (甲山 发改委 牵头), in the search (facets.json districtNames) and the compare view
    (its manifest's districts)."""
    return list(dict.fromkeys(w for w in (normalize(n).strip() for n in (d.name, *d.aliases)) if len(w) >= 2))


def _unit_values(entries: Sequence[MeasureEntry], role: str) -> tuple[str, ...]:
    return _values(name for me in entries for u in me.units_in(role) for name in unit_names(u))


def measure_fields(me: MeasureEntry, document: tuple[str, ...], district: tuple[str, ...],
                   rows: Sequence[MeasureEntry] = ()) -> tuple[tuple[str, ...], ...]:
    """A measure's values per field; ``document`` and ``district`` are its document page's (the same values).
    A measure that names no unit (黔江's main text) holds the units of the table ``rows`` that carry
    it out, in their roles, as its result line names them (responsible_text): 光伏 牵头 finds it, and
    a query that names a unit finds it as one of those rows (rows_answering)."""
    m = me.measure
    named, _ = naming_entries(me, rows)
    # a title that only repeats the row's category (2025年目标指标: measure_label names the row by its
    # text) is no title a result shows: it is found as the category, and the result shows the category
    title = () if m.title is not None and reading(m.title) == m.category else quote_values(m.title)
    return (
        _values(title, m.project.name if m.project else None),
        _unit_values(named, "lead"),
        _unit_values(named, "support"),
        _unit_values(named, "joint"),
        quote_values(m.text),
        _values(m.number, m.category, m.project.category if m.project else None),
        _values(t.name for t in me.themes),
        _values(te.metric.name for te in me.targets),
        document,
        district,
    )


def rows_answering(me: MeasureEntry, rows: Sequence[MeasureEntry]) -> tuple[MeasureEntry, ...]:
    """The table rows through which alone a query that names a unit finds a measure that names none of
    its own (naming_entries), when two or more rows carry it out: it is found by such a query only
    where one of these rows is found by the whole query itself, in that row's roles (facets.json
    ``rows``; search.js and reference.SearchFiles._matching). 铜梁's 大力发展非化石能源 holds 光伏 and
    区发展改革委, but 区发展改革委 leads its grid rows (27, 31), not the solar row (29): 发改委 牵头 光伏
    does not find it. One row carries out the whole measure: its units are the measure's (none here)."""
    named, from_rows = naming_entries(me, rows)
    return named if from_rows and len(named) > 1 else ()


def row_units(row: MeasureEntry) -> dict:
    """What a result's unit lines take from one table row that answers a query (rows_answering; the
    measure's display ``rw``, in facets.json ``rows`` order): where it is printed (its table and number,
    index.rows_named), its units as read per role and the roles whose list ends with 等. search.js and
    reference.answering_lines make of the answering rows' the lines index.unit_lines makes of them."""
    resp = row.measure.responsibility
    return {"n": [table_name(row), row.measure.number or ""],
            "u": {role: [u.reading for u in units] for role in ROLE_LABEL if (units := row.units_in(role))},
            "e": [role for role in ROLE_LABEL if getattr(resp, f"{role}_etc")]}


def _fields(**kw: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(kw.get(f.name, ()) for f in FIELDS)


def _role_lines(lines: Mapping[str, str]) -> dict[str, str]:
    """Of a measure's unit_lines, those shown when a role filter asks for them: 配合：… and, beside a
    lead (else the lead line names them already), 分工负责：…; a measure that names no unit shows those
    of the table rows that carry it out, said to be the rows' (配合（据附表2第 43、44 行）：…)."""
    return {key: lines[role] for role, key in ROLE_LINES.items()
            if role in lines and (role != "joint" or "lead" in lines)}


def records(index: SiteIndex) -> list[Record]:
    """Every searchable record in stable order: pages (districts, documents, themes,
    departments, metrics), then every measure in site order. A page's title field holds its
    name and the other names it goes by (a department's printed forms, a metric's wordings)."""
    out: list[Record] = []
    for d in index.districts:
        out.append(Record(
            f"district:{d.slug}", "district", district_url(d.slug).site_path,
            _fields(title=_values(d.name, d.aliases), text=_values(d.region.value), district=_values(d.name)),
            d.slug, (),
            {"t": d.name, "x": f"{d.region.value}；别称：{'、'.join(d.aliases)}" if d.aliases else d.region.value},
        ))
    for d in index.districts:
        # the district page's 可借鉴措施 section (far down the page: 24,500 px on a phone at 10 districts),
        # found by 可借鉴 / 借鉴 and landing on it; the page's other sections are its own record's
        out.append(Record(
            f"district:{d.slug}#borrowable", "district", district_url(d.slug).site_path + "#" + BORROWABLE_ANCHOR,
            _fields(title=_values(f"{d.name}{BORROWABLE_TITLE}"), text=_values(BORROWABLE_TEXT)),
            d.slug, (), {"t": f"{d.name} · {BORROWABLE_TITLE}", "d": d.name, "x": BORROWABLE_TEXT},
        ))
    document_fields: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # document id → its document and district values
    for de in index.documents:
        doc = de.document
        cited = [v for p in doc.policies for v in quote_values(p.title) + quote_values(p.doc_number)]
        final = doc.consultation.final if doc.consultation is not None else None
        draft = de.draft
        document, district = document_fields[doc.id] = (_values(doc.title, doc.short_title, doc.doc_number),
                                                         _values(de.district.name))
        out.append(Record(
            f"document:{doc.id}", "document", de.url.site_path,
            _fields(title=_values(doc.short_title),
                    text=_values(doc.notice_title, doc.issuer, cited),
                    document=document, district=district,
                    final=_values(final.doc_number, final.title) if final is not None else ()),
            de.district.slug, (),
            {"t": doc.short_title, "d": de.district.name,
             "x": "，".join(v for v in (doc.title, doc.doc_number or "", doc.status.value) if v),
             # a draft whose final version was issued: the site holds the draft (Draft.sentence), the
             # final's title (where its words are marked) and its page
             **({"f": f"本站收录的是{draft.sentence}。定稿标题：{draft.final_title}", "fu": draft.final_url}
                if draft is not None and draft.has_final else {})},
        ))
    for t in index.themes:
        out.append(Record(
            f"theme:{t.slug}", "theme", theme_url(t.slug).site_path,
            _fields(title=_values(t.name), text=_values(t.description, t.keywords)),
            # its keywords shown after the description, as they are searched: a user test found 能源转型
            # first for 光伏 with a snippet that did not say the word (THEME_WORDS)
            None, (t.slug,), {"t": t.name, "x": t.description + (THEME_WORDS + "、".join(t.keywords) if t.keywords else "")},
        ))
    for dept in index.departments:
        in_print, unprinted = index.alias_use(dept.slug)
        out.append(Record(
            f"department:{dept.slug}", "department", department_url(dept.slug).site_path,
            _fields(title=_values(dept.name, dept.aliases, dept.colloquial),
                    text=_values(dept.full_name, dept.kind.value)),
            dept.district, (),
            {"t": dept.name,
             "x": f"{dept.full_name}（{dept.kind.value}）"
                  + (f"；原文写法：{'、'.join(name for name, _ in in_print)}" if in_print else "")
                  + (f"；另登记的写法（本站现有文件中未出现）：{'、'.join(unprinted)}" if unprinted else "")
                  + (f"；简称：{'、'.join(dept.colloquial)}" if dept.colloquial else "")},
        ))
    theme_slugs = {t.slug for t in index.themes}
    for metric in index.metrics:
        out.append(Record(
            f"metric:{metric.slug}", "metric", metric_url(metric.slug).site_path,
            _fields(title=_values(metric.name, metric.aliases), text=_values(metric.description),
                    theme=_values(t.name for t in index.themes if t.slug in metric.themes)),
            None, tuple(s for s in metric.themes if s in theme_slugs),
            {"t": metric.name, "x": metric.description or "、".join(metric.aliases)},
        ))
    for me in index.measures:
        m = me.measure
        rows = index.relations.implemented_by.get(me.key, ())
        lines = unit_lines(me, rows)
        disp: dict[str, Any] = {"t": me.label, "d": me.district.name, "s": me.document.document.short_title,
                                "l": responsible_line(lines), "x": reading(m.text), **_role_lines(lines)}
        if printed(m.text) != reading(m.text):
            disp["xp"] = printed(m.text)
        if answering := rows_answering(me, rows):
            disp["rw"] = [row_units(row) for row in answering]  # the lines of the rows a query finds it through
        if m.category and m.category not in me.label:  # shown when a term is found there: 2025 in 2025年目标指标
            disp["g"] = m.category
        out.append(Record(me.key, m.kind.value, me.url.site_path, measure_fields(me, *document_fields[me.document.id], rows),
                          me.district.slug, tuple(t.slug for t in me.themes), disp, f"document:{me.document.id}",
                          tuple(row.key for row in answering)))
    return out
