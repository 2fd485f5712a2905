"""Staff pages for accounts: the organisation's users and invitations (admins), one's own
password, and the invitation link where a new colleague chooses a password.

Handlers parse the form, call one accounts service function, and render.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts import invitations, members
from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import CHANGE_PASSWORD_PATH, PageActor, session_user
from parentinfo.errors import ServiceError
from parentinfo.i18n import current_language
from parentinfo.lib.enums import Role
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, empty_form, read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router
from parentinfo.web.session import choose_organisation, start_session


async def _users_page(
    request: Request[Any, Any, Any], actor: Actor, form: Form, status: int = 200
) -> Template:
    return await page(
        request,
        "accounts/users.html",
        actor=actor,
        section="admin",
        members=await members.list_members(actor=actor),
        invitations=await members.list_invitations(actor=actor),
        roles=[r.value for r in Role],
        form=form,
        status_code=status,
    )


@get("/admin/users")
async def users(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """The organisation's members and open invitations, with the invite form (admins)."""
    return await _users_page(request, page_actor, empty_form(role=Role.COORDINATOR.value))


@post("/admin/users/invitations", status_code=303)
async def invite(request: Request[Any, Any, Any], page_actor: PageActor) -> Any:
    """Mail an invitation; on bad input the form again with what was typed."""
    form = await read_form(request)
    try:
        await invitations.invite_user(
            actor=page_actor,
            email=form.value("email"),
            role=form.value("role"),
            language=current_language(),
        )
    except ServiceError as error:
        if error.status_code == 403:
            raise
        return await _users_page(request, page_actor, form.fail(error), error.status_code)
    flash(request, "user_invited")
    return Redirect(path="/admin/users", status_code=303)


@post("/admin/users/{user_id:int}/role", status_code=303)
async def change_role(
    request: Request[Any, Any, Any], page_actor: PageActor, user_id: FromPath[int]
) -> Redirect:
    """Give a member another role."""
    form = await read_form(request)
    await members.change_role(actor=page_actor, user_id=user_id, role=form.value("role"))
    flash(request, "role_changed")
    return Redirect(path="/admin/users", status_code=303)


@post("/admin/users/{user_id:int}/deactivate", status_code=303)
async def deactivate(
    request: Request[Any, Any, Any], page_actor: PageActor, user_id: FromPath[int]
) -> Redirect:
    """Take a member out of the organisation."""
    await members.deactivate_member(actor=page_actor, user_id=user_id)
    flash(request, "member_deactivated")
    return Redirect(path="/admin/users", status_code=303)


async def _password_page(
    request: Request[Any, Any, Any], form: Form, *, forced: bool, status: int = 200
) -> Template:
    return await page(
        request,
        "accounts/password.html",
        actor=None,
        form=form,
        forced=forced,
        status_code=status,
    )


@get(CHANGE_PASSWORD_PATH)
async def password_form(request: Request[Any, Any, Any]) -> Template:
    """Choose a new password (the only page open while a printed password is still in use)."""
    user = await session_user(request)
    return await _password_page(request, empty_form(), forced=user.must_change_password)


@post(CHANGE_PASSWORD_PATH, status_code=303)
async def change_password(request: Request[Any, Any, Any]) -> Any:
    """Check the current password and save the new one."""
    user = await session_user(request)
    form = await read_form(request)
    try:
        await members.change_own_password(
            user_id=user.id,
            current=form.value("current"),
            password=form.value("password"),
            repeat=form.value("repeat"),
        )
    except ServiceError as error:
        form.fail(error)
        form.values = {}
        return await _password_page(
            request, form, forced=user.must_change_password, status=error.status_code
        )
    # A new password ends every session of the account (their stamp no longer matches):
    # this one goes on with a fresh id and the new stamp.
    await start_session(request, await members.active_user(user_id=user.id))
    flash(request, "own_password_changed")
    return Redirect(path="/", status_code=303)


async def _invitation_page(
    request: Request[Any, Any, Any], token: str, form: Form, status: int | None = None
) -> Template:
    found = await invitations.open_invitation(token=token)
    return await page(
        request,
        "accounts/invitation.html",
        actor=None,
        form=form,
        token=token,
        invitation=found,
        status_code=status or (200 if found else 410),
    )


@get("/invitation/{token:str}")
async def invitation_form(request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
    """Choose a password, while the invitation is valid; else say what to do."""
    return await _invitation_page(request, token, empty_form())


@post("/invitation/{token:str}", status_code=303)
async def accept_invitation(request: Request[Any, Any, Any], token: FromPath[str]) -> Any:
    """Make the account with the chosen password, join the organisation, and log in."""
    form = await read_form(request)
    try:
        user, org_id = await invitations.accept_invitation(
            token=token,
            password=form.value("password"),
            repeat=form.value("repeat"),
            name=form.value("name"),
            language=current_language(),
        )
    except ServiceError as error:
        form.fail(error)
        form.values.pop("password", None)
        form.values.pop("repeat", None)
        return await _invitation_page(request, token, form, error.status_code)
    await start_session(request, user)
    choose_organisation(request, org_id)
    flash(request, "invitation_accepted")
    return Redirect(path="/", status_code=303)


routes: list[ControllerRouterHandler] = [
    page_router(
        [
            users,
            invite,
            change_role,
            deactivate,
            password_form,
            change_password,
            invitation_form,
            accept_invitation,
        ]
    )
]
