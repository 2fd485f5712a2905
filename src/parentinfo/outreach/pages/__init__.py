"""Staff pages for outreach: sending the invitations (``sending``), and the phone simulator
and mail outbox of the embedded mode (``simulator``), the admins' WhatsApp templates
(``contentsids``)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.outreach.pages import contentsids, sending, simulator

routes: list[ControllerRouterHandler] = [*sending.routes, *simulator.routes, *contentsids.routes]
