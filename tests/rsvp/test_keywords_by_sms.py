"""STOP, START, HELP and the opted-out parent, through the webhook on both databases."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.contacts.models import Consent, Contact
from parentinfo.contacts.optout import record_consent
from parentinfo.lib.enums import Answer, ConsentMethod, InboxStatus
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import Phone
from tests.rsvp.test_webhook import reply_of

pytestmark = pytest.mark.anyio


async def test_stop_opts_out_of_sms_and_email_everywhere_with_a_confirmation(
    twilio_client: httpx.AsyncClient,
) -> None:
    school, club = await make_org("school"), await make_org("club")
    at_school = await rsvp_contact(school, language="pl", email="ania@example.test")
    at_club = await rsvp_contact(club, language="pl", mobile=at_school.mobile)

    reply = reply_of(await Phone(twilio_client, str(at_school.mobile)).send("STOP"))

    assert "SMS ani e-mail" in reply
    assert "START" in reply
    for contact in (at_school, at_club):
        await contact.refresh_from_db()
        assert (contact.sms_opt_out, contact.email_opt_out) == (True, True)
        consent = await Consent.filter(contact=contact).order_by("-id").first()
        assert consent is not None
        assert (consent.granted, consent.method) == (False, ConsentMethod.SMS)


@pytest.mark.parametrize("word", ["AFMELDEN", "wypisz", "DEZABONARE", "СТОП", "unsubscribe"])
async def test_local_stop_words_opt_out(twilio_client: httpx.AsyncClient, word: str) -> None:
    contact = await rsvp_contact(await make_org("school"))
    reply_of(await Phone(twilio_client, str(contact.mobile)).send(word))
    await contact.refresh_from_db()
    assert contact.sms_opt_out is True


async def test_stop_keeps_email_when_the_parent_chose_it_on_their_page(
    twilio_client: httpx.AsyncClient,
) -> None:
    contact = await rsvp_contact(await make_org("school"), language="nl", email="a@example.test")
    await record_consent(
        contact=contact, channels=["email"], granted=True, method=ConsentMethod.WEB
    )

    reply = reply_of(await Phone(twilio_client, str(contact.mobile)).send("stop"))

    assert reply.startswith("U ontvangt geen sms meer van ons.")
    await contact.refresh_from_db()
    assert (contact.sms_opt_out, contact.email_opt_out) == (True, False)


async def test_nothing_more_is_sent_after_stop_and_start_opts_back_in(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="bg")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)
    phone = Phone(twilio_client, str(contact.mobile))
    reply_of(await phone.send("СТОП"))

    silent = reply_of(await phone.send("ДА"))
    confused = reply_of(await phone.send("какво?"))
    back = reply_of(await phone.send("START"))

    assert (silent, confused) == ("", "")
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.YES  # their answer still counts; we just stay quiet
    assert "Добре дошли отново" in back
    await contact.refresh_from_db()
    assert contact.sms_opt_out is False


async def test_yes_from_an_opted_out_parent_opts_in_and_asks_to_answer_again(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="en")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)
    phone = Phone(twilio_client, str(contact.mobile))
    reply_of(await phone.send("STOP"))

    reply = reply_of(await phone.send("YES"))

    assert "Welcome back" in reply
    assert "send your answer again" in reply
    await contact.refresh_from_db()
    await invitation.refresh_from_db()
    assert (contact.sms_opt_out, invitation.answer) == (False, Answer.NONE)
    assert (await InboundMessage.filter(body="YES").get()).reading == "start (yes)"
    assert "You are coming" in reply_of(await phone.send("YES"))


async def test_help_says_who_sends_and_how_to_stop_in_the_parents_language(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("basisschool-de-regenboog", name="Basisschool De Regenboog")
    org.contact_phone = "+31201234567"
    await org.save()
    contact = await rsvp_contact(org, language="ro")

    reply = reply_of(await Phone(twilio_client, str(contact.mobile)).send("HELP"))

    assert "Basisschool De Regenboog" in reply
    assert "STOP" in reply
    assert "+31201234567" in reply
    assert "Aceste mesaje" in reply
    assert (await Contact.get(id=contact.id)).sms_opt_out is False


async def test_stop_inside_a_sentence_is_not_an_opt_out(twilio_client: httpx.AsyncClient) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="en")
    await rsvp_invitation(await rsvp_event(org), contact)

    reply_of(await Phone(twilio_client, str(contact.mobile)).send("Sorry I can't stop by"))

    await contact.refresh_from_db()
    assert contact.sms_opt_out is False
    assert await Invitation.filter(answer=Answer.NO).count() == 1
    assert await InboundMessage.filter(status=InboxStatus.HANDLED).count() == 1
