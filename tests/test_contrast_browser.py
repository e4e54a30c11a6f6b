"""Text that can be read: every visible text of the header, tabs, page and footer, on every page
kind, in the light and the dark palette, against the background it is drawn on, at the contrast
WCAG 2.2 SC 1.4.3 asks (4.5:1; 3:1 for text of 24 px, or 18.66 px bold). Colours with transparency
and the opacity of the text's boxes are blended over that background first.

The theme's green (#4cae4f) gave links and the header's white text 2.8:1 and the inactive tabs
2.1:1: the site's own darker green (assets/extra.css) is what this checks.
Run alone with: .venv/bin/python -m pytest tests/test_contrast_browser.py
"""
from __future__ import annotations

import pytest

from tests.test_layout_browser import chromium, open_page, page_kinds  # noqa: F401 - chromium: this module's own browser

pytestmark = pytest.mark.browser

# Runs in the page: [element, its text, ratio, needed] for each text that falls short.
LOW_CONTRAST_JS = r"""
() => {
  const rgba = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  // WCAG 2.x relative luminance of an sRGB colour
  const channel = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let base = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
    return base;
  };
  const low = [];
  let checked = 0;
  for (const el of document.querySelectorAll('.md-header *, .md-tabs *, .md-content *, .md-footer *')) {
    if (el.closest('svg')) continue;  // chart ink: tests.test_layout_browser
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    if (!text) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // not drawn (a label for screen readers)
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    if (opacity < 0.05) continue;  // faded out (the header's second title until one scrolls)
    const under = background(el);
    const ink = rgba(style.color);
    const fg = over([ink[0], ink[1], ink[2], ink[3] * opacity], under);
    const a = luminance(fg), b = luminance(under);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const px = parseFloat(style.fontSize);
    const large = px >= 24 || (parseInt(style.fontWeight, 10) >= 700 && px >= 18.66);
    const needed = large ? 3 : 4.5;
    checked += 1;
    const name = el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join('');
    if (ratio < needed) low.push([name, text.slice(0, 16), Math.round(ratio * 100) / 100, needed]);
  }
  return {checked, low};
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_reads_against_its_background_in_both_palettes(chromium, site_url, built_site, scheme):  # noqa: F811
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    pg = context.new_page()
    problems, checked = [], 0
    try:
        for path in page_kinds(built_site):
            open_page(pg, site_url + path)
            found = pg.evaluate(LOW_CONTRAST_JS)
            checked += found["checked"]
            kinds: dict[tuple, list[str]] = {}
            for element, text, ratio, needed in found["low"]:
                kinds.setdefault((element, ratio, needed), []).append(text)
            problems += [f"{path or '(home)'}: {element} {ratio}:1 < {needed}:1 ({len(texts)}×, e.g. {texts[:3]})"
                         for (element, ratio, needed), texts in kinds.items()]
    finally:
        context.close()
    assert checked > 1000, checked  # the texts were found
    assert not problems, "\n".join(problems)
