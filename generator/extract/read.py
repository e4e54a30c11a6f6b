"""Turn a published file (plain text, saved HTML page, .docx, PDF with a text layer) into text.

The text returned is what the draft's quotes are checked against: it is written beside the draft as
the document's source text, unchanged.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path


class ExtractError(Exception):
    """A problem with the input an editor can fix; carries the exit code (1 bad input, 2 usage)."""

    def __init__(self, message: str, hint: str = "", exit_code: int = 1):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code


@dataclass(frozen=True)
class SourceText:
    text: str
    format: str  # txt | html | docx | pdf
    notes: tuple[str, ...] = ()


OFFICE_FORMATS = (".doc", ".wps", ".et", ".dps", ".xls", ".ppt", ".rtf")
_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_HAN = 20  # fewer Chinese characters than this is not a policy text


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096]:
        if path.suffix.lower() in OFFICE_FORMATS:  # a Word 97 or WPS file: saved again, it can be read
            raise ExtractError(f"{path} 是旧版 Word（.doc）或 WPS 格式的文件，extract 读不了",
                               "用 WPS 或 Word 打开它，“另存为” .docx（Word 文档）后再运行 extract")
        raise ExtractError(f"{path} 是二进制文件，不是文字", "请给出 .txt、.html、.docx 或 .pdf 文件")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise ExtractError(f"{path} 既不是 UTF-8 文本，也不是 GBK 文本（第 {exc.start} 字节）",
                               "在编辑器里把文件另存为 UTF-8 编码的文本") from None
        raise ExtractError(f"{path} 不是 UTF-8 编码，看起来是 GBK 编码（第 {exc.start} 字节）",
                           f"先转换编码，如 `iconv -f GBK -t UTF-8 {path.name} > new.txt`，"
                           "或在编辑器里另存为 UTF-8；原文必须是 UTF-8，才能逐字核对引文") from None


def _html_text(data: bytes, path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]):
        tag.decompose()
    body = soup.body or soup
    # one line per block: cells of a table become one line each, as in the flattened tables of the corpus
    return body.get_text("\n", strip=True)


def _docx_text(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ExtractError(f"{path} 不是能读取的 .docx 文件（文件损坏、不完整，或其实是别的格式）",
                           "用 WPS 或 Word 打开后重新另存为 .docx") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                seen: list[int] = []
                for cell in row.cells:  # merged cells repeat: print each once
                    if id(cell._tc) in seen:
                        continue
                    seen.append(id(cell._tc))
                    lines.append(cell.text)
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    # PDFium (pypdfium2) reads the CID-keyed CJK fonts that pdfminer-based readers return as nothing
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise ExtractError(f"{path} 不是能读取的 PDF 文件（PDF 阅读程序无法打开它：文件损坏、不完整或不是 PDF）",
                           "重新下载这个 PDF，或用 WPS 打开后重新导出为 PDF") from None
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return unwrap("\n".join(pages))


_ENDS_PARAGRAPH = re.compile(r"[。！？；：:）)」”]\s*$")
_STARTS_PARAGRAPH = re.compile(r"^\s*(第[一二三四五六七八九十]+章|[一二三四五六七八九十]+、|"
                               r"[（(][一二三四五六七八九十]+[）)]|"
                               r"\d{1,3}\s?[.．、,，]|附件|附表)")


def unwrap(text: str) -> str:
    """Join the lines a PDF wrapped inside a paragraph: a line goes on the previous one unless that
    ended a sentence or a heading, or the line opens with a number. The result is the source text."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1].strip() and line.strip() and not _ENDS_PARAGRAPH.search(out[-1]) \
                and not _STARTS_PARAGRAPH.match(line) and len(out[-1]) >= 30:
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def read_source(path: Path) -> SourceText:
    """Read ``path`` by its content and extension; raise ExtractError with a plain Chinese message."""
    if not path.exists():
        raise ExtractError(f"找不到文件 {path}", "写出下载的原文文件的路径", exit_code=2)
    if path.is_dir():
        raise ExtractError(f"{path} 是文件夹，不是文件", "写出一个原文文件的路径", exit_code=2)
    data = path.read_bytes()
    if not data.strip():
        raise ExtractError(f"{path} 是空文件", "重新下载这份文件")
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        text, fmt = _pdf_text(path), "pdf"
        if len(_HAN.findall(text)) < MIN_HAN:
            raise ExtractError(f"{path} 没有文字层（可能是扫描件），只读出 {len(text.strip())} 个字符",
                               "先做文字识别（如 ocrmypdf -l chi_sim），或找一份文字版")
    elif data.startswith(b"PK\x03\x04") or suffix == ".docx":
        if not zipfile.is_zipfile(path):
            raise ExtractError(f"{path} 不是 .docx 文件（不是 zip 压缩格式）",
                               "用 WPS 或 Word 另存为 .docx 后再给出")
        text, fmt = _docx_text(path), "docx"
    elif suffix in (".html", ".htm") or re.match(rb"\s*(<!doctype html|<html)", data[:512], re.I):
        _decode(data, path)  # refuse binary and GBK pages with the same message as text
        text, fmt = _html_text(data, path), "html"
    else:
        text, fmt = _decode(data, path), "txt"
        if sum(1 for c in text if not c.isprintable() and c not in "\n\r\t") > len(text) // 20:
            raise ExtractError(f"{path} 不是文本文件（控制字符太多）",
                               "请给出 .txt、.html、.docx 或 .pdf 文件")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_HAN.findall(text)) < MIN_HAN:
        raise ExtractError(f"{path} 几乎没有中文（只有 {len(_HAN.findall(text))} 个汉字）",
                           "这不像一份政策文件，请核对给出的文件")
    return SourceText(text if text.endswith("\n") else text + "\n", fmt)
