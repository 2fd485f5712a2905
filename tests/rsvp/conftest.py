"""An app configured for Twilio (auth token set), and a client that signs like Twilio does."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from twilio.request_validator import RequestValidator

from parentinfo.app import create_app
from tests.conftest import test_settings

AUTH_TOKEN = "twilio-test-auth-token-0123456789abcdef"
PUBLIC_URL = "https://parentinfo.test"
WEBHOOK = "/webhooks/twilio/sms"
OUR_NUMBER = "+3197010203040"
_sids = itertools.count(1)


def new_sid() -> str:
    """A fresh Twilio-looking message SID."""
    return f"SM{next(_sids):032d}"


def signed_headers(params: dict[str, str], token: str = AUTH_TOKEN) -> dict[str, str]:
    """The headers Twilio sends with ``params``, signed over PUBLIC_URL + path."""
    signature = RequestValidator(token).compute_signature(PUBLIC_URL + WEBHOOK, params)
    return {"X-Twilio-Signature": signature}


class Phone:
    """A parent's phone talking to the webhook through the app."""

    def __init__(self, client: httpx.AsyncClient, number: str) -> None:
        self.client = client
        self.number = number

    async def send(self, body: str, *, sid: str | None = None) -> httpx.Response:
        """Send ``body`` as an inbound SMS, signed; returns the webhook's response."""
        params = {
            "MessageSid": sid or new_sid(),
            "AccountSid": "AC" + "0" * 32,
            "From": self.number,
            "To": OUR_NUMBER,
            "Body": body,
            "NumMedia": "0",
        }
        return await self.client.post(WEBHOOK, data=params, headers=signed_headers(params))


@pytest.fixture
async def twilio_app(database_url: str, var_dir: Path) -> AsyncIterator[Litestar]:
    """The app with SMS_BACKEND=twilio and a known auth token."""
    settings = test_settings(
        database_url,
        var_dir,
        SMS_BACKEND="twilio",
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_ACCOUNT_SID="AC" + "0" * 32,
        TWILIO_FROM=OUR_NUMBER,
        TWILIO_API_BASE="http://127.0.0.1:9",
    )
    application = create_app(settings)
    async with application.lifespan():
        yield application


@pytest.fixture
async def twilio_client(twilio_app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for :func:`twilio_app`."""
    transport = httpx.ASGITransport(app=twilio_app)
    async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as http:
        yield http
