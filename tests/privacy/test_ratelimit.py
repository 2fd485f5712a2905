"""The login rate limit: the 6th failed attempt for an address waits; a client gets 20."""

from __future__ import annotations

import pytest
from litestar.stores.memory import MemoryStore

from parentinfo.errors import TooManyRequests
from parentinfo.privacy.ratelimit import LoginKey, LoginRateLimiter

pytestmark = pytest.mark.anyio


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_sixth_failed_attempt_for_an_address_is_blocked() -> None:
    clock = Clock()
    limiter = LoginRateLimiter(MemoryStore(), clock=clock)
    key = LoginKey(email="Coordinator@School.nl", ip="10.0.0.1")
    for _ in range(5):
        await limiter.check(key)
        await limiter.failed(key)
        clock.now += 10
    with pytest.raises(TooManyRequests) as refused:
        await limiter.check(LoginKey(email="coordinator@school.nl ", ip="10.9.9.9"))
    assert refused.value.status_code == 429
    assert "15 minutes" in refused.value.message
    await limiter.check(LoginKey(email="someone.else@school.nl", ip="10.0.0.1"))


async def test_the_window_slides_and_success_clears_the_address() -> None:
    clock = Clock()
    limiter = LoginRateLimiter(MemoryStore(), clock=clock)
    key = LoginKey(email="a@b.nl", ip="10.0.0.1")
    for _ in range(5):
        await limiter.failed(key)
        clock.now += 60
    with pytest.raises(TooManyRequests) as refused:
        await limiter.check(key)
    assert "10 minutes" in refused.value.message  # the first failure ages out in 10 minutes
    clock.now += 10 * 60
    await limiter.check(key)
    await limiter.failed(key)
    with pytest.raises(TooManyRequests):
        await limiter.check(key)
    await limiter.succeeded(key)
    await limiter.check(key)


async def test_twenty_failures_from_one_client_block_it_for_every_address() -> None:
    clock = Clock()
    limiter = LoginRateLimiter(MemoryStore(), clock=clock)
    for number in range(20):
        key = LoginKey(email=f"guess{number}@school.nl", ip="192.0.2.7")
        await limiter.check(key)
        await limiter.failed(key)
    with pytest.raises(TooManyRequests):
        await limiter.check(LoginKey(email="fresh@school.nl", ip="192.0.2.7"))
    await limiter.check(LoginKey(email="fresh@school.nl", ip="192.0.2.8"))
    await limiter.succeeded(LoginKey(email="fresh@school.nl", ip="192.0.2.7"))
    with pytest.raises(TooManyRequests):  # one good login does not reset the client's count
        await limiter.check(LoginKey(email="fresh@school.nl", ip="192.0.2.7"))


async def test_the_store_never_holds_the_address_in_the_clear() -> None:
    store = MemoryStore()
    limiter = LoginRateLimiter(store)
    await limiter.failed(LoginKey(email="anna@example.nl", ip="198.51.100.4"))
    keys = list(store._store)
    assert len(keys) == 2
    assert all("anna" not in k and "198.51" not in k for k in keys)
