"""Slow down password guessing: 5 failed logins per address and 20 per client in 15 minutes.

The counts live in a litestar store (``app.stores.get("ratelimit")``): Redis when several
server processes share the work, memory otherwise. Keys are hashes, so the store never
holds an email address or an IP address in the clear. The window slides: each failure is
remembered for 15 minutes, and the oldest one that counts says when to try again.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from litestar.stores.base import Store

from parentinfo.errors import TooManyRequests
from parentinfo.i18n import ngettext
from parentinfo.lib.tokens import token_hash

WINDOW_SECONDS = 15 * 60
PER_EMAIL = 5
PER_IP = 20


@dataclass(frozen=True)
class LoginKey:
    """Whose login it is: the address typed and the client's IP address."""

    email: str
    ip: str

    @property
    def email_key(self) -> str:
        """The store key counting failures for this address."""
        return "login:email:" + token_hash(self.email.strip().lower())[:40]

    @property
    def ip_key(self) -> str:
        """The store key counting failures from this client."""
        return "login:ip:" + token_hash(self.ip.strip())[:40]


class LoginRateLimiter:
    """Refuses a login with 429 once an address or a client has failed too often lately."""

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

    async def check(self, key: LoginKey) -> None:
        """Raise :class:`TooManyRequests` when this address or client must wait."""
        current = self.clock()
        waits = []
        for store_key, limit in self._keys(key):
            failures = await self._recent(store_key, current)
            if len(failures) >= limit:
                waits.append(failures[-limit] + self.window - current)
        if waits:
            minutes = max(1, math.ceil(max(waits) / 60))
            raise TooManyRequests(
                ngettext(
                    "Too many failed attempts. Try again in {num} minute.",
                    "Too many failed attempts. Try again in {num} minutes.",
                    minutes,
                ).format(num=minutes)
            )

    async def failed(self, key: LoginKey) -> None:
        """Remember one failed attempt against the address and the client."""
        current = self.clock()
        for store_key, limit in self._keys(key):
            failures = [*await self._recent(store_key, current), current][-limit:]
            await self.store.set(store_key, json.dumps(failures), expires_in=self.window)

    async def succeeded(self, key: LoginKey) -> None:
        """A good password clears the address's count; the client's stays (one account is few)."""
        await self.store.delete(key.email_key)

    def _keys(self, key: LoginKey) -> list[tuple[str, int]]:
        return [(key.email_key, self.per_email), (key.ip_key, self.per_ip)]

    async def _recent(self, store_key: str, current: float) -> list[float]:
        raw = await self.store.get(store_key)
        if not raw:
            return []
        try:
            stamps = [float(stamp) for stamp in json.loads(raw)]
        except (ValueError, TypeError):
            return []  # an unreadable entry (an older format) counts as nothing
        return sorted(stamp for stamp in stamps if stamp > current - self.window)
