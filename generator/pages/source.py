"""The original text of each document, one numbered paragraph per non-empty line. A long text
is shown on several pages (generator.index.source_parts) under an overview that lists them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.index import DocumentEntry, SiteIndex
from generator.model import EXPORT_BOOKMARK
from generator.pages.common import LinkView, Page

# Bookmarks a word processor's plain-text export writes at the start of a line ([bookmark: _Hlk117096641]):
# part of the source file, so shown, but set apart from the printed words (the document's format_note
# says they are there).
EXPORT_MARKS = re.compile(rf"^(?:{EXPORT_BOOKMARK.pattern})+")


@dataclass(frozen=True, slots=True)
class ParagraphView:
    number: int
    export_marks: str  # the line's leading export bookmarks, shown muted; "" when it has none
    text: str  # the rest of the line: export_marks + text is the source line, character for character
    measures: tuple[LinkView, ...]  # the items that start in this paragraph


def paragraph_view(number: int, line: str, measures: tuple[LinkView, ...]) -> ParagraphView:
    found = EXPORT_MARKS.match(line)
    marks = found.group(0) if found else ""
    return ParagraphView(number, marks, line[len(marks):], measures)


@dataclass(frozen=True, slots=True)
class SourcePage:
    title: str
    document: LinkView
    file_name: str
    format_note: str
    paragraphs: tuple[ParagraphView, ...]  # a short text in full; empty for a long one
    parts: tuple[tuple[LinkView, int, int], ...]  # a long text's pages: link, first and last paragraph
    anchor_map: str  # for a long text: "p12=1 …" so that old paragraph links find their page
    part: int  # the page number of this part; 0 for the overview or a short text
    total_parts: int


def _paragraphs(index: SiteIndex, doc: DocumentEntry, first: int, last: int) -> tuple[ParagraphView, ...]:
    starting: dict[int, list[LinkView]] = {}
    for me in index.measures_by_document.get(doc.id, ()):
        if me.source_paragraph is not None and first <= me.source_paragraph <= last:
            starting.setdefault(me.source_paragraph, []).append(LinkView(me.label, me.url))
    return tuple(paragraph_view(p.number, p.text, tuple(starting.get(p.number, ())))
                 for p in doc.paragraphs[first - 1:last])


def source_pages(index: SiteIndex, doc: DocumentEntry) -> list[Page]:
    d = doc.document
    base: dict[str, Any] = dict(title=d.title, document=LinkView(d.short_title, doc.url), file_name=d.source.file,
                format_note=d.source.format_note, total_parts=len(doc.source_parts))
    if not doc.source_parts:
        context = SourcePage(**base, paragraphs=_paragraphs(index, doc, 1, len(doc.paragraphs)), parts=(),
                             anchor_map="", part=0)
        return [Page(doc.source_url.page, "source.md.j2", context)]
    parts = tuple((LinkView(f"第 {p.number} 页", p.url), p.first, p.last) for p in doc.source_parts)
    anchors = " ".join(f"p{n}={p.number}/" for p in doc.source_parts for n in range(p.first, p.last + 1))
    out = [Page(doc.source_url.page, "source.md.j2", SourcePage(**base, paragraphs=(), parts=parts,
                                                                   anchor_map=anchors, part=0))]
    for p in doc.source_parts:
        out.append(Page(p.url.page, "source.md.j2", SourcePage(
            **{**base, "document": LinkView(d.short_title, doc.url)},
            paragraphs=_paragraphs(index, doc, p.first, p.last), parts=parts, anchor_map="", part=p.number)))
    return out


def pages(index: SiteIndex) -> list[Page]:
    return [page for doc in index.documents for page in source_pages(index, doc)]
