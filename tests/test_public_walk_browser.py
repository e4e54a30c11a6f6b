"""A member of the public comparing districts on one theme, in headless Chromium on the real built
site at 1280 px: on a theme page the 量化目标 column gave each district's number of targets as plain
text, so the reader who wanted to know which targets had to guess that they sit on the district's
措施 page. Now each number links to that district's targets, and the link keeps its word: the list
it opens has that many targets.

The targets a district sets on the theme are recounted here from the YAML (PyYAML's BaseLoader):
targets whose metric belongs to the theme, the same district, metric, value and year counted once.
Run alone with: .venv/bin/python -m pytest tests/test_public_walk_browser.py
"""
from __future__ import annotations

import pytest
import yaml

from tests.conftest import DATA
from tests.test_layout_browser import chromium  # noqa: F401 - this module's own browser

pytestmark = pytest.mark.browser

THEME = "transport"


def _load(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def distinct_theme_targets() -> dict[str, int]:
    """District slug → distinct targets whose metric belongs to THEME. A target is told apart by its
    metric, value (or 市级下达), unit and year; equal ones stated within one item count separately."""
    metrics = {m["slug"] for m in _load(DATA / "metrics.yaml")["metrics"] if THEME in m["themes"]}
    keys: dict[str, set] = {}
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        doc = _load(path)
        for measure in doc["measures"]:
            seen: dict[tuple, int] = {}
            for t in measure.get("targets", []):
                if t["metric"] not in metrics:
                    continue
                key = (t["metric"], t.get("value", "null"), t.get("unit", ""), t.get("target_year", "null"))
                seen[key] = seen.get(key, 0) + 1
                keys.setdefault(doc["district"], set()).add((*key, seen[key]))
    return {district: len(found) for district, found in keys.items()}


def test_a_theme_pages_target_counts_open_those_targets(chromium, site_url):  # noqa: F811
    truth = distinct_theme_targets()
    assert sum(1 for n in truth.values() if n) >= 2  # the premise: several districts set transport targets
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    for district, count in sorted(truth.items()):
        page.goto(site_url + f"themes/{THEME}/")
        row = page.locator("tr", has=page.locator(f"span[id='{district}']"))
        cell = row.locator("td").last
        assert cell.inner_text().strip() == str(count)
        cell.get_by_role("link", name=str(count), exact=True).click()
        page.wait_for_url(f"**/themes/{THEME}/{district}/#targets")
        heading = page.locator("#targets")
        assert heading.inner_text().startswith(f"量化目标（{count} 个）")
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < 900  # the reader lands on them
        listed = page.locator("#targets ~ ul").first.locator("> li")
        assert listed.count() == count
    # a district with measures on the theme but no target on it: 0, and nothing to click
    page.goto(site_url + f"themes/{THEME}/")
    for district in page.locator("table span[id]").evaluate_all("spans => spans.map(s => s.id)"):
        if district not in truth:
            cell = page.locator("tr", has=page.locator(f"span[id='{district}']")).locator("td").last
            assert cell.inner_text().strip() == "0" and cell.locator("a").count() == 0
    page.close()
