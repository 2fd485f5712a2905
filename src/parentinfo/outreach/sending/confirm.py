"""Asking Twilio whether an earlier attempt at an SMS went out, before it is sent again.

An attempt whose answer never came (a timeout, a 5xx, a worker that died mid-send) may
well have created the message: Twilio can take longer to answer than we wait. Sending
again blindly gives the parent two SMS. Both the retry of a failed attempt and the
lost-send recovery therefore look the message up first, in the same way: the newest
messages to that number, one with the same text created since the attempt began, and not
already the provider id of another row (two rows with the same text to one number).
A call is looked up the same way, by number and time (:mod:`parentinfo.outreach.voice.lost`):
a call has no text to match.
"""

from __future__ import annotations

from datetime import datetime

from parentinfo.lib.enums import Channel
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import SmsResult
from parentinfo.outreach.voice.lost import find_placed_call
from parentinfo.runtime import runtime

# The channels whose provider can be asked what it already sent (SMS and WhatsApp, by the
# same Twilio message list; a WhatsApp template's message carries its filled-in text; calls
# by Twilio's call list).
ASKABLE = frozenset({Channel.SMS, Channel.WHATSAPP, Channel.VOICE})


async def find_earlier_send(message: OutboundMessage, *, since: datetime) -> SmsResult | None:
    """The SMS an attempt since ``since`` already gave Twilio for ``message``, or None.

    Raises :class:`~parentinfo.messaging.providers.SendError` when Twilio cannot be asked;
    the caller must then not send, since the answer is still unknown.
    """
    if not message.to_address or message.channel not in ASKABLE:
        return None
    if message.channel == Channel.VOICE:
        return await find_placed_call(message, since=since)
    sender = runtime().whatsapp if message.channel == Channel.WHATSAPP else runtime().sms
    found = await sender.find_sent(to=message.to_address, body=message.body, since=since)
    if found is None:
        return None
    taken = (
        await OutboundMessage.filter(provider_id=found.provider_id).exclude(id=message.id).exists()
    )
    return None if taken else found
