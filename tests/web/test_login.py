"""Logging in and out, the session, CSRF, the organisation and language switchers."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.accounts.service import create_user
from tests.factories import make_member, make_org
from tests.web.helpers import csrf_token, login, post_form

pytestmark = pytest.mark.anyio


async def test_a_lost_session_goes_to_the_login_and_back(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    response = await client.get("/contacts")
    assert response.status_code == 302
    assert response.headers["location"] == "/login?next=/contacts"
    token = await csrf_token(client, "/login?next=/contacts")
    response = await client.post(
        "/login",
        data={
            "email": member.email,
            "password": member.password,
            "next": "/contacts",
            "_csrf_token": token,
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/contacts"
    assert (await client.get("/contacts")).status_code == 200


async def test_a_wrong_password_keeps_the_email_and_says_what_is_wrong(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    token = await csrf_token(client)
    response = await client.post(
        "/login", data={"email": member.email, "password": "nope", "_csrf_token": token}
    )
    assert response.status_code == 401
    assert f'value="{member.email}"' in response.text
    assert 'id="f-password-error"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert (await client.get("/")).status_code == 302


async def test_login_gives_a_new_session_id_and_logout_ends_it(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await client.get("/login?lang=en")  # an anonymous session exists now
    before = client.cookies.get("parentinfo_session")
    assert before
    token = await login(client, member)
    after = client.cookies.get("parentinfo_session")
    assert after
    assert after != before
    page = await client.get("/")
    assert page.status_code == 200
    assert '<html lang="en">' in page.text  # the language chosen before logging in stays
    response = await post_form(client, "/logout", token)
    assert response.status_code == 303
    assert (await client.get("/")).status_code == 302


async def test_a_form_post_without_the_csrf_token_is_refused(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await csrf_token(client)
    response = await client.post("/login", data={"email": member.email, "password": "x"})
    assert response.status_code == 403
    assert "<html" in response.text
    await login(client, member)
    response = await client.post("/contacts", data={"name": "Forged"})
    assert response.status_code == 403


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
async def test_next_never_leaves_the_site(client: httpx.AsyncClient, target: str) -> None:
    member = await make_member(await make_org("school"))
    token = await csrf_token(client)
    response = await client.post(
        "/login",
        data={
            "email": member.email,
            "password": member.password,
            "next": target,
            "_csrf_token": token,
        },
    )
    assert response.headers["location"] == "/"


async def test_the_switcher_changes_organisation_only_to_ones_the_user_is_in(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school", name="Basisschool De Linde")
    club = await make_org("club", name="Stichting Polonia")
    await make_org("other", name="Other Place")
    member = await make_member(school)
    await create_user(email=member.email, org_slug="club", role="volunteer", password="x" * 12)
    member.password = "x" * 12  # create_user reset the password of the existing user
    token = await login(client, member)
    page = (await client.get("/")).text
    assert "Stichting Polonia" in page
    assert "Other Place" not in page
    response = await post_form(client, "/organisation", token, {"org_id": str(club.id)})
    assert response.status_code == 303
    page = (await client.get("/")).text
    assert f'<option value="{club.id}" selected>' in page
    other = await make_org("third")
    response = await post_form(client, "/organisation", token, {"org_id": str(other.id)})
    assert response.status_code == 404


async def test_the_interface_speaks_dutch_by_default_and_english_on_request(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    await login(client, member)
    dutch = (await client.get("/")).text
    assert '<html lang="nl">' in dutch
    assert "Komende bijeenkomsten" in dutch
    english = (await client.get("/?lang=en")).text
    assert '<html lang="en">' in english
    assert "Coming events" in english
    assert '<html lang="en">' in (await client.get("/contacts")).text


async def test_pages_and_error_pages_are_html(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    assert (await client.get("/login")).headers["content-type"].startswith("text/html")
    await login(client, member)
    assert (await client.get("/events/new")).headers["content-type"].startswith("text/html")
    missing = await client.get("/events/999999")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    forged = await client.post("/contacts", data={"name": "x"})
    assert forged.status_code == 403
    assert forged.headers["content-type"].startswith("text/html")
