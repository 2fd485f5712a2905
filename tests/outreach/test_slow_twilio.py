"""An answer that comes too late is not a failure: before sending again, ask Twilio.

The fake Twilio creates each message at once but answers only after the client has
stopped waiting (or answers 500 after creating it), as a busy Twilio did in production:
16 of 337 parents got two SMS. Every parent must get exactly one.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from parentinfo.app import create_app
from parentinfo.lib.enums import MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.senders import smtp_mail
from parentinfo.outreach.sending import outbox as states
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio, Scripted
from tests.outreach.conftest import wired_settings

pytestmark = pytest.mark.anyio
PARENTS = 12


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries come due at once, so one more worker run performs them."""
    monkeypatch.setattr(states, "FIRST_BACKOFF", timedelta(0))


async def _invite(api: httpx.AsyncClient, count: int, **contact: object) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, count, **contact)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.status_code == 202


def _one_sms_each(twilio: FakeTwilio, rows: list[OutboundMessage]) -> None:
    per_number = Counter(message["to"] for message in twilio.created)
    assert len(per_number) == len(rows)
    assert set(per_number.values()) == {1}, per_number
    assert {row.status for row in rows} == {MessageStatus.SENT}
    assert {row.provider_id for row in rows} == {m["sid"] for m in twilio.created}


async def test_an_answer_after_the_timeout_gives_each_parent_one_sms(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox
) -> None:
    twilio.answer_delay = 1.0
    settings = wired_settings(database_url, var_dir, twilio, smtp, TWILIO_TIMEOUT="0.3")
    app = create_app(settings)
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as api:
            await _invite(api, PARENTS)
            await run_jobs()
        rows = await messages()
    assert len(twilio.requests) == PARENTS  # each create timed out once and was not repeated
    assert {row.attempts for row in rows} == {2}  # the second attempt found the first one
    _one_sms_each(twilio, rows)


async def test_a_server_error_after_creating_the_message_sends_it_once(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _invite(api, 1)
    twilio.answer_next(Scripted(500, 20500, "Internal Server Error", created=True))
    await run_jobs()
    _one_sms_each(twilio, await messages())


async def test_an_error_before_creating_still_sends_after_asking(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _invite(api, 1)
    twilio.answer_next(Scripted(503, None, "Service Unavailable"))
    await run_jobs()
    assert len(twilio.requests) == 2  # asked, found nothing, sent
    _one_sms_each(twilio, await messages())


async def test_a_mail_answer_after_the_timeout_is_sent_again_with_the_same_message_id(
    api: httpx.AsyncClient, smtp: MailBox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Email cannot be looked up: rather twice (one Message-ID, dropped by mail programs)
    than never."""
    monkeypatch.setattr(smtp_mail, "COMMAND_TIMEOUT", 0.3)
    smtp.slow_answers, smtp.answer_delay = 1, 1.0
    await _invite(api, 1, mobile=None, email="ana@example.com")
    await run_jobs()
    [row] = await messages()
    copies = smtp.to("ana@example.com")
    assert (row.status, row.attempts) == (MessageStatus.SENT, 2)
    assert len(copies) == 2
    assert {mail["Message-ID"] for mail in copies} == {f"<outbound-{row.id}@parentinfo.test>"}
