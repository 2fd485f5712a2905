"""The admins' page of WhatsApp templates: per kind and language our text, and the
ContentSid Twilio gave it once approved, edited one row at a time.

No fixed texts live here (they belong to the web catalog, in the template).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.errors import Conflict, Invalid
from parentinfo.lib.enums import MessageKind
from parentinfo.outreach import contentsids
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, empty_form, read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

PATH = "/admin/whatsapp"


def _chosen_kind(raw: str | None) -> MessageKind:
    """The kind shown: the one asked for when it has templates, else the first."""
    return next((k for k in WHATSAPP_KINDS if k.value == raw), WHATSAPP_KINDS[0])


async def _table_page(
    request: Request[Any, Any, Any],
    actor: Actor,
    kind: MessageKind,
    *,
    failed: tuple[str, Form] | None = None,
    status: int = 200,
) -> Template:
    rows = await contentsids.template_rows(actor=actor, kind=kind)
    return await page(
        request,
        "web/outreach/whatsapp_templates.html",
        actor=actor,
        section="admin",
        here=PATH,
        kind=kind,
        kinds=WHATSAPP_KINDS,
        rows=rows,
        approved=sum(row.approved for row in rows),
        failed_language=failed[0] if failed else "",
        failed_form=failed[1] if failed else empty_form(),
        status_code=status,
    )


@get(PATH)
async def whatsapp_templates(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """One kind's templates in every language, with their ContentSids (admins)."""
    kind = _chosen_kind(request.query_params.get("kind"))
    return await _table_page(request, page_actor, kind)


@post(PATH + "/{kind:str}/{language:str}", status_code=303)
async def save_content_sid(
    request: Request[Any, Any, Any],
    page_actor: PageActor,
    kind: FromPath[str],
    language: FromPath[str],
) -> Any:
    """Save one row's ContentSid; a bad one comes back in its row with what to fix."""
    form = await read_form(request)
    try:
        await contentsids.set_content_sid(
            actor=page_actor, kind=kind, language=language, content_sid=form.value("content_sid")
        )
    except (Invalid, Conflict) as error:
        form.fail(error)
        chosen = _chosen_kind(kind)
        return await _table_page(
            request, page_actor, chosen, failed=(language, form), status=error.status_code
        )
    flash(request, "saved")
    return Redirect(path=f"{PATH}?kind={_chosen_kind(kind).value}#t-{language}", status_code=303)


routes: list[ControllerRouterHandler] = [page_router([whatsapp_templates, save_content_sid])]
