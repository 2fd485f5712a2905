"""The built-in phone simulator and mail outbox (embedded mode): what each parent received,
and a box to reply as that parent, handled exactly as a real SMS through Twilio would be.

The WhatsApp chat goes further: a tap on a button, or a message typed there, is posted to
``POST /webhooks/twilio/whatsapp`` signed as Twilio signs (``twilio_loopback``), so it
takes the very path a real one does.

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
from parentinfo.outreach.pages.twilio_loopback import post_as_twilio
from parentinfo.rsvp.buttons import read_payload
from parentinfo.rsvp.inbound.service import handle_inbound
from parentinfo.rsvp.inbound.webhook import WHATSAPP_PATH
from parentinfo.rsvp.models import Invitation
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


@post("/simulator/{contact_id:int}/whatsapp", status_code=303)
async def simulator_whatsapp(
    request: Request[Any, Any, Any], page_actor: PageActor, contact_id: FromPath[int]
) -> Redirect:
    """Type in the parent's WhatsApp, or tap a button: the signed webhook Twilio would send."""
    view.require_simulator()
    found = await view.phone(actor=page_actor, contact_id=contact_id)
    form = await read_form(request)
    body, payload = form.value("body").strip(), form.value("payload").strip()
    if payload and not await _their_button(payload, found.contact.id):
        payload = ""  # a button of another parent's invitation is not on this phone
    if (body or payload) and found.contact.mobile:
        answer = await post_as_twilio(
            request, WHATSAPP_PATH, _whatsapp_params(found.contact.mobile, body, payload)
        )
        if answer.status == 200:
            flash(request, "whatsapp_sent")
        else:
            flash(request, "webhook_refused", "error")
    return Redirect(path=f"/simulator/{contact_id}#latest-whatsapp", status_code=303)


async def _their_button(payload: str, contact_id: int) -> bool:
    """True when ``payload`` names an invitation of this contact (the buttons on this phone)."""
    named = read_payload(payload)
    return named is not None and await Invitation.exists(token=named[0], contact_id=contact_id)


def _whatsapp_params(mobile: str, body: str, payload: str) -> dict[str, str]:
    """The form Twilio posts for a WhatsApp message (with a button's payload for a tap)."""
    ours = runtime().settings.twilio.whatsapp_from or "+0000000000"
    params = {
        "MessageSid": f"SMsim{uuid.uuid4().hex}",
        "AccountSid": "ACsimulator",
        "From": f"whatsapp:{mobile}",
        "To": ours if ours.startswith("whatsapp:") else f"whatsapp:{ours}",
        "Body": body,
        "NumMedia": "0",
    }
    if payload:
        params |= {"ButtonPayload": payload, "ButtonText": body}
    return params


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
    page_router(
        [simulator, simulator_phone, simulator_reply, simulator_whatsapp, outbox, outbox_mail]
    )
]
