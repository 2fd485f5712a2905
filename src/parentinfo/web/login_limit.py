"""Slow down password guessing (and reset-mail flooding) with the privacy feature's limiter."""

from __future__ import annotations

from typing import Any

from litestar import Request

from parentinfo.errors import TooManyRequests
from parentinfo.privacy.ratelimit import LoginKey, LoginRateLimiter


def _limiter(request: Request[Any, Any, Any]) -> LoginRateLimiter:
    return LoginRateLimiter(request.app.stores.get("ratelimit"))


def _key(request: Request[Any, Any, Any], email: str, purpose: str) -> LoginKey:
    client = request.client.host if request.client else "unknown"
    # Reset requests are counted apart from logins, so one cannot lock out the other.
    prefix = "" if purpose == "login" else f"{purpose}:"
    return LoginKey(email=prefix + email, ip=prefix + client)


async def refusal(request: Request[Any, Any, Any], email: str, purpose: str = "login") -> str:
    """Why this attempt must wait (empty when it may go ahead)."""
    try:
        await _limiter(request).check(_key(request, email, purpose))
    except TooManyRequests as error:
        return error.message
    return ""


async def count_failure(
    request: Request[Any, Any, Any], email: str, purpose: str = "login"
) -> None:
    """Remember one failed login (or one reset request)."""
    await _limiter(request).failed(_key(request, email, purpose))


async def count_success(request: Request[Any, Any, Any], email: str) -> None:
    """A good login clears the address's count."""
    await _limiter(request).succeeded(_key(request, email, "login"))
