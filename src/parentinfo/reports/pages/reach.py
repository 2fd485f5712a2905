"""``/reports``: the reach report as a page, with SVG charts and the same figures as tables."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.response import Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import PageActor
from parentinfo.i18n import gettext as _
from parentinfo.i18n import lazy
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Topic
from parentinfo.reports import presentation
from parentinfo.reports.api import FILTER, Filter, build_report
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

TOPIC_LABELS = {
    Topic.SCHOOL_SYSTEM: lazy("The Dutch school system"),
    Topic.LIBRARY: lazy("The library"),
    Topic.PLAYGROUP: lazy("Playgroup"),
    Topic.SPORT_AND_CULTURE: lazy("Sport and culture"),
    Topic.YOUTH_HEALTH_CARE: lazy("Youth health care"),
    Topic.MOTHERS_NETWORK: lazy("Mothers' network"),
    Topic.OTHER: lazy("Other"),
}


def _charts(report: presentation.Presented) -> dict[str, str]:
    reach = {"invited": _("Invited"), "checked_in": _("Checked in")}
    answers = {"yes": _("Yes"), "answered": _("Answered")}
    return {
        "language": presentation.chart(
            report.splits["by_language"],
            title=_("Invited and checked in, per language"),
            series=reach,
        ),
        "topic": presentation.chart(
            [(_(TOPIC_LABELS[Topic(label)]), cell) for label, cell in report.splits["by_topic"]],
            title=_("Invited and checked in, per topic"),
            series=reach,
        ),
        "month": presentation.chart(
            report.splits["by_month"], title=_("Attendance over time, per month"), series=reach
        ),
        "answers": presentation.chart(
            report.splits["by_language"], title=_("Answers per language"), series=answers
        ),
    }


@get("/reports", include_in_schema=False, dependencies=FILTER)
async def reach_page(
    request: Request[Any, Any, Any], page_actor: PageActor, flt: Filter
) -> Template:
    """The report for the active organisation (and, for a municipality, its area)."""
    report = await build_report(actor=page_actor, flt=flt)
    return await page(
        request,
        "reports/reach.html",
        actor=page_actor,
        section="reports",
        report=report,
        charts=_charts(report),
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
