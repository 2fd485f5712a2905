"""``/api/v1/users``: members, invitations and one's own password over the JSON API."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.accounts.models import AccountInvitation, Membership
from parentinfo.lib.enums import MessageKind, Role
from parentinfo.messaging.models import OutboundMessage
from tests.factories import make_member, make_org

pytestmark = pytest.mark.anyio


async def test_an_admin_lists_invites_changes_and_deactivates(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    helper = await make_member(school, role="volunteer")
    listed = await client.get("/api/v1/users", headers=admin.headers)
    assert listed.status_code == 200
    assert {row["email"]: row["role"] for row in listed.json()} == {
        admin.email: "admin",
        helper.email: "volunteer",
    }
    invited = await client.post(
        "/api/v1/users/invitations",
        headers=admin.headers,
        json={"email": "new@example.org", "role": "coordinator", "language": "en"},
    )
    assert invited.status_code == 202, invited.text
    assert invited.json()["email"] == "new@example.org"
    mail = await OutboundMessage.get(kind=MessageKind.ACCOUNT_INVITE)
    assert mail.language == "en"
    assert "/invitation/" not in mail.body  # the link exists only in the mail as sent
    assert len((await client.get("/api/v1/users/invitations", headers=admin.headers)).json()) == 1

    path = f"/api/v1/users/{helper.actor.user_id}"
    changed = await client.patch(path, headers=admin.headers, json={"role": "coordinator"})
    assert (changed.status_code, changed.json()["role"]) == (200, "coordinator")
    bad = await client.patch(path, headers=admin.headers, json={"role": "king"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "role"
    gone = await client.delete(path, headers=admin.headers)
    assert gone.status_code == 204
    assert (await client.delete(path, headers=admin.headers)).status_code == 404
    last = await client.patch(
        f"/api/v1/users/{admin.actor.user_id}", headers=admin.headers, json={"role": "volunteer"}
    )
    assert last.status_code == 409


@pytest.mark.parametrize("role", ["coordinator", "volunteer"])
async def test_other_roles_are_refused(client: httpx.AsyncClient, role: str) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    member = await make_member(school, role=role)
    assert (await client.get("/api/v1/users", headers=member.headers)).status_code == 403
    invite = await client.post(
        "/api/v1/users/invitations", headers=member.headers, json={"email": "x@example.org"}
    )
    assert invite.status_code == 403
    patch = await client.patch(
        f"/api/v1/users/{admin.actor.user_id}", headers=member.headers, json={"role": "volunteer"}
    )
    assert patch.status_code == 403
    assert await AccountInvitation.all().count() == 0
    assert (await Membership.get(user_id=admin.actor.user_id)).role == Role.ADMIN


async def test_changing_your_own_password(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"), role="volunteer")
    wrong = await client.post(
        "/api/v1/users/me/password",
        headers=member.headers,
        json={"current": "x", "password": "long-enough-1", "repeat": "long-enough-1"},
    )
    assert (wrong.status_code, wrong.json()["errors"][0]["field"]) == (422, "current")
    short = await client.post(
        "/api/v1/users/me/password",
        headers=member.headers,
        json={"current": member.password, "password": "short", "repeat": "short"},
    )
    assert (short.status_code, short.json()["errors"][0]["field"]) == (422, "password")
    ok = await client.post(
        "/api/v1/users/me/password",
        headers=member.headers,
        json={"current": member.password, "password": "long-enough-1", "repeat": "long-enough-1"},
    )
    assert ok.status_code == 204
