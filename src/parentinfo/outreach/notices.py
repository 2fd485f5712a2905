"""Change and cancellation notices, queued when an event moves or is cancelled.

Parents who already heard about the event (a message reached them, or they answered) get
a notice; an invitation still waiting in the outbox is rewritten with the new details
instead, so nobody gets an invitation with the old time followed by a correction. For the
same reason a change notice not sent yet (held for quiet hours, or behind the send rate)
is withheld as superseded when the event moves again: the new notice names the current
time and place, and also says what the withheld one would have said had moved.
"""

from __future__ import annotations

from datetime import datetime

from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, EventStatus, MessageKind, MessageStatus
from parentinfo.messaging.post import sending
from parentinfo.outreach.context import event_facts
from parentinfo.outreach.enqueue import Recipient, queue_messages
from parentinfo.outreach.models import OutboundMessage
from parentinfo.outreach.outbox import ids_in
from parentinfo.outreach.recipients import mark_to_call, pairs_of, recipients_for
from parentinfo.outreach.refresh import refresh_pending
from parentinfo.outreach.states import dedupe_key
from parentinfo.rsvp.models import Invitation

REACHED = (MessageStatus.SENDING, MessageStatus.SENT, MessageStatus.DELIVERED)


async def queue_change_notices(
    *, event: Event, time_changed: bool = False, place_changed: bool = False
) -> int:
    """Queue a change notice (SMS/email, with an updated calendar) to everyone invited."""
    if event.status != EventStatus.PUBLISHED or event.ends_at <= now():
        return 0
    facts = await event_facts(event)
    # A scheduled invitation or nudge that has not left yet gets the new time, not a correction.
    await refresh_pending(
        facts, kinds=(MessageKind.INVITATION, MessageKind.REMINDER, MessageKind.NUDGE)
    )
    invitations = await _informed_invitations(event)
    routed = await recipients_for(pairs_of(invitations), event_id=event.id)
    await mark_to_call(routed.to_call)
    rows: list[tuple[int, datetime | None]] = []
    async with sending():
        unheard = await _supersede_unsent_notices(event)
        for (time_moved, place_moved), recipients in _by_changes(
            routed.recipients, unheard, time_changed=time_changed, place_changed=place_changed
        ).items():
            queued = await queue_messages(
                facts,
                kind=MessageKind.CHANGE,
                recipients=recipients,
                time_changed=time_moved,
                place_changed=place_moved,
            )
            rows += queued.rows
    return len(rows)


async def _supersede_unsent_notices(event: Event) -> dict[int, set[str]]:
    """Withhold the event's unsent change notices of earlier versions; returns what each
    one said moved, by invitation.

    One the dispatcher takes meanwhile goes as it is; the new notice repeats what it said.
    """
    pending = await OutboundMessage.filter(
        event_id=event.id, kind=MessageKind.CHANGE, status=MessageStatus.PENDING
    ).values_list("id", "invitation_id", "channel", "changes", "dedupe_key")
    older = [
        (message_id, invitation_id, changes)
        for message_id, invitation_id, channel, changes, key in pending
        if invitation_id is not None
        and key != dedupe_key(MessageKind.CHANGE, invitation_id, Channel(channel), event.sequence)
    ]
    await OutboundMessage.filter(
        id__in=[message_id for message_id, _, _ in older], status=MessageStatus.PENDING
    ).update(status=MessageStatus.WITHHELD, withheld_reason="superseded")
    unheard: dict[int, set[str]] = {}
    for _, invitation_id, changes in older:
        unheard.setdefault(invitation_id, set()).update(str(changes).split())
    return unheard


def _by_changes(
    recipients: list[Recipient],
    unheard: dict[int, set[str]],
    *,
    time_changed: bool,
    place_changed: bool,
) -> dict[tuple[bool, bool], list[Recipient]]:
    """Recipients grouped by what their notice says moved: this change, and any unheard one."""
    groups: dict[tuple[bool, bool], list[Recipient]] = {}
    for recipient in recipients:
        earlier = unheard.get(recipient.invitation.id, set())
        moved = (time_changed or "time" in earlier, place_changed or "place" in earlier)
        groups.setdefault(moved, []).append(recipient)
    return groups


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
    async with sending():
        queued = await queue_messages(
            facts, kind=MessageKind.CANCELLATION, recipients=routed.recipients
        )
    return queued.count


async def _informed_invitations(event: Event) -> list[Invitation]:
    """Invitations whose parent heard of the event: reached by a message, or answered."""
    reached = OutboundMessage.filter(event_id=event.id, status__in=REACHED)
    reached_ids = set(await ids_in(reached, "invitation_id"))
    invitations = await Invitation.filter(
        event_id=event.id, walk_in=False, contact_id__isnull=False
    ).select_related("contact")
    return [i for i in invitations if i.id in reached_ids or i.answer != Answer.NONE]
