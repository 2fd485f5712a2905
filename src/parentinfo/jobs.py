"""The job queue: procrastinate on PostgreSQL, its in-memory connector in the embedded mode.

Jobs carry only row ids; the rows are the truth. Each feature declares its tasks on a
``blueprint`` in its own ``jobs.py``; they are all registered here.
"""

from __future__ import annotations

import importlib
import logging

import procrastinate
from procrastinate.testing import InMemoryConnector

from parentinfo.settings import Settings

logger = logging.getLogger(__name__)

# Features that declare tasks: each module has ``blueprint = procrastinate.Blueprint()``.
JOB_MODULES: dict[str, str] = {
    "outreach": "parentinfo.outreach.jobs",
    "rsvp": "parentinfo.rsvp.jobs",
    "privacy": "parentinfo.privacy.jobs",
}


def psycopg_conninfo(database_url: str) -> str:
    """The libpq address procrastinate's psycopg pool needs, from our ``postgres://`` URL."""
    return database_url.replace("postgres://", "postgresql://", 1)


def build_job_app(settings: Settings) -> procrastinate.App:
    """A procrastinate app with every feature's tasks, on the configured database."""
    connector: procrastinate.BaseConnector
    if settings.is_postgres:
        connector = procrastinate.PsycopgConnector(
            conninfo=psycopg_conninfo(settings.database_url), min_size=1, max_size=4
        )
    else:
        connector = InMemoryConnector()
    app = procrastinate.App(connector=connector)
    for namespace, module_name in JOB_MODULES.items():
        module = importlib.import_module(module_name)
        blueprint = getattr(module, "blueprint", None)
        if blueprint is not None:
            app.add_tasks_from(blueprint, namespace=namespace)
    return app


async def ensure_job_schema(settings: Settings) -> None:
    """Install procrastinate's tables on PostgreSQL once (``parentinfo migrate`` calls this)."""
    if not settings.is_postgres:
        return
    import psycopg

    async with await psycopg.AsyncConnection.connect(
        psycopg_conninfo(settings.database_url)
    ) as conn:
        cursor = await conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
        row = await cursor.fetchone()
        if row and row[0]:
            return
    app = build_job_app(settings)
    async with app.open_async():
        await app.schema_manager.apply_schema_async()
    logger.info("installed the job queue schema")
