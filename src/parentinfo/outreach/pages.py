"""Staff pages for outreach: choose the audience, preview per language, confirm, watch it go.

No fixed texts live here (they belong to the web catalog, in the templates).
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.errors import Conflict, Invalid
from parentinfo.events import service as events
from parentinfo.lib.pagination import page_request
from parentinfo.outreach import listings, previewing, service
from parentinfo.web.choices import contact_choices
from parentinfo.web.event_view import EventPage, load_event_page
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, read_form
from parentinfo.web.outreach_view import audience_from, audience_languages, sending_progress
from parentinfo.web.render import page
from parentinfo.web.routing import page_router


def _query_form(request: Request[Any, Any, Any]) -> Form:
    """The audience travels in the query string from the choice to the preview."""
    params = request.query_params
    return Form(
        values={
            key: params.getall(key, [])
            for key in ("languages", "age_groups", "attended", "contacts")
        }
    )


async def _audience_page(
    request: Request[Any, Any, Any],
    actor: Actor,
    view: EventPage,
    form: Form,
    status_code: int = 200,
) -> Template:
    """Step 1's page: the choice of audience, again with the refusal when one came."""
    return await page(
        request,
        "web/outreach/audience.html",
        actor=actor,
        section="events",
        view=view,
        form=form,
        audience_languages=await audience_languages(actor=actor),
        choices=contact_choices(),
        status_code=status_code,
    )


@get("/events/{event_id:int}/outreach")
async def choose_audience(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """Step 1: who gets the invitation."""
    view = await load_event_page(actor=page_actor, event_id=event_id)
    return await _audience_page(request, page_actor, view, _query_form(request))


@get("/events/{event_id:int}/outreach/preview")
async def preview(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """Step 2: every message per language, with encoding, segments and cost."""
    form = _query_form(request)
    view = await load_event_page(actor=page_actor, event_id=event_id)
    try:
        plan = await previewing.preview_invitations(
            actor=page_actor, event_id=event_id, audience=audience_from(form)
        )
    except Invalid as error:
        form.fail(error)
        return await _audience_page(request, page_actor, view, form, status_code=422)
    return await page(
        request,
        "web/outreach/preview.html",
        actor=page_actor,
        section="events",
        view=view,
        plan=plan,
        form=form,
        query=request.url.query,
    )


@post("/events/{event_id:int}/outreach/send", status_code=303)
async def send(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Step 3: confirmed; queue them all and watch the progress."""
    form = await read_form(request)
    try:
        summary = await service.send_invitations(
            actor=page_actor, event_id=event_id, audience=audience_from(form)
        )
    except (Invalid, Conflict) as error:
        form.fail(error)
        view = await load_event_page(actor=page_actor, event_id=event_id)
        return await _audience_page(request, page_actor, view, form, status_code=error.status_code)
    flash(request, "sending_started")
    query = f"queued={summary.queued}&skipped={summary.skipped_existing}&calls={summary.to_call}"
    return Redirect(path=f"/events/{event_id}/outreach/progress?{query}", status_code=303)


@get("/events/{event_id:int}/outreach/progress")
async def progress(
    request: Request[Any, Any, Any],
    page_actor: PageActor,
    event_id: FromPath[int],
    *,
    queued: FromQuery[int] = 0,
    skipped: FromQuery[int] = 0,
    calls: FromQuery[int] = 0,
) -> Template:
    """Step 4: live progress while the messages go out."""
    view = await load_event_page(actor=page_actor, event_id=event_id)
    return await page(
        request,
        "web/outreach/progress.html",
        actor=page_actor,
        section="events",
        view=view,
        progress=await sending_progress(actor=page_actor, event_id=event_id),
        summary={"queued": queued, "skipped": skipped, "calls": calls},
    )


@get("/events/{event_id:int}/outreach/progress.json")
async def progress_json(page_actor: PageActor, event_id: FromPath[int]) -> dict[str, Any]:
    """The counts the progress page polls."""
    await events.get_event(actor=page_actor, event_id=event_id)  # 404 for strangers
    found = await sending_progress(actor=page_actor, event_id=event_id)
    return {"total": found.total, "done": found.done, "counts": found.counts}


@get("/events/{event_id:int}/messages")
async def messages(
    request: Request[Any, Any, Any],
    page_actor: PageActor,
    event_id: FromPath[int],
    status: FromQuery[str | None] = None,
    page_number: Annotated[int, QueryParameter(name="page", ge=1, le=100_000)] = 1,
) -> Template:
    """The organisation's messages of the event with their status (never a co-host's)."""
    view = await load_event_page(actor=page_actor, event_id=event_id)
    found = await listings.list_messages(
        actor=page_actor, page=page_request(page_number, 100), status=status, event_id=event_id
    )
    return await page(
        request,
        "web/outreach/messages.html",
        actor=page_actor,
        section="events",
        view=view,
        found=found,
        names=await listings.recipient_names(
            actor=page_actor, message_ids=[msg.id for msg in found.items]
        ),
        status=status or "",
    )


routes: list[ControllerRouterHandler] = [
    page_router([choose_audience, preview, send, progress, progress_json, messages])
]
