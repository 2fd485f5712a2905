"""The reach report's CSV never lets an organisation's name run as a spreadsheet formula."""

from __future__ import annotations

from parentinfo.reports import figures
from parentinfo.reports.presentation import Presented, as_csv
from parentinfo.reports.service import ReportFilter


def test_a_label_that_looks_like_a_formula_is_kept_as_text() -> None:
    zeros: dict[str, int | str] = dict.fromkeys(figures.field_names(), 0)
    report = Presented(
        filter=ReportFilter.__new__(ReportFilter),
        total=zeros,
        splits={"by_organisation": [("＝HYPERLINK(1)", zeros), ("=1+1", zeros)]},
    )
    text = as_csv(report)
    assert "'＝HYPERLINK(1)" in text
    assert "'=1+1" in text
