"""A parent the SMS did not reach gets the same message by email, or a volunteer's call.

Called when an SMS failed for good (a permanent error, or too many retries) and when
Twilio reports it undelivered or failed. Running it twice changes nothing twice: the
email is deduplicated like any other message, and the call list is a flag.
"""

from __future__ import annotations

import logging

from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.audience.selection import Route, route_for
from parentinfo.outreach.composing.context import event_facts
from parentinfo.outreach.composing.enqueue import Recipient, queue_messages
from parentinfo.outreach.sending.outbox import CALL_KINDS, FALLBACK_KINDS
from parentinfo.rsvp.models import Invitation

logger = logging.getLogger(__name__)


async def fall_back(*, message_id: int) -> str:
    """Try the next way to reach the parent of a failed message: "email", "call" or "none"."""
    message = await OutboundMessage.get_or_none(id=message_id).select_related(
        "contact", "invitation", "event"
    )
    if message is None or message.invitation is None or message.contact is None:
        return "none"
    kind = MessageKind(message.kind)
    if kind not in FALLBACK_KINDS or message.event is None:
        return "none"
    contact = ContactRow.of(message.contact)
    route = route_for(contact, avoid=Channel(message.channel))
    if route == Route.NONE:
        return "none"  # opted out in the meantime: nobody follows up
    if route == Route.EMAIL and message.channel == Channel.SMS:
        facts = await event_facts(message.event)
        invitation = InvitationRow.of(message.invitation)
        recipient = Recipient(invitation, contact, Channel.EMAIL)
        await queue_messages(
            facts,
            kind=kind,
            recipients=[recipient],
            created_by_id=message.created_by_id,  # type: ignore[attr-defined]
        )
        logger.info("message %s: falling back to email", message.id)
        return "email"
    if kind in CALL_KINDS:
        await put_on_call_list(message.invitation.id)
        return "call"
    return "none"


async def put_on_call_list(invitation_id: int) -> None:
    """Ask the organisation's volunteers to phone this parent."""
    await Invitation.filter(id=invitation_id, to_call=False).update(to_call=True, called_at=None)
