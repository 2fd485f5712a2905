"""Real ``parentinfo serve`` and ``parentinfo worker`` processes, started as operators start them.

Shared by the tests that need separate processes on one PostgreSQL database: the
worker-crash test and the several-processes test. Each process writes its output to a
log file that a failure message quotes.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import redis

from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER

REDIS_SERVER = os.environ.get("PARENTINFO_TEST_REDIS", "redis://127.0.0.1:6379")
REDIS_DATABASES = range(1, 16)  # database 0 is left to tests that share it by key name
_MARKER = "parentinfo-tests:ours"


def process_env(
    database_url: str, var_dir: Path, twilio_url: str, **settings: str
) -> dict[str, str]:
    """The environment an operator would give the processes: SMS to a (fake) Twilio."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARENTINFO_")}
    values = {
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "PUBLIC_URL": "https://parentinfo.test",
        "SMS_BACKEND": "twilio",
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_FROM": FROM_NUMBER,
        "TWILIO_API_BASE": twilio_url,
        "QUIET_HOURS": "00:00-00:00",  # an empty window: tests run at any hour
        "WORKER_POLL_SECONDS": "0.2",
        "LOG_LEVEL": "WARNING",
    }
    values.update(settings)
    env.update({f"PARENTINFO_{key}": value for key, value in values.items()})
    return env


async def start_worker(env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    """``parentinfo worker``, as an operator starts it."""
    return await _start(env, log, "worker")


async def start_server(env: dict[str, str], log: Path) -> tuple[asyncio.subprocess.Process, str]:
    """``parentinfo serve`` on a free port; returns the process and its base URL at once."""
    port = free_port()
    process = await _start(env, log, "serve", "--host", "127.0.0.1", "--port", str(port))
    return process, f"http://127.0.0.1:{port}"


async def wait_until_healthy(process: asyncio.subprocess.Process, base: str, log: Path) -> None:
    """Wait for a started server to answer ``/health`` with 200 (or fail with its log)."""

    async def healthy() -> bool:
        if process.returncode is not None:
            raise AssertionError(f"server at {base} exited early\n{tail(log)}")
        try:
            async with httpx.AsyncClient(timeout=1) as http:
                return (await http.get(f"{base}/health")).status_code == 200
        except httpx.HTTPError:
            return False

    await wait_for(healthy, seconds=60, what=f"{base}/health", log=log)


async def stop(process: asyncio.subprocess.Process, *, seconds: float = 60) -> None:
    """SIGTERM, as a supervisor stops a process; SIGKILL if it does not end in time."""
    if process.returncode is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), timeout=seconds)
    except TimeoutError:
        process.kill()
        await process.wait()


async def wait_for(
    condition: Callable[[], Awaitable[bool]], *, seconds: float, what: str, log: Path
) -> None:
    """Poll ``condition`` until true, or fail with the end of the processes' log."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if await condition():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}\n{tail(log)}")


def tail(log: Path) -> str:
    """The end of the processes' log, for a failure message."""
    return log.read_text()[-3000:] if log.exists() else "(no log)"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def redis_database(seconds: int = 600) -> Iterator[str]:
    """The URL of a Redis database index no other test holds, emptied before and after.

    The app's Redis keys have fixed names (``parentinfo:sessions:…``, the SMS slot clock),
    so tests that run at the same time each need a database of their own. The claim is a
    key in database 0, set only if absent and expiring on its own if a test dies. A
    database holding keys that no test of ours left there (no marker) is someone else's.
    """
    admin = redis.Redis.from_url(f"{REDIS_SERVER}/0")
    try:
        for index in REDIS_DATABASES:
            claim = f"parentinfo-tests:redis-db:{index}"
            if not admin.set(claim, str(os.getpid()), nx=True, ex=seconds):
                continue
            with redis.Redis.from_url(f"{REDIS_SERVER}/{index}") as own:
                if own.dbsize() and not own.exists(_MARKER):
                    admin.delete(claim)
                    continue
                own.flushdb()
                own.set(_MARKER, "1")
                try:
                    yield f"{REDIS_SERVER}/{index}"
                finally:
                    own.flushdb()
                    admin.delete(claim)
            return
        raise AssertionError("every Redis test database is taken")
    finally:
        admin.close()


async def _start(env: dict[str, str], log: Path, *args: str) -> asyncio.subprocess.Process:
    with log.open("ab") as sink:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "parentinfo", *args, env=env, stdout=sink, stderr=sink
        )
