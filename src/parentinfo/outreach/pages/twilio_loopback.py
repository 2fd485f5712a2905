"""The simulators speak to our own webhooks exactly as Twilio would: the same form, signed.

A press in the phone simulator becomes the signed POST Twilio would send, handled by the
same webhook a real message or call reaches. The signature is made with the token the
webhooks check (``SECRET_KEY`` in the embedded mode) over the address under ``PUBLIC_URL``,
and the request goes to the application itself, in this process, never over the network.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from litestar import Request
from twilio.request_validator import RequestValidator

from parentinfo.messaging.signatures import public_address, signing_token
from parentinfo.runtime import runtime


async def post_as_twilio(
    request: Request[Any, Any, Any], path: str, params: Mapping[str, str]
) -> httpx.Response:
    """POST ``params`` to our own ``path`` (with its query) as Twilio would, signed."""
    settings = runtime().settings
    bare, _, query = path.partition("?")
    url = public_address(settings, bare, query)
    signature = RequestValidator(signing_token(settings)).compute_signature(url, dict(params))
    transport = httpx.ASGITransport(app=request.app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=settings.public_url) as client:
        return await client.post(path, data=dict(params), headers={"X-Twilio-Signature": signature})
