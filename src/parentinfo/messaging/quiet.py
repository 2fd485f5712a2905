"""Quiet hours: no SMS at night. A pure core that says until when a message must wait.

The window is written in local wall-clock time (default 21:00-08:00 in Europe/Amsterdam)
and may wrap past midnight. Daylight-saving changes are handled by converting each
candidate wall-clock time through the time zone, never by adding hours to UTC.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def in_quiet_hours(moment: datetime, *, tz: ZoneInfo, start: time, end: time) -> bool:
    """True when ``moment`` falls inside the quiet window [start, end) in ``tz``."""
    if start == end:
        return False  # an empty window: quiet hours are switched off
    clock = moment.astimezone(tz).time().replace(tzinfo=None)
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def quiet_until(moment: datetime, *, tz: ZoneInfo, start: time, end: time) -> datetime | None:
    """The UTC moment the window containing ``moment`` ends, or None outside quiet hours."""
    if not in_quiet_hours(moment, tz=tz, start=start, end=end):
        return None
    local = moment.astimezone(tz)
    day = local.date()
    candidate = _wall_clock(day, end, tz)
    if candidate <= moment:
        candidate = _wall_clock(day + timedelta(days=1), end, tz)
    return candidate.astimezone(ZoneInfo("UTC"))


def release_time(moment: datetime, *, tz: ZoneInfo, start: time, end: time) -> datetime:
    """``moment`` itself when SMS may go out then, else the end of the quiet window."""
    return quiet_until(moment, tz=tz, start=start, end=end) or moment


def _wall_clock(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """A local wall-clock time on ``day``; a time skipped by DST moves forward past the gap."""
    aware = datetime.combine(day, clock, tzinfo=tz)
    # A wall-clock time inside a spring-forward gap does not exist: round-tripping through
    # UTC lands on the first real moment after it, which is when the window really ends.
    return aware.astimezone(ZoneInfo("UTC")).astimezone(tz)
