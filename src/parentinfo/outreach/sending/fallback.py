"""A parent a message did not reach gets the same message on their next channel, or a
volunteer's call.

Called when a message failed for good (a permanent error, or too many retries) and when
Twilio reports it undelivered or failed. The next channel is the organisation's plan with
every channel that already failed for this message skipped: WhatsApp (63016 outside the
window, 63014 blocked, 63003 no WhatsApp), then SMS, then email, then the call list. The
failed row records who took over (its ``error_message`` ends "→ sms"), and the new row is a
message of its own on that channel. STOP on any channel stops them all (``contacts.optout``):
then nobody follows up. Running it twice changes nothing twice: the new message is
deduplicated like any other, and the call list is a flag.

A nudge is one per parent whatever the channel (its dedupe key ``nudge:{invitation}`` has
no channel in it), so the failed row hands its key to the row that takes over, in the same
transaction: one row at a time holds it, the one still trying to reach the parent. A nudge
never goes to the call list (the list already has those parents).
"""

from __future__ import annotations

import logging

from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import sending
from parentinfo.outreach.audience.plan import channel_order, channel_plan
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.audience.selection import ChannelPlan, Route, route_for
from parentinfo.outreach.composing.context import event_facts
from parentinfo.outreach.composing.enqueue import Recipient, queue_messages
from parentinfo.outreach.sending.outbox import CALL_KINDS, FALLBACK_KINDS, ONCE_PER_PARENT
from parentinfo.outreach.whatsapp.readiness import WhatsAppNotReady
from parentinfo.rsvp.models import Invitation

logger = logging.getLogger(__name__)

FAILED = (MessageStatus.FAILED, MessageStatus.UNDELIVERED)
TOOK_OVER = " → "  # "Twilio error 63016 → sms": which channel took over from this row


async def fall_back(*, message_id: int) -> str:
    """Try the next way to reach the parent of a failed message: the channel's name
    ("whatsapp", "sms", "email"), "call" or "none"."""
    message = await OutboundMessage.get_or_none(id=message_id).select_related(
        "contact", "invitation", "event"
    )
    if message is None or message.invitation is None or message.contact is None:
        return "none"
    kind = MessageKind(message.kind)
    if kind not in FALLBACK_KINDS or message.event is None:
        return "none"
    contact = ContactRow.of(message.contact)
    tried = await _failed_channels(message)
    route = route_for(contact, avoid=tried, plan=await _plan(message, kind))
    if route == Route.NONE:
        return "none"  # opted out in the meantime: nobody follows up
    if route in (Route.SMS, Route.EMAIL, Route.WHATSAPP):
        channel = Channel(route.value)
        facts = await event_facts(message.event)
        invitation = InvitationRow.of(message.invitation)
        async with sending():  # the key moves and the new row is written, or neither
            if kind in ONCE_PER_PARENT:
                await _hand_over_key(message)
            await queue_messages(
                facts,
                kind=kind,
                recipients=[Recipient(invitation, contact, channel)],
                created_by_id=message.created_by_id,  # type: ignore[attr-defined]
            )
        await _note_takeover(message, channel.value)
        logger.info("message %s: falling back to %s", message.id, channel.value)
        return channel.value
    if kind in CALL_KINDS:
        await put_on_call_list(message.invitation.id)
        await _note_takeover(message, "call")
        return "call"
    return "none"


async def _hand_over_key(message: OutboundMessage) -> None:
    """Free the failed row's once-per-parent key for the row that takes over from it.

    Run again for the same failure, it frees nothing (the key is gone from this row), and
    the new row is skipped as existing: the row that took over holds the key.
    """
    await OutboundMessage.filter(
        id=message.id, status__in=(*FAILED, MessageStatus.WITHHELD)
    ).update(dedupe_key=None)


async def _failed_channels(message: OutboundMessage) -> set[Channel]:
    """The channels this message already failed on (this row's, and earlier fallbacks')."""
    channels = await OutboundMessage.filter(
        invitation_id=message.invitation.id,  # type: ignore[union-attr]
        kind=message.kind,
        status__in=FAILED,
    ).values_list("channel", flat=True)
    return {Channel(message.channel), *(Channel(str(c)) for c in channels)}


async def _plan(message: OutboundMessage, kind: MessageKind) -> ChannelPlan:
    organisation_id = int(message.invitation.organisation_id)  # type: ignore[union-attr]
    event_id = message.event.id if message.event else None
    try:
        return await channel_plan(organisation_id=organisation_id, kind=kind, event_id=event_id)
    except WhatsAppNotReady:
        # A stored template went wrong since the mailing: the parent is still reached, by
        # the organisation's other channels (the mailing page names what to fix).
        return ChannelPlan(order=await channel_order(organisation_id))


async def _note_takeover(message: OutboundMessage, by: str) -> None:
    """Say on the failed row which channel took over, for staff reading the outbox."""
    if TOOK_OVER in message.error_message:
        return  # a second report of the same failure: the takeover is noted already
    note = f"{message.error_message or message.withheld_reason or 'failed'}{TOOK_OVER}{by}"
    await OutboundMessage.filter(id=message.id).update(error_message=note[:500])


async def put_on_call_list(invitation_id: int) -> None:
    """Ask the organisation's volunteers to phone this parent."""
    await Invitation.filter(id=invitation_id, to_call=False).update(to_call=True, called_at=None)
