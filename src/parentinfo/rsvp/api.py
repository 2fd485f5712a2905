"""``/api/v1/inbox``: replies no rule understood, and resolving them by hand."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from litestar import get, post
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.lib.pagination import MAX_PER_PAGE, page_body, page_request
from parentinfo.organisations.responses import error_responses
from parentinfo.rsvp.inbound import hold, inbox

PageNumber = Annotated[int, Parameter(ge=1, le=1_000_000)]
PerPage = Annotated[int, Parameter(ge=1, le=MAX_PER_PAGE)]
StatusFilter = Literal["needs_attention", "handled", "resolved", "all"]
_MEANINGS = {
    404: "No such inbox item (or invitation) in your organisation",
    409: "The item is already resolved",
}
MAX_ID = 2**31 - 1  # the database's integer: a larger id is a 422, not an overflow
ItemId = Annotated[int, Parameter(ge=1, le=MAX_ID)]


class InboxContactOut(msgspec.Struct):
    """The parent who sent the message."""

    id: int
    name: str
    language: str


class InboxEventOut(msgspec.Struct):
    """The event the message is about, as far as we could tell."""

    id: int
    title: str
    reply_code: str


class InboxItemOut(msgspec.Struct):
    """One inbound SMS."""

    id: int
    body: str
    received_at: datetime
    status: str
    reading: str
    reply: str
    contact: InboxContactOut | None
    event: InboxEventOut | None
    invitation_id: int | None
    resolved_at: datetime | None


class InboxPageOut(msgspec.Struct):
    """A page of the inbox; ``unknown_numbers`` (admins only): messages from unknown numbers."""

    items: list[InboxItemOut]
    total: int
    page: int
    per_page: int
    unknown_numbers: int | None = None


class ResolveIn(msgspec.Struct, forbid_unknown_fields=True):
    """Set the answer by hand (or leave ``answer`` out to only mark the item resolved)."""

    answer: Literal["yes", "no", "maybe"] | None = None
    party_size: Annotated[int, msgspec.Meta(ge=1, le=20)] | None = None
    invitation_id: Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)] | None = None


class ResolveOut(msgspec.Struct):
    """The resolved item and, when an answer was set, what became of it."""

    item: InboxItemOut
    answer: str | None = None
    party_size: int | None = None
    waitlisted: bool | None = None


def item_out(item: inbox.InboxItem) -> InboxItemOut:
    """The JSON shape of one inbox item."""
    message = item.message
    contact = message.contact
    return InboxItemOut(
        id=message.id,
        body=message.body,
        received_at=message.received_at,
        status=message.status.value,
        reading=message.reading,
        reply=message.reply_body,
        contact=InboxContactOut(contact.id, contact.name, contact.language) if contact else None,
        event=(
            InboxEventOut(item.event_id, item.event.title, item.event.code)
            if item.event and item.event_id
            else None
        ),
        invitation_id=message.invitation_id,  # type: ignore[attr-defined]
        resolved_at=message.resolved_at,
    )


@get(
    "/inbox",
    summary="Inbound SMS for staff to handle",
    tags=["inbox"],
    responses=error_responses(meanings=_MEANINGS),
)
async def list_inbox(
    actor: ApiActor,
    *,
    status: FromQuery[StatusFilter] = "needs_attention",
    page: FromQuery[PageNumber] = 1,
    per_page: FromQuery[PerPage] = 50,
) -> InboxPageOut:
    """The organisation's inbound SMS, newest first (default: those needing attention)."""
    found = await inbox.list_inbox(actor=actor, status=status, page=page_request(page, per_page))
    items = [item_out(i) for i in found.page.items]
    return page_body(InboxPageOut, found.page, items, unknown_numbers=found.unknown_numbers)


@post(
    "/inbox/{item_id:int}/resolve",
    status_code=200,
    summary="Resolve an item",
    tags=["inbox"],
    responses=error_responses(404, 409, meanings=_MEANINGS),
)
async def resolve_item(
    actor: ApiActor, item_id: FromPath[ItemId], data: JSONBody[ResolveIn]
) -> ResolveOut:
    """Mark the item resolved; with ``answer``, set the parent's answer (source: staff)."""
    item, result = await inbox.resolve_item(
        actor=actor,
        item_id=item_id,
        answer=data.answer,
        party_size=data.party_size,
        invitation_id=data.invitation_id,
    )
    if result is None:
        return ResolveOut(item=item_out(item))
    return ResolveOut(
        item=item_out(item),
        answer=result.answer.value,
        party_size=result.party_size,
        waitlisted=result.waitlisted,
    )


class HoldIn(msgspec.Struct, forbid_unknown_fields=True):
    """What staff decided about a reply that may have been an opt-out."""

    decision: Literal["opt_out", "keep_sending"]


@post(
    "/inbox/{item_id:int}/hold",
    status_code=200,
    summary="Decide about a possible opt-out",
    tags=["inbox"],
    responses=error_responses(404, meanings=_MEANINGS),
)
async def decide_hold(
    actor: ApiActor, item_id: FromPath[ItemId], data: JSONBody[HoldIn]
) -> InboxItemOut:
    """The number is on hold: ``opt_out`` opts it out (as STOP would), ``keep_sending`` lifts
    the hold. The item is resolved."""
    message = await hold.decide(actor=actor, item_id=item_id, decision=data.decision)
    return item_out((await inbox.items_of(actor, [message]))[0])


routes: list[ControllerRouterHandler] = [list_inbox, resolve_item, decide_hold]
