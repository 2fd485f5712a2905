"""SMS_RATE messages per second, held across every worker together.

A generic cell rate algorithm: one shared number, the moment the next message may leave.
Taking a slot moves it on by ``1 / rate`` in one atomic step, then the caller sleeps until
its slot. On PostgreSQL the number lives in a row (``send_rate``), with Redis in a key,
and in the embedded mode in memory (one process sends there). Unused time is never saved
up, so an idle minute does not turn into a burst.
"""

from __future__ import annotations

import asyncio
import time

from tortoise import connections

from parentinfo.messaging.models import SendRate
from parentinfo.settings import Settings

SMS_BUCKET = "sms"
CALL_BUCKET = "voice"  # calls have their own pace: CALL_RATE

_PG_TAKE = (
    "UPDATE send_rate SET next_at = GREATEST(next_at, EXTRACT(EPOCH FROM clock_timestamp())) + $1"
    " WHERE name = $2 RETURNING next_at - $1 AS slot, EXTRACT(EPOCH FROM clock_timestamp()) AS now"
)
_REDIS_TAKE = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
redis.call('SET', KEYS[1], string.format('%.6f', slot + tonumber(ARGV[1])), 'EX', 3600)
return {string.format('%.6f', slot), string.format('%.6f', now)}
"""


class LocalLimiter:
    """One process: the slot clock is a float in memory."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.next_at = 0.0

    async def wait_for_slot(self) -> None:
        """Take the next slot and sleep until it comes."""
        current = time.monotonic()
        slot = max(self.next_at, current)
        self.next_at = slot + self.interval
        await asyncio.sleep(slot - current)

    async def close(self) -> None:
        """Nothing to release."""


class PostgresLimiter:
    """Every worker on one database: the slot clock is the ``send_rate`` row.

    Slots are taken a tenth of a second's worth at a time (one UPDATE instead of one per
    message); a slot that was not used before it passed is dropped, never sent late.
    """

    def __init__(self, rate: float, name: str = SMS_BUCKET) -> None:
        self.interval = 1.0 / rate
        self.batch = max(1, int(rate / 10))
        self.name = name
        self.ready = False
        self.slots: list[float] = []  # local monotonic times, soonest last
        self.lock = asyncio.Lock()

    async def wait_for_slot(self) -> None:
        """Take a slot (reserving more from the shared row when none is left) and sleep."""
        async with self.lock:
            while self.slots and self.slots[-1] < time.monotonic() - self.interval:
                self.slots.pop()  # passed unused: sending now would exceed the pace
            if not self.slots:
                await self._reserve()
            slot = self.slots.pop()
        await asyncio.sleep(max(slot - time.monotonic(), 0.0))

    async def _reserve(self) -> None:
        if not self.ready:
            await SendRate.get_or_create(name=self.name)
            self.ready = True
        connection = connections.get("default")
        [row] = await connection.execute_query_dict(
            _PG_TAKE, [self.interval * self.batch, self.name]
        )
        # The database's clock decides; turn its slots into this process's clock.
        first = time.monotonic() + float(row["slot"]) - float(row["now"])
        self.slots = [first + i * self.interval for i in reversed(range(self.batch))]

    async def close(self) -> None:
        """The row stays; the connection belongs to Tortoise."""


class RedisLimiter:
    """Every worker sharing a Redis: the slot clock is one key, moved by a Lua script."""

    def __init__(self, rate: float, url: str, name: str = SMS_BUCKET) -> None:
        from redis.asyncio import Redis

        self.interval = 1.0 / rate
        self.key = f"parentinfo:send-rate:{name}"
        self.redis = Redis.from_url(url)
        self.script = self.redis.register_script(_REDIS_TAKE)

    async def wait_for_slot(self) -> None:
        """Move the shared clock on by one interval and sleep until the slot taken."""
        slot, now = await self.script(keys=[self.key], args=[f"{self.interval:.6f}"])
        await asyncio.sleep(max(float(slot) - float(now), 0.0))

    async def close(self) -> None:
        """Close the Redis connection pool."""
        await self.redis.aclose()


def sms_limiter(settings: Settings) -> LocalLimiter | PostgresLimiter | RedisLimiter:
    """Redis when configured, else the database row on PostgreSQL, else memory."""
    if settings.redis_url:
        return RedisLimiter(settings.sms_rate, settings.redis_url)
    if settings.is_postgres:
        return PostgresLimiter(settings.sms_rate)
    return LocalLimiter(settings.sms_rate)


def call_limiter(settings: Settings) -> LocalLimiter | PostgresLimiter | RedisLimiter:
    """The pace of calls (``CALL_RATE`` per second), shared like the SMS pace but its own."""
    if settings.redis_url:
        return RedisLimiter(settings.call_rate, settings.redis_url, name=CALL_BUCKET)
    if settings.is_postgres:
        return PostgresLimiter(settings.call_rate, name=CALL_BUCKET)
    return LocalLimiter(settings.call_rate)
