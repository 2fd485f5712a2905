"""Bar charts drawn server-side as SVG: no JavaScript, readable in print, text kept as text.

Values that the small-cell rule hides are drawn as an empty bar labelled with the table's
marker, so the picture never shows more than the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 150  # the narrowest label column; it grows to the longest label
MAX_LABEL_WIDTH = 300  # past this a label wraps onto a second (and third) line
CHAR_WIDTH = 8  # a wide letter at font-size 13 (system-ui): generous, so nothing is cut off
LINE_HEIGHT = 15
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
    label_width = label_column_width([bar.label for bar in bars])
    lines = [wrap_label(bar.label, label_width) for bar in bars]
    group_height = max(len(series) * BAR_HEIGHT, *(len(ls) * LINE_HEIGHT for ls in lines or [[]]))
    group_height += GAP
    legend_height = 24
    height = legend_height + max(1, len(bars)) * group_height + GAP
    width = label_width + CHART_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
    ]
    parts.extend(_legend(series, label_width))
    for index, bar in enumerate(bars):
        top = legend_height + index * group_height
        parts.append(_label(lines[index], label_width, top, len(series)))
        for position, value in enumerate(bar.values):
            colour = COLOURS[position % len(COLOURS)]
            parts.append(_bar(value, top + position * BAR_HEIGHT, scale_max, colour, label_width))
    if not bars:
        parts.append(f'<text x="{label_width}" y="{legend_height + 16}" fill="#1a1a1a">—</text>')
    parts.append("</svg>")
    return "".join(parts)


def label_column_width(labels: list[str]) -> int:
    """Wide enough for the longest label (an estimate on the wide side), within the bounds."""
    longest = max((len(label) for label in labels), default=0)
    return max(LABEL_WIDTH, min(MAX_LABEL_WIDTH, longest * CHAR_WIDTH + 12))


def wrap_label(label: str, width: int) -> list[str]:
    """``label`` in lines that fit ``width`` (at word breaks; a too-long word gets its own)."""
    fits = max(1, (width - 12) // CHAR_WIDTH)
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= fits:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _label(lines: list[str], width: int, top: int, series: int) -> str:
    middle = top + BAR_HEIGHT * series / 2 + 4
    first = middle - (len(lines) - 1) * LINE_HEIGHT / 2
    spans = "".join(
        f'<tspan x="{width - 6}" y="{first + n * LINE_HEIGHT:.0f}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text text-anchor="end" fill="#1a1a1a">{spans}</text>'


def _legend(series: tuple[str, ...], label_width: int) -> list[str]:
    items = []
    for position, name in enumerate(series):
        x = label_width + position * 170
        colour = COLOURS[position % len(COLOURS)]
        items.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>')
        items.append(f'<text x="{x + 20}" y="16" fill="#1a1a1a">{escape(name)}</text>')
    return items


def _bar(value: int | str, y: int, scale_max: int, colour: str, label_width: int) -> str:
    text_y = y + BAR_HEIGHT - 7
    if not isinstance(value, int):  # hidden: an outline and the marker, no length
        return (
            f'<rect x="{label_width}" y="{y + 3}" width="24" height="{BAR_HEIGHT - 6}" '
            f'fill="none" stroke="{colour}" stroke-dasharray="3 2"/>'
            f'<text x="{label_width + 30}" y="{text_y}" fill="#1a1a1a">{escape(value)}</text>'
        )
    width = round(CHART_WIDTH * value / scale_max)
    return (
        f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{BAR_HEIGHT - 6}" '
        f'fill="{colour}"/>'
        f'<text x="{label_width + width + 6}" y="{text_y}" fill="#1a1a1a">{value}</text>'
    )
