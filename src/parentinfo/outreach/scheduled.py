"""Messages written but not yet gone: the scheduled sends of an event, and calling them off.

A scheduled send (and an SMS the quiet hours hold) is a set of pending outbox rows with a
``send_after`` in the future. Staff see them grouped by kind, channel and time, and may call
a group off before it leaves: its rows become withheld (``called_off``), and their dedupe
keys are released, so the same parents can be invited or nudged again later. Only the
active organisation's own rows are touched: a co-host never calls off the owner's messages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.queryset import QuerySet

from parentinfo.accounts.actor import Actor
from parentinfo.errors import NotFound
from parentinfo.events.access import editable_event
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.sending.outbox import ids_in
from parentinfo.outreach.service import CALLED_OFF
from parentinfo.privacy import audit

# Kinds staff send themselves, so kinds they may call off (notices and reminders follow
# the event, and are not theirs to stop one by one).
CALLABLE_OFF: frozenset[MessageKind] = frozenset({MessageKind.INVITATION, MessageKind.NUDGE})
SAME_MOMENT = timedelta(seconds=1)  # databases keep microseconds differently


@dataclass(frozen=True)
class ScheduledBatch:
    """Messages of one kind waiting for one moment: how many per channel."""

    kind: MessageKind
    at: datetime
    sms: int
    email: int

    @property
    def total(self) -> int:
        """Every message of the batch."""
        return self.sms + self.email


async def scheduled_batches(*, actor: Actor, event_id: int) -> list[ScheduledBatch]:
    """The organisation's messages for the event that wait for a later time, soonest first."""
    await editable_event(actor=actor, event_id=event_id)
    rows = await _waiting(actor, event_id).values_list("kind", "channel", "send_after")
    counts = Counter(
        (MessageKind(str(kind)), Channel(str(channel)), at) for kind, channel, at in rows
    )
    moments = sorted({(kind, at) for kind, _, at in counts}, key=lambda pair: pair[1])
    return [
        ScheduledBatch(
            kind=kind,
            at=at,
            sms=counts[(kind, Channel.SMS, at)],
            email=counts[(kind, Channel.EMAIL, at)],
        )
        for kind, at in moments
    ]


async def call_off(*, actor: Actor, event_id: int, kind: MessageKind, at: datetime) -> int:
    """Withhold the organisation's messages of ``kind`` waiting for ``at``; 404 when none."""
    await editable_event(actor=actor, event_id=event_id)
    window = _waiting(actor, event_id).filter(
        kind=kind, send_after__gte=at - SAME_MOMENT, send_after__lt=at + SAME_MOMENT
    )
    # The status condition makes this safe against the send job: a row it claimed
    # (sending) is not pending any more and leaves as planned.
    ids = await ids_in(window)
    called = await OutboundMessage.filter(id__in=ids, status=MessageStatus.PENDING).update(
        status=MessageStatus.WITHHELD, withheld_reason=CALLED_OFF, dedupe_key=None
    )
    if not called:
        raise NotFound(_("Nothing is waiting to be sent at that time any more."))
    await audit.record(
        actor=actor,
        action="outreach.call_off",
        subject_type="event",
        subject_id=event_id,
        details={"messages": called, "kind": kind.value},
    )
    return called


def _waiting(actor: Actor, event_id: int) -> QuerySet[OutboundMessage]:
    return OutboundMessage.filter(
        organisation_id=actor.org_id,
        event_id=event_id,
        status=MessageStatus.PENDING,
        kind__in=list(CALLABLE_OFF),
        send_after__gt=now(),
    )
