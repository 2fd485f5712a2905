"""Staff pages for outreach: choose the audience, preview per language, confirm, watch it go.

No fixed texts live here (they belong to the web catalog, in the templates).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.errors import Conflict, Invalid, NotFound, TooManyRequests
from parentinfo.events import service as events
from parentinfo.events.pages.view import EventPage, load_event_page
from parentinfo.lib.clock import now
from parentinfo.lib.enums import AGE_GROUPS, SUPPORTED_LANGUAGES, Channel, MessageKind
from parentinfo.lib.pagination import page_request
from parentinfo.outreach import nudge, scheduled, service
from parentinfo.outreach import preview as previewing
from parentinfo.outreach.audience.selection import AudienceFilter
from parentinfo.outreach.counts import audience_languages, sending_progress
from parentinfo.outreach.departure import as_moment
from parentinfo.outreach.lists import messages as listings
from parentinfo.outreach.pages.timing import leaves_when, local_input, send_at_from
from parentinfo.outreach.testsend import send_test
from parentinfo.web.choices import contact_choices
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

UTC_ZONE = ZoneInfo("UTC")  # the page hands back the moments it showed, in UTC


def _query_form(request: Request[Any, Any, Any]) -> Form:
    """The audience travels in the query string from the choice to the preview."""
    params = request.query_params
    return Form(
        values={
            key: params.getall(key, [])
            for key in ("languages", "age_groups", "attended", "send_at", "contacts")
        }
    )


def audience_from(form: Form) -> AudienceFilter:
    """The audience chosen on the form (unknown values are left for the service to refuse)."""
    attended = form.value("attended")
    return AudienceFilter(
        languages=tuple(form.many("languages")),
        age_groups=tuple(g for g in form.many("age_groups") if g in AGE_GROUPS),
        attended_before={"yes": True, "no": False}.get(attended),
        contact_ids=tuple(sorted({int(i) for i in form.many("contacts") if i.isdigit()}))[:500],
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
        batches=await _batches(actor, view),
        leaves_when=leaves_when,
        status_code=status_code,
    )


async def _batches(actor: Actor, view: EventPage) -> list[scheduled.ScheduledBatch]:
    """What waits to be sent for the event, when the actor may see and call it off."""
    try:
        return await scheduled.scheduled_batches(actor=actor, event_id=view.event.id)
    except (NotFound, Conflict, Invalid):
        return []


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
            actor=page_actor,
            event_id=event_id,
            audience=audience_from(form),
            send_at=send_at_from(form),
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
        leaves_when=leaves_when,
        languages=SUPPORTED_LANGUAGES,
        mode="invitation",
        call_voices=await previewing.call_voices(
            org_id=page_actor.org_id,
            event_id=event_id,
            languages=[language.preview.language for language in plan.languages],
        ),
    )


@post("/events/{event_id:int}/outreach/send", status_code=303)
async def send(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Step 3: confirmed; queue them all and watch the progress."""
    form = await read_form(request)
    try:
        send_at = send_at_from(form)
        summary = await service.send_invitations(
            actor=page_actor, event_id=event_id, audience=audience_from(form), send_at=send_at
        )
    except (Invalid, Conflict) as error:
        form.fail(error)
        view = await load_event_page(actor=page_actor, event_id=event_id)
        return await _audience_page(request, page_actor, view, form, status_code=error.status_code)
    flash(request, "sending_scheduled" if send_at else "sending_started")
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
    *,
    status: FromQuery[str | None] = None,
    channel: FromQuery[str | None] = None,
    page_number: Annotated[int, QueryParameter(name="page", ge=1, le=100_000)] = 1,
) -> Template:
    """The organisation's messages of the event with their status (never a co-host's)."""
    view = await load_event_page(actor=page_actor, event_id=event_id)
    found = await listings.list_messages(
        actor=page_actor,
        page=page_request(page_number, 100),
        status=status,
        event_id=event_id,
        channel=channel,
    )
    by_channel = await listings.channel_counts(actor=page_actor, status=status, event_id=event_id)
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
        channel=channel or "",
        by_channel=by_channel,
    )


@post("/events/{event_id:int}/outreach/test", status_code=303)
async def test(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Redirect:
    """A test of the message to the staff member's own phone or address; back to the page."""
    form = await read_form(request)
    kind = MessageKind.NUDGE if form.value("kind") == "nudge" else MessageKind.INVITATION
    channel = Channel.SMS if form.value("channel") == "sms" else Channel.EMAIL
    language = form.value("language")
    back = _back(form.value("back"), event_id)
    if language not in SUPPORTED_LANGUAGES:
        language = "nl"
    try:
        await send_test(
            actor=page_actor,
            event_id=event_id,
            kind=kind,
            language=language,
            channel=channel,
            mobile=form.value("mobile"),
        )
    except Invalid:
        flash(request, "test_refused", kind="error")
        return Redirect(path=back, status_code=303)
    except TooManyRequests:
        flash(request, "test_too_many", kind="error")
        return Redirect(path=back, status_code=303)
    flash(request, "test_sent")
    return Redirect(path=back, status_code=303)


def _back(raw: str, event_id: int) -> str:
    """Where to go after a test: the page it was sent from, never another site."""
    prefix = f"/events/{event_id}/outreach"
    return raw if raw.startswith(prefix) and "//" not in raw and "\\" not in raw else prefix


@post("/events/{event_id:int}/outreach/scheduled/cancel", status_code=303)
async def call_off(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Redirect:
    """Call off the messages of one kind waiting for one moment."""
    form = await read_form(request)
    kind = MessageKind.NUDGE if form.value("kind") == "nudge" else MessageKind.INVITATION
    try:
        at = as_moment(datetime.fromisoformat(form.value("at")), UTC_ZONE)
        await scheduled.call_off(actor=page_actor, event_id=event_id, kind=kind, at=at)
    except (ValueError, NotFound):
        flash(request, "nothing_to_call_off", kind="error")
    else:
        flash(request, "send_called_off")
    return Redirect(path=f"/events/{event_id}/outreach", status_code=303)


@get("/events/{event_id:int}/outreach/nudge")
async def nudge_preview(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """The nudge to parents who have not answered: when, to whom, at what cost."""
    form = _query_form(request)
    view = await load_event_page(actor=page_actor, event_id=event_id)
    status = 200
    try:
        if "send_at" not in request.query_params:
            chosen = nudge.default_nudge_time(view.event.starts_at, at=now())
            form.values["send_at"] = [local_input(chosen)]
        plan = await nudge.preview_nudges(
            actor=page_actor, event_id=event_id, send_at=send_at_from(form)
        )
    except (Invalid, Conflict) as error:
        form.fail(error)
        status = error.status_code
        plan = None
    return await page(
        request,
        "web/outreach/nudge.html",
        actor=page_actor,
        section="events",
        view=view,
        plan=plan,
        form=form,
        query=request.url.query,
        leaves_when=leaves_when,
        languages=SUPPORTED_LANGUAGES,
        mode="nudge",
        status_code=status,
    )


@post("/events/{event_id:int}/outreach/nudge", status_code=303)
async def nudge_send(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Confirmed: queue the nudges to leave at the chosen time."""
    form = await read_form(request)
    try:
        await nudge.send_nudges(actor=page_actor, event_id=event_id, send_at=send_at_from(form))
    except (Invalid, Conflict) as error:
        form.fail(error)
        view = await load_event_page(actor=page_actor, event_id=event_id)
        return await page(
            request,
            "web/outreach/nudge.html",
            actor=page_actor,
            section="events",
            view=view,
            plan=None,
            form=form,
            query="",
            leaves_when=leaves_when,
            languages=SUPPORTED_LANGUAGES,
            mode="nudge",
            status_code=error.status_code,
        )
    flash(request, "nudge_queued")
    return Redirect(path=f"/events/{event_id}/outreach", status_code=303)


routes: list[ControllerRouterHandler] = [
    page_router(
        [
            choose_audience,
            preview,
            send,
            progress,
            progress_json,
            messages,
            test,
            call_off,
            nudge_preview,
            nudge_send,
        ]
    )
]
