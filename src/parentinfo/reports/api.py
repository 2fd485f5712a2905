"""``/api/v1/reports/reach`` and the municipality links: counts only, never a person."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeAlias

import msgspec
from litestar import Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import ApiActor
from parentinfo.organisations.models import MunicipalityLink
from parentinfo.reports import links, presentation, service
from parentinfo.runtime import runtime


async def report_filter(
    *,
    start: FromQuery[date | None] = None,
    end: FromQuery[date | None] = None,
    organisation: FromQuery[str | None] = None,
    topic: FromQuery[str | None] = None,
    language: FromQuery[str | None] = None,
) -> service.ReportFilter:
    """The report's filter from the query string (``?start=2026-01-01&language=pl``)."""
    return service.report_filter(
        start=start, end=end, organisation=organisation, topic=topic, language=language
    )


async def build_report(*, actor: Actor, flt: service.ReportFilter) -> presentation.Presented:
    """The presented report for the API, the page and the CSV alike."""
    actor.require_coordinator()
    settings = runtime().settings
    reach = await service.reach_report(actor=actor, flt=flt, tz=settings.timezone)
    price = Decimal(str(settings.sms_price_per_segment))
    return presentation.present(reach, flt, price_per_segment=price)


FILTER = {"flt": Provide(report_filter)}
Filter: TypeAlias = NamedDependency[service.ReportFilter]


@get("/reports/reach", summary="Reach report", dependencies=FILTER)
async def reach(actor: ApiActor, flt: Filter) -> dict[str, Any]:
    """Invited, delivered, answered, yes/no/maybe, checked in, per language/topic/org/month."""
    return presentation.as_json(await build_report(actor=actor, flt=flt))


@get(
    "/reports/reach.csv", summary="Reach report as CSV", media_type="text/csv", dependencies=FILTER
)
async def reach_csv(actor: ApiActor, flt: Filter) -> Response[str]:
    """The same figures as CSV."""
    report = await build_report(actor=actor, flt=flt)
    return Response(
        presentation.as_csv(report),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="reach.csv"'},
    )


class LinkOut(msgspec.Struct):
    """A municipality link as both sides see it."""

    id: int
    municipality: str
    organisation: str
    status: str
    since: datetime | None = None  # when it was agreed (or withdrawn), with ``status``
    agreed_by: str = ""  # the email of the admin who agreed, kept after a withdrawal


class LinkIn(msgspec.Struct):
    """A municipality asks an organisation (by slug) to share its figures."""

    organisation: str


def link_out(link: MunicipalityLink) -> LinkOut:
    """Serialise for the API."""
    return LinkOut(
        id=link.id,
        municipality=link.municipality.slug,
        organisation=link.organisation.slug,
        status=link.status,
        since=link.responded_at,
        agreed_by=link.agreed_by.email if link.agreed_by else "",
    )


@get("/municipality/links", summary="Municipality links")
async def list_links(actor: ApiActor) -> list[LinkOut]:
    """Links the actor's organisation takes part in, as municipality or as organisation."""
    return [link_out(link) for link in await links.links_for(actor=actor)]


@post("/municipality/links", summary="Ask an organisation to share figures", status_code=201)
async def invite(actor: ApiActor, data: JSONBody[LinkIn]) -> LinkOut:
    """A municipality's admin asks an organisation in its area to share aggregate figures."""
    link = await links.invite_organisation(actor=actor, organisation_slug=data.organisation)
    await link.fetch_related("municipality", "organisation", "agreed_by")
    return link_out(link)


@post(
    "/municipality/links/{link_id:int}/accept",
    summary="Share figures with a municipality",
    status_code=200,
)
async def accept(actor: ApiActor, link_id: FromPath[int]) -> LinkOut:
    """The organisation's admin agrees to share its aggregate figures."""
    link = await links.respond(actor=actor, link_id=link_id, accept=True)
    await link.fetch_related("municipality", "organisation", "agreed_by")
    return link_out(link)


@post("/municipality/links/{link_id:int}/withdraw", summary="Stop sharing figures", status_code=200)
async def withdraw(actor: ApiActor, link_id: FromPath[int]) -> LinkOut:
    """The organisation's admin stops sharing (at any time)."""
    link = await links.respond(actor=actor, link_id=link_id, accept=False)
    await link.fetch_related("municipality", "organisation", "agreed_by")
    return link_out(link)


routes: list[ControllerRouterHandler] = [reach, reach_csv, list_links, invite, accept, withdraw]
