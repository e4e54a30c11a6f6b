"""Shared fixtures: the real corpus, the fixture corpus, and built sites (built once per session)."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "site_data"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
# The addresses a published site is built with (mkdocs.yml reads them; .github/workflows/publish.yml
# sets them): test values, at the root of their host as GitHub Pages' own domain would be.
REPOSITORY_URL = "https://github.com/example-org/district-carbon-policy-compare"
SITE_URL = "https://carbon.example.org/"
ADDRESSES = {"CPC_REPOSITORY_URL": REPOSITORY_URL, "CPC_SITE_URL": SITE_URL}


@contextlib.contextmanager
def addresses(published: bool) -> Iterator[None]:
    """Within: the repository and site addresses set as the publishing workflow sets them, or
    neither (a local build as in the README's quick start), whatever the shell running the tests has."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ADDRESSES.items():
            if published:
                patch.setenv(name, value)
            else:
                patch.delenv(name, raising=False)
        yield


def see_cpus(monkeypatch: pytest.MonkeyPatch, two: bool) -> None:
    """Make a build see one CPU or two (whatever the machine has): its driver asks for the rules'
    process (generator.build), the pipeline for the search index's and the downloads' processes."""
    from generator import build, pipeline

    monkeypatch.setattr(build, "can_fork", lambda: two)
    monkeypatch.setattr(pipeline, "can_fork", lambda: two)


@pytest.fixture(scope="session")
def real_corpus():
    from generator.checking import check_data

    return check_data(DATA)


@pytest.fixture(scope="session")
def real_index():
    from generator.pipeline import index_data

    return index_data(DATA)


@pytest.fixture(scope="session")
def fixture_index():
    from generator.pipeline import index_data

    return index_data(FIXTURE)


@pytest.fixture(scope="session")
def truth():
    """The search's ground truth: plain substring search over the YAML files (tests/test_search_truth.py)."""
    from tests.test_search_truth import Truth

    return Truth(DATA)


def build_docs(data: Path, out: Path) -> None:
    from generator.build import build_site

    build_site(data, ROOT / "content", out)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site as published (its repository and site addresses set): generated Markdown and a
    strict MkDocs build. Returns the site folder."""
    from generator.site import engine_build

    work = tmp_path_factory.mktemp("site")
    docs, site = work / "docs", work / "site"
    with addresses(published=True):
        build_docs(DATA, docs)
        log = engine_build(docs, site)
    (work / "mkdocs.log").write_text(log, encoding="utf-8")
    return site


SLOW_FIXTURES = {"built_site", "site_url", "chromium", "good_build", "sizes"}


def pytest_collection_modifyitems(items) -> None:
    """Tests that build a whole site or corpus are `slow`: `make test-fast` leaves them out."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def browser_available() -> bool:
    return CHROMIUM.exists()


def require_browser():
    """Skip browser tests where Chromium is missing, except in CI where that is a failure."""
    if browser_available():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("Debian's chromium is required (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The real built site served on 127.0.0.1 at a free port (base URL ending in /)."""
    from generator.bench import serve

    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def instant_site(built_site, tmp_path_factory):
    """The built site served so that the theme's instant navigation is on. The theme follows only
    links listed in sitemap.xml under the address it is served at (mkdocs.yml: site_url), so a
    copy of the site gets a sitemap for the test server's address (a free port chosen first)."""
    from generator.bench import serve

    copy = tmp_path_factory.mktemp("instant") / "site"
    shutil.copytree(built_site, copy)
    sitemap = copy / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    configured = re.search(r"<loc>(https?://[^/]+/)", text)
    assert configured, "sitemap.xml lists no page: is site_url set in mkdocs.yml?"
    with serve(copy) as base:
        sitemap.write_text(text.replace(configured.group(1), base), encoding="utf-8")
        yield base


@pytest.fixture(scope="session")
def playwright_session():
    """The test session's one Playwright: its sync API runs one instance per process, so every
    browser test launches its browsers from this one (in any order of modules)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@contextlib.contextmanager
def watched_page(browser, viewport: dict[str, int], touch: bool = False) -> Iterator:
    """A page of its own context at ``viewport`` (a touch screen where ``touch``), closed after; the
    test fails when the page's script raised an error meanwhile."""
    context = browser.new_context(viewport=viewport, has_touch=touch)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, errors


@pytest.fixture(scope="session")
def chromium(playwright_session):
    """Headless Debian Chromium, launched once per session."""
    from generator.bench import launch_chromium

    browser = launch_chromium(playwright_session)
    yield browser
    browser.close()
