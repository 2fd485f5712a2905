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
from parentinfo.lib.enums import Answer, Channel, MessageKind
from parentinfo.lib.urls import parent_page_url
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.post import post_messages
from parentinfo.outreach.audience.plan import channel_plan
from parentinfo.outreach.audience.rows import ContactRow
from parentinfo.outreach.audience.selection import Route, route_for
from parentinfo.outreach.composing.compose import answer_headline
from parentinfo.rsvp import replies
from parentinfo.rsvp.eventlines import event_lines
from parentinfo.rsvp.models import Invitation


def promotion_key(invitation: Invitation) -> str:
    """One notice per invitation and answer moment."""
    moment = invitation.answered_at.timestamp() if invitation.answered_at else 0
    return f"promoted:{invitation.id}:{int(moment)}"


async def queue_promotion_notices(invitation_ids: Sequence[int]) -> int:
    """Write and queue the notices; returns how many new rows were written."""
    invitations = await Invitation.filter(
        id__in=list(invitation_ids), answer=Answer.YES, waitlisted=False
    ).select_related("event", "contact")
    drafts: list[Draft] = []
    for invitation in invitations:
        contact = invitation.contact
        if contact is None or invitation.event.ends_at <= now():
            continue
        channel = await _channel(invitation, contact)
        if channel is not None:
            drafts.append(await _draft(invitation, contact, channel))
    if not drafts:
        return 0
    posted = await post_messages(drafts)
    return posted.count


async def _channel(invitation: Invitation, contact: Contact) -> Channel | None:
    """The first of the organisation's channels that can take it (SMS or email: the notice
    has no WhatsApp template, so WhatsApp is never in its plan), else neither."""
    plan = await channel_plan(
        organisation_id=invitation.organisation_id,  # type: ignore[attr-defined]
        kind=MessageKind.CONFIRMATION,
        event_id=invitation.event.id,
    )
    route = route_for(ContactRow.of(contact), plan=plan)
    return Channel(route.value) if route in (Route.SMS, Route.EMAIL) else None


async def _draft(invitation: Invitation, contact: Contact, channel: Channel) -> Draft:
    language = contact.language
    line = (await event_lines([invitation.event], language))[invitation.event.id]
    with use_language(language):
        body = replies.promoted(
            event=line,
            party_size=invitation.party_size,
            page_url=parent_page_url(invitation.token),
        )
        subject = answer_headline(line.title) if channel == Channel.EMAIL else ""
    return Draft(
        organisation_id=invitation.organisation_id,  # type: ignore[attr-defined]
        event_id=invitation.event.id,
        invitation_id=invitation.id,
        contact_id=contact.id,
        channel=channel,
        kind=MessageKind.CONFIRMATION,
        language=language,
        to_address=contact.email if channel == Channel.EMAIL else contact.mobile,
        subject=subject,
        body=body,
        dedupe_key=promotion_key(invitation),
    )
