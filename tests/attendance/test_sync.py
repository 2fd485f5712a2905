"""A phone's offline queue: applied in order, duplicates merged, bad operations reported."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Contact
from tests.attendance.conftest import Door

pytestmark = pytest.mark.anyio


def url(door: Door) -> str:
    return f"/api/v1/events/{door.event.id}/attendance/sync"


def queue(door: Door) -> list[dict[str, object]]:
    anna, ivan = door.anna_invitation.id, door.ivan_invitation.id
    return [
        {"kind": "check_in", "client_id": "q1", "invitation_id": anna, "party_size": 2,
         "at": "2026-03-10T17:01:00Z"},
        {"kind": "check_in", "client_id": "q1", "invitation_id": anna, "party_size": 2,
         "at": "2026-03-10T17:01:00Z"},
        {"kind": "check_in", "client_id": "q2", "invitation_id": ivan, "party_size": 1,
         "at": "2026-03-10T17:02:00Z"},
        {"kind": "check_in", "client_id": "q3", "invitation_id": 999999, "party_size": 1,
         "at": "2026-03-10T17:03:00Z"},
        {"kind": "walk_in", "client_id": "q4", "name": "Elena Ionescu", "language": "ro",
         "mobile": "+40721234567", "consent_channels": ["sms"], "party_size": 3,
         "at": "2026-03-10T17:04:00Z"},
        {"kind": "check_in", "client_id": "q5", "invitation_id": anna, "party_size": 4,
         "at": "2026-03-10T17:05:00Z"},
        {"kind": "undo", "client_id": "q6", "invitation_id": ivan, "at": "2026-03-10T17:06:00Z"},
        {"kind": "teleport", "client_id": "q7", "invitation_id": ivan},
    ]  # fmt: skip


async def test_queue_is_applied_in_order_and_a_replay_changes_nothing(
    client: httpx.AsyncClient, door: Door
) -> None:
    response = await client.post(
        url(door), json={"operations": queue(door)}, headers=door.volunteer.headers
    )
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["ok"] for r in results] == [True, True, True, False, True, True, True, False]
    assert [r["status_code"] for r in results] == [200, 200, 200, 404, 200, 200, 200, 422]
    assert results[1]["check_in"]["outcome"] == "unchanged"
    assert results[5]["check_in"]["outcome"] == "merged"
    assert results[5]["check_in"]["party_size"] == 4
    assert results[5]["check_in"]["checked_in_at"].startswith("2026-03-10T17:01:00")
    assert results[6]["check_in"]["checked_in"] is False

    async def state() -> list[tuple[object, ...]]:
        return sorted(
            await CheckIn.all().values_list(
                "invitation_id", "party_size", "checked_in_at", "undone_at"
            )
        )

    before = await state()
    replay = await client.post(
        url(door), json={"operations": queue(door)}, headers=door.volunteer.headers
    )
    assert [r["ok"] for r in replay.json()["results"]] == [r["ok"] for r in results]
    assert await state() == before
    assert len(before) == 3
    assert await Contact.filter(name="Elena Ionescu").count() == 1
    headcount = await client.get(
        f"/api/v1/events/{door.event.id}/attendance/headcount", headers=door.school.headers
    )
    assert headcount.json()["total_people"] == 7
    assert headcount.json()["per_language"] == {"pl": 4, "ro": 3}


async def test_two_phones_checking_in_the_same_parent_make_one_row(
    client: httpx.AsyncClient, door: Door
) -> None:
    anna = door.anna_invitation.id
    phone_a = [{"kind": "check_in", "client_id": "a1", "invitation_id": anna, "party_size": 1,
                "at": "2026-03-10T17:10:00Z"}]  # fmt: skip
    phone_b = [{"kind": "check_in", "client_id": "b1", "invitation_id": anna, "party_size": 3,
                "at": "2026-03-10T17:04:00Z"}]  # fmt: skip
    await client.post(url(door), json={"operations": phone_a}, headers=door.volunteer.headers)
    await client.post(url(door), json={"operations": phone_b}, headers=door.school.headers)
    rows = await CheckIn.filter(invitation_id=anna)
    assert len(rows) == 1
    assert rows[0].party_size == 3
    assert rows[0].checked_in_at.isoformat().startswith("2026-03-10T17:04:00")


async def test_strangers_cannot_sync(client: httpx.AsyncClient, door: Door) -> None:
    for member in (door.stranger, door.hesitant):
        response = await client.post(
            url(door), json={"operations": queue(door)}, headers=member.headers
        )
        assert response.status_code == 404
    assert await CheckIn.all().count() == 0
