"""Quiet hours: the pure rule, across midnight and daylight saving, and SMS held in the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.quiet import in_quiet_hours, quiet_until, release_time
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.outreach.conftest import wired_settings

AMS = ZoneInfo("Europe/Amsterdam")
NIGHT = {"start": time(21), "end": time(8)}


def ams(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMS)


def test_evening_and_early_morning_are_quiet_day_is_not() -> None:
    assert in_quiet_hours(ams(2025, 3, 4, 21, 0), tz=AMS, **NIGHT)
    assert in_quiet_hours(ams(2025, 3, 4, 3, 0), tz=AMS, **NIGHT)
    assert not in_quiet_hours(ams(2025, 3, 4, 8, 0), tz=AMS, **NIGHT)
    assert not in_quiet_hours(ams(2025, 3, 4, 20, 59), tz=AMS, **NIGHT)


def test_held_until_eight_the_next_morning() -> None:
    assert quiet_until(ams(2025, 3, 4, 22, 30), tz=AMS, **NIGHT) == ams(2025, 3, 5, 8, 0)
    assert quiet_until(ams(2025, 3, 5, 6, 0), tz=AMS, **NIGHT) == ams(2025, 3, 5, 8, 0)
    assert quiet_until(ams(2025, 3, 5, 12, 0), tz=AMS, **NIGHT) is None


def test_daylight_saving_nights_end_at_local_eight() -> None:
    # 29-30 March 2025 the clocks go forward, 25-26 October back: 8:00 local both times.
    spring = quiet_until(ams(2025, 3, 29, 23, 0), tz=AMS, **NIGHT)
    autumn = quiet_until(ams(2025, 10, 25, 23, 0), tz=AMS, **NIGHT)
    assert spring == datetime(2025, 3, 30, 6, 0, tzinfo=UTC)  # CEST, UTC+2
    assert autumn == datetime(2025, 10, 26, 7, 0, tzinfo=UTC)  # CET, UTC+1


def test_a_window_within_one_day_and_an_empty_window() -> None:
    lunch = {"start": time(12), "end": time(13)}
    assert quiet_until(ams(2025, 5, 1, 12, 30), tz=AMS, **lunch) == ams(2025, 5, 1, 13, 0)
    assert not in_quiet_hours(ams(2025, 5, 1, 23, 0), tz=AMS, start=time(0), end=time(0))


@given(
    moment=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
    ),
    start=st.times(),
    end=st.times(),
)
def test_released_messages_never_leave_inside_the_window(
    moment: datetime, start: time, end: time
) -> None:
    start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
    released = release_time(moment, tz=AMS, start=start, end=end)
    assert released >= moment
    assert released - moment <= timedelta(hours=25)  # at most one night (and a DST hour)
    if released != moment:
        assert in_quiet_hours(moment, tz=AMS, start=start, end=end)
        assert not in_quiet_hours(released, tz=AMS, start=start, end=end)
        assert released.astimezone(AMS).time().replace(second=0) >= end or end.hour == 0


@pytest.mark.anyio
async def test_sms_are_held_for_the_morning_and_email_is_not(
    database_url: str, var_dir: object, twilio: FakeTwilio, smtp: MailBox
) -> None:
    from parentinfo.app import create_app

    local = now().astimezone(AMS)
    window = f"{(local - timedelta(hours=1)):%H:%M}-{(local + timedelta(hours=2)):%H:%M}"
    settings = wired_settings(database_url, var_dir, twilio, smtp, QUIET_HOURS=window)  # type: ignore[arg-type]
    app = create_app(settings)
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as api:
            school = await make_org("school")
            member = await make_member(school)
            event = await published_event(school)
            await make_contacts(school, 2)
            await make_contacts(school, 1, start=9, mobile=None, email="p@example.com")
            url = f"/api/v1/events/{event.id}/outreach/send"
            await api.post(url, json={}, headers=member.headers)
            await run_jobs()
            rows = await messages()
            listed = (await api.get("/api/v1/messages?channel=sms", headers=member.headers)).json()
    held = [m for m in rows if m.channel == Channel.SMS]
    assert {m.status for m in held} == {MessageStatus.PENDING}
    assert {m.withheld_reason for m in held} == {"quiet_hours"}
    end = (local + timedelta(hours=2)).replace(second=0, microsecond=0)
    assert {m.send_after.astimezone(AMS) for m in held if m.send_after} == {end}
    assert twilio.requests == []
    [email] = [m for m in rows if m.channel == Channel.EMAIL]
    assert email.status == MessageStatus.SENT
    assert {item["held_until"] is not None for item in listed["items"]} == {True}
