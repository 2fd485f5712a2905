"""What a permanent SMS or WhatsApp error says about the parent: opted out, a number that
cannot take an SMS, or one without WhatsApp. Read from the API's answer (dispatch) and from
delivery reports (status)."""

from __future__ import annotations

from parentinfo.contacts.optout import set_opt_out
from parentinfo.lib.enums import Channel, ConsentMethod
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import (
    RecipientInvalid,
    RecipientOptedOut,
    SendError,
    WhatsAppUnavailable,
)


async def mark_contact(message: OutboundMessage, error: SendError) -> None:
    """Record what a permanent SMS error says about the parent: opted out, or a bad number."""
    contact = message.contact
    if contact is None or message.channel not in (Channel.SMS, Channel.WHATSAPP):
        return
    if isinstance(error, WhatsAppUnavailable) and error.no_account:
        # 63003: the number has no WhatsApp; SMS takes over from now on, for good.
        contact.whatsapp_invalid = True
        await contact.save(update_fields=["whatsapp_invalid"])
    elif isinstance(error, RecipientOptedOut):
        # The number replied STOP to our sender; one opt-out covers SMS and email alike.
        await set_opt_out(
            contact=contact, sms=True, email=True, method=ConsentMethod.SMS, note="Twilio 21610"
        )
    elif isinstance(error, RecipientInvalid):
        contact.mobile_invalid = True
        await contact.save(update_fields=["mobile_invalid"])
