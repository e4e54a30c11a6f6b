"""Every internal link and anchor of the built site resolves.

Crawls every HTML page of the real site (the `built_site` fixture: generator + strict MkDocs
build) and follows every address in a[href], link[href], img[src], script[src], source[src] and
SVG <a>/<use> href or xlink:href. An internal address must name a file of the site, and its
#anchor an element id (or a[name]) on that page. `javascript:` and protocol-relative (`//host`)
addresses are faults wherever they appear.

Run: .venv/bin/pytest tests/test_links.py -q
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {
    "a": ("href", "xlink:href"),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data")


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, address)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for name in LINK_ATTRIBUTES.get(tag, ()):
            if name in values:
                self.page.links.append((tag, values[name].strip()))

    handle_startendtag = handle_starttag


def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.page


def _target_file(site: Path, page_rel: str, path: str) -> str | None:
    """The site-relative file an address path points to (directory URLs end in index.html)."""
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/")) if path.strip("/") else ""
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    if joined.startswith(".."):
        return None
    joined = "" if joined == "." else joined
    for candidate in (joined, posixpath.join(joined, "index.html")):
        if candidate and (site / candidate).is_file():
            return candidate
    return None


def broken_links(site: Path) -> tuple[int, int, list[str]]:
    """(pages crawled, links followed, one line per broken link or anchor)."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    followed = 0
    broken: list[str] = []
    for rel, page in pages.items():
        for tag, address in page.links:
            parts = urlsplit(address)
            scheme = parts.scheme.lower()
            if scheme == "javascript" or address.lower().lstrip().startswith("javascript:"):
                broken.append(f"{rel}: <{tag}> runs script: {address[:80]}")
                continue
            if address.startswith("//"):
                broken.append(f"{rel}: <{tag}> leaves the site (protocol-relative): {address[:80]}")
                continue
            if scheme in EXTERNAL_SCHEMES or parts.netloc:
                continue
            followed += 1
            if parts.path:
                target = _target_file(site, rel, unquote(parts.path))
                if target is None:
                    broken.append(f"{rel}: <{tag}> no such file: {address[:120]}")
                    continue
            else:
                target = rel
            if parts.fragment and target.endswith(".html"):
                ids = pages[target].ids if target in pages else parse(site / target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{rel}: <{tag}> no anchor #{parts.fragment} on {target}")
    return len(pages), followed, broken


def test_no_broken_internal_link_or_anchor(built_site):
    pages, followed, broken = broken_links(built_site)
    print(f"link check: {pages} pages, {followed} internal links followed, {len(broken)} broken")
    assert pages > 100 and followed > 1000  # the crawl really ran over the site
    assert broken == [], f"{len(broken)} broken of {followed}:\n" + "\n".join(broken[:80])


# ---------------------------------------------------------------- the checker itself


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_checker_finds_each_kind_of_fault(tmp_path):
    site = _site(tmp_path, {
        "index.html": '<a href="a/">ok</a><a href="a/#x">ok</a><a href="a/#nope">bad anchor</a>'
                      '<a href="missing/">bad</a><a href="a/page.md">bad md</a>'
                      '<svg><a xlink:href="a/#x">ok</a><a href="b/#y">bad svg</a></svg>'
                      '<a href="javascript:alert(1)">js</a><form></form><a href="//evil/">away</a>'
                      '<img src="img.png"><script src="s.js"></script><a href="https://example.org/">ext</a>',
        "a/index.html": '<h2 id="x">x</h2><a href="../#top">bad</a><a href="/a/">abs ok</a>',
        "b/index.html": "<p>b</p>",
        "img.png": "",
    })
    pages, followed, broken = broken_links(site)
    assert pages == 3
    assert broken == [
        "a/index.html: <a> no anchor #top on index.html",
        "index.html: <a> no anchor #nope on a/index.html",
        "index.html: <a> no such file: missing/",
        "index.html: <a> no such file: a/page.md",
        "index.html: <a> no anchor #y on b/index.html",
        "index.html: <a> runs script: javascript:alert(1)",
        "index.html: <a> leaves the site (protocol-relative): //evil/",
        "index.html: <script> no such file: s.js",
    ]
    assert followed == 11
