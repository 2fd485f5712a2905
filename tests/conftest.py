"""The test harness: every data test runs on SQLite and on PostgreSQL, isolated per test.

Each backend is migrated once into a template (a file for SQLite, a database for
PostgreSQL); each test gets a fresh copy and drops it afterwards, so nothing is left
behind. The app is driven through ``httpx.ASGITransport`` inside its own lifespan.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from hypothesis import settings as hypothesis_settings
from litestar import Litestar

from parentinfo.app import create_app
from parentinfo.settings import Settings, load_settings

# The property tests draw the same examples on every run and every machine: a failure seen
# here is the failure CI sees, never a new one found by luck on a later run.
hypothesis_settings.register_profile("parentinfo", derandomize=True, database=None, deadline=None)
hypothesis_settings.load_profile("parentinfo")

pytest_plugins = ["tests.statements"]  # the ``statements`` fixture, for statement budgets

PG_ADMIN = os.environ.get("PARENTINFO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgres")
_RUN_ID = uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


def _pg_url(name: str) -> str:
    base = PG_ADMIN.rsplit("/", 1)[0]
    return f"{base}/{name}".replace("postgresql://", "postgres://", 1)


def _pg_admin_execute(sql: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def _migrate(settings: Settings) -> None:
    from parentinfo import db
    from parentinfo.jobs import ensure_job_schema

    asyncio.run(db.migrate(settings.database_url))
    asyncio.run(ensure_job_schema(settings))


def test_settings(database_url: str, var_dir: Path, **overrides: str) -> Settings:
    """Settings for a test: its own database and ``var/``; the worker is driven by the test."""
    environ = {
        "PARENTINFO_DATABASE_URL": database_url,
        "PARENTINFO_SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "PARENTINFO_VAR_DIR": str(var_dir),
        "PARENTINFO_EMBEDDED_WORKER": "false",
        "PARENTINFO_PUBLIC_URL": "https://parentinfo.test",
        "PARENTINFO_LOG_LEVEL": "WARNING",
    }
    environ.update({f"PARENTINFO_{k}": v for k, v in overrides.items()})
    return load_settings(environ, env_file=None)


test_settings.__test__ = False  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    _migrate(test_settings(f"sqlite://{path}", folder))
    return path


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    name = f"pi_tpl_{_RUN_ID}"
    _pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}"')
    _pg_admin_execute(f'CREATE DATABASE "{name}"')
    _migrate(test_settings(_pg_url(name), tmp_path_factory.mktemp("pgtemplate")))
    yield name
    _pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this test run: ``sqlite`` or ``postgres``."""
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A freshly migrated database for one test, dropped afterwards."""
    if backend == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite://{path}"
        return
    template = request.getfixturevalue("postgres_template")
    name = f"pi_t_{_RUN_ID}_{uuid.uuid4().hex[:10]}"
    _pg_admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _pg_url(name)
    finally:
        _pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def var_dir(tmp_path: Path) -> Path:
    path = tmp_path / "var"
    path.mkdir()
    return path


@pytest.fixture
def settings(database_url: str, var_dir: Path) -> Settings:
    return test_settings(database_url, var_dir)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[Litestar]:
    """The application with its lifespan open: database, job queue and providers."""
    application = create_app(settings)
    async with application.lifespan():
        yield application


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in this event loop."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://parentinfo.test") as http:
        yield http


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how many data tests ran on each database, so the report shows both ran."""
    counts = dict.fromkeys(BACKENDS, 0)
    for report in terminalreporter.stats.get("passed", []):
        for backend_name in BACKENDS:
            if f"[{backend_name}" in report.nodeid or f"-{backend_name}]" in report.nodeid:
                counts[backend_name] += 1
    terminalreporter.write_line(
        "data tests passed per database: " + ", ".join(f"{k}={v}" for k, v in counts.items())
    )
