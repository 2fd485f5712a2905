"""Staff pages for events: the list, the event page and its form (``event``), what is done
from the event page (``actions``); the form's parsing (``form``), its saving (``save``), and
what the event page shows (``view``)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.events.pages import actions, event
from parentinfo.web.routing import page_router

routes: list[ControllerRouterHandler] = [*event.routes, page_router(actions.routes)]
