"""The facts of the event a parent asks about, as the ready answers need them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from parentinfo.answers.ready import EventFacts
from parentinfo.events.models import Event


def facts_of(event: Event | None) -> EventFacts:
    """The event's end (24-hour, its own time zone), address, childcare and interpreters."""
    if event is None:
        return EventFacts()
    end = ""
    if event.ends_at is not None:
        end = event.ends_at.astimezone(ZoneInfo(event.timezone)).strftime("%H:%M")
    return EventFacts(
        end_time=end,
        address=event.address or "",
        childcare=event.childcare,
        interpreter_languages=tuple(event.interpreter_languages or ()),
    )
