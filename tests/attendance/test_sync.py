"""A phone's offline queue: applied in order, duplicates merged, bad operations reported."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from parentinfo.attendance import walkins
from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Contact
from parentinfo.rsvp.models import Invitation
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


async def test_a_bad_operation_between_good_ones_is_refused_on_its_own(
    client: httpx.AsyncClient, door: Door
) -> None:
    """good, bad, good: both good ones are applied, the bad one alone is refused with why."""
    anna, ivan = door.anna_invitation.id, door.ivan_invitation.id
    batch = [
        {"kind": "check_in", "client_id": "m1", "invitation_id": anna, "party_size": 2},
        # No row can have this id; the databases cannot even compare it (an overflow).
        {"kind": "check_in", "client_id": "m2", "invitation_id": 2**63, "party_size": 1},
        {"kind": "check_in", "client_id": "m3", "invitation_id": ivan, "party_size": 1},
    ]
    response = await client.post(
        url(door), json={"operations": batch}, headers=door.volunteer.headers
    )
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(r["client_id"], r["ok"], r["status_code"]) for r in results] == [
        ("m1", True, 200),
        ("m2", False, 404),
        ("m3", True, 200),
    ]
    assert results[1]["detail"]
    assert sorted(await CheckIn.all().values_list("invitation_id", flat=True)) == sorted(
        [anna, ivan]
    )


async def test_an_unforeseen_error_rolls_back_only_its_own_operation(
    client: httpx.AsyncClient, door: Door, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A walk-in that breaks half-way leaves nothing behind, and the batch goes on."""
    record = walkins.audit.record

    async def breaks_for_elena(**kwargs: Any) -> None:
        if kwargs["details"].get("anonymous") is False and not kwargs["details"]["reused_contact"]:
            raise RuntimeError("the audit log is full")
        await record(**kwargs)

    monkeypatch.setattr(walkins.audit, "record", breaks_for_elena)
    batch = [
        {"kind": "check_in", "client_id": "u1", "invitation_id": door.anna_invitation.id},
        {"kind": "walk_in", "client_id": "u2", "name": "Elena Ionescu", "language": "ro",
         "mobile": "+40721234567", "consent_channels": ["sms"], "party_size": 3},
        {"kind": "walk_in", "client_id": "u3", "party_size": 2},  # only counted
    ]  # fmt: skip
    response = await client.post(
        url(door), json={"operations": batch}, headers=door.volunteer.headers
    )
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(r["ok"], r["status_code"]) for r in results] == [
        (True, 200),
        (False, 500),
        (True, 200),
    ]
    assert "It has been logged" in results[1]["detail"]
    assert not await Contact.filter(name="Elena Ionescu").exists()
    assert await Invitation.filter(walk_in=True).count() == 1  # the counted one, no contact
    assert await CheckIn.all().count() == 2
