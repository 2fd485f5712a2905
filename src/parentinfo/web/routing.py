"""Every staff page goes through one router layer that installs the page's language first."""

from __future__ import annotations

from collections.abc import Sequence

from litestar import Router
from litestar.types import ControllerRouterHandler

from parentinfo.web.session import apply_language, reset_language


def page_router(handlers: Sequence[ControllerRouterHandler]) -> Router:
    """The pages ``handlers`` under ``/``, rendered in the session's language."""
    return Router(
        path="/",
        route_handlers=list(handlers),
        before_request=apply_language,
        after_response=reset_language,
        include_in_schema=False,
    )
