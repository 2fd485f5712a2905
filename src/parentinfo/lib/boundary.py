"""The request boundary: one rule for every route, before any handler reads the request.

Paths, query strings and bodies are checked by the pure functions of
:mod:`parentinfo.lib.inputs`; what they refuse never reaches a handler or the database
(a NUL byte used to end as a PostgreSQL error and a 500). The body is read once here and
handed on unchanged, so the framework's own size limit and parsing still apply.
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send

from parentinfo.errors import FieldError, Invalid, NotFound, ServiceError
from parentinfo.lib.inputs import Problem, form_problem, json_problem, path_problem, query_problem

# Bodies larger than this are not inspected; the route's own limit (413) refuses them.
MAX_INSPECTED_BODY = 10 * 1024 * 1024
# A parent's SMS is never refused for what it holds: the webhook strips control characters
# itself and still reads the answer (Twilio signs the body; a refusal would lose the reply).
UNREAD_BODIES = ("/webhooks/",)


class BadRequest(ServiceError):
    """A request that cannot be read at all (not UTF-8, nested too deeply): 400."""


def refusal(problem: Problem) -> ServiceError:
    """The service error the app's exception handlers render for ``problem``."""
    if problem.status_code == 404:
        return NotFound(problem.message)
    errors = (
        [FieldError(problem.field, problem.message.split(": ", 1)[-1])] if problem.field else []
    )
    if problem.status_code == 422:
        return Invalid(problem.message, errors=errors)
    return BadRequest(problem.message, errors=errors)


class InputBoundaryMiddleware:
    """ASGI middleware that refuses unreadable or unstorable input with 400, 404 or 422."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        problem = path_problem(scope["path"], scope.get("path_params") or {}) or query_problem(
            scope.get("query_string", b"")
        )
        if problem is None:
            kind = _body_kind(scope)
            if kind:
                body, receive = await _buffered(receive)
                if body is not None:
                    problem = json_problem(body) if kind == "json" else form_problem(body)
        if problem is not None:
            raise refusal(problem)
        await self.app(scope, receive, send)


def _body_kind(scope: Scope) -> str:
    """ "json", "form", or "" for a body this boundary does not read (uploads, none)."""
    if scope.get("method") in {"GET", "HEAD", "OPTIONS", "DELETE"}:
        return ""
    if scope["path"].startswith(UNREAD_BODIES):
        return ""
    content_type = ""
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            content_type = value.decode("latin-1").lower()
    if "application/x-www-form-urlencoded" in content_type:
        return "form"
    if not content_type or "json" in content_type:
        return "json"
    return ""


async def _buffered(receive: Receive) -> tuple[bytes | None, Receive]:
    """Read the whole body (None past the inspection limit) and a ``receive`` that replays it."""
    messages: list[ReceiveMessage] = []
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        chunks.append(chunk)
        if not message.get("more_body", False) or size > MAX_INSPECTED_BODY:
            break

    async def replay() -> ReceiveMessage:
        return messages.pop(0) if messages else await receive()

    body = b"".join(chunks) if size <= MAX_INSPECTED_BODY else None
    return body, replay
