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
from pathlib import Path
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


REPOSITORY_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Origin:
    """Where a record is written: its YAML file's path in the repository, and the record's line
    (None: the file as a whole). Edit links are made from it."""

    path: str
    line: int | None = None

    @property
    def whole_file(self) -> "Origin":
        return Origin(self.path, None)


def repository_path(data_root: Path, file: Path) -> str:
    """A data file's path in the repository; a corpus kept elsewhere (synthetic, copied in a test)
    is named as if it were site_data/."""
    resolved = file.resolve()
    try:
        return resolved.relative_to(REPOSITORY_ROOT).as_posix()
    except ValueError:
        return "site_data/" + resolved.relative_to(data_root.resolve()).as_posix()


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
    origin: Origin  # the measure's line in its document's YAML file
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
    origin: Origin  # the document's YAML file (line of its `id:`)
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
    similar: Mapping[str, tuple["Similarity", ...]] = field(default_factory=lambda: MappingProxyType({}))
    # where each registry entry is written, keyed by (registry file, slug): ("themes.yaml", "energy")
    registry_origins: Mapping[tuple[str, str], Origin] = field(default_factory=lambda: MappingProxyType({}))

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
        file = repository_path(corpus.root, Path(loaded.yaml.path))
        entry = DocumentEntry(doc, districts[doc.district], loaded.source_text or "", paragraphs,
                              document_url(doc.id), source_url(doc.id), Origin(file, loaded.yaml.where(("id",))[0]))
        paths = _section_paths(doc.outline)
        measures: list[MeasureEntry] = []
        cursor = 0  # measures are in printed order: look for each one after the previous one
        for i, m in enumerate(doc.measures):
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
                url=entry.url.with_anchor(m.id), origin=Origin(file, loaded.yaml.where(("measures", i))[0]),
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

    registry_origins = {}
    for name, loaded_registry in corpus.registry_yaml.items():
        file = repository_path(corpus.root, Path(loaded_registry.path))
        key = name.removesuffix(".yaml")
        for i, item in enumerate((loaded_registry.data or {}).get(key) or []):
            if isinstance(item, dict) and isinstance(item.get("slug"), str):
                registry_origins[(name, item["slug"])] = Origin(file, loaded_registry.where((key, i))[0])

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
        registry_origins=MappingProxyType(registry_origins),
    )
    if similarity is not None:
        index = dataclasses.replace(index, similar=MappingProxyType(similarity(index)))
    return index
