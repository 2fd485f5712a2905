"""The front door: rows inside the caller's transaction, jobs only after it commits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from litestar import Litestar

from parentinfo.app import create_app
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.deferral import SEND_TASK
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import post_messages, sending
from parentinfo.runtime import runtime
from tests.conftest import test_settings

pytestmark = pytest.mark.anyio
AMS = ZoneInfo("Europe/Amsterdam")


def _window(*, around_now: bool) -> str:
    """A quiet-hours window that holds now, or one that is far from now."""
    local = now().astimezone(AMS)
    start = local - timedelta(hours=1) if around_now else local + timedelta(hours=3)
    return f"{start:%H:%M}-{start + timedelta(hours=(3 if around_now else 1)):%H:%M}"


async def _open(database_url: str, var_dir: Path, window: str) -> AsyncIterator[Litestar]:
    app = create_app(test_settings(database_url, var_dir, QUIET_HOURS=window))
    async with app.lifespan():
        yield app


@pytest.fixture
async def daytime(database_url: str, var_dir: Path) -> AsyncIterator[Litestar]:
    """The app with quiet hours far from now."""
    async for app in _open(database_url, var_dir, _window(around_now=False)):
        yield app


@pytest.fixture
async def night(database_url: str, var_dir: Path) -> AsyncIterator[Litestar]:
    """The app with now inside quiet hours."""
    async for app in _open(database_url, var_dir, _window(around_now=True)):
        yield app


def sms(key: str | None = "k1", **values: object) -> Draft:
    fields: dict[str, object] = {
        "channel": Channel.SMS,
        "kind": MessageKind.INVITATION,
        "language": "nl",
        "to_address": "+31612345678",
        "body": "Uitnodiging",
        "dedupe_key": key,
    }
    fields.update(values)
    return Draft(**fields)  # type: ignore[arg-type]


async def send_jobs() -> list[list[int]]:
    jobs = await runtime().jobs.job_manager.list_jobs_async(task=SEND_TASK)
    return [list(job.task_kwargs["message_ids"]) for job in jobs]  # type: ignore[arg-type]


async def test_jobs_are_deferred_only_after_the_block_commits(daytime: Litestar) -> None:
    async with sending():
        posted = await post_messages([sms("a"), sms("b", to_address="+31612345679")])
        assert await send_jobs() == []  # a job now could run before the rows are visible
    ids = [message_id for message_id, _ in posted.rows]
    assert await send_jobs() == [ids]
    assert posted.count == 2
    rows = await OutboundMessage.filter(id__in=ids)
    assert {(r.status, r.encoding, r.segments) for r in rows} == {
        (MessageStatus.PENDING, "GSM-7", 1)
    }


async def _post_then_fail() -> None:
    async with sending():
        await post_messages([sms("a")])
        raise RuntimeError("the caller's work failed")


async def test_a_rolled_back_block_writes_and_defers_nothing(daytime: Litestar) -> None:
    with pytest.raises(RuntimeError):
        await _post_then_fail()
    assert await OutboundMessage.all().count() == 0
    assert await send_jobs() == []


async def test_posting_the_same_draft_twice_writes_one_row(daytime: Litestar) -> None:
    first = await post_messages([sms("same")])
    again = await post_messages([sms("same")])
    assert (first.count, again.count, again.existing) == (1, 0, 1)
    assert await OutboundMessage.filter(dedupe_key="same").count() == 1


async def test_quiet_hours_hold_sms_but_not_email(night: Litestar) -> None:
    email = sms("mail", channel=Channel.EMAIL, to_address="a@example.com", subject="Hi")
    posted = await post_messages([sms("text"), email])
    held = await OutboundMessage.get(dedupe_key="text")
    sent_now = await OutboundMessage.get(dedupe_key="mail")
    assert held.withheld_reason == "quiet_hours"
    assert held.send_after is not None
    assert held.send_after > now()
    assert (sent_now.send_after, sent_now.withheld_reason, sent_now.segments) == (None, "", 0)
    assert sorted(at is None for _, at in posted.rows) == [False, True]


async def test_a_reply_answered_inline_is_kept_as_sent_and_never_queued(
    daytime: Litestar,
) -> None:
    reply = sms(None, kind=MessageKind.REPLY, body="Dank je!", answered_inline=True)
    posted = await post_messages([reply])
    [row] = await OutboundMessage.all()
    assert (row.status, row.kind, row.sent_at is not None) == (
        MessageStatus.SENT,
        MessageKind.REPLY,
        True,
    )
    assert posted.count == 1
    assert await send_jobs() == []
