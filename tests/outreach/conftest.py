"""Outreach fixtures: the app wired to a fake Twilio over HTTP and a real SMTP server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from litestar import Litestar

from parentinfo.app import create_app
from parentinfo.settings import Settings
from tests.conftest import test_settings
from tests.fakes.smtp_server import MailBox, start_smtp
from tests.fakes.twilio_server import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    FROM_NUMBER,
    FakeTwilio,
    start_fake_twilio,
)


@pytest.fixture
async def twilio() -> AsyncIterator[FakeTwilio]:
    """A fake Twilio API on a free local port."""
    fake, runner = await start_fake_twilio()
    yield fake
    await runner.cleanup()


@pytest.fixture
def smtp() -> Iterator[MailBox]:
    """A real SMTP server on a free local port; ``smtp.port`` says which."""
    box, controller = start_smtp()
    box.port = controller.port  # type: ignore[attr-defined]
    yield box
    controller.stop()


def wired_settings(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox, **overrides: str
) -> Settings:
    """Settings that send SMS to the fake Twilio and mail to the SMTP server."""
    values = {
        "SMS_BACKEND": "twilio",
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_FROM": FROM_NUMBER,
        "TWILIO_API_BASE": twilio.url,
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp.port),  # type: ignore[attr-defined]
        "SMS_RATE": "1000",
        "QUIET_HOURS": "00:00-00:00",  # an empty window: tests run at any hour
    }
    values.update(overrides)
    return test_settings(database_url, var_dir, **values)


@pytest.fixture
def wired(database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox) -> Settings:
    """Settings for the wired app."""
    return wired_settings(database_url, var_dir, twilio, smtp)


@pytest.fixture
async def wired_app(wired: Settings) -> AsyncIterator[Litestar]:
    """The app with Twilio and SMTP backends, its lifespan open."""
    application = create_app(wired)
    async with application.lifespan():
        yield application


@pytest.fixture
async def api(wired_app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client to the wired app."""
    transport = httpx.ASGITransport(app=wired_app)
    async with httpx.AsyncClient(transport=transport, base_url="https://parentinfo.test") as http:
        yield http
