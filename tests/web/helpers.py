"""Logging in through the real login form, and posting forms with the CSRF token."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.factories import Member

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


async def csrf_token(client: httpx.AsyncClient, path: str = "/login") -> str:
    """The CSRF token a page's forms carry (and the cookie it sets)."""
    response = await client.get(path)
    match = _TOKEN.search(response.text)
    assert match, f"no CSRF token on {path} ({response.status_code})"
    return match.group(1)


async def login(client: httpx.AsyncClient, member: Member) -> str:
    """Log ``member`` in; returns the CSRF token for later posts."""
    token = await csrf_token(client)
    response = await client.post(
        "/login",
        data={"email": member.email, "password": member.password, "_csrf_token": token},
    )
    assert response.status_code == 303, response.text
    return token


async def post_form(
    client: httpx.AsyncClient, path: str, token: str, data: dict[str, Any] | None = None, **kw: Any
) -> httpx.Response:
    """POST a form with the CSRF token."""
    return await client.post(path, data={**(data or {}), "_csrf_token": token}, **kw)
