"""Every staff page goes through one router layer that installs the page's language first;
the stylesheets, scripts and icons are served from ``web/static``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from litestar import Router
from litestar.static_files import create_static_files_router
from litestar.types import ControllerRouterHandler

from parentinfo.web.session import apply_language, reset_language

STATIC_DIR = Path(__file__).parent / "static"


def page_router(handlers: Sequence[ControllerRouterHandler]) -> Router:
    """The pages ``handlers`` under ``/``, rendered in the session's language."""
    return Router(
        path="/",
        route_handlers=list(handlers),
        before_request=apply_language,
        after_response=reset_language,
        include_in_schema=False,
    )


def static_router() -> Router:
    """``/static``: the files every page links to."""
    return create_static_files_router(path="/static", directories=[STATIC_DIR], name="static")
