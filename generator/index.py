"""The immutable site index: every look-up, grouping and URL is decided here, once.

Pages read the index; they never look anything up in the raw corpus and never
change the index. Sorting happens here with explicit keys.
"""
from __future__ import annotations

import bisect
import dataclasses
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from generator.load import Corpus, LoadedDocument
from generator.model import (
    Department,
    District,
    Document,
    Measure,
    MeasureKind,
    Metric,
    Quote,
    Section,
    Status,
    SynonymGroup,
    Target,
    Theme,
    printed,
    reading,
)
from generator.rules import find_quote

ROLES = ("lead", "support", "joint")
ROLE_LABELS = {"lead": "牵头", "support": "配合", "joint": "分工负责"}
KIND_LABELS = {
    MeasureKind.goal: ("目标", "条目标"),
    MeasureKind.measure: ("措施", "条措施"),
    MeasureKind.safeguard: ("保障措施", "条保障措施"),
    MeasureKind.indicator: ("指标", "个指标（指标表行）"),
    MeasureKind.project: ("重点项目", "个重点项目（项目表行）"),
    MeasureKind.task: ("任务", "项任务（任务表行）"),
}
KIND_ORDER = list(KIND_LABELS)


@dataclass(frozen=True)
class Url:
    """A page path under docs/ plus an optional anchor."""

    page: str
    anchor: str = ""

    def with_anchor(self, anchor: str) -> "Url":
        return Url(self.page, anchor)

    @property
    def site_path(self) -> str:
        """Address in the built site relative to its root (MkDocs directory URLs)."""
        if self.page == "index.md":
            path = ""
        elif self.page.endswith("/index.md"):
            path = self.page[: -len("index.md")]
        else:
            path = self.page[: -len(".md")] + "/"
        return f"{path}#{self.anchor}" if self.anchor else path


def relative(from_page: str, url: Url) -> str:
    """Relative link from one docs page to another page (and anchor)."""
    if url.page == from_page:
        target = ""
    else:
        target = posixpath.relpath(url.page, posixpath.dirname(from_page) or ".")
    return f"{target}#{url.anchor}" if url.anchor else target


def district_url(slug: str) -> Url:
    return Url(f"districts/{slug}.md")


def document_url(doc_id: str) -> Url:
    return Url(f"documents/{doc_id}.md")


def source_url(doc_id: str) -> Url:
    return Url(f"sources/{doc_id}.md")


def theme_url(slug: str) -> Url:
    return Url(f"themes/{slug}.md")


def department_url(slug: str) -> Url:
    return Url(f"departments/{slug}.md")


def metric_url(slug: str) -> Url:
    return Url(f"metrics/{slug}.md")


def projects_url(doc_id: str) -> Url:
    """The sortable key-project table of a document that has one."""
    return Url(f"projects/{doc_id}.md")


def pair_url(a: str, b: str) -> Url:
    return Url(f"compare/{a}-vs-{b}.md")


@dataclass(frozen=True)
class UnitEntry:
    """One printed unit of a measure, resolved to its department."""

    printed: str
    reading: str
    quote: Quote
    role: str
    department: Department


@dataclass(frozen=True)
class TargetEntry:
    target: Target
    metric: Metric
    measure: "MeasureEntry"


@dataclass(frozen=True)
class MeasureEntry:
    key: str  # globally unique: "<doc-id>/<measure-id>"
    measure: Measure
    document: "DocumentEntry"
    section_path: tuple[Section, ...]
    units: tuple[UnitEntry, ...]
    themes: tuple[Theme, ...]
    source_paragraph: int | None  # 1-based paragraph of the source page where the text starts
    url: Url
    targets: tuple[TargetEntry, ...] = field(default=(), compare=False)

    @property
    def district(self) -> District:
        return self.document.district

    def units_in(self, role: str) -> tuple[UnitEntry, ...]:
        return tuple(u for u in self.units if u.role == role)

    @property
    def label(self) -> str:
        """How the measure is named in lists: number and title, or the start of its text."""
        m = self.measure
        head = reading(m.title) if m.title is not None else ""
        if not head and m.project is not None:
            head = m.project.name
        if not head:
            text = reading(m.text)
            head = text if len(text) <= 40 else text[:40] + "…"
        return f"{m.number} {head}".strip() if m.number else head

    @property
    def full_text(self) -> str:
        """Title and text as read (repaired where the print is damaged)."""
        parts = [reading(self.measure.title)] if self.measure.title is not None else []
        parts.append(reading(self.measure.text))
        return "".join(parts)


@dataclass(frozen=True)
class SourceParagraph:
    number: int
    text: str


@dataclass(frozen=True)
class DocumentEntry:
    document: Document
    district: District
    source_text: str
    paragraphs: tuple[SourceParagraph, ...]
    url: Url
    source_url: Url
    measures: tuple[MeasureEntry, ...] = field(default=(), compare=False)

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def is_draft(self) -> bool:
        return self.document.status == Status.draft



@dataclass(frozen=True)
class SiteIndex:
    districts: tuple[District, ...]
    documents: tuple[DocumentEntry, ...]
    measures: tuple[MeasureEntry, ...]
    themes: tuple[Theme, ...]
    departments: tuple[Department, ...]
    metrics: tuple[Metric, ...]
    documents_by_district: Mapping[str, tuple[DocumentEntry, ...]]
    measures_by_theme: Mapping[str, tuple[MeasureEntry, ...]]
    measures_by_department: Mapping[str, tuple[MeasureEntry, ...]]
    targets_by_metric: Mapping[str, tuple[TargetEntry, ...]]
    measure_by_key: Mapping[str, MeasureEntry]
    relations: "Relations"  # implementation links, distinct measures and targets (see Relations)
    projects_by_document: Mapping[str, tuple[MeasureEntry, ...]]  # key projects (附表) per document id, printed order
    similar: Mapping[str, tuple["Similarity", ...]] = field(default_factory=lambda: MappingProxyType({}))
    synonyms: tuple[SynonymGroup, ...] = ()  # reviewed groups of equivalent policy terms (search expansion)

    def district(self, slug: str) -> District:
        return next(d for d in self.districts if d.slug == slug)

    def measure(self, key: str) -> MeasureEntry:
        return self.measure_by_key[key]


@dataclass(frozen=True)
class Similarity:
    """Why one measure is listed as similar to another."""

    other: str  # measure key
    score: float
    shared_themes: tuple[str, ...]
    shared_terms: tuple[str, ...]


def split_paragraphs(text: str) -> tuple[tuple[SourceParagraph, ...], list[int]]:
    """Non-empty lines of a source text, numbered from 1, and their start offsets."""
    paragraphs: list[SourceParagraph] = []
    starts: list[int] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            paragraphs.append(SourceParagraph(len(paragraphs) + 1, stripped))
            starts.append(offset)
        offset += len(line)
    return tuple(paragraphs), starts


def _section_paths(sections: tuple[Section, ...] | list[Section], prefix=()) -> dict[str, tuple[Section, ...]]:
    out: dict[str, tuple[Section, ...]] = {}
    for s in sections:
        out[s.id] = prefix + (s,)
        out.update(_section_paths(s.children, prefix + (s,)))
    return out


def _district_order(corpus: Corpus) -> dict[str, int]:
    return {d.slug: i for i, d in enumerate(corpus.districts.districts)}


def build_index(corpus: Corpus, similarity=None) -> SiteIndex:
    """Resolve every reference once. ``similarity`` computes similar-measure links."""
    districts = {d.slug: d for d in corpus.districts.districts}
    themes = {t.slug: t for t in corpus.themes.themes}
    metrics = {m.slug: m for m in corpus.metrics.metrics}
    by_alias = {alias: dept for dept in corpus.departments.departments for alias in dept.aliases}
    order = _district_order(corpus)

    loaded_docs: list[LoadedDocument] = sorted(
        corpus.documents, key=lambda d: (order[d.document.district], d.document.id)
    )
    doc_entries: list[DocumentEntry] = []
    all_measures: list[MeasureEntry] = []
    for loaded in loaded_docs:
        doc = loaded.document
        paragraphs, starts = split_paragraphs(loaded.source_text or "")
        entry = DocumentEntry(doc, districts[doc.district], loaded.source_text or "", paragraphs,
                              document_url(doc.id), source_url(doc.id))
        paths = _section_paths(doc.outline)
        measures: list[MeasureEntry] = []
        cursor = 0  # measures are in printed order: look for each one after the previous one
        for m in doc.measures:
            units = tuple(
                UnitEntry(printed(u), reading(u), u, role, by_alias[reading(u)])
                for role in ROLES for u in getattr(m.responsibility, role)
            )
            found = find_quote(entry.source_text, printed(m.text), cursor) or find_quote(entry.source_text, printed(m.text))
            if found and found[0] >= cursor:
                cursor = found[0]
            paragraph = bisect.bisect_right(starts, found[0]) if found else None
            me = MeasureEntry(
                key=f"{doc.id}/{m.id}", measure=m, document=entry, section_path=paths[m.section],
                units=units, themes=tuple(themes[t] for t in m.themes), source_paragraph=paragraph,
                url=entry.url.with_anchor(m.id),
            )
            object.__setattr__(me, "targets", tuple(TargetEntry(t, metrics[t.metric], me) for t in m.targets))
            measures.append(me)
        object.__setattr__(entry, "measures", tuple(measures))
        doc_entries.append(entry)
        all_measures.extend(measures)

    by_district: dict[str, list[DocumentEntry]] = defaultdict(list)
    for d in doc_entries:
        by_district[d.district.slug].append(d)
    by_theme: dict[str, list[MeasureEntry]] = defaultdict(list)
    by_department: dict[str, list[MeasureEntry]] = defaultdict(list)
    by_metric: dict[str, list[TargetEntry]] = defaultdict(list)
    for me in all_measures:
        for t in me.themes:
            by_theme[t.slug].append(me)
        for slug in dict.fromkeys(u.department.slug for u in me.units):
            by_department[slug].append(me)
        for te in me.targets:
            by_metric[te.metric.slug].append(te)

    def frozen(d: dict) -> Mapping:
        return MappingProxyType({k: tuple(v) for k, v in sorted(d.items())})

    index = SiteIndex(
        districts=tuple(corpus.districts.districts),
        documents=tuple(doc_entries),
        measures=tuple(all_measures),
        themes=tuple(corpus.themes.themes),
        departments=tuple(sorted(corpus.departments.departments, key=lambda d: d.slug)),
        metrics=tuple(corpus.metrics.metrics),
        documents_by_district=frozen(by_district),
        measures_by_theme=frozen(by_theme),
        measures_by_department=frozen(by_department),
        targets_by_metric=frozen(by_metric),
        measure_by_key=MappingProxyType({m.key: m for m in all_measures}),
        relations=build_relations(tuple(all_measures), tuple(corpus.themes.themes)),
        projects_by_document=MappingProxyType({
            d.id: tuple(m for m in d.measures if m.measure.project is not None)
            for d in doc_entries if any(m.measure.project is not None for m in d.measures)
        }),
        synonyms=tuple(corpus.synonyms.synonyms),
    )
    if similarity is not None:
        index = dataclasses.replace(index, similar=MappingProxyType(similarity(index)))
    return index


# ---------------------------------------------------------------- distinct measures and targets
#
# A document often says the same thing twice: a task-division table restates the main text row by
# row, and an indicator table repeats the targets of the goals. Counting every row would measure
# document length, not policy. The look-ups below count what is distinct; pages say what they count.

MAIN_TEXT_KINDS = frozenset({MeasureKind.goal, MeasureKind.measure, MeasureKind.safeguard})
DISTINCT_MEASURE_DEFINITION = "任务表、指标表、重点项目表中落实某条正文措施的行并入该措施，只计一次；未对应正文措施的表格行各计一条"
DISTINCT_TARGET_DEFINITION = "同一区县对同一指标、同一数值、同一目标年份的目标只计一次，多处出处一并列出"


@dataclass(frozen=True)
class CarriedUnit:
    """A unit that carries out a distinct measure, and the item it is printed in."""

    unit: UnitEntry
    printed_in: MeasureEntry  # the main-text measure itself, or a table row that implements it
    inherited: bool  # True when printed in a table row (附表), not in the measure's own text


@dataclass(frozen=True)
class DistinctMeasure:
    """One measure as counted: a main-text measure with the table rows that implement it, or a
    table row that implements no main-text measure (then ``rows`` is empty)."""

    measure: MeasureEntry
    rows: tuple[MeasureEntry, ...]  # table rows that implement it, in printed order
    themes: tuple[Theme, ...]  # themes of the measure or of any of its rows, in registry order
    units: tuple[CarriedUnit, ...]  # own units first, then the rows' units in printed order

    @property
    def key(self) -> str:
        return self.measure.key

    @property
    def district(self) -> District:
        return self.measure.district

    def departments(self, roles: tuple[str, ...] = ROLES) -> tuple[Department, ...]:
        """Departments that carry it out in any of ``roles``, each once, in first-printed order."""
        seen: dict[str, Department] = {}
        for cu in self.units:
            if cu.unit.role in roles:
                seen.setdefault(cu.unit.department.slug, cu.unit.department)
        return tuple(seen.values())


@dataclass(frozen=True)
class DistinctTarget:
    """One target of a district as counted: every statement of the same metric, value and target
    year in that district's documents (an indicator table row and the goal it repeats, …)."""

    statements: tuple[TargetEntry, ...]  # main-text statements first, then table rows, each in printed order

    @property
    def first(self) -> TargetEntry:
        return self.statements[0]

    @property
    def metric(self) -> Metric:
        return self.first.metric

    @property
    def district(self) -> District:
        return self.first.measure.district


@dataclass(frozen=True)
class Relations:
    """Implementation links, distinct measures and distinct targets, with their look-ups.

    - ``implements[row_key]`` / ``implemented_by[measure_key]``: the links editors record in
      ``implements:`` (both directions, printed order).
    - ``distinct`` every distinct measure; ``distinct_of[item_key]`` the distinct measures an item
      counts toward (a main-text measure or unlinked row: itself; a linked row: the measures it
      implements).
    - ``distinct_by_district``, ``distinct_by_theme``, ``distinct_by_department``: each distinct
      measure once per district / theme / department (a department counts when it or a linked row
      names it in any role); ``distinct_by_district_theme[(district, theme)]`` the cell of a
      district × theme matrix.
    - ``targets`` every distinct target; ``targets_by_district``, ``targets_by_metric``;
      ``target_of[(measure_key, position)]`` the distinct target a printed target belongs to.
    """

    implements: Mapping[str, tuple[MeasureEntry, ...]]
    implemented_by: Mapping[str, tuple[MeasureEntry, ...]]
    distinct: tuple[DistinctMeasure, ...]
    distinct_of: Mapping[str, tuple[DistinctMeasure, ...]]
    distinct_by_district: Mapping[str, tuple[DistinctMeasure, ...]]
    distinct_by_theme: Mapping[str, tuple[DistinctMeasure, ...]]
    distinct_by_department: Mapping[str, tuple[DistinctMeasure, ...]]
    distinct_by_district_theme: Mapping[tuple[str, str], tuple[DistinctMeasure, ...]]
    targets: tuple[DistinctTarget, ...]
    targets_by_district: Mapping[str, tuple[DistinctTarget, ...]]
    targets_by_metric: Mapping[str, tuple[DistinctTarget, ...]]
    target_of: Mapping[tuple[str, int], DistinctTarget]

    def theme_share(self, district: str, theme: str) -> float:
        """Share of a district's distinct measures that belong to ``theme`` (0 when it has none).
        A measure with several themes counts in each, so shares of one district can add up to more than 1."""
        total = len(self.distinct_by_district.get(district, ()))
        return len(self.distinct_by_district_theme.get((district, theme), ())) / total if total else 0.0


def target_dedup_key(te: TargetEntry) -> tuple:
    """What makes two printed targets the same target: district, metric, value (or 市级下达), unit
    and target year."""
    t = te.target
    return (te.measure.district.slug, te.metric.slug, t.value, t.set_by_municipality, t.unit, t.target_year)


def build_relations(measures: tuple[MeasureEntry, ...], themes: tuple[Theme, ...]) -> Relations:
    """Resolve ``implements:`` links (checked by the rules) and group what is counted once."""
    by_key = {m.key: m for m in measures}
    theme_order = {t.slug: i for i, t in enumerate(themes)}
    implements: dict[str, tuple[MeasureEntry, ...]] = {}
    implemented_by: dict[str, list[MeasureEntry]] = defaultdict(list)
    for me in measures:
        targets = tuple(by_key[f"{me.document.id}/{mid}"] for mid in me.measure.implements)
        if targets:
            implements[me.key] = targets
        for target in targets:
            implemented_by[target.key].append(me)

    distinct: list[DistinctMeasure] = []
    distinct_of: dict[str, list[DistinctMeasure]] = defaultdict(list)
    for me in measures:
        if me.key in implements:
            continue  # counted with the measures it implements
        rows = tuple(implemented_by.get(me.key, ()))
        group = (me,) + rows
        slugs = {t.slug for m in group for t in m.themes}
        units = tuple(CarriedUnit(u, m, m is not me) for m in group for u in m.units)
        dm = DistinctMeasure(me, rows, tuple(sorted((t for t in themes if t.slug in slugs),
                                                    key=lambda t: theme_order[t.slug])), units)
        distinct.append(dm)
        for m in group:
            distinct_of[m.key].append(dm)

    by_district: dict[str, list[DistinctMeasure]] = defaultdict(list)
    by_theme: dict[str, list[DistinctMeasure]] = defaultdict(list)
    by_department: dict[str, list[DistinctMeasure]] = defaultdict(list)
    by_cell: dict[tuple[str, str], list[DistinctMeasure]] = defaultdict(list)
    for dm in distinct:
        by_district[dm.district.slug].append(dm)
        for t in dm.themes:
            by_theme[t.slug].append(dm)
            by_cell[(dm.district.slug, t.slug)].append(dm)
        for dept in dm.departments():
            by_department[dept.slug].append(dm)

    grouped: dict[tuple, list[TargetEntry]] = {}
    positions: dict[int, tuple[str, int]] = {}
    for me in measures:
        for pos, te in enumerate(me.targets):
            grouped.setdefault(target_dedup_key(te), []).append(te)
            positions[id(te)] = (me.key, pos)
    distinct_targets: list[DistinctTarget] = []
    target_of: dict[tuple[str, int], DistinctTarget] = {}
    for statements in grouped.values():
        # main-text statements first (stable: printed order within each group)
        ordered = sorted(statements, key=lambda te: te.measure.measure.kind not in MAIN_TEXT_KINDS)
        dt = DistinctTarget(tuple(ordered))
        distinct_targets.append(dt)
        for te in statements:
            target_of[positions[id(te)]] = dt
    targets_by_district: dict[str, list[DistinctTarget]] = defaultdict(list)
    targets_by_metric: dict[str, list[DistinctTarget]] = defaultdict(list)
    for dt in distinct_targets:
        targets_by_district[dt.district.slug].append(dt)
        targets_by_metric[dt.metric.slug].append(dt)

    def frozen(d: dict) -> Mapping:
        return MappingProxyType({k: tuple(v) for k, v in sorted(d.items())})

    return Relations(
        implements=MappingProxyType(dict(sorted(implements.items()))),
        implemented_by=frozen(implemented_by),
        distinct=tuple(distinct),
        distinct_of=frozen(distinct_of),
        distinct_by_district=frozen(by_district),
        distinct_by_theme=frozen(by_theme),
        distinct_by_department=frozen(by_department),
        distinct_by_district_theme=frozen(by_cell),
        targets=tuple(distinct_targets),
        targets_by_district=frozen(targets_by_district),
        targets_by_metric=frozen(targets_by_metric),
        target_of=MappingProxyType(target_of),
    )
