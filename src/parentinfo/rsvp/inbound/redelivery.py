"""A message Twilio delivers again (same ``MessageSid``): answered from the reply it got.

Twilio redelivers when our answer was slow or lost. Looking the id up first means a
redelivery reads one indexed row and nothing else: no sender lookup, no answer, no lock
on the event. (Two copies arriving at the same moment both miss here; the unique index on
the inbox row still turns the second into a rollback and the same reply.)
"""

from __future__ import annotations

from parentinfo.rsvp.models import InboundMessage


async def stored_reply(message_sid: str) -> str | None:
    """The reply stored the first time this message came, or None for a new message."""
    stored = (
        await InboundMessage.filter(provider_id=message_sid)
        .first()
        .values_list("reply_body", flat=True)
    )
    return None if stored is None else str(stored)
