"""Parse every calendar the feature makes with two independent parsers, and check its lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import icalendar
import vobject


@dataclass
class Parsed:
    """One calendar as icalendar and as vobject read it."""

    text: str
    ical: icalendar.Calendar
    vobj: Any

    @property
    def events(self) -> list[icalendar.Event]:
        return list(self.ical.walk("VEVENT"))

    @property
    def vevents(self) -> list[Any]:
        return list(getattr(self.vobj, "vevent_list", []))


def parse_both(text: str) -> Parsed:
    """Both parsers accept ``text``, its lines end in CRLF and are at most 75 octets."""
    assert text.endswith("\r\n")
    for line in text[:-2].split("\r\n"):
        assert len(line.encode()) <= 75, line
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar.name == "VCALENDAR"
    _forget_vobject_timezones()
    vobj = vobject.readOne(text)
    assert vobj.name == "VCALENDAR"
    parsed = Parsed(text=text, ical=calendar, vobj=vobj)
    assert len(parsed.events) == len(parsed.vevents)
    return parsed


def _forget_vobject_timezones() -> None:
    """vobject keeps the first VTIMEZONE it saw per TZID for the whole process: make it read
    this calendar's own, or a test would check an earlier calendar's time zone."""
    registry = vars(vobject.icalendar)["__tzidMap"]
    for tzid in [k for k in registry if k != "UTC"]:
        del registry[tzid]


def utc(value: datetime) -> datetime:
    """An aware datetime in UTC (both parsers return the event's own zone)."""
    assert value.tzinfo is not None, value
    return value.astimezone(UTC)
