"""The door on a phone: the list, check-ins that survive a dropped connection, walk-ins,
the print view and the CSV. Also in Polish, Romanian and Bulgarian for volunteers.

No fixed texts live here (they belong to the web catalog, in the templates).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.attendance import export, service
from parentinfo.attendance.pages.replay import DoorState, DoorSync, sync_door
from parentinfo.errors import Conflict, Invalid
from parentinfo.i18n import current_language
from parentinfo.lib.downloads import csv_download
from parentinfo.lib.enums import VOLUNTEER_LANGUAGES
from parentinfo.web.choices import language_names, languages
from parentinfo.web.forms import Form, empty_form, read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router
from parentinfo.web.session import LANGUAGES_OPT

DOOR = {LANGUAGES_OPT: VOLUNTEER_LANGUAGES}
WALK_IN_ALIASES = {"consent.channels": "consent_channels"}


async def _door_page(
    request: Request[Any, Any, Any], actor: Actor, event_id: int, form: Form, status: int = 200
) -> Template:
    door = await export.printable_list(actor=actor, event_id=event_id)
    return await page(
        request,
        "web/attendance/door.html",
        actor=actor,
        section="events",
        door=door,
        form=form,
        languages=languages(),
        language_names=language_names(),
        status_code=status,
    )


@get("/events/{event_id:int}/door", opt=DOOR)
async def door(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """The attendance list for the door."""
    form = empty_form(language=current_language(), party_size="1")
    return await _door_page(request, page_actor, event_id, form)


@post("/events/{event_id:int}/door/sync", opt=DOOR, status_code=200)
async def door_sync(
    page_actor: PageActor, event_id: FromPath[int], data: JSONBody[DoorSync]
) -> DoorState:
    """Apply the phone's queued taps and answer with the door's state."""
    return await sync_door(actor=page_actor, event_id=event_id, data=data)


@post("/events/{event_id:int}/door/walk-in", opt=DOOR, status_code=303)
async def walk_in(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Any:
    """Register someone who came without an invitation, with their consent, and check them in."""
    form = await read_form(request)
    party = form.integer("party_size", default=1) or 1
    try:
        await service.add_walk_in(
            actor=page_actor,
            event_id=event_id,
            name=form.value("name"),
            language=form.value("language"),
            mobile=form.value("mobile") or None,
            email=form.value("email") or None,
            party_size=party,
            consent_channels=form.many("consent_channels"),
            client_id=form.value("client_id") or None,
        )
    except (Invalid, Conflict) as error:
        form.fail(error, aliases=WALK_IN_ALIASES)
        return await _door_page(request, page_actor, event_id, form, 422)
    return Redirect(path=f"/events/{event_id}/door#walk-in-added", status_code=303)


@get("/events/{event_id:int}/door/print", opt=DOOR)
async def door_print(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """The list on paper: names, languages, answers, boxes to tick."""
    door = await export.printable_list(actor=page_actor, event_id=event_id)
    return await page(
        request, "web/attendance/print.html", actor=page_actor, section="events", door=door
    )


@get("/events/{event_id:int}/door.csv", opt=DOOR)
async def door_csv(page_actor: PageActor, event_id: FromPath[int]) -> Response[str]:
    """The list as CSV for a spreadsheet."""
    filename, text = await export.attendance_csv(actor=page_actor, event_id=event_id)
    return csv_download(text, filename=filename)


routes: list[ControllerRouterHandler] = [
    page_router([door, door_sync, walk_in, door_print, door_csv])
]
