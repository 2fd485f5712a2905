"""A 429 from Twilio means "too fast", not "bad message": it is tried again on the next slot.

Under the same claim, honouring a short ``Retry-After``, at most ``QUICK_RETRIES`` times;
then the normal backoff (or a longer Retry-After) takes over, so a storm of 429s ends.
The fake Twilio answers over real HTTP; the normal backoff stays at its real 30 s, so a
message sent within the same worker run was not sent through it.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import TemporaryFailure, Throttled
from parentinfo.messaging.senders.twilio_sms import retry_after_seconds, throttled
from parentinfo.outreach.sending import dispatch
from parentinfo.outreach.sending import outbox as states
from parentinfo.outreach.sending.recovery import SENDING_TIMEOUT, recover_lost_sends
from parentinfo.runtime import runtime
from tests.factories import make_member, make_org
from tests.factories.outreach import due_jobs, make_contacts, messages, published_event, run_jobs
from tests.fakes.twilio_server import FakeTwilio, Scripted

pytestmark = pytest.mark.anyio
TOO_MANY = Scripted(429, 20429, "Too Many Requests")


def too_many(retry_after: str) -> Scripted:
    return Scripted(429, 20429, "Too Many Requests", retry_after=retry_after)


class EveryThird:
    """A script for the fake: a 429 to every third create, whichever message it carries."""

    def __init__(self) -> None:
        self.calls = 0

    def __bool__(self) -> bool:
        return True

    def popleft(self) -> Scripted | None:
        self.calls += 1
        return TOO_MANY if self.calls % 3 == 0 else None


async def _send(api: httpx.AsyncClient, count: int = 1) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, count)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.status_code == 202


async def _scheduled_jobs() -> list[datetime]:
    waiting = await runtime().jobs.job_manager.list_jobs_async(status="todo")
    return [job.scheduled_at for job in waiting if job.scheduled_at is not None]


# The pure rules.


def test_retry_after_reads_seconds_and_dates() -> None:
    at = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    assert retry_after_seconds("5", at=at) == 5.0
    assert retry_after_seconds(" 0 ", at=at) == 0.0
    later, earlier = (format_datetime(t, usegmt=True) for t in (at + timedelta(seconds=30), at))
    assert retry_after_seconds(later, at=at) == 30
    assert retry_after_seconds(earlier, at=at + timedelta(hours=1)) == 0
    assert retry_after_seconds("soon", at=at) is None
    assert retry_after_seconds("-3", at=at) is None
    assert retry_after_seconds("", at=at) is None
    assert retry_after_seconds(None, at=at) is None


def test_a_429_answer_keeps_its_code_and_wait() -> None:
    error = throttled('{"code": 20429, "message": "Too Many Requests"}', "2")
    assert (error.code, error.retry_after, error.retry) == ("20429", 2.0, True)
    bare = throttled("<html>busy</html>", None)
    assert (bare.code, bare.retry_after) == ("429", None)


def test_quick_retries_are_bounded_and_only_for_429() -> None:
    assert states.quick_retry_wait(Throttled("429"), 0) == timedelta(0)
    assert states.quick_retry_wait(Throttled("429", retry_after=3), 1) == timedelta(seconds=3)
    assert states.quick_retry_wait(Throttled("429"), states.QUICK_RETRIES) is None
    too_long = states.MAX_QUICK_WAIT.total_seconds() + 1
    assert states.quick_retry_wait(Throttled("429", retry_after=too_long), 0) is None
    assert states.quick_retry_wait(TemporaryFailure("500"), 0) is None


def test_a_long_retry_after_is_honoured_up_to_the_longest_backoff() -> None:
    assert states.retry_delay(Throttled("429"), 1) == states.backoff(1)
    assert states.retry_delay(Throttled("429", retry_after=120), 1) == timedelta(seconds=120)
    assert states.retry_delay(Throttled("429", retry_after=86_400), 1) == states.MAX_BACKOFF
    assert states.retry_delay(Throttled("429", retry_after=1), 5) == states.backoff(5)
    assert states.retry_delay(TemporaryFailure("500"), 2) == states.backoff(2)


# Through the worker, at a fake Twilio over HTTP.


async def test_a_429_is_sent_on_the_next_slot_not_after_the_backoff(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _send(api)
    twilio.answer_next(TOO_MANY)
    await run_jobs()
    [message] = await messages()
    assert message.status == MessageStatus.SENT
    assert message.send_after is None  # never scheduled for later: no backoff was taken
    assert message.attempts == 1  # one claim, kept through the retry
    assert (message.error_code, message.error_message) == ("", "")
    assert len(twilio.requests) == 2
    assert len(twilio.created) == 1
    assert await _scheduled_jobs() == []


async def test_a_short_retry_after_is_waited_before_the_retry(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _send(api)
    twilio.answer_next(too_many("1"))
    await run_jobs()
    [message] = await messages()
    assert message.status == MessageStatus.SENT
    assert len(twilio.created) == 1
    first, second = twilio.arrivals
    assert second - first >= 1.0  # Twilio asked for a second; sooner would be refused again


async def test_a_long_retry_after_schedules_the_retry_then(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _send(api)
    twilio.answer_next(too_many("120"))
    before = now()
    await run_jobs()
    [message] = await messages()
    assert message.status == MessageStatus.PENDING
    assert (message.error_code, message.attempts) == ("20429", 1)
    assert message.send_after is not None
    # Twilio's two minutes, not the 30 s backoff.
    assert message.send_after >= before + timedelta(seconds=119)
    assert message.send_after <= now() + timedelta(seconds=121)
    assert await _scheduled_jobs() == [message.send_after]
    assert len(twilio.requests) == 1


async def test_a_storm_of_429s_ends_in_the_normal_backoff(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _send(api)
    twilio.answer_next(*[TOO_MANY] * (states.QUICK_RETRIES + 5))
    before = now()
    await run_jobs()
    [message] = await messages()
    assert len(twilio.requests) == 1 + states.QUICK_RETRIES
    assert twilio.created == []
    assert message.status == MessageStatus.PENDING
    assert (message.error_code, message.attempts) == ("20429", 1)
    assert message.send_after is not None
    assert before + states.backoff(1) <= message.send_after <= now() + states.backoff(1)
    assert await _scheduled_jobs() == [message.send_after]


async def test_every_message_is_sent_once_with_429s_among_them(
    api: httpx.AsyncClient, twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Should one message meet four 429s in a row, its backoff comes due at once here.
    monkeypatch.setattr(states, "FIRST_BACKOFF", timedelta(0))
    twilio.script = EveryThird()  # type: ignore[assignment]
    await _send(api, 24)
    await run_jobs()
    rows = await messages()
    assert len(rows) == 24
    assert {row.status for row in rows} == {MessageStatus.SENT}
    per_number = Counter(created["to"] for created in twilio.created)
    assert len(per_number) == 24
    assert set(per_number.values()) == {1}
    assert len(twilio.requests) > 24  # the 429s did happen
    assert {row.provider_id for row in rows} == {created["sid"] for created in twilio.created}


async def _age_claims() -> None:
    """Let the sweeper's timeout pass for every row left in "sending"."""
    await OutboundMessage.filter(status=MessageStatus.SENDING).update(
        sending_since=now() - SENDING_TIMEOUT - timedelta(seconds=5)
    )


async def test_a_worker_dying_after_the_retry_went_out_is_recovered_without_a_second_sms(
    api: httpx.AsyncClient, twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _send(api)
    twilio.answer_next(TOO_MANY)

    async def dies(*args: object, **kwargs: object) -> bool:
        raise RuntimeError("the worker died before it wrote down the send")

    with monkeypatch.context() as patch:
        patch.setattr(dispatch.outbox, "mark_sent", dies)
        await run_jobs()
    [message] = await messages()
    assert message.status == MessageStatus.SENDING
    assert len(twilio.created) == 1  # the retry reached Twilio
    await _age_claims()
    assert await recover_lost_sends() == 1
    await run_jobs()
    [message] = await messages()
    assert message.status == MessageStatus.SENT
    assert message.provider_id == twilio.created[0]["sid"]
    assert len(twilio.created) == 1


async def test_a_worker_dying_while_it_waits_to_retry_is_recovered_and_sent_once(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _send(api)
    [message] = await messages()
    twilio.answer_next(too_many("5"))
    attempt = asyncio.create_task(dispatch.deliver(message.id))
    for _ in range(200):
        if twilio.requests:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)  # the 429 has been answered: the worker is waiting its 5 s
    attempt.cancel()  # the worker dies mid-retry
    with pytest.raises(asyncio.CancelledError):
        await attempt
    await message.refresh_from_db()
    assert message.status == MessageStatus.SENDING
    await _age_claims()
    assert await recover_lost_sends() == 1  # Twilio has nothing: pending again
    await run_jobs()
    await message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert len(twilio.requests) == 2
    assert len(twilio.created) == 1
    assert await due_jobs() == 0
