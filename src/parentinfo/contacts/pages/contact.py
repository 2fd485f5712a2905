"""Staff pages for contacts: list and search, add and edit with consent, CSV import.

No fixed texts live here (they belong to the web catalog, in the templates); handlers parse
the form, call one contacts service function, and render.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.contacts import service
from parentinfo.contacts.consent_notes import SYSTEM_NOTES
from parentinfo.contacts.csv_import import csv_template
from parentinfo.contacts.models import Contact
from parentinfo.contacts.pages.listing import ListFilters, event_choices, may_manage
from parentinfo.contacts.pages.listing import routes as list_routes
from parentinfo.errors import Conflict, Invalid
from parentinfo.lib.pagination import Page, page_request
from parentinfo.web.choices import contact_choices
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, empty_form, read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

PER_PAGE = 50
CONSENT_ALIASES = {
    "consent.channels": "consent_channels",
    "consent.method": "consent_method",
    "consent.note": "consent_note",
}


@get("/contacts")
async def contact_list(
    request: Request[Any, Any, Any],
    page_actor: PageActor,
    page_number: Annotated[int, QueryParameter(name="page", ge=1, le=100_000)] = 1,
) -> Template:
    """The organisation's contacts, searchable, filtered by language, age, channel, answer."""
    filters = ListFilters.from_query(request.query_params)
    status, problem = 200, ""
    try:
        found = await service.search_contacts(
            actor=page_actor,
            page=page_request(page_number, PER_PAGE),
            age_group=filters.age_group or None,
            **filters.query_kwargs(),
        )
    except Invalid as error:
        status, problem = 422, error.message
        found = Page(items=[], total=0, page=1, per_page=PER_PAGE)
    return await page(
        request,
        "web/contacts/list.html",
        actor=page_actor,
        section="contacts",
        found=found,
        filters=filters,
        problem=problem,
        events=await event_choices(page_actor),
        may_manage=may_manage(page_actor),
        choices=contact_choices(),
        status_code=status,
    )


async def _contact_form(
    request: Request[Any, Any, Any],
    actor: Actor,
    form: Form,
    contact: Contact | None = None,
    status: int = 200,
) -> Template:
    history = await service.consent_history(actor=actor, contact_id=contact.id) if contact else []
    return await page(
        request,
        "web/contacts/form.html",
        actor=actor,
        section="contacts",
        form=form,
        contact=contact,
        history=history,
        system_notes=SYSTEM_NOTES,
        choices=contact_choices(),
        status_code=status,
    )


@get("/contacts/new")
async def new_contact(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """An empty contact form."""
    form = empty_form(language="pl", consent_method="paper_form", consent_channels=["sms"])
    return await _contact_form(request, page_actor, form)


@post("/contacts", status_code=303)
async def create_contact(request: Request[Any, Any, Any], page_actor: PageActor) -> Any:
    """Save a new contact with the consent given."""
    form = await read_form(request)
    try:
        await service.create_contact(
            actor=page_actor,
            name=form.value("name"),
            mobile=form.value("mobile") or None,
            email=form.value("email") or None,
            language=form.value("language"),
            age_groups=form.many("age_groups"),
            consent_channels=form.many("consent_channels"),
            consent_method=form.value("consent_method"),
            consent_note=form.value("consent_note"),
            notes=form.value("notes"),
        )
    except (Invalid, Conflict) as error:
        form.fail(error, aliases=CONSENT_ALIASES)
        return await _contact_form(request, page_actor, form, status=422)
    flash(request, "contact_saved")
    return Redirect(path="/contacts", status_code=303)


@get("/contacts/{contact_id:int}")
async def edit_contact(
    request: Request[Any, Any, Any], page_actor: PageActor, contact_id: FromPath[int]
) -> Template:
    """A contact's details, its consent history, and a form to change them."""
    contact = await service.get_contact(actor=page_actor, contact_id=contact_id)
    form = empty_form(
        name=contact.name,
        mobile=contact.mobile,
        email=contact.email,
        language=contact.language,
        age_groups=list(contact.age_groups or []),
        notes=contact.notes,
        consent_granted="yes",
    )
    return await _contact_form(request, page_actor, form, contact)


@post("/contacts/{contact_id:int}", status_code=303)
async def update_contact(
    request: Request[Any, Any, Any], page_actor: PageActor, contact_id: FromPath[int]
) -> Any:
    """Save the changes; ticking channels records a new consent (given or withdrawn)."""
    form = await read_form(request)
    changes = {
        "name": form.value("name"),
        "mobile": form.value("mobile") or None,
        "email": form.value("email") or None,
        "language": form.value("language"),
        "age_groups": form.many("age_groups"),
        "notes": form.value("notes"),
    }
    consent = None
    if form.many("consent_channels"):
        consent = {
            "channels": form.many("consent_channels"),
            "method": form.value("consent_method"),
            "note": form.value("consent_note"),
            "granted": form.value("consent_granted", "yes") == "yes",
        }
    try:
        await service.update_contact(
            actor=page_actor, contact_id=contact_id, changes=changes, consent=consent
        )
    except (Invalid, Conflict) as error:
        form.fail(error, aliases=CONSENT_ALIASES)
        contact = await service.get_contact(actor=page_actor, contact_id=contact_id)
        return await _contact_form(request, page_actor, form, contact, status=422)
    flash(request, "contact_saved")
    return Redirect(path=f"/contacts/{contact_id}", status_code=303)


@get("/contacts/template.csv", media_type="text/csv")
async def template_csv(page_actor: PageActor) -> Response[str]:
    """A CSV with the columns and two example rows, to fill in."""
    del page_actor  # any member may download it, but only when logged in
    return Response(
        csv_template(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="contacts-template.csv"'},
    )


routes: list[ControllerRouterHandler] = [
    page_router(
        [
            contact_list,
            new_contact,
            create_contact,
            edit_contact,
            update_contact,
            template_csv,
            *list_routes,
        ]
    )
]
