"""At the door, a volunteer types Latin letters on a phone and finds names in any alphabet."""

from __future__ import annotations

import httpx
import pytest

from tests.attendance.conftest import Door
from tests.factories.attendance import invite, make_contact

pytestmark = pytest.mark.anyio


def base(door: Door) -> str:
    return f"/api/v1/events/{door.event.id}/attendance"


async def names(client: httpx.AsyncClient, door: Door, q: str) -> list[str]:
    response = await client.get(base(door), params={"q": q}, headers=door.volunteer.headers)
    assert response.status_code == 200, response.text
    return [row["name"] for row in response.json()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("elena", ["Елена Петрова"]),
        ("kozlowska", ["Anna Kozłowska"]),
        ("sorin", ["Sorin Ştefănescu"]),
        ("ștefănescu", ["Sorin Ştefănescu"]),  # the comma form finds the cedilla form
        ("papadopoulou", ["Ελένη Παπαδοπούλου"]),
        ("wisniewska", ["Anna Wiśniewska"]),
        ("anna", ["Anna Kozłowska", "Anna Wiśniewska"]),
        ("nobody", []),
    ],
)
async def test_door_finds_names_across_scripts(
    client: httpx.AsyncClient, door: Door, query: str, expected: list[str]
) -> None:
    school = door.school.organisation
    for name in ("Елена Петрова", "Anna Kozłowska", "Sorin Ştefănescu", "Ελένη Παπαδοπούλου"):
        await invite(door.event, await make_contact(school, name))
    assert await names(client, door, query) == expected


async def test_a_walk_in_is_found_by_folded_name(client: httpx.AsyncClient, door: Door) -> None:
    body = {
        "name": "Łukasz Żółć",
        "language": "pl",
        "mobile": "06 22233344",
        "consent_channels": ["sms"],
        "party_size": 1,
        "client_id": "walk-fold",
    }
    added = await client.post(f"{base(door)}/walk-ins", json=body, headers=door.volunteer.headers)
    assert added.status_code == 201, added.text
    assert await names(client, door, "lukasz zolc") == ["Łukasz Żółć"]
