"""Replies that may be an opt-out (the number is held until staff decide) and questions (kept
for staff, the parent told a person will answer), through the signed webhook on both databases."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Answer, InboxStatus, MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.audience.rows import ContactRow
from parentinfo.outreach.audience.selection import Route, route_for
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import Phone
from tests.rsvp.test_webhook import reply_of

pytestmark = pytest.mark.anyio


async def test_an_answer_with_an_opt_out_holds_the_number_and_records_nothing(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="pl")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)

    reply = reply_of(
        await Phone(twilio_client, str(contact.mobile)).send(
            "Nie, dziękuję i proszę nie wysyłać więcej smsów"
        )
    )

    held = await Contact.get(id=contact.id)
    assert held.on_hold
    assert not held.sms_opt_out
    assert route_for(ContactRow.of(held)) == Route.NONE  # nothing is sent meanwhile
    assert (await Invitation.get(id=invitation.id)).answer == Answer.NONE
    item = await InboundMessage.get()
    assert item.status == InboxStatus.NEEDS_ATTENTION
    assert item.reading == "possible_stop"
    assert reply
    assert "TAK" not in reply
    assert await OutboundMessage.filter(kind=MessageKind.REPLY).count() == 1


async def test_a_plain_opt_out_sentence_is_stop_not_a_no(twilio_client: httpx.AsyncClient) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="es")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)

    await Phone(twilio_client, str(contact.mobile)).send("No quiero recibir más mensajes")

    stored = await Contact.get(id=contact.id)
    assert stored.sms_opt_out
    assert not stored.on_hold
    assert (await Invitation.get(id=invitation.id)).answer == Answer.NONE


async def test_an_answer_with_a_question_is_recorded_and_kept_for_staff(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="bg")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)

    reply = reply_of(await Phone(twilio_client, str(contact.mobile)).send("Да, ама колко е часа?"))

    assert (await Invitation.get(id=invitation.id)).answer == Answer.YES
    item = await InboundMessage.get()
    assert item.status == InboxStatus.NEEDS_ATTENTION
    assert item.reading.startswith("yes")
    assert item.reading.endswith("?")
    assert "ДА (1)" not in reply  # not the how-to-answer help


async def test_a_pure_question_is_no_answer_and_gets_a_person(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="hr")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)

    reply = reply_of(
        await Phone(twilio_client, str(contact.mobile)).send("Da li mogu doći s djetetom?")
    )

    assert (await Invitation.get(id=invitation.id)).answer == Answer.NONE
    item = await InboundMessage.get()
    assert (item.status, item.reading) == (InboxStatus.NEEDS_ATTENTION, "unknown ?")
    assert "DA (1)" not in reply
