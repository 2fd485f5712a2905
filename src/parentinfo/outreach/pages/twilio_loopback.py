"""The simulator speaking as Twilio: a signed webhook sent through the app itself.

A tap on a simulated WhatsApp button (or a key pressed on a simulated call) must take the
very path a real one takes: the signature check, the parsing, the idempotency on the
message id. So the simulator does not call the handling code; it signs the form the way
the webhook checks it (``messaging.signatures``: Twilio's auth token, else the service's
``SECRET_KEY``, over ``PUBLIC_URL`` + path) and posts it to the running app over HTTP, in
the same process (``httpx.ASGITransport``): no port, no proxy, no ``PUBLIC_URL`` that must
resolve from inside the machine.
"""

from __future__ import annotations

from typing import Any, NamedTuple, cast

import httpx
from litestar import Request
from twilio.request_validator import RequestValidator

from parentinfo.messaging.signatures import public_address, signing_token
from parentinfo.runtime import runtime

FORM = "application/x-www-form-urlencoded"
TIMEOUT_SECONDS = 30.0


class TwilioAnswer(NamedTuple):
    """What the webhook answered: its status code and its body (TwiML, or an error)."""

    status: int
    body: str


def twilio_signature(path: str, params: dict[str, str]) -> str:
    """The ``X-Twilio-Signature`` Twilio would send with ``params`` to ``path``."""
    settings = runtime().settings
    url = public_address(settings, path)
    return str(RequestValidator(signing_token(settings)).compute_signature(url, params))


async def post_as_twilio(
    request: Request[Any, Any, Any], path: str, params: dict[str, str]
) -> TwilioAnswer:
    """Post ``params`` to ``path`` of this app, signed as Twilio signs; the webhook's answer.

    ``request`` is the page's request: its ``app`` is the application to call.
    """
    headers = {"X-Twilio-Signature": twilio_signature(path, params), "Content-Type": FORM}
    # Litestar's __call__ is typed with its own event types; httpx's with plain mappings.
    transport = httpx.ASGITransport(app=cast("Any", request.app))
    base = runtime().settings.public_url
    async with httpx.AsyncClient(
        transport=transport, base_url=base, timeout=TIMEOUT_SECONDS
    ) as client:
        response = await client.post(path, data=params, headers=headers)
    return TwilioAnswer(response.status_code, response.text)
