"""The report as people read it: suppressed cells, labels, CSV rows and SVG charts."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parentinfo.lib.csvcells import safe_cell
from parentinfo.reports import figures, protection, svg
from parentinfo.reports.service import ReportFilter

SPLITS = protection.SPLITS
SMALL_CELL_RULE = (
    f"counts of 1 to 4 people are hidden ('{figures.HIDDEN}'), and so are enough other cells"
    " (and the message figures and cost of a row whose number invited is hidden) that no"
    " hidden figure can be worked out from the rows, columns and totals shown"
)


@dataclass(frozen=True)
class Presented:
    """Every cell of a report, with small counts already suppressed."""

    filter: ReportFilter
    total: dict[str, int | str]
    splits: dict[str, list[tuple[str, dict[str, int | str]]]]


def present(reach: figures.Reach, flt: ReportFilter, *, price_per_segment: Decimal) -> Presented:
    """Suppress small cells and their complements; nothing leaves this function unsuppressed."""
    hidden = protection.hidden_cells(reach)

    def shown(split: str, label: str, cell: figures.Figures) -> dict[str, int | str]:
        row = frozenset(name for s, lab, name in hidden if (s, lab) == (split, label))
        return figures.presented(cell, hidden=row, price_per_segment=price_per_segment)

    return Presented(
        filter=flt,
        total=shown(protection.TOTAL, "", reach.total),
        splits={
            name: [
                (label, shown(name, label, cell))
                for label, cell in figures.split_sorted(getattr(reach, name))
            ]
            for name in SPLITS
        },
    )


def as_json(report: Presented) -> dict[str, Any]:
    """The API's answer."""
    flt = report.filter
    return {
        "period": {"start": flt.start.isoformat(), "end": flt.end.isoformat()},
        "filters": {"organisation": flt.organisation, "topic": flt.topic, "language": flt.language},
        "small_cell_rule": SMALL_CELL_RULE,
        "total": report.total,
        **{
            name: [{"label": label, **cell} for label, cell in rows]
            for name, rows in report.splits.items()
        },
    }


def as_csv(report: Presented) -> str:
    """One row per cell: the split it belongs to, its label, then every figure."""
    names = figures.field_names()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["split", "label", *names])
    writer.writerow(["total", "", *(report.total[n] for n in names)])
    for split, rows in report.splits.items():
        for label, cell in rows:
            writer.writerow(
                [split.removeprefix("by_"), safe_cell(label), *(cell[n] for n in names)]
            )
    return buffer.getvalue()


def chart(
    rows: list[tuple[str, dict[str, int | str]]], *, title: str, series: dict[str, str]
) -> str:
    """An SVG bar chart of ``series`` (figure name → legend label) for each row."""
    bars = [svg.Bar(label, tuple(cell[name] for name in series)) for label, cell in rows]
    return svg.bar_chart(bars, title=title, series=tuple(series.values()))
