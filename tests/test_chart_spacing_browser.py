"""A metric's bar chart on an official's phone (390 px), measured by headless Chromium: no label
touches a bar, and no text runs past the chart's edge, where the SVG cuts it off. User tests found
each label resting on the bar below it (/metrics/public-charging-facilities/: the label's box reached
1 px into the bar), and a value of two classes cut off (/metrics/surface-water-section-class/:
"III类或更优、IV类或更优（2个" at the right edge).

Measured on the boxes the browser gives each mark (a text's box is its font's ascent and descent,
the rect's its own), so it holds whatever the labels say; on a chart made to be hard (short bars,
whose value label stands under the bar label, long labels and values) and on every metric page of
the real site. Run alone with: .venv/bin/python -m pytest tests/test_chart_spacing_browser.py
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.test_layout_browser import chromium, open_page  # noqa: F401 - chromium: this module's own browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Material's text column at 390 px: the content's margins are .8rem (16 px) a side
PHONE_COLUMN = PHONE["width"] - 2 * 16
MIN_BAR_GAP = 2.0  # px between a bar's label and the bar, on screen

# Runs in the page, for every chart: each pair of its marks (texts and bars) whose boxes overlap, and
# the room between each bar's label and its bar (the rect after the label), in px on screen.
CHART_BOXES_JS = """
() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const marks = [...svg.querySelectorAll('text, rect')].map(e => {
    const r = e.getBoundingClientRect();
    return {what: (e.getAttribute('class') || e.tagName) + ' ' + e.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom};
  });
  const overlaps = [];
  for (let i = 0; i < marks.length; i++) {
    for (let j = i + 1; j < marks.length; j++) {
      const a = marks[i], b = marks[j];
      const x = Math.min(a.r, b.r) - Math.max(a.l, b.l), y = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (x > 0.01 && y > 0.01) overlaps.push([a.what, b.what, +y.toFixed(2)]);
    }
  }
  // texts running past the chart's right edge, which the SVG cuts off
  const edge = svg.getBoundingClientRect().right;
  const clipped = [...svg.querySelectorAll('text')].filter(t => t.getBoundingClientRect().right > edge + 0.5).map(t => t.textContent);
  const gaps = [...svg.querySelectorAll('text.bar-label')].map(t =>
    [t.textContent, t.nextElementSibling.getBoundingClientRect().top - t.getBoundingClientRect().bottom]);
  return {title: svg.getAttribute('aria-label'), scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
          overlaps, gaps, clipped};
})
"""


def problems_of(charts: list[dict]) -> list:
    out = []
    for chart in charts:
        out += [(chart["title"], "overlap", o) for o in chart["overlaps"]]
        out += [(chart["title"], "cut off at the chart's edge", text) for text in chart["clipped"]]
        out += [(chart["title"], "label on its bar", label, round(gap, 2)) for label, gap in chart["gaps"] if gap < MIN_BAR_GAP]
    return out


def test_no_bar_touches_a_label_in_a_chart_at_phone_width(chromium):  # noqa: F811 - the imported fixture
    from generator.svg import Bar, bar_chart

    bars = [Bar("甲山区", Decimal(v), f"{v}%", "%", 2025) for v in (1, 30, 2)]  # short bars: value under the label
    bars += [Bar("乙山土家族苗族自治县（征求意见稿）", Decimal("0.5"), "≥0.5%（市级下达另计）", "%", 2030),
             Bar("丙山区", Decimal(16), "14.5–16.25%（12个目标）", "%"),
             Bar("丁山区", Decimal(120), "120万千瓦", "万千瓦", 2025),
             # a value too long for the room right of the longest bar (a user test found it cut off)
             Bar("戊山区", Decimal(4), "III类或更优、IV类或更优（2个目标）", "类", 2025),
             Bar("己山区", Decimal(3), "III类或更优", "类", 2025),
             # too long beside its name as well: a line of its own
             Bar("庚山土家族苗族自治县（征求意见稿·定稿已印发）", Decimal(99), "34台、75台、99台（3个目标）", "台", 2025),
             Bar("辛山区", Decimal(40), "≥40台", "台", 2025)]
    page = chromium.new_page(viewport=PHONE)
    try:
        page.set_content(f"<!doctype html><meta charset=utf-8><body style='margin:0'>"
                         f"<div style='width:{PHONE_COLUMN}px;margin:0 16px'>{bar_chart(bars, '测试')}</div></body>")
        charts = page.evaluate(CHART_BOXES_JS)
    finally:
        page.close()
    # one chart per unit and year, drawn at the phone's column, a little narrower
    assert len(charts) == 6 and all(c["scale"] < 1 for c in charts)
    assert sum(len(c["gaps"]) for c in charts) == len(bars)
    assert problems_of(charts) == []


def test_no_bar_touches_a_label_on_any_metric_page_at_phone_width(chromium, site_url, built_site):  # noqa: F811
    charted = sorted(p.parent.name for p in (built_site / "metrics").glob("*/index.html")
                     if '<svg class="chart"' in p.read_text(encoding="utf-8"))
    assert "public-charging-facilities" in charted  # the page of the user test
    context = chromium.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    problems, labels = [], 0
    for metric in charted:
        open_page(page, f"{site_url}metrics/{metric}/")
        charts = page.evaluate(CHART_BOXES_JS)
        labels += sum(len(c["gaps"]) for c in charts)
        problems += [(metric, *p) for p in problems_of(charts)]
    context.close()
    assert labels >= len(charted)
    assert problems == [], problems[:10]
