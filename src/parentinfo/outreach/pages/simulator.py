"""The built-in phone simulator and mail outbox (embedded mode): what each parent received,
and a box to reply as that parent, handled exactly as a real SMS through Twilio would be.

No fixed texts live here (they belong to the web catalog, in the templates).
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import PageActor
from parentinfo.outreach import simulated as view
from parentinfo.outreach.pages.timing import leaves_when
from parentinfo.rsvp.inbound.service import handle_inbound
from parentinfo.runtime import runtime
from parentinfo.web.flashes import flash
from parentinfo.web.forms import read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router


@get("/simulator")
async def simulator(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """Every parent who got an SMS from the organisation."""
    view.require_simulator()
    found = await view.phones(actor=page_actor)
    return await page(
        request, "web/tools/simulator.html", actor=page_actor, section="simulator", phones=found
    )


@get("/simulator/{contact_id:int}")
async def simulator_phone(
    request: Request[Any, Any, Any], page_actor: PageActor, contact_id: FromPath[int]
) -> Template:
    """One parent's phone: the conversation, and a box to reply as them."""
    view.require_simulator()
    found = await view.phone(actor=page_actor, contact_id=contact_id)
    return await page(
        request,
        "web/tools/phone.html",
        actor=page_actor,
        section="simulator",
        phone=found,
        leaves_when=leaves_when,
    )


@post("/simulator/{contact_id:int}/reply", status_code=303)
async def simulator_reply(
    request: Request[Any, Any, Any], page_actor: PageActor, contact_id: FromPath[int]
) -> Redirect:
    """Reply as the parent: the same handling as an SMS arriving from Twilio."""
    view.require_simulator()
    found = await view.phone(actor=page_actor, contact_id=contact_id)
    form = await read_form(request)
    body = form.value("body").strip()
    if body and found.contact.mobile:
        await handle_inbound(
            message_sid=f"SMsim{uuid.uuid4().hex}",
            from_number=found.contact.mobile,
            to_number=runtime().settings.twilio.from_number or "simulator",
            body=body,
        )
        flash(request, "reply_sent")
    return Redirect(path=f"/simulator/{contact_id}#latest", status_code=303)


@get("/outbox")
async def outbox(
    request: Request[Any, Any, Any], page_actor: PageActor, to: FromQuery[str | None] = None
) -> Template:
    """The organisation's emails, newest first."""
    view.require_outbox()
    found = await view.mails(actor=page_actor, to=to)
    return await page(
        request,
        "web/tools/outbox.html",
        actor=page_actor,
        section="outbox",
        mails=found,
        to=to or "",
    )


@get("/outbox/{message_id:int}")
async def outbox_mail(
    request: Request[Any, Any, Any], page_actor: PageActor, message_id: FromPath[int]
) -> Template:
    """One email as the parent received it, with its calendar invitation."""
    view.require_outbox()
    found = await view.mail(actor=page_actor, message_id=message_id)
    return await page(
        request, "web/tools/mail.html", actor=page_actor, section="outbox", mail=found
    )


routes: list[ControllerRouterHandler] = [
    page_router([simulator, simulator_phone, simulator_reply, outbox, outbox_mail])
]
