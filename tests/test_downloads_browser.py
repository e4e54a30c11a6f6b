"""Downloads as a reader saves them, on the built site: every link to a data file carries the name
it is saved under (the `download` attribute MkDocs wrote from the generator's Markdown), and
Chromium saves the file under that name, not under its address's last part (transport.xlsx).
Expected names come from the YAML (PyYAML's BaseLoader) and the table titles."""
from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from generator.opendata.tables import TABLES

DATA = Path(__file__).resolve().parent.parent / "site_data"
DATA_FILE = re.compile(r"^http://site/data/v1/[^#?]+\.(csv|json|xlsx)$")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            self.links.append(dict(attrs))


def theme_name(slug: str) -> str:
    themes = yaml.load((DATA / "themes.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["themes"]
    return next(t["name"] for t in themes if t["slug"] == slug)


def department_name(slug: str) -> str:
    registry = yaml.load((DATA / "departments.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return next(d["name"] for d in registry["departments"] if d["slug"] == slug)


def test_every_link_to_a_data_file_names_the_file_it_saves(built_site):
    """Across every built page: a link to a CSV, JSON or XLSX download has a download attribute;
    one address is always saved under one name, and no two addresses under the same name."""
    names: dict[str, set[str]] = defaultdict(set)
    pages = 0
    for page in sorted(built_site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = page.relative_to(built_site).as_posix()
        for a in parser.links:
            href = a.get("href") or ""
            address = urljoin("http://site/" + base, href)
            # the data package and the schemas keep their own names (datapackage.json is what tools look for)
            if not DATA_FILE.search(address) or address.endswith("/datapackage.json") or "/schemas/" in address:
                continue
            assert a.get("download"), (base, href)
            names[address].add(a["download"] or "")
        pages += 1
    pages_with_downloads = 1 + len(list((DATA / "documents").glob("*/*.yaml"))) + sum(
        len(yaml.load((DATA / f"{kind}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[kind])
        for kind in ("districts", "themes", "departments"))
    # a page's table without rows is counted, not linked (its CSV a header alone: its CSV and JSON unlinked)
    empty = sum(1 for csv in (built_site / "data" / "v1").rglob("*.csv")
                if len(csv.read_text(encoding="utf-8-sig").strip().splitlines()) == 1)
    assert empty > 0  # 永川's plan has no key projects
    # the whole site's downloads also hold the registries' tables (metrics, themes) as CSV and JSON
    assert pages > 100 and len(names) == (pages_with_downloads * (1 + 2 * len(TABLES)) + 2 * len(("metrics", "themes"))
                                          - 2 * empty)
    assert all(len(n) == 1 for n in names.values()), [a for a, n in names.items() if len(n) > 1][:5]
    saved = [next(iter(n)) for n in names.values()]
    assert len({n.casefold() for n in saved}) == len(saved)
    assert all(n.startswith("区县双碳政策对照-") for n in saved)


@pytest.mark.browser
@pytest.mark.parametrize(("page", "expected"), [
    ("themes/transport/", lambda: f"区县双碳政策对照-主题-{theme_name('transport')}"),
    ("departments/fazhan-gaige/", lambda: f"区县双碳政策对照-部门-{department_name('fazhan-gaige')}"),
])
def test_chromium_saves_a_pages_downloads_under_the_pages_name(chromium, site_url, page, expected):
    context = chromium.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(site_url + page)
        line = tab.locator("p", has_text="下载本页数据")
        stem = expected()
        with tab.expect_download() as made:
            line.get_by_role("link", name="XLSX").click()
        assert made.value.suggested_filename == f"{stem}.xlsx"
        with tab.expect_download() as made:
            line.get_by_role("link", name="CSV").first.click()
        assert made.value.suggested_filename == f"{stem}-{TABLES[0].title}.csv"
        assert tab.url == site_url + page, "a download does not leave the page"
    finally:
        context.close()


@pytest.mark.browser
def test_chromium_saves_the_whole_site_workbook_under_the_sites_name(chromium, site_url):
    context = chromium.new_context(accept_downloads=True, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(site_url + "data/")
        with tab.expect_download() as made:
            tab.get_by_role("link", name="all.xlsx").click()
        assert made.value.suggested_filename == "区县双碳政策对照-全站.xlsx"
    finally:
        context.close()


@pytest.mark.browser
def test_on_a_phone_each_download_of_the_data_page_keeps_its_size_beside_it(chromium, site_url):
    """At 390 px every link to a file on the data page is followed by the file's size, on the same
    line and within the screen: a size never starts a line apart from its file."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(site_url + "data/")
        units = tab.evaluate("""() => Array.from(document.querySelectorAll(".md-content a[href]"))
            .filter(a => /\\/data\\/.+\\.(csv|json|xlsx)$/.test(a.href))
            .map(a => [a.textContent, a.parentElement.textContent,  // the lines it is on: its boxes' distinct tops
                       new Set(Array.from(a.parentElement.getClientRects(), r => Math.round(r.top))).size,
                       a.parentElement.getBoundingClientRect().right])""")
        width = tab.evaluate("document.documentElement.clientWidth")
        assert len(units) > 40
        apart = [(link, unit, lines, right) for link, unit, lines, right in units
                 if not re.fullmatch(re.escape(link) + r"（[\d.]+\u00a0(B|KB|MB|GB)）", unit) or lines != 1 or right > width]
        assert apart == []
    finally:
        context.close()
