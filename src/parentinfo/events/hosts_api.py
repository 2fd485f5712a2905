"""``/api/v1/events/{id}/hosts``: invite a co-host, accept or decline, remove; and the
guest's answer, ``/api/v1/events/{id}/guest/accept`` or ``/decline``."""

from __future__ import annotations

from litestar import delete, get, post
from litestar.params import FromPath, JSONBody
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import ApiActor
from parentinfo.events import service
from parentinfo.events.schemas import (
    GuestAnswerOut,
    HostInviteIn,
    HostOut,
    error_responses,
    host_out,
)


@get(
    "/events/{event_id:int}/hosts", summary="List an event's hosts", responses=error_responses(404)
)
async def list_hosts(actor: ApiActor, event_id: FromPath[int]) -> list[HostOut]:
    """The owner, the co-hosts and open or declined invitations."""
    return [host_out(h) for h in await service.list_hosts(actor=actor, event_id=event_id)]


@post(
    "/events/{event_id:int}/hosts", summary="Invite a co-host", responses=error_responses(404, 409)
)
async def invite_cohost(
    actor: ApiActor, event_id: FromPath[int], data: JSONBody[HostInviteIn]
) -> HostOut:
    """Invite another organisation, by its slug, to host the event with you."""
    host = await service.invite_cohost(
        actor=actor, event_id=event_id, organisation=data.organisation
    )
    return host_out(host)


@post(
    "/events/{event_id:int}/hosts/{slug:str}/accept",
    status_code=200,
    summary="Accept",
    responses=error_responses(404, 409),
)
async def accept_cohost(actor: ApiActor, event_id: FromPath[int], slug: FromPath[str]) -> HostOut:
    """Your organisation (``slug``) accepts the invitation to co-host."""
    host = await service.respond_to_cohost_invitation(
        actor=actor, event_id=event_id, organisation=slug, accept=True
    )
    return host_out(host)


@post(
    "/events/{event_id:int}/hosts/{slug:str}/decline",
    status_code=200,
    summary="Decline",
    responses=error_responses(404, 409),
)
async def decline_cohost(actor: ApiActor, event_id: FromPath[int], slug: FromPath[str]) -> HostOut:
    """Your organisation (``slug``) declines, or stops co-hosting."""
    host = await service.respond_to_cohost_invitation(
        actor=actor, event_id=event_id, organisation=slug, accept=False
    )
    return host_out(host)


@delete(
    "/events/{event_id:int}/hosts/{slug:str}",
    summary="Remove a co-host",
    responses=error_responses(404, 409),
)
async def remove_cohost(actor: ApiActor, event_id: FromPath[int], slug: FromPath[str]) -> None:
    """The owner takes a co-host or an open invitation off the event."""
    await service.remove_cohost(actor=actor, event_id=event_id, organisation=slug)


async def _guest_answer(actor: Actor, event_id: int, *, accept: bool) -> GuestAnswerOut:
    event = await service.respond_as_guest(actor=actor, event_id=event_id, accept=accept)
    await event.fetch_related("guest_organisation")
    return GuestAnswerOut(
        event_id=event.id,
        guest_organisation=event.guest_organisation.slug if event.guest_organisation else "",
        guest_status=event.guest_status.value if event.guest_status else "",
    )


@post(
    "/events/{event_id:int}/guest/accept",
    status_code=200,
    summary="Accept being the guest",
    responses=error_responses(404, 409),
)
async def accept_guest(actor: ApiActor, event_id: FromPath[int]) -> GuestAnswerOut:
    """Your organisation, named as guest, agrees: the event appears on its public calendar."""
    return await _guest_answer(actor, event_id, accept=True)


@post(
    "/events/{event_id:int}/guest/decline",
    status_code=200,
    summary="Decline being the guest",
    responses=error_responses(404),
)
async def decline_guest(actor: ApiActor, event_id: FromPath[int]) -> GuestAnswerOut:
    """Your organisation declines (or withdraws): it is named nowhere for this event."""
    return await _guest_answer(actor, event_id, accept=False)


routes: list[ControllerRouterHandler] = [
    list_hosts,
    invite_cohost,
    accept_cohost,
    decline_cohost,
    remove_cohost,
    accept_guest,
    decline_guest,
]
