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
    """The cells to hide: ``primary``, their ``companions`` (hidden with them), complements.

    Groups of cells that no equation connects are independent, so each round hides one
    complement in every group that needs one, then audits again.
    """
    auditor = _Auditor(table)
    hidden = _with_companions(set(primary), companions)
    given_up: set[Cell] = set()
    while True:
        pinned = auditor.disclosed(hidden)
        exposed = [c for c in _ordered(pinned) if table.values[c] and c not in given_up]
        if not exposed:  # what is left pinned is a zero: showing it tells nothing new
            return frozenset(hidden - pinned)
        chosen: set[Cell] = set()
        done: set[int] = set()
        for cell in exposed:
            if auditor.group_of[cell] in done:
                continue
            complement = auditor.complement(hidden, cell)
            if complement is None:  # everything it is tied to is hidden: only a zero is pinned
                given_up.add(cell)
                continue
            chosen.add(complement)
            done.add(auditor.group_of[cell])
        hidden = _with_companions(hidden | chosen, companions)


def disclosed(table: Table, hidden: set[Cell]) -> set[Cell]:
    """Hidden cells whose value follows from the shown cells and the equations."""
    return _Auditor(table).disclosed(hidden)


class _Auditor:
    """The reader's attack, run per connected group of cells and remembered per group."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.uses: dict[Cell, set[int]] = {c: set() for c in table.values}
        for index, equation in enumerate(table.equations):
            for cell in equation:
                self.uses[cell].add(index)
        self.groups = _groups(table)
        self.group_of = {c: i for i, (cells, _) in enumerate(self.groups) for c in cells}
        self.seen: dict[frozenset[Cell], set[Cell]] = {}

    def disclosed(self, hidden: set[Cell]) -> set[Cell]:
        """Hidden cells the reader pins, group by group."""
        result: set[Cell] = set()
        for cells, group in self.groups:
            key = frozenset(hidden & cells)
            if key not in self.seen:
                self.seen[key] = _disclosed_in(group, set(key))
            result |= self.seen[key]
        return result

    def complement(self, hidden: set[Cell], exposed: Cell) -> Cell | None:
        """The cell to hide next to protect ``exposed``: the cheapest shown cell tied to it.

        Cheapest means in the fewest equations (a row before a total, which would spread
        the suppression to every table that shares it), then not zero, then the smallest
        value. Cells in an equation with ``exposed`` come first; failing those, any shown
        cell reachable from it through equations whose cells are hidden.
        """
        frontier, seen = [exposed], {exposed}
        while frontier:
            near = {
                c
                for f in frontier
                for index in self.uses[f]
                for c in self.table.equations[index]
                if c not in seen
            }
            shown = [c for c in near if c not in hidden]
            if shown:
                return min(shown, key=self._cost)
            frontier = [c for c in near if c in hidden]
            seen.update(frontier)
        return None

    def _cost(self, cell: Cell) -> tuple[int, bool, int, str]:
        value = self.table.values[cell]
        return (len(self.uses[cell]), value == 0, value, repr(cell))


def _groups(table: Table) -> list[tuple[frozenset[Cell], Table]]:
    """The table split into groups of cells no equation or inequality connects."""
    parent: dict[Cell, Cell] = {c: c for c in table.values}

    def root(cell: Cell) -> Cell:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    relations = (*table.equations, *table.inequalities)
    for relation in relations:
        first, *rest = list(relation)
        for other in rest:
            parent[root(other)] = root(first)
    members: dict[Cell, set[Cell]] = {}
    for cell in table.values:
        members.setdefault(root(cell), set()).add(cell)
    groups = []
    for cells in members.values():
        group = Table(
            values={c: table.values[c] for c in cells},
            equations=tuple(e for e in table.equations if next(iter(e)) in cells),
            inequalities=tuple(e for e in table.inequalities if next(iter(e)) in cells),
        )
        groups.append((frozenset(cells), group))
    return groups


def _disclosed_in(table: Table, hidden: set[Cell]) -> set[Cell]:
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
    tagged = [
        ([(c, float(a)) for c, a in coeffs.items()], float(rhs), at_most)
        for group, at_most in ((rows, False), (limits, True))
        for coeffs, rhs in group
    ]
    for _ in range(MAX_SWEEPS):
        changed = False
        for terms, rhs, at_most in tagged:
            for cell, a, share_low, share_high in _bounds_from(terms, rhs, low, high):
                lo, hi = share_low, share_high
                if at_most:  # a*cell <= rhs - sum(others) only caps one side
                    lo, hi = (-inf, hi) if a > 0 else (lo, inf)
                if lo > low[cell] + 1e-9:
                    low[cell], changed = lo, True
                if hi < high[cell] - 1e-9:
                    high[cell], changed = hi, True
        if not changed:
            break
    return {c for c in hidden if high[c] - low[c] < 1e-9}


def _bounds_from(
    terms: list[tuple[Cell, float]], rhs: float, low: dict[Cell, float], high: dict[Cell, float]
) -> list[tuple[Cell, float, float, float]]:
    """Bounds on each cell of ``sum(a*cell) = rhs`` from the others' bounds, in one pass.

    The others' largest sum leaves the cell its smallest share, and the other way round;
    sums are kept apart from their infinite terms, so each cell can leave out its own.
    """
    most = [b * (high[c] if b > 0 else low[c]) for c, b in terms]  # finite or +inf
    least = [b * (low[c] if b > 0 else high[c]) for c, b in terms]  # finite or -inf
    most_sum = sum(v for v in most if v != inf)
    least_sum = sum(v for v in least if v != -inf)
    most_inf = sum(1 for v in most if v == inf)
    least_inf = sum(1 for v in least if v == -inf)
    result = []
    for (cell, a), m, n in zip(terms, most, least, strict=True):
        others_most = inf if most_inf - (m == inf) else most_sum - (0 if m == inf else m)
        others_least = -inf if least_inf - (n == -inf) else least_sum - (0 if n == -inf else n)
        share = sorted(((rhs - others_most) / a, (rhs - others_least) / a))
        result.append((cell, a, share[0], share[1]))
    return result


def _with_companions(hidden: set[Cell], companions: Mapping[Cell, tuple[Cell, ...]]) -> set[Cell]:
    result = set(hidden)
    for cell in hidden:
        result.update(companions.get(cell, ()))
    return result


def _ordered(cells: Iterable[Cell]) -> list[Cell]:
    return sorted(cells, key=repr)
