"""Text from YAML never becomes live HTML or script, seen in a real browser.

Builds a copy of the fixture corpus whose every kind of text field (district, theme, department
and metric names, document titles, measure titles and texts, units, notes, aliases, descriptions,
chart labels) holds markup, a Markdown link to `javascript:` and an attribute list, then opens
every built page, the header search box and the search page in headless Chromium. No dialog may
fire, no injected element or attribute may exist, and the text must be shown as text.

Run: .venv/bin/pytest tests/test_hostile_browser.py -q -s
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURE, ROOT

pytestmark = pytest.mark.browser


def payload(n: int) -> str:
    """Markup, a script, an event handler, a javascript: link and a Markdown attribute list; `〔注入n〕`
    is the marker that tells which field it came from."""
    return (f"〔注入{n}〕</title><script>alert({n})</script><img src=x onerror=alert({n})>"
            f"[链{n}](javascript:alert({n})){{: onclick=alert({n})}}")


# What the browser must show where the payload is printed as text.
def shown(n: int) -> str:
    return f"〔注入{n}〕</title><script>alert({n})</script><img src=x onerror=alert({n})>"


FIELDS: list[tuple[str, str]] = []  # (field kind, marker) for the report


def _inject(value: str, kind: str) -> str:
    FIELDS.append((kind, f"〔注入{len(FIELDS) + 1}〕"))
    return value + payload(len(FIELDS))


def injected_corpus(root: Path) -> list[str]:
    """Write the injected corpus under ``root``; returns the source lines added for quoted fields."""
    shutil.copytree(FIXTURE, root)

    def edit(name: str, change) -> None:
        path = root / name
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")

    def districts(data):
        d = data["districts"][0]
        d["name"] = _inject(d["name"], "district name")
        d["aliases"] = [_inject("江津", "district alias")]

    def departments(data):
        d = data["departments"][0]
        d["name"] = _inject(d["name"], "department name")
        d["full_name"] = _inject(d["full_name"], "department full name")
        d["aliases"].append(_inject("别名", "department alias"))

    def themes(data):
        t = data["themes"][0]
        t["name"] = _inject(t["name"], "theme name")
        t["description"] = _inject(t["description"], "theme description")
        t["keywords"].append(_inject("关键词", "theme keyword"))

    def metrics(data):
        m = data["metrics"][0]
        m["name"] = _inject(m["name"], "metric name")
        m["unit"] = _inject("%", "metric unit (also the target's)")
        metric_units.append(m["unit"])
        m["aliases"] = [_inject("别称", "metric alias")]
        m["description"] = _inject("说明", "metric description")

    added: list[str] = []
    metric_units: list[str] = []

    def quoted(value: str, kind: str) -> str:
        text = _inject(value, kind)
        added.append(text)
        return text

    def document(data):
        data["title"] = quoted(data["title"], "document title")
        data["short_title"] = _inject(data["short_title"], "document short title")
        data["issuer"] = _inject(data["issuer"], "issuer")
        data["outline"][1]["title"] = quoted(data["outline"][1]["title"], "section title")
        goal, m1, m2 = data["measures"]
        goal["note"] = _inject("说明", "measure note")
        target = goal["targets"][0]
        # a target's unit is its metric's and printed in its clause (rule target_units_are_printed):
        # the metric's injected unit, quoted by the clause too
        target["unit"] = metric_units[0]
        target["clause"] += target["unit"]
        added.append(target["clause"])
        target["note"] = _inject("读法", "target note")
        # number, title, text and clause printed together, as the rule entry_parts_are_together wants them
        m1["title"] = _inject(m1["title"], "measure title")
        m1["text"] = _inject(m1["text"], "measure text")
        added.append(m1["number"] + m1["title"] + m1["text"] + m1["responsibility"]["clause"])
        m1["category"] = _inject("类别", "measure category")
        m2["title"] = {"printed": m2["title"], "reading": _inject("识读", "reading"),
                       "note": _inject("注", "reading note")}
        data["attribution"]["evidence"] = [_inject("证据", "attribution evidence")]
        data["source"]["format_note"] = _inject("网页", "source format note")

    edit("districts.yaml", districts)
    edit("departments.yaml", departments)
    edit("themes.yaml", themes)
    edit("metrics.yaml", metrics)
    edit("documents/jiangjin/jiangjin-test.yaml", document)
    source = root / "sources" / "jiangjin-test.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n".join(added) + "\n", encoding="utf-8")
    return added


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory) -> Path:
    from generator.build import build_site
    from generator.site import engine_build

    work = tmp_path_factory.mktemp("injected")
    FIELDS.clear()
    injected_corpus(work / "data")
    build_site(work / "data", ROOT / "content", work / "docs")
    engine_build(work / "docs", work / "site")  # strict: a warning fails the build
    return work / "site"


@pytest.fixture(scope="module")
def browser_page(injected_site, playwright_session):
    """A page of a Chromium of this module's own (a fresh profile), closed with the module."""
    from generator.bench import launch_chromium, serve

    with serve(injected_site) as base:
        chromium = launch_chromium(playwright_session)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        page.dialogs = dialogs  # type: ignore[attr-defined]
        page.base = base  # type: ignore[attr-defined]
        yield page
        context.close()
        chromium.close()


# Anything the payload could have made live: elements, handlers, script URLs (SVG included).
LIVE_INJECTION = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.trim().toLowerCase();
      if (name.startsWith('on')) found.push(el.tagName + '[' + name + ']');
      if ((name === 'href' || name === 'xlink:href' || name === 'src' || name === 'action')
          && value.startsWith('javascript:')) found.push(el.tagName + '[' + name + '=' + value + ']');
    }
    if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') found.push('img[src=x]');
    if (el.tagName === 'SCRIPT' && /alert\\(/.test(el.textContent))
      found.push('script: ' + el.textContent.slice(0, 40));
  }
  return found;
}"""


def test_every_page_shows_injected_text_as_text(browser_page, injected_site):
    page = browser_page
    page.dialogs.clear()
    pages = sorted(p.relative_to(injected_site).parent.as_posix() for p in injected_site.rglob("index.html"))
    shown_markers: set[str] = set()
    titles_with_payload = 0
    faults: list[str] = []
    for rel in pages:
        page.goto(page.base + ("" if rel == "." else rel + "/"))
        page.wait_for_load_state("load")
        faults += [f"{rel}: live {found}" for found in page.evaluate(LIVE_INJECTION)]
        text = page.inner_text("body")
        shown_markers |= {marker for _, marker in FIELDS if marker in text}
        if "</title><script>" in page.title():
            titles_with_payload += 1
        for i in range(1, len(FIELDS) + 1):
            if f"〔注入{i}〕" in text and shown(i) not in text.replace("\n", ""):
                faults.append(f"{rel}: payload {i} ({FIELDS[i - 1][0]}) not shown as text")
    print(f"injection: {len(pages)} pages visited, {len(FIELDS)} injected fields, "
          f"{len(shown_markers)} shown somewhere, {titles_with_payload} page titles hold the payload as text, "
          f"{len(page.dialogs)} dialogs, {len(faults)} faults")
    assert faults == [], "\n".join(faults[:60])
    assert page.dialogs == []
    assert len(pages) > 20
    assert titles_with_payload > 0
    missing = [kind for kind, marker in FIELDS if marker not in shown_markers]
    # aliases, keywords and the metric description are searched, not printed on pages: the search test covers them
    assert set(missing) <= {"district alias", "department alias", "theme keyword", "metric alias",
                            "metric description", "source format note", "attribution evidence"}, missing


def test_header_search_box_shows_injected_text_as_text(browser_page):
    page = browser_page
    page.dialogs.clear()
    page.goto(page.base)
    page.fill("#cs-header-q", "注入")
    page.wait_for_selector("#cs-dropdown a", timeout=30_000)
    assert page.evaluate(LIVE_INJECTION) == []
    assert "注入" in page.inner_text("#cs-dropdown")
    assert "<img src=x onerror=" in page.inner_text("#cs-dropdown")
    assert page.dialogs == []


def test_search_page_shows_injected_text_as_text(browser_page):
    page = browser_page
    page.dialogs.clear()
    page.goto(page.base + "search/?q=" + "注入")
    page.wait_for_function("document.getElementById('cs-page').dataset.state === 'done'", timeout=30_000)
    results = page.inner_text("#cs-results")
    assert page.evaluate(LIVE_INJECTION) == []
    assert "<img src=x onerror=" in results
    for kind in ("district alias", "department alias", "metric alias"):
        marker = next(m for k, m in FIELDS if k == kind)
        page.goto(page.base + "search/?q=" + marker)
        page.wait_for_function("document.getElementById('cs-page').dataset.state === 'done'", timeout=30_000)
        assert page.evaluate(LIVE_INJECTION) == [], kind
    assert page.dialogs == []


def test_404_page_search_form_stays_on_the_site(browser_page, injected_site):
    page = browser_page
    page.goto(page.base + "404.html")
    assert page.title() == "页面不存在 - 区县双碳政策对照"  # in the site's language, not the theme's
    home = page.get_attribute("text=回到首页", "href")
    assert home is not None and not home.startswith("//")
    action = page.get_attribute("form.cs-header", "action")
    assert action is not None and not action.startswith("//")
    page.fill("#cs-header-q", "注入")
    page.press("#cs-header-q", "Enter")
    page.wait_for_url(page.base + "search/**")  # the form's own address: never another host


def test_compare_keyword_box_shows_injected_text_as_text(browser_page):
    """The compare view's keyword box marks the words found in measure titles and texts: the
    marking is built of text nodes and <mark>, so markup in a text stays text."""
    from urllib.parse import quote

    page = browser_page
    page.dialogs.clear()
    marker = next(m for kind, m in FIELDS if kind == "measure text")
    n = int(marker[3:-1])  # 〔注入n〕
    # found in the measure's text only: the passage that holds it is shown, the marker marked
    page.goto(page.base + "compare/?d=jiangjin,qianjiang&q=" + quote(marker))
    page.wait_for_selector(".cmp-snippet mark")
    assert page.evaluate(LIVE_INJECTION) == []
    assert f"{marker}</title><script>alert({n})</script><img src=x onerror=" in page.inner_text(".cmp-snippet")
    assert page.inner_text(".cmp-snippet mark") == marker
    # found in titles and texts alike, the markup itself typed as the keyword
    page.fill("#cmp-q", "onerror=alert")
    page.wait_for_selector(".cmp-items a mark")
    assert page.evaluate(LIVE_INJECTION) == []
    assert "<img src=x onerror=alert(" in page.inner_text(".cmp-items")
    assert page.locator(".cmp-items mark", has_text="onerror=alert").count() > 0
    assert page.dialogs == []
