"""A call whose ``calls.create`` answer never came may have rung: before ringing again, ask.

The fake Twilio places each call at once but answers the create only after the client
stopped waiting, as a busy Twilio does; or the worker dies while placing it. The retry (or
the sweeper) lists the calls to the parent's number and marks the row placed with the call
that exists: nobody is rung twice. Over real HTTP, on both databases.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.sending import outbox as states
from parentinfo.outreach.sending.dispatch import deliver
from parentinfo.outreach.sending.recovery import recover_lost_sends
from parentinfo.outreach.voice.calllist import call_automatically
from parentinfo.outreach.voice.placing import answer_url, status_url
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime
from parentinfo.settings import Settings
from tests.factories import make_member, make_org
from tests.factories.calendar import make_invitation
from tests.factories.outreach import make_contacts, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FROM_NUMBER, FakeTwilio
from tests.outreach.conftest import wired_settings

pytestmark = pytest.mark.anyio

MOBILE = "+31620000000"  # make_contacts' first number


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries come due at once, so the next worker round performs them."""
    monkeypatch.setattr(states, "FIRST_BACKOFF", timedelta(0))


@pytest.fixture
def wired(database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox) -> Settings:
    """The wired app, calling at any hour, giving up on Twilio's answer after 0.3 s."""
    return wired_settings(
        database_url, var_dir, twilio, smtp, CALL_HOURS="00:00-23:59", TWILIO_TIMEOUT="0.3"
    )


async def _call_automatically() -> Invitation:
    """One parent on the call list, called automatically: the voice row is posted."""
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    # call_me: since 6ba660e the dispatcher withholds a call to a parent without it.
    [contact] = await make_contacts(school, 1, language="nl", call_me=True)
    invitation = await make_invitation(event, contact)
    await Invitation.filter(id=invitation.id).update(to_call=True)
    rung = await call_automatically(actor=member.actor)
    assert rung.called == 1
    return invitation


async def test_a_create_that_timed_out_but_rang_is_not_rung_again(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    twilio.calls.answer_delay = 1.0  # the call rings; its answer comes after we stopped waiting
    await _call_automatically()
    await run_jobs()
    [call] = twilio.calls.to(MOBILE)  # one ring, however often the worker tried
    [row] = await OutboundMessage.filter(channel=Channel.VOICE)
    assert (row.status, row.attempts) == (MessageStatus.SENT, 2)  # the retry found the call
    assert row.provider_id == call["sid"]
    assert [(q.get("To"), q.get("From")) for q in twilio.calls.listed] == [(MOBILE, FROM_NUMBER)]
    # The call found is the row's own: its end is recorded on the row.
    twilio.calls.answer_delay = 0.0
    ended = await twilio.calls.end(api, call, "completed", duration=42)
    assert ended.status_code == 200
    await row.refresh_from_db()
    assert row.status == MessageStatus.DELIVERED


async def test_a_call_that_never_reached_twilio_is_placed_on_the_retry(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    """Asking first must not stop a call that really was lost: nothing at Twilio, so ring."""
    twilio.calls.refuse_next(503)
    await _call_automatically()
    await run_jobs()
    [call] = twilio.calls.to(MOBILE)
    [row] = await OutboundMessage.filter(channel=Channel.VOICE)
    assert (row.status, row.attempts, row.provider_id) == (MessageStatus.SENT, 2, call["sid"])
    assert len(twilio.calls.listed) == 1  # asked once, found nothing, rang


async def test_a_worker_that_died_while_placing_the_call_leaves_one_ring(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _call_automatically()
    [row] = await OutboundMessage.filter(channel=Channel.VOICE)
    # The worker claimed the row and asked Twilio to ring; then it died, before writing.
    began = now() - timedelta(minutes=2)
    await OutboundMessage.filter(id=row.id).update(
        status=MessageStatus.SENDING, sending_since=began, attempts=1
    )
    placed = await runtime().voice.start_call(
        to=MOBILE,
        answer_url=answer_url(row.id),
        status_callback=status_url(row.id),
        machine_detection=True,
    )
    assert await recover_lost_sends() == 1
    await run_jobs()
    await row.refresh_from_db()
    assert (row.status, row.provider_id) == (MessageStatus.SENT, placed.provider_id)
    assert len(twilio.calls.to(MOBILE)) == 1


async def test_a_call_placed_again_after_a_busy_line_is_not_taken_for_the_busy_one(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    """The redial asks Twilio too: the busy call it finds has ended, so the parent is rung."""
    await _call_automatically()
    await run_jobs()
    [first] = twilio.calls.to(MOBILE)
    assert (await twilio.calls.end(api, first, "busy")).status_code == 200
    [row] = await OutboundMessage.filter(channel=Channel.VOICE)
    # An hour passes: the redial is due (the worker's scheduled job would run it then).
    await OutboundMessage.filter(id=row.id).update(send_after=now() - timedelta(seconds=1))
    await deliver(row.id)
    first_again, second = twilio.calls.to(MOBILE)
    assert first_again["sid"] == first["sid"]
    await row.refresh_from_db()
    assert (row.status, row.provider_id, row.attempts) == (MessageStatus.SENT, second["sid"], 2)
    assert len(twilio.calls.listed) == 1  # the redial asked, and did not take the busy call
