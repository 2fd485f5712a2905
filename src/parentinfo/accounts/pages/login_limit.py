"""The web forms' side of the privacy feature's login limiter: its keys and its messages.

Logins and reset requests are counted by the same limiter with the same policy, in the app's
shared ``"ratelimit"`` store, but under different keys, so one cannot lock out the other.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from parentinfo.i18n import ngettext
from parentinfo.privacy.ratelimit import LoginKey, LoginLimited, login_limiter


def _key(request: Request[Any, Any, Any], email: str, purpose: str) -> LoginKey:
    client = request.client.host if request.client else "unknown"
    prefix = "" if purpose == "login" else f"{purpose}:"
    return LoginKey(email=prefix + email, ip=prefix + client)


async def count_attempt(request: Request[Any, Any, Any], email: str) -> str:
    """Count one login attempt; why it must wait instead, in the reader's language, or ""."""
    try:
        await login_limiter(request.app).attempt(_key(request, email, "login"))
    except LoginLimited as refused:
        return refused.message
    return ""


async def count_success(request: Request[Any, Any, Any], email: str) -> None:
    """The password was right: the address's count is cleared."""
    await login_limiter(request.app).succeeded(_key(request, email, "login"))


async def count_reset_request(request: Request[Any, Any, Any], email: str) -> str:
    """Count one request for a reset link; why it must wait instead, or "" (nobody gets flooded)."""
    try:
        await login_limiter(request.app).attempt(_key(request, email, "reset"))
    except LoginLimited as refused:
        return ngettext(
            "Too many requests for a new password. Try again in {num} minute.",
            "Too many requests for a new password. Try again in {num} minutes.",
            refused.minutes,
        ).format(num=refused.minutes)
    return ""
