"""Browser tests: a real server process (demo data loaded) and Debian's chromium."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, async_playwright

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, Server, running_server
from tests.conftest import _pg_admin_execute, _pg_url


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The embedded mode, as ``make run`` starts it: SQLite, worker inside, demo data."""
    folder = tmp_path_factory.mktemp("browser-sqlite")
    with running_server(f"sqlite://{folder}/parentinfo.sqlite3", folder) as server:
        server.cli("demo")
        yield server


@pytest.fixture(scope="module")
def postgres_server(
    tmp_path_factory: pytest.TempPathFactory, postgres_template: str
) -> Iterator[Server]:
    """PostgreSQL with the job worker inside the server process, demo data loaded."""
    folder = tmp_path_factory.mktemp("browser-postgres")
    name = f"pi_browser_{uuid.uuid4().hex[:10]}"
    _pg_admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
    try:
        with running_server(_pg_url(name), folder) as server:
            server.cli("demo")
            yield server
    finally:
        _pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's chromium, headless."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()
