"""The job queue: procrastinate on PostgreSQL, its in-memory connector in the embedded mode.

Jobs carry only row ids; the rows are the truth. Each feature declares its tasks on a
``blueprint`` in its own ``jobs.py``. This module stands on the lowest floor, so it never
names them: :func:`parentinfo.features.feature_jobs` (top floor) hands them in.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import procrastinate
from procrastinate.testing import InMemoryConnector

from parentinfo.settings import Settings

logger = logging.getLogger(__name__)


def psycopg_conninfo(database_url: str) -> str:
    """The libpq address procrastinate's psycopg pool needs, from our ``postgres://`` URL."""
    return database_url.replace("postgres://", "postgresql://", 1)


def build_job_app(
    settings: Settings, blueprints: Mapping[str, procrastinate.Blueprint] | None = None
) -> procrastinate.App:
    """A procrastinate app on the configured database, with the tasks of ``blueprints``.

    Each blueprint's tasks are named ``<namespace>:<task>`` (``outreach:send_batch``): jobs
    already queued in the database find their task by that name, so it must never change.
    """
    connector: procrastinate.BaseConnector
    if settings.is_postgres:
        connector = procrastinate.PsycopgConnector(
            conninfo=psycopg_conninfo(settings.database_url), min_size=1, max_size=4
        )
    else:
        connector = InMemoryConnector()
    app = procrastinate.App(connector=connector)
    for namespace, blueprint in (blueprints or {}).items():
        _add_blueprint(app, blueprint, namespace)
    return app


# Each blueprint's tasks as declared: (task, name, aliases) by declared name.
_DECLARED: dict[int, dict[str, tuple[Any, str, list[str]]]] = {}


def _add_blueprint(app: procrastinate.App, blueprint: procrastinate.Blueprint, ns: str) -> None:
    """Bind a feature's tasks to ``app``, however many apps this process built before.

    procrastinate renames a blueprint's tasks in place when an app takes them in, so a
    second app (the next lifespan, the next test) would get ``outreach:outreach:send``.
    Restoring the declared names first keeps every app's task names identical.
    """
    declared = _DECLARED.setdefault(
        id(blueprint),
        {name: (task, task.name, list(task.aliases)) for name, task in blueprint.tasks.items()},
    )
    for task, name, aliases in declared.values():
        task.name, task.aliases = name, list(aliases)
    blueprint.tasks = {name: task for name, (task, _, _) in declared.items()}
    app.add_tasks_from(blueprint, namespace=ns)


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
