"""``/api/v1``: the thread with a parent, ready answers, previewing and sending an answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from litestar import get, post
from litestar.params import FromPath, JSONBody, Parameter
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.answers import ready, service
from parentinfo.answers.thread import ThreadEntry
from parentinfo.i18n import gettext, use_language
from parentinfo.organisations.responses import error_responses

MAX_ID = 2**31 - 1
Id = Annotated[int, Parameter(ge=1, le=MAX_ID)]
_MEANINGS = {404: "No such contact or inbox item in your organisation (or not one you may see)"}
_TAGS = ["answers"]


class ThreadEntryOut(msgspec.Struct):
    """One message of the thread: ``direction`` in (from the parent) or out (to them)."""

    direction: str
    id: int
    at: datetime
    channel: str
    kind: str
    body: str
    status: str
    language: str


class ThreadOut(msgspec.Struct):
    """The whole conversation with one parent, oldest first."""

    contact_id: int
    name: str
    language: str
    entries: list[ThreadEntryOut]


class ReadyAnswerOut(msgspec.Struct):
    """A ready answer: its key, its text in the caller's language, the facts it needs."""

    key: str
    text: str
    needs: list[str]


class AnswerIn(msgspec.Struct, forbid_unknown_fields=True):
    """Give ``ready`` (a key from ``GET /answers/ready``) or ``text``; ``event_id`` optional."""

    ready: str | None = None
    text: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    event_id: Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)] | None = None


class PreviewOut(msgspec.Struct):
    """What the parent will receive; ``staff_body``: a ready answer in the caller's language."""

    contact_id: int
    channel: str
    language: str
    body: str
    staff_language: str
    staff_body: str | None
    encoding: str
    segments: int
    event_id: int | None


class SentOut(msgspec.Struct):
    """The answer written into the outbox (sent by the job), and what it says."""

    message_id: int
    preview: PreviewOut


def _entry(entry: ThreadEntry) -> ThreadEntryOut:
    return ThreadEntryOut(
        entry.direction,
        entry.id,
        entry.at,
        entry.channel,
        entry.kind,
        entry.body,
        entry.status,
        entry.language,
    )


def _preview(preview: service.Preview) -> PreviewOut:
    return PreviewOut(
        contact_id=preview.contact.id,
        channel=preview.channel.value,
        language=preview.language,
        body=preview.body,
        staff_language=preview.staff_language,
        staff_body=preview.staff_body,
        encoding=preview.encoding,
        segments=preview.segments,
        event_id=preview.event.id if preview.event else None,
    )


def _request(data: AnswerIn) -> service.AnswerRequest:
    return service.AnswerRequest(ready=data.ready, text=data.text, event_id=data.event_id)


@get("/answers/ready", summary="The ready answers", tags=_TAGS, responses=error_responses())
async def list_ready(actor: ApiActor) -> list[ReadyAnswerOut]:
    """Every ready answer, its text in the caller's language with its placeholders."""
    actor.require_coordinator()
    with use_language(actor.language):
        return [ReadyAnswerOut(a.key, gettext(a.text), list(a.needs)) for a in ready.READY_ANSWERS]


@get(
    "/contacts/{contact_id:int}/thread",
    summary="The thread with a parent",
    tags=_TAGS,
    responses=error_responses(404, meanings=_MEANINGS),
)
async def contact_thread(actor: ApiActor, contact_id: FromPath[Id]) -> ThreadOut:
    """Every message to and from this parent, in time order, each with its status."""
    contact, entries = await service.contact_thread(actor=actor, contact_id=contact_id)
    return ThreadOut(contact.id, contact.name, contact.language, [_entry(e) for e in entries])


@get(
    "/inbox/{item_id:int}/thread",
    summary="The thread of an inbox item's parent",
    tags=_TAGS,
    responses=error_responses(404, meanings=_MEANINGS),
)
async def item_thread(actor: ApiActor, item_id: FromPath[Id]) -> ThreadOut:
    """The whole conversation with the parent who sent this inbox item."""
    _item, contact = await service.item_contact(actor=actor, item_id=item_id)
    _contact, entries = await service.contact_thread(actor=actor, contact_id=contact.id)
    return ThreadOut(contact.id, contact.name, contact.language, [_entry(e) for e in entries])


@post(
    "/contacts/{contact_id:int}/answer/preview",
    status_code=200,
    summary="Preview an answer to a parent",
    tags=_TAGS,
    responses=error_responses(404, meanings=_MEANINGS),
)
async def preview_contact_answer(
    actor: ApiActor, contact_id: FromPath[Id], data: JSONBody[AnswerIn]
) -> PreviewOut:
    """The answer in the parent's language (and in yours); 422 says what to fill in."""
    contact = await service.answerable_contact(actor=actor, contact_id=contact_id)
    return _preview(
        await service.preview_answer(actor=actor, contact=contact, request=_request(data))
    )


@post(
    "/contacts/{contact_id:int}/answer",
    status_code=201,
    summary="Answer a parent",
    tags=_TAGS,
    responses=error_responses(404, meanings=_MEANINGS),
)
async def send_contact_answer(
    actor: ApiActor, contact_id: FromPath[Id], data: JSONBody[AnswerIn]
) -> SentOut:
    """Send the answer on the parent's channel; their open inbox items become resolved."""
    contact = await service.answerable_contact(actor=actor, contact_id=contact_id)
    preview, message_id = await service.send_answer(
        actor=actor, contact=contact, request=_request(data)
    )
    return SentOut(message_id, _preview(preview))


@post(
    "/inbox/{item_id:int}/answer/preview",
    status_code=200,
    summary="Preview an answer to an inbox item",
    tags=_TAGS,
    responses=error_responses(404, meanings=_MEANINGS),
)
async def preview_item_answer(
    actor: ApiActor, item_id: FromPath[Id], data: JSONBody[AnswerIn]
) -> PreviewOut:
    """The answer to this item's parent, about the item's event unless ``event_id`` says."""
    item, contact = await service.item_contact(actor=actor, item_id=item_id)
    return _preview(
        await service.preview_answer(
            actor=actor, contact=contact, request=_request(data), item=item
        )
    )


@post(
    "/inbox/{item_id:int}/answer",
    status_code=201,
    summary="Answer an inbox item",
    tags=_TAGS,
    responses=error_responses(404, meanings=_MEANINGS),
)
async def send_item_answer(
    actor: ApiActor, item_id: FromPath[Id], data: JSONBody[AnswerIn]
) -> SentOut:
    """Send the answer to this item's parent and mark the item answered (resolved)."""
    item, contact = await service.item_contact(actor=actor, item_id=item_id)
    preview, message_id = await service.send_answer(
        actor=actor, contact=contact, request=_request(data), item=item
    )
    return SentOut(message_id, _preview(preview))


routes: list[ControllerRouterHandler] = [
    list_ready,
    contact_thread,
    item_thread,
    preview_contact_answer,
    send_contact_answer,
    preview_item_answer,
    send_item_answer,
]
