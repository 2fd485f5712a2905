"""Staff pages for outreach: sending the invitations (``sending``), and the phone simulator
and mail outbox of the embedded mode (``simulator``)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.outreach.pages import sending, simulated_calls, simulator

routes: list[ControllerRouterHandler] = [
    *sending.routes,
    *simulator.routes,
    *simulated_calls.routes,
]
