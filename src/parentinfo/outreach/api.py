"""``/api/v1``: preview and send invitations, the outbox, an event's invitations, the call list."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from litestar import get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.lib import pagination
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.lib.pagination import MAX_PER_PAGE, page_request
from parentinfo.organisations.responses import error_responses
from parentinfo.outreach import nudge, scheduled, service
from parentinfo.outreach import preview as previewing
from parentinfo.outreach.departure import as_moment
from parentinfo.outreach.lists import calls
from parentinfo.outreach.lists import invitations as guestlist
from parentinfo.outreach.lists import messages as listings
from parentinfo.outreach.notices import api as notices_api
from parentinfo.outreach.schemas import (
    AudienceIn,
    CalledOut,
    CallOffIn,
    CallOffOut,
    CallPageOut,
    InvitationPageOut,
    MessagePageOut,
    NudgeIn,
    PreviewOut,
    ScheduledOut,
    SendOut,
    TestSendIn,
    TestSendOut,
    preview_out,
    send_out,
)
from parentinfo.outreach.testsend import send_test
from parentinfo.outreach.voice.calllist import call_automatically
from parentinfo.runtime import runtime

_MEANINGS = {
    404: "No such event (or invitation) among those your organisation may see",
    409: "The event is a draft, cancelled, or already started: invitations cannot go out",
    422: "Bad input, or an event without a title in any language (the languages are named)",
    429: "Too many test sends in the last hour",
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
    """Per language: the SMS with encoding, segments and cost, the email, who gets what,
    and whether a call would speak with a voice or play recordings (or cannot be made)."""
    preview = await previewing.preview_invitations(
        actor=actor, event_id=event_id, audience=data.audience(), send_at=_moment(data.send_at)
    )
    voices = await previewing.call_voices(
        org_id=actor.org_id,
        event_id=event_id,
        languages=[plan.preview.language for plan in preview.languages],
    )
    return preview_out(preview, voices)


@post(
    "/events/{event_id:int}/outreach/send",
    status_code=202,
    summary="Send invitations",
    responses=_refusals(404, 409),
)
async def send_outreach(
    actor: ApiActor, event_id: FromPath[RowId], data: JSONBody[AudienceIn]
) -> SendOut:
    """Queue invitations to the audience; sending again adds only parents not yet invited.

    With ``send_at`` they leave then (SMS not during the quiet hours) and can be called off
    until they do.
    """
    summary = await service.send_invitations(
        actor=actor, event_id=event_id, audience=data.audience(), send_at=_moment(data.send_at)
    )
    return send_out(summary)


def _moment(value: datetime | None) -> datetime | None:
    """A chosen time as UTC; one without a zone is the organisation's local time."""
    return as_moment(value, runtime().settings.tz) if value is not None else None


async def _nudge_time(actor: ApiActor, event_id: int, data: NudgeIn) -> datetime | None:
    """The chosen time, or three days before the session (None: right away)."""
    if data.right_away:
        return None
    if data.send_at is not None:
        return _moment(data.send_at)
    event = await service.sendable_event(actor=actor, event_id=event_id)
    return nudge.default_nudge_time(event.starts_at, at=now())


@post(
    "/events/{event_id:int}/outreach/nudge/preview",
    status_code=200,
    summary="Preview a nudge to parents who have not answered",
    responses=_refusals(404, 409),
)
async def preview_nudge(
    actor: ApiActor, event_id: FromPath[RowId], data: JSONBody[NudgeIn]
) -> PreviewOut:
    """Per language the nudge, its cost with the expected replies, and when it leaves."""
    send_at = await _nudge_time(actor, event_id, data)
    preview = await nudge.preview_nudges(actor=actor, event_id=event_id, send_at=send_at)
    return preview_out(preview)


@post(
    "/events/{event_id:int}/outreach/nudge",
    status_code=202,
    summary="Nudge parents who have not answered",
    responses=_refusals(404, 409),
)
async def send_nudge(
    actor: ApiActor, event_id: FromPath[RowId], data: JSONBody[NudgeIn]
) -> SendOut:
    """One more message to each invited parent without an answer; at most once per parent."""
    send_at = await _nudge_time(actor, event_id, data)
    return send_out(await nudge.send_nudges(actor=actor, event_id=event_id, send_at=send_at))


@post(
    "/events/{event_id:int}/outreach/test",
    status_code=202,
    summary="Send a test to yourself",
    responses=_refusals(404, 429),
)
async def test_send(
    actor: ApiActor, event_id: FromPath[RowId], data: JSONBody[TestSendIn]
) -> TestSendOut:
    """The message as a parent would get it, marked TEST, to your phone or login address.

    Not counted anywhere, and no invitation is made.
    """
    sent = await send_test(
        actor=actor,
        event_id=event_id,
        kind=MessageKind(data.kind),
        language=data.language,
        channel=Channel(data.channel),
        mobile=data.mobile,
    )
    return TestSendOut(
        channel=sent.channel.value,
        to=sent.to_address,
        leaves_at=sent.leaves.at,
        after_quiet_hours=sent.leaves.after_quiet_hours,
    )


@get(
    "/events/{event_id:int}/outreach/scheduled",
    summary="Messages waiting for a later time",
    responses=_refusals(404),
)
async def list_scheduled(actor: ApiActor, event_id: FromPath[RowId]) -> list[ScheduledOut]:
    """Your organisation's invitations and nudges for the event that have not left yet."""
    batches = await scheduled.scheduled_batches(actor=actor, event_id=event_id)
    return [ScheduledOut(kind=b.kind.value, at=b.at, sms=b.sms, email=b.email) for b in batches]


@post(
    "/events/{event_id:int}/outreach/scheduled/cancel",
    status_code=200,
    summary="Call off waiting messages",
    responses=_refusals(404),
)
async def call_off_scheduled(
    actor: ApiActor, event_id: FromPath[RowId], data: JSONBody[CallOffIn]
) -> CallOffOut:
    """Withhold the waiting messages of one kind and moment; they never leave."""
    called = await scheduled.call_off(
        actor=actor, event_id=event_id, kind=MessageKind(data.kind), at=_moment(data.at) or now()
    )
    return CallOffOut(called_off=called)


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
    """Your organisation's messages, newest first; never another host's parents.

    ``by_channel`` counts what the status and event filters find, per channel.
    """
    found = await listings.list_messages(
        actor=actor,
        page=page_request(page, per_page),
        status=status,
        event_id=event_id,
        channel=channel,
    )
    counts = await listings.channel_counts(actor=actor, status=status, event_id=event_id)
    return pagination.page_body(MessagePageOut, found, by_channel=counts)


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


@post(
    "/to-call/call",
    status_code=200,
    summary="Call these parents automatically",
    responses=_refusals(),
)
async def call_to_call(actor: ApiActor, event_id: FromQuery[MaybeRowId] = None) -> CalledOut:
    """Ring the parents on your call list (of one event, or all) who a spoken call can
    reach; the others stay on the list. Nobody is rung automatically twice."""
    rung = await call_automatically(actor=actor, event_id=event_id)
    return CalledOut(called=rung.called, left=rung.left)


routes: list[ControllerRouterHandler] = [
    preview_outreach,
    send_outreach,
    preview_nudge,
    send_nudge,
    test_send,
    list_scheduled,
    call_off_scheduled,
    list_messages,
    list_invitations,
    list_to_call,
    mark_called,
    call_to_call,
    *notices_api.routes,
]
