"""Several processes, one database: two servers and two workers on PostgreSQL and Redis.

Operators scale out by starting more ``parentinfo serve`` and ``parentinfo worker``
processes on one PostgreSQL database with ``REDIS_URL`` set. Then a mailing sent through
either server reaches every parent exactly once, SMS_RATE holds for all workers together
(the slot clock is one Redis key), and a login made on one server is valid on the other,
with failed logins counted across both (sessions and counts live in Redis).

One test, one set of processes: starting four interpreters is most of its time, so the
session and login checks run on the servers while the workers are sending.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import redis
from tortoise import connections

from parentinfo.app import create_app
from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.privacy.ratelimit import PER_EMAIL
from parentinfo.settings import Settings
from tests.conftest import test_settings
from tests.factories import Member, make_member, make_org
from tests.factories.outreach import make_contacts, published_event
from tests.fakes.twilio_server import FakeTwilio, start_fake_twilio
from tests.processes import (
    process_env,
    redis_database,
    start_server,
    start_worker,
    stop,
    wait_for,
    wait_until_healthy,
)
from tests.web.helpers import csrf_token, login

pytestmark = pytest.mark.slow
PARENTS = 1000
RATE = 100  # SMS per second, for both workers together: ten seconds of sending
# How late a send may reach the fake Twilio after the slot it was given. Slots come from
# one Redis clock, exactly 1/RATE apart, and none is saved up while idle (no burst). A
# worker sleeps until its slot, then posts: on a loaded two-core machine its event loop
# (or the fake's, in this process) can run that late. Sends whose slots lie anywhere in
# [t - JITTER, t + 1) can then all arrive in [t, t + 1). Two workers that did not share
# the clock would send 2 * RATE in every second of the mailing, well above this bound.
JITTER = 0.5
MOST_IN_ONE_SECOND = int(RATE * (1 + JITTER)) + 1  # +1: a closed window holds both ends
# The first slot is "now", so N sends span N - 1 intervals; the first may itself be late.
SHORTEST_SEND = (PARENTS - 1) / RATE - JITTER


@pytest.fixture
async def twilio() -> AsyncIterator[FakeTwilio]:
    """A fake Twilio answering on two ports: one for each worker, to tell them apart."""
    fake, runner = await start_fake_twilio(doors=2)
    yield fake
    await runner.cleanup()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database of this test's own."""
    with redis_database() as url:
        yield url


@pytest.fixture
async def database(database_url: str, var_dir: Path) -> AsyncIterator[Settings]:
    """This process's own connection to the database, to seed it and read the outcome."""
    settings = test_settings(database_url, var_dir)
    async with create_app(settings).lifespan():
        yield settings


@dataclass
class Cluster:
    """Two servers and some workers, started; :meth:`ready` waits until they serve."""

    log: Path
    servers: list[tuple[asyncio.subprocess.Process, str]] = field(default_factory=list)
    workers: list[asyncio.subprocess.Process] = field(default_factory=list)

    @property
    def bases(self) -> list[str]:
        """The servers' base URLs."""
        return [base for _, base in self.servers]

    async def ready(self) -> None:
        """Every server answers /health and every worker has registered for jobs."""
        for process, base in self.servers:
            await wait_until_healthy(process, base, self.log)

        async def workers_up() -> bool:
            return await live_workers() == len(self.workers)

        await wait_for(workers_up, seconds=60, what="the workers", log=self.log)


@asynccontextmanager
async def cluster(
    server_env: dict[str, str], worker_envs: Sequence[dict[str, str]], log: Path
) -> AsyncIterator[Cluster]:
    """Start two ``parentinfo serve`` and a ``parentinfo worker`` per environment."""
    started = Cluster(log=log)
    try:
        for _ in range(2):
            started.servers.append(await start_server(server_env, log))
        for env in worker_envs:
            started.workers.append(await start_worker(env, log))
        yield started
    finally:
        processes = [process for process, _ in started.servers] + started.workers
        await asyncio.gather(*(stop(process) for process in processes))


async def live_workers() -> int:
    """How many job workers have registered with procrastinate."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT count(*) AS n FROM procrastinate_workers"
    )
    return int(rows[0]["n"])


def busiest_second(arrivals: Sequence[float]) -> int:
    """The most requests that arrived within any one closed second (a sliding window)."""
    times = sorted(arrivals)
    most, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] > 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def test_the_busiest_second_counts_a_closed_sliding_window() -> None:
    assert busiest_second([0.0, 0.5, 1.0, 1.01, 2.5]) == 3
    assert busiest_second([0.3, 0.0, 0.9, 1.2]) == 3
    assert busiest_second([]) == 0


@pytest.mark.anyio
@pytest.mark.parametrize("backend", ["postgres"])  # separate workers are the PostgreSQL mode
async def test_two_servers_and_two_workers_share_one_database_and_one_redis(
    database: Settings, twilio: FakeTwilio, redis_url: str, tmp_path: Path
) -> None:
    # Plain http on 127.0.0.1: cookies without ``Secure``, so the clients send them back.
    shared = {"SMS_RATE": str(RATE), "REDIS_URL": redis_url, "PUBLIC_URL": "http://127.0.0.1"}
    place = (database.database_url, database.var_dir)
    server_env = process_env(*place, twilio.url, **shared)
    # Each worker is given its own address of the fake, so its sends can be told apart.
    worker_envs = [process_env(*place, url, **shared) for url in twilio.urls]
    log = tmp_path / "processes.log"
    async with cluster(server_env, worker_envs, log) as running:
        # The processes start up while this one writes the school and its parents.
        school = await make_org("school")
        member = await make_member(school)
        event = await published_event(school)
        await make_contacts(school, PARENTS)
        await running.ready()

        first = running.bases[0]
        async with httpx.AsyncClient(base_url=first, headers=member.headers, timeout=60) as api:
            response = await api.post(f"/api/v1/events/{event.id}/outreach/send", json={})
        assert response.status_code == 202, response.text
        assert response.json()["queued"] == PARENTS

        async with clients_of(running.bases) as clients:
            await sessions_are_shared(clients, member, redis_url)
        async with clients_of(running.bases) as clients:
            await failed_logins_add_up(clients, member, redis_url)

        async def all_sent() -> bool:
            return await OutboundMessage.filter(status=MessageStatus.SENT).count() == PARENTS

        await wait_for(all_sent, seconds=120, what="every SMS sent", log=log)

    await each_parent_got_one_sms(twilio)
    both_workers_sent(twilio)
    busiest = busiest_second(twilio.arrivals)
    assert busiest <= MOST_IN_ONE_SECOND, f"{busiest} SMS within one second"
    took = max(twilio.arrivals) - min(twilio.arrivals)
    assert took >= SHORTEST_SEND, f"{PARENTS} SMS in {took:.2f} s"


async def each_parent_got_one_sms(twilio: FakeTwilio) -> None:
    """Twilio was asked once per parent, and every outbox row says sent, with its SID."""
    mobiles = await Contact.all().values_list("mobile", flat=True)
    assert len(mobiles) == PARENTS
    per_number = Counter(request["To"] for request in twilio.requests)
    assert per_number == Counter(mobiles)
    assert set(per_number.values()) == {1}
    rows = await OutboundMessage.all().values_list("status", "provider_id")
    assert len(rows) == PARENTS
    assert {status for status, _ in rows} == {MessageStatus.SENT}
    assert {sid for _, sid in rows} == {message["sid"] for message in twilio.created}


def both_workers_sent(twilio: FakeTwilio) -> None:
    """Each worker knocked on its own door of the fake: both took part in the mailing."""
    per_door = Counter(twilio.doors)
    assert set(per_door) == {urlsplit(url).port for url in twilio.urls}, per_door


@asynccontextmanager
async def clients_of(bases: Sequence[str]) -> AsyncIterator[list[httpx.AsyncClient]]:
    """One HTTP client (with its own cookies) for each server."""
    async with contextlib.AsyncExitStack() as stack:
        yield [
            await stack.enter_async_context(httpx.AsyncClient(base_url=base, timeout=30))
            for base in bases
        ]


async def sessions_are_shared(
    clients: list[httpx.AsyncClient], member: Member, redis_url: str
) -> None:
    """Log in on the first server, then use only that session cookie on the second."""
    one, two = clients
    await login(one, member)
    session_id = one.cookies["parentinfo_session"]
    with redis.Redis.from_url(redis_url) as store:
        assert store.exists(f"parentinfo:sessions:{session_id}")
    assert (await two.get("/")).status_code == 302  # no session there yet: to the login
    two.cookies.clear()
    two.cookies.set("parentinfo_session", session_id)
    page = await two.get("/")
    assert page.status_code == 200
    assert 'action="/logout"' in page.text  # signed in, as the member of their school
    assert f'class="orgname">{member.organisation.name}<' in page.text


async def failed_logins_add_up(
    clients: list[httpx.AsyncClient], member: Member, redis_url: str
) -> None:
    """PER_EMAIL wrong passwords spread over both servers lock the address on both."""
    tokens = [await csrf_token(client) for client in clients]
    for attempt in range(PER_EMAIL):
        client, token = clients[attempt % 2], tokens[attempt % 2]
        wrong = {"email": member.email, "password": "wrong", "_csrf_token": token}
        assert (await client.post("/login", data=wrong)).status_code == 401
    # Each server saw fewer than PER_EMAIL failures itself: only the shared count refuses,
    # and it refuses even the right password.
    client, token = clients[PER_EMAIL % 2], tokens[PER_EMAIL % 2]
    right = {"email": member.email, "password": member.password, "_csrf_token": token}
    response = await client.post("/login", data=right)
    assert response.status_code == 429, response.text
    with redis.Redis.from_url(redis_url) as store:
        assert store.keys("parentinfo:ratelimit:login:email:*")
