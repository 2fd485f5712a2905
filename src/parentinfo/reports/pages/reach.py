"""``/reports``: the reach report as a page, with SVG charts and the same figures as tables."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.response import Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import PageActor
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Topic
from parentinfo.organisations.models import Organisation
from parentinfo.reports import presentation, wording
from parentinfo.reports.api import FILTER, Filter, build_report
from parentinfo.reports.wording import TOPIC_LABELS
from parentinfo.web.render import page
from parentinfo.web.routing import page_router


def _charts(report: presentation.Presented, names: dict[str, str]) -> dict[str, str]:
    reach = {"invited": _("Invited"), "checked_in": _("Checked in")}
    answers = {"yes": _("Yes"), "answered": _("Answered")}
    splits = {split: wording.labelled(split, rows, names) for split, rows in report.splits.items()}
    return {
        "language": presentation.chart(
            splits["by_language"], title=_("Invited and checked in, per language"), series=reach
        ),
        "topic": presentation.chart(
            splits["by_topic"], title=_("Invited and checked in, per topic"), series=reach
        ),
        "month": presentation.chart(
            splits["by_month"], title=_("Attendance over time, per month"), series=reach
        ),
        "answers": presentation.chart(
            splits["by_language"], title=_("Answers per language"), series=answers
        ),
    }


def _tables(
    report: presentation.Presented, names: dict[str, str]
) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """Each split's rows as the page shows them: names for codes, figures in the page's words."""
    return {
        split: [
            (label, wording.readable_row(cell))
            for label, cell in wording.labelled(split, rows, names)
        ]
        for split, rows in report.splits.items()
    }


async def _organisation_names(report: presentation.Presented) -> dict[str, str]:
    slugs = [slug for slug, _cell in report.splits.get("by_organisation", [])]
    rows = await Organisation.filter(slug__in=slugs).values_list("slug", "name")
    return {str(slug): str(name) for slug, name in rows}


@get("/reports", include_in_schema=False, dependencies=FILTER)
async def reach_page(
    request: Request[Any, Any, Any], page_actor: PageActor, flt: Filter
) -> Template:
    """The report for the active organisation (and, for a municipality, its area)."""
    report = await build_report(actor=page_actor, flt=flt)
    names = await _organisation_names(report)
    return await page(
        request,
        "reports/reach.html",
        actor=page_actor,
        section="reports",
        report=report,
        total=wording.readable_row(report.total),
        tables=_tables(report, names),
        charts=_charts(report, names),
        topics=[(t.value, _(TOPIC_LABELS[t])) for t in Topic],
        languages=SUPPORTED_LANGUAGES,
        query=request.url.query,
    )


@get("/reports/reach.csv", include_in_schema=False, dependencies=FILTER, media_type="text/csv")
async def reach_page_csv(page_actor: PageActor, flt: Filter) -> Response[str]:
    """The page's figures as CSV (same rules: counts only, small cells hidden)."""
    report = await build_report(actor=page_actor, flt=flt)
    return Response(
        presentation.as_csv(report),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="reach.csv"'},
    )


routes: list[ControllerRouterHandler] = [page_router([reach_page, reach_page_csv])]
