"""The report as people read it: suppressed cells, labels, CSV rows and SVG charts."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parentinfo.reports import figures, svg
from parentinfo.reports.service import ReportFilter

SPLITS = ("by_language", "by_topic", "by_organisation", "by_month")


@dataclass(frozen=True)
class Presented:
    """Every cell of a report, with small counts already suppressed."""

    filter: ReportFilter
    total: dict[str, int | str]
    splits: dict[str, list[tuple[str, dict[str, int | str]]]]


def present(reach: figures.Reach, flt: ReportFilter, *, price_per_segment: Decimal) -> Presented:
    """Suppress small cells everywhere; nothing leaves this function unsuppressed."""

    def shown(cell: figures.Figures) -> dict[str, int | str]:
        return figures.presented(cell, price_per_segment=price_per_segment)

    return Presented(
        filter=flt,
        total=shown(reach.total),
        splits={
            name: [
                (label, shown(cell)) for label, cell in figures.split_sorted(getattr(reach, name))
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
        "small_cell_rule": "counts of people from 1 to 4 are shown as '< 5'",
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
            writer.writerow([split.removeprefix("by_"), label, *(cell[n] for n in names)])
    return buffer.getvalue()


def chart(
    rows: list[tuple[str, dict[str, int | str]]], *, title: str, series: dict[str, str]
) -> str:
    """An SVG bar chart of ``series`` (figure name → legend label) for each row."""
    bars = [svg.Bar(label, tuple(cell[name] for name in series)) for label, cell in rows]
    return svg.bar_chart(bars, title=title, series=tuple(series.values()))
