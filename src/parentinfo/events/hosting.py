"""Co-hosts: an event's hosts invite a partner organisation, which accepts or declines.

An invited organisation may look at the event before it decides; once it accepts, its
coordinators may edit the event's texts and details. Only the owner invites and removes
co-hosts (a co-host leaves by declining), so access is never passed on by a co-host.
"""

from __future__ import annotations

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, Forbidden, NotFound, invalid_field
from parentinfo.events.access import editable_event, require_owner, visible_event
from parentinfo.events.models import EventHost
from parentinfo.lib.clock import now
from parentinfo.lib.enums import EventStatus, HostRole, HostStatus
from parentinfo.organisations.service import find_by_slug


async def list_hosts(*, actor: Actor, event_id: int) -> list[EventHost]:
    """The event's hosts and invited co-hosts (declined ones too: the hosts should know)."""
    event = await visible_event(actor=actor, event_id=event_id)
    hosts = await EventHost.filter(event_id=event.id).select_related("organisation")
    return sorted(hosts, key=lambda h: (h.role != HostRole.HOST, h.created_at, h.id))


async def invite_cohost(*, actor: Actor, event_id: int, organisation: str) -> EventHost:
    """Invite an organisation (by slug) to co-host; 409 when it already hosts or is invited."""
    event = await editable_event(actor=actor, event_id=event_id)
    require_owner(actor=actor, event=event, doing="invites co-hosts")
    if event.status in (EventStatus.CANCELLED, EventStatus.DONE):
        raise Conflict(f"This event is {event.status.value}; it takes no new co-hosts.")
    invitee = await find_by_slug(organisation)
    if invitee is None:
        raise invalid_field("organisation", f"no organisation has the slug {organisation!r}")
    existing = await EventHost.get_or_none(event_id=event.id, organisation_id=invitee.id)
    if existing is not None and existing.status != HostStatus.DECLINED:
        raise Conflict(f"{invitee.name} is already {existing.status.value} as host of this event.")
    if existing is None:
        existing = await EventHost.create(
            event_id=event.id,
            organisation=invitee,
            role=HostRole.COHOST,
            status=HostStatus.INVITED,
            invited_by_id=actor.user_id,
        )
    else:  # declined before: ask again
        existing.status = HostStatus.INVITED
        existing.invited_by_id = actor.user_id
        existing.responded_at = None
        await existing.save(update_fields=["status", "invited_by_id", "responded_at"])
    existing.organisation = invitee
    return existing


async def respond_to_cohost_invitation(
    *, actor: Actor, event_id: int, organisation: str, accept: bool
) -> EventHost:
    """The invited organisation's coordinator accepts, or declines (also to leave later)."""
    event = await visible_event(actor=actor, event_id=event_id)
    row = await _own_host_row(actor=actor, event_id=event.id, organisation=organisation)
    actor.require_coordinator()
    if row.role == HostRole.HOST:
        raise Conflict("The organisation that drafted the event hosts it; it cannot decline.")
    if accept and row.status == HostStatus.ACCEPTED:
        raise Conflict("Your organisation already co-hosts this event.")
    row.status = HostStatus.ACCEPTED if accept else HostStatus.DECLINED
    row.responded_at = now()
    await row.save(update_fields=["status", "responded_at"])
    return row


async def remove_cohost(*, actor: Actor, event_id: int, organisation: str) -> None:
    """The owner takes a co-host (or an open invitation) off the event."""
    event = await editable_event(actor=actor, event_id=event_id)
    require_owner(actor=actor, event=event, doing="removes co-hosts")
    invitee = await find_by_slug(organisation)
    row = None
    if invitee is not None:
        row = await EventHost.get_or_none(event_id=event.id, organisation_id=invitee.id)
    if row is None:
        raise NotFound(f"{organisation!r} is not a host of this event.")
    if row.role == HostRole.HOST:
        raise Conflict("The organisation that drafted the event cannot be removed from it.")
    await row.delete()


async def _own_host_row(*, actor: Actor, event_id: int, organisation: str) -> EventHost:
    """The actor's own organisation's host row: one answers only for oneself."""
    row = await EventHost.get_or_none(
        event_id=event_id, organisation_id=actor.org_id
    ).select_related("organisation")
    if row is None:
        raise NotFound("Your organisation is not invited to host this event.")
    if row.organisation.slug != organisation:
        raise Forbidden(
            "You answer for your active organisation only; "
            "choose the other one with the X-Organisation header."
        )
    return row
