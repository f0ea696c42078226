"""Line chart of a unit's share over time with its target lines, as inline SVG drawn on the server.

No script, no library, nothing fetched; presentation attributes only (the CSP allows no inline style).
The page shows the same numbers in a table under the chart.
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .dashboard import START
from .progress import Target

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 30
LINE, TARGET_COLOUR = "#1f5fa8", "#c0392b"


def share_chart(unit: str, points: list[tuple[dt.date, Fraction]], targets: list[Target], end: dt.date) -> SafeString:
    span_days = max((end - START).days, 1)
    w, h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        return LEFT + w * max(0, (day - START).days) / span_days

    def y(share: float) -> float:
        return TOP + h * (1 - share)

    title = f"{unit}撤桶并点率与目标"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" font-size="11" font-family="sans-serif">',
             f"<title>{escape(title)}</title>"]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{WIDTH - RIGHT}" y2="{y(tick):.1f}" stroke="#ddd"/>'
                     f'<text x="{LEFT - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="#444">{int(tick * 100)}%</text>')
    month = dt.date(START.year, START.month, 1)
    while month <= end:
        parts.append(f'<text x="{x(month):.1f}" y="{HEIGHT - 10}" text-anchor="middle" fill="#444">'
                     f'{month.month}月</text>')
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    previous = START
    for target in targets:
        level = float(target.required)
        parts.append(f'<line x1="{x(previous):.1f}" y1="{y(level):.1f}" x2="{x(target.due):.1f}" y2="{y(level):.1f}" '
                     f'stroke="{TARGET_COLOUR}" stroke-dasharray="5 3" stroke-width="1.5">'
                     f'<title>{target.due.isoformat()} 前至少 {int(level * 100)}%</title></line>'
                     f'<text x="{x(target.due) - 2:.1f}" y="{y(level) - 4:.1f}" text-anchor="end" '
                     f'fill="{TARGET_COLOUR}">{target.due.month}月底目标 {int(level * 100)}%</text>')
        previous = target.due
    if points:
        path = " ".join(f"{x(d):.1f},{y(float(s)):.1f}" for d, s in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
        last_day, last = points[-1]
        parts.append(f'<circle cx="{x(last_day):.1f}" cy="{y(float(last)):.1f}" r="3" fill="{LINE}">'
                     f'<title>{last_day.isoformat()}：{float(last) * 100:.1f}%</title></circle>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it went through escape() or is a number
