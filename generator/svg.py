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
    """The width of a label in px, erring wide: one em for a CJK or full-width character, and for those
    of ambiguous width (≥, ·), which the site's CJK font draws full width, and for %, which it draws
    0.92 em wide (Chromium's measure of Noto Sans CJK); 0.8 em for a capital letter; about 0.62 em for
    any other character (digits and small letters are 0.56)."""
    return sum(FONT_SIZE if ch == "%" or unicodedata.east_asian_width(ch) in "WFA"
               else (0.8 if ch.isupper() else 0.62) * FONT_SIZE for ch in text)


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
VALUE_GAP = 6  # px from a bar's end, or from its label where the value stands beside it, to the value
ROW_GAP = 3  # px from a row's lowest box (its value label's) down to the next row's label


def _bar(top: int, width: int, height: int) -> str:
    return f'<rect class="bar" x="0" y="{top}" width="{width}" height="{height}" fill="#3f7f5f" rx="2"/>'


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
    line = ascent + descent + 1  # a value too long for its bar's row and beside its name: a line of its own, 1 px clear
    head = 24  # the unit caption's line above the first row
    width = PHONE_WIDTH
    caption = (f"{year}年" if year else "未写明目标年") + " · " + (f"单位：{unit}" if unit else "无单位")
    # the figure's caption says it too when the units differ (pages.metric), and a chart is too narrow for both
    full_title = f"{title}（{caption}{'；各单位分图，不同单位的数值不可比较' if several else ''}）"
    rows, y = [], head
    for b in bars:
        w = max(1, int(scale.plot_w * float(b.value / scale.top)))
        label = f'<text class="bar-label" x="0" y="{y + label_base}">{_esc(b.label)}'
        value = _esc(b.value_label)
        if w + VALUE_GAP + text_width(b.value_label) <= width:  # right of its bar
            rows += [label + "</text>", _bar(y + bar_top, w, bar_h),
                     f'<text class="bar-value" x="{w + VALUE_GAP}" y="{y + value_base}">{value}</text>']
            y += row
        elif text_width(b.label) + VALUE_GAP + text_width(b.value_label) <= width:  # beside the name
            rows += [f'{label}<tspan class="bar-value" dx="{VALUE_GAP}">{value}</tspan></text>', _bar(y + bar_top, w, bar_h)]
            y += row
        else:  # a line of its own, between the name and the bar
            rows += [label + "</text>", _bar(y + bar_top + line, w, bar_h),
                     f'<text class="bar-value" x="0" y="{y + label_base + line}">{value}</text>']
            y += row + line
    parts = [_open_svg("chart", full_title, width, y),
             f'<text class="chart-unit" x="0" y="{head - 8}" font-weight="bold">{_esc(caption)}</text>', *rows]
    parts.append("</svg>")
    return "".join(parts)
