"""No Markdown survives as text in the built pages.

A list, table or heading that Python-Markdown did not convert (a missing blank line, Markdown
inside an HTML block) shows up as a paragraph whose text has a line starting with `- `, `1. `,
`| ` or `## `. This reads every paragraph of every built page and fails on such lines.

Run: .venv/bin/pytest tests/test_html_markdown.py -q
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# A line of paragraph text that begins like a Markdown block: list item, numbered item, table row,
# heading, block quote, or a fenced code marker.
MARKDOWN_LINE = re.compile(r"^[ \t]*(?:[-*+][ \t]+\S|\d+[.)][ \t]+\S|\|.*\||#{1,6}[ \t]+\S|>[ \t]+\S|```|~~~)")


class _Paragraphs(HTMLParser):
    """Text of every <p>, with the line breaks of the source kept (MkDocs keeps them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.current: list[str] = []
        self.paragraphs: list[str] = []
        self.skip = 0  # inside <code>/<pre>, where Markdown characters are meant literally

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "p":
            self.depth += 1
            self.current = []
        elif tag in ("code", "pre", "script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1
            self.paragraphs.append("".join(self.current))
        elif tag in ("code", "pre", "script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.current.append(data)


def raw_markdown_lines(html: str) -> list[str]:
    """Lines after the first of each paragraph that begin like a Markdown block. (The first line
    may rightly begin with a printed number such as `1.`: Markdown wrote it escaped, as text.)"""
    parser = _Paragraphs()
    parser.feed(html)
    return [line.strip() for text in parser.paragraphs for line in text.split("\n")[1:] if MARKDOWN_LINE.match(line)]


def pages_with_raw_markdown(site: Path) -> dict[str, list[str]]:
    out = {}
    for page in sorted(site.rglob("*.html")):
        found = raw_markdown_lines(page.read_text(encoding="utf-8"))
        if found:
            out[page.relative_to(site).as_posix()] = found
    return out


def test_no_page_shows_raw_markdown(built_site):
    pages = sorted(built_site.rglob("*.html"))
    found = pages_with_raw_markdown(built_site)
    print(f"raw-Markdown check: {len(pages)} pages, {len(found)} with raw Markdown")
    assert len(pages) > 100
    assert found == {}, "\n".join(f"{page}: {lines[:3]}" for page, lines in list(found.items())[:40])


def test_detector_sees_each_kind_of_leftover():
    html = ("<p>text\n- item one\n1. first\n| a | b |\n## Heading\n> quoted</p>"
            "<p>a - b and 1.5 and #tag</p><pre><p>x\n- in code</p></pre><p><code>\n- code</code></p>"
            "<p>1. a printed number starts this paragraph</p>")
    assert raw_markdown_lines(html) == ["- item one", "1. first", "| a | b |", "## Heading", "> quoted"]


def test_detector_passes_converted_markdown():
    html = "<ul><li>item</li></ul><table><tr><td>a</td></tr></table><h2>Heading</h2><p>plain - text</p>"
    assert raw_markdown_lines(html) == []
