"""Plain SQL for the few hot paths where the ORM's query building costs more than the query.

Statements name their parameters (``:mobile``); :func:`prepare` turns them into what the
driver wants, ``?`` for SQLite and ``$1`` for asyncpg. Only constants are ever put into
the SQL text; every value is a bound parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from tortoise import connections

from parentinfo.lib.chunks import chunked

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


IN_VALUES = "{in_values}"  # where :func:`fetch_in` puts its list test


async def fetch_in(
    sql: str, values: Sequence[Any], params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The rows of ``sql`` whose column before ``{in_values}`` is one of ``values``.

    ``WHERE dedupe_key {in_values}`` becomes ``= ANY($1)`` with one array on PostgreSQL (one
    statement, however long the list) and ``IN (?, ?, …)`` on SQLite, in chunks of
    :data:`~parentinfo.lib.chunks.ID_CHUNK` below its limit on bound variables. The ORM
    builds a long ``IN`` list term by term, which costs more than the query itself.
    """
    if IN_VALUES not in sql:
        raise ValueError(f"the statement has no {IN_VALUES}")
    if not values:
        return []
    connection = connections.get("default")
    dialect = connection.capabilities.dialect
    named = dict(params or {})
    if "in_values" in named:
        raise ValueError("in_values is the list's own parameter")
    rows: list[dict[str, Any]] = []
    if dialect != "sqlite":
        text, bound = prepare(
            sql.replace(IN_VALUES, "= ANY(:in_values)"),
            {**named, "in_values": list(values)},
            dialect,
        )
        return list(await connection.execute_query_dict(text, bound))
    for chunk in chunked(values):
        marks = ", ".join(f":in_{i}" for i in range(len(chunk)))
        listed = {f"in_{i}": value for i, value in enumerate(chunk)}
        text, bound = prepare(sql.replace(IN_VALUES, f"IN ({marks})"), {**named, **listed}, dialect)
        rows.extend(await connection.execute_query_dict(text, bound))
    return rows


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
