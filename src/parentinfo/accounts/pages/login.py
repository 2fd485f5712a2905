"""Log in, log out, and choose a new password through an emailed link."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, get, post
from litestar.background_tasks import BackgroundTask
from litestar.params import FromPath
from litestar.response import Redirect, Template

from parentinfo.accounts.auth import CHANGE_PASSWORD_PATH, SESSION_USER
from parentinfo.accounts.pages.login_limit import count_attempt, count_reset_request, count_success
from parentinfo.accounts.password_reset import (
    request_password_reset,
    reset_link_is_valid,
    reset_password,
)
from parentinfo.accounts.service import authenticate_password, has_logged_in_before
from parentinfo.errors import Invalid
from parentinfo.i18n import gettext as _
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, empty_form, read_form
from parentinfo.web.render import page
from parentinfo.web.session import end_session, safe_next, start_session

logger = logging.getLogger(__name__)


@get("/login", name="login")
async def login_form(request: Request[Any, Any, Any]) -> Any:
    """The login form (or straight on, when already logged in)."""
    target = safe_next(request.query_params.get("next"))
    if request.session.get(SESSION_USER):
        return Redirect(path=target)
    return await _login_page(request, empty_form(next=target))


async def _login_page(request: Request[Any, Any, Any], form: Form, status: int = 200) -> Template:
    return await page(request, "web/auth/login.html", actor=None, form=form, status_code=status)


@post("/login", status_code=303)
async def login(request: Request[Any, Any, Any]) -> Any:
    """Check the email and password; on success a fresh session, then back where they were."""
    form = await read_form(request)
    email = form.value("email").strip()
    if wait := await count_attempt(request, email):
        form.errors["__all__"] = wait  # the same words whether or not the address exists
        form.values.pop("password", None)
        return await _login_page(request, form, 429)
    returning = await has_logged_in_before(email)
    user = await authenticate_password(email=email, password=form.value("password"))
    if user is None:
        form.errors["password"] = _("This email address and password do not match.")
        form.values.pop("password", None)
        return await _login_page(request, form, 401)
    await count_success(request, email)
    await start_session(request, user)
    if user.must_change_password:  # a printed password opens the account only for this
        flash(request, "choose_password")
        return Redirect(path=CHANGE_PASSWORD_PATH, status_code=303)
    flash(request, "logged_in" if returning else "first_login")
    return Redirect(path=safe_next(form.value("next")), status_code=303)


@post("/logout", status_code=303)
async def logout(request: Request[Any, Any, Any]) -> Redirect:
    """Forget the session."""
    end_session(request)
    return Redirect(path="/login", status_code=303)


@get("/password-reset")
async def reset_request_form(request: Request[Any, Any, Any]) -> Template:
    """Ask for a reset link."""
    return await page(request, "web/auth/reset_request.html", actor=None, form=empty_form())


@post("/password-reset", status_code=303)
async def reset_request(request: Request[Any, Any, Any]) -> Any:
    """Send a link when the address is known; answer the same either way."""
    form = await read_form(request)
    email = form.value("email").strip()
    background = None
    if email:
        if wait := await count_reset_request(request, email):
            form.errors["__all__"] = wait  # counted whether or not the address exists
            return await page(
                request, "web/auth/reset_request.html", actor=None, form=form, status_code=429
            )
        # After the answer has gone: a known address must not take longer to answer.
        background = BackgroundTask(_reset, email)
    flash(request, "reset_sent")
    return Redirect(path="/login", status_code=303, background=background)


async def _reset(email: str) -> None:
    """Send the link; a failure can only be logged, the answer has gone already."""
    try:
        await request_password_reset(email=email)
    except Exception:
        logger.exception("could not send a password reset link")


@get("/password-reset/{token:str}")
async def reset_form(request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
    """Choose a new password, while the link is valid."""
    valid = await reset_link_is_valid(token=token)
    return await page(
        request,
        "web/auth/reset_form.html",
        actor=None,
        form=empty_form(),
        token=token,
        valid=valid,
        status_code=200 if valid else 410,
    )


@post("/password-reset/{token:str}", status_code=303)
async def reset(request: Request[Any, Any, Any], token: FromPath[str]) -> Any:
    """Set the new password, then log in with it."""
    form = await read_form(request)
    try:
        await reset_password(
            token=token, password=form.value("password"), repeat=form.value("repeat")
        )
    except Invalid as error:
        form.fail(error)
        form.values = {}
        valid = await reset_link_is_valid(token=token)
        return await page(
            request,
            "web/auth/reset_form.html",
            actor=None,
            form=form,
            token=token,
            valid=valid,
            status_code=422,
        )
    flash(request, "password_changed")
    return Redirect(path="/login", status_code=303)


routes = [login_form, login, logout, reset_request_form, reset_request, reset_form, reset]
