"""``POST /webhooks/twilio/status``: Twilio tells us what became of each SMS.

The signature is checked against the address we gave Twilio (``PUBLIC_URL`` + path +
query), never the address the request arrived at, which a proxy may have rewritten. A
status only ever moves forward, so a late or repeated callback changes nothing; an SMS
that could not be delivered falls back to email or the call list.
"""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response, post
from litestar.di import NamedDependency, Provide
from litestar.types import ControllerRouterHandler

from parentinfo.errors import Forbidden
from parentinfo.messaging.signatures import public_address, twilio_signed
from parentinfo.outreach.delivery.status import record_sms_status
from parentinfo.runtime import current_settings
from parentinfo.settings import Settings

logger = logging.getLogger(__name__)


def signature_ok(request: Request[Any, Any, Any], params: Any, settings: Settings) -> bool:
    """True when ``X-Twilio-Signature`` matches over ``PUBLIC_URL`` + path + query."""
    return twilio_signed(
        settings,
        url=public_address(settings, request.url.path, request.url.query),
        params=params,
        signature=request.headers.get("x-twilio-signature", ""),
        settings_header=request.headers.get("x-twilio-webhooks-signature-settings"),
    )


@post(
    "/webhooks/twilio/status",
    status_code=204,
    include_in_schema=False,
    dependencies={"settings": Provide(current_settings, sync_to_thread=False)},
)
async def twilio_status(
    request: Request[Any, Any, Any], settings: NamedDependency[Settings]
) -> Response[None]:
    """Record one delivery status; 403 when the signature does not match."""
    form = await request.form()
    if not signature_ok(request, form, settings):
        raise Forbidden("The request is not signed by Twilio.")
    message_id = request.query_params.get("message")
    await record_sms_status(
        provider_id=str(form.get("MessageSid") or form.get("SmsSid") or ""),
        status=str(form.get("MessageStatus") or form.get("SmsStatus") or ""),
        error_code=str(form.get("ErrorCode") or ""),
        message_id=int(message_id) if message_id and message_id.isdigit() else None,
    )
    return Response(content=None, status_code=204)


routes: list[ControllerRouterHandler] = [twilio_status]
