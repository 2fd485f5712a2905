"""Builders for RSVP tests: published events with a reply code, contacts, invitations."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.lib.enums import Answer, EventStatus, HostRole, HostStatus, InboxStatus, Topic
from parentinfo.lib.tokens import new_token
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.answers import add_places
from parentinfo.rsvp.models import InboundMessage, Invitation

_numbers = itertools.count(1)


def next_mobile() -> str:
    """A distinct, valid Dutch mobile number."""
    return f"+316{30000000 + next(_numbers):08d}"


async def rsvp_event(
    organisation: Organisation,
    *,
    code: str | None = None,
    capacity: int | None = None,
    titles: dict[str, str] | None = None,
    status: EventStatus = EventStatus.PUBLISHED,
    starts_in: timedelta = timedelta(days=7),
) -> Event:
    """A published event of ``organisation``, hosted by it, titled per language."""
    starts = datetime.now(UTC).replace(microsecond=0) + starts_in
    event = await Event.create(
        organisation=organisation,
        topic=Topic.SCHOOL_SYSTEM,
        status=status,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue="De Regenboog",
        capacity=capacity,
        reply_code=code or f"Q{uuid.uuid4().hex[:5].upper()}",
        uid=f"{uuid.uuid4()}@parentinfo",
        published_at=datetime.now(UTC) if status == EventStatus.PUBLISHED else None,
    )
    await EventHost.create(
        event=event, organisation=organisation, role=HostRole.HOST, status=HostStatus.ACCEPTED
    )
    for language, title in (titles or {"nl": "Ouderavond", "en": "Parents' evening"}).items():
        await EventText.create(event=event, language=language, title=title)
    return event


async def rsvp_contact(
    organisation: Organisation,
    *,
    mobile: str | None = None,
    language: str = "nl",
    name: str = "Ouder",
    email: str | None = None,
) -> Contact:
    """A contact with a mobile number."""
    return await Contact.create(
        organisation=organisation,
        name=name,
        mobile=mobile or next_mobile(),
        email=email,
        language=language,
    )


async def rsvp_invitation(
    event: Event,
    contact: Contact,
    *,
    answer: Answer = Answer.NONE,
    party_size: int = 1,
    waitlisted: bool = False,
    answered_at: datetime | None = None,
) -> Invitation:
    """``contact`` invited to ``event``; a yes holding places counts on the event, as answers do."""
    invitation = await Invitation.create(
        event=event,
        contact=contact,
        organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
        language=contact.language,
        token=new_token(),
        answer=answer,
        party_size=party_size,
        waitlisted=waitlisted,
        answered_at=answered_at or (datetime.now(UTC) if answer != Answer.NONE else None),
    )
    if answer == Answer.YES and not waitlisted:
        await add_places(event_id=event.id, places=party_size)
    return invitation


async def rsvp_inbound(
    body: str,
    *,
    contact: Contact | None = None,
    invitation: Invitation | None = None,
    status: InboxStatus = InboxStatus.NEEDS_ATTENTION,
) -> InboundMessage:
    """An inbound SMS as the webhook would have stored it."""
    return await InboundMessage.create(
        provider_id=f"SM{uuid.uuid4().hex}",
        from_number=contact.mobile if contact else "+31699999999",
        body=body,
        contact=contact,
        invitation=invitation,
        organisation_id=contact.organisation_id if contact else None,  # type: ignore[attr-defined]
        reading="unknown",
        status=status,
    )
