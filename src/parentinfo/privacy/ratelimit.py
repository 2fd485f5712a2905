"""Slow down guessing: 5 failed logins per address and 20 per client in 15 minutes, and 30
failed look-ups of a parent's link (``/r/{token}``) per client in 15 minutes.

The counts live in the app's ``"ratelimit"`` store: Redis when several server processes share
the work (``REDIS_URL``), memory otherwise. Keys are hashes, so the store never holds an email
address or an IP address in the clear. The window slides: each attempt is remembered for 15
minutes, and the oldest one that counts says when to try again.

An attempt is counted *before* the password is checked, in one atomic step with the check
(a Lua script on Redis, a lock in memory): a burst of parallel guesses, or guesses spread over
several processes, cannot slip past the limit. A right password then takes its attempt back.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from litestar import Litestar
from litestar.stores.base import Store

from parentinfo.errors import TooManyRequests
from parentinfo.i18n import ngettext
from parentinfo.lib.stores import SharedRedisStore
from parentinfo.lib.tokens import token_hash

WINDOW_SECONDS = 15 * 60
PER_EMAIL = 5
PER_IP = 20
# A parent who mistypes a link tries a few times; guessing a 59.5-bit token needs billions.
LINK_FAILURES_PER_IP = 30

# KEYS: the counted keys. ARGV: now, window, then one limit per key. Answers the seconds to
# wait (nothing counted), or "0" after counting the attempt against every key.
_ATTEMPT_LUA = """
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local lists, wait = {}, 0
for i, key in ipairs(KEYS) do
  local ok, stamps = pcall(cjson.decode, redis.call('GET', key) or '[]')
  local recent = {}
  if ok and type(stamps) == 'table' then
    for _, stamp in ipairs(stamps) do
      local t = tonumber(stamp)
      if t and t > now - window then table.insert(recent, t) end
    end
  end
  table.sort(recent)
  local limit = tonumber(ARGV[2 + i])
  if #recent >= limit then wait = math.max(wait, recent[#recent - limit + 1] + window - now) end
  lists[i] = recent
end
if wait > 0 then return tostring(wait) end
for i, key in ipairs(KEYS) do
  local recent = lists[i]
  table.insert(recent, now)
  while #recent > tonumber(ARGV[2 + i]) do table.remove(recent, 1) end
  redis.call('SET', key, cjson.encode(recent), 'EX', window)
end
return '0'
"""
# KEYS[1]: a counted key. Forgets its newest attempt, keeping the expiry.
_GIVE_BACK_LUA = """
local ok, stamps = pcall(cjson.decode, redis.call('GET', KEYS[1]) or '[]')
if not ok or type(stamps) ~= 'table' or #stamps == 0 then return 0 end
table.sort(stamps)
table.remove(stamps)
if #stamps == 0 then redis.call('DEL', KEYS[1]) return 1 end
redis.call('SET', KEYS[1], cjson.encode(stamps), 'KEEPTTL')
return 1
"""


@dataclass(frozen=True)
class LoginKey:
    """Whose login it is: the address typed and the client's IP address."""

    email: str
    ip: str

    @property
    def email_key(self) -> str:
        """The store key counting attempts for this address."""
        return "login:email:" + token_hash(self.email.strip().lower())[:40]

    @property
    def ip_key(self) -> str:
        """The store key counting attempts from this client."""
        return "login:ip:" + token_hash(self.ip.strip())[:40]


class LoginLimited(TooManyRequests):
    """Refused for now: ``minutes`` says when to try again (the message says it too)."""

    def __init__(self, minutes: int) -> None:
        super().__init__(
            ngettext(
                "Too many failed attempts. Try again in {num} minute.",
                "Too many failed attempts. Try again in {num} minutes.",
                minutes,
            ).format(num=minutes)
        )
        self.minutes = minutes


class LoginRateLimiter:
    """Counts login attempts per address and per client; refuses with 429 past the limits."""

    def __init__(
        self,
        store: Store,
        *,
        per_email: int = PER_EMAIL,
        per_ip: int = PER_IP,
        window_seconds: int = WINDOW_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.per_email = per_email
        self.per_ip = per_ip
        self.window = window_seconds
        self.clock = clock
        self._lock = asyncio.Lock()  # the memory path: one process, one event loop

    async def attempt(self, key: LoginKey) -> None:
        """Count one attempt, or raise :class:`LoginLimited` (counting nothing) if it must wait."""
        await self.count(self._keys(key))

    async def count(self, keys: list[tuple[str, int]]) -> None:
        """Count one attempt against each (key, limit), or raise :class:`LoginLimited`."""
        if isinstance(self.store, SharedRedisStore):
            wait = await self._redis_attempt(self.store, keys)
        else:
            async with self._lock:
                wait = await self._memory_attempt(keys)
        if wait > 0:
            raise LoginLimited(max(1, math.ceil(wait / 60)))

    async def succeeded(self, key: LoginKey) -> None:
        """The password was right: clear the address's count, give the client its attempt back."""
        await self.store.delete(key.email_key)
        await self.give_back(key.ip_key)

    async def give_back(self, name: str) -> None:
        """Forget the newest attempt counted under ``name`` (it turned out not to be a guess)."""
        if isinstance(self.store, SharedRedisStore):
            await self.store.run_script(_GIVE_BACK_LUA, [name])
            return
        async with self._lock:
            stamps = await self._recent(name, self.clock())
            if stamps:
                expires = await self.store.expires_in(name)
                await self._save(name, stamps[:-1], expires or self.window)

    def _keys(self, key: LoginKey) -> list[tuple[str, int]]:
        return [(key.email_key, self.per_email), (key.ip_key, self.per_ip)]

    async def _redis_attempt(self, store: SharedRedisStore, keys: list[tuple[str, int]]) -> float:
        names = [name for name, _ in keys]
        limits = [limit for _, limit in keys]
        answer = await store.run_script(_ATTEMPT_LUA, names, self.clock(), self.window, *limits)
        return float(answer)

    async def _memory_attempt(self, keys: list[tuple[str, int]]) -> float:
        current = self.clock()
        lists = [await self._recent(name, current) for name, _ in keys]
        waits = [
            stamps[-limit] + self.window - current
            for stamps, (_, limit) in zip(lists, keys, strict=True)
            if len(stamps) >= limit
        ]
        if waits:
            return max(waits)
        for stamps, (name, limit) in zip(lists, keys, strict=True):
            await self._save(name, [*stamps, current][-limit:], self.window)
        return 0.0

    async def _save(self, name: str, stamps: list[float], expires_in: int) -> None:
        if stamps:
            await self.store.set(name, json.dumps(stamps), expires_in=expires_in)
        else:
            await self.store.delete(name)

    async def _recent(self, name: str, current: float) -> list[float]:
        raw = await self.store.get(name)
        if not raw:
            return []
        try:
            stamps = [float(stamp) for stamp in json.loads(raw)]
        except (ValueError, TypeError):
            return []  # an unreadable entry (an older format) counts as nothing
        return sorted(stamp for stamp in stamps if stamp > current - self.window)


def link_key(client: str) -> str:
    """The store key counting one client's look-ups of parents' links."""
    return "link:ip:" + token_hash(client.strip())[:40]


def login_limiter(app: Litestar) -> LoginRateLimiter:
    """The app's one limiter, over its shared ``"ratelimit"`` store (made on first use)."""
    store = app.stores.get("ratelimit")
    limiter = app.state.get("login_limiter")
    if not isinstance(limiter, LoginRateLimiter) or limiter.store is not store:
        limiter = LoginRateLimiter(store)
        app.state["login_limiter"] = limiter
    return limiter
