"""Writing messages into the outbox: composed, deduplicated, held for quiet hours, in bulk.

Every queueing path (invitations, notices, reminders, follow-ups, fallback) comes through
:func:`queue_messages`. It writes rows only; the caller defers their jobs once the
transaction has committed (:func:`parentinfo.outreach.jobs.defer_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from parentinfo.calendar.service import invitation_calendar
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.outreach.batchcompose import ComposeCache
from parentinfo.outreach.bulk import insert_rows
from parentinfo.outreach.compose import Composed
from parentinfo.outreach.context import EventFacts, message_context, remember_sender
from parentinfo.outreach.models import OutboundMessage
from parentinfo.outreach.quiet import quiet_until
from parentinfo.outreach.rows import ContactRow, InvitationRow
from parentinfo.outreach.states import dedupe_key
from parentinfo.runtime import runtime

CHUNK = 500  # ids per IN (…): below SQLite's limit on bound variables
CALENDAR_METHOD: dict[MessageKind, str] = {
    MessageKind.INVITATION: "REQUEST",
    MessageKind.CHANGE: "REQUEST",
    MessageKind.CANCELLATION: "CANCEL",
}


@dataclass(frozen=True)
class Recipient:
    """One parent to write to, through one invitation, on one channel."""

    invitation: InvitationRow
    contact: ContactRow
    channel: Channel
    several_open: bool = False
    attended: bool = True


@dataclass
class Queued:
    """What :func:`queue_messages` wrote: new rows (id, due) and how many existed already."""

    rows: list[tuple[int, datetime | None]] = field(default_factory=list)
    existing: int = 0

    @property
    def count(self) -> int:
        """How many new messages were queued."""
        return len(self.rows)


async def existing_keys(keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` already have an outbox row."""
    found: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        rows = await OutboundMessage.filter(dedupe_key__in=keys[start : start + CHUNK]).values_list(
            "dedupe_key", flat=True
        )
        found.update(str(key) for key in rows)
    return found


async def queue_messages(
    facts: EventFacts,
    *,
    kind: MessageKind,
    recipients: Iterable[Recipient],
    created_by_id: int | None = None,
    time_changed: bool = False,
    place_changed: bool = False,
) -> Queued:
    """Compose and write one row per recipient that has none yet for this message."""
    sequence = facts.event.sequence
    wanted = {dedupe_key(kind, r.invitation.id, r.channel, sequence): r for r in recipients}
    existing = await existing_keys(list(wanted))
    rows: list[dict[str, Any]] = []
    cache = ComposeCache()
    held = _quiet_hold()
    for key, recipient in wanted.items():
        if key in existing:
            continue
        await remember_sender(facts, recipient.invitation.organisation_id)
        ctx = message_context(
            facts,
            kind=kind,
            invitation=recipient.invitation,
            contact=recipient.contact,
            several_open=recipient.several_open,
            time_changed=time_changed,
            place_changed=place_changed,
            attended=recipient.attended,
        )
        if ctx is None:
            continue  # no text in any language: the service refuses before we get here
        composed = cache.compose(ctx, token=recipient.invitation.token)
        row = _row(facts, kind=kind, recipient=recipient, key=key, composed=composed)
        row["changes"] = changes_label(time_changed=time_changed, place_changed=place_changed)
        if recipient.channel == Channel.SMS:
            info = cache.sms_segments(composed.sms, token=recipient.invitation.token)
            row.update(encoding=info.encoding, segments=info.segments)
        row["created_by_id"] = created_by_id
        if recipient.channel == Channel.SMS:
            row.update(held)
        else:
            row["calendar"] = await _calendar(kind, recipient.invitation.id)
        rows.append(row)
    await insert_rows(OutboundMessage, rows)
    return Queued(rows=await _ids_for([row["dedupe_key"] for row in rows]), existing=len(existing))


def changes_label(*, time_changed: bool, place_changed: bool) -> str:
    """What a change notice says moved, as stored on its row."""
    return " ".join(
        name for name, moved in (("time", time_changed), ("place", place_changed)) if moved
    )


def _row(
    facts: EventFacts, *, kind: MessageKind, recipient: Recipient, key: str, composed: Composed
) -> dict[str, Any]:
    invitation, contact = recipient.invitation, recipient.contact
    row: dict[str, Any] = {
        "organisation_id": invitation.organisation_id,
        "event_id": facts.event.id,
        "invitation_id": invitation.id,
        "contact_id": contact.id,
        "channel": recipient.channel,
        "kind": kind,
        "language": invitation.language,
        "dedupe_key": key,
        "status": MessageStatus.PENDING,
    }
    if recipient.channel == Channel.SMS:
        row.update(to_address=contact.mobile, body=composed.sms)
    else:
        row.update(to_address=contact.email, subject=composed.subject)
        row.update(body=composed.text, html_body=composed.html)
    return row


async def _calendar(kind: MessageKind, invitation_id: int) -> str:
    method = CALENDAR_METHOD.get(kind)
    if method is None:
        return ""
    return await invitation_calendar(invitation_id=invitation_id, method=method)


def _quiet_hold() -> dict[str, Any]:
    """``send_after`` and the reason for SMS queued now, when now is inside quiet hours."""
    settings = runtime().settings
    until = quiet_until(now(), tz=settings.tz, start=settings.quiet_start, end=settings.quiet_end)
    return {"send_after": until, "withheld_reason": "quiet_hours"} if until else {}


async def _ids_for(keys: list[str]) -> list[tuple[int, datetime | None]]:
    """The ids of freshly written rows, with when each is due."""
    found: list[tuple[int, datetime | None]] = []
    for start in range(0, len(keys), CHUNK):
        found.extend(
            await OutboundMessage.filter(dedupe_key__in=keys[start : start + CHUNK]).values_list(
                "id", "send_after"
            )
        )
    return sorted(found, key=lambda pair: pair[0])
