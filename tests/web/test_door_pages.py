"""The door page: list, sync of queued taps (merged by client id), walk-ins, print, CSV."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.attendance.models import CheckIn
from parentinfo.lib.enums import Answer
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.attendance import invite, make_contact, make_door_event
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio


async def _door(client: httpx.AsyncClient):  # type: ignore[no-untyped-def]
    school = await make_org("school")
    member = await make_member(school)
    event = await make_door_event(school, title="Schools explained")
    anna = await invite(event, await make_contact(school, "Anna Kowalska"), party_size=2)
    ion = await invite(event, await make_contact(school, "Ion Popescu", language="ro"))
    token = await login(client, member)
    return event, anna, ion, token


async def test_the_door_lists_everyone_and_speaks_polish(client: httpx.AsyncClient) -> None:
    event, _anna, _ion, _token = await _door(client)
    page = await client.get(f"/events/{event.id}/door?lang=pl")
    assert page.status_code == 200
    assert '<html lang="pl">' in page.text
    assert "Anna Kowalska" in page.text
    assert "Ion Popescu" in page.text
    assert "/static/door.js" in page.text
    # the staff pages stay in a staff language
    assert '<html lang="en">' in (await client.get("/")).text


async def test_a_replayed_queue_merges_instead_of_doubling(client: httpx.AsyncClient) -> None:
    event, anna, ion, _token = await _door(client)
    queue = {
        "operations": [
            {"kind": "check_in", "client_id": "c1", "invitation_id": anna.id, "party_size": 3},
            {"kind": "check_in", "client_id": "c2", "invitation_id": ion.id, "party_size": 1},
            {"kind": "undo", "client_id": "c3", "invitation_id": ion.id},
        ]
    }
    headers = {"x-csrftoken": client.cookies["csrftoken"]}
    for _ in range(2):  # the phone sends the same queue twice: the wifi dropped the answer
        response = await client.post(f"/events/{event.id}/door/sync", json=queue, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert [r["ok"] for r in body["results"]] == [True, True, True]
    assert body["total_people"] == 3
    assert body["per_language"] == {"pl": 3}
    assert await CheckIn.filter(undone_at=None).count() == 1


async def test_the_sync_route_needs_the_csrf_header(client: httpx.AsyncClient) -> None:
    event, anna, _ion, _token = await _door(client)
    response = await client.post(
        f"/events/{event.id}/door/sync",
        json={"operations": [{"kind": "check_in", "client_id": "x", "invitation_id": anna.id}]},
    )
    assert response.status_code == 403
    assert await CheckIn.all().count() == 0


async def test_a_walk_in_with_consent_is_checked_in(client: httpx.AsyncClient) -> None:
    event, _anna, _ion, token = await _door(client)
    response = await post_form(
        client,
        f"/events/{event.id}/door/walk-in",
        token,
        {
            "name": "Maria Ivanova",
            "language": "bg",
            "mobile": "0612345670",
            "party_size": "2",
            "consent_channels": ["sms"],
        },
    )
    assert response.status_code == 303, response.text
    walk_in = await Invitation.get(walk_in=True).select_related("contact")
    assert walk_in.contact is not None
    assert walk_in.contact.name == "Maria Ivanova"
    assert walk_in.answer == Answer.YES
    assert await CheckIn.filter(invitation=walk_in, party_size=2).exists()


async def test_a_walk_in_with_a_name_but_no_consent_is_refused_next_to_the_field(
    client: httpx.AsyncClient,
) -> None:
    event, _anna, _ion, token = await _door(client)
    response = await post_form(
        client,
        f"/events/{event.id}/door/walk-in?lang=ro",
        token,
        {"name": "Maria", "language": "bg", "mobile": "0612345670", "party_size": "1"},
    )
    assert response.status_code == 422
    assert 'id="f-consent_channels-error"' in response.text
    assert 'value="Maria"' in response.text


async def test_print_view_and_csv(client: httpx.AsyncClient) -> None:
    event, anna, _ion, _token = await _door(client)
    headers = {"x-csrftoken": client.cookies["csrftoken"]}
    op = {"kind": "check_in", "client_id": "p1", "invitation_id": anna.id, "party_size": 2}
    await client.post(f"/events/{event.id}/door/sync", json={"operations": [op]}, headers=headers)
    page = await client.get(f"/events/{event.id}/door/print")
    assert page.status_code == 200
    assert "Anna Kowalska" in page.text
    csv = await client.get(f"/events/{event.id}/door.csv")
    assert csv.status_code == 200
    assert "Anna Kowalska" in csv.text


async def test_another_organisation_cannot_open_the_door(client: httpx.AsyncClient) -> None:
    event, _anna, _ion, token = await _door(client)
    await post_form(client, "/logout", token)
    stranger = await make_member(await make_org("stranger"))
    await login(client, stranger)
    assert (await client.get(f"/events/{event.id}/door")).status_code == 404


async def test_an_unreadable_entry_in_the_queue_is_refused_alone_in_the_volunteers_language(
    client: httpx.AsyncClient,
) -> None:
    event, anna, ion, _token = await _door(client)
    await client.get(f"/events/{event.id}/door?lang=pl")  # the volunteer reads Polish
    queue = {
        "operations": [
            {"kind": "check_in", "client_id": "r1", "invitation_id": anna.id, "party_size": 2},
            {"kind": "walk_in", "client_id": "r2", "name": "Olga", "party_size": "many"},
            "not an operation at all",
            {"kind": "check_in", "client_id": "r4", "invitation_id": ion.id, "party_size": 1},
        ]
    }
    headers = {"x-csrftoken": client.cookies["csrftoken"]}
    response = await client.post(f"/events/{event.id}/door/sync", json=queue, headers=headers)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(r["client_id"], r["ok"], r["status_code"]) for r in results] == [
        ("r1", True, 200),
        ("r2", False, 422),
        ("", False, 422),
        ("r4", True, 200),
    ]
    assert results[1]["detail"] == "Nie można odczytać tego wpisu. Usuń go i wprowadź ponownie."
    assert response.json()["total_people"] == 3
