"""The original text of each document, one numbered paragraph per non-empty line."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import DocumentEntry, SiteIndex, SourceParagraph
from generator.pages.common import LinkView, Page


@dataclass(frozen=True)
class SourcePage:
    title: str
    document: LinkView
    file_name: str
    format_note: str
    paragraphs: tuple[SourceParagraph, ...]


def source_page(doc: DocumentEntry) -> Page:
    d = doc.document
    context = SourcePage(d.title, LinkView(d.short_title, doc.url), d.source.file, d.source.format_note, doc.paragraphs)
    return Page(doc.source_url.page, "source.md.j2", context)


def pages(index: SiteIndex) -> list[Page]:
    return [source_page(doc) for doc in index.documents]
