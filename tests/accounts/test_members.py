"""Admins change roles and deactivate members; everyone changes their own password; a printed
password must be replaced at the first login."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.accounts.models import Membership, User
from parentinfo.accounts.service import create_user
from parentinfo.lib.enums import Role
from tests.factories import make_member, make_org
from tests.web.helpers import csrf_token, login, post_form

pytestmark = pytest.mark.anyio


async def test_an_admin_changes_a_role_and_deactivates(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    helper = await make_member(school, role="volunteer")
    token = await login(client, admin)
    user_id = helper.actor.user_id
    response = await post_form(
        client, f"/admin/users/{user_id}/role", token, {"role": "coordinator"}
    )
    assert response.status_code == 303
    assert (await Membership.get(user_id=user_id)).role == Role.COORDINATOR
    bad = await post_form(client, f"/admin/users/{user_id}/role", token, {"role": "king"})
    assert bad.status_code == 422
    response = await post_form(client, f"/admin/users/{user_id}/deactivate", token)
    assert response.status_code == 303
    assert not await Membership.exists(user_id=user_id)
    assert not (await User.get(id=user_id)).is_active
    await post_form(client, "/logout", token)
    token = await csrf_token(client)
    refused = await post_form(
        client, "/login", token, {"email": helper.email, "password": helper.password}
    )
    assert refused.status_code == 401


async def test_the_last_admin_stays_an_admin(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    token = await login(client, admin)
    me = admin.actor.user_id
    demote = await post_form(client, f"/admin/users/{me}/role", token, {"role": "coordinator"})
    assert demote.status_code == 409
    leave = await post_form(client, f"/admin/users/{me}/deactivate", token)
    assert leave.status_code == 409
    assert (await Membership.get(user_id=me)).role == Role.ADMIN


async def test_a_member_of_another_organisation_is_not_found(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    stranger = await make_member(await make_org("library"), role="coordinator")
    token = await login(client, admin)
    response = await post_form(
        client, f"/admin/users/{stranger.actor.user_id}/role", token, {"role": "volunteer"}
    )
    assert response.status_code == 404
    assert (
        await post_form(client, f"/admin/users/{stranger.actor.user_id}/deactivate", token)
    ).status_code == 404
    assert (await Membership.get(user_id=stranger.actor.user_id)).role == Role.COORDINATOR


async def test_deactivating_in_one_organisation_keeps_the_other(client: httpx.AsyncClient) -> None:
    school, library = await make_org("school"), await make_org("library")
    admin = await make_member(school, role="admin")
    both = await make_member(library, role="coordinator", email="both@example.org")
    await create_user(email=both.email, org_slug="school", role="volunteer", password=both.password)
    token = await login(client, admin)
    await post_form(client, f"/admin/users/{both.actor.user_id}/deactivate", token)
    assert (await User.get(id=both.actor.user_id)).is_active
    assert await Membership.filter(user_id=both.actor.user_id).count() == 1


async def test_a_user_changes_their_own_password(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"), role="volunteer")
    token = await login(client, member)
    assert (await client.get("/account/password")).status_code == 200
    wrong = await post_form(
        client,
        "/account/password",
        token,
        {"current": "nope", "password": "new-password-99", "repeat": "new-password-99"},
    )
    assert wrong.status_code == 422
    assert 'id="f-current-error"' in wrong.text
    ok = await post_form(
        client,
        "/account/password",
        token,
        {"current": member.password, "password": "new-password-99", "repeat": "new-password-99"},
    )
    assert ok.status_code == 303
    await post_form(client, "/logout", token)
    token = await csrf_token(client)
    old = await post_form(
        client, "/login", token, {"email": member.email, "password": member.password}
    )
    assert old.status_code == 401


async def test_a_printed_password_must_be_changed_at_first_login(client: httpx.AsyncClient) -> None:
    await make_org("school")
    user, printed = await create_user(email="first@example.org", org_slug="school", role="admin")
    assert user.must_change_password
    token = await csrf_token(client)
    response = await post_form(client, "/login", token, {"email": user.email, "password": printed})
    assert (response.status_code, response.headers["location"]) == (303, "/account/password")
    for path in ("/", "/contacts", "/admin/users"):
        blocked = await client.get(path)
        assert (blocked.status_code, blocked.headers["location"]) == (302, "/account/password")
    page = await client.get("/account/password?lang=en")
    assert "someone else has seen" in page.text
    changed = await post_form(
        client,
        "/account/password",
        token,
        {"current": printed, "password": "my-own-password-1", "repeat": "my-own-password-1"},
    )
    assert changed.status_code == 303
    assert (await client.get("/")).status_code == 200
    assert not (await User.get(id=user.id)).must_change_password
