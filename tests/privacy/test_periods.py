"""Months back in the calendar, for the contact retention period."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from parentinfo.privacy.periods import months_before


def test_months_before_clamps_to_the_end_of_shorter_months() -> None:
    assert months_before(datetime(2026, 3, 31, 12, tzinfo=UTC), 1) == datetime(
        2026, 2, 28, 12, tzinfo=UTC
    )
    assert months_before(datetime(2024, 3, 31, tzinfo=UTC), 1) == datetime(2024, 2, 29, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 12) == datetime(2025, 1, 15, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(
        2024, 12, 15, tzinfo=UTC
    )


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(0, 120),
)
def test_months_before_is_earlier_and_keeps_the_time(moment: datetime, months: int) -> None:
    earlier = months_before(moment, months)
    assert earlier <= moment
    assert earlier.time() == moment.time()
    assert (moment.year * 12 + moment.month) - (earlier.year * 12 + earlier.month) == months
