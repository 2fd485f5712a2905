"""Calendar arithmetic for retention periods (a pure core)."""

from __future__ import annotations

import calendar
from datetime import datetime


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (31 March - 1 → 28/29 Feb)."""
    index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))
