"""A CSV cell never runs as a formula, however its first character is written."""

from __future__ import annotations

import pytest

from parentinfo.lib.csvcells import safe_cell


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        '＝HYPERLINK("x")',
        "﹦1",
        "＋31",
        "－1",
        "＠SUM(A1)",
        "+31",
        "-1",
        "@x",
        "\tx",
        "\rx",
    ],
)
def test_cells_that_could_run_as_a_formula_are_neutralised(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Anna", "", "Ана", "1=1", "'quoted"])
def test_ordinary_cells_are_left_alone(text: str) -> None:
    assert safe_cell(text) == text
