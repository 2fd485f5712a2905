"""``POST /webhooks/twilio/voice`` and the steps of a call under it; each answers TwiML.

Every request is signed (``X-Twilio-Signature`` over ``PUBLIC_URL`` + path + query, never
the address it arrived at; the simulator signs with ``SECRET_KEY``): anything else is a
403 and changes nothing. A call, message or step we cannot place is answered 200 with an
empty ``<Response/>`` (Twilio then hangs up), and so is anything the handling trips over,
after logging it: never a 500 in the middle of a parent's call.

- ``/webhooks/twilio/voice``: a call to our number (``From``: who calls).
- ``/answer?message={id}``: a call we placed was picked up (``AnsweredBy``: machine?).
- ``/menu?step={n}`` and ``/party?step={n}``: the key pressed (``Digits``).
- ``/status?message={id}``: how a call we placed went (``CallStatus``, ``CallDuration``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Request, Response, post
from litestar.datastructures import FormMultiDict
from litestar.di import NamedDependency, Provide
from litestar.types import ControllerRouterHandler

from parentinfo.errors import Forbidden
from parentinfo.messaging.signatures import public_address, twilio_signed
from parentinfo.outreach.voice import call, twiml
from parentinfo.outreach.voice.status import record_call_status
from parentinfo.runtime import current_settings
from parentinfo.settings import Settings

logger = logging.getLogger(__name__)

BASE = call.BASE
XML = "application/xml"
MAX_REQUEST = 16 * 1024  # a call's parameters are a few hundred bytes
MAX_STEP = 200  # a call never has this many steps: three bad keys end it
_DEPENDENCIES = {"settings": Provide(current_settings, sync_to_thread=False)}


async def _signed_form(request: Request[Any, Any, Any], settings: Settings) -> FormMultiDict:
    form = await request.form()
    signed = twilio_signed(
        settings,
        url=public_address(settings, request.url.path, request.url.query),
        params=form,
        signature=request.headers.get("x-twilio-signature", ""),
        settings_header=request.headers.get("x-twilio-webhooks-signature-settings"),
    )
    if not signed:
        raise Forbidden("The request is not signed by Twilio.")
    return form


def _text(form: FormMultiDict, name: str, limit: int = 64) -> str:
    value = str(form.get(name) or "").strip()
    return value if len(value) <= limit and value.isprintable() else ""


def _number(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 12 else None


async def _answered(what: str, sid: str, step: Callable[[], Awaitable[str]]) -> Response[str]:
    """The TwiML of one step; a failure is logged and answered with an empty response."""
    try:
        body = await step()
    except Exception:
        logger.exception("voice %s for call %s could not be handled", what, sid[-6:])
        body = twiml.nothing()
    return Response(body, media_type=XML, status_code=200)


@post(BASE, request_max_body_size=MAX_REQUEST, include_in_schema=False, dependencies=_DEPENDENCIES)
async def inbound_call(
    request: Request[Any, Any, Any], settings: NamedDependency[Settings]
) -> Response[str]:
    """A call to our number: a known parent's open invitations, or a short message."""
    form = await _signed_form(request, settings)
    sid = _text(form, "CallSid")
    return await _answered(
        "inbound", sid, lambda: call.answer_inbound(call_sid=sid, from_number=_text(form, "From"))
    )


@post(
    f"{BASE}/answer",
    request_max_body_size=MAX_REQUEST,
    include_in_schema=False,
    dependencies=_DEPENDENCIES,
)
async def answer(
    request: Request[Any, Any, Any], settings: NamedDependency[Settings]
) -> Response[str]:
    """A call we placed was answered: the invitation, or the answering machine's message."""
    form = await _signed_form(request, settings)
    sid = _text(form, "CallSid")
    message_id = _number(request.query_params.get("message"))
    return await _answered(
        "answer",
        sid,
        lambda: call.answer_outbound(
            message_id=message_id, call_sid=sid, answered_by=_text(form, "AnsweredBy")
        ),
    )


@post(
    f"{BASE}/menu",
    request_max_body_size=MAX_REQUEST,
    include_in_schema=False,
    dependencies=_DEPENDENCIES,
)
async def menu(
    request: Request[Any, Any, Any], settings: NamedDependency[Settings]
) -> Response[str]:
    """The key pressed after the invitation."""
    form = await _signed_form(request, settings)
    return await _step(request, form, call.on_menu)


@post(
    f"{BASE}/party",
    request_max_body_size=MAX_REQUEST,
    include_in_schema=False,
    dependencies=_DEPENDENCIES,
)
async def party(
    request: Request[Any, Any, Any], settings: NamedDependency[Settings]
) -> Response[str]:
    """The key for how many people come."""
    form = await _signed_form(request, settings)
    return await _step(request, form, call.on_party)


async def _step(
    request: Request[Any, Any, Any],
    form: FormMultiDict,
    handler: Callable[..., Awaitable[str]],
) -> Response[str]:
    sid = _text(form, "CallSid")
    number = _number(request.query_params.get("step"))
    if not sid or number is None or not 1 <= number <= MAX_STEP:
        return Response(twiml.nothing(), media_type=XML, status_code=200)
    digits = _text(form, "Digits", limit=8)
    return await _answered("step", sid, lambda: handler(call_sid=sid, step=number, digits=digits))


@post(
    f"{BASE}/status",
    request_max_body_size=MAX_REQUEST,
    include_in_schema=False,
    dependencies=_DEPENDENCIES,
)
async def status(
    request: Request[Any, Any, Any], settings: NamedDependency[Settings]
) -> Response[str]:
    """How a call we placed went: delivered, tried again, or on the call list."""
    form = await _signed_form(request, settings)
    sid = _text(form, "CallSid")

    async def record() -> str:
        await record_call_status(
            message_id=_number(request.query_params.get("message")),
            call_sid=sid,
            status=_text(form, "CallStatus", limit=16),
            duration=_text(form, "CallDuration", limit=8),
        )
        return twiml.nothing()

    return await _answered("status", sid, record)


routes: list[ControllerRouterHandler] = [inbound_call, answer, menu, party, status]
