"""Charts drawn at build time as inline SVG: no scripts, no network, escaped labels."""
from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal

FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    value_label: str


def bar_chart(bars: list[Bar], title: str, width: int = 640) -> str:
    """Horizontal bars, one per value, scaled to the largest value."""
    row, label_w, pad = 28, 170, 8
    height = pad * 2 + row * len(bars)
    top = max((b.value for b in bars), default=Decimal(1)) or Decimal(1)
    plot_w = width - label_w - 150
    parts = [
        f'<svg class="chart" role="img" aria-label="{_esc(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" style="max-width:100%;height:auto" xmlns="http://www.w3.org/2000/svg" font-family="{_esc(FONT)}" font-size="13">',
        f"<title>{_esc(title)}</title>",
    ]
    for i, b in enumerate(bars):
        y = pad + i * row
        w = max(1, int(plot_w * float(b.value / top)))
        parts.append(f'<text x="{label_w - 6}" y="{y + 18}" text-anchor="end">{_esc(b.label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 5}" width="{w}" height="{row - 10}" fill="#3f7f5f" rx="2"/>')
        parts.append(f'<text x="{label_w + w + 6}" y="{y + 18}">{_esc(b.value_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class HeatCell:
    value: int
    href: str  # relative link, already computed; empty for none
    tooltip: str


def heat_map(rows: list[str], columns: list[str], cells: list[list[HeatCell]], title: str) -> str:
    """A rows × columns grid shaded by count; each non-empty cell links to its measures."""
    cell_w, cell_h, label_w, head_h = 92, 30, 150, 34
    width = label_w + cell_w * len(columns) + 4
    height = head_h + cell_h * len(rows) + 4
    top = max((c.value for r in cells for c in r), default=1) or 1
    parts = [
        f'<svg class="heatmap" role="img" aria-label="{_esc(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" style="max-width:100%;height:auto" xmlns="http://www.w3.org/2000/svg" font-family="{_esc(FONT)}" font-size="13">',
        f"<title>{_esc(title)}</title>",
    ]
    for j, col in enumerate(columns):
        parts.append(f'<text x="{label_w + j * cell_w + cell_w / 2}" y="{head_h - 12}" text-anchor="middle" font-weight="bold">{_esc(col)}</text>')
    for i, row_label in enumerate(rows):
        y = head_h + i * cell_h
        parts.append(f'<text x="{label_w - 8}" y="{y + 20}" text-anchor="end">{_esc(row_label)}</text>')
        for j, cell in enumerate(cells[i]):
            x = label_w + j * cell_w
            shade = 0 if cell.value == 0 else 0.15 + 0.85 * cell.value / top
            fill = "#f2f2f2" if cell.value == 0 else f"rgba(31,119,80,{shade:.2f})"
            ink = "#ffffff" if shade > 0.55 else "#222222"
            rect = (f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}">'
                    f"<title>{_esc(cell.tooltip)}</title></rect>"
                    f'<text x="{x + cell_w / 2}" y="{y + 20}" text-anchor="middle" fill="{ink}">{cell.value}</text>')
            parts.append(f'<a href="{_esc(cell.href)}">{rect}</a>' if cell.href and cell.value else rect)
    parts.append("</svg>")
    return "".join(parts)
