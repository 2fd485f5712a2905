"""A guest organisation (the library presenting at a school's session) answers first.

Naming a guest is an invitation, as for a co-host: until the guest's coordinator accepts,
the event is not on the guest's public calendar and parents are not told the guest takes
part. The guest may look at the event to decide; it never becomes a host (no door, no
parents, no editing). Any change of guest asks the new one again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, NotFound
from parentinfo.events.access import ID_MAX, guest_may_look
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import HostStatus


def accepted_guest_id(event: Event) -> int | None:
    """The guest organisation's id once it accepted, else None."""
    guest_id = event.guest_organisation_id  # type: ignore[attr-defined]
    if guest_id and event.guest_status == HostStatus.ACCEPTED:
        return int(guest_id)
    return None


def guest_answer(guest_id: int | None, *, actor: Actor) -> dict[str, Any]:
    """The guest columns for a newly named guest: invited, unless it is the actor's own."""
    status: HostStatus | None = None
    responded: datetime | None = None
    if guest_id is not None:
        own = guest_id == actor.org_id
        status = HostStatus.ACCEPTED if own else HostStatus.INVITED
        responded = now() if own else None
    return {
        "guest_organisation_id": guest_id,
        "guest_status": status,
        "guest_responded_at": responded,
    }


async def respond_as_guest(*, actor: Actor, event_id: int, accept: bool) -> Event:
    """The guest's coordinator accepts, or declines (also to withdraw later)."""
    event = None
    if 0 < event_id <= ID_MAX:
        event = await Event.filter(guest_may_look(actor.org_id), id=event_id).first()
    if event is None:
        raise NotFound(f"Your organisation is not named as guest of event {event_id}.")
    actor.require_coordinator()
    if accept and event.guest_status == HostStatus.ACCEPTED:
        raise Conflict("Your organisation is already the guest of this event.")
    event.guest_status = HostStatus.ACCEPTED if accept else HostStatus.DECLINED
    event.guest_responded_at = now()
    await event.save(update_fields=["guest_status", "guest_responded_at", "updated_at"])
    return event
