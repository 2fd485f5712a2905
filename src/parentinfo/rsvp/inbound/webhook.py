"""``POST /webhooks/twilio/sms`` and ``POST /webhooks/twilio/whatsapp``: a parent's SMS or
WhatsApp message (or button tap) arrives; we answer with TwiML, which Twilio delivers on
the channel the message came by (inside WhatsApp's session window, as any reply is).

Refusals store nothing: another content type → 415; a missing or wrong
``X-Twilio-Signature`` → 403 (checked over ``PUBLIC_URL`` + path, never the address the
request arrived at); no ``MessageSid`` or ``From`` → 400. Without a Twilio auth token (the
built-in phone simulator) the only signature accepted is one made with ``SECRET_KEY``.
Anything the handling itself trips over is logged, the message is kept for staff, and the
parent still gets a polite answer: never a 500 to Twilio.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl

from litestar import Request, Response, post
from litestar.datastructures import MultiDict
from litestar.di import NamedDependency, Provide
from litestar.exceptions import HTTPException
from litestar.types import ControllerRouterHandler

from parentinfo.errors import Forbidden, ServiceError
from parentinfo.lib.enums import Channel
from parentinfo.messaging.signatures import public_address, twilio_signed
from parentinfo.rsvp.inbound.redelivery import stored_reply
from parentinfo.rsvp.inbound.service import handle_inbound, keep_unprocessed
from parentinfo.rsvp.inbound.twiml import twiml_message
from parentinfo.runtime import current_settings
from parentinfo.settings import Settings

logger = logging.getLogger(__name__)

PATH = "/webhooks/twilio/sms"
WHATSAPP_PATH = "/webhooks/twilio/whatsapp"
FORM = "application/x-www-form-urlencoded"
MAX_REQUEST = 64 * 1024  # a 1,600-character body, percent-encoded, with room to spare
MAX_FIELDS = 100


def signature_ok(
    settings: Settings,
    params: MultiDict[str],
    signature: str,
    settings_header: str | None,
    path: str = PATH,
) -> bool:
    """True when ``signature`` matches our token over ``PUBLIC_URL`` + path and ``params``."""
    return twilio_signed(
        settings,
        url=public_address(settings, path),
        params=params,
        signature=signature,
        settings_header=settings_header,
    )


def parse_form(raw: bytes) -> MultiDict[str]:
    """The form fields; bytes that are not UTF-8 become U+FFFD instead of an error."""
    try:
        pairs = parse_qsl(
            raw.decode("utf-8", errors="replace"),
            keep_blank_values=True,
            errors="replace",
            max_num_fields=MAX_FIELDS,
        )
    except ValueError:
        raise ServiceError("Too many form fields.") from None
    return MultiDict(pairs)


@post(
    PATH,
    request_max_body_size=MAX_REQUEST,
    include_in_schema=False,
    status_code=200,
    dependencies={"settings": Provide(current_settings, sync_to_thread=False)},
)
async def inbound_sms(
    request: Request[Any, Any, Any], settings: NamedDependency[Settings]
) -> Response[str]:
    """Store and answer one inbound SMS (TwiML)."""
    return await answer_message(request, settings, path=PATH, channel=Channel.SMS)


@post(
    WHATSAPP_PATH,
    request_max_body_size=MAX_REQUEST,
    include_in_schema=False,
    status_code=200,
    dependencies={"settings": Provide(current_settings, sync_to_thread=False)},
)
async def inbound_whatsapp(
    request: Request[Any, Any, Any], settings: NamedDependency[Settings]
) -> Response[str]:
    """Store and answer one inbound WhatsApp message or button tap (TwiML)."""
    return await answer_message(request, settings, path=WHATSAPP_PATH, channel=Channel.WHATSAPP)


async def answer_message(
    request: Request[Any, Any, Any], settings: Settings, *, path: str, channel: Channel
) -> Response[str]:
    """The one path of both webhooks: check, read, handle once, answer in TwiML."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != FORM:
        raise HTTPException(status_code=415, detail=f"Send the form as {FORM}.")
    params = parse_form(await request.body())
    headers = request.headers
    if not signature_ok(
        settings,
        params,
        headers.get("x-twilio-signature", ""),
        headers.get("x-twilio-webhooks-signature-settings"),
        path,
    ):
        raise Forbidden("The request is not signed by Twilio.")
    sid, sender = params.get("MessageSid", "").strip(), params.get("From", "").strip()
    if not sid or not sender:
        raise ServiceError("MessageSid and From are required.")
    if len(sid) > 64 or not sid.isprintable():
        raise ServiceError("MessageSid is not a Twilio message id.")
    # A tap sends the button's text as Body too; ButtonText covers a Body left empty.
    body = params.get("Body", "") or params.get("ButtonText", "")
    fields = {"message_sid": sid, "from_number": sender, "body": body}
    to_number, payload = params.get("To", ""), params.get("ButtonPayload", "").strip()
    try:
        reply = await stored_reply(sid)  # a redelivery: the same reply, nothing else read
        if reply is None:
            reply = await handle_inbound(
                **fields,
                to_number=to_number,
                channel=channel,
                button_payload=payload if channel == Channel.WHATSAPP else "",
            )
    except Exception:
        logger.exception("inbound %s %s could not be handled", channel.value, sid)
        reply = await keep_unprocessed(**fields, to_number=to_number, channel=channel)
    return Response(twiml_message(reply), media_type="application/xml", status_code=200)


routes: list[ControllerRouterHandler] = [inbound_sms, inbound_whatsapp]
