"""Checking in at the door through the API: idempotent, merged, undone, counted."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.attendance.models import CheckIn
from tests.attendance.conftest import Door

pytestmark = pytest.mark.anyio


def base(door: Door) -> str:
    return f"/api/v1/events/{door.event.id}/attendance"


async def test_list_is_sorted_and_searchable_without_accents(
    client: httpx.AsyncClient, door: Door
) -> None:
    response = await client.get(base(door), headers=door.school.headers)
    assert response.status_code == 200
    names = [row["name"] for row in response.json()]
    assert names == ["Anna Wiśniewska", "Иван Петров"]
    found = await client.get(base(door), params={"q": "WISNIEW"}, headers=door.school.headers)
    assert [row["name"] for row in found.json()] == ["Anna Wiśniewska"]
    cyrillic = await client.get(base(door), params={"q": "ivan"}, headers=door.school.headers)
    assert [row["invitation_id"] for row in cyrillic.json()] == [door.ivan_invitation.id]


async def test_check_in_is_idempotent_by_client_id(client: httpx.AsyncClient, door: Door) -> None:
    body = {"invitation_id": door.anna_invitation.id, "party_size": 3, "client_id": "phone1-1"}
    first = await client.post(f"{base(door)}/checkins", json=body, headers=door.volunteer.headers)
    assert first.status_code == 200, first.text
    assert first.json()["outcome"] == "created"
    again = await client.post(
        f"{base(door)}/checkins", json={**body, "party_size": 5}, headers=door.volunteer.headers
    )
    assert again.status_code == 200
    assert again.json()["outcome"] == "unchanged"
    assert again.json()["party_size"] == 3
    assert again.json()["checked_in_at"] == first.json()["checked_in_at"]
    assert await CheckIn.filter(event_id=door.event.id).count() == 1


async def test_second_check_in_updates_party_size_and_keeps_earliest_time(
    client: httpx.AsyncClient, door: Door
) -> None:
    url = f"{base(door)}/checkins"
    invitation_id = door.anna_invitation.id
    late = {"invitation_id": invitation_id, "party_size": 1, "at": "2026-03-10T17:30:00Z"}
    early = {"invitation_id": invitation_id, "party_size": 4, "at": "2026-03-10T17:05:00+00:00"}
    await client.post(url, json=late, headers=door.school.headers)
    merged = await client.post(url, json=early, headers=door.volunteer.headers)
    assert merged.json()["outcome"] == "merged"
    assert merged.json()["party_size"] == 4
    assert merged.json()["checked_in_at"].startswith("2026-03-10T17:05:00")
    assert await CheckIn.filter(event_id=door.event.id).count() == 1


async def test_undo_then_headcount_per_language(client: httpx.AsyncClient, door: Door) -> None:
    url = f"{base(door)}/checkins"
    await client.post(
        url,
        json={"invitation_id": door.anna_invitation.id, "party_size": 3},
        headers=door.school.headers,
    )
    await client.post(
        url,
        json={"invitation_id": door.ivan_invitation.id, "party_size": 2},
        headers=door.school.headers,
    )
    count = (await client.get(f"{base(door)}/headcount", headers=door.volunteer.headers)).json()
    assert count == {
        "total_people": 5,
        "checked_in_invitations": 2,
        "per_language": {"bg": 2, "pl": 3},
        "walk_ins": 0,
    }
    undone = await client.delete(f"{url}/{door.ivan_invitation.id}", headers=door.volunteer.headers)
    assert undone.status_code == 200
    assert undone.json()["checked_in"] is False
    count = (await client.get(f"{base(door)}/headcount", headers=door.volunteer.headers)).json()
    assert count["per_language"] == {"pl": 3}
    assert count["total_people"] == 3
    rows = (await client.get(base(door), headers=door.school.headers)).json()
    assert [r["checked_in"] for r in rows] == [True, False]
    missing = await client.delete(
        f"{url}/{door.ivan_invitation.id + 999}", headers=door.school.headers
    )
    assert missing.status_code == 404


async def test_bad_input_is_refused_with_reasons(client: httpx.AsyncClient, door: Door) -> None:
    url = f"{base(door)}/checkins"
    too_many = await client.post(
        url,
        json={"invitation_id": door.anna_invitation.id, "party_size": 0},
        headers=door.school.headers,
    )
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["field"] == "party_size"
    unknown = await client.post(url, json={"invitation_id": 987654}, headers=door.school.headers)
    assert unknown.status_code == 404
    garbage = await client.post(url, json={"invitation_id": "x"}, headers=door.school.headers)
    assert garbage.status_code in {400, 422}


async def test_a_client_id_cannot_be_reused_for_another_invitation(
    client: httpx.AsyncClient, door: Door
) -> None:
    url = f"{base(door)}/checkins"
    await client.post(
        url,
        json={"invitation_id": door.anna_invitation.id, "client_id": "c1"},
        headers=door.school.headers,
    )
    clash = await client.post(
        url,
        json={"invitation_id": door.ivan_invitation.id, "client_id": "c1"},
        headers=door.school.headers,
    )
    assert clash.status_code == 409
