"""Events, contacts and invitations for the calendar tests, written straight to the models."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.lib.enums import Answer, EventStatus, HostRole, HostStatus, Topic
from parentinfo.lib.tokens import new_token
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.answers import add_places
from parentinfo.rsvp.models import Invitation

_numbers = itertools.count(1)

TEXTS = {
    "en": ("The Dutch school system", "How primary school works.\nBring your questions."),
    "nl": ("Het Nederlandse schoolsysteem", "Hoe de basisschool werkt."),
    "pl": ("Holenderski system szkolny", "Jak działa szkoła podstawowa."),
}


async def make_event(
    organisation: Organisation,
    *,
    starts_at: datetime | None = None,
    hours: float = 2,
    status: EventStatus = EventStatus.PUBLISHED,
    texts: dict[str, tuple[str, str]] | None = None,
    sequence: int = 0,
    **fields: object,
) -> Event:
    """A published event hosted by ``organisation``, with texts in en, nl and pl."""
    starts_at = starts_at or datetime.now(UTC).replace(microsecond=0) + timedelta(days=14)
    number = next(_numbers)
    event = await Event.create(
        organisation=organisation,
        topic=Topic.SCHOOL_SYSTEM,
        status=status,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        venue=fields.pop("venue", "De Regenboog"),
        address=fields.pop("address", "Schoolstraat 1, 8011 AA Zwolle"),
        session_languages=fields.pop("session_languages", ["en"]),
        interpreter_languages=fields.pop("interpreter_languages", ["pl"]),
        childcare=fields.pop("childcare", True),
        reply_code=f"K{number}{uuid.uuid4().hex[:4].upper()}",
        uid=f"{uuid.uuid4()}@parentinfo.test",
        sequence=sequence,
        published_at=starts_at - timedelta(days=30) if status != EventStatus.DRAFT else None,
        **fields,
    )
    await EventHost.create(
        event=event, organisation=organisation, role=HostRole.HOST, status=HostStatus.ACCEPTED
    )
    for language, (title, description) in (TEXTS if texts is None else texts).items():
        await EventText.create(event=event, language=language, title=title, description=description)
    return event


async def make_contact(
    organisation: Organisation,
    *,
    language: str = "pl",
    email: str | None = "anna@example.test",
    mobile: str | None = None,
    name: str = "Anna Kowalska",
) -> Contact:
    """A parent of ``organisation`` with a distinct mobile number."""
    number = next(_numbers)
    return await Contact.create(
        organisation=organisation,
        name=name,
        mobile=mobile or f"+3161{number:07d}",
        email=email,
        language=language,
    )


async def make_invitation(
    event: Event,
    contact: Contact,
    *,
    answer: Answer = Answer.NONE,
    party_size: int = 1,
    language: str | None = None,
) -> Invitation:
    """``contact`` invited to ``event``, with an opaque token (a yes counts on the event)."""
    invitation = await Invitation.create(
        event=event,
        contact=contact,
        organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
        language=language or contact.language,
        answer=answer,
        party_size=party_size,
        token=new_token(),
    )
    if answer == Answer.YES:
        await add_places(event_id=event.id, places=party_size)
    return invitation
