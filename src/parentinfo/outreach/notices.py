"""Change and cancellation notices, queued when an event moves or is cancelled.

Parents who already heard about the event (a message reached them, or they answered) get
a notice; an invitation still waiting in the outbox is rewritten with the new details
instead, so nobody gets an invitation with the old time followed by a correction.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, EventStatus, MessageKind, MessageStatus
from parentinfo.outreach.context import event_facts
from parentinfo.outreach.enqueue import queue_messages
from parentinfo.outreach.jobs import defer_rows
from parentinfo.outreach.models import OutboundMessage
from parentinfo.outreach.outbox import ids_in
from parentinfo.outreach.recipients import mark_to_call, pairs_of, recipients_for
from parentinfo.outreach.refresh import refresh_pending
from parentinfo.rsvp.models import Invitation

REACHED = (MessageStatus.SENDING, MessageStatus.SENT, MessageStatus.DELIVERED)


async def queue_change_notices(
    *, event: Event, time_changed: bool = False, place_changed: bool = False
) -> int:
    """Queue a change notice (SMS/email, with an updated calendar) to everyone invited."""
    if event.status != EventStatus.PUBLISHED or event.ends_at <= now():
        return 0
    facts = await event_facts(event)
    await refresh_pending(facts, kinds=(MessageKind.INVITATION, MessageKind.REMINDER))
    invitations = await _informed_invitations(event)
    routed = await recipients_for(pairs_of(invitations), event_id=event.id)
    await mark_to_call(routed.to_call)
    async with in_transaction():
        queued = await queue_messages(
            facts,
            kind=MessageKind.CHANGE,
            recipients=routed.recipients,
            time_changed=time_changed,
            place_changed=place_changed,
        )
    await defer_rows(queued.rows)
    return queued.count


async def queue_cancellations(*, event: Event) -> int:
    """Queue a cancellation (SMS/email, with an iTIP CANCEL) to everyone invited."""
    await (
        OutboundMessage.filter(event_id=event.id, status=MessageStatus.PENDING)
        .exclude(kind=MessageKind.CANCELLATION)
        .update(status=MessageStatus.WITHHELD, withheld_reason="cancelled_event")
    )
    if event.ends_at <= now():
        return 0
    facts = await event_facts(event)
    invitations = await _informed_invitations(event)
    routed = await recipients_for(pairs_of(invitations), event_id=event.id)
    await mark_to_call(routed.to_call)
    async with in_transaction():
        queued = await queue_messages(
            facts, kind=MessageKind.CANCELLATION, recipients=routed.recipients
        )
    await defer_rows(queued.rows)
    return queued.count


async def _informed_invitations(event: Event) -> list[Invitation]:
    """Invitations whose parent heard of the event: reached by a message, or answered."""
    reached = OutboundMessage.filter(event_id=event.id, status__in=REACHED)
    reached_ids = set(await ids_in(reached, "invitation_id"))
    invitations = await Invitation.filter(
        event_id=event.id, walk_in=False, contact_id__isnull=False
    ).select_related("contact")
    return [i for i in invitations if i.id in reached_ids or i.answer != Answer.NONE]
