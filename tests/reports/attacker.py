"""A reader who tries to recover hidden cells of a published reach report by subtraction.

Written apart from the suppression code on purpose: it reads only what the API publishes
(the JSON answer) and what anyone knows about it — every split adds up to the total,
answered = yes + no + maybe, answered, reached and checked-in are at most invited,
first-time at most checked-in, cost = price x segments, cost per parent reached = cost /
reached — and uses two attacks:

- exact linear algebra: a hidden cell is worked out iff every vector of the null space of
  the hidden part of the equations is zero at that cell;
- interval bounds: ``0 <= cell`` pushed through every equation and inequality.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import inf
from typing import Any

SPLITS = ("by_language", "by_topic", "by_organisation", "by_month")
COUNTS = (
    "invited", "sms_delivered", "email_delivered", "whatsapp_delivered", "whatsapp_read",
    "calls_answered", "reached", "answered", "yes", "no", "maybe",
    "yes_people", "checked_in", "checked_in_people", "first_time", "sms_segments",
)  # fmt: skip
LIMITS = (
    ("answered", "invited"),
    ("reached", "invited"),
    ("checked_in", "invited"),
    ("first_time", "checked_in"),
    ("whatsapp_read", "whatsapp_delivered"),
)

Key = tuple[str, str, str]


@dataclass
class Published:
    """The published figures: known values and the hidden cells, with the relations."""

    known: dict[Key, int]
    hidden: list[Key]
    equations: list[dict[Key, int]]  # sum == 0
    inequalities: list[dict[Key, int]]  # sum <= 0


def read(report: dict[str, Any], *, price: Decimal, marker: str = "x") -> Published:
    """Parse the JSON report the way an outsider would."""
    rows: dict[tuple[str, str], dict[str, Any]] = {("total", ""): report["total"]}
    for split in SPLITS:
        for row in report[split]:
            rows[(split, row["label"])] = row
    known: dict[Key, int] = {}
    hidden: list[Key] = []
    for (split, label), row in rows.items():
        for name in COUNTS:
            value = row["sms_cost_eur"] if name == "sms_segments" else row[name]
            key = (split, label, name)
            if value == marker or (isinstance(value, str) and not _number(value)):
                hidden.append(key)  # whatever the mark ("< 5" once)
            elif name == "sms_segments":
                known[key] = int(Decimal(value) / price)
            else:
                known[key] = int(value)
    equations = []
    for name in COUNTS:
        for split in SPLITS:
            line = {("total", "", name): 1}
            line.update({(split, row["label"], name): -1 for row in report[split]})
            equations.append(line)
    for split, label in rows:
        equations.append(
            {
                (split, label, "answered"): 1,
                (split, label, "yes"): -1,
                (split, label, "no"): -1,
                (split, label, "maybe"): -1,
            }
        )
    inequalities = [
        {(split, label, small): 1, (split, label, large): -1}
        for split, label in rows
        for small, large in LIMITS
    ]
    return Published(known, hidden, equations, inequalities)


def _number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def _system(pub: Published, rows: list[dict[Key, int]]) -> list[tuple[list[Fraction], Fraction]]:
    index = {key: i for i, key in enumerate(pub.hidden)}
    system = []
    for row in rows:
        coeffs = [Fraction(0)] * len(pub.hidden)
        rhs = Fraction(0)
        for key, a in row.items():
            if key in index:
                coeffs[index[key]] += a
            else:
                rhs -= a * pub.known[key]
        system.append((coeffs, rhs))
    return system


def solved_exactly(pub: Published) -> set[Key]:
    """Hidden cells fixed by the equations alone (the null space is zero there)."""
    n = len(pub.hidden)
    matrix = [coeffs[:] for coeffs, _ in _system(pub, pub.equations)]
    pivots: list[int] = []
    r = 0
    for col in range(n):
        pick = next((i for i in range(r, len(matrix)) if matrix[i][col] != 0), None)
        if pick is None:
            continue
        matrix[r], matrix[pick] = matrix[pick], matrix[r]
        lead = matrix[r][col]
        matrix[r] = [v / lead for v in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][col] != 0:
                factor = matrix[i][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append(col)
        r += 1
    free = [c for c in range(n) if c not in pivots]
    null_basis = []
    for f in free:
        vector = [Fraction(0)] * n
        vector[f] = Fraction(1)
        for row_index, p in enumerate(pivots):
            vector[p] = -matrix[row_index][f]
        null_basis.append(vector)
    return {pub.hidden[i] for i in range(n) if all(v[i] == 0 for v in null_basis)}


def bounds(pub: Published) -> dict[Key, tuple[float, float]]:
    """The narrowest ``[low, high]`` interval propagation finds for each hidden cell."""
    low = [0.0] * len(pub.hidden)
    high = [inf] * len(pub.hidden)
    rows = [(c, r, False) for c, r in _system(pub, pub.equations)]
    rows += [(c, r, True) for c, r in _system(pub, pub.inequalities)]
    for _ in range(200):
        moved = False
        for coeffs, rhs, at_most in rows:
            for i, a in enumerate(coeffs):
                if a == 0:
                    continue
                others = [(b, j) for j, b in enumerate(coeffs) if b != 0 and j != i]
                most = float(rhs) - sum(
                    float(b) * (low[j] if b > 0 else high[j]) for b, j in others
                )
                least = float(rhs) - sum(
                    float(b) * (high[j] if b > 0 else low[j]) for b, j in others
                )
                if a > 0:
                    new_low, new_high = (least / float(a), most / float(a))
                else:
                    new_low, new_high = (most / float(a), least / float(a))
                if at_most:
                    new_low, new_high = (-inf, new_high) if a > 0 else (new_low, inf)
                if not math.isnan(new_low) and new_low > low[i] + 1e-9:
                    low[i], moved = new_low, True
                if not math.isnan(new_high) and new_high < high[i] - 1e-9:
                    high[i], moved = new_high, True
        if not moved:
            break
    return {key: (low[i], high[i]) for i, key in enumerate(pub.hidden)}


def recovered(report: dict[str, Any], *, price: Decimal) -> set[Key]:
    """Every hidden cell this reader can work out exactly."""
    pub = read(report, price=price)
    pinned = {key for key, (lo, hi) in bounds(pub).items() if hi - lo < 1e-9}
    return solved_exactly(pub) | pinned
