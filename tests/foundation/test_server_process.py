"""The real server process, started as users start it: lifespan mistakes only show here."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parentinfo", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def server_env(database_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARENTINFO_")}
    env.update(
        PARENTINFO_DATABASE_URL=database_url,
        PARENTINFO_VAR_DIR=str(var_dir),
        PARENTINFO_SECRET_KEY="server-test-secret-key-0123456789-abcdef",
        PARENTINFO_LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture
def server(server_env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "parentinfo", "serve", "--port", str(port)],
        env=server_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"server exited early:\n{process.stdout.read() if process.stdout else ''}"
                )
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_cli_creates_a_user_and_a_token_that_the_running_server_accepts(
    server: str, server_env: dict[str, str]
) -> None:
    demo = _cli(server_env, "demo")
    assert demo.returncode == 0, demo.stderr
    created = _cli(
        server_env,
        "user",
        "create",
        "--email",
        "new@demo.test",
        "--org",
        "demo-school",
        "--role",
        "volunteer",
    )
    assert created.returncode == 0, created.stderr
    assert "one-time password:" in created.stdout
    token = _cli(server_env, "token", "create", "--email", "new@demo.test")
    assert token.returncode == 0, token.stderr
    raw = token.stdout.strip().splitlines()[-1]

    response = httpx.get(
        f"{server}/api/v1/organisations", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 200
    assert "demo-school" in {o["slug"] for o in response.json()}
    assert httpx.get(f"{server}/health").json() == {"status": "ok"}


def test_cli_refuses_an_unknown_organisation_without_a_traceback(
    server_env: dict[str, str],
) -> None:
    create = ("user", "create", "--email", "a@b.test", "--org", "nope", "--role", "admin")
    result = _cli(server_env, *create)
    assert result.returncode == 1
    assert "no organisation with slug 'nope'" in result.stderr
    assert "none yet" in result.stderr
    assert "Traceback" not in result.stderr

    assert _cli(server_env, "demo").returncode == 0
    result = _cli(server_env, *create)
    assert result.returncode == 1
    # The valid slugs, so the next try can be the right one; nobody was created.
    listed = result.stderr.split("the organisations are:")[1]
    assert "demo-school" in listed
    assert "polska-zwolle" in listed
    assert _cli(server_env, "token", "create", "--email", "a@b.test").returncode == 1


def test_migrate_says_what_it_applied_on_a_new_database_and_nothing_on_an_old_one(
    tmp_path: Path, server_env: dict[str, str]
) -> None:
    fresh = {**server_env, "PARENTINFO_DATABASE_URL": f"sqlite://{tmp_path}/new.sqlite3"}
    first = _cli(fresh, "migrate")
    assert first.returncode == 0, first.stderr
    assert "up to date" not in first.stdout
    assert re.search(r"applied \d+ migrations", first.stdout), first.stdout
    again = _cli(fresh, "migrate")
    assert again.returncode == 0
    assert "already up to date, nothing to apply" in again.stdout


def test_cli_refuses_a_bad_setting_naming_it(server_env: dict[str, str]) -> None:
    result = _cli({**server_env, "PARENTINFO_SMS_RATE": "zero"}, "migrate")
    assert result.returncode == 2
    assert "PARENTINFO_SMS_RATE" in result.stderr


def test_health_is_503_when_the_database_is_gone(tmp_path: Path) -> None:
    """A server whose PostgreSQL database disappeared must say so, not pretend."""
    import asyncio
    import uuid

    from parentinfo.app import create_app
    from tests.conftest import _pg_admin_execute, _pg_url, test_settings

    name = f"pi_gone_{uuid.uuid4().hex[:10]}"
    _pg_admin_execute(f'CREATE DATABASE "{name}"')

    async def scenario() -> tuple[int, int]:
        app = create_app(test_settings(_pg_url(name), tmp_path))
        async with app.lifespan():
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                before = (await client.get("/health")).status_code
                _pg_admin_execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                after = (await client.get("/health")).status_code
                return before, after

    try:
        assert asyncio.run(scenario()) == (200, 503)
    finally:
        _pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_serve_with_the_demo_migrates_loads_and_serves_a_new_database_in_one_process(
    tmp_path: Path, server_env: dict[str, str]
) -> None:
    """What `make run` starts: a new SQLite file, ready to log in to, from one command."""
    env = {**server_env, "PARENTINFO_DATABASE_URL": f"sqlite://{tmp_path}/run.sqlite3"}
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "parentinfo", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        status = 0
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and status != 200 and process.poll() is None:
            try:
                status = httpx.get(f"{base}/health", timeout=1).status_code
            except httpx.HTTPError:
                time.sleep(0.2)
        assert status == 200, (tmp_path / "serve.log").read_text()
        page = httpx.get(f"{base}/login", headers={"Accept-Language": "en"})
        assert page.status_code == 200
        assert '<link rel="icon" href="/static/favicon.svg"' in page.text
        icon = httpx.get(f"{base}/static/favicon.svg")
        assert icon.status_code == 200
        assert icon.headers["content-type"].startswith("image/svg+xml")
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()
    printed = (tmp_path / "serve.log").read_text()
    assert re.search(r"applied \d+ migrations, the database is ready", printed), printed
    assert "demo: 5 organisations" in printed
    assert "up to date" not in printed
