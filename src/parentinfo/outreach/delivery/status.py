"""Delivery reports from Twilio, applied to the outbox: forward only, exactly once.

A report may overtake our own "sent" bookkeeping (Twilio can call back before its API
answer reaches us), so the row is found by Twilio's id or, failing that, by our own id
in the callback address. A report that would move a status backwards is ignored.
"""

from __future__ import annotations

import logging

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.channels import rule_for
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import twilio_permanent
from parentinfo.outreach.delivery.numbers import mark_contact
from parentinfo.outreach.sending import outbox
from parentinfo.outreach.sending.fallback import fall_back
from parentinfo.outreach.sending.outbox import may_move

logger = logging.getLogger(__name__)

# The channels whose reports come here: SMS and WhatsApp share Twilio's message statuses
# (WhatsApp adds "read", after "delivered").
TWILIO_CHANNELS = (Channel.SMS, Channel.WHATSAPP)
ATTEMPTS = 3  # re-read and retry when our own bookkeeping moved the row meanwhile


async def find_message(provider_id: str, message_id: int | None) -> OutboundMessage | None:
    """The SMS or WhatsApp row a report is about: by Twilio's id, else by our id if it has
    no other."""
    if provider_id:
        found = await OutboundMessage.get_or_none(provider_id=provider_id)
        if found is not None:
            return found
    if message_id is None:
        return None
    found = await OutboundMessage.get_or_none(id=message_id, channel__in=TWILIO_CHANNELS)
    if found is None or found.provider_id not in (None, provider_id):
        return None
    return found


async def record_sms_status(
    *, provider_id: str, status: str, error_code: str = "", message_id: int | None = None
) -> bool:
    """Apply one delivery report; True when the row moved (and fallback ran if it failed)."""
    new = rule_for(Channel.SMS).status(status)
    if new is None or not provider_id:
        return False
    for _ in range(ATTEMPTS):
        message = await find_message(provider_id, message_id)
        if message is None:
            logger.info("status %s for an SMS we do not know", status)
            return False
        if not may_move(MessageStatus(message.status), new):
            return False
        if await outbox.advance(message, new, **_fields(message, new, provider_id, error_code)):
            if new in (MessageStatus.UNDELIVERED, MessageStatus.FAILED):
                await _after_failure(message.id, error_code)
            return True
    return False


def _fields(
    message: OutboundMessage, new: MessageStatus, provider_id: str, error_code: str
) -> dict[str, object]:
    fields: dict[str, object] = {}
    if message.provider_id is None:
        fields["provider_id"] = provider_id
    if message.sent_at is None and new != MessageStatus.SENDING:
        fields["sent_at"] = now()
    if new in (MessageStatus.DELIVERED, MessageStatus.READ) and message.delivered_at is None:
        fields["delivered_at"] = now()  # "read" may come without "delivered" before it
    if new in (MessageStatus.UNDELIVERED, MessageStatus.FAILED):
        fields["error_code"] = error_code
        fields["error_message"] = f"Twilio reported {new.value}" + (
            f" (error {error_code})" if error_code else ""
        )
    return fields


async def _after_failure(message_id: int, error_code: str) -> None:
    message = await OutboundMessage.get(id=message_id).select_related("contact")
    error = twilio_permanent(error_code, "undelivered")
    await mark_contact(message, error)
    await fall_back(message_id=message_id)
