"""Password reset by email link: one hour, one use, and the same answer for unknown addresses."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from litestar import Litestar

from parentinfo.accounts.models import PasswordReset
from parentinfo.accounts.service import create_api_token
from parentinfo.lib.enums import MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.runtime import runtime
from tests.factories import make_member, make_org
from tests.factories.outreach import run_jobs
from tests.web.helpers import csrf_token, login, post_form

pytestmark = pytest.mark.anyio


async def _ask(client: httpx.AsyncClient, email: str) -> httpx.Response:
    token = await csrf_token(client, "/password-reset")
    return await post_form(client, "/password-reset", token, {"email": email})


async def _link(client: httpx.AsyncClient, email: str) -> str:
    """The link from the mail as the outbox provider received it (never from a page)."""
    await _ask(client, email)
    await run_jobs()
    mail = runtime().mail.delivered[-1]
    assert mail["To"] == email
    return link_in(mail.get_content())


def link_in(text: str) -> str:
    """The ``/password-reset/...`` path in a mail's text."""
    line = next(part for part in text.split() if "/password-reset/" in part)
    return line[line.index("/password-reset/") :]


async def test_known_and_unknown_addresses_get_the_same_answer(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    known = await _ask(client, member.email)
    unknown = await _ask(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 303
    assert known.headers["location"] == unknown.headers["location"] == "/login"
    assert await OutboundMessage.filter(kind=MessageKind.PASSWORD_RESET).count() == 1


async def test_the_answer_does_not_wait_for_the_account_lookup(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The link is made after the answer has gone, so a known address can't answer slower."""
    member = await make_member(await make_org("school"))

    async def broken(**_: object) -> None:
        raise RuntimeError("the lookup ran before the answer")

    monkeypatch.setattr("parentinfo.accounts.pages.login.request_password_reset", broken)
    response = await _ask(client, member.email)

    assert (response.status_code, response.headers["location"]) == (303, "/login")
    assert "could not send a password reset link" in caplog.text
    assert member.email not in caplog.text


async def test_the_link_sets_a_new_password_once(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    link = await _link(client, member.email)
    form = await client.get(link + "?lang=en")
    assert form.status_code == 200
    token = await csrf_token(client, link)
    short = await post_form(client, link, token, {"password": "short", "repeat": "short"})
    assert short.status_code == 422
    assert 'id="f-password-error"' in short.text
    new = "a-new-password-123"
    response = await post_form(client, link, token, {"password": new, "repeat": new})
    assert response.status_code == 303
    token = await csrf_token(client)
    login = await post_form(client, "/login", token, {"email": member.email, "password": new})
    assert login.status_code == 303
    assert (await client.get(link)).status_code == 410  # spent


async def test_an_expired_link_is_refused(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    link = await _link(client, member.email)
    reset = await PasswordReset.get()
    await PasswordReset.filter(id=reset.id).update(expires_at=reset.created_at - timedelta(1))
    assert (await client.get(link)).status_code == 410
    token = await csrf_token(client, "/password-reset")
    response = await post_form(client, link, token, {"password": "x" * 12, "repeat": "x" * 12})
    assert response.status_code == 422


async def test_the_stored_mail_holds_no_link(client: httpx.AsyncClient) -> None:
    """Reading the database (or a backup) gives no way into the account."""
    member = await make_member(await make_org("school"))
    link = await _link(client, member.email)
    row = await OutboundMessage.get(kind=MessageKind.PASSWORD_RESET)
    token = link.rsplit("/", 1)[1]
    assert "/password-reset/" not in row.body
    assert token not in row.body
    assert token not in str(await OutboundMessage.all().values())
    assert (await client.get(link)).status_code == 200  # the link as sent works


async def test_a_reset_ends_other_sessions_and_api_tokens(
    client: httpx.AsyncClient, app: Litestar
) -> None:
    member = await make_member(await make_org("school"))
    raw = await create_api_token(email=member.email)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://parentinfo.test"
    ) as other:
        await login(other, member)  # another browser, still logged in
        assert (await other.get("/")).status_code == 200
        bearer = {"Authorization": f"Bearer {raw}"}
        assert (await other.get("/api/v1/events", headers=bearer)).status_code == 200
        link = await _link(client, member.email)
        token = await csrf_token(client, link)
        new = "a-new-password-123"
        response = await post_form(client, link, token, {"password": new, "repeat": new})
        assert response.status_code == 303
        after = await other.get("/")
        assert (after.status_code, after.headers["location"]) == (302, "/login?next=/")
        assert (await other.get("/api/v1/events", headers=bearer)).status_code == 401
        assert (await other.get("/login")).status_code == 200  # the form, not a loop
