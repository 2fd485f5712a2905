"""Who is calling: a Bearer token on the API, the session cookie on pages."""

from __future__ import annotations

import hashlib
from typing import Any, TypeAlias

from litestar import Request
from litestar.di import NamedDependency

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.models import User
from parentinfo.accounts.service import actor_for, actor_for_token
from parentinfo.errors import Unauthorized

SESSION_USER = "user_id"
SESSION_ORG = "org_id"
SESSION_STAMP = "stamp"


class LoginRequired(Unauthorized):
    """A page needs a logged-in user: the web layer redirects to the login and back."""


async def api_actor(request: Request[Any, Any, Any]) -> Actor:
    """The actor behind ``Authorization: Bearer <token>``, in ``X-Organisation`` if given."""
    header = request.headers.get("authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise Unauthorized("Send an API token as 'Authorization: Bearer <token>'.")
    return await actor_for_token(
        raw.strip(), org_slug=request.headers.get("x-organisation") or None
    )


def session_stamp(user: User) -> str:
    """A short digest of the password hash: a session started before a new password is over.

    Kept in the session at login and compared on every page, so a password reset ends every
    session of the account in any store (memory or Redis) without a list of sessions.
    """
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:24]


async def page_actor(request: Request[Any, Any, Any]) -> Actor:
    """The actor of the logged-in session, in the organisation chosen with the switcher."""
    session = request.session if "session" in request.scope else {}
    user_id = session.get(SESSION_USER)
    user = await User.get_or_none(id=user_id, is_active=True) if user_id else None
    if user is not None and session.get(SESSION_STAMP) != session_stamp(user):
        request.clear_session()  # from before a password change: log in again
        user = None
    if user is None:
        raise LoginRequired("Please log in.")
    return await actor_for(user, org_id=session.get(SESSION_ORG))


# Handlers declare ``actor: ApiActor`` (API) or ``page_actor: PageActor`` (pages).
ApiActor: TypeAlias = NamedDependency[Actor]
PageActor: TypeAlias = NamedDependency[Actor]
