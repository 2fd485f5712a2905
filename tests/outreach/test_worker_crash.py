"""A worker killed with SIGKILL in the middle of 500 invitations: every parent gets exactly one.

PostgreSQL only: separate ``parentinfo worker`` processes are the PostgreSQL mode (the
embedded SQLite mode runs its worker inside the server). The worker talks to the fake
Twilio over real HTTP; the fake answers slowly enough that sends are in flight when the
process dies. After a restart the outbox recovers everything: pending rows are queued
again, the dead worker's job is retried once its heartbeat is stale, and rows it left in
"sending" are settled by asking Twilio whether the SMS went out.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import pytest

from parentinfo.app import create_app
from parentinfo.lib.enums import MessageStatus
from parentinfo.outreach.audience import AudienceFilter
from parentinfo.outreach.models import OutboundMessage
from parentinfo.outreach.service import send_invitations
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, published_event
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.outreach.conftest import wired_settings
from tests.processes import process_env, start_worker, wait_for

pytestmark = [pytest.mark.anyio, pytest.mark.slow]
PARENTS = 500
RATE = "50"  # ten seconds of sending: plenty of time to die in the middle


@pytest.mark.parametrize("backend", ["postgres"])
async def test_killed_worker_every_parent_gets_exactly_one_invitation(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox, tmp_path: Path
) -> None:
    twilio.latency = 0.2  # each request takes a while: about ten are in flight at any moment
    settings = wired_settings(database_url, var_dir, twilio, smtp, SMS_RATE=RATE)
    app = create_app(settings)
    log = tmp_path / "worker.log"
    env = process_env(database_url, var_dir, twilio.url, SMS_RATE=RATE)
    async with app.lifespan():
        school = await make_org("school")
        member = await make_member(school)
        event = await published_event(school)
        await make_contacts(school, PARENTS)
        summary = await send_invitations(
            actor=member.actor, event_id=event.id, audience=AudienceFilter()
        )
        assert summary.queued == PARENTS

        first = await start_worker(env, log)

        async def some_sent() -> bool:
            return len(twilio.requests) >= PARENTS // 3

        await wait_for(some_sent, seconds=60, what="the first sends", log=log)
        first.send_signal(signal.SIGKILL)
        assert await first.wait() == -signal.SIGKILL
        await asyncio.sleep(0.3)  # let the fake finish what it was answering
        assert 0 < len(twilio.created) < PARENTS
        # Sends the dead worker never heard back about: Twilio has them, the rows do not.
        in_flight = await OutboundMessage.filter(status=MessageStatus.SENDING).count()
        assert in_flight > 0

        second = await start_worker(env, log)

        async def all_sent() -> bool:
            return await OutboundMessage.filter(status=MessageStatus.SENT).count() == PARENTS

        try:
            await wait_for(all_sent, seconds=240, what="every invitation", log=log)
        finally:
            second.send_signal(signal.SIGTERM)
            await asyncio.wait_for(second.wait(), timeout=60)

        per_contact = Counter(
            await Invitation.filter(event_id=event.id).values_list("contact_id", flat=True)
        )
        rows = await OutboundMessage.all()
    assert len(per_contact) == PARENTS
    assert set(per_contact.values()) == {1}
    per_number = Counter(message["to"] for message in twilio.created)
    assert len(per_number) == PARENTS
    assert set(per_number.values()) == {1}
    assert {row.provider_id for row in rows} == {message["sid"] for message in twilio.created}
