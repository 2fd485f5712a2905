"""Which cells of the reach report are hidden: the report as a table for :mod:`disclosure`.

Everything the page, the CSV and the API show is one table: the total row and the rows of
the four splits (language, topic, organisation, month), each with the same figures. What
a reader knows holds between them, and so what the suppression must defend against:

- every split adds up to the total, figure by figure (each invitation and each message
  falls in exactly one row of each split);
- in every row, answered = yes + no + maybe;
- in every row, answered, checked in <= invited, and first-time <= checked in (reached <=
  invited too, but reached is a message figure, hidden whenever invited is), and WhatsApp
  messages read <= WhatsApp messages delivered.

Primary cells are counts of people (and SMS segments) from 1 to 4. A row whose number
invited is hidden also hides its message figures and cost: they follow the number of
parents too closely (two SMS per parent give it away). Then complements are hidden until
no hidden cell can be worked out (:func:`disclosure.suppress`).
"""

from __future__ import annotations

from parentinfo.reports import disclosure
from parentinfo.reports.figures import PEOPLE_FIELDS, SMALL_CELL, Figures, Reach

SPLITS = ("by_language", "by_topic", "by_organisation", "by_month")
TOTAL = "total"
COUNTED = (*PEOPLE_FIELDS, "sms_segments")  # sms_segments is shown as the SMS cost
MESSAGE_FIELDS = (
    "sms_delivered",
    "email_delivered",
    "whatsapp_delivered",
    "whatsapp_read",
    "calls_answered",
    "reached",
    "sms_segments",
)
AT_MOST = (
    ("answered", "invited"),
    ("checked_in", "invited"),
    ("first_time", "checked_in"),
    ("whatsapp_read", "whatsapp_delivered"),  # a message is read only once delivered
)

Cell = tuple[str, str, str]  # (split or "total", label, figure)


def hidden_cells(reach: Reach) -> frozenset[Cell]:
    """The cells of ``reach`` that are not shown."""
    rows = _rows(reach)
    table = disclosure.Table(
        values={
            (split, label, name): getattr(cell, name)
            for (split, label), cell in rows.items()
            for name in COUNTED
        },
        equations=tuple(_equations(reach, rows)),
        inequalities=tuple(
            {(*row, small): 1, (*row, large): -1} for row in rows for small, large in AT_MOST
        ),
    )
    primary = [cell for cell, value in table.values.items() if 0 < value < SMALL_CELL]
    companions = {(*row, "invited"): tuple((*row, name) for name in MESSAGE_FIELDS) for row in rows}
    return frozenset(disclosure.suppress(table, primary, companions))  # type: ignore[arg-type]


def _rows(reach: Reach) -> dict[tuple[str, str], Figures]:
    rows = {(TOTAL, ""): reach.total}
    for split in SPLITS:
        for label, cell in getattr(reach, split).items():
            rows[(split, label)] = cell
    return rows


def _equations(
    reach: Reach, rows: dict[tuple[str, str], Figures]
) -> list[dict[disclosure.Cell, int]]:
    equations: list[dict[disclosure.Cell, int]] = []
    for name in COUNTED:
        for split in SPLITS:
            line: dict[disclosure.Cell, int] = {(TOTAL, "", name): 1}
            line.update({(split, label, name): -1 for label in getattr(reach, split)})
            equations.append(line)
    for row in rows:
        equations.append(
            {(*row, "answered"): 1, (*row, "yes"): -1, (*row, "no"): -1, (*row, "maybe"): -1}
        )
    return equations
