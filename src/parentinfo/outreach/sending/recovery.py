"""Durability comes from the outbox: whatever a crash left behind is found and sent again.

Three things can be left behind. A pending row whose job never got written (the process
died between commit and defer, or the embedded queue lived in memory): it is queued again.
A job whose worker died: procrastinate's stalled job is retried. A row left in "sending"
(the worker died mid-send): after :data:`SENDING_TIMEOUT` we ask Twilio whether the SMS
went out (:mod:`parentinfo.outreach.sending.confirm`); if it did, the row is marked sent, otherwise
it is sent again. Email cannot be asked about, so a lost email is sent again (once too
often rather than never), with the same Message-ID, by which mail programs and mailbox
providers recognise and drop the copy.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.messaging.deferral import SEND_TASK, defer_sends
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import SendError
from parentinfo.outreach.sending.confirm import ASKABLE, find_earlier_send
from parentinfo.outreach.sending.outbox import due, ids_in, mark_sent
from parentinfo.runtime import runtime

logger = logging.getLogger(__name__)

# Longer than any send can take (Twilio 10 s, SMTP 40 s): a row still "sending" after this
# belongs to a worker that died.
SENDING_TIMEOUT = timedelta(seconds=60)
# A fresh row gets its job right after its transaction commits; give that a moment.
ORPHAN_AGE = timedelta(minutes=1)


async def requeue_unsent() -> int:
    """At start-up: queue a send for every pending, due message that no job holds."""
    return await requeue_orphans(min_age=timedelta(0))


async def sweep() -> dict[str, int]:
    """The periodic sweep: stalled jobs, lost sends, and orphaned rows."""
    report = {
        "stalled_jobs": await retry_stalled_jobs(),
        "lost_sends": await recover_lost_sends(),
        "requeued": await requeue_orphans(min_age=ORPHAN_AGE),
    }
    if any(report.values()):
        logger.info("outbox sweep: %s", report)
    return report


async def queued_message_ids() -> set[int]:
    """Ids that a waiting or running send job will look at."""
    manager = runtime().jobs.job_manager
    ids: set[int] = set()
    for status in ("doing", "todo"):
        for job in await manager.list_jobs_async(task=SEND_TASK, status=status):
            listed = job.task_kwargs.get("message_ids")
            if isinstance(listed, list):
                ids.update(i for i in listed if isinstance(i, int))
    return ids


async def requeue_orphans(*, min_age: timedelta) -> int:
    """Queue pending, due rows (older than ``min_age``) that no job will look at."""
    at = now()
    cutoff = at - min_age
    pending = await ids_in(
        OutboundMessage.filter(status=MessageStatus.PENDING, created_at__lte=cutoff).filter(
            due(cutoff)
        )
    )
    if not pending:
        return 0
    orphans = sorted(set(pending) - await queued_message_ids())
    await defer_sends(orphans)
    return len(orphans)


async def retry_stalled_jobs() -> int:
    """Send jobs whose worker stopped beating: run them again (their rows say what is left)."""
    manager = runtime().jobs.job_manager
    stalled = list(await manager.get_stalled_jobs(task_name=SEND_TASK))
    for job in stalled:
        await manager.retry_job(job)
    return len(stalled)


async def recover_lost_sends() -> int:
    """Rows stuck in "sending" past :data:`SENDING_TIMEOUT`: settle each one."""
    stuck = await OutboundMessage.filter(
        status=MessageStatus.SENDING, sending_since__lte=now() - SENDING_TIMEOUT
    )
    settled = 0
    for message in stuck:
        try:
            settled += await settle_lost_send(message)
        except SendError as error:
            logger.warning("cannot check lost message %s yet: %s", message.id, error)
    return settled


async def settle_lost_send(message: OutboundMessage) -> int:
    """Mark a lost SMS sent if Twilio has it; otherwise make the row pending again."""
    claim_at: datetime = message.sending_since  # type: ignore[assignment]
    if message.channel in ASKABLE:
        found = await find_earlier_send(message, since=claim_at)
        if found is not None:
            return int(await mark_sent(message.id, claim_at, found))
    count = await OutboundMessage.filter(
        id=message.id, status=MessageStatus.SENDING, sending_since=claim_at
    ).update(status=MessageStatus.PENDING, send_after=None)
    if count:
        await defer_sends([message.id])
    return int(count)
