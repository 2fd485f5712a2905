"""Messages that come due with time: reminders before a session, follow-ups after it.

A periodic job calls these every minute; deduplication makes each run add only what is
new. Reminders go to parents who said yes or maybe before the reminder moment (someone
who answered an hour ago needs no reminder); follow-ups go the morning after, to parents
who said yes or came.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from parentinfo.attendance.models import CheckIn
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, EventStatus, MessageKind
from parentinfo.messaging.post import sending
from parentinfo.outreach.audience.recipients import pairs_of, recipients_for
from parentinfo.outreach.composing.context import event_facts
from parentinfo.outreach.composing.enqueue import queue_messages
from parentinfo.outreach.sending.outbox import ids_in
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime

FOLLOWUP_AT = time(10, 0)  # local time, the morning after the session
FOLLOWUP_LATEST = timedelta(days=2)  # after that a thank-you is stale: skip it


def followup_time(ends_at: datetime, tz: ZoneInfo) -> datetime:
    """10:00 local time on the day after the session ends, in UTC."""
    day = ends_at.astimezone(tz).date() + timedelta(days=1)
    return datetime.combine(day, FOLLOWUP_AT, tzinfo=tz).astimezone(ZoneInfo("UTC"))


def reminder_time(starts_at: datetime, hours: int) -> datetime:
    """When the reminder for a session is due."""
    return starts_at - timedelta(hours=hours)


async def queue_due_reminders() -> int:
    """Queue reminders for sessions starting within ``REMINDER_HOURS``."""
    hours = runtime().settings.reminder_hours
    at = now()
    events = await Event.filter(
        status=EventStatus.PUBLISHED, starts_at__gt=at, starts_at__lte=at + timedelta(hours=hours)
    )
    total = 0
    for event in events:
        due_at = reminder_time(event.starts_at, hours)
        invitations = await Invitation.filter(
            event_id=event.id, answer__in=[Answer.YES, Answer.MAYBE], contact_id__isnull=False
        ).select_related("contact")
        eligible = [i for i in invitations if i.answered_at is None or i.answered_at <= due_at]
        total += await _queue(event, MessageKind.REMINDER, eligible)
    return total


async def queue_due_followups() -> int:
    """Queue follow-ups the morning after each session, to those who said yes or came."""
    at = now()
    events = await Event.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.DONE],
        ends_at__lte=at,
        ends_at__gte=at - FOLLOWUP_LATEST - timedelta(days=1),
    )
    total = 0
    for event in events:
        due_at = followup_time(event.ends_at, ZoneInfo(event.timezone))
        if not due_at <= at < due_at + FOLLOWUP_LATEST:
            continue
        came = set(await ids_in(CheckIn.filter(event_id=event.id, undone_at=None), "invitation_id"))
        invitations = await Invitation.filter(event_id=event.id, contact_id__isnull=False)
        chosen = [i for i in invitations if i.answer == Answer.YES or i.id in came]
        await Invitation.fetch_for_list(chosen, "contact")
        total += await _queue(event, MessageKind.FOLLOWUP, chosen, attended=came)
    return total


async def _queue(
    event: Event, kind: MessageKind, invitations: list[Invitation], attended: set[int] | None = None
) -> int:
    if not invitations:
        return 0
    facts = await event_facts(event)
    routed = await recipients_for(
        pairs_of(invitations), event_id=event.id, attended=attended, kind=kind
    )
    async with sending():
        queued = await queue_messages(facts, kind=kind, recipients=routed.recipients)
    return queued.count
