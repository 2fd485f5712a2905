"""``/api/v1/users``: the organisation's members and invitations (admins), and one's password."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from litestar import delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.types import ControllerRouterHandler
from msgspec import Meta

from parentinfo.accounts import invitations, members
from parentinfo.accounts.auth import ApiActor
from parentinfo.accounts.members import MemberRow
from parentinfo.lib.enums import Role
from parentinfo.organisations.responses import error_responses

RoleName = Annotated[str, Meta(description="admin, coordinator or volunteer")]


class MemberOut(msgspec.Struct):
    """A member of your organisation."""

    user_id: int
    email: str
    name: str
    role: str
    last_login_at: datetime | None
    must_change_password: bool


class InvitationIn(msgspec.Struct, forbid_unknown_fields=True):
    """Whom to invite, with which role."""

    email: Annotated[str, Meta(max_length=254)]
    role: RoleName = Role.COORDINATOR.value
    language: Annotated[str, Meta(description="the language of the mail: nl or en")] = "nl"


class InvitationOut(msgspec.Struct):
    """An invitation not used yet (its link went by mail and is not shown again)."""

    id: int
    email: str
    role: str
    expires_at: datetime
    expired: bool


class MemberPatch(msgspec.Struct, forbid_unknown_fields=True):
    """A member's new role."""

    role: RoleName


class PasswordIn(msgspec.Struct, forbid_unknown_fields=True):
    """Your current password and the new one, twice."""

    current: str
    password: str
    repeat: str


def member_out(row: MemberRow) -> MemberOut:
    """Serialise for the API."""
    return MemberOut(
        row.user_id,
        row.email,
        row.name,
        row.role.value,
        row.last_login_at,
        row.must_change_password,
    )


@get("/users", summary="List your organisation's members", responses=error_responses())
async def list_users(actor: ApiActor) -> list[MemberOut]:
    """Admins see every member of the active organisation, with their role."""
    return [member_out(row) for row in await members.list_members(actor=actor)]


@get("/users/invitations", summary="List open invitations", responses=error_responses())
async def list_invitations(actor: ApiActor) -> list[InvitationOut]:
    """Invitations nobody has used yet, expired ones included (admins)."""
    rows = await members.list_invitations(actor=actor)
    return [InvitationOut(i.id, i.email, i.role.value, i.expires_at, i.expired) for i in rows]


@post(
    "/users/invitations",
    summary="Invite someone by email",
    status_code=202,
    responses=error_responses(409),
)
async def invite_user(actor: ApiActor, data: JSONBody[InvitationIn]) -> InvitationOut:
    """Mail a one-time link (valid seven days) with which they choose a password (admins)."""
    language = data.language if data.language in {"nl", "en"} else "nl"
    await invitations.invite_user(actor=actor, email=data.email, role=data.role, language=language)
    newest = (await members.list_invitations(actor=actor))[0]
    return InvitationOut(
        newest.id, newest.email, newest.role.value, newest.expires_at, newest.expired
    )


@patch(
    "/users/{user_id:int}",
    summary="Change a member's role",
    responses=error_responses(404, 409),
)
async def update_user(
    actor: ApiActor, user_id: FromPath[int], data: JSONBody[MemberPatch]
) -> MemberOut:
    """Admins change a member's role; the last admin cannot stop being one (409)."""
    return member_out(await members.change_role(actor=actor, user_id=user_id, role=data.role))


@delete(
    "/users/{user_id:int}",
    summary="Deactivate a member",
    status_code=204,
    responses=error_responses(404, 409),
)
async def deactivate_user(actor: ApiActor, user_id: FromPath[int]) -> None:
    """Admins take a member out of the organisation (the last admin stays: 409)."""
    await members.deactivate_member(actor=actor, user_id=user_id)


@post(
    "/users/me/password",
    summary="Change your password",
    status_code=204,
    responses=error_responses(),
)
async def change_password(actor: ApiActor, data: JSONBody[PasswordIn]) -> None:
    """Prove the current password and set a new one (at least 10 characters)."""
    await members.change_own_password(
        user_id=actor.user_id, current=data.current, password=data.password, repeat=data.repeat
    )


routes: list[ControllerRouterHandler] = [
    list_users,
    list_invitations,
    invite_user,
    update_user,
    deactivate_user,
    change_password,
]
