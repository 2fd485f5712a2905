"""Staff pages of the overviews: the home page with its dashboard (``home``), the dashboard's
quick actions (``attention``), and the reach report (``reach``)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.reports.pages import attention, home, reach
from parentinfo.web.routing import page_router

routes: list[ControllerRouterHandler] = [
    *home.routes,
    page_router(attention.routes),
    *reach.routes,
]
