"""When a mailing really leaves: at once, at the time staff chose, or after the quiet hours.

A pure core. SMS keep the quiet hours (``messaging.quiet``), so an SMS asked for at 22:00
leaves at 08:00; email has no quiet hours and leaves when asked. The chosen time itself is
checked here too: in the future, and before the session starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from parentinfo.errors import FieldError, Invalid
from parentinfo.i18n import current_language
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


def as_moment(value: datetime, tz: ZoneInfo) -> datetime:
    """A chosen time as a UTC moment; one without a zone is read as local wall-clock time."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=tz)
    return aware.astimezone(ZoneInfo("UTC"))


def check_send_at(send_at: datetime, *, at: datetime, starts_at: datetime) -> None:
    """422 on ``send_at`` when it lies in the past or not before the session starts."""
    if send_at < at - PAST_SLACK:
        raise Invalid(
            _("Choose a time in the future."),
            errors=[FieldError("send_at", _("This time has passed."))],
        )
    if send_at >= starts_at:
        raise Invalid(
            _("Choose a time before the session starts."),
            errors=[FieldError("send_at", _("This is not before the session starts."))],
        )


def describe(moment: datetime, *, at: datetime, tz: ZoneInfo) -> str:
    """``today at 21:00``, ``tomorrow at 08:00``, ``on Friday 12 March at 09:00``.

    In the current language and ``tz``, by babel.
    """
    locale = current_language()
    local, today = moment.astimezone(tz), at.astimezone(tz).date()
    clock = format_time(local, "short", locale=locale)
    if local.date() == today:
        return _("today at %(time)s") % {"time": clock}
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": clock}
    day = format_date(local, "EEEE d MMMM", locale=locale)
    return _("on %(day)s at %(time)s") % {"day": day, "time": clock}
