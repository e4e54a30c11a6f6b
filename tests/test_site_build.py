"""`python -m generator site` publishes a new site only when every step succeeded: a data error,
a strict-mode warning, or a kill part-way leaves the previous build/docs and build/site complete."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.diagnostics import DataErrors
from generator.site import EngineFailed, build

from .conftest import ADDRESSES, FIXTURE, REPOSITORY_URL, ROOT, SITE_URL, addresses


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a digest of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def local_build(monkeypatch):
    """Every build here is a local one, as in the README's quick start (no repository or site
    address), unless a fixture sets the addresses."""
    for name in ADDRESSES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    with addresses(published=False):
        build(FIXTURE, ROOT / "content", out, log=lambda _: None)
    return out


@pytest.fixture(scope="module")
def zensical_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zensical")
    with addresses(published=False):
        build(FIXTURE, ROOT / "content", out, "zensical", log=lambda _: None)
    return out


@pytest.fixture(scope="module")
def published_build(tmp_path_factory) -> Path:
    """Built as the publishing workflow builds: both addresses set."""
    out = tmp_path_factory.mktemp("published")
    with addresses(published=True):
        build(FIXTURE, ROOT / "content", out, log=lambda _: None)
    return out


class Links(HTMLParser):
    """A page's links: (href, rel, text) of each <a>, and its <link rel=canonical> addresses."""

    def __init__(self, page: Path) -> None:
        super().__init__(convert_charrefs=True)  # Zensical writes / in attributes as &#x2f;
        self.links: list[tuple[str, str, str]] = []
        self.canonical: list[str] = []
        self._open: list[list[str]] = []
        self.feed(page.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attr = {name: value or "" for name, value in attrs}
        if tag == "link" and attr.get("rel") == "canonical":
            self.canonical.append(attr.get("href", ""))
        if tag == "a":
            self._open.append([attr.get("href", ""), attr.get("rel", ""), ""])

    def handle_data(self, data):
        for link in self._open:
            link[2] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, rel, text = self._open.pop()
            self.links.append((href, rel, text.strip()))


DOC_PAGE, DOC_FILE = "documents/jiangjin-test/index.html", "tests/fixtures/corpus/documents/jiangjin/jiangjin-test.yaml"
PLACEHOLDER = re.compile(r"/OWNER/|127\.0\.0\.1|localhost:8000")  # mkdocs.yml's former defaults


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_site_built_without_its_addresses_has_no_placeholder_links(engine, request):
    """Found by a user test: built as the README's quick start builds (CPC_REPOSITORY_URL and
    CPC_SITE_URL unset), every edit and history link went to github.com/OWNER/… (no such page),
    every canonical link and the sitemap to 127.0.0.1:8000, and the about page asked for corrections
    by a way that was not there. Now: none of those links, no sitemap, no such request."""
    site = request.getfixturevalue("good_build" if engine == "mkdocs" else "zensical_build") / "site"
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # the editor guide names the preview's address, as code: not a link
        assert not PLACEHOLDER.search(re.sub(r"<code>.*?</code>", "", text, flags=re.S)), page
        links = Links(page)
        assert links.canonical == [], page
        assert not [link for link in links.links if link[1] == "edit" or link[2] in ("编辑此条", "修改历史")], page
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert "可能有误。" in about and "提交修改" not in about
    assert "没有设置数据仓库的地址" in (site / "editor-guide/index.html").read_text(encoding="utf-8")


def test_a_site_built_with_its_addresses_links_to_them(published_build):
    """Built as the publishing workflow builds: every page has its canonical link under the site
    address and is in the sitemap; edit, history and 编辑此条 links open the data repository."""
    site = published_build / "site"
    locs = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert SITE_URL + "documents/jiangjin-test/" in locs and all(loc.startswith(SITE_URL) for loc in locs)
    page = Links(site / DOC_PAGE)
    assert page.canonical == [SITE_URL + "documents/jiangjin-test/"]
    edit = [href for href, rel, _ in page.links if rel == "edit"]
    assert edit == [f"{REPOSITORY_URL}/edit/main/{DOC_FILE}"]
    assert [href for href, _, text in page.links if text == "修改历史"] == [f"{REPOSITORY_URL}/commits/main/{DOC_FILE}"]
    records = [href for href, _, text in page.links if text == "编辑此条"]
    assert records and all(re.fullmatch(re.escape(f"{REPOSITORY_URL}/blob/main/{DOC_FILE}") + r"#L\d+", href)
                           for href in records)
    about = Links(site / "about/index.html")
    assert about.canonical == [SITE_URL + "about/"]
    assert [href for href, rel, _ in about.links if rel == "edit"] == [f"{REPOSITORY_URL}/edit/main/content/about.md"]
    assert "欢迎按" in (site / "about/index.html").read_text(encoding="utf-8")
    for built in sorted(site.rglob("*.html")):
        assert not PLACEHOLDER.search(re.sub(r"<code>.*?</code>", "", built.read_text(encoding="utf-8"), flags=re.S))


def fresh_copy(good_build: Path, tmp_path: Path) -> tuple[Path, dict, dict]:
    out = tmp_path / "out"
    shutil.copytree(good_build, out)
    return out, snapshot(out / "docs"), snapshot(out / "site")


def theme_features(page: Path) -> list[str]:
    """The features the theme's script reads on a page (its <script id="__config"> JSON)."""
    import json

    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert found, page
    return json.loads(found.group(1))["features"]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_site_built_without_its_address_has_no_instant_navigation(engine, request, published_build):
    """A user saw a 404 for /sitemap.xml in the browser console of a local build: the theme's instant
    navigation fetches sitemap.xml (relative to the site) on every page, and a site without an address
    has none. Material's documentation: instant navigation needs site_url. Without it the feature is
    not in the pages' configuration (the other features are); with it, it is."""
    site = request.getfixturevalue("good_build" if engine == "mkdocs" else "zensical_build") / "site"
    for page in (site / "index.html", site / "documents/jiangjin-test/index.html"):
        features = theme_features(page)
        assert "navigation.instant" not in features and {"navigation.tabs", "navigation.path"} <= set(features), page
    assert "navigation.instant" in theme_features(published_build / "site" / "index.html")


@pytest.mark.browser
def test_a_local_build_requests_no_missing_file_and_its_links_work(good_build, chromium):
    """The same in the browser: a page of a site built without an address asks for no file it does
    not have (no 404, no failed request, no console error) and its links still open their pages."""
    from generator.bench import serve

    with serve(good_build / "site") as base:
        pg = chromium.new_page(viewport={"width": 1280, "height": 900})
        failed: list[str] = []
        pg.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        pg.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
        pg.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
        try:
            pg.goto(base, wait_until="networkidle")
            pg.click(".md-tabs__link:text-is('区县')")
            pg.wait_for_url(base + "districts/")
            pg.wait_for_load_state("networkidle")
            assert pg.locator(".md-content h1").count() == 1
        finally:
            pg.close()
    assert not any("sitemap.xml" in f for f in failed), failed
    assert not failed, failed


def test_a_good_build_publishes_docs_and_site(good_build):
    assert (good_build / "site" / "index.html").is_file()
    assert (good_build / "docs" / "index.md").is_file()
    assert not list(good_build.glob(".staging-*"))


def test_a_data_error_keeps_the_previous_site(good_build, tmp_path):
    out, docs, site = fresh_copy(good_build, tmp_path)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "themes.yaml").write_text("themes: [\n", encoding="utf-8")
    with pytest.raises(DataErrors):
        build(data, ROOT / "content", out, log=lambda _: None)
    assert snapshot(out / "docs") == docs and snapshot(out / "site") == site


def test_a_strict_mode_warning_keeps_the_previous_site(good_build, tmp_path):
    out, docs, site = fresh_copy(good_build, tmp_path)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "about.md").write_text("# 关于\n\n[断开的链接](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(EngineFailed) as failure:
        build(FIXTURE, content, out, log=lambda _: None)
    assert "no-such-page.md" in failure.value.output
    assert snapshot(out / "docs") == docs and snapshot(out / "site") == site


def test_a_killed_build_keeps_the_previous_site_and_the_next_build_recovers(good_build, tmp_path):
    out, docs, site = fresh_copy(good_build, tmp_path)
    command = [sys.executable, "-m", "generator", "site", "--data", str(FIXTURE), "--out", str(out)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    # wait until the engine is writing the new site into staging, then kill the whole group
    while not list(out.glob(".staging-*/site/assets")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(out / "docs") == docs and snapshot(out / "site") == site
    build(FIXTURE, ROOT / "content", out, log=lambda _: None)
    assert not list(out.glob(".staging-*"))
    assert snapshot(out / "site").keys() == site.keys()


def test_a_swap_interrupted_between_its_renames_is_undone(good_build, tmp_path):
    out, _, site = fresh_copy(good_build, tmp_path)
    os.rename(out / "site", out / ".site.old")  # the state a kill after the first rename leaves
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "themes.yaml").write_text("themes: [\n", encoding="utf-8")
    with pytest.raises(DataErrors):
        build(data, ROOT / "content", out, log=lambda _: None)
    assert snapshot(out / "site") == site


def test_a_site_larger_than_a_static_host_takes_is_named_before_publishing(good_build):
    """GitHub Pages (where the workflow publishes) and GitLab Pages take a site of at most 1 GB,
    GitLab at most 200,000 files; at 38 districts the site is about 1.6 GB. The reminder gives the
    site's size and file count, counted here with a walk of our own, when either limit is passed,
    and nothing when neither is."""
    from generator.site import HOST_LIMIT_BYTES, HOST_LIMIT_FILES, hosting_reminders

    files = [p for p in (good_build / "site").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    assert size < HOST_LIMIT_BYTES and len(files) < HOST_LIMIT_FILES
    assert hosting_reminders(good_build / "site") == []
    (too_big,) = hosting_reminders(good_build / "site", limit_bytes=size - 1)
    assert f"{size / 1e9:.2f} GB" in too_big and f"{len(files):,} 个文件" in too_big and "发布会失败" in too_big
    (too_many,) = hosting_reminders(good_build / "site", limit_files=len(files) - 1)
    assert f"{len(files):,} 个文件" in too_many
    assert hosting_reminders(good_build / "site", limit_bytes=size, limit_files=len(files)) == []


def test_only_the_compare_page_loads_the_compare_script(built_site):
    """compare.js (113 KB, 32 KB gzip: a fifth of a page's first view) was in mkdocs.yml's
    extra_javascript, so every page fetched and parsed it though only the compare page uses it. Now the
    compare page alone names it, deferred (after the theme's scripts and mark.js, which it uses)."""
    loading = sorted(str(page.relative_to(built_site)) for page in built_site.rglob("*.html")
                     if "assets/compare.js" in page.read_text(encoding="utf-8"))
    assert loading == ["compare/index.html"]
    tag = re.search(r"<script[^>]*assets/compare\.js[^>]*>", (built_site / "compare/index.html").read_text(encoding="utf-8"))
    assert tag and " defer" in tag.group(0)
