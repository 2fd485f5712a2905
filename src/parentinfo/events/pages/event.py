"""Staff pages for events: the list, the event page, and the form to create or edit one.

No fixed texts live here (they belong to the web catalog, in the templates); handlers
parse the form, call the events service (through ``events.pages.save``), and render.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.errors import Conflict, Forbidden, Invalid
from parentinfo.events import service
from parentinfo.events.models import Event
from parentinfo.events.pages.form import form_for_event, new_event_form, text_languages
from parentinfo.events.pages.save import (
    create_from_form,
    no_longer_waiting,
    not_yours_to_move_up,
    owner_only_message,
    preview_from_form,
    update_from_form,
)
from parentinfo.events.pages.view import load_event_page
from parentinfo.lib.clock import now
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.lib.pagination import page_request
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.notices.preview import NAME_SLOT
from parentinfo.reports.dashboard import event_titles
from parentinfo.rsvp.waitlist import staff as waitlist
from parentinfo.web.choices import languages, topics
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

PER_PAGE = 30


@get("/events")
async def event_list(
    request: Request[Any, Any, Any],
    page_actor: PageActor,
    past: FromQuery[bool] = False,
    page_number: Annotated[int, QueryParameter(name="page", ge=1, le=100_000)] = 1,
) -> Template:
    """Coming events (or past ones), soonest first."""
    moment = now()
    found = await service.list_events(
        actor=page_actor,
        page=page_request(page_number, PER_PAGE),
        starts_from=None if past else moment,
        starts_before=moment if past else None,
    )
    return await page(
        request,
        "web/events/list.html",
        actor=page_actor,
        section="events",
        found=found,
        titles=await event_titles(found.items),
        past=past,
    )


async def _form_page(
    request: Request[Any, Any, Any],
    actor: Actor,
    form: Form,
    event: Event | None = None,
    status: int = 200,
) -> Template:
    written = [t.language for t in event.texts] if event else []
    organisations = await Organisation.exclude(id=actor.org_id).order_by("name")
    return await page(
        request,
        "web/events/form.html",
        actor=actor,
        section="events",
        form=form,
        event=event,
        topics=topics(),
        languages=languages(SUPPORTED_LANGUAGES),
        text_languages=text_languages(written, form.many("session_languages")),
        organisations=organisations,
        status_code=status,
    )


@get("/events/new")
async def new_event(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """An empty event form."""
    page_actor.require_coordinator()
    return await _form_page(request, page_actor, new_event_form())


@post("/events", status_code=303)
async def create_event(request: Request[Any, Any, Any], page_actor: PageActor) -> Any:
    """Draft the event (or a monthly series), or show the form again with what is wrong."""
    form = await read_form(request)
    event = await create_from_form(
        actor=page_actor, form=form, languages=text_languages(form.many("session_languages"))
    )
    if event is None:
        return await _form_page(request, page_actor, form, status=422)
    flash(request, "series_created" if form.checked("monthly") else "event_created")
    return Redirect(path=f"/events/{event.id}", status_code=303)


@get("/events/{event_id:int}")
async def event_detail(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """The event: facts, texts side by side, hosts, answers, and what can be done next."""
    view = await load_event_page(actor=page_actor, event_id=event_id)
    return await page(
        request, "web/events/detail.html", actor=page_actor, section="events", view=view
    )


@get("/events/{event_id:int}/edit")
async def edit_event(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """The event form, filled in."""
    event = await service.get_event(actor=page_actor, event_id=event_id)
    return await _form_page(request, page_actor, form_for_event(event), event)


@post("/events/{event_id:int}/edit", status_code=303)
async def update_event(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Save the changes; a move parents must hear of asks first whom it tells, and how.

    The form comes back with ``notify``: ``yes`` tells the parents (when the number shown
    still holds), ``no`` saves without telling (recorded), ``back`` returns to the form.
    """
    form = await read_form(request)
    event = await service.get_event(actor=page_actor, event_id=event_id)
    decision = form.value("notify")
    if decision == "back":
        return await _form_page(request, page_actor, form, event)
    if decision != "no":
        preview = await preview_from_form(actor=page_actor, event=event, form=form)
        if preview is None:
            status = 403 if form.errors.keys() == {"__all__"} else 422
            return await _form_page(request, page_actor, form, event, status=status)
        changed = decision == "yes" and form.value("expected") != str(preview.notices.parents)
        if preview.asks and (decision != "yes" or changed):
            return await page(
                request,
                "web/events/confirm_change.html",
                actor=page_actor,
                section="events",
                event=event,
                title=(await event_titles([event]))[event.id],
                preview=preview,
                form=form,
                changed=changed,
                name_slot=NAME_SLOT,
            )
    if not await update_from_form(
        actor=page_actor, event=event, form=form, notify=decision != "no"
    ):
        status = 403 if form.errors.keys() == {"__all__"} else 422
        event = await service.get_event(actor=page_actor, event_id=event_id)
        return await _form_page(request, page_actor, form, event, status=status)
    flash(request, "saved_not_told" if decision == "no" else "saved")
    return Redirect(path=f"/events/{event_id}", status_code=303)


@post("/events/{event_id:int}/places", status_code=303)
async def set_places(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Raise (or set, or lift) the number of places; the waiting list moves up into them."""
    form = await read_form(request)
    capacity = form.integer("capacity")
    if not form.errors:
        try:
            await service.update_event(
                actor=page_actor, event_id=event_id, changes={"capacity": capacity}
            )
        except Forbidden:
            form.errors["__all__"] = owner_only_message()
        except (Invalid, Conflict) as error:
            form.fail(error)
    if form.errors:
        view = await load_event_page(actor=page_actor, event_id=event_id)
        status = 403 if form.errors.keys() == {"__all__"} else 422
        return await page(
            request,
            "web/events/detail.html",
            actor=page_actor,
            section="events",
            view=view,
            form=form,
            status_code=status,
        )
    flash(request, "places_saved")
    return Redirect(path=f"/events/{event_id}#places", status_code=303)


@post("/events/{event_id:int}/waiting/{invitation_id:int}/move-up", status_code=303)
async def move_up_waiting(
    request: Request[Any, Any, Any],
    page_actor: PageActor,
    event_id: FromPath[int],
    invitation_id: FromPath[int],
) -> Any:
    """Give a waiting household its places now and tell them."""
    form = Form()
    status = 303
    try:
        await waitlist.move_up(actor=page_actor, event_id=event_id, invitation_id=invitation_id)
    except Forbidden:
        status = 403
        form.errors["__all__"] = not_yours_to_move_up()
    except Conflict:
        status = 409
        form.errors["__all__"] = no_longer_waiting()
    if form.errors:
        view = await load_event_page(actor=page_actor, event_id=event_id)
        return await page(
            request,
            "web/events/detail.html",
            actor=page_actor,
            section="events",
            view=view,
            form=form,
            status_code=status,
        )
    flash(request, "moved_up")
    return Redirect(path=f"/events/{event_id}#places", status_code=303)


routes: list[ControllerRouterHandler] = [
    page_router(
        [
            event_list,
            new_event,
            create_event,
            event_detail,
            edit_event,
            update_event,
            set_places,
            move_up_waiting,
        ]
    )
]
