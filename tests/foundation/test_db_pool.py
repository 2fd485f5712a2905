"""PostgreSQL connections go back to the pool without asyncpg's reset query, safely.

``db.PooledConnection`` skips the reset round trip; what must still hold is that a
connection released with a transaction open comes back clean, and that the pool really
sends nothing when a connection is released.
"""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import connections

from parentinfo import db

# The connection pool is PostgreSQL's: SQLite has one connection.
pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("backend", ["postgres"])]


@pytest.fixture
async def pool(database_url: str) -> Any:
    await db.open_database(database_url)
    client = connections.get("default")
    await client.execute_query("SELECT 1")  # the pool opens with the first query
    try:
        yield client._pool
    finally:
        await db.close_database()


async def test_the_pool_uses_connections_without_a_reset_query(pool: Any) -> None:
    async with pool.acquire() as connection:
        assert isinstance(connection, db.PooledConnection)
        assert connection.get_reset_query() == ""


async def test_a_connection_released_inside_a_transaction_comes_back_clean(pool: Any) -> None:
    async with pool.acquire() as connection:
        holder = connection._con
        await connection.execute("BEGIN")
        await connection.execute("CREATE TABLE half_written (n integer)")  # DDL is transactional
    async with pool.acquire() as again:
        assert again._con is holder  # the same connection, handed out again
        assert not again.is_in_transaction()
        left = await again.fetchval("SELECT to_regclass('half_written')")
    assert left is None  # what the open transaction did was rolled back
