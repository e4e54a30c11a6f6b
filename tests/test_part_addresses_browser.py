"""An item's address in the downloads does not go stale. A long document is cut into pages of at most
25 items, so an item added in front moves the later ones to the next page and their page addresses
(site_url: /documents/<doc>/6/#project-29) point at a page that no longer holds them. In Chromium:
such an outdated page address lands on the item all the same (the page sends an anchor it does not
hold to the document's own page, whose anchor map sends it on), and so does the stable address the
downloads give (permalink: /documents/<doc>/#project-29), and a page that is gone altogether.

The document, its pages and which page holds which item are read from the built HTML."""
from __future__ import annotations

import html
import re

import pytest

pytestmark = pytest.mark.browser

ANCHOR_MAP = re.compile(r'class="anchor-map" hidden data-anchors="([^"]*)"')


def a_moved_item(built_site) -> tuple[str, str, int]:
    """(document id, item id, its page) of an item on a long document's second page or later,
    from the document page's anchor map: as if items had been added in front of it."""
    for overview in sorted((built_site / "documents").glob("*/index.html")):
        found = ANCHOR_MAP.search(overview.read_text(encoding="utf-8"))
        if not found:
            continue
        for pair in html.unescape(found.group(1)).split():
            anchor, page = pair.split("=")
            number = int(page.strip("/"))
            if number >= 2 and not anchor.startswith("sec-"):
                held = (built_site / "documents" / overview.parent.name / str(number) / "index.html").read_text(encoding="utf-8")
                assert f'id="{anchor}"' in held
                return overview.parent.name, anchor, number
    raise AssertionError("the corpus has no document of more than one page")


def lands_on(tab, doc: str, anchor: str, number: int) -> None:
    tab.wait_for_url(re.compile(rf"/documents/{doc}/{number}/#{anchor}$"))
    item = tab.locator(f"[id='{anchor}']")
    item.wait_for()
    tab.wait_for_timeout(300)
    box = tab.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)
    assert 0 <= box < tab.viewport_size["height"], box


@pytest.mark.parametrize("width", [390, 1280])
def test_an_outdated_page_address_of_an_item_lands_on_the_item(chromium, site_url, built_site, width):
    doc, anchor, number = a_moved_item(built_site)
    tab = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        tab.goto(f"{site_url}documents/{doc}/{number - 1}/#{anchor}")  # the page that held it before
        lands_on(tab, doc, anchor, number)
        tab.goto(f"{site_url}documents/{doc}/#{anchor}")  # the downloads' permalink
        lands_on(tab, doc, anchor, number)
    finally:
        tab.close()


def test_a_page_address_of_a_document_grown_shorter_lands_on_the_item(chromium, site_url, built_site):
    """A document page that is gone (the static host answers with the site's 404 page) sends the
    address on to the document's own page, and from there to the item."""
    doc, anchor, number = a_moved_item(built_site)
    not_found = (built_site / "404.html").read_text(encoding="utf-8")
    tab = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        tab.route(f"**/documents/{doc}/99/", lambda route: route.fulfill(status=404, body=not_found, content_type="text/html"))
        tab.goto(f"{site_url}documents/{doc}/99/#{anchor}")
        lands_on(tab, doc, anchor, number)
    finally:
        tab.close()


@pytest.mark.parametrize("path", ["/evil.example/documents/{doc}/99/#{anchor}", "/evil.example/compare/jiangjin-vs-yongchuan/"])
def test_an_address_whose_path_starts_with_two_slashes_never_leaves_the_site(chromium, site_url, built_site, path):
    """A reviewer's finding: the 404 page's moves took the path as a place to go, so that
    https://site//evil.example/documents/x/3/ went on to https://evil.example/documents/x/ (the old
    pair pages' move did the same). Every move stays on the site."""
    from urllib.parse import urlsplit

    doc, anchor, _ = a_moved_item(built_site)
    not_found = (built_site / "404.html").read_text(encoding="utf-8")
    address = site_url.rstrip("/") + "/" + path.format(doc=doc, anchor=anchor)
    tab = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        tab.route("**/evil.example/**", lambda route: route.fulfill(status=404, body=not_found, content_type="text/html"))
        tab.goto(address)
        tab.wait_for_timeout(800)
        assert urlsplit(tab.url).netloc == urlsplit(site_url).netloc, tab.url
    finally:
        tab.close()
