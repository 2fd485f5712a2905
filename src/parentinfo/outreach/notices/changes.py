"""Change and cancellation notices, queued when an event moves or is cancelled.

Parents who already heard about the event (a message reached them, or they answered) get
a notice; an invitation still waiting in the outbox is rewritten with the new details
instead, so nobody gets an invitation with the old time followed by a correction. For the
same reason a change notice not sent yet (held for quiet hours, or behind the send rate)
is withheld as superseded when the event moves again: the new notice names the current
time and place, and also says what the withheld one would have said had moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, EventStatus, MessageKind, MessageStatus
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import post_messages, sending
from parentinfo.outreach.audience.recipients import mark_to_call, pairs_of, recipients_for
from parentinfo.outreach.audience.rows import InvitationRow
from parentinfo.outreach.composing.context import event_facts
from parentinfo.outreach.composing.enqueue import Recipient, compose_drafts
from parentinfo.outreach.composing.refresh import refresh_pending
from parentinfo.outreach.sending.outbox import dedupe_key, ids_in
from parentinfo.rsvp.models import Invitation

REACHED = (
    MessageStatus.SENDING,
    MessageStatus.SENT,
    MessageStatus.DELIVERED,
    MessageStatus.READ,
)


@dataclass
class NoticeDrafts:
    """What telling the parents would send: each draft with its recipient, the parents only
    a volunteer's call reaches, and the earlier unsent notices the new ones replace."""

    drafts: list[tuple[Recipient, Draft]] = field(default_factory=list)
    to_call: list[InvitationRow] = field(default_factory=list)
    superseded: list[int] = field(default_factory=list)


def telling_makes_sense(event: Event) -> bool:
    """Parents hear of a change only of a published event that has not ended."""
    return event.status == EventStatus.PUBLISHED and event.ends_at > now()


async def draft_change_notices(
    event: Event, *, time_changed: bool = False, place_changed: bool = False
) -> NoticeDrafts:
    """The change notices a move of ``event`` (as it is now, maybe not saved) would send.

    Writes nothing: the preview before saving shows these, and saving posts these.
    """
    if not telling_makes_sense(event):
        return NoticeDrafts()
    facts = await event_facts(event)
    routed = await recipients_for(
        pairs_of(await _informed_invitations(event)), event_id=event.id, kind=MessageKind.CHANGE
    )
    superseded, unheard = await _unsent_notices(event)
    plan = NoticeDrafts(to_call=routed.to_call, superseded=superseded)
    for (time_moved, place_moved), recipients in _by_changes(
        routed.recipients, unheard, time_changed=time_changed, place_changed=place_changed
    ).items():
        drafts, _ = await compose_drafts(
            facts,
            kind=MessageKind.CHANGE,
            recipients=recipients,
            time_changed=time_moved,
            place_changed=place_moved,
        )
        plan.drafts += drafts
    return plan


async def queue_change_notices(
    *, event: Event, time_changed: bool = False, place_changed: bool = False
) -> int:
    """Queue a change notice (SMS/email, with an updated calendar) to everyone invited."""
    if not telling_makes_sense(event):
        return 0
    # A scheduled invitation or nudge that has not left yet gets the new time, not a correction.
    await refresh_pending(
        await event_facts(event),
        kinds=(MessageKind.INVITATION, MessageKind.REMINDER, MessageKind.NUDGE),
    )
    plan = await draft_change_notices(event, time_changed=time_changed, place_changed=place_changed)
    await mark_to_call(plan.to_call)
    async with sending():
        await _withhold_superseded(plan.superseded)
        posted = await post_messages([draft for _, draft in plan.drafts], already_checked=True)
    return len(posted.rows)


async def change_without_notices(event: Event) -> int:
    """A move saved without telling: what has not left yet still carries the new details.

    Invitations, reminders and earlier change notices waiting in the outbox are rewritten
    (a notice keeps what it said had moved); nobody gets a new message.
    """
    if not telling_makes_sense(event):
        return 0
    facts = await event_facts(event)
    kinds = (MessageKind.INVITATION, MessageKind.REMINDER, MessageKind.CHANGE)
    return await refresh_pending(facts, kinds=kinds)


async def _unsent_notices(event: Event) -> tuple[list[int], dict[int, set[str]]]:
    """The event's unsent change notices of earlier versions, and what each one said moved,
    by invitation (the new notice repeats it)."""
    pending = await OutboundMessage.filter(
        event_id=event.id, kind=MessageKind.CHANGE, status=MessageStatus.PENDING
    ).values_list("id", "invitation_id", "channel", "changes", "dedupe_key")
    older = [
        (message_id, invitation_id, changes)
        for message_id, invitation_id, channel, changes, key in pending
        if invitation_id is not None
        and key != dedupe_key(MessageKind.CHANGE, invitation_id, Channel(channel), event.sequence)
    ]
    unheard: dict[int, set[str]] = {}
    for _, invitation_id, changes in older:
        unheard.setdefault(invitation_id, set()).update(str(changes).split())
    return [message_id for message_id, _, _ in older], unheard


async def _withhold_superseded(message_ids: list[int]) -> None:
    """Withhold the replaced notices; one the dispatcher takes meanwhile goes as it is."""
    await OutboundMessage.filter(id__in=message_ids, status=MessageStatus.PENDING).update(
        status=MessageStatus.WITHHELD, withheld_reason="superseded"
    )


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


async def draft_cancellations(event: Event) -> NoticeDrafts:
    """The cancellations cancelling ``event`` would send; writes nothing."""
    if event.ends_at <= now():
        return NoticeDrafts()
    facts = await event_facts(event)
    routed = await recipients_for(
        pairs_of(await _informed_invitations(event)),
        event_id=event.id,
        kind=MessageKind.CANCELLATION,
    )
    drafts, _ = await compose_drafts(
        facts, kind=MessageKind.CANCELLATION, recipients=routed.recipients
    )
    return NoticeDrafts(drafts=drafts, to_call=routed.to_call)


async def queue_cancellations(*, event: Event) -> int:
    """Queue a cancellation (SMS/email, with an iTIP CANCEL) to everyone invited."""
    await withhold_unsent(event)
    plan = await draft_cancellations(event)
    await mark_to_call(plan.to_call)
    async with sending():
        posted = await post_messages([draft for _, draft in plan.drafts], already_checked=True)
    return len(posted.rows)


async def withhold_unsent(event: Event) -> int:
    """A cancelled event's messages that have not left are withheld (a cancellation excepted).

    This is all a cancellation without telling does: staff told the parents some other
    way, and said so.
    """
    return await (
        OutboundMessage.filter(event_id=event.id, status=MessageStatus.PENDING)
        .exclude(kind=MessageKind.CANCELLATION)
        .update(status=MessageStatus.WITHHELD, withheld_reason="cancelled_event")
    )


async def _informed_invitations(event: Event) -> list[Invitation]:
    """Invitations whose parent heard of the event: reached by a message, or answered."""
    reached = OutboundMessage.filter(event_id=event.id, status__in=REACHED)
    reached_ids = set(await ids_in(reached, "invitation_id"))
    invitations = await Invitation.filter(
        event_id=event.id, walk_in=False, contact_id__isnull=False
    ).select_related("contact")
    return [i for i in invitations if i.id in reached_ids or i.answer != Answer.NONE]
