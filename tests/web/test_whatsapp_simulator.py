"""The phone simulator's WhatsApp chat: bubbles with ticks and the template's buttons, and a
tap that travels as the signed webhook Twilio would send (the simulator's SECRET_KEY)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from litestar import Litestar

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer, Channel, MessageKind, MessageStatus
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import post_messages, sending
from parentinfo.outreach.pages.twilio_loopback import post_as_twilio
from parentinfo.outreach.simulated import button_label
from parentinfo.rsvp.buttons import button_payload
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.factories import make_member, make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

WHATSAPP_INVITE = "Zapraszamy na zebranie rodziców w czwartek o 18:00."


async def whatsapp_invitation(
    invitation: Invitation, contact: Contact, *, status: MessageStatus = MessageStatus.DELIVERED
) -> OutboundMessage:
    """A WhatsApp invitation row as the sender leaves it (through the messaging core)."""
    async with sending():
        await post_messages(
            [
                Draft(
                    organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
                    event_id=invitation.event_id,  # type: ignore[attr-defined]
                    invitation_id=invitation.id,
                    contact_id=contact.id,
                    channel=Channel.WHATSAPP,
                    kind=MessageKind.INVITATION,
                    language=contact.language,
                    to_address=contact.mobile,
                    body=WHATSAPP_INVITE,
                    dedupe_key=f"wa-invite-{invitation.id}",
                )
            ]
        )
    row = await OutboundMessage.get(dedupe_key=f"wa-invite-{invitation.id}")
    await OutboundMessage.filter(id=row.id).update(status=status)
    return row


async def _school_with_parent(client: httpx.AsyncClient) -> tuple[str, Contact, Invitation]:
    member = await make_member(await make_org("school"))
    contact = await rsvp_contact(member.organisation, language="pl", name="Ania Nowak")
    await Contact.filter(id=contact.id).update(whatsapp=True)
    event = await rsvp_event(member.organisation, titles={"pl": "Zebranie rodziców"})
    invitation = await rsvp_invitation(event, contact)
    return await login(client, member), contact, invitation


async def test_the_chat_shows_ticks_and_the_buttons_and_a_tap_records_the_answer(
    client: httpx.AsyncClient,
) -> None:
    token, contact, invitation = await _school_with_parent(client)
    await whatsapp_invitation(invitation, contact)

    page = (await client.get(f"/simulator/{contact.id}")).text
    assert 'data-thread="whatsapp"' in page
    assert WHATSAPP_INVITE in page
    assert 'data-status="delivered"' in page
    for answer, label in ((Answer.YES, "Tak"), (Answer.NO, "Nie"), (Answer.MAYBE, "Może")):
        assert f'value="{button_payload(invitation.token, answer)}"' in page
        assert f">{label}</button>" in page
    listing = (await client.get("/simulator")).text
    assert "Ania Nowak" in listing  # a parent reached only by WhatsApp is on the list

    response = await post_form(
        client,
        f"/simulator/{contact.id}/whatsapp",
        token,
        {"payload": button_payload(invitation.token, Answer.YES), "body": "Tak"},
    )

    assert response.status_code == 303
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.answer_source) == (Answer.YES, "whatsapp")
    inbound = await InboundMessage.get()
    assert inbound.to_number.startswith("whatsapp:")
    assert inbound.provider_id.startswith("SMsim")
    reply = await OutboundMessage.get(kind=MessageKind.REPLY)
    assert reply.channel == Channel.WHATSAPP
    page = (await client.get(f"/simulator/{contact.id}")).text
    assert "Dziękujemy! Przychodzisz: Zebranie rodziców" in page  # our answer, in the chat
    sms_thread = page.split('data-thread="whatsapp"')[0]
    assert "Przychodzisz" not in sms_thread  # and not in the SMS thread


async def test_typing_in_the_whatsapp_chat_is_read_like_an_sms(
    client: httpx.AsyncClient,
) -> None:
    token, contact, invitation = await _school_with_parent(client)
    await whatsapp_invitation(invitation, contact)
    await post_form(client, f"/simulator/{contact.id}/whatsapp", token, {"body": "tak, 2 osoby"})
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size) == (Answer.YES, 2)
    assert await OutboundMessage.filter(kind=MessageKind.REPLY, channel=Channel.WHATSAPP).exists()


async def test_the_simulator_taps_only_buttons_of_this_parents_invitations(
    client: httpx.AsyncClient,
) -> None:
    token, contact, invitation = await _school_with_parent(client)
    other = await rsvp_contact(await contact.organisation, language="pl")
    event = await Event.get(id=invitation.event_id)  # type: ignore[attr-defined]
    others = await rsvp_invitation(event, other)
    payload = button_payload(others.token, Answer.YES)

    response = await post_form(
        client, f"/simulator/{contact.id}/whatsapp", token, {"payload": payload, "body": ""}
    )

    assert response.status_code == 303
    assert not await InboundMessage.exists()
    await others.refresh_from_db()
    assert others.answer == Answer.NONE


async def test_another_organisations_parent_is_not_on_this_simulator(
    client: httpx.AsyncClient,
) -> None:
    token, _, _ = await _school_with_parent(client)
    elsewhere = await make_org("elsewhere")
    stranger = await rsvp_contact(elsewhere, language="pl")
    invitation = await rsvp_invitation(await rsvp_event(elsewhere), stranger)
    payload = button_payload(invitation.token, Answer.YES)

    page = await client.get(f"/simulator/{stranger.id}")
    tap = await post_form(
        client, f"/simulator/{stranger.id}/whatsapp", token, {"payload": payload, "body": "Tak"}
    )

    assert (page.status_code, tap.status_code) == (404, 404)
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE


async def test_the_loopback_signs_as_the_webhook_checks_and_a_forgery_is_refused(
    app: Litestar, client: httpx.AsyncClient
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="nl")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)
    params = {
        "MessageSid": "SMloopback0001",
        "From": f"whatsapp:{contact.mobile}",
        "To": "whatsapp:+3197010203041",
        "Body": "Ja",
        "ButtonPayload": button_payload(invitation.token, Answer.YES),
        "ButtonText": "Ja",
    }
    request: Any = SimpleNamespace(app=app)

    answered = await post_as_twilio(request, "/webhooks/twilio/whatsapp", params)
    forged = await client.post(
        "/webhooks/twilio/whatsapp",
        data={**params, "MessageSid": "SMloopback0002"},
        headers={"X-Twilio-Signature": "c2lnbmVkIHdpdGggYW5vdGhlciBrZXk="},
    )

    assert answered.status == 200
    assert "<Message>Dank u!" in answered.body
    assert forged.status_code == 403
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.YES
    assert await InboundMessage.all().count() == 1


def test_button_labels_are_the_reply_words_in_sentence_case() -> None:
    assert [button_label("pl", a) for a in (Answer.YES, Answer.NO, Answer.MAYBE)] == [
        "Tak",
        "Nie",
        "Może",
    ]
    assert button_label("tr", Answer.MAYBE) == "Belki"
    assert button_label("fr", Answer.MAYBE) == "Peut-être"
    assert button_label("bg", Answer.YES) == "Да"
