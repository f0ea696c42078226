"""A bar chart as inline SVG, drawn on the server (no script, no library, nothing fetched).

Presentation attributes only (fill, x, width …), never a style attribute or element: the site's
Content-Security-Policy allows no inline style. The page shows the same numbers in a table next to the
chart, for screen readers and for copying.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 760
LABEL_W = 150
VALUE_W = 110
BAR_H = 14
GAP = 10
COLOURS = ("#1f5fa8", "#e08a00")  # distinguishable for the common colour blindnesses; the legend says which is which


def money(amount: Decimal) -> str:
    """Yuan as 万元 with two decimals for the labels (the table has the exact yuan)."""
    return f"{(amount / 10000).quantize(Decimal('0.01')):,}万"


def bar_chart(rows: list[tuple[str, list[Decimal]]], *, title: str, series: tuple[str, ...]) -> SafeString:
    """Horizontal bars: one group per row (label, one value per series), scaled to the largest value."""
    series = series[:len(COLOURS)]
    peak = max((v for _, values in rows for v in values), default=Decimal(0)) or Decimal(1)
    group_h = BAR_H * len(series) + GAP
    legend_h = 24
    height = legend_h + group_h * max(len(rows), 1) + 6
    span = WIDTH - LABEL_W - VALUE_W
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" font-size="12" font-family="sans-serif">',
             f'<title id="chart-title">{escape(title)}</title>']
    for n, name in enumerate(series):
        x = LABEL_W + n * 150
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[n]}"/>'
                     f'<text x="{x + 16}" y="14" fill="#222">{escape(name)}</text>')
    for index, (label, values) in enumerate(rows):
        top = legend_h + index * group_h
        parts.append(f'<text x="{LABEL_W - 6}" y="{top + BAR_H * len(series) / 2 + 4:.0f}" text-anchor="end" '
                     f'fill="#222">{escape(label)}</text>')
        for n, value in enumerate(values[:len(series)]):
            y = top + n * BAR_H
            width = float(value / peak) * span if value > 0 else 0
            parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{width:.1f}" height="{BAR_H - 2}" fill="{COLOURS[n]}">'
                         f'<title>{escape(label)} {escape(series[n])}：{value:.2f} 元</title></rect>'
                         f'<text x="{LABEL_W + width + 4:.1f}" y="{y + BAR_H - 3}" fill="#222">{money(value)}</text>')
    parts.append(f'<line x1="{LABEL_W}" y1="{legend_h - 2}" x2="{LABEL_W}" y2="{height - 4}" stroke="#888"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it went through escape()
