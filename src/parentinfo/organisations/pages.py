"""Administration pages for organisations: the active organisation's settings, making partner
organisations and municipalities, and the agreements to share figures with a municipality.

Handlers parse the form, call one service function, and render.
"""

from __future__ import annotations

from itertools import permutations
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.errors import ServiceError
from parentinfo.i18n import current_language
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import Channel, OrganisationKind
from parentinfo.organisations import agreements, partners, service
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.audience.selection import parse_order
from parentinfo.web.choices import languages
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, empty_form, read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

SETTINGS_FIELDS = (
    "name",
    "sender_name",
    "retention_message_days",
    "retention_contact_months",
    "channel_order",
)
LIST_FIELDS = ("languages", "plain_sms_languages")


def channel_order_options() -> list[tuple[str, str]]:
    """Every order of the channels, as stored and as read ("WhatsApp → SMS → email → call
    list"); the first, "", is the default order, spelled out."""
    names = {
        Channel.WHATSAPP: _("WhatsApp"),
        Channel.SMS: _("SMS"),
        Channel.EMAIL: _("Email"),
    }

    def spoken(order: tuple[Channel, ...]) -> str:
        return " → ".join([*(names[c] for c in order), _("call list")])

    options = [("", _("Default: %(order)s") % {"order": spoken(parse_order(""))})]
    for order in permutations(service.ORDERABLE_CHANNELS):
        options.append((",".join(c.value for c in order), spoken(order)))
    return options


def _settings_form(organisation: Organisation) -> Form:
    form = empty_form(
        name=organisation.name,
        sender_name=organisation.sender_name,
        retention_message_days=str(organisation.retention_message_days or ""),
        retention_contact_months=str(organisation.retention_contact_months or ""),
        channel_order=organisation.channel_order,
    )
    form.values["languages"] = list(organisation.languages)
    form.values["plain_sms_languages"] = list(organisation.plain_sms_languages)
    return form


async def _settings_page(
    request: Request[Any, Any, Any], actor: Actor, form: Form, status: int = 200
) -> Template:
    actor.require_admin()
    return await page(
        request,
        "organisations/settings.html",
        actor=actor,
        section="admin",
        form=form,
        language_options=languages(),
        ranges={"days": service.MESSAGE_DAYS_RANGE, "months": service.CONTACT_MONTHS_RANGE},
        order_options=channel_order_options(),
        status_code=status,
    )


@get("/admin/organisation")
async def settings_form(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """The active organisation's settings (admins)."""
    page_actor.require_admin()
    organisation = await service.active_organisation(actor=page_actor)
    return await _settings_page(request, page_actor, _settings_form(organisation))


@post("/admin/organisation", status_code=303)
async def save_settings(request: Request[Any, Any, Any], page_actor: PageActor) -> Any:
    """Save every setting at once, or none (each wrong field named, the rest kept)."""
    form = await read_form(request)
    changes: dict[str, Any] = {name: form.value(name) for name in SETTINGS_FIELDS}
    changes.update({name: form.many(name) for name in LIST_FIELDS})
    try:
        await service.update_organisation(actor=page_actor, changes=changes)
    except ServiceError as error:
        if error.status_code == 403:
            raise
        return await _settings_page(request, page_actor, form.fail(error), error.status_code)
    flash(request, "saved")
    return Redirect(path="/admin/organisation", status_code=303)


async def _organisations_page(
    request: Request[Any, Any, Any], actor: Actor, form: Form, status: int = 200
) -> Template:
    actor.require_admin()
    return await page(
        request,
        "organisations/list.html",
        actor=actor,
        section="admin",
        form=form,
        organisations=await service.list_organisations(actor=actor),
        kinds=[k.value for k in OrganisationKind],
        language_options=languages(),
        status_code=status,
    )


@get("/admin/organisations")
async def organisations(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """Every organisation, and the form to make a partner organisation or a municipality."""
    form = empty_form(kind=request.query_params.get("kind", OrganisationKind.LIBRARY.value))
    form.values["languages"] = ["nl"]
    return await _organisations_page(request, page_actor, form)


@post("/admin/organisations", status_code=303)
async def create_organisation(request: Request[Any, Any, Any], page_actor: PageActor) -> Any:
    """Make the organisation; its first admin is invited, or it is the maker."""
    form = await read_form(request)
    new = partners.NewOrganisation(
        name=form.value("name"),
        kind=form.value("kind"),
        languages=form.many("languages"),
        admin_email=form.value("admin_email"),
    )
    try:
        await partners.create_organisation(actor=page_actor, new=new, language=current_language())
    except ServiceError as error:
        if error.status_code == 403:
            raise
        return await _organisations_page(request, page_actor, form.fail(error), error.status_code)
    flash(request, "organisation_created")
    return Redirect(path="/admin/organisations", status_code=303)


async def _agreements_page(
    request: Request[Any, Any, Any], actor: Actor, form: Form, status: int = 200
) -> Template:
    view = await agreements.agreements_view(actor=actor)
    return await page(
        request,
        "organisations/agreements.html",
        actor=actor,
        section="admin",
        form=form,
        view=view,
        status_code=status,
    )


@get("/admin/agreements")
async def agreements_list(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """Who shares figures with whom, since when, agreed by whom (admins)."""
    return await _agreements_page(request, page_actor, empty_form())


@post("/admin/agreements", status_code=303)
async def ask_to_share(request: Request[Any, Any, Any], page_actor: PageActor) -> Any:
    """A municipality asks an organisation to share its figures."""
    form = await read_form(request)
    try:
        await agreements.ask(actor=page_actor, organisation_slug=form.value("organisation"))
    except ServiceError as error:
        if error.status_code == 403:
            raise
        return await _agreements_page(request, page_actor, form.fail(error), error.status_code)
    flash(request, "sharing_asked")
    return Redirect(path="/admin/agreements", status_code=303)


@post("/admin/agreements/{link_id:int}/{answer:str}", status_code=303)
async def answer_agreement(
    request: Request[Any, Any, Any],
    page_actor: PageActor,
    link_id: FromPath[int],
    answer: FromPath[str],
) -> Redirect:
    """The organisation agrees to share (``accept``) or stops sharing (``withdraw``)."""
    await agreements.answer(actor=page_actor, link_id=link_id, answer=answer)
    flash(request, "sharing_accepted" if answer == "accept" else "sharing_withdrawn")
    return Redirect(path="/admin/agreements", status_code=303)


routes: list[ControllerRouterHandler] = [
    page_router(
        [
            settings_form,
            save_settings,
            organisations,
            create_organisation,
            agreements_list,
            ask_to_share,
            answer_agreement,
        ]
    )
]
