"""WhatsApp's customer-service window: for 24 hours after a parent last wrote to us on a
channel, we may answer with free text; outside it, only an approved template (error 63016).

The inbound webhooks note each message (:func:`note_inbound`); the sender asks
:func:`window_open` before choosing between text and template.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from parentinfo.lib.enums import Channel
from parentinfo.messaging.models import ChannelWindow

WINDOW = timedelta(hours=24)
# Twilio counts from its own receipt of the parent's message; ours comes a little later, so
# a send in the last minutes of our window may already fall outside Twilio's.
SAFETY_MARGIN = timedelta(minutes=5)


def open_at(last_inbound: datetime | None, at: datetime) -> bool:
    """True when a parent who last wrote at ``last_inbound`` may get free text at ``at``."""
    if last_inbound is None:
        return False
    return last_inbound <= at < last_inbound + WINDOW - SAFETY_MARGIN


async def note_inbound(contact_ids: list[int], channel: Channel, at: datetime) -> None:
    """Record that these contacts (one number, perhaps several organisations) wrote at ``at``."""
    for contact_id in dict.fromkeys(contact_ids):
        updated = await ChannelWindow.filter(
            contact_id=contact_id, channel=channel, last_inbound_at__lt=at
        ).update(last_inbound_at=at)
        if not updated:
            await ChannelWindow.get_or_create(
                contact_id=contact_id, channel=channel, defaults={"last_inbound_at": at}
            )


async def window_open(contact_id: int, channel: Channel, at: datetime) -> bool:
    """True when ``contact_id`` wrote to us on ``channel`` recently enough for free text."""
    row = await ChannelWindow.get_or_none(contact_id=contact_id, channel=channel)
    return open_at(row.last_inbound_at if row else None, at)
