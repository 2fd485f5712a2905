"""Who may run the door: any member of a host organisation that accepted to host.

An organisation only invited to co-host may look at the event elsewhere, but not at who
comes: for the attendance list it gets the same 404 as a stranger. The event and the
actor's standing as its host come from one query (the door is a queue of people).
"""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.expressions import Subquery

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, NotFound, invalid_field
from parentinfo.events.access import ID_MAX, VISIBLE_STATUSES
from parentinfo.events.models import Event, EventHost
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import EventStatus, HostStatus

MAX_PARTY_SIZE = 20
CLIENT_ID_MAX = 64


async def door_event(*, actor: Actor, event_id: int) -> Event:
    """The event if the actor's organisation hosts it (accepted); 404 otherwise."""
    event = None
    if 0 < event_id <= ID_MAX:
        mine = EventHost.filter(event_id=event_id, organisation_id=actor.org_id).values("status")
        event = await Event.filter(id=event_id).annotate(door_host=Subquery(mine)).first()
    if event is None:
        raise unknown_event(event_id)
    require_door(
        org_id=actor.org_id,
        event_id=event_id,
        owner_id=event.organisation_id,  # type: ignore[attr-defined]
        host_status=getattr(event, "door_host", None),
    )
    return event


def unknown_event(event_id: int) -> NotFound:
    """The 404 for an event that does not exist or is none of the actor's business."""
    return NotFound(f"No event {event_id}.")


def require_door(*, org_id: int, event_id: int, owner_id: int, host_status: str | None) -> None:
    """Refuse (404) unless the organisation owns the event or accepted to co-host it.

    A stranger gets the same answer as for an event that does not exist; an organisation
    invited to co-host knows the event, so it is told in its language.
    """
    if int(owner_id) == org_id:
        return
    if host_status not in VISIBLE_STATUSES:
        raise unknown_event(event_id)
    if host_status != HostStatus.ACCEPTED:
        raise NotFound(_("No event {id}.").format(id=event_id))


def require_open(status: str) -> None:
    """Nobody checks in at a cancelled session (``status`` is the event's)."""
    if status == EventStatus.CANCELLED:
        raise Conflict(_("This session was cancelled; nobody can be checked in."))


def clean_party_size(raw: int, *, field: str = "party_size") -> int:
    """A party of 1 to 20 people."""
    if not 1 <= raw <= MAX_PARTY_SIZE:
        raise invalid_field(field, _("must be between 1 and {limit}").format(limit=MAX_PARTY_SIZE))
    return raw


def clean_client_id(raw: str | None) -> str | None:
    """The browser's id for an operation: up to 64 characters, None when absent."""
    text = (raw or "").strip()
    if len(text) > CLIENT_ID_MAX:
        raise invalid_field(
            "client_id", _("is too long; at most {limit} characters").format(limit=CLIENT_ID_MAX)
        )
    return text or None


def moment(at: datetime | None) -> datetime:
    """When it happened: the phone's clock, never later than ours (naive means UTC)."""
    current = now()
    if at is None:
        return current
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return min(aware.astimezone(UTC), current)
