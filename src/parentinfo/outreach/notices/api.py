"""``/api/v1``: what a move or a cancellation would tell the parents, before it is saved.

The same preview the event page shows: a client can look, then ``PATCH`` the event (or
``POST …/cancel``) with ``notify`` true or false.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import get, post
from litestar.params import FromPath, JSONBody, Parameter
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.events.schemas import EventPatch, set_fields
from parentinfo.organisations.responses import error_responses
from parentinfo.outreach.notices.preview import (
    NAME_SLOT,
    NoticePreview,
    preview_cancellation,
    preview_change,
)

RowId = Annotated[int, Parameter(ge=1, le=2**31 - 1)]
_MEANINGS = {
    403: "Only the organisation that drafted a published event moves or cancels it",
    404: "No such event among those your organisation hosts",
    409: "The event is cancelled or done: it cannot change any more",
}


class NoticeTextOut(msgspec.Struct):
    """One text as it leaves; ``body`` has a sample link, and ⟨name⟩ for a greeting's name."""

    channel: str
    recipients: int
    subject: str
    body: str
    segments: int


class NoticeLanguageOut(msgspec.Struct):
    """The parents of one language: how they are reached, the SMS cost, the texts."""

    language: str
    sms: int
    email: int
    to_call: int
    cost: str
    texts: list[NoticeTextOut]


class NoticePreviewOut(msgspec.Struct):
    """Who saving would tell, and how; ``reaches_parents`` false means nothing is sent."""

    kind: str
    reaches_parents: bool
    parents: int
    messages: int
    sms: int
    email: int
    to_call: int
    cost: str
    replaces_unsent: int
    name_slot: str
    languages: list[NoticeLanguageOut]


def notice_out(preview: NoticePreview, *, reaches_parents: bool) -> NoticePreviewOut:
    """Serialise a preview."""
    return NoticePreviewOut(
        kind=preview.kind.value,
        reaches_parents=reaches_parents,
        parents=preview.parents,
        messages=preview.messages,
        sms=preview.sms,
        email=preview.email,
        to_call=preview.to_call,
        cost=str(preview.cost),
        replaces_unsent=preview.superseded,
        name_slot=NAME_SLOT,
        languages=[
            NoticeLanguageOut(
                language=line.language,
                sms=line.sms,
                email=line.email,
                to_call=line.to_call,
                cost=str(preview.cost_of(line)),
                texts=[
                    NoticeTextOut(t.channel.value, t.count, t.subject, t.body, t.segments)
                    for t in line.texts
                ],
            )
            for line in preview.languages
        ],
    )


@post(
    "/events/{event_id:int}/change-preview",
    status_code=200,
    summary="Preview what a change would tell the parents",
    responses=error_responses(403, 404, 409, meanings=_MEANINGS),
)
async def preview_event_change(
    actor: ApiActor, event_id: FromPath[RowId], data: JSONBody[EventPatch]
) -> NoticePreviewOut:
    """The change notices the same ``PATCH`` would send; checks it, saves nothing."""
    preview = await preview_change(actor=actor, event_id=event_id, changes=set_fields(data))
    return notice_out(preview.notices, reaches_parents=preview.plan.reaches_parents)


@get(
    "/events/{event_id:int}/cancel-preview",
    summary="Preview what cancelling would tell the parents",
    responses=error_responses(403, 404, 409, meanings=_MEANINGS),
)
async def preview_event_cancel(actor: ApiActor, event_id: FromPath[RowId]) -> NoticePreviewOut:
    """The cancellations ``POST …/cancel`` would send; changes nothing."""
    preview = await preview_cancellation(actor=actor, event_id=event_id)
    return notice_out(preview, reaches_parents=True)


routes: list[ControllerRouterHandler] = [preview_event_change, preview_event_cancel]
