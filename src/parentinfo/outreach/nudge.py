"""A nudge: one more message to the invited parents who have not answered yet.

Staff choose when (by default three days before the session) after a preview priced like
the invitation's. Each parent gets at most one nudge, whatever the channel (its dedupe key
is per invitation), and only while they still have not answered: the send job withholds a
nudge whose parent answered in the meantime. Parents only a volunteer can phone get no
nudge: the call list already has them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from parentinfo.accounts.actor import Actor
from parentinfo.lib.chunks import chunked
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import sending
from parentinfo.outreach.audience.plan import channel_plan
from parentinfo.outreach.audience.recipients import MESSAGE_ROUTES, Pair, pairs_of, recipients_for
from parentinfo.outreach.audience.selection import AudienceFilter, route_for
from parentinfo.outreach.composing.context import event_facts
from parentinfo.outreach.composing.enqueue import queue_messages
from parentinfo.outreach.departure import check_send_at
from parentinfo.outreach.preview import OutreachPreview, mailing_preview, plan_languages
from parentinfo.outreach.sending.outbox import ids_in
from parentinfo.outreach.service import SendSummary, require_text, sendable_event
from parentinfo.outreach.whatsapp.readiness import ensure_ready
from parentinfo.privacy import audit
from parentinfo.rsvp.models import Invitation

NUDGE_BEFORE = timedelta(days=3)  # the default: three days before the session
# An invitation that is on its way or arrived; a withheld or failed one reached nobody.
REACHED = (
    MessageStatus.PENDING,
    MessageStatus.SENDING,
    MessageStatus.SENT,
    MessageStatus.DELIVERED,
    MessageStatus.READ,
)


def default_nudge_time(starts_at: datetime, *, at: datetime) -> datetime | None:
    """Three days before the session, or None (right away) when that moment has passed."""
    moment = starts_at - NUDGE_BEFORE
    return moment if moment > at else None


async def preview_nudges(
    *, actor: Actor, event_id: int, send_at: datetime | None
) -> OutreachPreview:
    """What nudging the organisation's parents who have not answered would send, and when."""
    event = await sendable_event(actor=actor, event_id=event_id)
    if send_at is not None:
        check_send_at(send_at, at=now(), starts_at=event.starts_at)
    facts = await event_facts(event)
    pairs, nudged = await _unanswered(event.id, actor.org_id)
    require_text(facts, [contact for _, contact in pairs], AudienceFilter())
    # Only those a message reaches: a nudge never puts a parent on the call list.
    plan = await channel_plan(
        organisation_id=actor.org_id, kind=MessageKind.NUDGE, event_id=event.id
    )
    contacts = [c for _, c in pairs if route_for(c, plan=plan) in MESSAGE_ROUTES]
    plans = await plan_languages(
        facts, kind=MessageKind.NUDGE, org_id=actor.org_id, contacts=contacts
    )
    return mailing_preview(facts, plans, already=nudged, send_at=send_at, kind=MessageKind.NUDGE)


async def send_nudges(*, actor: Actor, event_id: int, send_at: datetime | None) -> SendSummary:
    """Queue one nudge per parent who has not answered, to leave at ``send_at`` (None: now)."""
    event = await sendable_event(actor=actor, event_id=event_id)
    if send_at is not None:
        check_send_at(send_at, at=now(), starts_at=event.starts_at)
    facts = await event_facts(event)
    await ensure_ready(MessageKind.NUDGE)  # a wrong WhatsApp template stops it here
    async with sending():
        pairs, nudged = await _unanswered(event.id, actor.org_id)
        require_text(facts, [contact for _, contact in pairs], AudienceFilter())
        routed = await recipients_for(pairs, event_id=event.id, kind=MessageKind.NUDGE)
        queued = await queue_messages(
            facts,
            kind=MessageKind.NUDGE,
            recipients=routed.recipients,
            created_by_id=actor.user_id,
            not_before=send_at,
        )
    await audit.record(
        actor=actor,
        action="outreach.nudge",
        subject_type="event",
        subject_id=event.id,
        details={"messages": queued.count, "send_at": send_at.isoformat() if send_at else None},
    )
    return SendSummary(
        queued=queued.count, skipped_existing=nudged + queued.existing, to_call=len(routed.to_call)
    )


async def _unanswered(event_id: int, org_id: int) -> tuple[list[Pair], int]:
    """The organisation's invited parents with no answer and no nudge yet; and how many
    were nudged already."""
    invitations = await Invitation.filter(
        event_id=event_id, organisation_id=org_id, answer=Answer.NONE, contact_id__isnull=False
    ).select_related("contact")
    ids = [invitation.id for invitation in invitations]
    invited: set[int] = set()
    nudged: set[int] = set()
    for chunk in chunked(ids):
        rows = OutboundMessage.filter(invitation_id__in=chunk)
        invited.update(
            await ids_in(
                rows.filter(kind=MessageKind.INVITATION, status__in=REACHED), "invitation_id"
            )
        )
        nudged.update(
            await ids_in(
                rows.filter(kind=MessageKind.NUDGE, dedupe_key__isnull=False), "invitation_id"
            )
        )
    chosen = [i for i in invitations if i.id in invited and i.id not in nudged]
    return pairs_of(chosen), len(nudged & invited)
