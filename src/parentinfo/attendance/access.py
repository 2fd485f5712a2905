"""Who may run the door: any member of a host organisation that accepted to host.

An organisation only invited to co-host may look at the event elsewhere, but not at who
comes: for the attendance list it gets the same 404 as a stranger.
"""

from __future__ import annotations

from datetime import UTC, datetime

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, NotFound, invalid_field
from parentinfo.events.access import host_status, visible_event
from parentinfo.events.models import Event
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import EventStatus, HostStatus

MAX_PARTY_SIZE = 20
CLIENT_ID_MAX = 64


async def door_event(*, actor: Actor, event_id: int) -> Event:
    """The event if the actor's organisation hosts it (accepted); 404 otherwise."""
    event = await visible_event(actor=actor, event_id=event_id)
    if await host_status(event=event, org_id=actor.org_id) != HostStatus.ACCEPTED:
        raise NotFound(_("No event {id}.").format(id=event_id))
    return event


def require_open(event: Event) -> None:
    """Nobody checks in at a cancelled session."""
    if event.status == EventStatus.CANCELLED:
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
