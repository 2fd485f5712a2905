"""The SMS and mail senders behind small interfaces; the lifespan picks one of each.

The outreach feature fills in the Twilio and SMTP senders; the embedded backends below
deliver into the database, where the phone simulator and the mail outbox pages show them.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

from parentinfo.settings import Settings


@dataclass(frozen=True)
class SmsResult:
    """What the provider said about one SMS it accepted."""

    provider_id: str
    status: str = "sent"


class SmsSender(Protocol):
    """Sends one SMS; raises ``SendError`` subclasses that say whether to retry."""

    async def send_sms(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Hand one SMS to the provider."""
        ...


class MailSender(Protocol):
    """Sends one email message (an ``email.message.EmailMessage``)."""

    async def send_mail(self, message: object) -> None:
        """Hand one message to the mail server."""
        ...


class SimulatorSms:
    """Embedded mode: nothing leaves the machine; the simulator page reads the outbox."""

    async def send_sms(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Accept the SMS at once and call it delivered."""
        del to, body, status_callback
        return SmsResult(provider_id=f"SM{uuid.uuid4().hex}", status="delivered")


class OutboxMail:
    """Embedded mode: mail stays in the outbox page."""

    async def send_mail(self, message: object) -> None:
        """Accept the message; the outbox row already holds everything shown."""
        del message


@asynccontextmanager
async def open_providers(settings: Settings) -> AsyncIterator[tuple[SmsSender, MailSender]]:
    """Open the configured senders for the lifetime of a process, and close them after."""
    del settings
    yield SimulatorSms(), OutboxMail()
