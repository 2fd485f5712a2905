"""RSVP acting on what happened to an event: a new capacity moves the waiting list up."""

from __future__ import annotations

from parentinfo.events.happenings import CapacityChanged, subscribe
from parentinfo.rsvp.answers import fill_free_places


async def on_capacity_changed(changed: CapacityChanged) -> None:
    """More places, or no limit: the waiting list moves up into them."""
    await fill_free_places(event_id=changed.event_id)


def subscribe_rsvp() -> None:
    """Subscribe rsvp's listeners (idempotent)."""
    subscribe(CapacityChanged, on_capacity_changed)
