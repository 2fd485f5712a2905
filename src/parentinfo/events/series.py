"""Monthly series ("the second Tuesday of each month, 19:00"): a pure core, no I/O.

Occurrences keep the local wall-clock time, so a meeting at 19:00 stays at 19:00 in
Amsterdam when the clocks change, and its UTC time moves instead.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

MAX_OCCURRENCES = 24
LAST = 5  # a fifth weekday does not exist every month: "the fifth Friday" means the last one


@dataclass(frozen=True)
class MonthlyRule:
    """The n-th weekday of each month (``week`` 1-4, or 5 for the last)."""

    weekday: int  # Monday is 0
    week: int

    def describe(self) -> str:
        """``second Tuesday`` (English, for logs and the series name default)."""
        ordinal = ("first", "second", "third", "fourth", "last")[self.week - 1]
        return f"{ordinal} {calendar.day_name[self.weekday]}"


def rule_for(day: date) -> MonthlyRule:
    """The rule a first date implies: 11 March 2025 is the second Tuesday."""
    week = (day.day - 1) // 7 + 1
    return MonthlyRule(weekday=day.weekday(), week=min(week, LAST))


def day_in_month(year: int, month: int, rule: MonthlyRule) -> date:
    """The day of ``month`` that ``rule`` names."""
    first_weekday, days = calendar.monthrange(year, month)
    first = 1 + (rule.weekday - first_weekday) % 7
    if rule.week == LAST:
        return date(year, month, first + 7 * ((days - first) // 7))
    return date(year, month, first + 7 * (rule.week - 1))


def monthly_occurrences(
    starts_at: datetime, ends_at: datetime, *, count: int, timezone: str
) -> list[tuple[datetime, datetime]]:
    """``count`` (start, end) pairs in UTC, the first being the given one."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("series times must be time-zone aware")
    zone = ZoneInfo(timezone)
    local_start = starts_at.astimezone(zone)
    local_end = ends_at.astimezone(zone)
    rule = rule_for(local_start.date())
    day_span = (local_end.date() - local_start.date()).days
    pairs = []
    for offset in range(count):
        year, month = divmod(local_start.month - 1 + offset, 12)
        day = day_in_month(local_start.year + year, month + 1, rule)
        pairs.append(
            (
                _at(day, local_start, zone),
                _at(day + timedelta(days=day_span), local_end, zone),
            )
        )
    return pairs


def _at(day: date, wall_clock: datetime, zone: ZoneInfo) -> datetime:
    """``day`` at the wall-clock time of ``wall_clock`` in ``zone``, as UTC."""
    local = datetime.combine(day, wall_clock.time().replace(tzinfo=None), tzinfo=zone)
    # A time inside the spring-forward gap does not exist: the round trip moves it past it.
    return local.astimezone(UTC)
