"""Staff pages for outreach: sending the invitations (``sending``), the phone simulator and
mail outbox of the embedded mode (``simulator``) with its calls (``simulated_calls``), the
call's voices and recordings (``voice``), "call these parents automatically" (``calling``),
and the admins' WhatsApp templates (``contentsids``)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.outreach.pages import (
    calling,
    contentsids,
    sending,
    simulated_calls,
    simulator,
    voice,
)

routes: list[ControllerRouterHandler] = [
    *sending.routes,
    *simulator.routes,
    *voice.routes,
    *calling.routes,  # "call these parents automatically"
    *simulated_calls.routes,
    *contentsids.routes,
]
