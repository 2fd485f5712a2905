"""RFC 5545 content lines written directly, for feeds of a thousand events.

icalendar builds and serialises a component tree, which costs about a third of a
millisecond per event; a feed only ever writes the same dozen properties, so they are
written here as text (escaped and folded as RFC 5545 says) and the tests parse the
result with icalendar and vobject and compare it with icalendar's own output.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from parentinfo.calendar.entries import CalendarEvent

LINE_OCTETS = 75
# Control characters are not allowed in TEXT values (HTAB is; line breaks are escaped).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode's own line breaks, which some parsers split lines on.
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def clean_text(value: str) -> str:
    """Text a calendar may hold: line breaks as ``\\n``, control characters dropped."""
    if value.isprintable():  # the common case, and much cheaper than two substitutions
        return value
    return _CONTROLS.sub("", _BREAKS.sub("\n", value))


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped, controls dropped."""
    # Chained replace beats str.translate severalfold on short texts; the order matters.
    return (
        clean_text(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def param_safe(value: str) -> str:
    """A parameter value (such as CN) that needs no escaping: no quotes, controls or breaks."""
    value = _CONTROLS.sub(" ", _BREAKS.sub(" ", value))
    # Parameters have no escapes: a backslash before the ':' would swallow it in some readers.
    return value.replace('"', "'").replace("\\", "/").strip()


def param(value: str) -> str:
    """A parameter value, always quoted: some readers split an unquoted one on ``=``."""
    return f'"{param_safe(value)}"'


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    if line.isascii():
        if len(line) <= LINE_OCTETS:
            return line
        rest = line[LINE_OCTETS:]
        chunks = [rest[i : i + LINE_OCTETS - 1] for i in range(0, len(rest), LINE_OCTETS - 1)]
        return "\r\n ".join([line[:LINE_OCTETS], *chunks])
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    start = 0
    size = 0
    limit = LINE_OCTETS
    for index, char in enumerate(line):
        width = 1 if char < "\x80" else len(char.encode())
        if size + width > limit:
            parts.append(line[start:index])
            start, size, limit = index, 0, LINE_OCTETS - 1  # the leading space counts
        size += width
    parts.append(line[start:])
    return "\r\n ".join(parts)


def text_line(name: str, value: str) -> str:
    """``NAME:escaped value``, folded."""
    return fold(f"{name}:{escape_text(value)}")


def utc_stamp(moment: datetime) -> str:
    """``20270328T080000Z``."""
    return f"{_wall(moment.astimezone(UTC))}Z"


def _wall(m: datetime) -> str:
    # An f-string is several times cheaper than strftime, and feeds write thousands.
    return f"{m.year:04d}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}"


def when_line(name: str, moment: datetime, tzid: str) -> str:
    """``DTSTART;TZID=Europe/Amsterdam:20270328T100000`` (UTC in the repeated hour)."""
    local = moment.astimezone(ZoneInfo(tzid))
    if local.fold:
        return f"{name}:{utc_stamp(moment)}"
    return f"{name};TZID={tzid}:{_wall(local)}"


def vevent(event: CalendarEvent, *, alarm_hours: int | None) -> str:
    """One VEVENT of a feed: public facts only, never an attendee."""
    stamp = utc_stamp(event.last_modified or event.starts_at)
    lines = [
        "BEGIN:VEVENT",
        text_line("UID", event.uid),
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        when_line("DTSTART", event.starts_at, event.timezone),
        when_line("DTEND", event.ends_at, event.timezone),
        text_line("SUMMARY", event.summary),
    ]
    if event.description:
        lines.append(text_line("DESCRIPTION", event.description))
    if event.location:
        lines.append(text_line("LOCATION", event.location))
    if event.url:
        lines.append(fold(f"URL:{event.url}"))
    lines.append(fold(f"ORGANIZER;CN={param(event.organizer_name)}:mailto:{event.organizer_email}"))
    lines.append(f"STATUS:{event.status}")
    lines.append("TRANSP:OPAQUE")
    if alarm_hours:
        lines.extend(
            [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                text_line("DESCRIPTION", event.summary),
                f"TRIGGER:-PT{int(alarm_hours)}H",
                "END:VALARM",
            ]
        )
    lines.append("END:VEVENT")
    return "\r\n".join(lines)
