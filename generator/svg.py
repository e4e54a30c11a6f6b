"""Charts drawn at build time as inline SVG: no scripts, no network, escaped labels.

Sizes are chosen for reading on a phone: an SVG shrinks to its container (max-width 100%), so
its text renders at font size × container width ÷ viewBox width. Bar charts are therefore drawn
PHONE_WIDTH wide (no phone column is narrower; a desktop shows them at that size). Colours are
presentation attributes that assets/extra.css overrides per palette (light and dark); the
classes name what each mark is.
"""
from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
FONT_SIZE = 13  # px; the site's rule is at least 12 px on screen at 390 px width
# Material's content column at a 360 px-wide phone is 360 - 2 × 12.8 px ≈ 334 px, so a chart this
# wide renders its 13 px text at ≥ 12 px on any phone of 360 px or more.
PHONE_WIDTH = 360


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def text_width(text: str) -> float:
    """The width of a label in px, erring wide: a CJK or full-width character is one em, any other
    character about 0.62 em in the site's sans-serif fonts (digits, %, ≥ and the dash are narrower)."""
    return sum(FONT_SIZE if unicodedata.east_asian_width(ch) in "WF" else 0.62 * FONT_SIZE for ch in text)


def _open_svg(css_class: str, title: str, width: int, height: int) -> str:
    return (f'<svg class="{css_class}" role="img" aria-label="{_esc(title)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" style="max-width:100%;height:auto" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="{_esc(FONT)}" font-size="{FONT_SIZE}"><title>{_esc(title)}</title>')


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    value_label: str
    unit: str  # values in different units are never drawn on one scale
    year: int | None = None  # the target year: each year has a chart of its own


def bar_chart(bars: list[Bar], title: str) -> str:
    """Horizontal bars, one chart per unit and year (in order of first appearance), each headed by
    its year and unit. The charts of one unit share its scale, its largest value in any year, so that
    charts set side by side compare; numbers in different units are not comparable."""
    units = list(dict.fromkeys(b.unit for b in bars))
    scales = {u: _Scale.of([b for b in bars if b.unit == u]) for u in units}
    groups = list(dict.fromkeys((b.unit, b.year) for b in bars))
    return "".join(_unit_chart([b for b in bars if (b.unit, b.year) == (u, y)], title, u, y, scales[u], len(units) > 1)
                   for u, y in groups)


@dataclass(frozen=True)
class _Scale:
    """The horizontal scale the charts of one unit share: its largest value fills the plot's width,
    and the room right of the plot holds its longest value label ("14.5–16%（2个目标）"), which would
    otherwise run past the chart's edge and be cut off."""

    top: Decimal
    plot_w: int

    @classmethod
    def of(cls, bars: list[Bar]) -> _Scale:
        value_w = min(PHONE_WIDTH // 2, max(96, 8 + int(max(text_width(b.value_label) for b in bars))))
        return cls(max(b.value for b in bars) or Decimal(1), PHONE_WIDTH - value_w)


# The box a line of text takes on screen, in em of its font size above and below the baseline: the
# ascent and descent of Noto Sans CJK (1.16 and 0.29 em), the first of FONT, each rounded to whole
# px as Chromium measures them (15 and 4 px at 13 px). Labels are laid out by this box, not by their
# ink, so that no bar touches a label.
ASCENT, DESCENT = 1.16, 0.29
BAR_GAP = 3  # px from a bar's label (its box) down to the bar
ROW_GAP = 3  # px from a row's lowest box (its value label's) down to the next row's label


def _unit_chart(bars: list[Bar], title: str, unit: str, year: int | None, scale: _Scale, several: bool) -> str:
    # Each bar is a label line with the bar below it, so the bars get the chart's full width; rows
    # are kept tight (42 px) since a metric set by 38 districts draws a bar for each of them. A
    # desktop sets the charts of several years side by side (assets/extra.css: .chart-set).
    # The value label right of a bar has its baseline 1 px above the bar's foot, its figures (0.73 em)
    # about centred on the bar; its box reaches above the bar, and stays 1 px clear of the bar
    # label's box, which a short bar puts it under (tests/test_chart_spacing_browser.py measures them).
    ascent, descent = round(ASCENT * FONT_SIZE), round(DESCENT * FONT_SIZE)
    bar_h = 14
    label_base = ascent  # the label's box starts at the row's top
    bar_top = label_base + descent + BAR_GAP
    value_base = max(bar_top + bar_h - 1, label_base + descent + 1 + ascent)
    row = value_base + descent + ROW_GAP
    head = 24  # the unit caption's line above the first row
    width, height = PHONE_WIDTH, head + row * len(bars)
    caption = (f"{year}年" if year else "未写明目标年") + " · " + (f"单位：{unit}" if unit else "无单位")
    # the figure's caption says it too when the units differ (pages.metric), and a chart is too narrow for both
    full_title = f"{title}（{caption}{'；各单位分图，不同单位的数值不可比较' if several else ''}）"
    parts = [_open_svg("chart", full_title, width, height),
             f'<text class="chart-unit" x="0" y="{head - 8}" font-weight="bold">{_esc(caption)}</text>']
    for i, b in enumerate(bars):
        y = head + i * row
        w = max(1, int(scale.plot_w * float(b.value / scale.top)))
        parts.append(f'<text class="bar-label" x="0" y="{y + label_base}">{_esc(b.label)}</text>')
        parts.append(f'<rect class="bar" x="0" y="{y + bar_top}" width="{w}" height="{bar_h}" fill="#3f7f5f" rx="2"/>')
        parts.append(f'<text class="bar-value" x="{w + 6}" y="{y + value_base}">{_esc(b.value_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
