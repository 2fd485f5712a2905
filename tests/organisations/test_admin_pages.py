"""Organisation settings, partner organisations, municipalities and sharing agreements in
the browser and over the API."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.accounts.models import AccountInvitation, Membership
from parentinfo.lib.enums import MessageKind, OrganisationKind, Role
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import MunicipalityLink, Organisation
from tests.factories import make_member, make_org
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

SETTINGS = {
    "name": "De Regenboog",
    "sender_name": "Basisschool De Regenboog",
    "languages": ["nl", "pl"],
    "plain_sms_languages": ["pl"],
    "retention_message_days": "30",
    "retention_contact_months": "6",
}


async def test_an_admin_saves_the_settings(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    token = await login(client, admin)
    assert (await client.get("/admin/organisation")).status_code == 200
    response = await post_form(client, "/admin/organisation", token, SETTINGS)
    assert response.status_code == 303
    saved = await Organisation.get(slug="school")
    assert (saved.sender_name, saved.languages, saved.plain_sms_languages) == (
        "Basisschool De Regenboog",
        ["nl", "pl"],
        ["pl"],
    )
    assert (saved.retention_message_days, saved.retention_contact_months) == (30, 6)
    emptied = await post_form(
        client, "/admin/organisation", token, {**SETTINGS, "retention_message_days": ""}
    )
    assert emptied.status_code == 303
    assert (await Organisation.get(slug="school")).retention_message_days is None


async def test_out_of_range_settings_are_refused_per_field(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    token = await login(client, admin)
    bad = {**SETTINGS, "retention_message_days": "2", "retention_contact_months": "many"}
    response = await post_form(client, "/admin/organisation?lang=en", token, bad)
    assert response.status_code == 422
    assert 'id="f-retention_message_days-error"' in response.text
    assert 'id="f-retention_contact_months-error"' in response.text
    assert "from 7 to 365 days" in response.text
    assert 'value="Basisschool De Regenboog"' in response.text  # the rest is kept
    saved = await Organisation.get(slug="school")
    assert saved.sender_name == ""  # nothing half-saved


async def test_the_api_changes_the_settings_in_range(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    ok = await client.patch(
        "/api/v1/organisations/me",
        headers=admin.headers,
        json={"sender_name": "Regenboog", "retention_message_days": 60},
    )
    assert ok.status_code == 200, ok.text
    assert (ok.json()["sender_name"], ok.json()["retention_message_days"]) == ("Regenboog", 60)
    bad = await client.patch(
        "/api/v1/organisations/me", headers=admin.headers, json={"retention_contact_months": 99}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "retention_contact_months"


@pytest.mark.parametrize(
    "path", ["/admin/organisation", "/admin/organisations", "/admin/agreements"]
)
async def test_a_coordinator_is_refused(client: httpx.AsyncClient, path: str) -> None:
    coordinator = await make_member(await make_org("school"), role="coordinator")
    token = await login(client, coordinator)
    assert (await client.get(path)).status_code == 403
    assert (
        await post_form(client, path, token, {**SETTINGS, "kind": "library"})
    ).status_code == 403
    assert await Organisation.all().count() == 1
    assert (await Organisation.get()).sender_name == ""


async def test_an_admin_adds_a_partner_and_invites_its_admin(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    token = await login(client, admin)
    form = {"name": "Bibliotheek Zuid", "kind": "library", "languages": ["nl", "ro"]}
    response = await post_form(
        client, "/admin/organisations", token, {**form, "admin_email": "boss@library.test"}
    )
    assert response.status_code == 303
    library = await Organisation.get(slug="bibliotheek-zuid")
    assert (library.kind, library.languages) == (OrganisationKind.LIBRARY, ["nl", "ro"])
    invitation = await AccountInvitation.get(organisation=library)
    assert (invitation.email, invitation.role) == ("boss@library.test", Role.ADMIN)
    assert await OutboundMessage.filter(kind=MessageKind.ACCOUNT_INVITE).count() == 1
    assert "Bibliotheek Zuid" in (await client.get("/admin/organisations")).text

    again = await post_form(client, "/admin/organisations", token, {**form, "kind": "municipality"})
    assert again.status_code == 303
    municipality = await Organisation.get(slug="bibliotheek-zuid-2")
    assert municipality.kind == OrganisationKind.MUNICIPALITY
    assert (await Membership.get(organisation=municipality)).user_id == admin.actor.user_id  # type: ignore[attr-defined]


async def test_a_bad_new_organisation_names_each_field(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    token = await login(client, admin)
    response = await post_form(
        client,
        "/admin/organisations",
        token,
        {"name": "", "kind": "castle", "admin_email": "nope"},
    )
    assert response.status_code == 422
    for name in ("name", "kind", "languages", "admin_email"):
        assert f'id="f-{name}-error"' in response.text
    assert await Organisation.all().count() == 1


async def test_the_api_adds_an_organisation(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    coordinator = await make_member(school, role="coordinator")
    body = {"name": "Gemeente Almere", "kind": "municipality", "languages": ["nl"]}
    refused = await client.post("/api/v1/organisations", headers=coordinator.headers, json=body)
    assert refused.status_code == 403
    made = await client.post("/api/v1/organisations", headers=admin.headers, json=body)
    assert (made.status_code, made.json()["slug"]) == (201, "gemeente-almere")
    bad = await client.post(
        "/api/v1/organisations", headers=admin.headers, json={**body, "kind": "x"}
    )
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "kind")


async def test_a_municipality_asks_and_the_school_shares_then_withdraws(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    town = await make_org("town", kind=OrganisationKind.MUNICIPALITY, name="Gemeente Town")
    town_admin = await make_member(town, role="admin")
    school_admin = await make_member(school, role="admin")
    token = await login(client, town_admin)
    missing = await post_form(client, "/admin/agreements", token, {"organisation": ""})
    assert missing.status_code == 422
    assert 'id="f-organisation-error"' in missing.text
    asked = await post_form(client, "/admin/agreements", token, {"organisation": "school"})
    assert asked.status_code == 303
    link = await MunicipalityLink.get()
    # the municipality cannot answer for the school
    assert (
        await post_form(client, f"/admin/agreements/{link.id}/accept", token)
    ).status_code == 404

    await post_form(client, "/logout", token)
    token = await login(client, school_admin)
    page = await client.get("/admin/agreements?lang=en")
    assert "Gemeente Town" in page.text
    shared = await post_form(client, f"/admin/agreements/{link.id}/accept", token)
    assert shared.status_code == 303
    page = (await client.get("/admin/agreements?lang=en")).text
    assert school_admin.email in page  # agreed by whom
    link = await MunicipalityLink.get()
    assert (link.status, link.agreed_by_id) == ("accepted", school_admin.actor.user_id)  # type: ignore[attr-defined]
    seen = (await client.get("/api/v1/municipality/links", headers=town_admin.headers)).json()
    assert (seen[0]["status"], seen[0]["agreed_by"]) == ("accepted", school_admin.email)
    assert seen[0]["since"] is not None
    assert (
        await post_form(client, f"/admin/agreements/{link.id}/nonsense", token)
    ).status_code == 404
    withdrawn = await post_form(client, f"/admin/agreements/{link.id}/withdraw", token)
    assert withdrawn.status_code == 303
    assert (await MunicipalityLink.get()).status == "withdrawn"


async def test_a_school_cannot_ask_for_figures(client: httpx.AsyncClient) -> None:
    await make_org("library")
    admin = await make_member(await make_org("school"), role="admin")
    token = await login(client, admin)
    response = await post_form(client, "/admin/agreements", token, {"organisation": "library"})
    assert response.status_code == 403
    assert await MunicipalityLink.all().count() == 0
