"""A parent's question answered by staff: webhook in, thread, preview, outbox row, sent."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.enums import Channel, InboxStatus, MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import InboundMessage
from tests.answers.helpers import asking_parent, text_us
from tests.factories import make_member, make_org
from tests.factories.outreach import run_jobs
from tests.factories.rsvp import rsvp_event
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio

pytestmark = pytest.mark.anyio

QUESTION = "Czy mogę przyjść z dziećmi? Gdzie to jest?"


async def _question_in_inbox(api: httpx.AsyncClient, number: str, headers: dict[str, str]) -> int:
    response = await text_us(api, number, QUESTION)
    assert response.status_code == 200, response.text
    inbox = (await api.get("/api/v1/inbox", headers=headers)).json()
    [item] = [i for i in inbox["items"] if i["body"] == QUESTION]
    return int(item["id"])


async def test_staff_preview_in_dutch_and_send_in_polish_by_sms(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event, parent = await asking_parent(school)
    item_id = await _question_in_inbox(api, str(parent.mobile), member.headers)

    thread = (await api.get(f"/api/v1/inbox/{item_id}/thread", headers=member.headers)).json()
    assert thread["language"] == "pl"
    assert next(e["direction"] for e in thread["entries"]) == "in"
    assert thread["entries"][0]["body"] == QUESTION
    assert thread["entries"][0]["status"] == "needs_attention"

    url = f"/api/v1/inbox/{item_id}/answer"
    preview = await api.post(f"{url}/preview", json={"ready": "ends_at"}, headers=member.headers)
    assert preview.status_code == 200, preview.text
    ends = event.ends_at.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%H:%M")
    body = preview.json()
    assert body["language"] == "pl"
    assert body["channel"] == "sms"
    assert body["staff_language"] == "nl"
    assert body["body"] == f"Spotkanie kończy się o {ends}."
    assert body["staff_body"] == f"Het is om {ends} afgelopen."
    assert await OutboundMessage.filter(kind=MessageKind.STAFF_ANSWER).count() == 0  # only a look

    interpreter = await api.post(
        f"{url}/preview", json={"ready": "interpreter"}, headers=member.headers
    )
    assert "polski" in interpreter.json()["body"]
    assert "Pools" in interpreter.json()["staff_body"]

    sent = await api.post(url, json={"ready": "address"}, headers=member.headers)
    assert sent.status_code == 201, sent.text
    row = await OutboundMessage.get(id=sent.json()["message_id"])
    assert (row.kind, row.language, row.channel) == (MessageKind.STAFF_ANSWER, "pl", Channel.SMS)
    assert row.body == "Adres: Schoolstraat 1, Zwolle."
    assert row.to_address == parent.mobile
    assert row.created_by_id == member.actor.user_id  # type: ignore[attr-defined]
    item = await InboundMessage.get(id=item_id)
    assert (item.status, item.resolved_by_id) == (InboxStatus.RESOLVED, member.actor.user_id)  # type: ignore[attr-defined]

    await run_jobs()
    await row.refresh_from_db()
    assert row.status == MessageStatus.SENT
    [delivered] = [c for c in twilio.created if c["body"] == "Adres: Schoolstraat 1, Zwolle."]
    assert delivered["to"] == parent.mobile

    thread = (await api.get(f"/api/v1/contacts/{parent.id}/thread", headers=member.headers)).json()
    last = thread["entries"][-1]
    assert (last["direction"], last["kind"], last["status"]) == ("out", "staff_answer", "sent")


async def test_free_text_is_sent_as_written_from_the_contact(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    _event, parent = await asking_parent(school)
    url = f"/api/v1/contacts/{parent.id}/answer"
    text = "Tak, parking jest za szkołą."
    preview = (await api.post(f"{url}/preview", json={"text": text}, headers=member.headers)).json()
    assert (preview["body"], preview["staff_body"], preview["encoding"]) == (text, None, "UCS-2")
    sent = await api.post(url, json={"text": text}, headers=member.headers)
    assert sent.status_code == 201, sent.text
    await run_jobs()
    assert [c["body"] for c in twilio.created] == [text]


async def test_a_ready_answer_without_its_fact_is_refused_before_sending(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    _event, parent = await asking_parent(school, address="", interpreter_languages=[])
    item_id = await _question_in_inbox(api, str(parent.mobile), member.headers)
    url = f"/api/v1/inbox/{item_id}/answer"

    for key, says in (("address", "fill in the address"), ("interpreter", "interpreter")):
        for path in (f"{url}/preview", url):
            refused = await api.post(path, json={"ready": key}, headers=member.headers)
            assert refused.status_code == 422, refused.text
            assert says in refused.text
    both = await api.post(url, json={"ready": "free", "text": "x"}, headers=member.headers)
    assert both.status_code == 422
    unknown = await api.post(url, json={"ready": "nonsense"}, headers=member.headers)
    assert unknown.status_code == 422
    for text in ("   ", "a\x00b", "x" * 481):
        bad = await api.post(url, json={"text": text}, headers=member.headers)
        assert bad.status_code == 422, (text, bad.text)

    elsewhere = await rsvp_event(await make_org("club"))
    other = await api.post(
        url, json={"ready": "free", "event_id": elsewhere.id}, headers=member.headers
    )
    assert other.status_code == 422, other.text

    assert await OutboundMessage.filter(kind=MessageKind.STAFF_ANSWER).count() == 0
    assert (await InboundMessage.get(id=item_id)).status == InboxStatus.NEEDS_ATTENTION

    not_invited = await rsvp_event(school)  # a parent may ask about an event of ours
    await Event.filter(id=not_invited.id).update(address="Kerkstraat 2, Zwolle")
    about = await api.post(
        f"{url}/preview",
        json={"ready": "address", "event_id": not_invited.id},
        headers=member.headers,
    )
    assert about.status_code == 200, about.text
    assert about.json()["body"] == "Adres: Kerkstraat 2, Zwolle."


async def test_another_organisation_gets_404(api: httpx.AsyncClient, twilio: FakeTwilio) -> None:
    school, club = await make_org("school"), await make_org("club")
    ours, theirs = await make_member(school), await make_member(club)
    _event, parent = await asking_parent(school)
    item_id = await _question_in_inbox(api, str(parent.mobile), ours.headers)
    answer = {"ready": "free"}
    own = await api.get(f"/api/v1/inbox/{item_id}/thread", headers=ours.headers)
    assert own.status_code == 200  # the routes exist: the 404s below are the scoping

    for method, path in (
        ("GET", f"/api/v1/inbox/{item_id}/thread"),
        ("GET", f"/api/v1/contacts/{parent.id}/thread"),
        ("POST", f"/api/v1/inbox/{item_id}/answer/preview"),
        ("POST", f"/api/v1/inbox/{item_id}/answer"),
        ("POST", f"/api/v1/contacts/{parent.id}/answer/preview"),
        ("POST", f"/api/v1/contacts/{parent.id}/answer"),
    ):
        body = answer if method == "POST" else None
        response = await api.request(method, path, json=body, headers=theirs.headers)
        assert response.status_code == 404, (path, response.text)
        assert QUESTION not in response.text

    volunteer = await make_member(school, role="volunteer")
    refused = await api.post(
        f"/api/v1/inbox/{item_id}/answer", json=answer, headers=volunteer.headers
    )
    assert refused.status_code in (403, 404)
    assert await OutboundMessage.filter(kind=MessageKind.STAFF_ANSWER).count() == 0


async def test_a_parent_we_write_to_by_email_is_answered_by_email(
    api: httpx.AsyncClient, smtp: MailBox
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    _event, parent = await asking_parent(school)
    await Contact.filter(id=parent.id).update(mobile=None, email="ania@example.com")
    sent = await api.post(
        f"/api/v1/contacts/{parent.id}/answer", json={"ready": "free"}, headers=member.headers
    )
    assert sent.status_code == 201, sent.text
    assert sent.json()["preview"]["channel"] == "email"
    row = await OutboundMessage.get(id=sent.json()["message_id"])
    assert (row.channel, row.subject, row.body) == (
        Channel.EMAIL,
        "Wywiadówka",
        "Udział jest bezpłatny.",
    )
    await run_jobs()
    [mail] = smtp.to("ania@example.com")
    assert "Udział jest bezpłatny." in mail.get_body(preferencelist=("plain",)).get_content()


async def test_a_thread_we_held_by_email_is_answered_by_email(
    api: httpx.AsyncClient, smtp: MailBox
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    _event, parent = await asking_parent(school)
    await Contact.filter(id=parent.id).update(email="ania@example.com")
    await OutboundMessage.create(
        organisation_id=school.id,
        contact_id=parent.id,
        channel=Channel.EMAIL,
        kind=MessageKind.INVITATION,
        language="pl",
        to_address="ania@example.com",
        body="Zaproszenie",
        status=MessageStatus.SENT,
    )
    preview = await api.post(
        f"/api/v1/contacts/{parent.id}/answer/preview",
        json={"ready": "will_call"},
        headers=member.headers,
    )
    assert preview.json()["channel"] == "email"
    assert preview.json()["body"] == "Ktoś od nas do Ciebie zadzwoni."
