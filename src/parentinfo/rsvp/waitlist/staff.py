"""The waiting list for staff: places taken and free, who waits in which order, moving up.

The order is the one the waiting list moves up in by itself (``rsvp.answers``): first
answered, first served. Staff of a host see the names of their own parents only; another
host's parent is shown as theirs, by organisation. Moving someone up gives them a place
even when none is free (staff decide to make room) and sends them the "a place is free"
message, so only the organisation whose parent it is may do it: each host messages only
its own parents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, Forbidden
from parentinfo.events.access import editable_event
from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer, EventStatus
from parentinfo.organisations.models import Organisation
from parentinfo.privacy import audit
from parentinfo.rsvp.answers import add_places, lock_event, notify_promoted
from parentinfo.rsvp.models import Invitation


@dataclass(frozen=True)
class Waiting:
    """One household on the waiting list, at its place in the order."""

    invitation_id: int
    position: int
    name: str  # empty for another host's parent
    organisation: str
    mine: bool
    party_size: int
    language: str
    answered_at: datetime | None


@dataclass(frozen=True)
class Places:
    """An event's places: the capacity, the places taken, and who waits."""

    capacity: int | None
    taken: int
    waiting: list[Waiting]

    @property
    def free(self) -> int | None:
        """Places still free (never below zero); None without a limit."""
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def people_waiting(self) -> int:
        """People on the waiting list, parties counted in full."""
        return sum(entry.party_size for entry in self.waiting)

    def position_of(self, invitation_id: int) -> int | None:
        """Where an invitation stands on the waiting list, from 1; None when it does not wait."""
        for entry in self.waiting:
            if entry.invitation_id == invitation_id:
                return entry.position
        return None


async def places_of(*, event: Event, org_id: int) -> Places:
    """The places of an event whose host access the caller checked, as ``org_id`` sees them."""
    rows = await (
        Invitation.filter(event_id=event.id, answer=Answer.YES, waitlisted=True)
        .order_by("answered_at", "id")
        .select_related("contact")
    )
    owners = {int(row.organisation_id) for row in rows}  # type: ignore[attr-defined]
    names = dict(await Organisation.filter(id__in=list(owners)).values_list("id", "name"))
    waiting = []
    for position, row in enumerate(rows, start=1):
        mine = row.organisation_id == org_id  # type: ignore[attr-defined]
        name = (row.contact.name if row.contact else row.walk_in_name) if mine else ""
        waiting.append(
            Waiting(
                invitation_id=row.id,
                position=position,
                name=name,
                organisation=str(names.get(row.organisation_id, "")),  # type: ignore[attr-defined]
                mine=mine,
                party_size=row.party_size,
                language=row.language,
                answered_at=row.answered_at,
            )
        )
    return Places(capacity=event.capacity, taken=event.places_taken, waiting=waiting)


async def move_up(*, actor: Actor, event_id: int, invitation_id: int) -> Invitation:
    """Give a waiting household its places now (beyond the capacity if need be) and tell it.

    Refused (409) when the invitation no longer waits, or the event is not published; 403
    when the parent is another host's. (Messages in English, as the API's; the page says
    them in its own language.)
    """
    event = await editable_event(actor=actor, event_id=event_id)
    if event.status != EventStatus.PUBLISHED:
        raise Conflict("Only a published event has a waiting list to move up.")
    async with in_transaction():
        await lock_event(event.id)  # the places counter moves with every answer: one at a time
        invitation = await Invitation.get_or_none(
            id=invitation_id, event_id=event.id, answer=Answer.YES, waitlisted=True
        )
        if invitation is None:
            raise Conflict("This parent is not on the waiting list any more.")
        if invitation.organisation_id != actor.org_id:  # type: ignore[attr-defined]
            raise Forbidden(
                "Only the organisation whose parent this is moves them up: "
                "the message that a place is free is theirs to send."
            )
        await Invitation.filter(id=invitation.id).update(waitlisted=False)
        await add_places(event_id=event.id, places=invitation.party_size)
        refreshed = await Event.get(id=event.id)
        await audit.record(
            actor=actor,
            action="rsvp.moved_up",
            subject_type="invitation",
            subject_id=invitation.id,
            details={
                "event_id": event.id,
                "places": invitation.party_size,
                "over_capacity": refreshed.capacity is not None
                and refreshed.places_taken > refreshed.capacity,
            },
        )
    await notify_promoted([invitation.id])
    invitation.waitlisted = False
    return invitation
