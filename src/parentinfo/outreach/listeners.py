"""Outreach acting on what happened to an event: change notices and cancellations."""

from __future__ import annotations

from parentinfo.events.happenings import EventCancelled, EventMoved, subscribe
from parentinfo.outreach.notices.changes import (
    change_without_notices,
    queue_cancellations,
    queue_change_notices,
    withhold_unsent,
)
from parentinfo.outreach.voice.voices import mark_event_recordings_stale


async def on_moved(moved: EventMoved) -> None:
    """Tell everyone invited what moved (with an updated calendar), unless staff chose not to.

    Either way the recorded invitations now tell the old time or place: they are marked
    stale first, so no call plays them (and the notices are routed without them).
    """
    await mark_event_recordings_stale(moved.event.id)
    if not moved.notify:
        await change_without_notices(moved.event)
        return
    await queue_change_notices(
        event=moved.event, time_changed=moved.time_changed, place_changed=moved.place_changed
    )


async def on_cancelled(cancelled: EventCancelled) -> None:
    """Tell everyone invited the event is off (with an iTIP CANCEL), unless staff chose not to."""
    if not cancelled.notify:
        await withhold_unsent(cancelled.event)
        return
    await queue_cancellations(event=cancelled.event)


def subscribe_outreach() -> None:
    """Subscribe outreach's listeners (idempotent)."""
    subscribe(EventMoved, on_moved)
    subscribe(EventCancelled, on_cancelled)
