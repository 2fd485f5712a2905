"""The login form and the reset form count attempts with the privacy feature's limiter.

5 attempts per address and 20 per client in 15 minutes, then the form again with status 429
and a message in the reader's language, the same whether or not the address exists.
"""

from __future__ import annotations

import re

import httpx
import pytest

from parentinfo.lib.enums import MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.privacy.ratelimit import PER_EMAIL, PER_IP
from tests.factories import Member, make_member, make_org
from tests.web.helpers import csrf_token, post_form

pytestmark = pytest.mark.anyio

_SUMMARY = re.compile(r'<div class="error-summary".*?</div>', re.DOTALL)
DUTCH_WAIT = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."


async def try_login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    token = await csrf_token(client)
    return await post_form(client, "/login", token, {"email": email, "password": password})


def summary(response: httpx.Response) -> str:
    """The error summary at the top of a form page."""
    match = _SUMMARY.search(response.text)
    assert match, response.text
    return match.group(0)


async def test_the_sixth_attempt_is_refused_even_with_the_right_password(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    for _ in range(PER_EMAIL):
        assert (await try_login(client, member.email, "wrong")).status_code == 401
    refused = await try_login(client, member.email, member.password)
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("text/html")
    assert DUTCH_WAIT in summary(refused)
    assert f'value="{member.email}"' in refused.text  # the form again, with the address
    assert member.password not in refused.text
    assert (await client.get("/")).status_code == 302  # not logged in
    await client.get("/login?lang=en")
    english = await try_login(client, member.email, member.password)
    assert english.status_code == 429
    assert "Too many failed attempts. Try again in 15 minutes." in summary(english)


async def test_an_unknown_address_is_refused_in_the_same_words(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    answers: dict[str, list[int]] = {}
    for email in (member.email, "nobody@example.com"):
        answers[email] = [
            (await try_login(client, email, "wrong")).status_code for _ in range(PER_EMAIL)
        ]
    assert answers[member.email] == answers["nobody@example.com"] == [401] * PER_EMAIL
    known = await try_login(client, member.email, "wrong")
    unknown = await try_login(client, "nobody@example.com", "wrong")
    assert known.status_code == unknown.status_code == 429
    assert summary(known) == summary(unknown)


async def test_twenty_attempts_from_one_client_refuse_every_address(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    for number in range(PER_IP):
        response = await try_login(client, f"guess{number}@example.com", "wrong")
        assert response.status_code == 401
    refused = await try_login(client, member.email, member.password)
    assert refused.status_code == 429
    assert DUTCH_WAIT in summary(refused)


async def test_a_success_clears_only_its_own_address(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    anna = await make_member(school)
    bram = await make_member(school, email="bram@school.test")
    for _ in range(PER_EMAIL - 1):
        assert (await try_login(client, anna.email, "wrong")).status_code == 401
    await log_in_and_out(client, bram)
    assert (await try_login(client, anna.email, "wrong")).status_code == 401  # her 5th
    assert (await try_login(client, anna.email, anna.password)).status_code == 429
    for _ in range(PER_EMAIL - 1):
        assert (await try_login(client, bram.email, "wrong")).status_code == 401
    await log_in_and_out(client, bram)  # his success clears his own count
    for _ in range(PER_EMAIL):
        assert (await try_login(client, bram.email, "wrong")).status_code == 401


async def log_in_and_out(client: httpx.AsyncClient, member: Member) -> None:
    response = await try_login(client, member.email, member.password)
    assert response.status_code == 303
    token = await csrf_token(client, "/")
    assert (await post_form(client, "/logout", token)).status_code == 303


async def ask_reset(client: httpx.AsyncClient, email: str) -> httpx.Response:
    token = await csrf_token(client, "/password-reset")
    return await post_form(client, "/password-reset", token, {"email": email})


async def test_reset_requests_are_limited_and_say_so(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    for email in (member.email, "nobody@example.com"):
        for _ in range(PER_EMAIL):
            assert (await ask_reset(client, email)).status_code == 303
    mails = OutboundMessage.filter(kind=MessageKind.PASSWORD_RESET)
    assert await mails.count() == PER_EMAIL
    known = await ask_reset(client, member.email)
    unknown = await ask_reset(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 429
    assert known.headers["content-type"].startswith("text/html")
    wait = "Te veel aanvragen voor een nieuw wachtwoord. Probeer het over 15 minuten opnieuw."
    assert wait in summary(known)
    assert summary(known) == summary(unknown)
    assert await mails.count() == PER_EMAIL  # nobody is flooded
    # Reset requests are counted apart: the address can still log in.
    assert (await try_login(client, member.email, member.password)).status_code == 303
