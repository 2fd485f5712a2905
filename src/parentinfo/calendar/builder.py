"""The calendar builder: plain dataclasses in, RFC 5545 text out, no I/O.

Invitations and cancellations (iTIP REQUEST / CANCEL, RFC 5546) and the single "add to
calendar" file are built with icalendar; a feed of many events goes through the faster
:mod:`parentinfo.calendar.contentlines`, whose output the tests check against icalendar's.

Times go out as local wall-clock times with ``TZID`` and a VTIMEZONE limited to the years
the events touch. The one exception is the repeated hour when the clocks go back: a local
time there is ambiguous (RFC 5545 reads it as the first occurrence), so an instant in the
second occurrence is written in UTC instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress

from parentinfo.calendar import contentlines
from parentinfo.calendar.entries import CANCELLED, CONFIRMED, PARTSTAT, Attendee, CalendarEvent

PRODID = "-//parentinfo//parentinfo calendar//EN"

__all__ = ["CANCELLED", "CONFIRMED", "PARTSTAT", "Attendee", "CalendarEvent"]  # read here too


def build_request(
    event: CalendarEvent,
    attendee: Attendee,
    *,
    alarm_hours: int | None,
    stamp: datetime | None = None,
) -> str:
    """An iTIP REQUEST: the invitation (or its update) for one parent to accept or decline."""
    vevent = _vevent(event, stamp=stamp, status=event.status)
    vevent.add("attendee", _attendee(attendee, rsvp=True))
    if alarm_hours:
        vevent.add_component(_alarm(event.summary, alarm_hours))
    return _calendar("REQUEST", [vevent], event)


def build_cancel(event: CalendarEvent, attendee: Attendee, *, stamp: datetime | None = None) -> str:
    """An iTIP CANCEL: same UID, ``STATUS:CANCELLED``, so calendars remove the session."""
    vevent = _vevent(event, stamp=stamp, status=CANCELLED)
    vevent.add("attendee", _attendee(attendee, rsvp=False))
    return _calendar("CANCEL", [vevent], event)


def build_publish(
    event: CalendarEvent, *, alarm_hours: int | None, stamp: datetime | None = None
) -> str:
    """A plain event to add (``METHOD:PUBLISH``, no attendee): the "add to calendar" file."""
    vevent = _vevent(event, stamp=stamp, status=event.status)
    if alarm_hours:
        vevent.add_component(_alarm(event.summary, alarm_hours))
    return _calendar("PUBLISH", [vevent], event)


def build_feed(
    events: Iterable[CalendarEvent], *, name: str, alarm_hours: int | None = None
) -> str:
    """A subscribable feed (``METHOD:PUBLISH``, never attendees); an empty one is still valid."""
    items = list(events)
    header = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        contentlines.text_line("NAME", name),
        contentlines.text_line("X-WR-CALNAME", name),
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    zones = [_vtimezone_text(tzid, first, last) for tzid, (first, last) in _year_spans(items)]
    body = [contentlines.vevent(e, alarm_hours=alarm_hours) for e in items]
    return "\r\n".join([*header, *zones, *body, "END:VCALENDAR"]) + "\r\n"


def _calendar(method: str, vevents: list[Event], event: CalendarEvent) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    for vevent in vevents:
        calendar.add_component(vevent)
    first, last = year_span(event.starts_at, event.ends_at, event.timezone)
    calendar.add_missing_timezones(first_date=first, last_date=last)
    calendar.subcomponents = [
        one_transition_each(c) if isinstance(c, Timezone) else c for c in calendar.subcomponents
    ]
    return str(calendar.to_ical().decode("utf-8"))


def _vevent(event: CalendarEvent, *, stamp: datetime | None, status: str) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC))
    if event.last_modified is not None:
        vevent.add("last-modified", event.last_modified.astimezone(UTC))
    vevent.add("dtstart", local_or_utc(event.starts_at, event.timezone))
    vevent.add("dtend", local_or_utc(event.ends_at, event.timezone))
    vevent.add("summary", contentlines.clean_text(event.summary))
    if event.description:
        vevent.add("description", contentlines.clean_text(event.description))
    if event.location:
        vevent.add("location", contentlines.clean_text(event.location))
    if event.url:
        vevent.add("url", event.url)
    organizer = vCalAddress(f"mailto:{event.organizer_email}")
    organizer.params["CN"] = contentlines.param_safe(event.organizer_name)
    vevent.add("organizer", organizer)
    vevent.add("status", status)
    vevent.add("transp", "OPAQUE")
    return vevent


def _attendee(attendee: Attendee, *, rsvp: bool) -> vCalAddress:
    if not attendee.email:
        raise ValueError("an iTIP attendee needs an email address")
    address = vCalAddress(f"mailto:{attendee.email}")
    if attendee.name:
        address.params["CN"] = contentlines.param_safe(attendee.name)
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = attendee.partstat
    address.params["RSVP"] = "TRUE" if rsvp else "FALSE"
    return address


def _alarm(summary: str, hours: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", contentlines.clean_text(summary))
    alarm.add("trigger", timedelta(hours=-hours))
    return alarm


def local_or_utc(moment: datetime, tzid: str) -> datetime:
    """``moment`` on the wall clock of ``tzid``; in UTC when that wall time is the repeated one."""
    local = moment.astimezone(ZoneInfo(tzid))
    return moment.astimezone(UTC) if local.fold else local


def year_span(starts_at: datetime, ends_at: datetime, tzid: str) -> tuple[date, date]:
    """1 January of the first year to 1 January after the last: the VTIMEZONE's range."""
    zone = ZoneInfo(tzid)
    first = starts_at.astimezone(zone).year
    last = ends_at.astimezone(zone).year
    return date(first, 1, 1), date(last + 1, 1, 1)


def _year_spans(events: list[CalendarEvent]) -> list[tuple[str, tuple[int, int]]]:
    spans: dict[str, tuple[int, int]] = {}
    for event in events:
        first, last = year_span(event.starts_at, event.ends_at, event.timezone)
        low, high = spans.get(event.timezone, (first.year, last.year))
        spans[event.timezone] = (min(low, first.year), max(high, last.year))
    return sorted(spans.items())


@cache
def _vtimezone_text(tzid: str, first_year: int, last_year: int) -> str:
    """The VTIMEZONE for ``tzid`` between two 1 Januaries (cached: feeds repeat it)."""
    zone = Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1)
    )
    return str(one_transition_each(zone).to_ical().decode("utf-8")).rstrip("\r\n")


def one_transition_each(zone: Timezone) -> Timezone:
    """The same VTIMEZONE with each RDATE written as its own STANDARD or DAYLIGHT.

    icalendar lists the later years' transitions as RDATEs, which RFC 5545 allows but
    dateutil (and with it vobject) reads wrongly for the last year; one sub-component per
    transition means the same to every reader.
    """
    expanded = Timezone()
    for key, value in zone.items():
        expanded[key] = value
    for part in zone.subcomponents:
        starts = [part.decoded("DTSTART"), *_rdates(part.get("RDATE"))]
        for start in starts:
            copy = type(part)()
            for key, value in part.items():
                if key not in {"RDATE", "DTSTART"}:
                    copy[key] = value
            copy.add("dtstart", start)
            expanded.add_component(copy)
    return expanded


def _rdates(value: Any) -> list[datetime]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    return [period.dt for item in items for period in item.dts]
