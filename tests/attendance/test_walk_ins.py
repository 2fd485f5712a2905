"""Walk-ins: contact, consent, invitation and check-in together, or nothing at all."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Consent, Contact
from parentinfo.contacts.optout import set_opt_out
from parentinfo.lib.enums import ConsentMethod
from parentinfo.rsvp.models import Invitation
from tests.attendance.conftest import Door
from tests.factories.attendance import make_contact

pytestmark = pytest.mark.anyio


def url(door: Door) -> str:
    return f"/api/v1/events/{door.event.id}/attendance/walk-ins"


async def counts() -> tuple[int, int, int, int]:
    return (
        await Contact.all().count(),
        await Consent.all().count(),
        await Invitation.all().count(),
        await CheckIn.all().count(),
    )


async def test_walk_in_creates_contact_consent_invitation_and_check_in(
    client: httpx.AsyncClient, door: Door
) -> None:
    body = {
        "name": "Maria Popescu",
        "language": "ro",
        "mobile": "06 11122233",
        "party_size": 2,
        "consent_channels": ["sms"],
        "client_id": "walk-1",
    }
    response = await client.post(url(door), json=body, headers=door.volunteer.headers)
    assert response.status_code == 201, response.text
    result = response.json()
    contact = await Contact.get(id=result["contact_id"])
    assert contact.organisation_id == door.volunteer.organisation.id  # type: ignore[attr-defined]
    assert contact.mobile == "+31611122233"
    assert contact.created_by_id == door.volunteer.actor.user_id  # type: ignore[attr-defined]
    consent = await Consent.get(contact=contact)
    assert consent.method == ConsentMethod.AT_THE_DOOR
    assert consent.channels == ["sms"]
    assert consent.recorded_by_id == door.volunteer.actor.user_id  # type: ignore[attr-defined]
    invitation = await Invitation.get(id=result["invitation_id"])
    assert invitation.walk_in
    assert invitation.answer_source == "door"
    assert invitation.answer.value == "yes"
    assert invitation.language == "ro"
    assert result["check_in"]["checked_in"] is True
    assert result["check_in"]["party_size"] == 2
    replay = await client.post(url(door), json=body, headers=door.volunteer.headers)
    assert replay.json()["invitation_id"] == result["invitation_id"]
    assert (await counts()) == (3, 1, 3, 1)
    count = await client.get(
        f"{url(door).rsplit('/', 1)[0]}/headcount", headers=door.school.headers
    )
    assert count.json()["walk_ins"] == 1
    assert count.json()["per_language"] == {"ro": 2}


async def test_bad_mobile_is_refused_and_nothing_is_created(
    client: httpx.AsyncClient, door: Door
) -> None:
    before = await counts()
    body = {"name": "Maria", "language": "ro", "mobile": "12", "consent_channels": ["sms"]}
    response = await client.post(url(door), json=body, headers=door.volunteer.headers)
    assert response.status_code == 422
    assert any(e["field"] == "mobile" for e in response.json()["errors"])
    assert (await counts()) == before


async def test_failure_half_way_leaves_nothing_behind(
    client: httpx.AsyncClient, door: Door, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = await counts()

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("parentinfo.attendance.walkins.write_check_in", broken)
    body = {"name": "Maria", "language": "ro", "mobile": "0611122233", "consent_channels": ["sms"]}
    response = await client.post(url(door), json=body, headers=door.volunteer.headers)
    assert response.status_code == 500
    assert (await counts()) == before


async def test_known_mobile_reuses_the_contact_and_their_invitation(
    client: httpx.AsyncClient, door: Door
) -> None:
    body = {
        "name": "Anna W.",
        "language": "pl",
        "mobile": "+31612345678",
        "party_size": 1,
        "consent_channels": ["sms", "email"],
        "email": "anna@example.nl",
    }
    response = await client.post(url(door), json=body, headers=door.school.headers)
    assert response.status_code == 201, response.text
    assert response.json()["reused_contact"] is True
    assert response.json()["contact_id"] == door.anna.id
    assert response.json()["invitation_id"] == door.anna_invitation.id
    assert await Contact.filter(mobile="+31612345678").count() == 1
    consent = await Consent.get(contact_id=door.anna.id)
    assert consent.method == ConsentMethod.AT_THE_DOOR


async def test_someone_who_leaves_nothing_is_only_counted_without_a_language(
    client: httpx.AsyncClient, door: Door
) -> None:
    body = {"language": "bg", "party_size": 3}
    response = await client.post(url(door), json=body, headers=door.volunteer.headers)
    assert response.status_code == 201, response.text
    assert response.json()["contact_id"] is None
    assert await Contact.all().count() == 2
    invitation = await Invitation.get(id=response.json()["invitation_id"])
    assert (invitation.walk_in, invitation.language, invitation.walk_in_name) == (True, "", "")
    count = await client.get(
        f"{url(door).rsplit('/', 1)[0]}/headcount", headers=door.volunteer.headers
    )
    assert (count.json()["total_people"], count.json()["per_language"]) == (3, {})


async def test_a_name_alone_is_a_named_walk_in_never_written_to(
    client: httpx.AsyncClient, door: Door
) -> None:
    before = await Contact.all().count()
    named = await client.post(
        url(door),
        json={"name": "  Georgi   Ivanov ", "language": "bg", "party_size": 2},
        headers=door.volunteer.headers,
    )
    assert named.status_code == 201, named.text
    assert named.json()["contact_id"] is None
    assert await Contact.all().count() == before  # no contact: nothing to reach them by
    invitation = await Invitation.get(id=named.json()["invitation_id"])
    assert (invitation.walk_in_name, invitation.language) == ("Georgi Ivanov", "bg")
    listing = await client.get(
        f"/api/v1/events/{door.event.id}/attendance", headers=door.volunteer.headers
    )
    [row] = [r for r in listing.json() if r["invitation_id"] == invitation.id]
    assert (row["name"], row["walk_in"], row["checked_in"]) == ("Georgi Ivanov", True, True)
    assert row["mobile"] is None
    assert row["email"] is None
    consent_only = await client.post(
        url(door),
        json={"name": "Georgi", "language": "bg", "consent_channels": ["sms"]},
        headers=door.volunteer.headers,
    )
    assert consent_only.status_code == 422  # consent to messages needs a number or address


async def test_a_volunteer_learns_nothing_of_a_contact_they_may_not_see(
    client: httpx.AsyncClient, door: Door
) -> None:
    """Any number typed at the door: no merge, no name, no hint that the number is known."""
    hidden = await make_contact(
        door.volunteer.organisation, "Real Name Hidden", mobile="+31611111111"
    )
    known = {
        "name": "Someone",
        "language": "pl",
        "mobile": "+31611111111",
        "consent_channels": ["sms"],
    }
    unknown = {**known, "mobile": "+31622222222"}
    answers = []
    for body in (known, unknown):
        response = await client.post(url(door), json=body, headers=door.volunteer.headers)
        assert response.status_code == 201, response.text
        answers.append(response.json())
    assert [a["reused_contact"] for a in answers] == [False, False]
    assert all(a["contact_id"] not in (None, hidden.id) for a in answers)
    listing = await client.get(
        f"/api/v1/events/{door.event.id}/attendance", headers=door.volunteer.headers
    )
    assert "Real Name Hidden" not in listing.text
    assert not await Invitation.filter(contact_id=hidden.id).exists()
    assert not await Consent.filter(contact_id=hidden.id).exists()  # given nothing at the door


async def test_the_door_never_clears_an_opt_out(client: httpx.AsyncClient, door: Door) -> None:
    """Anna replied STOP; a coordinator registers her again at the door with consent."""
    await set_opt_out(contact=door.anna, sms=True, email=True, method=ConsentMethod.SMS)
    body = {
        "name": "Anna",
        "language": "pl",
        "mobile": "+31612345678",
        "email": "anna@example.nl",
        "consent_channels": ["sms", "email"],
    }
    response = await client.post(url(door), json=body, headers=door.school.headers)
    assert response.status_code == 201, response.text
    assert response.json()["reused_contact"] is True
    anna = await Contact.get(id=door.anna.id)
    assert (anna.sms_opt_out, anna.email_opt_out) == (True, True)
    assert response.json()["check_in"]["checked_in"] is True
