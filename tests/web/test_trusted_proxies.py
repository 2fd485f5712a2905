"""Behind a reverse proxy, failed logins are counted per real client, not per proxy.

A real ``parentinfo serve`` process: only peers named in PARENTINFO_TRUSTED_PROXIES may
say who the client is (X-Forwarded-For); anyone else's header is ignored, so a client
cannot dodge the limit by inventing addresses.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from parentinfo.privacy.ratelimit import PER_IP
from tests.processes import process_env, start_server, stop, wait_until_healthy
from tests.web.helpers import csrf_token

pytestmark = pytest.mark.anyio
PROXY = "127.0.0.2"


@asynccontextmanager
async def _server(tmp_path: Path, trusted: str) -> AsyncIterator[str]:
    env = process_env(
        f"sqlite://{tmp_path}/db.sqlite3",
        tmp_path,
        "http://127.0.0.1:9",
        SMS_BACKEND="simulator",
        PUBLIC_URL="http://127.0.0.1",
        TRUSTED_PROXIES=trusted,
    )
    log = tmp_path / "server.log"
    migrate = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "parentinfo", "migrate", env=env
    )
    assert await migrate.wait() == 0
    process, base = await start_server(env, log)
    try:
        await wait_until_healthy(process, base, log)
        yield base
    finally:
        await stop(process)


async def _wrong_login(base: str, client_ip: str, n: int, *, peer: str = "127.0.0.1") -> int:
    """One wrong password for a new address, sent from ``peer`` on behalf of ``client_ip``."""
    transport = httpx.AsyncHTTPTransport(local_address=peer)
    headers = {"X-Forwarded-For": client_ip}
    async with httpx.AsyncClient(base_url=base, headers=headers, transport=transport) as http:
        token = await csrf_token(http)
        response = await http.post(
            "/login",
            data={"email": f"guess{n}@example.org", "password": "wrong", "_csrf_token": token},
        )
        return response.status_code


async def test_a_trusted_proxy_gives_each_client_its_own_limit(tmp_path: Path) -> None:
    # the proxy is another host (127.0.0.2 here, like Caddy in its own container)
    async with _server(tmp_path, "172.30.0.0/24, 127.0.0.2") as base:
        statuses = [
            await _wrong_login(base, "203.0.113.7", n, peer=PROXY) for n in range(PER_IP + 1)
        ]
        assert statuses[:PER_IP] == [401] * PER_IP
        assert statuses[PER_IP] == 429  # that client is locked out ...
        assert await _wrong_login(base, "198.51.100.4", 99, peer=PROXY) == 401  # ... no one else


async def test_an_untrusted_peer_cannot_choose_its_address(tmp_path: Path) -> None:
    async with _server(tmp_path, "192.0.2.10") as base:  # the proxy is not us
        for n in range(PER_IP):
            assert await _wrong_login(base, f"203.0.113.{n}", n) == 401
        # every "client" was really 127.0.0.1: the header was ignored and the limit holds
        assert await _wrong_login(base, "198.51.100.4", 99) == 429
