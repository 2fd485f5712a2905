"""The key-value stores several server processes share (sessions, login limits).

litestar's ``RedisStore`` only gets and sets; the login limiter must check and count in
one atomic step, which takes a Lua script. :class:`SharedRedisStore` keeps its Redis
client and its key prefix in the open, so a script runs over the store's own keys without
reaching into litestar's private attributes.
"""

from __future__ import annotations

from typing import Any

from litestar.stores.redis import RedisStore
from redis.asyncio import Redis


class SharedRedisStore(RedisStore):
    """A ``RedisStore`` that can also run a script over its own (prefixed) keys."""

    def __init__(self, client: Redis, namespace: str) -> None:
        super().__init__(client, namespace=namespace, handle_client_shutdown=True)
        self.client = client
        self.prefix = f"{namespace}:"

    @classmethod
    def at(cls, url: str, namespace: str) -> SharedRedisStore:
        """A store on the Redis at ``url``, its keys prefixed with ``namespace``."""
        return cls(Redis.from_url(url), namespace)

    def key(self, name: str) -> str:
        """The Redis key the store uses for ``name``."""
        return self.prefix + name

    async def run_script(self, script: str, names: list[str], *args: object) -> Any:
        """Run a Lua script over the store's keys ``names`` (KEYS) with ``args`` (ARGV)."""
        keys = [self.key(name) for name in names]
        return await self.client.eval(script, len(keys), *keys, *args)  # type: ignore[arg-type]
