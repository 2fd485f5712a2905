"""Co-hosts see who comes, not how to reach them; strangers and hesitant co-hosts see nothing."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.attendance.service import attendance_list
from tests.attendance.conftest import Door
from tests.factories import make_member

pytestmark = pytest.mark.anyio


async def test_cohost_sees_names_but_not_the_other_orgs_numbers(
    client: httpx.AsyncClient, door: Door
) -> None:
    checked = await client.post(
        f"/api/v1/events/{door.event.id}/attendance/checkins",
        json={"invitation_id": door.anna_invitation.id, "party_size": 2},
        headers=door.school.headers,
    )
    assert checked.status_code == 200
    csv_file = await client.get(
        f"/api/v1/events/{door.event.id}/attendance.csv", headers=door.volunteer.headers
    )
    assert csv_file.status_code == 200
    assert "Anna" not in csv_file.text  # the spreadsheet holds only the own organisation's
    paths = ["attendance", "attendance?q=anna"]
    for path in paths:
        response = await client.get(
            f"/api/v1/events/{door.event.id}/{path}", headers=door.volunteer.headers
        )
        assert response.status_code == 200, path
        assert "Anna Wi" in response.text, path
        for secret in ("+31612345678", "31612345678", "anna@example.nl"):
            assert secret not in response.text, (path, secret)
    rows = (
        await client.get(
            f"/api/v1/events/{door.event.id}/attendance", headers=door.volunteer.headers
        )
    ).json()
    anna = next(r for r in rows if r["invitation_id"] == door.anna_invitation.id)
    assert anna["checked_in"] is True
    assert anna["checked_in_party_size"] == 2
    assert anna["answer"] == "yes"
    assert anna["language"] == "pl"
    assert anna["mine"] is False
    assert anna["mobile"] is None
    assert anna["email"] is None


async def test_owner_sees_their_own_numbers_only(client: httpx.AsyncClient, door: Door) -> None:
    response = await client.get(
        f"/api/v1/events/{door.event.id}/attendance", headers=door.school.headers
    )
    by_id = {r["invitation_id"]: r for r in response.json()}
    assert by_id[door.anna_invitation.id]["mobile"] == "+31612345678"
    assert by_id[door.anna_invitation.id]["email"] == "anna@example.nl"
    assert by_id[door.ivan_invitation.id]["mobile"] is None
    assert "+31687654321" not in response.text
    assert "ivan@example.bg" not in response.text


async def test_volunteer_sees_numbers_only_of_contacts_they_added(door: Door) -> None:
    school_volunteer = await make_member(door.school.organisation, role="volunteer")
    rows = await attendance_list(actor=school_volunteer.actor, event_id=door.event.id, q=None)
    anna = next(r for r in rows if r.invitation_id == door.anna_invitation.id)
    assert anna.mine is True
    assert anna.mobile is None


@pytest.mark.parametrize(
    "path",
    ["attendance", "attendance/headcount", "attendance.csv"],
)
async def test_third_org_and_unaccepted_cohost_get_404(
    client: httpx.AsyncClient, door: Door, path: str
) -> None:
    for member in (door.stranger, door.hesitant):
        response = await client.get(
            f"/api/v1/events/{door.event.id}/{path}", headers=member.headers
        )
        assert response.status_code == 404, (member.email, path)
        assert "Anna" not in response.text
    check_in = await client.post(
        f"/api/v1/events/{door.event.id}/attendance/checkins",
        json={"invitation_id": door.anna_invitation.id},
        headers=door.stranger.headers,
    )
    assert check_in.status_code == 404


async def test_an_invitation_of_another_event_cannot_be_checked_in(
    client: httpx.AsyncClient, door: Door
) -> None:
    from tests.factories.attendance import invite, make_door_event

    other = await make_door_event(door.stranger.organisation)
    foreign = await invite(other, door.ivan)
    response = await client.post(
        f"/api/v1/events/{door.event.id}/attendance/checkins",
        json={"invitation_id": foreign.id},
        headers=door.school.headers,
    )
    assert response.status_code == 404
