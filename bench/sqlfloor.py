"""The SQL floor of a request: the statements it sends, captured once, replayed by a bare pool.

The app is run in this process (ASGI, no server) while a handler on ``tortoise.db_client``
keeps each statement with its parameters, as the statement budgets in ``tests/statements.py``
count them. Replaying them by a plain asyncpg pool, one transaction per request, measures
what PostgreSQL alone needs for the same work: the floor no framework, ORM or template can beat.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx

from parentinfo.app import create_app
from parentinfo.settings import load_settings

Statement = tuple[str, list[Any], bool]  # query, parameters, sent by executemany


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.sent: list[Statement] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) == 2 and isinstance(args[0], str):
            values: list[Any] = list(args[1] or [])  # type: ignore[call-overload]
            self.sent.append((args[0], values, record.funcName == "execute_many"))
        elif not args and record.funcName == "execute_script":
            self.sent.append((record.getMessage(), [], False))


@contextmanager
def _capturing() -> Iterator[_Capture]:
    logger = logging.getLogger("tortoise.db_client")
    handler, level, propagate = _Capture(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # kept here, with their values; not printed by the app's handler
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


async def capture(
    env: dict[str, str], base_url: str, requests: list[tuple[str, str, dict[str, str], bytes]]
) -> list[list[Statement]]:
    """The statements each request sends, served by the app in this process, one at a time."""
    app = create_app(load_settings(env, env_file=None))
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with app.lifespan(), httpx.AsyncClient(transport=transport, base_url=base_url) as client:
        captured = []
        for method, url, headers, body in requests:
            with _capturing() as handler:
                response = await client.request(method, url, headers=headers, content=body)
            if response.status_code >= 400:
                response.raise_for_status()
            captured.append(handler.sent)
    return captured


@dataclass(frozen=True)
class Replayed:
    """What the bare pool did."""

    per_second: float
    done: int
    errors: int
    statements: float  # per request, on average


async def replay(
    database_url: str,
    templates: list[tuple[list[Statement], str]],
    *,
    concurrency: int,
    pool_size: int,
    seconds: float,
    fresh: Callable[[], str],
) -> Replayed:
    """Replay the templates round robin, each in one transaction, for ``seconds``.

    Each template comes with the value that was unique to its request (the message SID):
    every replay swaps it for ``fresh()`` wherever it appears inside a text parameter.
    """
    pool = await asyncpg.create_pool(database_url, min_size=pool_size, max_size=pool_size)
    done = errors = 0
    counter = 0
    deadline = time.perf_counter() + seconds

    async def one_client() -> None:
        nonlocal done, errors, counter
        while time.perf_counter() < deadline:
            template, unique = templates[counter % len(templates)]
            counter += 1
            try:
                async with pool.acquire() as conn, conn.transaction():
                    for query, values, many in _swapped(template, unique, fresh()):
                        if many:
                            await conn.executemany(query, values)
                        else:
                            await conn.fetch(query, *values)
                done += 1
            except asyncpg.PostgresError:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await pool.close()
    count = sum(len(t) for t, _ in templates) / len(templates)
    return Replayed(per_second=done / elapsed, done=done, errors=errors, statements=count)


def _swapped(template: list[Statement], old: str, new: str) -> list[Statement]:
    def swap(value: Any) -> Any:
        return value.replace(old, new) if isinstance(value, str) else value

    return [(query, [swap(v) for v in values], many) for query, values, many in template]
