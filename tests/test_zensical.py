"""The site builds with Zensical too (the maintained successor of MkDocs + Material, reading the
same mkdocs.yml): the generated Markdown of the real corpus is built by both engines and the
results compared page by page. Zensical's own search must stay off and ours must work.

Slow (a second full build); `make test` runs it. Alone: .venv/bin/python -m pytest tests/test_zensical.py
"""
from __future__ import annotations

import functools
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.site import engine_build
from tests.conftest import addresses

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zensical_site(built_site, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("zensical")
    shutil.copytree(built_site.parent / "docs", work / "docs")
    with addresses(published=True):  # as built_site's
        engine_build(work / "docs", work / "site", engine="zensical")
    return work / "site"


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).parts[0] == "assets"}


class Anchors(HTMLParser):
    """The ids inside the page's article (the content the generator wrote), and its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside <article>
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.downloads: list[tuple[str, str]] = []  # (href, the name the file is saved under)

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        if tag == "article":
            self.depth += 1
        if self.depth and attr.get("id") and not attr["id"].startswith("__"):  # "__…": the theme's own
            self.ids.add(attr["id"])
        if self.depth and tag == "a" and attr.get("href"):
            self.links.append(attr["href"])
            if attr.get("download"):
                self.downloads.append((attr["href"], attr["download"]))

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


@functools.cache
def read(page: Path) -> Anchors:
    parser = Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_same_pages(built_site, zensical_site):
    assert pages(zensical_site) == pages(built_site)


def test_same_anchors_on_every_page(built_site, zensical_site):
    differ = []
    for rel in sorted(pages(built_site)):
        mine, theirs = read(built_site / rel).ids, read(zensical_site / rel).ids
        if mine != theirs:
            differ.append(f"{rel}: only MkDocs {sorted(mine - theirs)[:5]}, only Zensical {sorted(theirs - mine)[:5]}")
    assert not differ, "\n".join(differ[:20])


def test_both_engines_write_the_download_names_of_every_page(built_site, zensical_site):
    """The generator writes a download's file name as attr_list's {download="…"}: both engines
    must turn it into the same attribute, not text."""
    differ, seen = [], 0
    for rel in sorted(pages(built_site)):
        # the engines write a relative address differently (v1/x.xlsx, ../data/v1/x.xlsx): compare where it leads
        mine, theirs = ([(urljoin(f"http://site/{rel}", href), name) for href, name in read(site / rel).downloads]
                        for site in (built_site, zensical_site))
        seen += len(mine)
        if mine != theirs:
            differ.append(f"{rel}: MkDocs {mine[:2]}, Zensical {theirs[:2]}")
        if "{download=" in (zensical_site / rel).read_text(encoding="utf-8"):
            differ.append(f"{rel}: the attribute list is shown as text")
    assert seen > 0 and not differ, "\n".join(differ[:20])


def test_every_link_in_the_zensical_build_resolves(zensical_site):
    broken = []
    for rel in sorted(pages(zensical_site)):
        page = zensical_site / rel
        for href in read(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            # root-absolute links (the 404 page's, served at any depth) are resolved from the site's root
            base = zensical_site if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{rel}: {href}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in read(target).ids:
                broken.append(f"{rel}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


def test_zensical_search_is_off_and_ours_is_built(built_site, zensical_site):
    own = zensical_site / "search.json"  # Zensical writes its index here when its search is on
    assert not own.exists() or json.loads(own.read_text(encoding="utf-8")).get("items") == []
    ours = sorted(p.name for p in (built_site / "search").glob("*.json"))
    assert ours and sorted(p.name for p in (zensical_site / "search").glob("*.json")) == ours
    for name in ours:
        assert (zensical_site / "search" / name).read_bytes() == (built_site / "search" / name).read_bytes()
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-search"' not in home
    header = home[home.index("<header"):home.index("</header>")]
    assert re.search(r'<form class="cs-header"', header), "our search box is not in the header"
    for asset in ("assets/search.js", "assets/site.js", "assets/extra.css", "assets/search.css"):
        assert asset in home and (zensical_site / asset).is_file()


@pytest.mark.browser
def test_our_search_finds_measures_on_the_zensical_site(zensical_site, chromium):
    from generator.bench import serve

    with serve(zensical_site) as base:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(base + "search/?q=" + "光伏")
        pg.wait_for_function("document.getElementById('cs-page').dataset.state === 'done'", timeout=30_000)
        assert pg.locator("#cs-results > li").count() > 0
        pg.fill("#cs-header-q", "充电桩")
        pg.wait_for_selector(".cs-dropdown .cs-dropdown__item")
        # a page outside the navigation marks its section there too (assets/site.js)
        district = sorted(p.name for p in (zensical_site / "districts").iterdir() if p.is_dir())[0]
        pg.goto(f"{base}districts/{district}/")
        pg.wait_for_selector(".md-content .md-path")
        assert pg.locator(".md-tabs__item--active").inner_text().strip() == "区县"
        assert not errors, errors
        context.close()


def test_both_engines_hide_what_a_page_s_front_matter_hides(built_site, zensical_site):
    """A page's `hide:` (after its `edit_url:` in one front matter) leaves out the theme's contents
    list or navigation on both engines, and only there."""
    import html as html_text

    import yaml

    docs = built_site.parent / "docs"
    sidebar = re.compile(r'<div class="md-sidebar md-sidebar--\w+" data-md-component="sidebar" data-md-type="(toc|navigation)"( hidden)?')
    hiding, both, wrong = 0, 0, []
    for md in sorted(docs.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        head = yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}
        want = {part: part in (head.get("hide") or []) for part in ("toc", "navigation")}
        hiding += any(want.values())
        rel = md.relative_to(docs).with_suffix("")
        html = (rel.parent if rel.name == "index" else rel) / "index.html"
        both += bool(head.get("edit_url")) and any(want.values())
        for engine, site in (("MkDocs", built_site), ("Zensical", zensical_site)):
            page = html_text.unescape((site / html).read_text(encoding="utf-8"))  # Zensical writes / as &#x2f;
            got = {kind: bool(hidden) for kind, hidden in sidebar.findall(page)}
            if got != want:
                wrong.append(f"{engine} {html}: {got} for {want}")
            if head.get("edit_url") and head["edit_url"] not in page:
                wrong.append(f"{engine} {html}: no edit button to {head['edit_url']}")
    assert hiding and both and not wrong, "\n".join(wrong[:10])
