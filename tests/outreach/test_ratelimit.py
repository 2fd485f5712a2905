"""SMS_RATE holds per process, across workers on one PostgreSQL, and across Redis clients."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Sequence

import pytest

from parentinfo import db
from parentinfo.messaging.senders.ratelimit import LocalLimiter, PostgresLimiter, RedisLimiter

pytestmark = pytest.mark.anyio
REDIS_URL = "redis://127.0.0.1:6379/0"


async def take(
    limiters: Sequence[LocalLimiter | PostgresLimiter | RedisLimiter], each: int
) -> list[float]:
    """Every limiter takes ``each`` slots concurrently; returns when each slot came."""
    moments: list[float] = []

    async def one(limiter: LocalLimiter | PostgresLimiter | RedisLimiter) -> None:
        await limiter.wait_for_slot()
        moments.append(time.monotonic())

    await asyncio.gather(*(one(limiter) for limiter in limiters for _ in range(each)))
    return sorted(moments)


def assert_paced(moments: list[float], rate: float) -> None:
    """``n`` slots at ``rate`` span (n - 1) / rate seconds: never faster, and not grossly slower.

    The lower bound is the rule Twilio holds us to and does not depend on the machine. The
    upper bound only catches a limiter that waits twice as long as it should; it is loose
    because a busy machine (CI runs two test processes) delays every wake-up a little.
    """
    span = moments[-1] - moments[0]
    expected = (len(moments) - 1) / rate
    assert span >= expected * 0.95, (span, expected)
    assert span <= expected * 1.6 + 0.4, (span, expected)


async def test_one_process_is_paced() -> None:
    assert_paced(await take([LocalLimiter(40)], 21), 40)


@pytest.fixture
async def postgres(database_url: str) -> AsyncIterator[None]:
    await db.open_database(database_url)
    yield
    await db.close_database()


@pytest.mark.parametrize("backend", ["postgres"])  # the shared row is the PostgreSQL limiter
async def test_two_workers_on_one_database_share_the_pace(postgres: None) -> None:
    workers = [PostgresLimiter(40), PostgresLimiter(40)]
    assert_paced(await take(workers, 15), 40)


async def test_two_processes_sharing_redis_share_the_pace() -> None:
    name = f"test-{uuid.uuid4().hex}"
    workers = [RedisLimiter(40, REDIS_URL, name=name), RedisLimiter(40, REDIS_URL, name=name)]
    try:
        assert_paced(await take(workers, 15), 40)
    finally:
        for worker in workers:
            await worker.close()


async def test_idle_time_is_not_saved_up_for_a_burst() -> None:
    limiter = LocalLimiter(20)
    await take([limiter], 1)
    await asyncio.sleep(0.5)
    assert_paced(await take([limiter], 6), 20)
