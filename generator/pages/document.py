"""Document pages: metadata, counts and every measure with a stable anchor; plus the index of documents."""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.index import (
    DISTINCT_MEASURE_DEFINITION,
    KIND_LABELS,
    KIND_ORDER,
    DocumentEntry,
    DocumentPart,
    Origin,
    SiteIndex,
    district_url,
    documents_index_url,
    flatten_outline,
    projects_url,
)
from generator.model import ATTRIBUTION_LABELS, UNDIVIDED_NOTE, FinalVersion, Section, reading
from generator.opendata.links import DownloadLinks, download_links
from generator.pages.common import (
    JumpLine,
    LinkView,
    MeasureView,
    Page,
    QuoteView,
    jump_line,
    measure_view,
    quote_view,
    shows_readings,
)


@dataclass(frozen=True, slots=True)
class CountView:
    count: int
    label: str  # says what one counted item is


@dataclass(frozen=True, slots=True)
class PolicyView:
    title: QuoteView
    doc_number: QuoteView | None
    relation: str


@dataclass(frozen=True, slots=True)
class SectionBlock:
    heading: str  # the section's own number and title, so the table of contents names each section once
    anchor: str
    measures: tuple[MeasureView, ...]
    parents: str = ""  # the headings above it (二、重点任务 / …), printed under the heading for context


@dataclass(frozen=True, slots=True)
class PartLink:
    """A page of a long document, named by the outline sections it holds."""

    number: int
    link: LinkView
    span: str  # first and last section label, each under the name of the annex that holds it (附件 …：)
    count: int  # items on the page


@dataclass(frozen=True, slots=True)
class DocumentPartPage:
    title: str
    document: LinkView
    part: PartLink
    total_parts: int
    previous: PartLink | None
    next: PartLink | None
    sections: tuple[SectionBlock, ...]
    readings: bool  # some item quotes damaged print with a reading: the marks are explained once


@dataclass(frozen=True, slots=True)
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
    counts: tuple[CountView, ...]  # every item recorded, per kind
    item_count: int  # every item recorded, table rows included
    distinct_count: int  # distinct measures (main-text measures with their rows, plus unlinked rows)


@dataclass(frozen=True, slots=True)
class FinalVersionView:
    """The issued version of a draft, as the editor found it on a government site."""
    title: str
    doc_number: str  # "" when the page gives none
    published: str  # YYYY-MM-DD
    url: str
    site: str  # the host of that address, for the link text


@dataclass(frozen=True, slots=True)
class DocumentPage:
    title: str
    short_title: str  # the name the site's lists, search results and part pages use, with the district; "" when it is the title
    roles_note: str  # model.UNDIVIDED_NOTE when the document does not divide 牵头 from 配合; else ""
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
    final_version: FinalVersionView | None  # a draft's issued version, when the editor found it
    policies: tuple[PolicyView, ...]
    source: LinkView
    official_url: str  # where the government published it; "" when not recorded
    official_site: str  # the host of that address, for the link text (a full address overflows phones)
    projects: LinkView | None  # the sortable key-project table, for documents that have one
    distinct_definition: str
    source_note: str
    attribution_method: str
    attribution_evidence: tuple[str, ...]
    doc_number_source: str
    last_verified: str
    data_file: Origin  # the YAML file: linked to the host's editor and to its history
    sections: tuple[SectionBlock, ...]  # a short document's items, on its page itself
    parts: tuple[PartLink, ...]  # a long document's pages (its items are there, not here)
    anchor_map: str  # for a long document: "anchor=page …" so that old anchors find their page
    readings: bool  # some item or policy on this page quotes damaged print with a reading
    damaged: tuple[LinkView, ...]  # every item of the document that quotes damaged print, in document order
    downloads: DownloadLinks  # the "下载本页数据" links


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One document's row in the documents index's one sortable table (districts in registry order,
    each district's documents together)."""

    anchor: str  # the district's anchor (documents_index_url: the home page links there) on its first row; "" on the others
    document: DocumentSummary


@dataclass(frozen=True, slots=True)
class DocumentsPage:
    document_count: int
    rows: tuple[DocumentRow, ...]  # every document, by district in registry order
    jump: JumpLine  # every district with its number of documents, linked to its first row (from JUMP_LINE_FROM districts on)
    total_items: int  # every item recorded, table rows included
    total_distinct: int  # distinct measures
    distinct_definition: str


def counts(entries) -> tuple[CountView, ...]:
    """Counts per measure kind, each with the words that say what one item is (the items counted
    in one pass, not once per kind)."""
    by_kind = Counter(m.measure.kind for m in entries)
    return tuple(CountView(by_kind[kind], KIND_LABELS[kind][1]) for kind in KIND_ORDER if by_kind[kind])


def summary(index: SiteIndex, doc: DocumentEntry) -> DocumentSummary:
    d = doc.document
    date = d.dates.written or d.dates.published
    items = index.measures_by_document.get(doc.id, ())
    return DocumentSummary(
        link=LinkView(d.short_title, doc.url),
        title=d.title,
        district=LinkView(doc.district.name, district_url(doc.district.slug)),
        doc_number=(d.doc_number or "未印文号") + ("" if d.doc_number_printed or not d.doc_number else "（原文未印）"),
        kind=d.kind.value,
        status=d.status.value + (f"（定稿 {d.consultation.final.published.isoformat()} 已印发）"
                                 if d.consultation and d.consultation.final else ""),
        is_draft=doc.is_draft,
        date=date.isoformat() if date else "日期未注明",  # beside the 文号 in one cell: named, not bare
        counts=counts(items),
        item_count=len(items),
        distinct_count=index.distinct_count(doc.id),
    )


def section_blocks(index: SiteIndex, doc: DocumentEntry, part: DocumentPart) -> tuple[SectionBlock, ...]:
    """The sections of one page of a document, each with its measures in printed order."""
    paths = {s.id: path for s, path in flatten_outline(doc.document.outline)}
    blocks = []
    for section_id, ids in part.sections:
        if ids:
            own = paths[section_id][-1]
            measures = tuple(_without_repeated_heading(measure_view(index, index.measure(f"{doc.id}/{mid}")), own)
                             for mid in ids)
            blocks.append(SectionBlock(own, f"sec-{section_id}", measures, " / ".join(paths[section_id][:-1])))
    return tuple(blocks)


def _squeezed(text: str) -> str:
    return "".join(filter(str.isalnum, text))


def _without_repeated_heading(view: MeasureView, section_label: str) -> MeasureView:
    """A goal paragraph that is the whole of its section repeats the section's heading: name it by its
    kind instead, so the table of contents shows each heading once."""
    if _squeezed(view.heading) == _squeezed(section_label):
        return dataclasses.replace(view, heading=view.kind_label)
    return view


ANNEX_NUMBERS = ("附件", "附表", "附录")  # a top-level outline section numbered or titled so is an annex


def annex_name(section: Section) -> str:
    """An annex named as printed above it, number and title apart: 附件 …重点任务清单, 附表1 规划重点项目库."""
    number, title = section.number.strip(), reading(section.title).strip()
    return f"{number} {title}" if number and title else number or title


def _annexes(doc: DocumentEntry) -> list[Section]:
    return [top for top in doc.document.outline
            if (top.number.strip() or reading(top.title).strip()).startswith(ANNEX_NUMBERS)]


def annex_of(doc: DocumentEntry, section_id: str) -> str:
    """The name of the annex a section lies inside ("" for a section of the main text, or the annex's
    own heading): the outline's sections are numbered afresh in an annex (一、 again), so a page of it
    named by its sections alone reads as a page of the main text."""
    for top in _annexes(doc):
        if any(s.id == section_id for s, _ in flatten_outline(top.children)):
            return annex_name(top)
    return ""


def part_span(doc: DocumentEntry, part: DocumentPart) -> str:
    """A page's first and last section label, under the name of the annex that holds them: once
    where both lie in it (附件 …清单：一、… — 二、…). An annex's own heading is its name."""
    names = {top.id: annex_name(top) for top in _annexes(doc)}
    (first_id, _), (last_id, _) = part.sections[0], part.sections[-1]
    first, last = names.get(first_id, part.first_label), names.get(last_id, part.last_label)
    first_annex, last_annex = annex_of(doc, first_id), annex_of(doc, last_id)
    if first_annex and first_annex == last_annex:
        return f"{first_annex}：{first}" if first == last else f"{first_annex}：{first} — {last}"
    first = f"{first_annex}：{first}" if first_annex else first
    last = f"{last_annex}：{last}" if last_annex else last
    return first if first == last else f"{first} — {last}"


def part_link(doc: DocumentEntry, part: DocumentPart) -> PartLink:
    count = sum(len(ids) for _, ids in part.sections)
    return PartLink(part.number, LinkView(f"第 {part.number} 页", part.url), part_span(doc, part), count)


def part_links(doc: DocumentEntry) -> tuple[PartLink, ...]:
    """Every page of a long document as its pages name it: found once for the document page (its
    list of pages) and each part page (itself, the one before and the one after), which each found
    them again (at 50× the corpus naming the pages took a fifth of the document pages' contexts,
    three quarters of it for names already found)."""
    return tuple(part_link(doc, p) for p in doc.parts)


def anchor_map(doc: DocumentEntry) -> str:
    """`anchor=page/` pairs: old links to an anchor of a long document's page find their new page."""
    pairs = []
    for part in doc.parts:
        for section_id, ids in part.sections:
            pairs += [f"sec-{section_id}={part.number}/"] + [f"{mid}={part.number}/" for mid in ids]
    return " ".join(dict.fromkeys(pairs))


def part_page(index: SiteIndex, doc: DocumentEntry, part: DocumentPart, links: tuple[PartLink, ...] | None = None) -> Page:
    """One page of a long document; ``links``: part_links (found when not given)."""
    links = part_links(doc) if links is None else links
    sections = section_blocks(index, doc, part)
    context = DocumentPartPage(
        title=doc.document.title,
        document=LinkView(doc.document.short_title, doc.url),
        part=links[part.number - 1],
        total_parts=len(links),
        previous=links[part.number - 2] if part.number > 1 else None,
        next=links[part.number] if part.number < len(links) else None,
        sections=sections,
        readings=shows_readings(m for block in sections for m in block.measures),
    )
    return Page(part.url.page, "document_part.md.j2", context, doc.origin.whole_file)


def document_page(index: SiteIndex, doc: DocumentEntry, links: tuple[PartLink, ...] | None = None) -> Page:
    """The document's page, or for a long document its overview; ``links``: part_links (found when not given)."""
    d = doc.document
    paged = len(doc.parts) > 1
    sections = () if paged else section_blocks(index, doc, doc.parts[0])
    policies = tuple(PolicyView(quote_view(p.title), quote_view(p.doc_number),
                                "贯彻落实" if p.relation == "implements" else "引用") for p in d.policies)
    short = d.short_title if doc.district.name in d.short_title else f"{doc.district.name} · {d.short_title}"
    context = DocumentPage(
        title=d.title,
        short_title="" if short == d.title else short,
        roles_note=UNDIVIDED_NOTE if index.undivided_document(d.id) else "",
        summary=summary(index, doc),
        notice_title=d.notice_title or "",
        doc_number_note="" if d.doc_number_printed else "文号来源见下方“地区认定”",
        issuer=d.issuer,
        written=d.dates.written.isoformat() if d.dates.written else "未注明",
        published=d.dates.published.isoformat() if d.dates.published else "未注明",
        printed_dates=tuple(d.dates.printed),
        consultation_deadline=d.consultation.deadline.isoformat() if d.consultation else "",
        consultation_deadline_printed=d.consultation.deadline_printed if d.consultation else "",
        consultation_channels=tuple(d.consultation.channels) if d.consultation else (),
        final_version=_final_version(d.consultation.final) if d.consultation and d.consultation.final else None,
        policies=policies,
        source=LinkView("原文全文（逐段编号）", doc.source_url),
        official_url=d.source.url,
        official_site=urlsplit(d.source.url).netloc,
        projects=(LinkView("重点项目表（可排序，含投资合计）", projects_url(d.id))
                  if d.id in index.projects_by_document else None),
        distinct_definition=DISTINCT_MEASURE_DEFINITION,
        source_note=d.source.format_note,
        attribution_method=ATTRIBUTION_LABELS[d.attribution.method],
        attribution_evidence=tuple(d.attribution.evidence),
        doc_number_source=d.attribution.doc_number_source,
        last_verified=d.last_verified.isoformat(),
        data_file=doc.origin.whole_file,
        sections=sections,
        parts=(part_links(doc) if links is None else links) if paged else (),
        anchor_map=anchor_map(doc) if paged else "",
        readings=shows_readings((m for block in sections for m in block.measures),
                                [q for p in policies for q in (p.title, p.doc_number)]),
        downloads=download_links(index, "documents", doc.id),
        damaged=tuple(LinkView(me.label, me.url) for me in index.measures_by_document.get(doc.id, ())
                      if me.quotes_damaged_print),
    )
    return Page(doc.url.page, "document.md.j2", context, doc.origin.whole_file)


def parts(index: SiteIndex) -> int:
    """The pages come in parts that a build's two processes share out: one per document, then the index."""
    return len(index.documents) + 1


def pages(index: SiteIndex, part: int | None = None) -> list[Page]:
    """Every page of the kind, or those of one part (``parts``)."""
    if part is None:
        return [page for p in range(parts(index)) for page in pages(index, p)]
    if part < len(index.documents):
        doc = index.documents[part]
        if len(doc.parts) == 1:
            return [document_page(index, doc)]
        links = part_links(doc)
        return [document_page(index, doc, links), *(part_page(index, doc, x, links) for x in doc.parts)]
    listed = [d for d in index.districts if index.documents_by_district.get(d.slug)]
    rows = tuple(DocumentRow(documents_index_url(d.slug).anchor if n == 0 else "", summary(index, doc))
                 for d in listed for n, doc in enumerate(index.documents_by_district[d.slug]))
    jump = jump_line("文件", ((d, len(index.documents_by_district[d.slug])) for d in listed), documents_index_url)
    return [Page("documents/index.md", "documents.md.j2",
                 DocumentsPage(len(index.documents), rows, jump, len(index.measures),
                               len(index.relations.distinct), DISTINCT_MEASURE_DEFINITION),
                 hide=("navigation", "toc"))]  # one wide table; no headings for a contents list


def _final_version(final: FinalVersion) -> FinalVersionView:
    return FinalVersionView(final.title, final.doc_number or "", final.published.isoformat(), final.url,
                            urlsplit(final.url).netloc)
