"""Monthly series: the same weekday of the month, the same wall-clock time across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.events.series import MonthlyRule, day_in_month, monthly_occurrences, rule_for

AMS = ZoneInfo("Europe/Amsterdam")


def test_rule_for_a_date() -> None:
    assert rule_for(date(2025, 3, 11)) == MonthlyRule(weekday=1, week=2)  # second Tuesday
    assert rule_for(date(2025, 3, 11)).describe() == "second Tuesday"
    assert rule_for(date(2025, 1, 31)) == MonthlyRule(weekday=4, week=5)  # last Friday


def test_day_in_month() -> None:
    assert day_in_month(2025, 4, MonthlyRule(weekday=1, week=2)) == date(2025, 4, 8)
    assert day_in_month(2025, 2, MonthlyRule(weekday=4, week=5)) == date(2025, 2, 28)


def test_series_keeps_seven_pm_across_the_spring_and_autumn_changes() -> None:
    first = datetime(2025, 2, 11, 19, 0, tzinfo=AMS)
    pairs = monthly_occurrences(
        first, datetime(2025, 2, 11, 21, 0, tzinfo=AMS), count=10, timezone="Europe/Amsterdam"
    )
    local = [(s.astimezone(AMS), e.astimezone(AMS)) for s, e in pairs]
    assert [s.date() for s, _ in local][:4] == [
        date(2025, 2, 11),
        date(2025, 3, 11),
        date(2025, 4, 8),
        date(2025, 5, 13),
    ]
    assert all((s.hour, s.minute, e.hour) == (19, 0, 21) for s, e in local)
    assert {s.tzinfo for s, _ in pairs} == {UTC}
    assert pairs[1][0].hour == 18  # winter: UTC+1
    assert pairs[2][0].hour == 17  # summer: UTC+2
    assert pairs[9][0].hour == 18  # November: winter again


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        monthly_occurrences(
            datetime(2025, 1, 1, 19), datetime(2025, 1, 1, 20), count=2, timezone="UTC"
        )


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=1, max_value=24),
)
def test_every_occurrence_is_the_same_weekday_of_its_month(
    day: date, hour: int, count: int
) -> None:
    start = datetime(day.year, day.month, day.day, hour, 30, tzinfo=AMS)
    end = datetime(day.year, day.month, day.day, hour, 45, tzinfo=AMS)
    pairs = monthly_occurrences(start, end, count=count, timezone="Europe/Amsterdam")
    rule = rule_for(day)
    assert len(pairs) == count
    assert pairs[0][0] == start
    months = set()
    for starts_at, ends_at in pairs:
        local = starts_at.astimezone(AMS)
        assert ends_at > starts_at
        assert local.weekday() == rule.weekday
        assert local.minute == 30
        months.add((local.year, local.month))
        if rule.week < 5:
            assert (local.day - 1) // 7 + 1 == rule.week
        else:
            assert local.day + 7 > 28  # the last such weekday of the month
    assert len(months) == count
