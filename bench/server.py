"""Start a real ``parentinfo serve`` process for a benchmark, on a throwaway database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg

PG_ADMIN = os.environ.get("PARENTINFO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
SECRET = "bench-secret-key-0123456789-abcdefghijklmnop"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database, dropped afterwards."""
    name = f"pi_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgres://") + f"/{name}"
    try:
        yield url
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench_env(database_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for a benchmark process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARENTINFO_")}
    env.update(
        PARENTINFO_DATABASE_URL=database_url,
        PARENTINFO_VAR_DIR=str(var_dir),
        PARENTINFO_SECRET_KEY=SECRET,
        PARENTINFO_LOG_LEVEL="WARNING",
    )
    env.update({f"PARENTINFO_{k}": v for k, v in extra.items()})
    return env


def run_cli(env: dict[str, str], *args: str) -> str:
    """Run a ``parentinfo`` command and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "parentinfo", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"parentinfo {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


@dataclass
class Server:
    """A running server process."""

    base_url: str
    process: subprocess.Popen[bytes]


@contextmanager
def running_server(env: dict[str, str], *, port: int | None = None) -> Iterator[Server]:
    """``parentinfo serve`` on ``port`` (default: a free one) until the block ends."""
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "parentinfo", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the benchmark server did not come up")
        yield Server(base_url=base, process=process)
    finally:
        process.terminate()
        process.wait(timeout=20)


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of a process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
