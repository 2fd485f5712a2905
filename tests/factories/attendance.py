"""Builders for the door: an event hosted by several organisations, contacts and invitations."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.lib.enums import Answer, EventStatus, HostRole, HostStatus, Topic
from parentinfo.lib.tokens import new_token
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.answers import add_places
from parentinfo.rsvp.models import Invitation

_numbers = itertools.count(1)
STARTS = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)


async def make_door_event(
    owner: Organisation,
    *,
    cohosts: dict[Organisation, HostStatus] | None = None,
    starts_at: datetime = STARTS,
    status: EventStatus = EventStatus.PUBLISHED,
    title: str = "Dutch schools explained",
) -> Event:
    """A published event of ``owner`` with co-hosts in the given standing."""
    number = next(_numbers)
    event = await Event.create(
        organisation=owner,
        topic=Topic.SCHOOL_SYSTEM,
        status=status,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        venue="De Regenboog",
        reply_code=f"A{number:05d}",
        uid=f"door-{number}-{new_token(6)}@parentinfo.test",
    )
    await EventHost.create(
        event=event, organisation=owner, role=HostRole.HOST, status=HostStatus.ACCEPTED
    )
    for organisation, standing in (cohosts or {}).items():
        await EventHost.create(
            event=event, organisation=organisation, role=HostRole.COHOST, status=standing
        )
    await EventText.create(event=event, language="en", title=title)
    return event


async def make_contact(
    organisation: Organisation,
    name: str,
    *,
    mobile: str | None = None,
    email: str | None = None,
    language: str = "pl",
) -> Contact:
    """A contact of ``organisation``."""
    return await Contact.create(
        organisation=organisation, name=name, mobile=mobile, email=email, language=language
    )


async def invite(
    event: Event,
    contact: Contact,
    *,
    answer: Answer = Answer.YES,
    party_size: int = 1,
    created_at: datetime | None = None,
) -> Invitation:
    """An invitation of ``contact`` (by its own organisation) to ``event``."""
    invitation = await Invitation.create(
        event=event,
        contact=contact,
        organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
        language=contact.language,
        answer=answer,
        party_size=party_size,
        token=new_token(),
    )
    if created_at is not None:
        await Invitation.filter(id=invitation.id).update(created_at=created_at)
    if answer == Answer.YES:  # the places it holds count on the event, as answering does
        await add_places(event_id=event.id, places=party_size)
    return invitation
