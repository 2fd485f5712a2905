"""A guest organisation answers before the event is on its public calendar, like a co-host."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import make_member, make_org
from tests.factories.events import event_body
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio


async def _uids(client: httpx.AsyncClient, slug: str) -> str:
    response = await client.get(f"/calendar/{slug}.ics")
    assert response.status_code == 200
    return response.text


async def test_a_guest_is_on_no_calendar_and_named_nowhere_until_it_accepts(
    client: httpx.AsyncClient,
) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("bibliotheek"))
    stranger = await make_member(await make_org("stranger"))
    created = await client.post(
        "/api/v1/events",
        json=event_body(guest_organisation="bibliotheek", texts={"en": {"title": "Books"}}),
        headers=school.headers,
    )
    assert created.status_code == 201, created.text
    event = created.json()
    assert event["guest_organisation"] == "bibliotheek"
    url = f"/api/v1/events/{event['id']}"
    assert (await client.post(f"{url}/publish", headers=school.headers)).status_code == 200

    assert event["uid"] not in await _uids(client, "bibliotheek")  # not without asking
    assert event["uid"] in await _uids(client, "school")
    assert "Bibliotheek" not in await _uids(client, "school")  # not named as taking part
    assert event["guest_status"] == "invited"

    seen = await client.get(url, headers=library.headers)  # the guest may look, then answer
    assert (seen.status_code, seen.json()["guest_status"]) == (200, "invited")
    assert (await client.post(f"{url}/guest/accept", headers=stranger.headers)).status_code == 404
    volunteer = await make_member(library.organisation, role="volunteer")
    assert (await client.post(f"{url}/guest/accept", headers=volunteer.headers)).status_code == 403
    assert (
        await client.patch(url, json={"venue": "X"}, headers=library.headers)
    ).status_code == 403
    door = await client.get(f"{url}/attendance", headers=library.headers)
    assert door.status_code == 404  # a guest is no host: it sees nobody who comes

    accepted = await client.post(f"{url}/guest/accept", headers=library.headers)
    assert (accepted.status_code, accepted.json()["guest_status"]) == (200, "accepted")
    assert event["uid"] in await _uids(client, "bibliotheek")
    assert (await client.post(f"{url}/guest/accept", headers=library.headers)).status_code == 409

    declined = await client.post(f"{url}/guest/decline", headers=library.headers)
    assert (declined.status_code, declined.json()["guest_status"]) == (200, "declined")
    assert event["uid"] not in await _uids(client, "bibliotheek")
    assert (await client.get(url, headers=library.headers)).status_code == 404


async def test_a_new_guest_is_asked_again(client: httpx.AsyncClient) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("bibliotheek"))
    await make_org("sportclub")
    created = await client.post(
        "/api/v1/events", json=event_body(guest_organisation="bibliotheek"), headers=school.headers
    )
    url = f"/api/v1/events/{created.json()['id']}"
    await client.post(f"{url}/guest/accept", headers=library.headers)
    same = await client.patch(
        url, json={"guest_organisation": "bibliotheek"}, headers=school.headers
    )
    assert same.json()["guest_status"] == "accepted"  # naming it again changes nothing
    other = await client.patch(
        url, json={"guest_organisation": "sportclub"}, headers=school.headers
    )
    assert (other.json()["guest_organisation"], other.json()["guest_status"]) == (
        "sportclub",
        "invited",
    )
    assert (await client.get(url, headers=library.headers)).status_code == 404
    copy = await client.post(f"{url}/duplicate", json={}, headers=school.headers)
    assert copy.json()["guest_status"] == "invited"
    gone = await client.patch(url, json={"guest_organisation": None}, headers=school.headers)
    assert (gone.json()["guest_organisation"], gone.json()["guest_status"]) == (None, None)


async def test_the_guest_answers_on_the_event_page(client: httpx.AsyncClient) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("bibliotheek"))
    created = await client.post(
        "/api/v1/events",
        json=event_body(guest_organisation="bibliotheek", texts={"en": {"title": "Books"}}),
        headers=school.headers,
    )
    event = created.json()
    await client.post(f"/api/v1/events/{event['id']}/publish", headers=school.headers)
    token = await login(client, library)
    detail = await client.get(f"/events/{event['id']}?lang=en")
    assert detail.status_code == 200
    assert f'action="/events/{event["id"]}/guest/accept"' in detail.text
    response = await post_form(client, f"/events/{event['id']}/guest/accept", token)
    assert (response.status_code, response.headers["location"]) == (303, f"/events/{event['id']}")
    assert event["uid"] in await _uids(client, "bibliotheek")
    after = await client.get(f"/events/{event['id']}?lang=en")
    assert f'action="/events/{event["id"]}/guest/accept"' not in after.text
