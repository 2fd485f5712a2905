"""The "a place came free" message for parents who moved up from the waiting list.

Written into the outbox like every other message (an SMS is held for quiet hours; sent and
retried by outreach's jobs). One row per invitation and answer: the key holds the moment
of the answer, so a job that runs twice writes nothing twice. By SMS when the parent has a
usable mobile, else by email with the same words (someone who answered on their page may
have no mobile); a parent with neither is not written to: their page shows the place, and
staff see it in the list.
"""

from __future__ import annotations

from collections.abc import Sequence

from parentinfo.contacts.models import Contact
from parentinfo.i18n import use_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, MessageKind, MessageStatus
from parentinfo.lib.urls import parent_page_url
from parentinfo.outreach.audience import Route, route_for
from parentinfo.outreach.compose import answer_headline
from parentinfo.outreach.jobs import defer_rows
from parentinfo.outreach.models import OutboundMessage
from parentinfo.outreach.quiet import quiet_until
from parentinfo.outreach.rows import ContactRow
from parentinfo.outreach.segments import count_segments
from parentinfo.rsvp import replies
from parentinfo.rsvp.eventlines import event_lines
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime


def promotion_key(invitation: Invitation) -> str:
    """One notice per invitation and answer moment."""
    moment = invitation.answered_at.timestamp() if invitation.answered_at else 0
    return f"promoted:{invitation.id}:{int(moment)}"


async def queue_promotion_notices(invitation_ids: Sequence[int]) -> int:
    """Write and queue the notices; returns how many new rows were written."""
    invitations = await Invitation.filter(
        id__in=list(invitation_ids), answer=Answer.YES, waitlisted=False
    ).select_related("event", "contact")
    rows: list[OutboundMessage] = []
    for invitation in invitations:
        contact = invitation.contact
        if contact is None or invitation.event.ends_at <= now():
            continue
        channel = _channel(contact)
        if channel is not None:
            rows.append(await _row(invitation, contact, channel))
    if not rows:
        return 0
    keys = [str(row.dedupe_key) for row in rows]
    existing = {
        str(key)
        for key in await OutboundMessage.filter(dedupe_key__in=keys).values_list(
            "dedupe_key", flat=True
        )
    }
    fresh = [row for row in rows if row.dedupe_key not in existing]
    await OutboundMessage.bulk_create(fresh, ignore_conflicts=True)
    written = await OutboundMessage.filter(
        dedupe_key__in=[row.dedupe_key for row in fresh], status=MessageStatus.PENDING
    ).values_list("id", "send_after")
    await defer_rows((int(i), at) for i, at in written)
    return len(fresh)


def _channel(contact: Contact) -> Channel | None:
    """SMS when the mobile can take it, else email when the address can, else neither."""
    route = route_for(ContactRow.of(contact))
    return Channel(route.value) if route in (Route.SMS, Route.EMAIL) else None


async def _row(invitation: Invitation, contact: Contact, channel: Channel) -> OutboundMessage:
    language = contact.language
    line = (await event_lines([invitation.event], language))[invitation.event.id]
    with use_language(language):
        body = replies.promoted(
            event=line,
            party_size=invitation.party_size,
            page_url=parent_page_url(invitation.token),
        )
        subject = answer_headline(line.title) if channel == Channel.EMAIL else ""
    row = OutboundMessage(
        organisation_id=invitation.organisation_id,  # type: ignore[attr-defined]
        event_id=invitation.event.id,
        invitation_id=invitation.id,
        contact_id=contact.id,
        channel=channel,
        kind=MessageKind.CONFIRMATION,
        language=language,
        subject=subject,
        body=body,
        status=MessageStatus.PENDING,
        dedupe_key=promotion_key(invitation),
    )
    if channel == Channel.EMAIL:
        row.to_address = contact.email
        return row
    settings = runtime().settings
    until = quiet_until(now(), tz=settings.tz, start=settings.quiet_start, end=settings.quiet_end)
    segments = count_segments(body)
    row.to_address = contact.mobile
    row.encoding, row.segments = segments.encoding, segments.segments
    row.send_after, row.withheld_reason = until, "quiet_hours" if until else ""
    return row
