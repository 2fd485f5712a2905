"""Co-hosting: invite, look before deciding, accept, edit together; others see nothing."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.events.access import host_org_ids
from parentinfo.lib.enums import OrganisationKind
from tests.factories import Member, make_member, make_org
from tests.factories.events import event_body

pytestmark = pytest.mark.anyio


async def setup_three(client: httpx.AsyncClient) -> tuple[Member, Member, Member, int]:
    school = await make_member(await make_org("school"))
    polish = await make_member(await make_org("polska", kind=OrganisationKind.MIGRANT_ORGANISATION))
    stranger = await make_member(await make_org("elsewhere"))
    created = await client.post(
        "/api/v1/events",
        json=event_body(texts={"en": {"title": "School"}}),
        headers=school.headers,
    )
    return school, polish, stranger, int(created.json()["id"])


async def test_invited_cohost_looks_accepts_and_then_edits(client: httpx.AsyncClient) -> None:
    school, polish, _, event_id = await setup_three(client)
    url = f"/api/v1/events/{event_id}"
    assert (await client.get(url, headers=polish.headers)).status_code == 404
    invited = await client.post(
        f"{url}/hosts", json={"organisation": "polska"}, headers=school.headers
    )
    assert invited.status_code == 201
    assert (invited.json()["role"], invited.json()["status"]) == ("cohost", "invited")

    seen = await client.get(url, headers=polish.headers)
    assert seen.status_code == 200
    assert (seen.json()["my_host_role"], seen.json()["my_host_status"]) == ("cohost", "invited")
    listed = (await client.get("/api/v1/events", headers=polish.headers)).json()
    assert [e["id"] for e in listed["items"]] == [event_id]
    before = await client.patch(url, json={"venue": "Hall"}, headers=polish.headers)
    assert before.status_code == 403
    assert await host_org_ids(event_id=event_id) == {school.organisation.id}

    accepted = await client.post(f"{url}/hosts/polska/accept", headers=polish.headers)
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert await host_org_ids(event_id=event_id) == {school.organisation.id, polish.organisation.id}
    edited = await client.patch(url, json={"venue": "Hall"}, headers=polish.headers)
    assert (edited.status_code, edited.json()["venue"]) == (200, "Hall")
    text = await client.put(f"{url}/texts/pl", json={"title": "Szkoła"}, headers=polish.headers)
    assert text.status_code == 201
    hosts = (await client.get(f"{url}/hosts", headers=school.headers)).json()
    assert [(h["organisation"], h["role"], h["status"]) for h in hosts] == [
        ("school", "host", "accepted"),
        ("polska", "cohost", "accepted"),
    ]
    again = await client.post(f"{url}/hosts/polska/accept", headers=polish.headers)
    assert again.status_code == 409


async def test_inviting_twice_is_a_conflict_and_a_declined_org_can_be_asked_again(
    client: httpx.AsyncClient,
) -> None:
    school, polish, _, event_id = await setup_three(client)
    hosts = f"/api/v1/events/{event_id}/hosts"
    await client.post(hosts, json={"organisation": "polska"}, headers=school.headers)
    twice = await client.post(hosts, json={"organisation": "polska"}, headers=school.headers)
    assert twice.status_code == 409
    owner = await client.post(hosts, json={"organisation": "school"}, headers=school.headers)
    assert owner.status_code == 409
    unknown = await client.post(hosts, json={"organisation": "nobody"}, headers=school.headers)
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (422, "organisation")

    declined = await client.post(f"{hosts}/polska/decline", headers=polish.headers)
    assert declined.json()["status"] == "declined"
    assert (
        await client.get(f"/api/v1/events/{event_id}", headers=polish.headers)
    ).status_code == 404
    asked_again = await client.post(hosts, json={"organisation": "polska"}, headers=school.headers)
    assert (asked_again.status_code, asked_again.json()["status"]) == (201, "invited")


async def test_only_the_invited_org_answers_and_only_the_owner_removes(
    client: httpx.AsyncClient,
) -> None:
    school, polish, _, event_id = await setup_three(client)
    hosts = f"/api/v1/events/{event_id}/hosts"
    await client.post(hosts, json={"organisation": "polska"}, headers=school.headers)
    for_them = await client.post(f"{hosts}/polska/accept", headers=school.headers)
    assert for_them.status_code == 403  # the school cannot accept on the Polish org's behalf
    own_decline = await client.post(f"{hosts}/school/decline", headers=school.headers)
    assert own_decline.status_code == 409
    volunteer = await make_member(polish.organisation, role="volunteer")
    assert (
        await client.post(f"{hosts}/polska/accept", headers=volunteer.headers)
    ).status_code == 403
    await client.post(f"{hosts}/polska/accept", headers=polish.headers)
    by_cohost = await client.delete(f"{hosts}/school", headers=polish.headers)
    assert by_cohost.status_code == 403
    owner_row = await client.delete(f"{hosts}/school", headers=school.headers)
    assert owner_row.status_code == 409
    removed = await client.delete(f"{hosts}/polska", headers=school.headers)
    assert removed.status_code == 204
    assert (
        await client.get(f"/api/v1/events/{event_id}", headers=polish.headers)
    ).status_code == 404
    assert (await client.delete(f"{hosts}/polska", headers=school.headers)).status_code == 404


async def test_a_third_organisation_gets_404_on_every_event_route(
    client: httpx.AsyncClient,
) -> None:
    school, _, stranger, event_id = await setup_three(client)
    url = f"/api/v1/events/{event_id}"
    calls = [
        ("GET", url, None),
        ("PATCH", url, {"venue": "x"}),
        ("POST", f"{url}/publish", None),
        ("POST", f"{url}/cancel", None),
        ("POST", f"{url}/duplicate", None),
        ("GET", f"{url}/hosts", None),
        ("POST", f"{url}/hosts", {"organisation": "elsewhere"}),
        ("POST", f"{url}/hosts/elsewhere/accept", None),
        ("POST", f"{url}/hosts/elsewhere/decline", None),
        ("DELETE", f"{url}/hosts/school", None),
        ("GET", f"{url}/texts", None),
        ("PUT", f"{url}/texts/en", {"title": "Mine now"}),
        ("DELETE", f"{url}/texts/en", None),
    ]
    for method, path, body in calls:
        response = await client.request(method, path, json=body, headers=stranger.headers)
        assert response.status_code == 404, (method, path, response.text)
        assert "school" not in response.text
    listed = (await client.get("/api/v1/events", headers=stranger.headers)).json()
    assert listed["total"] == 0
    still = (await client.get(f"{url}?language=en", headers=school.headers)).json()
    assert (still["title"], still["status"]) == ("School", "draft")


async def test_volunteers_cannot_create_or_change_events(client: httpx.AsyncClient) -> None:
    school, _, _, event_id = await setup_three(client)
    volunteer = await make_member(school.organisation, role="volunteer")
    created = await client.post("/api/v1/events", json=event_body(), headers=volunteer.headers)
    assert created.status_code == 403
    url = f"/api/v1/events/{event_id}"
    assert (await client.get(url, headers=volunteer.headers)).status_code == 200
    assert (
        await client.patch(url, json={"venue": "x"}, headers=volunteer.headers)
    ).status_code == 403
    assert (await client.post(f"{url}/publish", headers=volunteer.headers)).status_code == 403
    series = await client.post(
        "/api/v1/series", json=event_body(count=2), headers=volunteer.headers
    )
    assert series.status_code == 403


async def test_the_active_organisation_decides_what_is_visible(client: httpx.AsyncClient) -> None:
    school, polish, _, event_id = await setup_three(client)
    both = await make_member(school.organisation, email="both@example.test")
    from parentinfo.accounts.models import Membership, User

    user = await User.get(email="both@example.test")
    await Membership.create(user=user, organisation=polish.organisation, role="coordinator")
    as_polish = {**both.headers, "X-Organisation": "polska"}
    assert (await client.get(f"/api/v1/events/{event_id}", headers=as_polish)).status_code == 404
    assert (await client.get(f"/api/v1/events/{event_id}", headers=both.headers)).status_code == 200


async def test_a_cohost_passes_on_no_access_and_messages_no_parents_of_the_owner(
    client: httpx.AsyncClient,
) -> None:
    """A co-host cannot invite a third organisation, cancel, or move the published event."""
    school, polish, stranger, event_id = await setup_three(client)
    url = f"/api/v1/events/{event_id}"
    await client.post(f"{url}/hosts", json={"organisation": "polska"}, headers=school.headers)
    await client.post(f"{url}/hosts/polska/accept", headers=polish.headers)
    assert (await client.post(f"{url}/publish", headers=school.headers)).status_code == 200

    third = await client.post(
        f"{url}/hosts", json={"organisation": "elsewhere"}, headers=polish.headers
    )
    assert third.status_code == 403
    assert (await client.get(url, headers=stranger.headers)).status_code == 404
    assert (await client.post(f"{url}/cancel", headers=polish.headers)).status_code == 403
    moved = await client.patch(
        url,
        json={"starts_at": "2031-05-14T15:00:00+02:00", "ends_at": "2031-05-14T16:00:00+02:00"},
        headers=polish.headers,
    )
    assert moved.status_code == 403
    assert (
        await client.patch(url, json={"capacity": 3}, headers=polish.headers)
    ).status_code == 403
    fine = await client.patch(url, json={"accessibility_notes": "Lift"}, headers=polish.headers)
    assert fine.status_code == 200  # details that message nobody stay shared
    event = (await client.get(url, headers=school.headers)).json()
    assert event["status"] == "published"
    assert await host_org_ids(event_id=event_id) == {school.organisation.id, polish.organisation.id}
    assert (await client.post(f"{url}/cancel", headers=school.headers)).status_code == 200
