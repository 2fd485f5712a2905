"""What is done to an event from its page: publish, cancel (after a confirm step), duplicate,
and hosting together (invite a co-host; accept or decline an invitation)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from parentinfo.accounts.auth import PageActor
from parentinfo.errors import Conflict, Forbidden, Invalid
from parentinfo.events import service
from parentinfo.events.pages.save import owner_only_message
from parentinfo.events.pages.view import load_event_page
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.notices.preview import NAME_SLOT, preview_cancellation
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, read_form
from parentinfo.web.render import page


async def _detail_with_errors(
    request: Request[Any, Any, Any], actor: Any, event_id: int, form: Form, status: int
) -> Template:
    view = await load_event_page(actor=actor, event_id=event_id)
    return await page(
        request,
        "web/events/detail.html",
        actor=actor,
        section="events",
        view=view,
        form=form,
        status_code=status,
    )


@post("/events/{event_id:int}/publish", status_code=303)
async def publish(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Publish a draft (it needs a text in at least one language)."""
    form = Form()
    try:
        await service.publish_event(actor=page_actor, event_id=event_id)
    except (Invalid, Conflict) as error:
        form.fail(error)
        form.errors.setdefault("__all__", error.message)
        return await _detail_with_errors(request, page_actor, event_id, form, error.status_code)
    flash(request, "event_published")
    return Redirect(path=f"/events/{event_id}", status_code=303)


async def _cancel_page(
    request: Request[Any, Any, Any], actor: Any, event_id: int, *, changed: bool = False
) -> Template:
    try:
        notices = await preview_cancellation(actor=actor, event_id=event_id)
    except Forbidden:
        view = await load_event_page(actor=actor, event_id=event_id)
        form = Form(errors={"__all__": owner_only_message()})
        return await page(
            request,
            "web/events/detail.html",
            actor=actor,
            section="events",
            view=view,
            form=form,
            status_code=403,
        )
    view = await load_event_page(actor=actor, event_id=event_id)
    return await page(
        request,
        "web/events/cancel.html",
        actor=actor,
        section="events",
        view=view,
        notices=notices,
        changed=changed,
        name_slot=NAME_SLOT,
    )


@get("/events/{event_id:int}/cancel")
async def cancel_confirm(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """Ask first, and show who will be told, how, at what cost, and the cancellation itself."""
    return await _cancel_page(request, page_actor, event_id)


@post("/events/{event_id:int}/cancel", status_code=303)
async def cancel(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Cancel the event; ``notify=yes`` tells everyone invited (when the number shown still
    holds), ``notify=no`` cancels without telling (recorded)."""
    form = await read_form(request)
    notify = form.value("notify", "yes") != "no"
    if notify and form.value("expected"):
        notices = await preview_cancellation(actor=page_actor, event_id=event_id)
        if str(notices.parents) != form.value("expected"):
            return await _cancel_page(request, page_actor, event_id, changed=True)
    try:
        await service.cancel_event(actor=page_actor, event_id=event_id, notify=notify)
    except Forbidden:
        return await _cancel_page(request, page_actor, event_id)
    flash(request, "event_cancelled" if notify else "event_cancelled_not_told")
    return Redirect(path=f"/events/{event_id}", status_code=303)


@post("/events/{event_id:int}/duplicate", status_code=303)
async def duplicate(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """A draft copy on another day (same times), to check and publish."""
    form = await read_form(request)
    day = form.value("date").strip()
    source = await service.get_event(actor=page_actor, event_id=event_id)
    starts_at = None
    if day:
        clock = source.starts_at.astimezone(ZoneInfo(source.timezone)).strftime("%H:%M")
        starts_at = f"{day}T{clock}"
    try:
        copy = await service.duplicate_event(
            actor=page_actor, event_id=event_id, starts_at=starts_at
        )
    except Invalid as error:
        form.fail(error, aliases={"starts_at": "date", "ends_at": "date"})
        return await _detail_with_errors(request, page_actor, event_id, form, 422)
    flash(request, "event_duplicated")
    return Redirect(path=f"/events/{copy.id}/edit", status_code=303)


@post("/events/{event_id:int}/hosts", status_code=303)
async def invite_cohost(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Invite a partner organisation to host together."""
    form = await read_form(request)
    try:
        await service.invite_cohost(
            actor=page_actor, event_id=event_id, organisation=form.value("organisation")
        )
    except (Invalid, Conflict) as error:
        form.fail(error)
        return await _detail_with_errors(request, page_actor, event_id, form, error.status_code)
    flash(request, "cohost_invited")
    return Redirect(path=f"/events/{event_id}", status_code=303)


async def _respond(request: Request[Any, Any, Any], actor: Any, event_id: int, accept: bool) -> Any:
    organisation = await Organisation.get(id=actor.org_id)
    await service.respond_to_cohost_invitation(
        actor=actor, event_id=event_id, organisation=organisation.slug, accept=accept
    )
    flash(request, "cohost_accepted" if accept else "cohost_declined")
    return Redirect(path=f"/events/{event_id}" if accept else "/", status_code=303)


async def _answer_as_guest(
    request: Request[Any, Any, Any], actor: Any, event_id: int, accept: bool
) -> Any:
    await service.respond_as_guest(actor=actor, event_id=event_id, accept=accept)
    flash(request, "guest_accepted" if accept else "guest_declined")
    return Redirect(path=f"/events/{event_id}" if accept else "/", status_code=303)


@post("/events/{event_id:int}/guest/accept", status_code=303)
async def accept_guest(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """The active organisation agrees to be the session's guest."""
    return await _answer_as_guest(request, page_actor, event_id, accept=True)


@post("/events/{event_id:int}/guest/decline", status_code=303)
async def decline_guest(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """The active organisation declines to be the guest (or withdraws)."""
    return await _answer_as_guest(request, page_actor, event_id, accept=False)


@post("/events/{event_id:int}/hosts/accept", status_code=303)
async def accept_cohost(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """The active organisation accepts to host the event together."""
    return await _respond(request, page_actor, event_id, accept=True)


@post("/events/{event_id:int}/hosts/decline", status_code=303)
async def decline_cohost(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """The active organisation declines (or leaves)."""
    return await _respond(request, page_actor, event_id, accept=False)


routes = [
    publish,
    cancel_confirm,
    cancel,
    duplicate,
    invite_cohost,
    accept_cohost,
    decline_cohost,
    accept_guest,
    decline_guest,
]
