"""The database: one Tortoise app over every feature's models, with native migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asyncpg
from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE

MODEL_MODULES: list[str] = [
    "parentinfo.organisations.models",
    "parentinfo.accounts.models",
    "parentinfo.events.models",
    "parentinfo.contacts.models",
    "parentinfo.rsvp.models",
    "parentinfo.messaging.models",
    "parentinfo.attendance.models",
    "parentinfo.privacy.models",
    "parentinfo.outreach.voice.models",
    "parentinfo.outreach.voice.callstate",
]


class PooledConnection(asyncpg.Connection):  # type: ignore[misc]
    """A PostgreSQL connection that goes back to the pool without asyncpg's reset query.

    asyncpg sends ``SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL``
    each time a connection is released: one more round trip for every query run outside
    a transaction, a third of a small request's time. Tortoise's connections never hold
    advisory locks, cursors, LISTENs or SETs (the job queue has its own connections), and
    asyncpg still rolls back a transaction left open, so there is nothing to reset.
    """

    def get_reset_query(self) -> str:
        return ""


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The Tortoise configuration for a database URL (``sqlite://`` or ``postgres://``)."""
    url = database_url.replace("postgresql://", "postgres://", 1)
    if url.startswith("sqlite://") and not url.startswith("sqlite://:memory:"):
        Path(url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)
    connection: str | dict[str, Any] = url
    if url.startswith("postgres://"):
        connection = expand_db_url(url)
        connection["credentials"]["connection_class"] = PooledConnection
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "parentinfo.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def open_database(database_url: str) -> None:
    """Connect Tortoise; the global fallback lets request tasks see the lifespan's context."""
    # Tortoise caches compiled INSERT/DELETE SQL per connection *name*; a process (the test
    # suite) that reopens "default" on another backend would reuse SQLite's "?" on PostgreSQL.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def close_database() -> None:
    """Close every connection Tortoise opened and release the global context."""
    await Tortoise.close_connections()


async def migrate(database_url: str) -> int:
    """Apply every pending migration; the number applied (0: the database was up to date)."""
    from tortoise.migrations.api import migrate as run_migrations

    applied: list[str] = []

    def count(event: str, app_label: str, name: str) -> None:
        if event == "apply_done":
            applied.append(f"{app_label}.{name}")

    await run_migrations(config=tortoise_config(database_url), progress=count)
    await connections.close_all()
    return len(applied)


async def database_answers() -> bool:
    """True when the database answers a trivial query (for ``/health``)."""
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:
        return False
    return True


# For `tortoise makemigrations` (`make migrations`): a throwaway SQLite file is enough to diff.
MIGRATIONS_CONFIG = tortoise_config("sqlite://var/makemigrations.sqlite3")
