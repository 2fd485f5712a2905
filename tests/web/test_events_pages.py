"""Events pages: create with texts per language, edit, publish, co-host, cancel, duplicate."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.lib.enums import EventStatus, HostStatus
from tests.factories import make_member, make_org
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

FORM = {
    "topic": "school_system",
    "date": "2031-03-11",
    "start_time": "19:00",
    "end_time": "21:00",
    "venue": "School hall",
    "session_languages": ["nl"],
    "interpreter_languages": ["pl"],
    "title_nl": "Het Nederlandse schoolsysteem",
    "title_pl": "Holenderski system szkolny",
    "description_pl": "Spotkanie dla rodziców.",
}


async def _create(client: httpx.AsyncClient, token: str, **changes: object) -> httpx.Response:
    return await post_form(client, "/events", token, {**FORM, **changes})


async def test_an_event_is_created_with_a_polish_text(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    response = await _create(client, token)
    assert response.status_code == 303, response.text
    event = await Event.get()
    assert event.status == EventStatus.DRAFT
    assert event.interpreter_languages == ["pl"]
    assert event.starts_at.hour == 18  # 19:00 in Amsterdam in March is 18:00 UTC
    texts = {t.language: t.title for t in await EventText.filter(event=event)}
    assert texts == {"nl": "Het Nederlandse schoolsysteem", "pl": "Holenderski system szkolny"}
    page = (await client.get(response.headers["location"] + "?lang=en")).text
    assert "Holenderski system szkolny" in page
    assert page.count("text-card missing") == 3  # en, ro, bg are marked missing


async def test_a_form_with_errors_says_what_is_wrong_next_to_each_field(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    response = await _create(
        client, token, end_time="18:00", session_languages=[], description_ro="Fără titlu"
    )
    assert response.status_code == 422
    assert 'id="f-title_ro-error"' in response.text
    response = await _create(client, token, end_time="18:00", session_languages=[])
    assert response.status_code == 422
    assert 'id="f-end_time-error"' in response.text or 'id="f-session_languages-error"' in (
        response.text
    )
    assert 'value="School hall"' in response.text
    assert "Holenderski system szkolny" in response.text
    assert await Event.all().count() == 0


async def test_editing_changes_fields_and_texts(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    await _create(client, token)
    event = await Event.get()
    form = {**FORM, "venue": "Library", "title_pl": "", "description_pl": "", "title_ro": "Sistem"}
    response = await post_form(client, f"/events/{event.id}/edit", token, form)
    assert response.status_code == 303, response.text
    await event.refresh_from_db()
    assert event.venue == "Library"
    assert {t.language for t in await EventText.filter(event=event)} == {"nl", "ro"}


async def test_publish_cancel_with_a_confirm_step(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    await _create(client, token)
    event = await Event.get()
    assert (await post_form(client, f"/events/{event.id}/publish", token)).status_code == 303
    await event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    confirm = await client.get(f"/events/{event.id}/cancel?lang=en")
    assert "Who will be told" in confirm.text
    assert event.status == EventStatus.PUBLISHED
    assert (await post_form(client, f"/events/{event.id}/cancel", token)).status_code == 303
    await event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED


async def test_duplicate_and_monthly_series(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    await _create(client, token)
    event = await Event.get()
    response = await post_form(
        client, f"/events/{event.id}/duplicate", token, {"date": "2031-04-08"}
    )
    assert response.status_code == 303
    assert await Event.all().count() == 2
    response = await _create(client, token, monthly="on", series_count="3", series_name="Moms")
    assert response.status_code == 303, response.text
    assert await Event.filter(series_id__not_isnull=True).count() == 3


async def test_a_cohost_is_invited_and_accepts(client: httpx.AsyncClient) -> None:
    school = await make_member(await make_org("school"))
    polonia_org = await make_org("polonia", name="Stichting Polonia")
    polonia = await make_member(polonia_org)
    token = await login(client, school)
    await _create(client, token)
    event = await Event.get()
    response = await post_form(
        client, f"/events/{event.id}/hosts", token, {"organisation": "polonia"}
    )
    assert response.status_code == 303
    await post_form(client, "/logout", token)

    token = await login(client, polonia)
    dashboard = (await client.get("/?lang=en")).text
    assert "Invitations to host together" in dashboard
    response = await post_form(client, f"/events/{event.id}/hosts/accept", token)
    assert response.status_code == 303
    host = await EventHost.get(event=event, organisation=polonia_org)
    assert host.status == HostStatus.ACCEPTED
    assert (await client.get(f"/events/{event.id}/edit")).status_code == 200


async def test_another_organisation_gets_a_404(client: httpx.AsyncClient) -> None:
    school = await make_member(await make_org("school"))
    other = await make_member(await make_org("other"))
    token = await login(client, school)
    await _create(client, token)
    event = await Event.get()
    await post_form(client, "/logout", token)
    await login(client, other)
    assert (await client.get(f"/events/{event.id}")).status_code == 404


async def test_notes_per_language_are_written_shown_and_copied(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    notes = {"accessibility_pl": "Winda przy wejściu.", "directions_pl": "Sala 3, pierwsze piętro."}
    response = await _create(client, token, **notes)
    assert response.status_code == 303, response.text
    event = await Event.get()
    polish = await EventText.get(event=event, language="pl")
    assert (polish.accessibility_notes, polish.directions) == tuple(notes.values())
    dutch = await EventText.get(event=event, language="nl")
    assert (dutch.accessibility_notes, dutch.directions) == ("", "")
    form = (await client.get(f"/events/{event.id}/edit?lang=en")).text
    assert "Sala 3, pierwsze piętro." in form
    edited = {**FORM, "directions_pl": "Sala 4.", "directions_nl": "Zaal 4."}
    response = await post_form(client, f"/events/{event.id}/edit", token, edited)
    assert response.status_code == 303, response.text
    await polish.refresh_from_db()
    assert (polish.accessibility_notes, polish.directions) == ("", "Sala 4.")
    await post_form(client, f"/events/{event.id}/duplicate", token, {"date": "2031-04-08"})
    copy = await Event.exclude(id=event.id).get()
    assert (await EventText.get(event=copy, language="nl")).directions == "Zaal 4."
