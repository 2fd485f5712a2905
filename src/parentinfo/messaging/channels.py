"""A channel is one small unit: its address rule, its length and cost rule, whether quiet
hours hold it, and how its provider's statuses read as ours.

SMS, email, WhatsApp and a spoken call: each is one :class:`ChannelRule` in
:data:`CHANNELS`, not a change to the features that send.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.segments import count_segments

S = MessageStatus

# Twilio's MessageStatus values, as our statuses; the ones before "sent" add nothing.
TWILIO_STATUS: dict[str, MessageStatus] = {
    "accepted": S.SENDING,
    "scheduled": S.SENDING,
    "queued": S.SENDING,
    "sending": S.SENDING,
    "sent": S.SENT,
    "delivered": S.DELIVERED,
    "read": S.READ,  # WhatsApp only
    "undelivered": S.UNDELIVERED,
    "failed": S.FAILED,
    "canceled": S.FAILED,
}

# Twilio's CallStatus values (twilio.com/docs/voice/api/call-resource#call-status-values):
# a call that rang and was answered is "completed"; busy and no-answer may be tried again.
TWILIO_CALL_STATUS: dict[str, MessageStatus] = {
    "queued": S.SENDING,
    "initiated": S.SENDING,
    "ringing": S.SENDING,
    "in-progress": S.SENT,
    "completed": S.DELIVERED,
    "busy": S.UNDELIVERED,
    "no-answer": S.UNDELIVERED,
    "failed": S.FAILED,
    "canceled": S.FAILED,
}


def e164(address: str | None) -> bool:
    """A number in E.164 form (``+`` and digits)."""
    return bool(address) and str(address).startswith("+") and str(address)[1:].isdigit()


@dataclass(frozen=True)
class Cost:
    """What one message costs on its channel: encoding and parts (SMS), nothing for mail."""

    encoding: str = ""
    segments: int = 0


class ChannelRule(Protocol):
    """The rules of one channel that the core applies to every message on it."""

    @property
    def channel(self) -> Channel:
        """Which channel these rules are for."""

    @property
    def quiet_hours(self) -> bool:
        """True when messages wait through quiet hours (a phone would buzz at night)."""

    def address_ok(self, address: str | None) -> bool:
        """True when ``address`` can be written to on this channel."""

    def cost(self, body: str) -> Cost:
        """What sending ``body`` costs."""

    def status(self, provider_status: str) -> MessageStatus | None:
        """The provider's status report as ours (None: not one we know)."""


@dataclass(frozen=True)
class SmsRule:
    """SMS: an E.164 number, paid per segment, quiet at night, Twilio's statuses."""

    channel: Channel = Channel.SMS
    quiet_hours: bool = True

    def address_ok(self, address: str | None) -> bool:
        """A number in E.164 form (``+`` and digits)."""
        return e164(address)

    def cost(self, body: str) -> Cost:
        """GSM-7 or UCS-2, and how many parts."""
        info = count_segments(body)
        return Cost(encoding=info.encoding, segments=info.segments)

    def status(self, provider_status: str) -> MessageStatus | None:
        """Twilio's ``MessageStatus``, case-insensitive."""
        return TWILIO_STATUS.get(provider_status.lower())


@dataclass(frozen=True)
class EmailRule:
    """Email: an address with an ``@``, no per-message cost, sent at any hour."""

    channel: Channel = Channel.EMAIL
    quiet_hours: bool = False

    def address_ok(self, address: str | None) -> bool:
        """Something at a domain."""
        return bool(address) and "@" in str(address)

    def cost(self, body: str) -> Cost:
        """Mail costs nothing per message."""
        del body
        return Cost()

    def status(self, provider_status: str) -> MessageStatus | None:
        """SMTP reports no statuses after acceptance."""
        del provider_status
        return None


@dataclass(frozen=True)
class WhatsAppRule:
    """WhatsApp: the mobile in E.164 (the sender adds ``whatsapp:``), one price per message
    whatever its length, quiet at night like SMS, Twilio's message statuses."""

    channel: Channel = Channel.WHATSAPP
    quiet_hours: bool = True

    def address_ok(self, address: str | None) -> bool:
        """A number in E.164 form."""
        return e164(address)

    def cost(self, body: str) -> Cost:
        """One message, however long (WhatsApp allows 1,024 characters in a template)."""
        del body
        return Cost(segments=1)

    def status(self, provider_status: str) -> MessageStatus | None:
        """Twilio's ``MessageStatus`` (WhatsApp adds "read")."""
        return TWILIO_STATUS.get(provider_status.lower())


@dataclass(frozen=True)
class VoiceRule:
    """A spoken call: the mobile in E.164, paid per minute (counted when the call ends),
    never at night; calls also keep to ``CALL_HOURS``, which the call feature applies."""

    channel: Channel = Channel.VOICE
    quiet_hours: bool = True

    def address_ok(self, address: str | None) -> bool:
        """A number in E.164 form."""
        return e164(address)

    def cost(self, body: str) -> Cost:
        """Nothing is known before the call: its minutes are priced from the setting."""
        del body
        return Cost()

    def status(self, provider_status: str) -> MessageStatus | None:
        """Twilio's ``CallStatus``."""
        return TWILIO_CALL_STATUS.get(provider_status.lower())


CHANNELS: dict[Channel, ChannelRule] = {
    Channel.SMS: SmsRule(),
    Channel.EMAIL: EmailRule(),
    Channel.WHATSAPP: WhatsAppRule(),
    Channel.VOICE: VoiceRule(),
}


def rule_for(channel: Channel) -> ChannelRule:
    """The rules of ``channel``; a channel without rules is a programming error."""
    return CHANNELS[Channel(channel)]
