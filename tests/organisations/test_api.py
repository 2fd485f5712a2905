"""Organisations: the public directory and your own organisation's settings."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.lib.enums import OrganisationKind
from parentinfo.organisations.models import Organisation
from tests.factories import make_member, make_org

pytestmark = pytest.mark.anyio


async def test_directory_lists_and_filters_by_kind(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await make_org("library", kind=OrganisationKind.LIBRARY)
    listed = await client.get("/api/v1/organisations", headers=member.headers)
    assert [(o["slug"], o["my_role"]) for o in listed.json()] == [
        ("library", None),
        ("school", "coordinator"),
    ]
    libraries = await client.get("/api/v1/organisations?kind=library", headers=member.headers)
    assert [o["slug"] for o in libraries.json()] == ["library"]
    bad = await client.get("/api/v1/organisations?kind=castle", headers=member.headers)
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "kind")
    missing = await client.get("/api/v1/organisations/nope", headers=member.headers)
    assert missing.status_code == 404


async def test_me_shows_the_active_organisation_with_its_settings(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    response = await client.get("/api/v1/organisations/me", headers=member.headers)
    assert response.status_code == 200
    body = response.json()
    assert (body["slug"], body["my_role"], body["plain_sms_languages"]) == (
        "school",
        "coordinator",
        [],
    )


async def test_admins_change_their_organisation(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    coordinator = await make_member(school, role="coordinator")
    changes = {
        "name": "Basisschool De Regenboog",
        "languages": ["nl", "PL", "ro"],
        "plain_sms_languages": ["ro"],
        "contact_email": "info@regenboog.example",
        "contact_phone": "038 123 4567",
        "website": "https://regenboog.example",
    }
    refused = await client.patch(
        "/api/v1/organisations/me", json=changes, headers=coordinator.headers
    )
    assert refused.status_code == 403
    response = await client.patch("/api/v1/organisations/me", json=changes, headers=admin.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["languages"] == ["nl", "pl", "ro"]
    assert body["contact_phone"] == "+31381234567"
    stored = await Organisation.get(slug="school")
    assert (stored.name, stored.plain_sms_languages) == ("Basisschool De Regenboog", ["ro"])


BAD_CHANGES: list[tuple[dict[str, object], str]] = [
    ({"languages": ["nl", "xx"]}, "languages"),
    ({"plain_sms_languages": "ro"}, "plain_sms_languages"),
    ({"contact_email": "not an email"}, "contact_email"),
    ({"contact_phone": "12"}, "contact_phone"),
    ({"website": "regenboog.example"}, "website"),
    ({"name": ""}, "name"),
    ({"slug": "mine"}, "data"),
]


async def test_bad_organisation_changes_are_422(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    for changes, field in BAD_CHANGES:
        response = await client.patch(
            "/api/v1/organisations/me", json=changes, headers=admin.headers
        )
        assert response.status_code == 422, (changes, response.text)
        assert response.json()["errors"][0]["field"] == field
    assert (await Organisation.get(slug="school")).name == "School"
