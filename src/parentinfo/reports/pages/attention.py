"""The dashboard's quick actions: a reply handled by hand, a parent phoned."""

from __future__ import annotations

from typing import Any

from litestar import Request, post
from litestar.params import FromPath
from litestar.response import Redirect

from parentinfo.accounts.auth import PageActor
from parentinfo.outreach.lists.calls import mark_called
from parentinfo.rsvp.inbound.hold import decide
from parentinfo.rsvp.inbound.inbox import resolve_item
from parentinfo.web.flashes import flash
from parentinfo.web.forms import read_form


@post("/inbox/{item_id:int}/resolve", status_code=303)
async def resolve(
    request: Request[Any, Any, Any], page_actor: PageActor, item_id: FromPath[int]
) -> Redirect:
    """Mark a reply handled, setting the parent's answer when one was chosen."""
    form = await read_form(request)
    await resolve_item(actor=page_actor, item_id=item_id, answer=form.value("answer") or None)
    flash(request, "inbox_resolved")
    return Redirect(path="/#inbox", status_code=303)


@post("/inbox/{item_id:int}/hold", status_code=303)
async def decide_hold(
    request: Request[Any, Any, Any], page_actor: PageActor, item_id: FromPath[int]
) -> Redirect:
    """A reply that may have been an opt-out: staff opt the number out or keep sending."""
    form = await read_form(request)
    await decide(actor=page_actor, item_id=item_id, decision=form.value("decision") or "")
    flash(request, "inbox_resolved")
    return Redirect(path="/#inbox", status_code=303)


@post("/invitations/{invitation_id:int}/called", status_code=303)
async def called(
    request: Request[Any, Any, Any], page_actor: PageActor, invitation_id: FromPath[int]
) -> Redirect:
    """A volunteer phoned this parent: off the call list."""
    await mark_called(actor=page_actor, invitation_id=invitation_id)
    flash(request, "called")
    return Redirect(path="/#to-call", status_code=303)


routes = [resolve, decide_hold, called]
