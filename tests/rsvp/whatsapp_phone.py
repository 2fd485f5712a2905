"""A parent's WhatsApp talking to ``POST /webhooks/twilio/whatsapp``, signed as Twilio signs."""

from __future__ import annotations

import httpx
from twilio.request_validator import RequestValidator

from tests.rsvp.conftest import AUTH_TOKEN, PUBLIC_URL, new_sid

WHATSAPP_WEBHOOK = "/webhooks/twilio/whatsapp"
OUR_WHATSAPP = "whatsapp:+3197010203041"


def whatsapp_headers(params: dict[str, str], token: str = AUTH_TOKEN) -> dict[str, str]:
    """The headers Twilio sends with ``params`` to the WhatsApp webhook."""
    url = PUBLIC_URL + WHATSAPP_WEBHOOK
    return {"X-Twilio-Signature": RequestValidator(token).compute_signature(url, params)}


class WhatsApp:
    """One parent's WhatsApp: typed messages and button taps."""

    def __init__(self, client: httpx.AsyncClient, number: str, name: str = "Ania") -> None:
        self.client = client
        self.number = number
        self.name = name

    def params(self, body: str, *, sid: str | None = None, **extra: str) -> dict[str, str]:
        """The form Twilio posts for one WhatsApp message from this parent."""
        return {
            "MessageSid": sid or new_sid(),
            "AccountSid": "AC" + "0" * 32,
            "From": f"whatsapp:{self.number}",
            "To": OUR_WHATSAPP,
            "Body": body,
            "NumMedia": "0",
            "ProfileName": self.name,
            "WaId": self.number.lstrip("+"),
            **extra,
        }

    async def send(self, body: str, *, sid: str | None = None) -> httpx.Response:
        """Type ``body`` and send it."""
        params = self.params(body, sid=sid)
        return await self.client.post(
            WHATSAPP_WEBHOOK, data=params, headers=whatsapp_headers(params)
        )

    async def tap(self, payload: str, text: str, *, sid: str | None = None) -> httpx.Response:
        """Tap the quick-reply button ``text`` whose payload is ``payload``."""
        params = self.params(text, sid=sid, ButtonPayload=payload, ButtonText=text)
        return await self.client.post(
            WHATSAPP_WEBHOOK, data=params, headers=whatsapp_headers(params)
        )
