"""Background jobs of outreach: send batches of outbox rows, sweep the outbox, queue timed mail.

A send job carries only row ids, fifty at a time: a batch is sent concurrently within the
shared SMS_RATE, and ten thousand invitations become two hundred jobs instead of ten
thousand. The rows are the truth: a job that finds a row already sent, withheld or not yet
due leaves it alone, so running a job twice sends nothing twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

import procrastinate
from procrastinate.types import JSONValue

from parentinfo.runtime import runtime

blueprint = procrastinate.Blueprint()

SEND_TASK = "outreach:send_batch"
BATCH_SIZE = 50


@blueprint.task(name="send_batch")
async def send_batch(message_ids: list[int]) -> None:
    """Send these outbox rows (those still pending and due)."""
    from parentinfo.outreach.dispatch import deliver_many

    await deliver_many(message_ids)


@blueprint.periodic(cron="* * * * * */15", periodic_id="outbox")
@blueprint.task(name="sweep_outbox", queueing_lock="outreach:sweep_outbox", priority=10)
async def sweep_outbox(timestamp: int) -> None:
    """Every 15 s: recover lost sends and queue again what no job holds."""
    del timestamp
    from parentinfo.outreach.recovery import sweep

    await sweep()


@blueprint.periodic(cron="* * * * *", periodic_id="timed")
@blueprint.task(name="queue_timed", queueing_lock="outreach:queue_timed", priority=5)
async def queue_timed(timestamp: int) -> None:
    """Every minute: queue the reminders and follow-ups that have come due."""
    del timestamp
    from parentinfo.outreach.timed import queue_due_followups, queue_due_reminders

    await queue_due_reminders()
    await queue_due_followups()


async def defer_sends(message_ids: Sequence[int], *, at: datetime | None = None) -> int:
    """Queue send jobs for ``message_ids`` in batches (at ``at``, or now); returns the jobs."""
    ids = list(message_ids)
    if not ids:
        return 0
    task = runtime().jobs.tasks[SEND_TASK]
    deferrer = task.configure(schedule_at=at) if at is not None else task.configure()
    batches: list[dict[str, JSONValue]] = [
        {"message_ids": list(ids[i : i + BATCH_SIZE])} for i in range(0, len(ids), BATCH_SIZE)
    ]
    await deferrer.batch_defer_async(*batches)
    return len(batches)


async def defer_rows(rows: Iterable[tuple[int, datetime | None]]) -> int:
    """Queue send jobs for (id, send_after) pairs: due ones now, held ones at their time."""
    by_time: dict[datetime | None, list[int]] = defaultdict(list)
    for message_id, send_after in rows:
        by_time[send_after].append(message_id)
    jobs = 0
    for at, ids in by_time.items():
        jobs += await defer_sends(ids, at=at)
    return jobs
