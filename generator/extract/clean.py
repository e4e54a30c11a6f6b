"""Split the verbatim text into paragraphs for parsing, without conversion artefacts.

Every paragraph returned is the source's own characters: either one line (trimmed, with Word's
`[bookmark: …]` tags dropped from its start) or, for an OCR copy cut into page chunks (`12、…`),
the chunks' text joined by `…` (model.GAP), which the quote check reads as "other printed text
intervenes". So quotes taken from paragraphs stay verbatim. Full- and half-width punctuation are
left as printed; the parsers' patterns accept both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import EXPORT_BOOKMARK, GAP

PAGE_CHUNK = re.compile(r"^(\d{1,3})、")
# Lines a document-sharing site or a government portal adds around the text.
BOILERPLATE = re.compile(
    r"由会员分享|可在线阅读|更多相关|下载积分|文档分享|VIP|原创力文档|道客巴巴|百度文库|豆丁|"
    r"扫一扫在手机打开|关注公众号|^分享到|版权所有|网站标识码|^主办[:：]|^承办[:：]|ICP备|公网安备|^www\.|"
    r"^(国务院部门网站|地方政府网站|市政府部门网站|区县政府网站|其他网站|字号|打印|关闭|分享到)\s*$")
# Where a portal's footer begins: everything after is not part of the document.
FOOTER = re.compile(r"^(部门解读|媒体视角|一图读懂|相关链接|相关文件|扫一扫在手机打开当前页)[:：]?")
SPACES = " \t\u3000\u00a0"
# A table-of-contents line: a heading followed by its page number (`第一章 现状与形势 3`).
TOC_LINE = re.compile(r"^(第[一二三四五六七八九十]+章|[（(][一二三四五六七八九十]+[）)]|附表\s*\d|附件\s*\d?)"
                      r"[^。，,]{1,40}\s+\d{1,3}$")


@dataclass(frozen=True)
class Paragraphs:
    items: tuple[str, ...]
    page_chunked: bool  # an OCR copy whose lines are page chunks, now joined by GAP
    dropped: tuple[str, ...]  # boilerplate lines left out (for the summary)


def clean_line(line: str) -> str:
    """One line without bookmark tags and surrounding blanks (still a substring of the source)."""
    return EXPORT_BOOKMARK.sub("", line).strip()


def _page_chunked(lines: list[str]) -> bool:
    numbered = [int(m.group(1)) for m in (PAGE_CHUNK.match(x) for x in lines) if m]
    rising = sum(1 for a, b in zip(numbered, numbered[1:], strict=False) if b == a + 1)
    return len(lines) >= 3 and len(numbered) >= 0.6 * len(lines) and rising >= 0.8 * (len(numbered) - 1)


def split_paragraphs(text: str) -> Paragraphs:
    raw = [x for x in text.split("\n")]
    lines = [clean_line(x) for x in raw]
    lines = [x for x in lines if x]
    dropped: list[str] = []
    kept: list[str] = []
    for i, line in enumerate(lines):
        if FOOTER.match(line) and i > len(lines) // 2:
            dropped.extend(lines[i:])
            break
        if BOILERPLATE.search(line):
            dropped.append(line)
            continue
        kept.append(line)
    toc = [x for x in kept if TOC_LINE.match(x) or x in ("目录", "目 录")]
    dropped += toc
    kept = [x for x in kept if x not in toc]
    if not _page_chunked(kept):
        return Paragraphs(tuple(kept), False, tuple(dropped))
    chunks = [PAGE_CHUNK.sub("", x, count=1).strip(SPACES) for x in kept]
    return Paragraphs(tuple(_split_stream(GAP.join(c for c in chunks if c))), True, tuple(dropped))


# In a run-on OCR stream a new paragraph starts where a sentence ends and a number follows.
_INLINE_START = re.compile(
    r"(?<=[。；;])\s*(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十-]{1,3}[）)]|\d{1,2}\s?[.．,，]\s?)"
    r"[\u4e00-\u9fff“])")


# `一、总体要求(一)指导思想。…`, `(-)健全…体系1 ,强化…`, `…清单附件区…`: a heading run into what follows
_AFTER_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、[^，,。；;]{2,24}?(?=[（(][一二三四五六七八九十-]{1,3}[）)])|"
    r"[（(][一二三四五六七八九十-]{1,3}[）)][^，,。；;]{2,30}?(?=\d{1,2}\s?[.．,，]\s?[\u4e00-\u9fff]))")


def _split_headings(paragraph: str) -> list[str]:
    m = _AFTER_HEADING.match(paragraph)
    if not m:
        return [paragraph]
    return [paragraph[:m.end()], *_split_headings(paragraph[m.end():])]


def _split_stream(stream: str) -> list[str]:
    out: list[str] = []
    for part in _split_runs(stream):
        annex = re.search(r"附件(?=[\u4e00-\u9fff])", part)
        listing = re.search(r"(?<=[。；;])附件[:：]", part)
        if listing and annex and annex.start() > listing.end():
            # `…营造良好氛围。附件:区加快…清单附件区加快…`: the list of attachments after the last
            # sentence is not body text; the annex itself begins at the next 附件
            pieces = [part[:listing.start()], part[annex.start():]]
        else:
            pieces = [part[:annex.start()], part[annex.start():]] if annex and annex.start() > 0 else [part]
        for piece in pieces:
            out.extend(_split_headings(piece))
    return [p.strip(SPACES + GAP) for p in out if p.strip(SPACES + GAP)]


# `…系统(X11 .倡导…`: OCR junk before a number hides the sentence end; the next number in sequence,
# printed with the OCR copy's spacing `11 .`, still starts an item
_SPACED_NUMBER = re.compile(r"(?<!\d)(\d{1,2}) [.．,，] ?(?=[\u4e00-\u9fff])")


def _split_runs(stream: str) -> list[str]:
    cuts = {m.end() for m in _INLINE_START.finditer(stream)}
    last = 0
    for m in _SPACED_NUMBER.finditer(stream):
        number = int(m.group(1))
        if number == last + 1:
            cuts.add(m.start())
            last = number
        elif number == 1:
            last = 1
    parts = []
    start = 0
    for cut in sorted(cuts):
        if cut > start:
            parts.append(stream[start:cut])
            start = cut
    parts.append(stream[start:])
    return parts
