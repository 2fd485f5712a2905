"""The colours of the stylesheet meet WCAG 2.1 AA contrast (4.5:1 for text) where they meet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "src" / "parentinfo" / "web" / "static" / "app.css"
# (text, background) pairs the stylesheet actually puts together.
PAIRS = [
    ("--ink", "--paper"),
    ("--ink", "--soft"),
    ("--muted", "--paper"),
    ("--muted", "--soft"),
    ("--brand", "--paper"),
    ("--brand", "--soft"),
    ("#ffffff", "--brand"),
    ("#ffffff", "--brand-dark"),
    ("#ffffff", "--bad"),
    ("--bad", "--paper"),
    ("--bad", "--bad-soft"),
    ("--ok", "--ok-soft"),
    ("--warn", "--warn-soft"),
    ("--brand-dark", "#ffffff"),
]


def _colours() -> dict[str, str]:
    return dict(re.findall(r"(--[a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text()))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_colours_meet_aa(text: str, background: str) -> None:
    colours = _colours()
    fg = colours.get(text, text)
    bg = colours.get(background, background)
    assert contrast(fg, bg) >= 4.5, f"{text} on {background}: {contrast(fg, bg):.2f}"


def test_the_ratio_is_computed_right() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) >= 4.5
