"""Where a staff answer enters the outbox: the one function to switch to the messaging core.

Written like every other message today (an outbox row, held for quiet hours when it is an
SMS, its send job deferred once the transaction has committed). When the messaging core's
front door is on main, only the body of :func:`post_answer` changes, to::

    async with sending():
        posted = await post_messages([Draft(channel=draft.channel,
            kind=MessageKind.STAFF_ANSWER, language=draft.language,
            to_address=draft.to_address, body=draft.body, subject=draft.subject,
            organisation_id=draft.organisation_id, event_id=draft.event_id,
            invitation_id=draft.invitation_id, contact_id=draft.contact_id,
            created_by_id=draft.created_by_id)])
        await with_it()
    return posted.rows[0][0]
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.outreach.jobs import defer_rows
from parentinfo.outreach.models import OutboundMessage
from parentinfo.outreach.quiet import quiet_until
from parentinfo.outreach.segments import count_segments
from parentinfo.runtime import runtime


@dataclass(frozen=True)
class AnswerDraft:
    """One answer to one parent, ready to be written."""

    organisation_id: int
    contact_id: int
    event_id: int | None
    invitation_id: int | None
    channel: Channel
    to_address: str
    language: str
    subject: str
    body: str
    created_by_id: int


async def post_answer(draft: AnswerDraft, *, with_it: Callable[[], Awaitable[None]]) -> int:
    """Write the answer's row and run ``with_it`` in one transaction; defer its job after."""
    fields: dict[str, Any] = {
        "organisation_id": draft.organisation_id,
        "contact_id": draft.contact_id,
        "event_id": draft.event_id,
        "invitation_id": draft.invitation_id,
        "created_by_id": draft.created_by_id,
        "channel": draft.channel,
        "kind": MessageKind.STAFF_ANSWER,
        "language": draft.language,
        "to_address": draft.to_address,
        "subject": draft.subject,
        "body": draft.body,
        "status": MessageStatus.PENDING,
    }
    if draft.channel == Channel.SMS:
        cost = count_segments(draft.body)
        settings = runtime().settings
        held = quiet_until(
            now(), tz=settings.tz, start=settings.quiet_start, end=settings.quiet_end
        )
        fields.update(encoding=cost.encoding, segments=cost.segments, send_after=held)
        fields["withheld_reason"] = "quiet_hours" if held else ""
    async with in_transaction():
        row = await OutboundMessage.create(**fields)
        await with_it()
    await defer_rows([(row.id, row.send_after)])
    return row.id
