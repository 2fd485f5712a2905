"""``POST /webhooks/twilio/whatsapp`` on both databases: button taps answer exactly one
invitation, free text takes the SMS path, and every answer comes back on WhatsApp."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from parentinfo.contacts.models import Consent, Contact
from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer, Channel, EventStatus, InboxStatus, MessageKind
from parentinfo.messaging.models import ChannelWindow, OutboundMessage
from parentinfo.messaging.window import window_open
from parentinfo.rsvp.buttons import button_payload
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import Phone, new_sid
from tests.rsvp.test_webhook import reply_of
from tests.rsvp.whatsapp_phone import WHATSAPP_WEBHOOK, WhatsApp, whatsapp_headers

pytestmark = pytest.mark.anyio

STALE_PL = "Przepraszamy, ten przycisk już nie działa"


async def _invited(language: str = "pl", **event: object) -> tuple[Contact, Invitation]:
    org = await make_org("school")
    titles = {"pl": "Zebranie rodziców", "nl": "Ouderavond", "ro": "Ședința cu părinții"}
    evt = await rsvp_event(org, titles=titles, **event)  # type: ignore[arg-type]
    contact = await rsvp_contact(org, language=language)
    return contact, await rsvp_invitation(evt, contact)


@pytest.mark.parametrize(
    ("answer", "label", "said"),
    [
        (Answer.YES, "Tak", "Dziękujemy! Przychodzisz: Zebranie rodziców"),
        (Answer.NO, "Nie", "Dziękujemy za informację, że nie możesz przyjść: Zebranie rodziców"),
        (Answer.MAYBE, "Może", "Dziękujemy, zapisaliśmy „może”: Zebranie rodziców"),
    ],
)
async def test_a_tap_answers_its_invitation_and_the_answer_comes_back_on_whatsapp(
    twilio_client: httpx.AsyncClient, answer: Answer, label: str, said: str
) -> None:
    contact, invitation = await _invited()
    before = datetime.now(UTC) - timedelta(seconds=1)

    response = await WhatsApp(twilio_client, str(contact.mobile)).tap(
        button_payload(invitation.token, answer), label
    )

    reply = reply_of(response)
    assert said in reply
    assert f"https://parentinfo.test/r/{invitation.token}" in reply
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.answer_source) == (answer, "whatsapp")
    inbound = await InboundMessage.get()
    assert (inbound.to_number, inbound.from_number) == ("whatsapp:+3197010203041", contact.mobile)
    assert (inbound.reading, inbound.status) == (f"button {answer.value}", InboxStatus.HANDLED)
    assert inbound.invitation_id == invitation.id  # type: ignore[attr-defined]
    sent = await OutboundMessage.get(kind=MessageKind.REPLY)
    assert (sent.channel, sent.body, sent.to_address) == (Channel.WHATSAPP, reply, contact.mobile)
    # The parent wrote to us: WhatsApp's 24-hour window is open for free text.
    window = await ChannelWindow.get(contact_id=contact.id, channel=Channel.WHATSAPP)
    assert window.last_inbound_at >= before
    assert await window_open(contact.id, Channel.WHATSAPP, datetime.now(UTC))
    assert not await window_open(contact.id, Channel.SMS, datetime.now(UTC))


async def test_a_double_tap_changes_nothing_twice(twilio_client: httpx.AsyncClient) -> None:
    contact, invitation = await _invited(capacity=10)
    phone = WhatsApp(twilio_client, str(contact.mobile))
    payload = button_payload(invitation.token, Answer.YES)
    sid = new_sid()

    first = reply_of(await phone.tap(payload, "Tak", sid=sid))
    again = reply_of(await phone.tap(payload, "Tak", sid=sid))  # Twilio redelivers
    await invitation.refresh_from_db()
    answered_at = invitation.answered_at
    second_tap = reply_of(await phone.tap(payload, "Tak"))  # a new message, the same answer

    assert first == again == second_tap
    assert await InboundMessage.all().count() == 2
    assert await OutboundMessage.filter(kind=MessageKind.REPLY).count() == 2
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size) == (Answer.YES, 1)
    assert invitation.answered_at == answered_at
    event = await Event.get(id=invitation.event_id)  # type: ignore[attr-defined]
    assert event.places_taken == 1


async def test_a_tap_changes_an_earlier_answer_and_frees_the_places(
    twilio_client: httpx.AsyncClient,
) -> None:
    contact, invitation = await _invited(capacity=5)
    phone = WhatsApp(twilio_client, str(contact.mobile))
    reply_of(await phone.send("Tak, będziemy w 3 osoby"))
    event = await Event.get(id=invitation.event_id)  # type: ignore[attr-defined]
    assert event.places_taken == 3

    reply_of(await phone.tap(button_payload(invitation.token, Answer.NO), "Nie"))

    await invitation.refresh_from_db()
    await event.refresh_from_db()
    assert (invitation.answer, event.places_taken) == (Answer.NO, 0)


async def _other_parents_token() -> str:
    org = await make_org("other")
    event = await rsvp_event(org)
    return (await rsvp_invitation(event, await rsvp_contact(org))).token


@pytest.mark.parametrize(
    "stale",
    ["no such token", "another parent", "another organisation", "cancelled", "past", "garbage"],
)
async def test_a_forged_or_stale_tap_changes_nothing_and_is_answered_politely(
    twilio_client: httpx.AsyncClient, stale: str
) -> None:
    contact, invitation = await _invited()
    org = await make_org("school-b")
    if stale == "another parent":  # same school, another parent's invitation
        neighbour = await rsvp_contact(await contact.organisation, language="pl")
        event = await Event.get(id=invitation.event_id)  # type: ignore[attr-defined]
        target = await rsvp_invitation(event, neighbour)
    elif stale == "another organisation":
        target = await rsvp_invitation(await rsvp_event(org), await rsvp_contact(org))
    elif stale in ("cancelled", "past"):
        status = EventStatus.CANCELLED if stale == "cancelled" else EventStatus.PUBLISHED
        starts_in = timedelta(days=7) if stale == "cancelled" else timedelta(days=-2)
        own = await rsvp_event(await contact.organisation, status=status, starts_in=starts_in)
        target = await rsvp_invitation(own, contact)
    else:
        target = None
    payload = {
        "no such token": button_payload("AAAAAAAAAAAAAAAAAAAAAAAA", Answer.YES),
        "garbage": "rsvp:<script>:yes",
    }.get(stale) or button_payload(str(target.token if target else ""), Answer.YES)

    reply = reply_of(await WhatsApp(twilio_client, str(contact.mobile)).tap(payload, "Tak"))

    assert reply.startswith(STALE_PL), reply
    answered = await Invitation.exclude(answer=Answer.NONE).count()
    assert answered == 0
    inbound = await InboundMessage.get()
    assert (inbound.reading, inbound.invitation_id) == ("stale button", None)  # type: ignore[attr-defined]
    sent = await OutboundMessage.get(kind=MessageKind.REPLY)
    assert (sent.channel, sent.body) == (Channel.WHATSAPP, reply)


async def test_a_stale_tap_is_answered_in_the_parents_language(
    twilio_client: httpx.AsyncClient,
) -> None:
    contact, _ = await _invited("ro")
    payload = button_payload("BBBBBBBBBBBBBBBBBBBBBBBB", Answer.NO)
    reply = reply_of(await WhatsApp(twilio_client, str(contact.mobile)).tap(payload, "Nu"))
    assert reply.startswith("Ne pare rău, acest buton nu mai funcționează"), reply


async def test_a_tap_from_a_number_nobody_knows_changes_nothing(
    twilio_client: httpx.AsyncClient,
) -> None:
    _, invitation = await _invited()
    payload = button_payload(invitation.token, Answer.YES)  # a real token, a stranger's phone
    reply = reply_of(await WhatsApp(twilio_client, "+31611112222").tap(payload, "Tak"))
    assert "we do not know this number" in reply
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE
    inbound = await InboundMessage.get()
    assert (inbound.contact_id, inbound.status) == (None, InboxStatus.NEEDS_ATTENTION)  # type: ignore[attr-defined]
    assert not await ChannelWindow.exists()


@pytest.mark.parametrize(
    ("language", "typed", "answer", "party"),
    [
        ("pl", "tak, będziemy w 2 osoby 👍", Answer.YES, 2),
        ("ro", "Da, venim 2 persoane", Answer.YES, 2),
        ("nl", "nee helaas, we kunnen niet", Answer.NO, 1),
        ("bg", "може би", Answer.MAYBE, 1),
        ("uk", "Так, прийдемо втрьох", Answer.YES, 3),
    ],
)
async def test_free_text_in_whatsapp_is_read_as_an_sms_would_be(
    twilio_client: httpx.AsyncClient, language: str, typed: str, answer: Answer, party: int
) -> None:
    contact, invitation = await _invited(language)

    reply = reply_of(await WhatsApp(twilio_client, str(contact.mobile)).send(typed))

    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size, invitation.answer_source) == (
        answer,
        party,
        "whatsapp",
    )
    sent = await OutboundMessage.get(kind=MessageKind.REPLY)
    assert (sent.channel, sent.body, sent.language) == (Channel.WHATSAPP, reply, language)
    assert await window_open(contact.id, Channel.WHATSAPP, datetime.now(UTC))


async def test_stop_by_whatsapp_stops_sms_and_email_everywhere(
    twilio_client: httpx.AsyncClient,
) -> None:
    school, club = await make_org("school"), await make_org("club")
    at_school = await rsvp_contact(school, language="pl", email="ania@example.test")
    at_club = await rsvp_contact(club, language="pl", mobile=at_school.mobile)
    invitation = await rsvp_invitation(await rsvp_event(school), at_school)
    phone = WhatsApp(twilio_client, str(at_school.mobile))

    reply = reply_of(await phone.send("STOP"))

    assert "SMS ani e-mail" in reply
    for contact in (at_school, at_club):
        await contact.refresh_from_db()
        assert (contact.sms_opt_out, contact.email_opt_out) == (True, True)
        consent = await Consent.filter(contact=contact).order_by("-id").first()
        assert consent is not None
        assert (consent.granted, consent.note) == (False, "replied STOP by WhatsApp")
    # Opted out: a later tap still counts as an answer, but nothing more is sent.
    silent = reply_of(await phone.tap(button_payload(invitation.token, Answer.YES), "Tak"))
    assert silent == ""
    # And an SMS from the same phone is as opted out as the WhatsApp.
    assert reply_of(await Phone(twilio_client, str(at_school.mobile)).send("TAK")) == ""


async def test_a_signed_sms_signature_does_not_open_the_whatsapp_webhook(
    twilio_client: httpx.AsyncClient,
) -> None:
    from tests.rsvp.conftest import signed_headers  # signed over the SMS path

    contact, _ = await _invited()
    params = WhatsApp(twilio_client, str(contact.mobile)).params("Tak")
    headers = signed_headers(params)
    response = await twilio_client.post(WHATSAPP_WEBHOOK, data=params, headers=headers)
    assert response.status_code == 403
    assert not await InboundMessage.exists()


@pytest.mark.parametrize(
    "headers", [{}, {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}], ids=["unsigned", "forged"]
)
async def test_an_unsigned_or_forged_request_is_refused(
    twilio_client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    contact, invitation = await _invited()
    params = WhatsApp(twilio_client, str(contact.mobile)).params(
        "Tak", ButtonPayload=button_payload(invitation.token, Answer.YES)
    )
    response = await twilio_client.post(WHATSAPP_WEBHOOK, data=params, headers=headers)
    assert response.status_code == 403
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE
    assert not await InboundMessage.exists()
    assert not await ChannelWindow.exists()


async def test_another_content_type_is_415_and_missing_fields_are_400(
    twilio_client: httpx.AsyncClient,
) -> None:
    contact, _ = await _invited()
    phone = WhatsApp(twilio_client, str(contact.mobile))
    params = phone.params("Tak")
    as_json = await twilio_client.post(
        WHATSAPP_WEBHOOK, json=params, headers=whatsapp_headers(params)
    )
    assert as_json.status_code == 415
    for missing in ("MessageSid", "From"):
        without = {k: v for k, v in params.items() if k != missing}
        response = await twilio_client.post(
            WHATSAPP_WEBHOOK, data=without, headers=whatsapp_headers(without)
        )
        assert response.status_code == 400, missing
        assert missing in response.text
    assert not await InboundMessage.exists()


async def test_a_tap_answers_the_same_parents_invitation_from_another_organisation(
    twilio_client: httpx.AsyncClient,
) -> None:
    contact, at_school = await _invited()
    club = await make_org("club")
    same_parent = await rsvp_contact(club, language="pl", mobile=contact.mobile)
    at_club = await rsvp_invitation(await rsvp_event(club), same_parent)

    reply = reply_of(
        await WhatsApp(twilio_client, str(contact.mobile)).tap(
            button_payload(at_club.token, Answer.NO), "Nie"
        )
    )

    assert not reply.startswith(STALE_PL)
    await at_club.refresh_from_db()
    await at_school.refresh_from_db()
    assert (at_club.answer, at_school.answer) == (Answer.NO, Answer.NONE)
    inbound = await InboundMessage.get()
    assert inbound.organisation_id == club.id  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "payload",
    ["rsvp:\x00abcdefgh:yes", "rsvp:" + "A" * 5000 + ":yes", "rsvp:Zażółć-gęślą:yes", " "],
    ids=["nul", "overlong", "not-a-token", "blank"],
)
async def test_odd_payloads_change_nothing_and_never_fail(
    twilio_client: httpx.AsyncClient, payload: str
) -> None:
    contact, invitation = await _invited()

    response = await WhatsApp(twilio_client, str(contact.mobile)).tap(payload, "Tak")

    reply = reply_of(response)
    await invitation.refresh_from_db()
    if payload.strip():
        assert reply.startswith(STALE_PL)
        assert invitation.answer == Answer.NONE
    else:  # no payload at all: the button's text is read like typed text
        assert invitation.answer == Answer.YES


async def test_an_error_while_handling_a_tap_keeps_it_and_answers_politely(
    twilio_client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    contact, invitation = await _invited()

    async def broken(sender: object, payload: str) -> object:
        raise RuntimeError(f"database hiccup for {payload}")

    monkeypatch.setattr("parentinfo.rsvp.inbound.service.respond_to_tap", broken)
    sid = new_sid()

    response = await WhatsApp(twilio_client, str(contact.mobile)).tap(
        button_payload(invitation.token, Answer.YES), "Tak", sid=sid
    )

    assert response.status_code == 200
    assert "could not process" in response.text
    kept = await InboundMessage.get(provider_id=sid)
    assert (kept.body, kept.status, kept.to_number) == (
        "Tak",
        InboxStatus.NEEDS_ATTENTION,
        "whatsapp:+3197010203041",
    )
    assert kept.from_number == contact.mobile
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE
