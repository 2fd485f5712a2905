"""A real ``parentinfo serve`` process for the browser, and Debian's chromium to drive it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


@dataclass(frozen=True)
class Server:
    """A running server: its address and the environment its commands need."""

    base_url: str
    env: dict[str, str]

    def cli(self, *args: str) -> str:
        """Run a ``parentinfo`` command against the server's database; its output."""
        return run_cli(self.env, *args)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str, var_dir: Path, port: int, **extra: str) -> dict[str, str]:
    """The environment of a server on ``port``, with the embedded worker sending at once."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARENTINFO_")}
    env.update(
        PARENTINFO_DATABASE_URL=database_url,
        PARENTINFO_VAR_DIR=str(var_dir),
        PARENTINFO_SECRET_KEY="browser-test-secret-key-0123456789-abcdefgh",
        PARENTINFO_PUBLIC_URL=f"http://127.0.0.1:{port}",
        PARENTINFO_LOG_LEVEL="WARNING",
        PARENTINFO_EMBEDDED_WORKER="true",
        PARENTINFO_WORKER_POLL_SECONDS="0.2",
        PARENTINFO_QUIET_HOURS="00:00-00:00",  # switched off: tests run at any hour
        PARENTINFO_SMS_RATE="50",
    )
    env.update({f"PARENTINFO_{k}": v for k, v in extra.items()})
    return env


def run_cli(env: dict[str, str], *args: str) -> str:
    """Run ``parentinfo ARGS``; fail loudly with its output when it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "parentinfo", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"parentinfo {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@contextmanager
def running_server(database_url: str, var_dir: Path, **extra: str) -> Iterator[Server]:
    """Migrate, start ``parentinfo serve`` on a free port, wait for /health, stop it after."""
    port = free_port()
    env = server_env(database_url, var_dir, port, **extra)
    run_cli(env, "migrate")
    log = (var_dir / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "parentinfo", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(base, process, var_dir)
        yield Server(base_url=base, env=env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_for_health(base: str, process: subprocess.Popen[bytes], var_dir: Path) -> None:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("server exited early:\n" + (var_dir / "server.log").read_text())
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not answer /health:\n" + (var_dir / "server.log").read_text())
