"""A real SMTP server (aiosmtpd) that keeps what it receives, refuses or answers late as told."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class MailBox:
    """What the server received, and which recipients it refuses (address → SMTP reply)."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    slow_answers: int = 0  # this many messages are kept, then answered only after answer_delay
    answer_delay: float = 0.0

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, _server: Any, _session: Any, envelope: Any, address: str, _options: Any
    ) -> str:
        """Accept a recipient, unless told to refuse it."""
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        """Keep the message."""
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        if self.slow_answers:
            # Kept (it will reach the parent), but the client may stop waiting for the 250.
            self.slow_answers -= 1
            await asyncio.sleep(self.answer_delay)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """Messages addressed to ``address``."""
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_smtp() -> tuple[MailBox, Controller]:
    """Start an SMTP server on 127.0.0.1 at a free port (``controller.port``)."""
    box = MailBox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    return box, controller
