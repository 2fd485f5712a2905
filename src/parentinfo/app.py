"""The application factory and the one lifespan that owns every resource."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar, Request, Response, Router
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import ResponseHeader, State
from litestar.di import Provide
from litestar.exceptions import HTTPException, ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Template
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.template.config import TemplateConfig
from litestar.types import ControllerRouterHandler

from parentinfo import health, i18n, routes_index
from parentinfo.accounts.auth import (
    CHANGE_PASSWORD_PATH,
    LoginRequired,
    PasswordChangeRequired,
    api_actor,
    page_actor,
)
from parentinfo.calendar.notices_page import error_page
from parentinfo.errors import ServiceError
from parentinfo.lib.boundary import InputBoundaryMiddleware
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.lib.openapi_limits import state_limits
from parentinfo.lib.sessions import LazySessionConfig
from parentinfo.logs import configure_logging
from parentinfo.organisations.responses import error_responses
from parentinfo.paths import TEMPLATES_DIR
from parentinfo.process import open_runtime
from parentinfo.settings import Settings, load_settings
from parentinfo.templating import environment
from parentinfo.worker import run_worker_loop

logger = logging.getLogger(__name__)

API_REFUSALS = {
    404: "No such thing, or not yours to see",
    413: "The request body is too large",
    429: "Too many requests; try again later",
}

SECURITY_HEADERS = [
    ResponseHeader(
        name="Content-Security-Policy",
        value=(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            "frame-ancestors 'none'"
        ),
    ),
    ResponseHeader(name="Referrer-Policy", value="same-origin"),
    ResponseHeader(name="X-Content-Type-Options", value="nosniff"),
    ResponseHeader(name="X-Frame-Options", value="DENY"),
]
# Sent only when the public address is https: a browser then never tries plain http again.
HSTS = ResponseHeader(name="Strict-Transport-Security", value="max-age=31536000; includeSubDomains")


def security_headers(settings: Settings) -> list[ResponseHeader]:
    """The headers every answer carries; HSTS only behind an https ``PUBLIC_URL``."""
    return [*SECURITY_HEADERS, HSTS] if settings.secure_cookies else list(SECURITY_HEADERS)


def create_app(settings: Settings | None = None) -> Litestar:
    """Assemble the application for ``settings`` (default: from the environment)."""
    settings = settings or load_settings()
    configure_logging(level=settings.log_level, as_json=settings.log_json)
    api = Router(
        path="/api/v1",
        route_handlers=_with_refusals_documented(routes_index.api_routes()),
        dependencies={"actor": Provide(api_actor)},
        tags=["api"],
    )
    handlers: list[ControllerRouterHandler] = [
        health.health,
        health.ping,
        api,
        *routes_index.public_routes(),
    ]
    return Litestar(
        route_handlers=handlers,
        lifespan=[_lifespan_for(settings)],
        # The boundary first: what it refuses never loads a session or reaches a handler.
        middleware=[InputBoundaryMiddleware, _session_config(settings).middleware],
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_secure=settings.secure_cookies,
            cookie_httponly=False,  # the attendance page's script reads it for its sync calls
            exclude=["/api/", "/webhooks/"],
        ),
        template_config=TemplateConfig(
            directory=TEMPLATES_DIR, engine=JinjaTemplateEngine.from_environment(environment())
        ),
        dependencies={"page_actor": Provide(page_actor)},
        exception_handlers={
            ServiceError: _service_error,
            ValidationException: _validation_error,
            HTTPException: _http_error,
            Exception: _unexpected_error,
        },
        response_headers=security_headers(settings),
        openapi_config=OpenAPIConfig(
            title="parentinfo API",
            version="1",
            description="Information sessions for EU-migrant parents: events, contacts, answers.",
            path="/schema",
            render_plugins=[LimitsStatedJsonPlugin()],
        ),
        state=State({"settings": settings}),
        logging_config=None,  # logs.configure_logging owns the handlers (and the masking)
        debug=False,
    )


class LimitsStatedJsonPlugin(JsonRenderPlugin):
    """The JSON OpenAPI document, with the limits litestar cannot derive written in."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """Render the document with :func:`~parentinfo.lib.openapi_limits.state_limits`."""
        return super().render(request, state_limits(openapi_schema))


def _with_refusals_documented(
    handlers: list[ControllerRouterHandler],
) -> list[ControllerRouterHandler]:
    """Every API route can refuse with these codes; a handler's own descriptions win.

    Litestar's Router takes no ``responses``, so the shared refusals are merged into each
    handler here, once, instead of being repeated on fifty decorators.
    """
    shared = error_responses(404, 409, 413, 429, meanings=API_REFUSALS)
    for handler in handlers:
        if isinstance(handler, HTTPRouteHandler):
            handler.responses = {**shared, **(handler.responses or {})}
    return handlers


def _session_config(settings: Settings) -> LazySessionConfig:
    return LazySessionConfig(
        key="parentinfo_session",
        max_age=12 * 3600,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        store="sessions",
        exclude=["/api/", "/webhooks/", "/health", "/ping", "/calendar/", "/static/"],
    )


def shared_store(settings: Settings, namespace: str) -> Store:
    """Redis when ``REDIS_URL`` is set (several server processes), memory otherwise."""
    if settings.redis_url:
        from parentinfo.lib.stores import SharedRedisStore

        return SharedRedisStore.at(settings.redis_url, f"parentinfo:{namespace}")
    return MemoryStore()


def _lifespan_for(settings: Settings) -> Any:
    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        i18n.require_catalogs(SUPPORTED_LANGUAGES)  # else parents would silently read English
        app.stores.register("sessions", shared_store(settings, "sessions"), allow_override=True)
        app.stores.register("ratelimit", shared_store(settings, "ratelimit"), allow_override=True)
        worker: asyncio.Task[None] | None = None
        try:
            async with open_runtime(settings):
                if settings.runs_worker_in_server:
                    worker = asyncio.create_task(
                        run_worker_loop(settings, install_signal_handlers=False)
                    )
                _freeze_startup_heap()
                yield
                if worker is not None:
                    worker.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await worker
        finally:
            for store_name in ("sessions", "ratelimit"):
                store = app.stores.get(store_name)
                with contextlib.suppress(Exception):
                    await store.__aexit__(None, None, None)

    return lifespan


_frozen = False


def _freeze_startup_heap() -> None:
    """Move what startup built (modules, templates, catalogs) out of the collector's sight.

    Those objects live as long as the process, yet every full collection walks them all:
    queueing 10,000 messages allocates enough to trigger several, each taking a tenth of a
    second or more. Collected first, so no garbage is kept; once per process (tests open
    many apps in one process).
    """
    global _frozen  # noqa: PLW0603 - once per process, by design
    if _frozen:
        return
    _frozen = True
    gc.collect()
    gc.freeze()


def _wants_json(request: Request[Any, Any, Any]) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/webhooks/", "/schema")):
        return True
    return "application/json" in request.headers.get(
        "accept", ""
    ) and "text/html" not in request.headers.get("accept", "")


def _error_response(
    request: Request[Any, Any, Any],
    status: int,
    message: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[Any]:
    if _wants_json(request):
        body: dict[str, Any] = {"status_code": status, "detail": message}
        if errors:
            body["errors"] = errors
        return Response(body, status_code=status, headers=headers)
    if request.url.path.startswith("/r/"):  # a parent's page: their language, no staff links
        return error_page(request, status, message)
    return Template(
        template_name="error.html",
        context={"status_code": status, "message": message, "errors": errors or []},
        status_code=status,
        headers=headers,
    )


def _service_error(request: Request[Any, Any, Any], exc: ServiceError) -> Response[Any]:
    if isinstance(exc, LoginRequired) and not _wants_json(request):
        return Redirect(path=f"/login?next={request.url.path}")
    if isinstance(exc, PasswordChangeRequired) and not _wants_json(request):
        return Redirect(path=CHANGE_PASSWORD_PATH)
    errors = [{"field": e.field, "message": e.message} for e in exc.errors]
    return _error_response(request, exc.status_code, exc.message, errors)


def _validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    extra = exc.extra if isinstance(exc.extra, list) else []
    errors = [
        {"field": str(item.get("key", "body")), "message": str(item.get("message", ""))}
        for item in extra
        if isinstance(item, dict)
    ]
    message = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or str(exc.detail)
    return _error_response(request, 422, message, errors)


def _http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    # Keeps what the exception says about itself: a 405's Allow, a 429's Retry-After.
    return _error_response(request, exc.status_code, str(exc.detail), headers=exc.headers)


def _out_of_range(exc: BaseException) -> bool:
    """An id past the database's integer range (asyncpg's 22003, SQLite's OverflowError)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OverflowError) or getattr(seen, "sqlstate", None) == "22003":
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    if _out_of_range(exc):  # no row can have such an id: the honest answer is "not found"
        return _error_response(request, 404, "Not found: that id is out of range.")
    logger.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _error_response(request, 500, "Something went wrong on our side. It has been logged.")
