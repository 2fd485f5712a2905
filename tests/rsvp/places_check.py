"""The counter's invariant: what an event's ``places_taken`` must equal."""

from __future__ import annotations

from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer
from parentinfo.rsvp.models import Invitation


async def held_places(event_id: int) -> int:
    """The party sizes of the yes answers holding places, summed from the answers themselves."""
    sizes = await Invitation.filter(
        event_id=event_id, answer=Answer.YES, waitlisted=False
    ).values_list("party_size", flat=True)
    return sum(int(size) for size in sizes)


async def counter_of(event_id: int) -> int:
    """The event's counter as stored."""
    return int(await Event.get(id=event_id).values_list("places_taken", flat=True))
