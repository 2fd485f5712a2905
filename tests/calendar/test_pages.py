"""The parent's page at /r/{token}: language, answers, opt-out, calendar file, and the 404."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Answer, EventStatus
from parentinfo.rsvp.models import Invitation
from tests.calendar.ical import parse_both
from tests.factories import make_org
from tests.factories.calendar import make_contact, make_event, make_invitation

pytestmark = pytest.mark.anyio


async def _polish_invitation() -> Invitation:
    school = await make_org("school")
    event = await make_event(school)
    return await make_invitation(event, await make_contact(school, language="pl"))


async def _csrf(client: httpx.AsyncClient, path: str) -> str:
    response = await client.get(path)
    assert response.status_code == 200
    return str(client.cookies["csrftoken"])


async def test_the_page_speaks_the_parents_language(client: httpx.AsyncClient) -> None:
    invitation = await _polish_invitation()
    response = await client.get(f"/r/{invitation.token}")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="pl"' in html
    assert "<h1>Holenderski system szkolny</h1>" in html
    assert "Kiedy" in html
    assert "angielski, z tłumaczem (polski)" in html
    assert "Na miejscu jest opieka nad dziećmi." in html
    assert "Schoolstraat 1, 8011 AA Zwolle" in html
    assert "https://www.openstreetmap.org/search?query=Schoolstraat" in html
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "outlook.live.com/calendar/0/deeplink/compose" in html
    assert f"/r/{invitation.token}/invite.ics" in html
    assert f"webcal://parentinfo.test/r/{invitation.token}/calendar.ics?lang=pl" in html
    assert 'name="_csrf_token"' in html
    assert "<script" not in html
    assert response.headers["cache-control"] == "no-store"


async def test_lang_switches_the_page_to_dutch(client: httpx.AsyncClient) -> None:
    invitation = await _polish_invitation()
    html = (await client.get(f"/r/{invitation.token}?lang=nl")).text
    assert '<html lang="nl"' in html
    assert "<h1>Het Nederlandse schoolsysteem</h1>" in html
    assert "Wanneer" in html  # the fixed texts come from the calendar catalog
    for code in ("pl", "nl", "en"):
        assert f'hreflang="{code}"' in html


async def test_every_control_has_a_label(client: httpx.AsyncClient) -> None:
    invitation = await _polish_invitation()
    html = (await client.get(f"/r/{invitation.token}?lang=en")).text
    assert '<label for="party_size">' in html
    assert 'id="party_size"' in html
    for label in ("Yes, I will come", "Maybe", "No, I cannot come", "No more SMS messages"):
        assert label in html
    assert "min-height: 56px" in html  # answer buttons are large targets


async def test_answering_yes_with_csrf_updates_the_invitation(client: httpx.AsyncClient) -> None:
    invitation = await _polish_invitation()
    token = await _csrf(client, f"/r/{invitation.token}")
    response = await client.post(
        f"/r/{invitation.token}/answer",
        data={"answer": "yes", "party_size": "3", "lang": "pl", "_csrf_token": token},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/r/{invitation.token}?lang=pl&notice=saved"
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.YES
    assert invitation.party_size == 3
    assert invitation.answer_source == "page"
    page = await client.get(response.headers["location"])
    assert "Dziękujemy. Twoja odpowiedź została zapisana." in page.text
    assert "Twoja odpowiedź: tak, 3 osoby." in page.text  # Polish plural, the "few" form
    assert 'value="3" selected' in page.text


async def test_a_post_without_csrf_is_refused(client: httpx.AsyncClient) -> None:
    invitation = await _polish_invitation()
    response = await client.post(
        f"/r/{invitation.token}/answer", data={"answer": "yes", "party_size": "1"}
    )
    assert response.status_code == 403
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE


async def test_a_party_size_out_of_range_is_refused(client: httpx.AsyncClient) -> None:
    invitation = await _polish_invitation()
    token = await _csrf(client, f"/r/{invitation.token}")
    response = await client.post(
        f"/r/{invitation.token}/answer",
        data={"answer": "yes", "party_size": "11", "lang": "en", "_csrf_token": token},
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE


async def test_opting_out_of_sms_keeps_email(client: httpx.AsyncClient) -> None:
    invitation = await _polish_invitation()
    token = await _csrf(client, f"/r/{invitation.token}")
    response = await client.post(
        f"/r/{invitation.token}/optout",
        data={"stop_sms": "1", "lang": "pl", "_csrf_token": token},
    )
    assert response.status_code == 303
    contact = await Contact.get(id=invitation.contact_id)  # type: ignore[attr-defined]
    assert contact.sms_opt_out is True
    assert contact.email_opt_out is False
    page = await client.get(response.headers["location"])
    assert 'name="stop_sms" value="1" checked' in page.text


async def test_a_cancelled_session_says_so_and_takes_no_answers(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    event = await make_event(school, status=EventStatus.CANCELLED)
    invitation = await make_invitation(event, await make_contact(school, language="en"))
    html = (await client.get(f"/r/{invitation.token}")).text
    assert "This session is cancelled." in html
    assert f'action="/r/{invitation.token}/answer"' not in html
    token = str(client.cookies["csrftoken"])
    response = await client.post(
        f"/r/{invitation.token}/answer",
        data={"answer": "yes", "party_size": "1", "_csrf_token": token},
    )
    assert response.status_code == 409
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE


async def test_a_past_session_takes_no_answers(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    event = await make_event(school, starts_at=datetime.now(UTC) - timedelta(days=2))
    invitation = await make_invitation(event, await make_contact(school, language="en"))
    html = (await client.get(f"/r/{invitation.token}")).text
    assert "This session is over" in html
    assert f'action="/r/{invitation.token}/answer"' not in html


async def test_unknown_tampered_and_erased_links_get_one_neutral_404(
    client: httpx.AsyncClient,
) -> None:
    invitation = await _polish_invitation()
    contact = await make_contact(await make_org("other"), name="Erased")
    erased = await make_invitation(invitation.event, contact)  # type: ignore[arg-type]
    await contact.delete()
    tampered = invitation.token[:-1] + ("A" if invitation.token[-1] != "A" else "B")
    bodies = set()
    for token in ("never-existed-0123456789", tampered, erased.token):
        for path in (f"/r/{token}", f"/r/{token}/invite.ics", f"/r/{token}/calendar.ics"):
            response = await client.get(path)
            assert response.status_code == 404, path
            bodies.add(response.text)
    [body] = bodies
    assert "Page not found" in body
    assert "Pagina niet gevonden" in body
    assert "Holenderski" not in body


async def test_the_invite_file_is_an_event_to_add(client: httpx.AsyncClient) -> None:
    invitation = await _polish_invitation()
    response = await client.get(f"/r/{invitation.token}/invite.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "invite.ics" in response.headers["content-disposition"]
    parsed = parse_both(response.text)
    assert parsed.ical["METHOD"] == "PUBLISH"
    assert str(parsed.events[0]["SUMMARY"]) == "Holenderski system szkolny"
    assert "ATTENDEE" not in response.text
    assert parsed.vevents[0].valarm.trigger.value == timedelta(hours=-24)


async def test_a_refused_form_on_a_parents_page_speaks_their_language(
    client: httpx.AsyncClient,
) -> None:
    invitation = await _polish_invitation()
    response = await client.post(
        f"/r/{invitation.token}/answer?lang=pl", data={"answer": "yes", "party_size": "1"}
    )
    assert response.status_code == 403
    html = response.text
    assert '<html lang="pl" dir="ltr">' in html
    assert "Formularz wygasł" in html
    assert "The form has expired" in html  # English and Dutch for whoever helps them read it
    assert "Het formulier is verlopen" in html
    assert "dashboard" not in html.lower()  # no staff links on a parent's error page


@pytest.mark.parametrize(
    ("header", "title"),
    [("de-DE,de;q=0.9", "Seite nicht gefunden"), ("ar", "الصفحة غير موجودة")],
)
async def test_the_404_speaks_the_browsers_language(
    client: httpx.AsyncClient, header: str, title: str
) -> None:
    response = await client.get("/r/never-existed-0123456789", headers={"accept-language": header})
    assert response.status_code == 404
    assert title in response.text
    assert "Page not found" in response.text
    assert ('dir="rtl"' in response.text) is (header == "ar")
