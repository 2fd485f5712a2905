"""Outreach pages: audience → preview per language → confirm → progress → status per message."""

from __future__ import annotations

import re
from decimal import Decimal

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.enums import MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from tests.factories import make_member, make_org
from tests.factories.contacts import make_contact
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

EVENT = {
    "topic": "library",
    "date": "2031-05-13",
    "start_time": "15:00",
    "end_time": "16:30",
    "venue": "Bibliotheek",
    "session_languages": ["nl"],
    "title_en": "The library",
    "title_pl": "Biblioteka dla dzieci",
}


async def _published_event(client: httpx.AsyncClient) -> tuple[Event, str]:
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=1, name="Anna", language="pl")
    await make_contact(member.actor, n=2, name="Ion", language="ro")
    await make_contact(
        member.actor,
        n=3,
        name="Emma",
        language="nl",
        mobile=None,
        email="emma@example.com",
        consent_channels=["email"],
    )
    token = await login(client, member)
    await post_form(client, "/events", token, EVENT)
    event = await Event.get()
    await post_form(client, f"/events/{event.id}/publish", token)
    return event, token


async def test_the_preview_shows_each_language_with_encoding_and_cost(
    client: httpx.AsyncClient,
) -> None:
    event, _token = await _published_event(client)
    page = await client.get(f"/events/{event.id}/outreach?lang=en")
    assert page.status_code == 200
    assert "Polish" in page.text
    preview = await client.get(f"/events/{event.id}/outreach/preview?languages=pl&languages=nl")
    assert preview.status_code == 200, preview.text
    assert "Biblioteka dla dzieci" in preview.text
    assert "UCS-2" in preview.text or "GSM-7" in preview.text
    assert "Segments:" in preview.text or "Segmenten:" in preview.text
    assert 'name="languages" value="pl"' in preview.text
    assert "Ion" not in preview.text
    assert await OutboundMessage.all().count() == 0  # nothing is sent by looking


async def test_the_preview_shows_the_cost_per_parent_reached_in_the_pages_money(
    client: httpx.AsyncClient,
) -> None:
    event, _token = await _published_event(client)
    query = "languages=pl&languages=nl&lang=nl"
    preview = await client.get(f"/events/{event.id}/outreach/preview?{query}")
    assert preview.status_code == 200, preview.text
    total = re.search(r"<strong>€\s(\d+,\d{2})</strong> voor de sms'jes", preview.text)
    reached = r"per bereikte ouder \(2 met een bericht of gesprek\)"
    per_parent = re.search(r"<strong>€\s(\d+,\d{2,3})</strong> " + reached, preview.text)
    assert total is not None, preview.text
    assert per_parent is not None, preview.text  # Anna by SMS, Emma by email
    cost = Decimal(total.group(1).replace(",", "."))
    assert cost > 0
    assert Decimal(per_parent.group(1).replace(",", ".")) == round(cost / 2, 3)


async def test_confirm_queues_the_messages_and_shows_progress(client: httpx.AsyncClient) -> None:
    event, token = await _published_event(client)
    response = await post_form(client, f"/events/{event.id}/outreach/send", token, {"attended": ""})
    assert response.status_code == 303, response.text
    assert "/outreach/progress" in response.headers["location"]
    rows = await OutboundMessage.filter(event=event, kind=MessageKind.INVITATION)
    assert {(r.channel.value, r.language) for r in rows} == {
        ("sms", "pl"),
        ("sms", "ro"),
        ("email", "nl"),
    }
    page = await client.get(response.headers["location"])
    assert page.status_code == 200
    assert "data-progress-url" in page.text
    progress = (await client.get(f"/events/{event.id}/outreach/progress.json")).json()
    assert progress["total"] == 3
    statuses = await client.get(f"/events/{event.id}/messages?lang=en")
    assert statuses.status_code == 200
    assert statuses.text.count("<tr>") >= 4


async def test_the_messages_page_says_why_a_message_was_not_sent(
    client: httpx.AsyncClient,
) -> None:
    event, token = await _published_event(client)
    await post_form(client, f"/events/{event.id}/outreach/send", token, {"attended": ""})
    first, second, third = await OutboundMessage.filter(event=event).order_by("id")
    withheld = {"status": MessageStatus.WITHHELD}
    await OutboundMessage.filter(id=first.id).update(**withheld, withheld_reason="opted_out")
    await OutboundMessage.filter(id=second.id).update(**withheld, withheld_reason="superseded")

    english = (await client.get(f"/events/{event.id}/messages?lang=en")).text
    dutch = (await client.get(f"/events/{event.id}/messages?lang=nl")).text

    assert english.count("badge badge-withheld") == 2
    assert "the parent opted out" in english
    assert "replaced by a newer notice" in english
    assert "de ouder heeft zich afgemeld" in dutch
    assert "vervangen door een nieuwer bericht" in dutch
    assert third.status == MessageStatus.PENDING  # a waiting message gives no reason


async def test_a_draft_can_be_previewed_but_not_sent(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=1, name="Anna", language="pl")
    token = await login(client, member)
    await post_form(client, "/events", token, EVENT)
    event = await Event.get()
    preview = await client.get(f"/events/{event.id}/outreach/preview")
    assert preview.status_code == 200
    assert "/outreach/send" not in preview.text
    response = await post_form(client, f"/events/{event.id}/outreach/send", token)
    assert response.status_code == 409
    assert await OutboundMessage.all().count() == 0


async def test_the_messages_page_names_each_parent_besides_the_number(
    client: httpx.AsyncClient,
) -> None:
    event, token = await _published_event(client)
    await post_form(client, f"/events/{event.id}/outreach/send", token, {"attended": ""})
    listing = (await client.get(f"/events/{event.id}/messages?lang=en")).text
    for name in ("Anna", "Ion", "Emma"):
        assert f"<strong>{name}</strong>" in listing


async def test_contacts_chosen_in_the_list_are_invited_after_the_usual_preview(
    client: httpx.AsyncClient,
) -> None:
    event, token = await _published_event(client)
    chosen = await Contact.filter(name__in=["Anna", "Emma"]).values_list("id", flat=True)
    ids = [str(i) for i in chosen]
    moved = await post_form(client, "/contacts/invite", token, {"ids": ids, "event": event.id})
    assert moved.status_code == 303
    audience = await client.get(moved.headers["location"] + "&lang=en")
    assert audience.status_code == 200
    assert "Only the 2 contacts you chose" in audience.text
    query = "&".join(f"contacts={i}" for i in ids)
    preview = await client.get(f"/events/{event.id}/outreach/preview?{query}&lang=en")
    assert "Send to 2 parents" in preview.text
    assert await OutboundMessage.all().count() == 0  # nothing is sent by choosing
    sent = await post_form(
        client, f"/events/{event.id}/outreach/send", token, {"contacts": ids, "attended": ""}
    )
    assert sent.status_code == 303, sent.text
    invited = await OutboundMessage.filter(event=event).values_list("contact_id", flat=True)
    assert sorted(invited) == sorted(chosen)
