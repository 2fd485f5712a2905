"""The call list's button: "call these parents automatically" (the event's parents on it)."""

from __future__ import annotations

from typing import Any

from litestar import Request, post
from litestar.params import FromPath
from litestar.response import Redirect
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import PageActor
from parentinfo.events import service as events
from parentinfo.outreach.voice.calllist import call_automatically
from parentinfo.web.flashes import flash
from parentinfo.web.forms import read_form
from parentinfo.web.routing import page_router


@post("/events/{event_id:int}/outreach/call-list/call", status_code=303)
async def call_parents(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Redirect:
    """Ring the parents of this event on the actor's call list who a call can reach."""
    await read_form(request)
    await events.get_event(actor=page_actor, event_id=event_id)  # 404 for strangers
    rung = await call_automatically(actor=page_actor, event_id=event_id)
    flash(request, "calls_placed" if rung.called else "nobody_to_call")
    return Redirect(path=f"/events/{event_id}/outreach/progress", status_code=303)


routes: list[ControllerRouterHandler] = [page_router([call_parents])]
