"""The people of one organisation as its admins manage them, and a user's own password."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.invitations import parse_role
from parentinfo.accounts.models import AccountInvitation, Membership, User
from parentinfo.accounts.passwords import check_new_password, hash_password, verify_password
from parentinfo.errors import Conflict, NotFound, invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Role


@dataclass(frozen=True)
class MemberRow:
    """One member as the users page and the API show them."""

    user_id: int
    email: str
    name: str
    role: Role
    last_login_at: datetime | None
    must_change_password: bool


@dataclass(frozen=True)
class PendingInvitation:
    """An invitation not used yet."""

    id: int
    email: str
    role: Role
    expires_at: datetime
    expired: bool


async def list_members(*, actor: Actor) -> list[MemberRow]:
    """The organisation's members, by email (admins only)."""
    actor.require_admin()
    rows = await (
        Membership.filter(organisation_id=actor.org_id)
        .select_related("user")
        .order_by("user__email")
    )
    return [
        MemberRow(
            m.user.id,
            m.user.email,
            m.user.name,
            Role(m.role),
            m.user.last_login_at,
            m.user.must_change_password,
        )
        for m in rows
    ]


async def list_invitations(*, actor: Actor) -> list[PendingInvitation]:
    """Invitations of the organisation nobody has used yet, newest first (admins only)."""
    actor.require_admin()
    rows = await AccountInvitation.filter(organisation_id=actor.org_id, used_at=None).order_by(
        "-id"
    )
    moment = now()
    return [
        PendingInvitation(i.id, i.email, i.role, i.expires_at, i.expires_at <= moment) for i in rows
    ]


async def _membership(actor: Actor, user_id: int) -> Membership:
    found = await Membership.get_or_none(organisation_id=actor.org_id, user_id=user_id)
    if found is None:
        raise NotFound(_("No such member in this organisation."))
    return found


async def _keep_an_admin(actor: Actor, membership: Membership) -> None:
    """Refuse a change that would leave the organisation with nobody to manage it."""
    if membership.role != Role.ADMIN:
        return
    admins = await Membership.filter(organisation_id=actor.org_id, role=Role.ADMIN).count()
    if admins <= 1:
        raise Conflict(
            _("An organisation needs at least one admin: make someone else admin first.")
        )


async def change_role(*, actor: Actor, user_id: int, role: str) -> MemberRow:
    """An admin gives a member another role in this organisation."""
    actor.require_admin()
    role_value = parse_role(role)
    membership = await _membership(actor, user_id)
    if membership.role != role_value:
        await _keep_an_admin(actor, membership)
        membership.role = role_value
        await membership.save(update_fields=["role"])
    return next(m for m in await list_members(actor=actor) if m.user_id == user_id)


async def deactivate_member(*, actor: Actor, user_id: int) -> None:
    """An admin takes a member out of this organisation; with no organisation left, the
    account can no longer log in (other organisations' seats are not ours to end)."""
    actor.require_admin()
    membership = await _membership(actor, user_id)
    await _keep_an_admin(actor, membership)
    await membership.delete()
    if not await Membership.exists(user_id=user_id):
        await User.filter(id=user_id).update(is_active=False)


async def active_user(*, user_id: int) -> User:
    """The user as stored now (after a password change, with its new hash)."""
    return await User.get(id=user_id, is_active=True)


async def change_own_password(*, user_id: int, current: str, password: str, repeat: str) -> None:
    """A user chooses a new password, proving the current one first."""
    user = await User.get(id=user_id)
    if not verify_password(user.password_hash, current):
        raise invalid_field("current", _("This is not your current password."))
    check_new_password(password, repeat)
    if password == current:
        raise invalid_field("password", _("Choose a password different from the current one."))
    user.password_hash = hash_password(password)
    user.must_change_password = False
    await user.save(update_fields=["password_hash", "must_change_password"])
