"""Messages still waiting in the outbox are rewritten when their event changes.

A parent whose invitation has not left yet should get the new time, not the old one and
then a correction. Only pending rows are touched; one being sent right now goes as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.segments import count_segments
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.composing.compose import compose
from parentinfo.outreach.composing.context import EventFacts, message_context, remember_sender
from parentinfo.outreach.composing.enqueue import CALENDAR_METHOD, calendar_part
from parentinfo.outreach.whatsapp.compose import whatsapp_body


async def refresh_pending(facts: EventFacts, *, kinds: Sequence[MessageKind]) -> int:
    """Recompose every pending message of these kinds for the event; returns how many."""
    pending = await OutboundMessage.filter(
        event_id=facts.event.id, status=MessageStatus.PENDING, kind__in=list(kinds)
    ).select_related("invitation", "contact")
    refreshed = 0
    for message in pending:
        if message.invitation is None:
            continue
        await remember_sender(facts, message.invitation.organisation_id)  # type: ignore[attr-defined]
        ctx = message_context(
            facts,
            kind=MessageKind(message.kind),
            invitation=InvitationRow.of(message.invitation),
            contact=ContactRow.of(message.contact) if message.contact else None,
            # A change notice still says what it said had moved, now with the new details.
            time_changed="time" in str(message.changes).split(),
            place_changed="place" in str(message.changes).split(),
        )
        if ctx is None:
            continue
        composed = compose(ctx)
        fields: dict[str, object] = {}
        if message.channel == Channel.WHATSAPP:
            fields["body"] = whatsapp_body(ctx, token=message.invitation.token)
        elif message.channel == Channel.SMS:
            segments = count_segments(composed.sms)
            fields.update(body=composed.sms, encoding=segments.encoding, segments=segments.segments)
        else:
            fields.update(subject=composed.subject, body=composed.text, html_body=composed.html)
            if message.kind in CALENDAR_METHOD and message.contact is not None:
                fields["calendar"] = calendar_part(
                    facts,
                    MessageKind(message.kind),
                    InvitationRow.of(message.invitation),
                    ContactRow.of(message.contact),
                )
        refreshed += await OutboundMessage.filter(
            id=message.id, status=MessageStatus.PENDING
        ).update(**fields)
    return refreshed
