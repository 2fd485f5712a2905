"""The outbox tables, which the messaging core owns (kept here for the features' imports)."""

from __future__ import annotations

from parentinfo.messaging.models import OutboundMessage, SendRate

__all__ = ["OutboundMessage", "SendRate"]
