"""The login rate limit: the 6th attempt for an address waits; a client gets 20.

Each rule is checked on both stores the app uses: memory (one process) and Redis (several).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable

import pytest
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore

from parentinfo.errors import TooManyRequests
from parentinfo.lib.stores import SharedRedisStore
from parentinfo.privacy.ratelimit import PER_EMAIL, LoginKey, LoginLimited, LoginRateLimiter
from tests.processes import REDIS_SERVER

pytestmark = pytest.mark.anyio


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


StoreMaker = Callable[[], Store]


@pytest.fixture(params=["memory", "redis"])
async def new_store(request: pytest.FixtureRequest) -> AsyncIterator[StoreMaker]:
    """Makes stores that share their counts, as the processes of one deployment do."""
    if request.param == "memory":
        shared = MemoryStore()
        yield lambda: shared
        return
    namespace = f"parentinfo-tests:ratelimit:{uuid.uuid4().hex}"
    made: list[SharedRedisStore] = []

    def make() -> Store:
        made.append(SharedRedisStore.at(f"{REDIS_SERVER}/0", namespace))
        return made[-1]

    yield make
    for store in made:
        await store.delete_all()
        await store.__aexit__(None, None, None)


async def fail(limiter: LoginRateLimiter, key: LoginKey, times: int = 1) -> None:
    """``times`` attempts with a wrong password: counted, never taken back."""
    for _ in range(times):
        await limiter.attempt(key)


async def test_sixth_attempt_for_an_address_is_refused(new_store: StoreMaker) -> None:
    clock = Clock()
    limiter = LoginRateLimiter(new_store(), clock=clock)
    key = LoginKey(email="Coordinator@School.nl", ip="10.0.0.1")
    for _ in range(5):
        await fail(limiter, key)
        clock.now += 10
    with pytest.raises(LoginLimited) as refused:
        await limiter.attempt(LoginKey(email="coordinator@school.nl ", ip="10.9.9.9"))
    assert isinstance(refused.value, TooManyRequests)
    assert refused.value.status_code == 429
    assert refused.value.minutes == 15
    assert "15 minutes" in refused.value.message
    await limiter.attempt(LoginKey(email="someone.else@school.nl", ip="10.0.0.1"))


async def test_the_window_slides_and_success_clears_the_address(new_store: StoreMaker) -> None:
    clock = Clock()
    limiter = LoginRateLimiter(new_store(), clock=clock)
    key = LoginKey(email="a@b.nl", ip="10.0.0.1")
    for _ in range(5):
        await fail(limiter, key)
        clock.now += 60
    with pytest.raises(LoginLimited) as refused:
        await limiter.attempt(key)
    assert refused.value.minutes == 10  # the first attempt ages out in 10 minutes
    clock.now += 10 * 60
    await limiter.attempt(key)  # one slot free again: taken
    with pytest.raises(LoginLimited):
        await limiter.attempt(key)
    await limiter.succeeded(key)
    await fail(limiter, key, PER_EMAIL)


async def test_twenty_attempts_from_one_client_block_it_for_every_address(
    new_store: StoreMaker,
) -> None:
    limiter = LoginRateLimiter(new_store(), clock=Clock())
    for number in range(20):
        await fail(limiter, LoginKey(email=f"guess{number}@school.nl", ip="192.0.2.7"))
    with pytest.raises(LoginLimited):
        await limiter.attempt(LoginKey(email="fresh@school.nl", ip="192.0.2.7"))
    await limiter.attempt(LoginKey(email="fresh@school.nl", ip="192.0.2.8"))


async def test_a_success_gives_back_only_its_own_attempt(new_store: StoreMaker) -> None:
    limiter = LoginRateLimiter(new_store(), clock=Clock())
    anna = LoginKey(email="anna@school.nl", ip="192.0.2.7")
    bram = LoginKey(email="bram@school.nl", ip="192.0.2.7")
    await fail(limiter, anna, 4)
    for _ in range(3):  # staff behind one address log in all day: that costs them nothing
        await limiter.attempt(bram)
        await limiter.succeeded(bram)
    await fail(limiter, anna)  # Anna's 5th: Bram's successes did not clear her count
    with pytest.raises(LoginLimited):
        await limiter.attempt(anna)
    others = [LoginKey(email=f"x{n}@school.nl", ip="192.0.2.7") for n in range(15)]
    for other in others:  # 5 (Anna) + 15 = 20 from the client: the limit, not past it
        await fail(limiter, other)
    with pytest.raises(LoginLimited):
        await limiter.attempt(bram)


async def test_limiters_over_one_store_share_the_counts(new_store: StoreMaker) -> None:
    clock = Clock()
    one = LoginRateLimiter(new_store(), clock=clock)
    two = LoginRateLimiter(new_store(), clock=clock)  # another process, on Redis
    key = LoginKey(email="anna@school.nl", ip="10.0.0.1")
    for attempt in range(PER_EMAIL):
        await fail(one if attempt % 2 else two, key)
    for limiter in (one, two):
        with pytest.raises(LoginLimited):
            await limiter.attempt(key)


async def test_a_burst_of_parallel_guesses_gets_only_the_allowed_ones(
    new_store: StoreMaker,
) -> None:
    clock = Clock()
    # One limiter per process: two on Redis, and in memory the one the app keeps.
    stores = {id(store): store for store in (new_store(), new_store())}
    limiters = [LoginRateLimiter(store, clock=clock) for store in stores.values()]
    key = LoginKey(email="anna@school.nl", ip="10.0.0.1")
    outcomes = await asyncio.gather(
        *(limiters[n % len(limiters)].attempt(key) for n in range(40)), return_exceptions=True
    )
    assert sum(outcome is None for outcome in outcomes) == PER_EMAIL
    assert all(isinstance(o, LoginLimited) for o in outcomes if o is not None)


async def test_the_store_never_holds_the_address_in_the_clear() -> None:
    store = MemoryStore()
    limiter = LoginRateLimiter(store)
    await limiter.attempt(LoginKey(email="anna@example.nl", ip="198.51.100.4"))
    keys = list(store._store)
    assert len(keys) == 2
    assert all("anna" not in k and "198.51" not in k for k in keys)
