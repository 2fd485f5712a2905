"""Nothing is lost: orphaned rows are queued again, lost sends settled, stalled jobs retried."""

from __future__ import annotations

import asyncio
import shutil
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from parentinfo.app import create_app
from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.jobs import SEND_TASK, defer_sends
from parentinfo.outreach.sending.recovery import (
    SENDING_TIMEOUT,
    recover_lost_sends,
    requeue_unsent,
    retry_stalled_jobs,
    sweep,
)
from parentinfo.runtime import runtime
from tests.conftest import test_settings
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.outreach.conftest import wired_settings

pytestmark = pytest.mark.anyio


async def _queue(api: httpx.AsyncClient, count: int) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, count)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.json()["queued"] == count


async def test_a_restart_queues_every_unsent_message_again(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox
) -> None:
    settings = wired_settings(database_url, var_dir, twilio, smtp)
    first = create_app(settings)
    async with first.lifespan():
        transport = httpx.ASGITransport(app=first)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as api:
            await _queue(api, 3)
            # The process dies before any job ran; on PostgreSQL the jobs would survive,
            # in the embedded mode they were in memory: drop them to be sure.
            await runtime().jobs.job_manager.connector.execute_query_async(
                "DELETE FROM procrastinate_jobs"
            ) if settings.is_postgres else runtime().jobs.connector.reset()  # type: ignore[attr-defined]
    second = create_app(settings)
    async with second.lifespan():
        assert await requeue_unsent() == 3
        assert await requeue_unsent() == 0  # already queued: not twice
        await run_jobs()
        assert {m.status for m in await messages()} == {MessageStatus.SENT}
    assert len(twilio.created) == 3


async def test_the_embedded_worker_sends_what_was_left_at_start_up(
    sqlite_template: Path, tmp_path: Path, var_dir: Path
) -> None:
    """SQLite only: the embedded mode is what runs a worker inside the server."""
    shutil.copy(sqlite_template, tmp_path / "embedded.sqlite3")
    database_url = f"sqlite://{tmp_path / 'embedded.sqlite3'}"
    settings = test_settings(database_url, var_dir, QUIET_HOURS="00:00-00:00", SMS_RATE="100")
    first = create_app(settings)
    async with first.lifespan():
        transport = httpx.ASGITransport(app=first)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as api:
            await _queue(api, 2)
    embedded = test_settings(
        database_url,
        var_dir,
        QUIET_HOURS="00:00-00:00",
        EMBEDDED_WORKER="true",
        WORKER_POLL_SECONDS="0.05",
    )
    app = create_app(embedded)
    async with app.lifespan():
        for _ in range(100):
            rows = await messages()
            if {m.status for m in rows} == {MessageStatus.DELIVERED}:
                break
            await asyncio.sleep(0.05)
    assert {m.status for m in rows} == {MessageStatus.DELIVERED}  # the simulator delivers


async def test_a_lost_sms_that_twilio_has_is_marked_sent_not_sent_again(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _queue(api, 2)
    await run_jobs()
    _kept, lost = await messages()
    # Worker killed after Twilio accepted ``lost`` but before the row said so.
    stale = now() - SENDING_TIMEOUT - timedelta(seconds=1)
    await OutboundMessage.filter(id=lost.id).update(
        status=MessageStatus.SENDING, provider_id=None, sending_since=stale, sent_at=None
    )
    assert await recover_lost_sends() == 1
    await run_jobs()
    await lost.refresh_from_db()
    assert lost.status == MessageStatus.SENT
    assert lost.provider_id == twilio.sent_to(lost.to_address or "")[0]["sid"]
    assert len(twilio.created) == 2


async def test_a_lost_sms_that_twilio_never_got_is_sent_again(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _queue(api, 1)
    [message] = await messages()
    stale = now() - SENDING_TIMEOUT - timedelta(seconds=1)
    await OutboundMessage.filter(id=message.id).update(
        status=MessageStatus.SENDING, sending_since=stale, attempts=1
    )
    recovered = await sweep()
    assert recovered["lost_sends"] == 1
    await run_jobs()
    await message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)
    assert len(twilio.created) == 1


async def test_a_send_still_in_time_is_left_alone(api: httpx.AsyncClient) -> None:
    await _queue(api, 1)
    [message] = await messages()
    await OutboundMessage.filter(id=message.id).update(
        status=MessageStatus.SENDING, sending_since=now()
    )
    assert await recover_lost_sends() == 0
    await message.refresh_from_db()
    assert message.status == MessageStatus.SENDING


async def test_a_job_whose_worker_died_is_run_again(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _queue(api, 2)
    manager = runtime().jobs.job_manager
    worker_id = await manager.register_worker()
    job = await manager.fetch_job(queues=None, worker_id=worker_id)
    assert job is not None
    assert job.task_name == SEND_TASK
    await manager.unregister_worker(worker_id)  # as pruning does once its heartbeat stopped
    assert await retry_stalled_jobs() == 1
    await run_jobs()
    assert {m.status for m in await messages()} == {MessageStatus.SENT}
    assert len(twilio.created) == 2


async def test_duplicate_jobs_send_each_message_once(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await _queue(api, 5)
    ids = [m.id for m in await messages()]
    await defer_sends(ids)
    await defer_sends(ids)
    await run_jobs()
    assert len(twilio.created) == 5
    assert {m.attempts for m in await messages()} == {1}
