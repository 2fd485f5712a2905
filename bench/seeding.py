"""Run a seeding coroutine against a benchmark database, in this process."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from parentinfo import db

T = TypeVar("T")


def seed(database_url: str, work: Callable[[], Awaitable[T]]) -> T:
    """Open the database, run ``work``, close it again."""

    async def run() -> T:
        await db.open_database(database_url)
        try:
            return await work()
        finally:
            await db.close_database()

    return asyncio.run(run())
