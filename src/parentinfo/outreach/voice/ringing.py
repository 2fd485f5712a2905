"""What the phone simulator's call view reads: calls ringing, calls waiting, who may call in.

Embedded mode only. A call placed through the simulator's voice sender is an outbox row
with Twilio's CallSid (``provider_id``) and no final status yet: it rings until someone
picks up, declines or lets it ring in the simulator. A user sees only what the outbox shows
them (``outreach.lists.messages``): their organisation's calls, to contacts they may see.
"""

from __future__ import annotations

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.access import MAX_ID, contact_query_for
from parentinfo.contacts.models import Contact
from parentinfo.errors import NotFound
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.lists.messages import message_query_for

# Placed and not ended: the provider took the call (queued, ringing, or answered and going on).
RINGING = (MessageStatus.SENDING, MessageStatus.SENT)
MAX_LISTED = 100
MAX_CALLERS = 500


async def ringing_calls(*, actor: Actor) -> list[OutboundMessage]:
    """The calls ringing on the simulator's phones, oldest first, with their contacts."""
    query = _calls(actor).filter(status__in=RINGING, provider_id__isnull=False)
    return list(await query.order_by("id").limit(MAX_LISTED).prefetch_related("contact"))


async def waiting_calls(*, actor: Actor) -> list[OutboundMessage]:
    """Calls not placed yet (held for the calling hours or a later time), soonest first."""
    query = _calls(actor).filter(status=MessageStatus.PENDING)
    return list(
        await query.order_by("send_after", "id").limit(MAX_LISTED).prefetch_related("contact")
    )


async def ringing_call(*, actor: Actor, message_id: int) -> OutboundMessage:
    """One call still ringing that ``actor`` may see, else :class:`NotFound`."""
    found = None
    if 0 < message_id <= MAX_ID:
        query = _calls(actor).filter(id=message_id, status__in=RINGING, provider_id__isnull=False)
        found = await query.prefetch_related("contact").first()
    if found is None or found.contact is None:
        raise NotFound("No such call ringing.")
    return found


async def callers(*, actor: Actor) -> list[Contact]:
    """The contacts ``actor`` may see who have a mobile: any of them may call the service."""
    query = contact_query_for(actor).filter(mobile__isnull=False).exclude(mobile="")
    return list(await query.order_by("name", "id").limit(MAX_CALLERS))


async def caller(*, actor: Actor, contact_id: int) -> Contact:
    """One contact ``actor`` may see, with a mobile to call from, else :class:`NotFound`."""
    found = None
    if 0 < contact_id <= MAX_ID:
        found = await contact_query_for(actor).get_or_none(id=contact_id)
    if found is None or not found.mobile:
        raise NotFound("No such contact with a mobile.")
    return found


def _calls(actor: Actor) -> QuerySet[OutboundMessage]:
    visible = Subquery(contact_query_for(actor).values("id"))
    return message_query_for(actor).filter(channel=Channel.VOICE, contact_id__in=visible)
