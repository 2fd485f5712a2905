"""Seed a benchmark database directly through the models: fast, and the same rows the app makes."""

from __future__ import annotations

import datetime as dt
import uuid

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.lib.enums import Answer, EventStatus, HostRole, HostStatus, OrganisationKind, Topic
from parentinfo.lib.tokens import new_token
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.answers import add_places
from parentinfo.rsvp.models import Invitation

LANGUAGES = ("pl", "ro", "bg", "nl", "en")


async def organisation(slug: str = "bench-school") -> Organisation:
    """The organisation every benchmark works in."""
    org, _ = await Organisation.get_or_create(
        slug=slug,
        defaults={
            "name": "Bench School",
            "kind": OrganisationKind.SCHOOL,
            "languages": list(LANGUAGES),
        },
    )
    return org


async def events(org: Organisation, count: int, *, start_in_days: int = 10) -> list[Event]:
    """``count`` published events with a text in each language."""
    base = dt.datetime.now(dt.UTC).replace(hour=17, minute=0, second=0, microsecond=0)
    rows = [
        Event(
            organisation=org,
            topic=Topic.SCHOOL_SYSTEM,
            status=EventStatus.PUBLISHED,
            starts_at=base + dt.timedelta(days=start_in_days + i % 300, hours=i % 3),
            ends_at=base + dt.timedelta(days=start_in_days + i % 300, hours=2 + i % 3),
            venue="De Regenboog",
            address="Schoolstraat 1, Zwolle",
            capacity=100000,
            session_languages=["en"],
            interpreter_languages=["pl"],
            reply_code=f"B{uuid.uuid4().hex[:6].upper()}",
            uid=f"{uuid.uuid4()}@parentinfo",
        )
        for i in range(count)
    ]
    await Event.bulk_create(rows, batch_size=500)
    created = await Event.filter(organisation=org).order_by("id")
    await EventHost.bulk_create(
        [
            EventHost(event=e, organisation=org, role=HostRole.HOST, status=HostStatus.ACCEPTED)
            for e in created
        ],
        batch_size=500,
    )
    await EventText.bulk_create(
        [
            EventText(
                event=e,
                language=lang,
                title=f"Session {e.id} ({lang})",
                description="Information evening.",
            )
            for e in created
            for lang in LANGUAGES
        ],
        batch_size=1000,
    )
    return list(created)


async def contacts(org: Organisation, count: int) -> list[Contact]:
    """``count`` contacts with distinct Dutch mobile numbers, spread over five languages."""
    await Contact.bulk_create(
        [
            Contact(
                organisation=org,
                name=f"Parent {i}",
                mobile=f"+316{20000000 + i}",
                email=f"parent{i}@example.test" if i % 3 == 0 else None,
                language=LANGUAGES[i % len(LANGUAGES)],
                age_groups=["4-11"],
            )
            for i in range(count)
        ],
        batch_size=1000,
    )
    return list(await Contact.filter(organisation=org).order_by("id"))


async def invitations(
    event: Event, people: list[Contact], *, answer: Answer = Answer.NONE
) -> list[Invitation]:
    """An invitation for each contact to ``event``."""
    await Invitation.bulk_create(
        [
            Invitation(
                event=event,
                contact=c,
                organisation_id=c.organisation_id,  # type: ignore[attr-defined]
                language=c.language,
                token=new_token(),
                answer=answer,
            )
            for c in people
        ],
        batch_size=1000,
    )
    if answer == Answer.YES:  # the places they hold count on the event, as answering does
        await add_places(event_id=event.id, places=len(people))
    return list(await Invitation.filter(event=event).order_by("id"))
