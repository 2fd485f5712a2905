"""When a mailing really leaves: at once, at the time staff chose, or after the quiet hours.

A pure core. SMS keep the quiet hours (``messaging.quiet``), so an SMS asked for at 22:00
leaves at 08:00; email has no quiet hours and leaves when asked. The chosen time itself is
checked here too: in the future, and before the session starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from parentinfo.errors import FieldError, Invalid
from parentinfo.i18n import gettext as _
from parentinfo.messaging.quiet import release_time

# A time chosen on a form a minute ago is "now", not a mistake.
PAST_SLACK = timedelta(minutes=2)


@dataclass(frozen=True)
class Departure:
    """When messages leave (UTC), and why then."""

    at: datetime
    scheduled: bool  # staff chose the time
    after_quiet_hours: bool  # the quiet hours hold them past that time (or past now)


@dataclass(frozen=True)
class QuietHours:
    """The quiet window of SMS in local wall-clock time."""

    tz: ZoneInfo
    start: time
    end: time


def sms_departure(requested: datetime | None, *, at: datetime, quiet: QuietHours) -> Departure:
    """When an SMS asked for at ``requested`` (None: now, ``at``) leaves."""
    wanted = requested if requested is not None and requested > at else at
    leaves = release_time(wanted, tz=quiet.tz, start=quiet.start, end=quiet.end)
    return Departure(leaves, scheduled=requested is not None, after_quiet_hours=leaves != wanted)


def email_departure(requested: datetime | None, *, at: datetime) -> Departure:
    """When an email asked for at ``requested`` leaves: then, or now."""
    wanted = requested if requested is not None and requested > at else at
    return Departure(wanted, scheduled=requested is not None, after_quiet_hours=False)


# Times outside these years are held at their edge: far enough to be refused as "in the
# past" or "after the session", near enough that converting them never overflows.
EARLIEST = datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC"))
LATEST = datetime(2100, 1, 1, tzinfo=ZoneInfo("UTC"))


def as_moment(value: datetime, tz: ZoneInfo) -> datetime:
    """A chosen time as a UTC moment; one without a zone is read as local wall-clock time."""
    if value.year < EARLIEST.year:
        return EARLIEST
    if value.year >= LATEST.year:
        return LATEST
    aware = value if value.tzinfo is not None else value.replace(tzinfo=tz)
    return aware.astimezone(ZoneInfo("UTC"))


def check_send_at(send_at: datetime, *, at: datetime, starts_at: datetime) -> None:
    """422 on ``send_at`` when it lies in the past or not before the session starts."""
    if send_at < at - PAST_SLACK:
        message = _("Choose a time in the future.")
    elif send_at >= starts_at:
        message = _("Choose a time before the session starts.")
    else:
        return
    raise Invalid(message, errors=[FieldError("send_at", message)])
