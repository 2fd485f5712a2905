"""Background jobs of outreach: send batches of outbox rows, sweep the outbox, queue timed mail.

A send job carries only row ids, fifty at a time: a batch is sent concurrently within the
shared SMS_RATE, and ten thousand invitations become two hundred jobs instead of ten
thousand. The rows are the truth: a job that finds a row already sent, withheld or not yet
due leaves it alone, so running a job twice sends nothing twice. The dispatcher decides what
became of each message; this layer acts on its decisions (queue the retry or the held send,
start the fallback).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import procrastinate

from parentinfo.messaging.decisions import Decision, Verdict
from parentinfo.messaging.deferral import BATCH_SIZE, SEND_TASK, defer_rows, defer_sends
from parentinfo.outreach.notices.timed import queue_due_followups, queue_due_reminders
from parentinfo.outreach.sending.dispatch import deliver_many
from parentinfo.outreach.sending.fallback import fall_back
from parentinfo.outreach.sending.recovery import sweep

__all__ = ["BATCH_SIZE", "SEND_TASK", "act_on", "blueprint", "defer_rows", "defer_sends"]

logger = logging.getLogger(__name__)

blueprint = procrastinate.Blueprint()


@blueprint.task(name="send_batch")
async def send_batch(message_ids: list[int]) -> None:
    """Send these outbox rows (those still pending and due), then act on what became of them."""
    await act_on(await deliver_many(message_ids))


async def act_on(decisions: Iterable[Decision]) -> None:
    """Queue the retries and held sends at their time; start each fallback."""
    decided = list(decisions)
    await defer_rows(
        (decision.message_id, decision.requeue_at)
        for decision in decided
        if decision.requeue_at is not None
    )
    for decision in decided:
        if decision.verdict != Verdict.FALL_BACK:
            continue
        try:
            await fall_back(message_id=decision.message_id)
        except Exception:  # one parent's fallback never stops the others'
            logger.exception("fallback for outbox message %s failed", decision.message_id)


@blueprint.periodic(cron="* * * * * */15", periodic_id="outbox")
@blueprint.task(name="sweep_outbox", queueing_lock="outreach:sweep_outbox", priority=10)
async def sweep_outbox(timestamp: int) -> None:
    """Every 15 s: recover lost sends and queue again what no job holds."""
    del timestamp
    await sweep()


@blueprint.periodic(cron="* * * * *", periodic_id="timed")
@blueprint.task(name="queue_timed", queueing_lock="outreach:queue_timed", priority=5)
async def queue_timed(timestamp: int) -> None:
    """Every minute: queue the reminders and follow-ups that have come due."""
    del timestamp
    await queue_due_reminders()
    await queue_due_followups()
