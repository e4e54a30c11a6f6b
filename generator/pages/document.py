"""Document pages: metadata, counts and every measure with a stable anchor; plus the index of documents."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.index import (
    DISTINCT_MEASURE_DEFINITION,
    KIND_LABELS,
    KIND_ORDER,
    DocumentEntry,
    SiteIndex,
    district_url,
    projects_url,
)
from generator.model import Section, reading
from generator.pages.common import LinkView, MeasureView, Page, measure_view, quote_view, QuoteView


@dataclass(frozen=True)
class CountView:
    count: int
    label: str  # says what one counted item is


@dataclass(frozen=True)
class PolicyView:
    title: QuoteView
    doc_number: QuoteView | None
    relation: str


@dataclass(frozen=True)
class SectionBlock:
    """One outline heading, printed once at the depth of the outline (## for a chapter, ### below it …),
    with the measures that stand directly under it one level deeper."""

    heading: str
    anchor: str
    level: int  # Markdown heading level of the section
    measures: tuple[MeasureView, ...]

    @property
    def measure_level(self) -> int:
        return min(self.level + 1, 6)


@dataclass(frozen=True)
class DocumentSummary:
    """One document as listed on index, district and home pages."""

    link: LinkView
    title: str
    district: LinkView
    doc_number: str
    kind: str
    status: str
    is_draft: bool
    date: str
    counts: tuple[CountView, ...]


@dataclass(frozen=True)
class DocumentPage:
    title: str
    summary: DocumentSummary
    notice_title: str
    doc_number_note: str
    issuer: str
    written: str
    published: str
    printed_dates: tuple[str, ...]
    consultation_deadline: str
    consultation_deadline_printed: str
    consultation_channels: tuple[str, ...]
    policies: tuple[PolicyView, ...]
    source: LinkView
    official_url: str  # where the government published it; "" when not recorded
    projects: LinkView | None  # the sortable key-project table, for documents that have one
    distinct_count: int  # distinct measures (main-text measures with their rows, plus unlinked rows)
    distinct_definition: str
    source_note: str
    attribution_method: str
    attribution_evidence: tuple[str, ...]
    doc_number_source: str
    last_verified: str
    sections: tuple[SectionBlock, ...]


@dataclass(frozen=True)
class DocumentsPage:
    documents: tuple[DocumentSummary, ...]
    total_measures: int


def counts(entries) -> tuple[CountView, ...]:
    """Counts per measure kind, each with the words that say what one item is."""
    out = []
    for kind in KIND_ORDER:
        n = sum(1 for m in entries if m.measure.kind == kind)
        if n:
            out.append(CountView(n, KIND_LABELS[kind][1]))
    return tuple(out)


def summary(doc: DocumentEntry) -> DocumentSummary:
    d = doc.document
    date = d.dates.written or d.dates.published
    return DocumentSummary(
        link=LinkView(d.short_title, doc.url),
        title=d.title,
        district=LinkView(doc.district.name, district_url(doc.district.slug)),
        doc_number=d.doc_number or "未印文号",
        kind=d.kind.value,
        status=d.status.value,
        is_draft=doc.is_draft,
        date=date.isoformat() if date else "未注明",
        counts=counts(doc.measures),
    )


def _label(section: Section) -> str:
    return f"{section.number}{reading(section.title)}"


def _blocks(index: SiteIndex, doc: DocumentEntry, sections: list[Section], depth: int = 0) -> list[SectionBlock]:
    """Headings of the sections that hold measures (directly or below them), each printed once."""
    out: list[SectionBlock] = []
    for section in sections:
        entries = [m for m in doc.measures if m.measure.section == section.id]
        views = tuple(_without_repeated_heading(measure_view(index, m), section) for m in entries)
        below = _blocks(index, doc, section.children, depth + 1)
        if views or below:
            out.append(SectionBlock(_label(section), f"sec-{section.id}", min(2 + depth, 6), views))
            out.extend(below)
    return out


def _squeezed(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _without_repeated_heading(view: MeasureView, section: Section) -> MeasureView:
    """A goal paragraph that is the whole of its section repeats the section's heading: name it by its
    kind instead, so the table of contents shows each heading once."""
    if _squeezed(view.heading) == _squeezed(_label(section)):
        return dataclasses.replace(view, heading=view.kind_label)
    return view


def document_page(index: SiteIndex, doc: DocumentEntry) -> Page:
    d = doc.document
    blocks = _blocks(index, doc, d.outline)
    context = DocumentPage(
        title=d.title,
        summary=summary(doc),
        notice_title=d.notice_title or "",
        doc_number_note="" if d.doc_number_printed else "（原文未印，来源见下方“地区认定”）",
        issuer=d.issuer,
        written=d.dates.written.isoformat() if d.dates.written else "未注明",
        published=d.dates.published.isoformat() if d.dates.published else "未注明",
        printed_dates=tuple(d.dates.printed),
        consultation_deadline=d.consultation.deadline.isoformat() if d.consultation else "",
        consultation_deadline_printed=d.consultation.deadline_printed if d.consultation else "",
        consultation_channels=tuple(d.consultation.channels) if d.consultation else (),
        policies=tuple(PolicyView(quote_view(p.title), quote_view(p.doc_number),
                                  "贯彻落实" if p.relation == "implements" else "引用") for p in d.policies),
        source=LinkView("原文全文（逐段编号）", doc.source_url),
        official_url=d.source.url,
        projects=LinkView("重点项目表（可排序，含投资合计）", projects_url(d.id)) if d.id in index.projects_by_document else None,
        distinct_count=sum(1 for m in doc.measures for dm in index.relations.distinct_of.get(m.key, ()) if dm.measure is m),
        distinct_definition=DISTINCT_MEASURE_DEFINITION,
        source_note=d.source.format_note,
        attribution_method="原文写明" if d.attribution.method == "printed" else "推断（原文未写明地区）",
        attribution_evidence=tuple(d.attribution.evidence),
        doc_number_source=d.attribution.doc_number_source,
        last_verified=d.last_verified.isoformat(),
        sections=tuple(blocks),
    )
    return Page(doc.url.page, "document.md.j2", context)


def pages(index: SiteIndex) -> list[Page]:
    out = [document_page(index, doc) for doc in index.documents]
    out.append(Page("documents/index.md", "documents.md.j2",
                    DocumentsPage(tuple(summary(d) for d in index.documents), len(index.measures))))
    return out
