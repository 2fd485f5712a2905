"""Send jobs for outbox rows: deferred in batches, due ones now, held ones at their time.

A job carries only row ids, fifty at a time; the rows are the truth, so a job deferred
twice (or one the sweeper deferred again) sends nothing twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from procrastinate.types import JSONValue

from parentinfo.lib.chunks import chunked
from parentinfo.runtime import runtime

SEND_TASK = "outreach:send_batch"  # the job's name in the queue: kept across releases
BATCH_SIZE = 50


async def defer_sends(message_ids: Sequence[int], *, at: datetime | None = None) -> int:
    """Queue send jobs for ``message_ids`` in batches (at ``at``, or now); returns the jobs."""
    ids = list(message_ids)
    if not ids:
        return 0
    task = runtime().jobs.tasks[SEND_TASK]
    deferrer = task.configure(schedule_at=at) if at is not None else task.configure()
    batches: list[dict[str, JSONValue]] = [
        {"message_ids": list(batch)} for batch in chunked(ids, BATCH_SIZE)
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
