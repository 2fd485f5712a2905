"""Inviting a colleague in the browser: the mail, the one-use expiring link, the password."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from parentinfo.accounts.models import AccountInvitation, Membership, User
from parentinfo.lib.enums import MessageKind, Role
from parentinfo.lib.tokens import token_hash
from parentinfo.messaging.models import OutboundMessage
from parentinfo.runtime import runtime
from tests.factories import make_member, make_org
from tests.factories.outreach import run_jobs
from tests.web.helpers import csrf_token, login, post_form

pytestmark = pytest.mark.anyio
NEW_PASSWORD = "a-fine-password-42"


async def _invite(client: httpx.AsyncClient, token: str, email: str, role: str) -> httpx.Response:
    return await post_form(
        client, "/admin/users/invitations", token, {"email": email, "role": role}
    )


async def _link_in_mail(email: str) -> str:
    """The link from the mail as the outbox provider received it: the stored row has none."""
    mail = await OutboundMessage.filter(kind=MessageKind.ACCOUNT_INVITE).order_by("-id").first()
    assert mail is not None
    assert mail.to_address == email
    assert "/invitation/" not in mail.body  # only the mail as sent holds the link
    await run_jobs()
    sent = runtime().mail.delivered[-1]
    assert sent["To"] == email
    word = next(part for part in sent.get_content().split() if "/invitation/" in part)
    return word[word.index("/invitation/") :]


async def _accept(
    client: httpx.AsyncClient, link: str, password: str = NEW_PASSWORD
) -> httpx.Response:
    token = await csrf_token(client, "/password-reset")  # a page that renders for anyone
    return await post_form(client, link, token, {"password": password, "repeat": password})


async def test_an_admin_invites_and_the_link_makes_an_account_once(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    token = await login(client, admin)
    response = await _invite(client, token, "New.Person@Example.org", "coordinator")
    assert (response.status_code, response.headers["location"]) == (303, "/admin/users")
    assert "new.person@example.org" in (await client.get("/admin/users")).text
    invitation = await AccountInvitation.get()
    link = await _link_in_mail("new.person@example.org")
    assert invitation.token_hash == token_hash(link.removeprefix("/invitation/"))
    assert link.removeprefix("/invitation/") not in str(invitation.token_hash)

    await post_form(client, "/logout", token)
    form = await client.get(link + "?lang=en")
    assert form.status_code == 200
    assert "School" in form.text
    short = await _accept(client, link, "short")
    assert short.status_code == 422
    assert 'id="f-password-error"' in short.text
    assert await User.filter(email="new.person@example.org").count() == 0  # nothing half-made

    response = await _accept(client, link)
    assert (response.status_code, response.headers["location"]) == (303, "/")
    assert (await client.get("/")).status_code == 200  # logged in, in the school
    user = await User.get(email="new.person@example.org")
    membership = await Membership.get(user=user)
    assert (membership.organisation_id, membership.role) == (school.id, Role.COORDINATOR)  # type: ignore[attr-defined]
    assert not user.must_change_password

    await post_form(client, "/logout", await csrf_token(client, "/"))
    again = await client.get(link + "?lang=en")
    assert again.status_code == 410
    assert "used already" in again.text
    second = await _accept(client, link, "another-password-1")
    assert second.status_code == 422
    token = await csrf_token(client)
    login_response = await post_form(
        client, "/login", token, {"email": user.email, "password": NEW_PASSWORD}
    )
    assert login_response.status_code == 303


async def test_an_expired_invitation_says_so(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    token = await login(client, admin)
    await _invite(client, token, "late@example.org", "volunteer")
    link = await _link_in_mail("late@example.org")
    invitation = await AccountInvitation.get()
    await AccountInvitation.filter(id=invitation.id).update(
        expires_at=invitation.created_at - timedelta(minutes=1)
    )
    await post_form(client, "/logout", token)
    page = await client.get(link + "?lang=en")
    assert page.status_code == 410
    assert "expired" in page.text
    assert (await _accept(client, link)).status_code == 422
    assert not await User.exists(email="late@example.org")
    await login(client, admin)
    assert "expired" in (await client.get("/admin/users?lang=en")).text


async def test_an_unknown_link_is_gone(client: httpx.AsyncClient) -> None:
    assert (await client.get("/invitation/not-a-real-token")).status_code == 410


async def test_bad_input_keeps_the_form_and_names_the_field(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    token = await login(client, admin)
    response = await _invite(client, token, "not an address", "coordinator")
    assert response.status_code == 422
    assert 'id="f-email-error"' in response.text
    assert 'value="not an address"' in response.text
    response = await _invite(client, token, "ok@example.org", "boss")
    assert response.status_code == 422
    assert 'id="f-role-error"' in response.text
    taken = await _invite(client, token, admin.email, "coordinator")
    assert taken.status_code == 409
    assert await AccountInvitation.all().count() == 0
    assert await OutboundMessage.filter(kind=MessageKind.ACCOUNT_INVITE).count() == 0


@pytest.mark.parametrize("role", ["coordinator", "volunteer"])
async def test_only_admins_manage_users(client: httpx.AsyncClient, role: str) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    member = await make_member(school, role=role)
    token = await login(client, member)
    assert (await client.get("/admin/users")).status_code == 403
    assert (await _invite(client, token, "x@example.org", "admin")).status_code == 403
    response = await post_form(
        client, f"/admin/users/{admin.actor.user_id}/role", token, {"role": "volunteer"}
    )
    assert response.status_code == 403
    assert 'href="/admin/users"' not in (await client.get("/")).text
    assert await AccountInvitation.all().count() == 0


async def test_the_invitation_mail_is_not_in_the_outbox_listing_of_messages(
    client: httpx.AsyncClient,
) -> None:
    """Like a reset link, an invitation link would let a colleague take the account."""
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    token = await login(client, admin)
    await _invite(client, token, "new@example.org", "coordinator")
    listing = await client.get("/api/v1/messages", headers=admin.headers)
    assert listing.status_code == 200
    assert "new@example.org" not in listing.text
