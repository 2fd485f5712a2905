"""Server-side sessions that exist only once something is stored in them.

Litestar's backend saves an empty session for every visitor who has none, so each anonymous
page view (a parent's page, the login form, a crawler) wrote a store entry and set a cookie.
Here an empty session that arrived without a cookie leaves no trace; one that became empty
is deleted, as after a logout.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import (
    ServerSideSessionBackend,
    ServerSideSessionConfig,
)
from litestar.types import Empty, Message, ScopeSession


class LazySessionBackend(ServerSideSessionBackend):
    """Stores a session, and sends its cookie, only when it holds something."""

    async def store_in_message(
        self,
        scope_session: ScopeSession,
        message: Message,
        connection: ASGIConnection[Any, Any, Any, Any],
    ) -> None:
        """Save a non-empty session; forget an emptied one; ignore one never used."""
        if scope_session is not Empty and not scope_session:
            if not _has_cookie(connection, self.config.key):
                return  # nothing stored, nothing sent: the visitor stays anonymous
            scope_session = Empty
        await super().store_in_message(scope_session, message, connection)


class LazySessionConfig(ServerSideSessionConfig):
    """:class:`ServerSideSessionConfig` with the :class:`LazySessionBackend`."""

    _backend_class = LazySessionBackend


def _has_cookie(connection: ASGIConnection[Any, Any, Any, Any], key: str) -> bool:
    value = connection.cookies.get(key)
    return bool(value) and value != "null"
