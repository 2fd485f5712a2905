"""What a calendar entry is made of: plain dataclasses the builder and the fast feed writer
(:mod:`parentinfo.calendar.contentlines`) both read, so neither imports the other's types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

CONFIRMED = "CONFIRMED"
CANCELLED = "CANCELLED"

# A parent's answer as an iCalendar participation status.
PARTSTAT = {"yes": "ACCEPTED", "no": "DECLINED", "maybe": "TENTATIVE", "none": "NEEDS-ACTION"}


@dataclass(frozen=True)
class CalendarEvent:
    """One session as a calendar sees it; ``starts_at`` and ``ends_at`` are aware (UTC)."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    timezone: str
    summary: str
    description: str
    location: str
    url: str
    organizer_name: str
    organizer_email: str
    status: str = CONFIRMED
    last_modified: datetime | None = None


@dataclass(frozen=True)
class Attendee:
    """The parent an invitation goes to; ``partstat`` is an iCalendar PARTSTAT value."""

    name: str
    email: str | None
    partstat: str = "NEEDS-ACTION"
