"""One process's resources, opened by one function for the server, the worker and the CLI.

:func:`open_runtime` connects the features' listeners, opens the database, the job queue
and the providers, installs the :class:`~parentinfo.runtime.Runtime`, and closes it all
in reverse order when the block ends, whatever happened inside.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from parentinfo import db
from parentinfo.features import connect_features, feature_jobs
from parentinfo.jobs import build_job_app
from parentinfo.messaging.senders.opening import open_providers
from parentinfo.runtime import Runtime, set_runtime
from parentinfo.settings import Settings


@asynccontextmanager
async def open_runtime(settings: Settings) -> AsyncIterator[Runtime]:
    """Everything a process works with, open for the length of the block."""
    connect_features()
    await db.open_database(settings.database_url)
    jobs = build_job_app(settings, feature_jobs())
    try:
        async with jobs.open_async(), open_providers(settings) as senders:
            current = Runtime(
                settings=settings,
                jobs=jobs,
                sms=senders.sms,
                mail=senders.mail,
                whatsapp=senders.whatsapp,
                voice=senders.voice,
            )
            set_runtime(current)
            yield current
    finally:
        set_runtime(None)
        await db.close_database()
