"""The original text of each document, one numbered paragraph per non-empty line."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import DocumentEntry, SiteIndex
from generator.pages.common import LinkView, Page


@dataclass(frozen=True)
class ParagraphView:
    number: int
    text: str
    measures: tuple[LinkView, ...]  # the items that start in this paragraph


@dataclass(frozen=True)
class SourcePage:
    title: str
    document: LinkView
    file_name: str
    format_note: str
    paragraphs: tuple[ParagraphView, ...]


def source_page(doc: DocumentEntry) -> Page:
    d = doc.document
    starting: dict[int, list[LinkView]] = {}
    for me in doc.measures:
        if me.source_paragraph is not None:
            starting.setdefault(me.source_paragraph, []).append(LinkView(me.label, me.url))
    paragraphs = tuple(ParagraphView(p.number, p.text, tuple(starting.get(p.number, ()))) for p in doc.paragraphs)
    context = SourcePage(d.title, LinkView(d.short_title, doc.url), d.source.file, d.source.format_note, paragraphs)
    return Page(doc.source_url.page, "source.md.j2", context)


def pages(index: SiteIndex) -> list[Page]:
    return [source_page(doc) for doc in index.documents]
