"""A worker killed with SIGKILL in the middle of the invitations: every parent gets exactly one.

PostgreSQL only: separate ``parentinfo worker`` processes are the PostgreSQL mode (the
embedded SQLite mode runs its worker inside the server). The worker talks to the fake
Twilio over real HTTP; the fake answers slowly enough that sends are in flight when the
process dies. After a restart the outbox recovers everything: pending rows are queued
again, the dead worker's job is retried once its heartbeat is stale, and rows it left in
"sending" are settled by asking Twilio whether the SMS went out.

The second trial makes Twilio slower than the worker waits: every message is created but
its answer comes after the timeout, so each one is an unknown outcome that must be looked
up before it is sent again, on top of the ones the dead worker left behind.

The third trial mixes the channels: half the parents agreed to WhatsApp, so their
invitations go as WhatsApp templates (not paced by ``SMS_RATE``) beside the others' SMS,
and a lost WhatsApp send is looked up at Twilio the same way before it is sent again.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import pytest

from parentinfo.app import create_app
from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.audience.selection import AudienceFilter
from parentinfo.outreach.service import send_invitations
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, published_event
from tests.factories.whatsapp import WHATSAPP_FROM, approve_templates
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.outreach.conftest import wired_settings
from tests.processes import process_env, start_worker, wait_for

pytestmark = [pytest.mark.anyio, pytest.mark.slow]
RATE = "50"  # ten seconds of sending for 500: plenty of time to die in the middle


@pytest.mark.parametrize("backend", ["postgres"])
async def test_killed_worker_every_parent_gets_exactly_one_invitation(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox, tmp_path: Path
) -> None:
    twilio.latency = 0.2  # each request takes a while: about ten are in flight at any moment
    await _kill_mid_send(database_url, var_dir, twilio, smtp, tmp_path, parents=500, SMS_RATE=RATE)


@pytest.mark.parametrize("backend", ["postgres"])
async def test_killed_worker_with_twilio_slower_than_the_timeout_sends_each_sms_once(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox, tmp_path: Path
) -> None:
    twilio.answer_delay = 1.5  # created at once, answered after the worker stopped waiting
    await _kill_mid_send(
        database_url, var_dir, twilio, smtp, tmp_path, parents=120, TWILIO_TIMEOUT="0.5"
    )


@pytest.mark.parametrize("backend", ["postgres"])
async def test_killed_worker_mixed_sms_and_whatsapp_each_parent_gets_exactly_one(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox, tmp_path: Path
) -> None:
    twilio.latency = 0.2
    await _kill_mid_send(
        database_url,
        var_dir,
        twilio,
        smtp,
        tmp_path,
        parents=300,
        whatsapp_every=2,
        SMS_RATE=RATE,
        WHATSAPP_FROM=WHATSAPP_FROM,
    )


async def _kill_mid_send(
    database_url: str,
    var_dir: Path,
    twilio: FakeTwilio,
    smtp: MailBox,
    tmp_path: Path,
    *,
    parents: int,
    whatsapp_every: int = 0,
    **overrides: str,
) -> None:
    """Send to ``parents``, kill the worker a third of the way, restart: one message each.

    ``whatsapp_every``: every so many parents agreed to WhatsApp (0: none), in Polish, whose
    invitation template is approved.
    """
    settings = wired_settings(database_url, var_dir, twilio, smtp, **overrides)
    app = create_app(settings)
    log = tmp_path / "worker.log"
    env = process_env(database_url, var_dir, twilio.url, **overrides)
    async with app.lifespan():
        school = await make_org("school")
        member = await make_member(school)
        event = await published_event(school)
        contacts = await make_contacts(school, parents)
        if whatsapp_every:
            await approve_templates(twilio, languages=("pl",))
            chosen = [c.id for i, c in enumerate(contacts) if i % whatsapp_every == 0]
            await Contact.filter(id__in=chosen).update(whatsapp=True)
        summary = await send_invitations(
            actor=member.actor, event_id=event.id, audience=AudienceFilter()
        )
        assert summary.queued == parents

        first = await start_worker(env, log)

        async def some_sent() -> bool:
            return len(twilio.requests) >= parents // 3

        await wait_for(some_sent, seconds=60, what="the first sends", log=log)
        first.send_signal(signal.SIGKILL)
        assert await first.wait() == -signal.SIGKILL
        await asyncio.sleep(0.3)  # let the fake finish what it was answering
        assert 0 < len(twilio.created) < parents
        # Sends the dead worker never heard back about: Twilio has them, the rows do not.
        in_flight = await OutboundMessage.filter(status=MessageStatus.SENDING).count()
        assert in_flight > 0

        second = await start_worker(env, log)

        async def all_sent() -> bool:
            return await OutboundMessage.filter(status=MessageStatus.SENT).count() == parents

        try:
            await wait_for(all_sent, seconds=240, what="every invitation", log=log)
        finally:
            second.send_signal(signal.SIGTERM)
            await asyncio.wait_for(second.wait(), timeout=60)

        per_contact = Counter(
            await Invitation.filter(event_id=event.id).values_list("contact_id", flat=True)
        )
        rows = await OutboundMessage.all()
    assert len(per_contact) == parents
    assert set(per_contact.values()) == {1}
    per_number = Counter(str(message["to"]).removeprefix("whatsapp:") for message in twilio.created)
    assert len(per_number) == parents  # none lost
    assert set(per_number.values()) == {1}  # none twice, on either channel
    assert {row.provider_id for row in rows} == {message["sid"] for message in twilio.created}
    channels = Counter(row.channel for row in rows)
    expected_whatsapp = len(range(0, parents, whatsapp_every)) if whatsapp_every else 0
    assert channels[Channel.WHATSAPP] == expected_whatsapp
    assert channels[Channel.SMS] == parents - expected_whatsapp
