"""Each role sees only what it can do, and a municipality starts on its own page."""

from __future__ import annotations

import re

import httpx
import pytest

from parentinfo.lib.enums import OrganisationKind
from parentinfo.organisations.models import MunicipalityLink
from tests.factories import make_member, make_org
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio
_NAV = re.compile(r'<nav class="mainnav".*?</nav>', re.S)


def _nav_links(html: str) -> list[str]:
    nav = _NAV.search(html)
    assert nav is not None
    return re.findall(r'href="([^"]+)"', nav.group(0))


@pytest.mark.parametrize("role", ["volunteer", "coordinator", "admin"])
async def test_no_navigation_link_answers_403(client: httpx.AsyncClient, role: str) -> None:
    member = await make_member(await make_org("school"), role=role)
    await login(client, member)
    links = _nav_links((await client.get("/")).text)
    assert ("/reports" in links) == (role != "volunteer")
    assert ("/admin/users" in links) == (role == "admin")
    for href in links:
        assert (await client.get(href)).status_code == 200, href


async def test_a_volunteer_is_told_why_they_see_few_contacts(client: httpx.AsyncClient) -> None:
    volunteer = await make_member(await make_org("school"), role="volunteer")
    token = await login(client, volunteer)
    page = (await client.get("/contacts?lang=en")).text
    assert "only the contacts you added or imported yourself" in page
    assert 'href="/contacts/new"' in page
    assert 'href="/contacts/import"' in page
    coordinator = await make_member(await make_org("library"), role="coordinator")
    await post_form(client, "/logout", token)
    await login(client, coordinator)
    assert "only the contacts you added" not in (await client.get("/contacts?lang=en")).text


async def test_a_municipality_starts_on_its_own_page(client: httpx.AsyncClient) -> None:
    school = await make_org("school", name="De Regenboog")
    town = await make_org("town", kind=OrganisationKind.MUNICIPALITY)
    admin = await make_member(town, role="admin")
    school_admin = await make_member(school, role="admin")
    await MunicipalityLink.create(
        municipality=town,
        organisation=school,
        status="accepted",
        agreed_by_id=school_admin.actor.user_id,
    )
    await login(client, admin)
    home = await client.get("/?lang=en")
    assert home.status_code == 200
    assert "Your area" in home.text
    assert "De Regenboog" in home.text
    assert school_admin.email in home.text
    assert 'href="/reports"' in home.text
    assert "Coming" not in home.text.split("<main", 1)[1]  # not the school dashboard
