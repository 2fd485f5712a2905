"""The staff session: who is logged in, which organisation, which language, and where to go next.

The language is kept in the session (``?lang=xx`` on any page switches it); until someone
chooses one, the browser's ``Accept-Language`` decides. It is installed as the request's
language before the handler runs, so templates, flash messages and the error
page all speak it. Staff pages speak nl and en; the attendance pages also pl, ro and bg.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from litestar import Request
from litestar.stores.base import Store

from parentinfo.accounts.auth import SESSION_ORG, SESSION_STAMP, SESSION_USER, session_stamp
from parentinfo.accounts.models import User
from parentinfo.i18n import DEFAULT_LANGUAGE, _current, negotiate_language
from parentinfo.lib.enums import STAFF_LANGUAGES, VOLUNTEER_LANGUAGES

SESSION_KEY = "parentinfo_session"
SESSION_LANG = "lang"
DEFAULT_STAFF_LANGUAGE = "nl"
# A handler opts into the volunteer languages with ``opt={LANGUAGES_OPT: VOLUNTEER_LANGUAGES}``.
LANGUAGES_OPT = "languages"


def allowed_languages(request: Request[Any, Any, Any]) -> tuple[str, ...]:
    """The languages the page being served is offered in."""
    chosen = request.route_handler.opt.get(LANGUAGES_OPT, STAFF_LANGUAGES)
    return tuple(chosen)


def effective_language(chosen: str | None, allowed: tuple[str, ...]) -> str:
    """The chosen language when this page speaks it; else English for a foreign choice, else nl."""
    if chosen in allowed:
        return str(chosen)
    if chosen and chosen in VOLUNTEER_LANGUAGES and chosen != DEFAULT_STAFF_LANGUAGE:
        return "en"
    return DEFAULT_STAFF_LANGUAGE


def browser_language(request: Request[Any, Any, Any]) -> str | None:
    """What the browser asks for (``Accept-Language``) while nobody has chosen a language."""
    return negotiate_language(request.headers.get("accept-language"), VOLUNTEER_LANGUAGES)


def staff_browser_language(request: Request[Any, Any, Any]) -> str | None:
    """The browser's language when the staff pages speak it (nl or en), else ``None``."""
    return negotiate_language(request.headers.get("accept-language"), STAFF_LANGUAGES)


def _session(request: Request[Any, Any, Any]) -> dict[str, Any]:
    return request.session if "session" in request.scope else {}


async def apply_language(request: Request[Any, Any, Any]) -> None:
    """``before_request`` hook: take ``?lang=``, remember it, and render the request in it."""
    session = _session(request)
    asked = request.query_params.get("lang")
    if asked in VOLUNTEER_LANGUAGES and "session" in request.scope:
        session[SESSION_LANG] = asked
        user_id = session.get(SESSION_USER)
        if user_id and asked in STAFF_LANGUAGES:
            await User.filter(id=user_id).update(language=asked)
    chosen = session.get(SESSION_LANG) or browser_language(request)
    language = effective_language(chosen, allowed_languages(request))
    # Set for the rest of this request's task (each request has its own), so the template
    # render and the app's error page, which run after the handler, see it too.
    _current.set(language)


async def reset_language(request: Request[Any, Any, Any]) -> None:
    """``after_response`` hook: leave the task as it was (tests run requests in their own task)."""
    del request
    _current.set(DEFAULT_LANGUAGE)


def safe_next(raw: str | None) -> str:
    """A local path to continue to after the login; anything else becomes the dashboard."""
    if not raw:
        return "/"
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or not raw.startswith("/") or raw.startswith("//"):
        return "/"
    if "\\" in raw or raw.startswith("/login"):
        return "/"
    return raw


async def start_session(request: Request[Any, Any, Any], user: User) -> None:
    """Log ``user`` in on a fresh session id, so a planted session cookie is worth nothing."""
    session = _session(request)
    # A choice made on this visit first, then what the browser asks for (the page before the
    # login spoke it already), then the account's own language.
    language = session.get(SESSION_LANG) or staff_browser_language(request) or user.language
    old_id = request.cookies.get(SESSION_KEY)
    if old_id:
        await _store(request).delete(old_id)
        # The session middleware reads the id from the parsed cookies when it answers:
        # without it, and with the scope's id cleared, it issues a new one.
        request.cookies.pop(SESSION_KEY, None)
    request.clear_session()
    request.set_session(
        {SESSION_USER: user.id, SESSION_LANG: language, SESSION_STAMP: session_stamp(user)}
    )


def end_session(request: Request[Any, Any, Any]) -> None:
    """Forget the session (the middleware deletes it from the store and the cookie)."""
    request.clear_session()


def choose_organisation(request: Request[Any, Any, Any], org_id: int) -> None:
    """Remember the organisation picked with the switcher."""
    request.session[SESSION_ORG] = org_id


def _store(request: Request[Any, Any, Any]) -> Store:
    return request.app.stores.get("sessions")
