"""Plain SQL for the few hot paths where the ORM's query building costs more than the query.

Statements name their parameters (``:mobile``); :func:`prepare` turns them into what the
driver wants, ``?`` for SQLite and ``$1`` for asyncpg. Only constants are ever put into
the SQL text; every value is a bound parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from tortoise import connections

_NAMED = re.compile(r":([a-z_][a-z0-9_]*)")


def prepare(sql: str, params: Mapping[str, Any], dialect: str) -> tuple[str, list[Any]]:
    """``:name`` parameters as the driver wants them: ``?`` (SQLite) or ``$1`` (asyncpg)."""
    order: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        name = match.group(1)
        if dialect == "sqlite":
            order.append(name)
            return "?"
        if name not in order:
            order.append(name)
        return f"${order.index(name) + 1}"

    text = _NAMED.sub(placeholder, sql)
    return text, [params[name] for name in order]


async def fetch(sql: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a query, as dicts, on the current connection (or transaction)."""
    connection = connections.get("default")
    text, values = prepare(sql, params, connection.capabilities.dialect)
    return list(await connection.execute_query_dict(text, values))


def is_postgres() -> bool:
    """True on PostgreSQL, where row locks (``FOR UPDATE``) exist."""
    return bool(connections.get("default").capabilities.dialect == "postgres")


def moment(value: Any) -> datetime:
    """A stored moment as an aware UTC datetime (SQLite hands back text)."""
    found = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(found, datetime):
        raise TypeError(f"not a moment: {value!r}")
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def optional_moment(value: Any) -> datetime | None:
    """:func:`moment`, or None for NULL."""
    return None if value is None else moment(value)
