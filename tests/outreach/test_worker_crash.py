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
import os
import signal
import sys
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
from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, FakeTwilio
from tests.outreach.conftest import wired_settings

pytestmark = [pytest.mark.anyio, pytest.mark.slow]
PARENTS = 500
RATE = "50"  # ten seconds of sending: plenty of time to die in the middle


def worker_env(database_url: str, var_dir: Path, twilio: FakeTwilio) -> dict[str, str]:
    """The environment an operator would give ``parentinfo worker``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARENTINFO_")}
    env.update(
        PARENTINFO_DATABASE_URL=database_url,
        PARENTINFO_VAR_DIR=str(var_dir),
        PARENTINFO_SECRET_KEY="test-secret-key-that-is-long-enough-0123456789",
        PARENTINFO_PUBLIC_URL="https://parentinfo.test",
        PARENTINFO_SMS_BACKEND="twilio",
        PARENTINFO_TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        PARENTINFO_TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        PARENTINFO_TWILIO_FROM=FROM_NUMBER,
        PARENTINFO_TWILIO_API_BASE=twilio.url,
        PARENTINFO_SMS_RATE=RATE,
        PARENTINFO_QUIET_HOURS="00:00-00:00",
        PARENTINFO_WORKER_POLL_SECONDS="0.2",
        PARENTINFO_LOG_LEVEL="WARNING",
    )
    return env


async def start_worker(env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    """``parentinfo worker``, as an operator starts it."""
    with log.open("ab") as sink:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "parentinfo", "worker", env=env, stdout=sink, stderr=sink
        )


async def wait_for(condition: object, *, seconds: float, what: str, log: Path) -> None:
    """Poll ``condition`` (an async callable) until true, or fail with the worker's log."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if await condition():  # type: ignore[operator]
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}\n{tail(log)}")


def tail(log: Path) -> str:
    """The end of the worker's log, for a failure message."""
    return log.read_text()[-3000:]


@pytest.mark.parametrize("backend", ["postgres"])
async def test_killed_worker_every_parent_gets_exactly_one_invitation(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox, tmp_path: Path
) -> None:
    twilio.latency = 0.2  # each request takes a while: about ten are in flight at any moment
    settings = wired_settings(database_url, var_dir, twilio, smtp, SMS_RATE=RATE)
    app = create_app(settings)
    log = tmp_path / "worker.log"
    env = worker_env(database_url, var_dir, twilio)
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
