"""Bar charts drawn server-side as SVG: no JavaScript, readable in print, text kept as text.

Values that the small-cell rule hides are drawn as an empty bar labelled with the table's
marker, so the picture never shows more than the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 150
CHART_WIDTH = 560
COLOURS = ("#1f5fa8", "#b35900")  # 4.5:1 or better on white, and told apart without colour


@dataclass(frozen=True)
class Bar:
    """One labelled bar, with up to two series (e.g. invited and checked in)."""

    label: str
    values: tuple[int | str, ...]


def bar_chart(bars: list[Bar], *, title: str, series: tuple[str, ...]) -> str:
    """A horizontal bar chart with a legend; ``role="img"`` and a title for screen readers."""
    numeric = [v for bar in bars for v in bar.values if isinstance(v, int)]
    scale_max = max([*numeric, 1])
    group_height = len(series) * BAR_HEIGHT + GAP
    legend_height = 24
    height = legend_height + max(1, len(bars)) * group_height + GAP
    width = LABEL_WIDTH + CHART_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
    ]
    parts.extend(_legend(series))
    for index, bar in enumerate(bars):
        top = legend_height + index * group_height
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{top + BAR_HEIGHT * len(series) / 2 + 4:.0f}" '
            f'text-anchor="end" fill="#1a1a1a">{escape(bar.label)}</text>'
        )
        for position, value in enumerate(bar.values):
            parts.append(
                _bar(
                    value, top + position * BAR_HEIGHT, scale_max, COLOURS[position % len(COLOURS)]
                )
            )
    if not bars:
        parts.append(f'<text x="{LABEL_WIDTH}" y="{legend_height + 16}" fill="#1a1a1a">—</text>')
    parts.append("</svg>")
    return "".join(parts)


def _legend(series: tuple[str, ...]) -> list[str]:
    items = []
    for position, name in enumerate(series):
        x = LABEL_WIDTH + position * 170
        colour = COLOURS[position % len(COLOURS)]
        items.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>')
        items.append(f'<text x="{x + 20}" y="16" fill="#1a1a1a">{escape(name)}</text>')
    return items


def _bar(value: int | str, y: int, scale_max: int, colour: str) -> str:
    text_y = y + BAR_HEIGHT - 7
    if not isinstance(value, int):  # hidden: an outline and the marker, no length
        return (
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="24" height="{BAR_HEIGHT - 6}" '
            f'fill="none" stroke="{colour}" stroke-dasharray="3 2"/>'
            f'<text x="{LABEL_WIDTH + 30}" y="{text_y}" fill="#1a1a1a">{escape(value)}</text>'
        )
    width = round(CHART_WIDTH * value / scale_max)
    return (
        f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{BAR_HEIGHT - 6}" '
        f'fill="{colour}"/>'
        f'<text x="{LABEL_WIDTH + width + 6}" y="{text_y}" fill="#1a1a1a">{value}</text>'
    )
