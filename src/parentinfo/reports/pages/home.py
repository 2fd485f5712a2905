"""The staff home page: the dashboard (a municipality's own), and the organisation switcher."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import PageActor
from parentinfo.errors import NotFound
from parentinfo.lib.enums import Role
from parentinfo.organisations.municipality import is_municipality, load_municipality_home
from parentinfo.reports.dashboard import load_dashboard
from parentinfo.web.flashes import flash
from parentinfo.web.forms import read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router
from parentinfo.web.session import choose_organisation, safe_next


@get("/")
async def dashboard(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """Coming events with their answers, and what needs attention; a municipality's own."""
    if await is_municipality(actor=page_actor) and page_actor.role != Role.VOLUNTEER:
        home = await load_municipality_home(actor=page_actor)
        return await page(
            request,
            "organisations/municipality_home.html",
            actor=page_actor,
            section="home",
            home=home,
        )
    board = await load_dashboard(actor=page_actor)
    return await page(request, "web/dashboard.html", actor=page_actor, section="home", board=board)


@post("/organisation", status_code=303)
async def switch_organisation(request: Request[Any, Any, Any], page_actor: PageActor) -> Redirect:
    """Work for another of the user's organisations."""
    form = await read_form(request)
    org_id = form.integer("org_id")
    if org_id is None or org_id not in page_actor.org_ids:
        raise NotFound("You are not a member of that organisation.")
    choose_organisation(request, org_id)
    flash(request, "org_switched")
    # Back to where they were, unless that page belonged to the other organisation.
    back = safe_next(form.value("next"))
    return Redirect(path=back if back in {"/", "/events", "/contacts"} else "/", status_code=303)


routes: list[ControllerRouterHandler] = [
    page_router([dashboard, switch_organisation]),
]
