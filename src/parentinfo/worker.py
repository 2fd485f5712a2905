"""The job worker: ``parentinfo worker`` on PostgreSQL, or inside the server when embedded."""

from __future__ import annotations

import logging

from parentinfo.logs import configure_logging
from parentinfo.outreach.sending.recovery import requeue_unsent
from parentinfo.process import open_runtime
from parentinfo.runtime import runtime
from parentinfo.settings import Settings

logger = logging.getLogger(__name__)

JOB_CONCURRENCY = 4  # jobs at once; each send batch also sends several messages at once
SHUTDOWN_GRACE = 30.0  # seconds


async def run_worker_loop(settings: Settings, *, install_signal_handlers: bool = True) -> None:
    """Requeue what the outbox says is unsent, then run jobs until stopped."""
    jobs = runtime().jobs
    requeued = await requeue_unsent()
    if requeued:
        logger.info("queued %s unsent outbox messages again", requeued)
    await jobs.run_worker_async(
        install_signal_handlers=install_signal_handlers,
        fetch_job_polling_interval=settings.worker_poll_seconds,
        abort_job_polling_interval=max(settings.worker_poll_seconds, 1.0),
        concurrency=JOB_CONCURRENCY,
        # A send batch cut short leaves its rows pending (or sending): the sweeper picks
        # them up, so stopping need not wait for a slow batch to finish.
        shutdown_graceful_timeout=SHUTDOWN_GRACE,
        delete_jobs="successful",
    )


async def run_standalone_worker(settings: Settings) -> None:
    """``parentinfo worker``: open what a worker needs, run until SIGINT/SIGTERM, close it all."""
    configure_logging(level=settings.log_level, as_json=settings.log_json)
    async with open_runtime(settings):
        logger.info("worker started")
        await run_worker_loop(settings, install_signal_handlers=True)
