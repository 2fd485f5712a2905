"""The parent's page (``/r/{token}``), their calendar files, and the organisation feeds.

No login: the token in the link is the key. Every form is CSRF-protected by the app's
cookie double-submit, and the page works without JavaScript (the CSP forbids inline
scripts anyway). An unknown, tampered or erased link gets one neutral 404 page, in the parent's
language (when the link or the browser says it) and in English and Dutch, that is the same
whatever the reason. Every look-up by a token counts against the client's failed look-ups
(30 in 15 minutes, ``privacy.ratelimit``) and a link that worked takes its count back: past
the limit the client gets a 429, for every link, so guessing tokens learns nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote, urlencode

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.calendar import pagedata, service
from parentinfo.calendar.feeds import FeedAnswer, http_date
from parentinfo.calendar.notices_page import (
    PRIVATE,
    asked_language,
    not_found_page,
    too_many_page,
)
from parentinfo.errors import NotFound, ServiceError
from parentinfo.i18n import _current
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.privacy.ratelimit import (
    LINK_FAILURES_PER_IP,
    LoginLimited,
    link_key,
    login_limiter,
)

ICS = "text/calendar; charset=utf-8"


def _speak(language: str) -> None:
    """Render the rest of this request (the template runs after the handler) in ``language``."""
    _current.set(language)


def not_found(request: Request[Any, Any, Any] | None = None) -> Template:
    """The one 404 for parents' links: in the language asked (``?lang=``, else the browser's)
    when we speak it, and in English and Dutch."""
    return not_found_page(asked_language(request))


@asynccontextmanager
async def _counted_lookup(request: Request[Any, Any, Any]) -> AsyncIterator[None]:
    """Count the look-up inside as a failed one unless it finds its invitation.

    Counted first and given back on success, in one atomic step per store, so a burst of
    parallel guesses cannot slip past the limit. Raises :class:`LoginLimited` past it.
    """
    key = link_key(request.client.host if request.client else "unknown")
    limiter = login_limiter(request.app)
    await limiter.count([(key, LINK_FAILURES_PER_IP)])
    yield  # a NotFound raised here leaves the attempt counted
    await limiter.give_back(key)


def too_many(request: Request[Any, Any, Any], refused: LoginLimited) -> Template:
    """The 429 for a client past the limit, in the parent's language, saying when to retry."""
    return too_many_page(asked_language(request), retry_after=refused.minutes * 60)


def _page_path(token: str, language: str | None, notice: str) -> str:
    query = {"lang": language} if language in SUPPORTED_LANGUAGES else {}
    return f"/r/{quote(token, safe='')}?{urlencode({**query, 'notice': notice})}"


@get("/r/{token:str}", include_in_schema=False)
async def parent_page(
    request: Request[Any, Any, Any],
    token: FromPath[str],
    lang: FromQuery[str | None] = None,
    notice: FromQuery[str | None] = None,
) -> Template:
    """The parent's page: what, when, where, their answer, calendar links, opt-out."""
    try:
        async with _counted_lookup(request):
            page = await pagedata.parent_page(token=token, asked_language=lang, notice=notice)
    except LoginLimited as refused:
        return too_many(request, refused)
    except NotFound:
        return not_found(request)
    return _render(page)


def _render(page: pagedata.ParentPage, *, status_code: int = 200) -> Template:
    _speak(page.language)
    return Template(
        template_name="calendar/parent_page.html",
        context={"page": page},
        status_code=status_code,
        headers=PRIVATE,
    )


@post("/r/{token:str}/answer", include_in_schema=False, status_code=303)
async def answer(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    """Yes / no / maybe and the party size; back to the page with a notice (303)."""
    form = await request.form()
    language = form.get("lang")
    try:
        async with _counted_lookup(request):
            result = await service.answer_from_page(
                token=token, answer=str(form.get("answer", "")), party_size=form.get("party_size")
            )
    except LoginLimited as refused:  # before ServiceError: a refusal page would tell a valid link
        return too_many(request, refused)
    except NotFound:
        return not_found(request)
    except ServiceError as refusal:
        return await _refused(token, language, refusal)
    notice = "waitlisted" if result.waitlisted else "saved"
    return Redirect(path=_page_path(token, language, notice), status_code=303)


async def _refused(token: str, language: str | None, refusal: ServiceError) -> Response[Any]:
    """The page again, with what went wrong, and the refusal's status code."""
    try:
        page = await pagedata.parent_page(
            token=token, asked_language=language, refusal=refusal.message
        )
    except NotFound:
        return not_found()
    return _render(page, status_code=refusal.status_code)


@post("/r/{token:str}/optout", include_in_schema=False, status_code=303)
async def opt_out(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    """Which channels the parent no longer wants messages on; back to the page (303)."""
    form = await request.form()
    try:
        async with _counted_lookup(request):
            await service.opt_out_from_page(
                token=token, sms="stop_sms" in form, email="stop_email" in form
            )
    except LoginLimited as refused:
        return too_many(request, refused)
    except NotFound:
        return not_found(request)
    return Redirect(path=_page_path(token, form.get("lang"), "optout"), status_code=303)


@get("/r/{token:str}/invite.ics", include_in_schema=False)
async def invite_file(
    request: Request[Any, Any, Any], token: FromPath[str], lang: FromQuery[str | None] = None
) -> Response[Any]:
    """The "add to calendar" file for this invitation (a PUBLISH, with a reminder)."""
    try:
        language = lang if lang in SUPPORTED_LANGUAGES else None
        async with _counted_lookup(request):
            ics = await service.invitation_file(token=token, language=language)
    except LoginLimited as refused:
        return too_many(request, refused)
    except NotFound:
        return not_found()
    headers = {**PRIVATE, "Content-Disposition": 'attachment; filename="invite.ics"'}
    return Response(content=ics, media_type=ICS, headers=headers)


@get("/r/{token:str}/calendar.ics", include_in_schema=False)
async def personal_feed(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    """The parent's own feed: every session they said yes to."""
    try:
        async with _counted_lookup(request):
            answer_ = await service.personal_feed(token, **_conditions(request))
    except LoginLimited as refused:
        return too_many(request, refused)
    except NotFound:
        return not_found(request)
    return _feed_response(answer_, cache="private, no-cache")


@get("/calendar/{feed:str}", include_in_schema=False)
async def organisation_feed(request: Request[Any, Any, Any], feed: FromPath[str]) -> Response[Any]:
    """An organisation's public feed at ``/calendar/{slug}.ics``."""
    if not feed.endswith(".ics") or len(feed) <= len(".ics"):
        raise NotFound("No such calendar.")
    answer_ = await service.organisation_feed(feed.removesuffix(".ics"), **_conditions(request))
    return _feed_response(answer_, cache="public, max-age=300")


def _conditions(request: Request[Any, Any, Any]) -> dict[str, str | None]:
    lang = request.query_params.get("lang")
    return {
        "language": lang if lang in SUPPORTED_LANGUAGES else None,
        "if_none_match": request.headers.get("if-none-match"),
        "if_modified_since": request.headers.get("if-modified-since"),
    }


def _feed_response(feed: FeedAnswer, *, cache: str) -> Response[Any]:
    headers = {
        "ETag": feed.etag,
        "Last-Modified": http_date(feed.last_modified),
        "Cache-Control": cache,
    }
    if feed.ics is None:
        return Response(content=b"", status_code=304, headers=headers)
    return Response(content=feed.ics, media_type=ICS, headers=headers)


routes: list[ControllerRouterHandler] = [
    parent_page,
    answer,
    opt_out,
    invite_file,
    personal_feed,
    organisation_feed,
]
