"""A parent the school holds data about: consent, invitation, messages both ways, a check-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from litestar import Litestar

from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Consent, Contact
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import (
    Answer,
    Channel,
    ConsentMethod,
    MessageKind,
    MessageStatus,
)
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.factories import Member, make_member, make_org
from tests.factories.attendance import invite, make_contact, make_door_event

MOBILE = "+31612345678"
EMAIL = "anna@example.nl"
NAME = "Anna Wiśniewska"


@dataclass
class Held:
    """What the school holds about Anna, and who works there."""

    admin: Member
    coordinator: Member
    volunteer: Member
    stranger: Member
    event: Event
    anna: Contact
    invitation: Invitation


async def sms_to(contact: Contact, invitation: Invitation | None, body: str) -> OutboundMessage:
    """A sent SMS to ``contact`` (about ``invitation``'s event, if given)."""
    return await OutboundMessage.create(
        organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
        event_id=invitation.event_id if invitation else None,  # type: ignore[attr-defined]
        invitation=invitation,
        contact=contact,
        channel=Channel.SMS,
        kind=MessageKind.INVITATION,
        language=contact.language,
        to_address=contact.mobile,
        body=body,
        status=MessageStatus.DELIVERED,
    )


async def sms_from(
    contact: Contact | None, invitation: Invitation | None, number: str, body: str
) -> InboundMessage:
    """An SMS received from ``number``."""
    return await InboundMessage.create(
        provider_id=f"SM{abs(hash((number, body, now()))):030d}"[:34],
        from_number=number,
        to_number="+3197010000000",
        body=body,
        contact=contact,
        invitation=invitation,
        organisation_id=contact.organisation_id if contact else None,  # type: ignore[attr-defined]
        reply_body=f"Dziękujemy, {NAME}!",
    )


@pytest.fixture
async def held(app: Litestar) -> Held:
    school = await make_org("school")
    event = await make_door_event(school, starts_at=now() - timedelta(days=3))
    anna = await make_contact(school, NAME, mobile=MOBILE, email=EMAIL)
    await Consent.create(contact=anna, channels=["sms", "email"], method=ConsentMethod.PAPER_FORM)
    invitation = await invite(event, anna, party_size=2)
    invitation.answered_at = now()
    await invitation.save()
    await sms_to(anna, invitation, f"Hallo {NAME}, kom je? Antwoord TAK of NIE.")
    await OutboundMessage.create(
        organisation=school,
        event=event,
        invitation=invitation,
        contact=anna,
        channel=Channel.EMAIL,
        kind=MessageKind.INVITATION,
        language="pl",
        to_address=EMAIL,
        subject=f"Zaproszenie dla {NAME}",
        body="Zapraszamy",
        html_body=f"<p>{NAME}</p>",
        calendar=f"ATTENDEE;CN={NAME}:mailto:{EMAIL}",
        status=MessageStatus.SENT,
    )
    await sms_from(anna, invitation, MOBILE, "TAK 2")
    await sms_from(None, None, MOBILE, "kiedy to jest?")  # never linked to a contact
    await CheckIn.create(event=event, invitation=invitation, party_size=2, checked_in_at=now())
    return Held(
        admin=await make_member(school, role="admin"),
        coordinator=await make_member(school),
        volunteer=await make_member(school, role="volunteer"),
        stranger=await make_member(await make_org("stranger"), role="admin"),
        event=event,
        anna=anna,
        invitation=invitation,
    )


__all__ = ["EMAIL", "MOBILE", "NAME", "Answer", "Held", "sms_from", "sms_to"]
