"""``POST /webhooks/twilio/sms`` on both databases, signed the way Twilio signs."""

from __future__ import annotations

import asyncio
from xml.etree import ElementTree

import httpx
import pytest

from parentinfo.lib.enums import Answer, InboxStatus, MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import AUTH_TOKEN, WEBHOOK, Phone, new_sid, signed_headers

pytestmark = pytest.mark.anyio


def reply_of(response: httpx.Response) -> str:
    """The text of the TwiML <Message>, or "" when the answer is empty."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    message = ElementTree.fromstring(response.text).find("Message")  # noqa: S314 - our own TwiML
    return "" if message is None else str(message.text)


async def test_a_signed_yes_is_stored_answered_and_confirmed(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, code="K7", titles={"pl": "Szkoła w Holandii"})
    contact = await rsvp_contact(org, language="pl")
    invitation = await rsvp_invitation(event, contact)

    reply = reply_of(await Phone(twilio_client, str(contact.mobile)).send("Tak, będę +2"))

    assert "Szkoła w Holandii" in reply
    assert "3 osoby" in reply
    assert f"https://parentinfo.test/r/{invitation.token}" in reply
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size, invitation.answer_source) == (
        Answer.YES,
        3,
        "sms",
    )
    inbound = await InboundMessage.get()
    assert (inbound.status, inbound.reading, inbound.reply_body) == (
        InboxStatus.HANDLED,
        "yes 3",
        reply,
    )
    assert inbound.invitation_id == invitation.id  # type: ignore[attr-defined]
    sent = await OutboundMessage.get(kind=MessageKind.REPLY)
    assert (sent.body, sent.contact_id, sent.to_address) == (reply, contact.id, contact.mobile)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Twilio-Signature": "not-a-signature"},
        "wrong-token",
        "wrong-url",
    ],
    ids=["missing", "garbage", "wrong-token", "wrong-url"],
)
async def test_a_bad_signature_is_refused_and_nothing_is_stored(
    twilio_client: httpx.AsyncClient, headers: dict[str, str] | str
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org)
    await rsvp_invitation(await rsvp_event(org), contact)
    params = {"MessageSid": new_sid(), "From": str(contact.mobile), "To": "+31970", "Body": "JA"}
    if headers == "wrong-token":
        headers = signed_headers(params, token="another-token")
    elif headers == "wrong-url":
        from twilio.request_validator import RequestValidator

        signature = RequestValidator(AUTH_TOKEN).compute_signature(
            "https://elsewhere.test" + WEBHOOK, params
        )
        headers = {"X-Twilio-Signature": signature}
    assert isinstance(headers, dict)

    response = await twilio_client.post(WEBHOOK, data=params, headers=headers)

    assert response.status_code == 403
    assert await InboundMessage.all().count() == 0
    assert await Invitation.filter(answer=Answer.YES).count() == 0


async def test_another_content_type_is_refused(twilio_client: httpx.AsyncClient) -> None:
    params = {"MessageSid": new_sid(), "From": "+31612345678", "Body": "JA"}
    response = await twilio_client.post(WEBHOOK, json=params, headers=signed_headers(params))
    assert response.status_code == 415
    assert await InboundMessage.all().count() == 0


@pytest.mark.parametrize("missing", ["MessageSid", "From"])
async def test_missing_fields_are_a_400(twilio_client: httpx.AsyncClient, missing: str) -> None:
    params = {"MessageSid": new_sid(), "From": "+31612345678", "Body": "JA"}
    del params[missing]
    response = await twilio_client.post(WEBHOOK, data=params, headers=signed_headers(params))
    assert response.status_code == 400
    assert await InboundMessage.all().count() == 0


async def test_a_body_over_1600_characters_is_kept_cut_and_answered_politely(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="ro")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)

    reply = reply_of(await Phone(twilio_client, str(contact.mobile)).send("DA " * 700))

    assert "prea lung" in reply
    inbound = await InboundMessage.get()
    assert len(inbound.body) == 1600
    assert inbound.status == InboxStatus.NEEDS_ATTENTION
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE


async def test_control_characters_are_stripped_and_the_answer_still_read(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="bg")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)

    reply_of(await Phone(twilio_client, str(contact.mobile)).send("\x00ДА\x07\x1b 2\x7f"))

    inbound = await InboundMessage.get()
    assert inbound.body == "ДА 2"
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size) == (Answer.YES, 2)


async def test_a_sender_that_is_not_a_phone_number_gets_a_polite_answer(
    twilio_client: httpx.AsyncClient,
) -> None:
    reply = reply_of(await Phone(twilio_client, "Vodafone").send("JA"))
    assert "do not know this number" in reply
    inbound = await InboundMessage.get()
    assert (inbound.from_number, inbound.organisation_id) == ("Vodafone", None)  # type: ignore[attr-defined]


async def test_an_unknown_number_gets_english_and_dutch_and_is_kept(
    twilio_client: httpx.AsyncClient,
) -> None:
    reply = reply_of(await Phone(twilio_client, "+31687654321").send("Tak"))
    assert "do not know this number" in reply
    assert "kennen dit nummer niet" in reply
    inbound = await InboundMessage.get()
    assert (inbound.status, inbound.body, inbound.contact_id) == (  # type: ignore[attr-defined]
        InboxStatus.NEEDS_ATTENTION,
        "Tak",
        None,
    )


async def test_a_redelivery_changes_nothing_and_gets_the_same_answer(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="nl")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)
    phone = Phone(twilio_client, str(contact.mobile))
    first = reply_of(await phone.send("JA 2", sid="SM-redelivered"))
    reply_of(await phone.send("NEE"))  # a changed mind in between

    again = reply_of(await phone.send("JA 2", sid="SM-redelivered"))

    assert again == first
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NO
    assert await InboundMessage.all().count() == 2
    assert await OutboundMessage.filter(kind=MessageKind.REPLY).count() == 2


async def test_two_identical_deliveries_at_once_are_stored_once(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org)
    invitation = await rsvp_invitation(await rsvp_event(org, capacity=10), contact)
    phone = Phone(twilio_client, str(contact.mobile))

    responses = await asyncio.gather(*(phone.send("ja 2", sid="SM-twin") for _ in range(3)))

    assert len({reply_of(r) for r in responses}) == 1
    assert await InboundMessage.all().count() == 1
    assert await OutboundMessage.filter(kind=MessageKind.REPLY).count() == 1
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size) == (Answer.YES, 2)


async def test_parents_racing_for_the_last_places_never_overfill_the_event(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, capacity=2)
    parents = [await rsvp_contact(org) for _ in range(6)]
    for parent in parents:
        await rsvp_invitation(event, parent)

    replies = await asyncio.gather(
        *(Phone(twilio_client, str(p.mobile)).send("JA") for p in parents)
    )

    rows = await Invitation.filter(event=event, answer=Answer.YES)
    assert sorted(r.waitlisted for r in rows) == [False, False, True, True, True, True]
    assert sum("wachtlijst" in reply_of(r) for r in replies) == 4


async def test_two_replies_from_one_parent_at_once_leave_a_consistent_state(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, capacity=1)
    parent, other = await rsvp_contact(org), await rsvp_contact(org)
    mine = await rsvp_invitation(event, parent, answer=Answer.YES)
    theirs = await rsvp_invitation(event, other, answer=Answer.YES, waitlisted=True)
    phone = Phone(twilio_client, str(parent.mobile))

    await asyncio.gather(phone.send("NEE"), phone.send("JA"))

    await mine.refresh_from_db()
    await theirs.refresh_from_db()
    holding = [i for i in (mine, theirs) if i.answer == Answer.YES and not i.waitlisted]
    assert len(holding) == 1  # never both on one place, never the place left empty
    assert await InboundMessage.filter(status=InboxStatus.HANDLED).count() == 2


async def test_a_full_event_puts_a_yes_on_the_waiting_list_and_says_so(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, capacity=2)
    await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, party_size=2)
    contact = await rsvp_contact(org, language="ro")
    invitation = await rsvp_invitation(event, contact)

    reply = reply_of(await Phone(twilio_client, str(contact.mobile)).send("da"))

    assert "lista de așteptare" in reply
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.waitlisted) == (Answer.YES, True)
