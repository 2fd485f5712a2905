"""``/api/v1``: preview and send invitations, the outbox, an event's invitations, the call list."""

from __future__ import annotations

from typing import Annotated

from litestar import get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.lib import pagination
from parentinfo.lib.pagination import MAX_PER_PAGE, page_request
from parentinfo.organisations.responses import error_responses
from parentinfo.outreach import preview as previewing
from parentinfo.outreach import service
from parentinfo.outreach.lists import calls
from parentinfo.outreach.lists import invitations as guestlist
from parentinfo.outreach.lists import messages as listings
from parentinfo.outreach.notices import api as notices_api
from parentinfo.outreach.schemas import (
    AudienceIn,
    CallPageOut,
    InvitationPageOut,
    MessagePageOut,
    PreviewOut,
    SendOut,
    preview_out,
    send_out,
)

_MEANINGS = {
    404: "No such event (or invitation) among those your organisation may see",
    409: "The event is a draft, cancelled, or already started: invitations cannot go out",
    422: "Bad input, or an event without a title in any language (the languages are named)",
}


def _refusals(*codes: int) -> dict[int, ResponseSpec]:
    return error_responses(*codes, meanings=_MEANINGS)


Page = Annotated[int, Parameter(ge=1, le=1_000_000)]
PerPage = Annotated[int, Parameter(ge=1, le=MAX_PER_PAGE)]
RowId = Annotated[int, Parameter(ge=1, le=2**31 - 1)]  # ids are 32-bit in the database
MaybeRowId = Annotated[int | None, Parameter(ge=1, le=2**31 - 1)]


@post(
    "/events/{event_id:int}/outreach/preview",
    status_code=200,
    summary="Preview a mailing",
    responses=_refusals(404),
)
async def preview_outreach(
    actor: ApiActor, event_id: FromPath[RowId], data: JSONBody[AudienceIn]
) -> PreviewOut:
    """Per language: the SMS with encoding, segments and cost, the email, who gets what."""
    preview = await previewing.preview_invitations(
        actor=actor, event_id=event_id, audience=data.audience()
    )
    return preview_out(preview)


@post(
    "/events/{event_id:int}/outreach/send",
    status_code=202,
    summary="Send invitations",
    responses=_refusals(404, 409),
)
async def send_outreach(
    actor: ApiActor, event_id: FromPath[RowId], data: JSONBody[AudienceIn]
) -> SendOut:
    """Queue invitations to the audience; sending again adds only parents not yet invited."""
    summary = await service.send_invitations(
        actor=actor, event_id=event_id, audience=data.audience()
    )
    return send_out(summary)


@get("/messages", summary="The outbox", responses=_refusals())
async def list_messages(
    actor: ApiActor,
    *,
    status: FromQuery[str | None] = None,
    event_id: FromQuery[MaybeRowId] = None,
    channel: FromQuery[str | None] = None,
    page: FromQuery[Page] = 1,
    per_page: FromQuery[PerPage] = 50,
) -> MessagePageOut:
    """Your organisation's messages, newest first; never another host's parents."""
    found = await listings.list_messages(
        actor=actor,
        page=page_request(page, per_page),
        status=status,
        event_id=event_id,
        channel=channel,
    )
    return pagination.page_body(MessagePageOut, found)


@get(
    "/events/{event_id:int}/invitations",
    summary="An event's invitations and answers",
    responses=_refusals(404),
)
async def list_invitations(
    actor: ApiActor,
    event_id: FromPath[RowId],
    *,
    page: FromQuery[Page] = 1,
    per_page: FromQuery[PerPage] = 50,
) -> InvitationPageOut:
    """Your organisation's invitations to the event; other hosts' parents are not listed."""
    found = await guestlist.list_invitations(
        actor=actor, event_id=event_id, page=page_request(page, per_page)
    )
    return pagination.page_body(InvitationPageOut, found)


@get("/to-call", summary="Parents to phone", responses=_refusals())
async def list_to_call(
    actor: ApiActor, *, page: FromQuery[Page] = 1, per_page: FromQuery[PerPage] = 50
) -> CallPageOut:
    """Invitations no SMS or email could deliver, soonest event first."""
    found = await calls.call_list(actor=actor, page=page_request(page, per_page))
    return pagination.page_body(CallPageOut, found)


@post(
    "/to-call/{invitation_id:int}/done",
    status_code=204,
    summary="A parent was phoned",
    responses=_refusals(404),
)
async def mark_called(actor: ApiActor, invitation_id: FromPath[RowId]) -> None:
    """Take the invitation off the call list."""
    await calls.mark_called(actor=actor, invitation_id=invitation_id)


routes: list[ControllerRouterHandler] = [
    preview_outreach,
    send_outreach,
    list_messages,
    list_invitations,
    list_to_call,
    mark_called,
    *notices_api.routes,
]
