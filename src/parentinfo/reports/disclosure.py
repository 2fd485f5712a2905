"""Cell suppression with complementary (secondary) suppression: a pure core, no I/O.

The method is the one statistical offices publish tables with (Eurostat, CBS and the ONS
describe it; tau-Argus implements it): *primary* suppression hides every sensitive cell,
then *secondary* (complementary) suppression hides further cells until no hidden cell can
be worked out from what is shown. We chose it over rounding because the report's readers
need exact figures for the large groups, and because deterministic rounding is itself
undone by subtraction when four or more cells sit at the edge of their interval; random
rounding or noise would change with every download and average out.

A table is a set of cells with known values and the linear equations the reader knows
hold between them (a total is the sum of its rows; "answered" is yes + no + maybe). The
reader's knowledge of a hidden cell is the set of values consistent with the shown cells,
those equations and non-negativity. Hidden cells all carry one marker, so the reader
cannot tell a small count from a complement: every hidden cell is only known to be ``>= 0``.

:func:`disclosed` is that reader: it finds each hidden cell whose value is pinned, either
exactly by linear subtraction (a unit row in the reduced row echelon form of the hidden
part of the equations) or by interval bounds (propagated over the equations and the
combinations elimination produces). :func:`suppress` hides complements, one at a time,
until that reader pins no cell above zero: it terminates because each step hides one more
cell, and once a connected group is hidden entirely its equations are homogeneous, so any
cell with a value above zero can be scaled and is never pinned. A hidden cell still
pinned then is a zero (a companion or complement); it is shown, since the reader already
knows it, and so nothing hidden can be worked out at all.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import inf

Cell = Hashable
Equation = Mapping[Cell, int]  # coefficients; the weighted sum of the cells is zero
MAX_SWEEPS = 64


@dataclass(frozen=True)
class Table:
    """Cells with their true values and the equations a reader knows hold between them."""

    values: Mapping[Cell, int]
    equations: tuple[Equation, ...]
    inequalities: tuple[Equation, ...] = ()  # the weighted sum is at most zero


def suppress(
    table: Table, primary: Iterable[Cell], companions: Mapping[Cell, tuple[Cell, ...]]
) -> frozenset[Cell]:
    """The cells to hide: ``primary``, their ``companions`` (hidden with them), complements."""
    hidden = _with_companions(set(primary), companions)
    given_up: set[Cell] = set()
    while True:
        pinned = disclosed(table, hidden)
        exposed = [c for c in _ordered(pinned) if table.values[c] and c not in given_up]
        if not exposed:  # what is left pinned is a zero: showing it tells nothing new
            return frozenset(hidden - pinned)
        complement = _complement(table, hidden, exposed[0])
        if complement is None:  # everything it is tied to is hidden: only a zero is pinned
            given_up.add(exposed[0])
            continue
        hidden = _with_companions(hidden | {complement}, companions)


def disclosed(table: Table, hidden: set[Cell]) -> set[Cell]:
    """Hidden cells whose value follows from the shown cells and the equations."""
    if not hidden:
        return set()
    rows = _reduced(_restricted(table, table.equations, hidden))
    exact = {next(iter(coeffs)) for coeffs, _ in rows if len(coeffs) == 1}
    rows += _restricted(table, table.equations, hidden)
    limits = _restricted(table, table.inequalities, hidden)
    return exact | _pinned_by_bounds(rows, limits, hidden)


Row = tuple[dict[Cell, Fraction], Fraction]  # sum of coefficient x cell == right-hand side


def _restricted(table: Table, equations: tuple[Equation, ...], hidden: set[Cell]) -> list[Row]:
    """Each equation (or inequality) with the shown cells moved to the right-hand side."""
    rows: list[Row] = []
    for equation in equations:
        coeffs = {c: Fraction(a) for c, a in equation.items() if c in hidden and a}
        if coeffs:
            shown = sum(a * table.values[c] for c, a in equation.items() if c not in hidden)
            rhs = Fraction(-shown)
            rows.append((coeffs, rhs))
    return rows


def _reduced(rows: list[Row]) -> list[Row]:
    """Gauss-Jordan elimination over the rationals: the reduced row echelon form."""
    reduced: list[Row] = []
    for row_coeffs, row_rhs in rows:
        coeffs, rhs = dict(row_coeffs), row_rhs
        for pivot_coeffs, pivot_rhs in reduced:
            pivot = next(iter(pivot_coeffs))
            factor = coeffs.get(pivot)
            if factor:
                coeffs, rhs = _subtract(coeffs, rhs, pivot_coeffs, pivot_rhs, factor)
        if not coeffs:
            continue
        pivot = min(coeffs, key=repr)
        scale = coeffs[pivot]
        new = {pivot: Fraction(1), **{c: a / scale for c, a in coeffs.items() if c != pivot}}
        new_rhs = rhs / scale
        reduced = [
            _subtract(pc, pr, new, new_rhs, pc[pivot]) if pc.get(pivot) else (pc, pr)
            for pc, pr in reduced
        ]
        reduced.append((new, new_rhs))
    return reduced


def _subtract(
    coeffs: dict[Cell, Fraction],
    rhs: Fraction,
    other: dict[Cell, Fraction],
    other_rhs: Fraction,
    factor: Fraction,
) -> Row:
    """``coeffs - factor * other``, keeping the first key of ``coeffs`` first (its pivot)."""
    result = dict(coeffs)
    for cell, a in other.items():
        value = result.get(cell, Fraction(0)) - factor * a
        if value:
            result[cell] = value
        else:
            result.pop(cell, None)
    return result, rhs - factor * other_rhs


def _pinned_by_bounds(rows: list[Row], limits: list[Row], hidden: set[Cell]) -> set[Cell]:
    """Propagate ``0 <= cell`` through every row until the bounds stop moving.

    ``rows`` are equations, ``limits`` inequalities (``sum <= rhs``): an inequality only
    bounds each cell from the side its coefficient allows.
    """
    low: dict[Cell, float] = dict.fromkeys(hidden, 0.0)
    high: dict[Cell, float] = dict.fromkeys(hidden, inf)
    tagged = [(row, False) for row in rows] + [(row, True) for row in limits]
    for _ in range(MAX_SWEEPS):
        changed = False
        for (coeffs, rhs), at_most in tagged:
            for cell, a in coeffs.items():
                lo, hi = _bound_from((coeffs, rhs), cell, a, (low, high))
                if at_most:  # a*cell <= rhs - sum(others) only caps one side
                    lo, hi = (-inf, hi) if a > 0 else (lo, inf)
                if lo > low[cell] + 1e-9:
                    low[cell], changed = lo, True
                if hi < high[cell] - 1e-9:
                    high[cell], changed = hi, True
        if not changed:
            break
    return {c for c in hidden if high[c] - low[c] < 1e-9}


def _bound_from(
    row: Row, cell: Cell, a: Fraction, limits: tuple[dict[Cell, float], dict[Cell, float]]
) -> tuple[float, float]:
    """Bounds on ``cell`` from one row: ``a*cell = rhs - sum(others)``."""
    coeffs, rhs = row
    low, high = limits
    rest_low = rest_high = float(rhs)
    for other, b in coeffs.items():
        if other == cell:
            continue
        b_f = float(b)
        # rest = rhs - b*other: its lowest uses the other at the bound that maximises b*other
        rest_low -= b_f * (high[other] if b_f > 0 else low[other])
        rest_high -= b_f * (low[other] if b_f > 0 else high[other])
    a_f = float(a)
    bounds = sorted(_divide(v, a_f) for v in (rest_low, rest_high))
    return bounds[0], bounds[1]


def _divide(value: float, by: float) -> float:
    if math.isnan(value):  # inf - inf: this row says nothing
        return inf if by > 0 else -inf
    return value / by


def _complement(table: Table, hidden: set[Cell], exposed: Cell) -> Cell | None:
    """The cell to hide next to protect ``exposed``: the cheapest shown cell tied to it.

    Cheapest means in the fewest equations (a row before a total, which would spread the
    suppression to every table that shares it), then not zero, then the smallest value.
    Cells in an equation with ``exposed`` come first; failing those, any shown cell
    reachable from it through equations whose cells are hidden.
    """
    frontier, seen = [exposed], {exposed}
    while frontier:
        near = {
            c
            for eq in table.equations
            if any(f in eq for f in frontier)
            for c in eq
            if c not in seen
        }
        shown = [c for c in near if c not in hidden]
        if shown:
            return min(shown, key=lambda c: _cost(table, c))
        frontier = [c for c in near if c in hidden]
        seen.update(frontier)
    return None


def _cost(table: Table, cell: Cell) -> tuple[int, bool, int, str]:
    uses = sum(1 for eq in table.equations if cell in eq)
    value = table.values[cell]
    return (uses, value == 0, value, repr(cell))


def _with_companions(hidden: set[Cell], companions: Mapping[Cell, tuple[Cell, ...]]) -> set[Cell]:
    result = set(hidden)
    for cell in hidden:
        result.update(companions.get(cell, ()))
    return result


def _ordered(cells: Iterable[Cell]) -> list[Cell]:
    return sorted(cells, key=repr)
