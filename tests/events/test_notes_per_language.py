"""Accessibility notes and directions per language, through the same fallback chain as titles.

Before, one event-wide note (often Dutch) went to every parent whatever their language.
"""

from __future__ import annotations

import httpx
import pytest

from parentinfo.events.models import EventText
from parentinfo.events.texts import PracticalNotes, choose_notes
from parentinfo.outreach.composing.compose import compose
from tests.calendar.ical import parse_both
from tests.factories import make_member, make_org
from tests.factories.calendar import make_contact, make_event, make_invitation
from tests.factories.events import event_body
from tests.outreach.test_compose import make_ctx

NOTES = {
    "nl": ("Ingang zonder trap aan de zijkant.", "Via de zij-ingang, lokaal 3."),
    "en": ("Step-free entrance at the side.", ""),
    "pl": ("", "Wejście od boku, sala 3."),
}


def test_each_note_follows_the_chain_on_its_own() -> None:
    assert choose_notes(NOTES, "pl") == PracticalNotes(
        accessibility="Step-free entrance at the side.", directions="Wejście od boku, sala 3."
    )
    assert choose_notes(NOTES, "ro") == PracticalNotes(
        accessibility="Step-free entrance at the side.", directions="Via de zij-ingang, lokaal 3."
    )
    assert choose_notes(NOTES, "nl").accessibility == "Ingang zonder trap aan de zijkant."


def test_the_event_wide_note_is_the_last_fallback() -> None:
    assert choose_notes({}, "pl", event_wide=" Lift ").accessibility == "Lift"
    assert choose_notes({"pl": ("Winda", "")}, "pl", event_wide="Lift").accessibility == "Winda"
    assert choose_notes({}, "pl") == PracticalNotes()


def test_the_email_says_how_to_get_there() -> None:
    composed = compose(make_ctx(language="de", directions="Eingang am Hof, Raum 3."))
    assert "So finden Sie hin: Eingang am Hof, Raum 3." in composed.text
    assert "Eingang am Hof, Raum 3." in composed.html
    assert "Eingang am Hof" not in composed.sms  # an SMS stays short


@pytest.mark.anyio
async def test_the_api_writes_and_lists_notes_per_language(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    created = await client.post("/api/v1/events", json=event_body(), headers=member.headers)
    assert created.status_code == 201, created.text
    url = f"/api/v1/events/{created.json()['id']}/texts"
    body = {"title": "Szkoła", "accessibility_notes": "Winda", "directions": "Sala 3"}
    put = await client.put(f"{url}/pl", json=body, headers=member.headers)
    assert put.status_code == 201, put.text
    assert (put.json()["accessibility_notes"], put.json()["directions"]) == ("Winda", "Sala 3")
    kept = await client.put(f"{url}/pl", json={"title": "Szkoła!"}, headers=member.headers)
    assert kept.json()["directions"] == "Sala 3"  # left out: kept
    too_long = await client.put(
        f"{url}/pl", json={"title": "x", "directions": "y" * 2001}, headers=member.headers
    )
    assert too_long.status_code == 422
    listed = (await client.get(url, headers=member.headers)).json()
    assert {t["language"]: t["directions"] for t in listed}["pl"] == "Sala 3"


@pytest.mark.anyio
async def test_page_and_calendar_file_show_the_parents_notes(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    event = await make_event(school, accessibility_notes="Ingang zonder trap (oud).")
    for language, (accessibility, directions) in NOTES.items():
        await EventText.filter(event=event, language=language).update(
            accessibility_notes=accessibility, directions=directions
        )
    polish = await make_invitation(event, await make_contact(school, language="pl"))
    html = (await client.get(f"/r/{polish.token}")).text
    assert "Step-free entrance at the side." in html
    assert "Wejście od boku, sala 3." in html
    assert "Dojazd" in html
    assert "Via de zij-ingang" not in html
    assert "(oud)" not in html
    ics = (await client.get(f"/r/{polish.token}/invite.ics")).text
    description = str(parse_both(ics).events[0]["DESCRIPTION"])
    assert "Dojazd: Wejście od boku, sala 3." in description
    dutch = await make_invitation(event, await make_contact(school, language="nl"))
    assert "Via de zij-ingang, lokaal 3." in (await client.get(f"/r/{dutch.token}")).text
