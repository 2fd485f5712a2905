"""How Twilio's answers move the outbox: retry, give up, opt out, fall back, call."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from parentinfo.app import create_app
from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.outreach.sending import outbox as states
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import due_jobs, make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox, free_port
from tests.fakes.twilio_server import FakeTwilio, Scripted
from tests.outreach.conftest import wired_settings

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries come due at once, so one more worker run performs them."""
    monkeypatch.setattr(states, "FIRST_BACKOFF", timedelta(0))


async def _send(api: httpx.AsyncClient, count: int = 1, **contact: object) -> list[Contact]:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    contacts = await make_contacts(school, count, **contact)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.status_code == 202
    return contacts


async def test_throttled_then_accepted_is_retried(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _send(api)
    twilio.answer_next(Scripted(429, 20429, "Too Many Requests"))
    await run_jobs()
    [message] = await messages()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1  # tried again at once under the same claim (test_throttled)
    assert len(twilio.requests) == 2
    assert len(twilio.created) == 1


async def test_server_errors_retry_until_the_limit_then_fall_back(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    await _send(api, email="p@example.com")
    twilio.answer_next(*[Scripted(500, None)] * states.MAX_ATTEMPTS)
    await run_jobs()
    sms, email = await messages()
    assert (sms.status, sms.error_code) == (MessageStatus.FAILED, "500")
    assert sms.attempts == states.MAX_ATTEMPTS
    assert email.channel == Channel.EMAIL
    assert email.status == MessageStatus.SENT
    assert len(smtp.to("p@example.com")) == 1


async def test_21610_opts_the_parent_out_without_retry_or_fallback(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    [contact] = await _send(api, email="p@example.com")
    twilio.fail_number(contact.mobile or "", 400, 21610)
    await run_jobs()
    [message] = await messages()
    assert (message.status, message.attempts, message.error_code) == ("failed", 1, "21610")
    await contact.refresh_from_db()
    assert contact.sms_opt_out
    assert contact.email_opt_out
    assert smtp.messages == []
    assert not await Invitation.filter(to_call=True).exists()


async def test_invalid_number_falls_back_to_email(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    [contact] = await _send(api, email="p@example.com")
    twilio.fail_number(contact.mobile or "", 400, 21211)
    await run_jobs()
    sms, email = await messages()
    assert (sms.status, sms.error_code) == (MessageStatus.FAILED, "21211")
    assert (email.channel, email.status, email.kind) == (Channel.EMAIL, "sent", "invitation")
    await contact.refresh_from_db()
    assert contact.mobile_invalid
    assert not contact.sms_opt_out
    [mail] = smtp.to("p@example.com")
    assert "text/calendar" in {part.get_content_type() for part in mail.walk()}


async def test_invalid_number_without_email_goes_on_the_call_list(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    [contact] = await _send(api)
    twilio.fail_number(contact.mobile or "", 400, 21614)
    await run_jobs()
    [message] = await messages()
    assert message.status == MessageStatus.FAILED
    [invitation] = await Invitation.all()
    assert invitation.to_call


async def test_twilio_unreachable_keeps_messages_pending_and_marks_nothing_sent(
    database_url: str,
    var_dir: Path,
    twilio: FakeTwilio,
    smtp: MailBox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    settings = wired_settings(database_url, var_dir, twilio, smtp, TWILIO_API_BASE=closed)
    monkeypatch.setattr(states, "FIRST_BACKOFF", timedelta(minutes=5))  # retry waits
    app = create_app(settings)
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as api:
            await _send(api, 3)
            await run_jobs()
            rows = await messages()
            assert await due_jobs() == 0  # the retries wait for their time
    assert {m.status for m in rows} == {MessageStatus.PENDING}
    assert {m.attempts for m in rows} == {1}
    assert {m.error_code for m in rows} == {"network"}
    assert all(m.send_after is not None and m.sent_at is None for m in rows)
    assert all(m.provider_id is None for m in rows)
    assert twilio.requests == []
