"""The immutable site index: every look-up, grouping and URL is decided here, once.

Pages read the index; they never look anything up in the raw corpus and never
change the index. Sorting happens here with explicit keys.
"""
from __future__ import annotations

import bisect
import dataclasses
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
    query: str = ""  # e.g. the compare view's selection, `d=jiangjin,tongliang`

    def with_anchor(self, anchor: str) -> "Url":
        return Url(self.page, anchor, self.query)

    @property
    def suffix(self) -> str:
        """`?query#anchor` as far as they are set."""
        return (f"?{self.query}" if self.query else "") + (f"#{self.anchor}" if self.anchor else "")

    @property
    def site_path(self) -> str:
        """Address in the built site relative to its root (MkDocs directory URLs)."""
        if self.page == "index.md":
            path = ""
        elif self.page.endswith("/index.md"):
            path = self.page[: -len("index.md")]
        else:
            path = self.page[: -len(".md")] + "/"
        return path + self.suffix


def relative(from_page: str, url: Url) -> str:
    """Link from one docs page to another page (and anchor), through the site root.

    `../` once per folder of the linking page, then the target's path: valid from any page,
    cheap (no path arithmetic), and the same for every page at one depth, so a fragment that
    holds links can be rendered once per depth and reused.
    """
    if url.page == from_page and not url.query:
        target = ""
    else:
        target = "../" * from_page.count("/") + url.page
    return target + url.suffix


def site_relative(from_page: str, url: Url) -> str:
    """Link for raw HTML (SVG, attributes), which the site engine does not rewrite: the built
    page's address relative to the built page that links to it (directory URLs)."""
    depth = Url(from_page).site_path.count("/")
    return "../" * depth + url.site_path


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


def theme_district_url(theme: str, district: str) -> Url:
    return Url(f"themes/{theme}/{district}.md")


def department_district_url(department: str, district: str) -> Url:
    return Url(f"departments/{department}/{district}.md")


@dataclass(frozen=True)
class UnitEntry:
    """One printed unit of a measure, resolved to its department."""

    printed: str
    reading: str
    quote: Quote
    role: str
    department: Department


@dataclass(frozen=True, eq=False)
class TargetEntry:
    """A target with what it is compared by; its measure is named by key (no back-reference)."""

    target: Target
    metric: Metric
    measure_key: str
    measure_label: str
    measure_url: Url
    district: District
    document_title: str  # the document's short title
    is_draft: bool


@dataclass(frozen=True, eq=False)
class MeasureEntry:
    key: str  # globally unique: "<doc-id>/<measure-id>"
    measure: Measure
    document: "DocumentEntry"
    section_path: tuple[Section, ...]
    units: tuple[UnitEntry, ...]
    themes: tuple[Theme, ...]
    source_paragraph: int | None  # 1-based paragraph of the source page where the text starts
    url: Url
    label: str  # how the measure is named in lists: number and title, or the start of its text
    targets: tuple[TargetEntry, ...]

    @property
    def district(self) -> District:
        return self.document.district

    def units_in(self, role: str) -> tuple[UnitEntry, ...]:
        return tuple(u for u in self.units if u.role == role)

    @property
    def full_text(self) -> str:
        """Title and text as read (repaired where the print is damaged)."""
        parts = [reading(self.measure.title)] if self.measure.title is not None else []
        parts.append(reading(self.measure.text))
        return "".join(parts)


def measure_label(m: Measure) -> str:
    """Number and title, or the project name, or the start of the text."""
    head = reading(m.title) if m.title is not None else ""
    if not head and m.project is not None:
        head = m.project.name
    if not head:
        text = reading(m.text)
        head = text if len(text) <= 40 else text[:40] + "…"
    return f"{m.number} {head}".strip() if m.number else head


@dataclass(frozen=True)
class SourceParagraph:
    number: int
    text: str


@dataclass(frozen=True)
class DocumentPart:
    """A page of a long document: consecutive outline sections (a long section is cut into runs)."""

    number: int
    url: Url
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # section id and the ids of its measures on this page
    first_label: str
    last_label: str


@dataclass(frozen=True)
class SourcePart:
    """A page of a long source text: consecutive paragraphs."""

    number: int
    url: Url
    first: int
    last: int


@dataclass(frozen=True, eq=False)
class DocumentEntry:
    document: Document
    district: District
    source_text: str
    paragraphs: tuple[SourceParagraph, ...]
    url: Url  # the document's page; for a long document, its overview
    source_url: Url  # the source text's page; for a long text, its overview
    parts: tuple[DocumentPart, ...]  # one part: every measure is on the document page itself
    source_parts: tuple[SourcePart, ...]

    def paragraph_url(self, number: int) -> Url:
        """Where source paragraph `number` is shown."""
        for part in self.source_parts:
            if part.first <= number <= part.last:
                return part.url.with_anchor(f"p{number}")
        return self.source_url.with_anchor(f"p{number}")

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def is_draft(self) -> bool:
        return self.document.status == Status.draft


def strongest_role(me: MeasureEntry, department: str) -> str:
    """The strongest role a department has in a measure: lead > joint > support."""
    roles = {u.role for u in me.units if u.department.slug == department}
    return next(r for r in ("lead", "joint", "support") if r in roles)


@dataclass(frozen=True, eq=False)
class SiteIndex:
    """Every look-up and grouping pages need, built once; tuples are in display order."""

    districts: tuple[District, ...]
    documents: tuple[DocumentEntry, ...]
    measures: tuple[MeasureEntry, ...]
    themes: tuple[Theme, ...]
    departments: tuple[Department, ...]
    metrics: tuple[Metric, ...]
    district_by_slug: Mapping[str, District]
    theme_by_slug: Mapping[str, Theme]
    department_by_slug: Mapping[str, Department]
    metric_by_slug: Mapping[str, Metric]
    measure_by_key: Mapping[str, MeasureEntry]
    documents_by_district: Mapping[str, tuple[DocumentEntry, ...]]
    measures_by_document: Mapping[str, tuple[MeasureEntry, ...]]
    measures_by_district: Mapping[str, tuple[MeasureEntry, ...]]
    measures_by_theme: Mapping[str, tuple[MeasureEntry, ...]]
    measures_by_theme_district: Mapping[tuple[str, str], tuple[MeasureEntry, ...]]
    measures_by_department: Mapping[str, tuple[MeasureEntry, ...]]
    measures_by_department_district: Mapping[tuple[str, str], tuple[MeasureEntry, ...]]
    role_of: Mapping[tuple[str, str], str]  # (measure key, department) → strongest role
    targets_by_metric: Mapping[str, tuple[TargetEntry, ...]]
    targets_by_theme_district: Mapping[tuple[str, str], tuple[TargetEntry, ...]]  # metric's themes only
    similar: Mapping[str, tuple["Similarity", ...]] = field(default_factory=lambda: MappingProxyType({}))

    def district(self, slug: str) -> District:
        return self.district_by_slug[slug]

    def measure(self, key: str) -> MeasureEntry:
        return self.measure_by_key[key]

    def districts_in_region(self, region: str) -> tuple[District, ...]:
        return tuple(d for d in self.districts if d.region.value == region)


@dataclass(frozen=True)
class Similarity:
    """Why one measure is listed as similar to another."""

    other: str  # measure key
    score: float
    shared_themes: tuple[str, ...]
    shared_terms: tuple[str, ...]


MEASURES_PER_PAGE = 30  # a long document's page holds at most this many items (under 150 KB of HTML)
SOURCE_CHARS_PER_PAGE = 15_000  # a long source text's page holds about this many characters


def section_label(section: Section) -> str:
    return f"{section.number}{reading(section.title)}"


def flatten_outline(sections, prefix: tuple[str, ...] = ()):
    """Every section in outline order with the labels of its path."""
    for s in sections:
        labels = prefix + (section_label(s),)
        yield s, labels
        yield from flatten_outline(s.children, labels)


def document_parts(doc: Document) -> tuple[DocumentPart, ...]:
    """Cut a document into pages of at most MEASURES_PER_PAGE items, along its outline."""
    runs: list[tuple[Section, list[str]]] = []  # (section, measure ids) in outline order
    for section, _ in flatten_outline(doc.outline):
        ids = [m.id for m in doc.measures if m.section == section.id]
        for start in range(0, len(ids), MEASURES_PER_PAGE):
            runs.append((section, ids[start:start + MEASURES_PER_PAGE]))
    if sum(len(ids) for _, ids in runs) <= MEASURES_PER_PAGE:
        return (DocumentPart(1, document_url(doc.id), tuple((s.id, tuple(ids)) for s, ids in runs), "", ""),)
    pages: list[list[tuple[Section, list[str]]]] = [[]]
    for run in runs:
        if pages[-1] and sum(len(ids) for _, ids in pages[-1]) + len(run[1]) > MEASURES_PER_PAGE:
            pages.append([])
        pages[-1].append(run)
    return tuple(
        DocumentPart(k, Url(f"documents/{doc.id}/{k}.md"), tuple((s.id, tuple(ids)) for s, ids in page),
                     section_label(page[0][0]), section_label(page[-1][0]))
        for k, page in enumerate(pages, start=1)
    )


def source_parts(doc_id: str, paragraphs: tuple[SourceParagraph, ...]) -> tuple[SourcePart, ...]:
    """Cut a long source text into pages of about SOURCE_CHARS_PER_PAGE characters."""
    if sum(len(p.text) for p in paragraphs) <= SOURCE_CHARS_PER_PAGE:
        return ()
    parts: list[list[SourceParagraph]] = [[]]
    for p in paragraphs:
        if parts[-1] and sum(len(q.text) for q in parts[-1]) + len(p.text) > SOURCE_CHARS_PER_PAGE:
            parts.append([])
        parts[-1].append(p)
    return tuple(SourcePart(k, Url(f"sources/{doc_id}/{k}.md"), part[0].number, part[-1].number)
                 for k, part in enumerate(parts, start=1))


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


def _frozen(groups: dict) -> Mapping:
    return MappingProxyType({k: tuple(v) for k, v in sorted(groups.items())})


def build_index(corpus: Corpus, similarity=None) -> SiteIndex:
    """Resolve every reference once. ``similarity`` computes similar-measure links."""
    districts = {d.slug: d for d in corpus.districts.districts}
    themes = {t.slug: t for t in corpus.themes.themes}
    metrics = {m.slug: m for m in corpus.metrics.metrics}
    departments = {d.slug: d for d in corpus.departments.departments}
    by_alias = {alias: dept for dept in corpus.departments.departments for alias in dept.aliases}
    order = _district_order(corpus)

    loaded_docs: list[LoadedDocument] = sorted(
        corpus.documents, key=lambda d: (order[d.document.district], d.document.id)
    )
    doc_entries: list[DocumentEntry] = []
    by_document: dict[str, list[MeasureEntry]] = {}
    for loaded in loaded_docs:
        doc = loaded.document
        paragraphs, starts = split_paragraphs(loaded.source_text or "")
        parts = document_parts(doc)
        part_of = {mid: part for part in parts for _, ids in part.sections for mid in ids}
        entry = DocumentEntry(doc, districts[doc.district], loaded.source_text or "", paragraphs,
                              document_url(doc.id), source_url(doc.id), parts, source_parts(doc.id, paragraphs))
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
            key, url, label = f"{doc.id}/{m.id}", part_of[m.id].url.with_anchor(m.id), measure_label(m)
            targets = tuple(TargetEntry(t, metrics[t.metric], key, label, url, entry.district,
                                        doc.short_title, entry.is_draft) for t in m.targets)
            measures.append(MeasureEntry(
                key=key, measure=m, document=entry, section_path=paths[m.section], units=units,
                themes=tuple(themes[t] for t in m.themes), source_paragraph=paragraph, url=url, label=label,
                targets=targets,
            ))
        doc_entries.append(entry)
        by_document[doc.id] = measures
    all_measures = [me for d in doc_entries for me in by_document[d.id]]

    by_district: dict[str, list[DocumentEntry]] = defaultdict(list)
    for d in doc_entries:
        by_district[d.district.slug].append(d)
    measures_by_district: dict[str, list[MeasureEntry]] = defaultdict(list)
    by_theme: dict[str, list[MeasureEntry]] = defaultdict(list)
    by_theme_district: dict[tuple[str, str], list[MeasureEntry]] = defaultdict(list)
    by_department: dict[str, list[MeasureEntry]] = defaultdict(list)
    by_department_district: dict[tuple[str, str], list[MeasureEntry]] = defaultdict(list)
    role_of: dict[tuple[str, str], str] = {}
    by_metric: dict[str, list[TargetEntry]] = defaultdict(list)
    targets_by_theme_district: dict[tuple[str, str], list[TargetEntry]] = defaultdict(list)
    for me in all_measures:
        district = me.district.slug
        measures_by_district[district].append(me)
        for t in me.themes:
            by_theme[t.slug].append(me)
            by_theme_district[(t.slug, district)].append(me)
        for slug in dict.fromkeys(u.department.slug for u in me.units):
            by_department[slug].append(me)
            by_department_district[(slug, district)].append(me)
            role_of[(me.key, slug)] = strongest_role(me, slug)
        for te in me.targets:
            by_metric[te.metric.slug].append(te)
            # a target belongs to a theme when its metric does, not because its paragraph does
            for theme in te.metric.themes:
                targets_by_theme_district[(theme, district)].append(te)

    index = SiteIndex(
        districts=tuple(corpus.districts.districts),
        documents=tuple(doc_entries),
        measures=tuple(all_measures),
        themes=tuple(corpus.themes.themes),
        departments=tuple(sorted(corpus.departments.departments, key=lambda d: d.slug)),
        metrics=tuple(corpus.metrics.metrics),
        district_by_slug=MappingProxyType(districts),
        theme_by_slug=MappingProxyType(themes),
        department_by_slug=MappingProxyType(departments),
        metric_by_slug=MappingProxyType(metrics),
        measure_by_key=MappingProxyType({m.key: m for m in all_measures}),
        documents_by_district=_frozen(by_district),
        measures_by_document=_frozen(by_document),
        measures_by_district=_frozen(measures_by_district),
        measures_by_theme=_frozen(by_theme),
        measures_by_theme_district=_frozen(by_theme_district),
        measures_by_department=_frozen(by_department),
        measures_by_department_district=_frozen(by_department_district),
        role_of=MappingProxyType(role_of),
        targets_by_metric=_frozen(by_metric),
        targets_by_theme_district=_frozen(targets_by_theme_district),
    )
    if similarity is not None:
        index = dataclasses.replace(index, similar=MappingProxyType(similarity(index)))
    return index
