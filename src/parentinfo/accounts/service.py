"""Users, memberships and API tokens."""

from __future__ import annotations

from dataclasses import dataclass

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.models import ApiToken, Membership, User
from parentinfo.accounts.passwords import hash_password, one_time_password, verify_password
from parentinfo.errors import Conflict, Forbidden, NotFound, Unauthorized, invalid_field
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Role
from parentinfo.lib.sql import fetch
from parentinfo.lib.tokens import new_token, token_hash
from parentinfo.organisations.models import Organisation


async def create_user(
    *, email: str, org_slug: str, role: str, name: str = "", password: str | None = None
) -> tuple[User, str]:
    """Create a user (or add a membership to an existing one); returns the password to print."""
    email = email.strip().lower()
    if "@" not in email:
        raise invalid_field("email", "must be an email address")
    try:
        role_value = Role(role)
    except ValueError:
        raise invalid_field("role", f"must be one of {', '.join(r.value for r in Role)}") from None
    organisation = await Organisation.get_or_none(slug=org_slug)
    if organisation is None:
        raise NotFound(f"No organisation with slug {org_slug!r}.")
    # A printed password has been seen by whoever ran the command: it opens the account
    # once, to choose one's own.
    printed = password is None
    password = password or one_time_password()
    user = await User.get_or_none(email=email)
    if user is None:
        user = await User.create(
            email=email,
            name=name,
            password_hash=hash_password(password),
            must_change_password=printed,
        )
    else:
        user.password_hash = hash_password(password)
        user.must_change_password = printed
        await user.save(update_fields=["password_hash", "must_change_password"])
    if await Membership.exists(user=user, organisation=organisation):
        raise Conflict(f"{email} is already a member of {organisation.slug}.")
    await Membership.create(user=user, organisation=organisation, role=role_value)
    return user, password


async def create_api_token(*, email: str, name: str = "") -> str:
    """A new API token for a user; only its hash is kept, so it is shown once."""
    user = await User.get_or_none(email=email.strip().lower())
    if user is None:
        raise NotFound(f"No user with email {email!r}.")
    raw = new_token(32)
    await ApiToken.create(user=user, token_hash=token_hash(raw), name=name)
    return raw


async def has_logged_in_before(email: str) -> bool:
    """True when this account was logged into before (a first visit is not welcomed back)."""
    found = await User.filter(email=email.strip().lower(), last_login_at__isnull=False).exists()
    return bool(found)


async def authenticate_password(*, email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = await User.get_or_none(email=email.strip().lower(), is_active=True)
    if user is None:
        verify_password(_DUMMY_HASH, password)  # same work either way: no timing oracle
        return None
    if not verify_password(user.password_hash, password):
        return None
    user.last_login_at = now()
    await user.save(update_fields=["last_login_at"])
    return user


# Every API request asks this: the token, its user and their memberships in one query.
ACTOR_BY_TOKEN = """
SELECT u.id AS user_id, u.email AS email, u.name AS name, u.language AS language,
       u.is_active AS is_active, m.organisation_id AS org_id, m.role AS role, o.slug AS slug
FROM api_token t
JOIN user_account u ON u.id = t.user_id
LEFT JOIN membership m ON m.user_id = u.id
LEFT JOIN organisation o ON o.id = m.organisation_id
WHERE t.token_hash = :token_hash AND t.revoked_at IS NULL
ORDER BY m.id
"""  # noqa: S105 - a query, not a secret


async def actor_for_token(raw: str, *, org_slug: str | None = None) -> Actor:
    """The :class:`Actor` behind an API token (401 if unknown), as :func:`actor_for` picks it."""
    rows = await fetch(ACTOR_BY_TOKEN, {"token_hash": token_hash(raw)})
    if not rows or not rows[0]["is_active"]:
        raise Unauthorized("The API token is missing, unknown or revoked.")
    user = rows[0]
    memberships = [
        _Seat(int(row["org_id"]), str(row["slug"]), Role(row["role"]))
        for row in rows
        if row["org_id"] is not None
    ]
    return _actor_in(
        user_id=int(user["user_id"]),
        email=str(user["email"]),
        name=str(user["name"]),
        language=str(user["language"]),
        memberships=memberships,
        org_slug=org_slug,
    )


async def actor_for(user: User, *, org_slug: str | None = None, org_id: int | None = None) -> Actor:
    """The :class:`Actor` for ``user`` in the chosen organisation (default: their first)."""
    rows = await Membership.filter(user=user).order_by("id").select_related("organisation")
    return _actor_in(
        user_id=user.id,
        email=user.email,
        name=user.name,
        language=user.language,
        memberships=[_Seat(m.organisation.id, m.organisation.slug, Role(m.role)) for m in rows],
        org_slug=org_slug,
        org_id=org_id,
    )


@dataclass(frozen=True)
class _Seat:
    """One membership, as choosing the actor's organisation needs it."""

    org_id: int
    slug: str
    role: Role


def _actor_in(
    *,
    user_id: int,
    email: str,
    name: str,
    language: str,
    memberships: list[_Seat],
    org_slug: str | None = None,
    org_id: int | None = None,
) -> Actor:
    """The actor in the organisation asked for (by slug or id), else their first; 403 if none."""
    if not memberships:
        raise Forbidden("This account is not a member of any organisation.")
    chosen = memberships[0]
    if org_slug is not None or org_id is not None:
        match = [m for m in memberships if m.slug == org_slug or m.org_id == org_id]
        if not match:
            raise Forbidden("You are not a member of that organisation.")
        chosen = match[0]
    return Actor(
        user_id=user_id,
        email=email,
        org_id=chosen.org_id,
        role=chosen.role,
        memberships={m.org_id: m.role for m in memberships},
        name=name,
        language=language,
    )


_DUMMY_HASH = hash_password("not-a-real-password")
