"""Rendering a staff page: the template plus what the top bar needs on every page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from litestar import Request
from litestar.enums import MediaType
from litestar.response import Template

from parentinfo.accounts.actor import Actor
from parentinfo.i18n import current_language, format_money, format_number
from parentinfo.lib.enums import Role
from parentinfo.organisations.models import Organisation
from parentinfo.runtime import runtime
from parentinfo.web.flashes import take_flashes
from parentinfo.web.session import allowed_languages


@dataclass(frozen=True)
class OrgChoice:
    """An organisation the user may switch to."""

    id: int
    name: str
    role: str


async def organisations_of(actor: Actor) -> list[OrgChoice]:
    """The user's organisations, for the switcher."""
    orgs = await Organisation.filter(id__in=list(actor.org_ids)).order_by("name")
    return [OrgChoice(org.id, org.name, actor.memberships[org.id].value) for org in orgs]


def money(amount: Decimal | float, *, precise: bool = False) -> str:
    """An amount in euro as the page's language writes it (``€ 3,98``, ``3,98 €``).

    ``precise`` keeps a tenth of a cent (``€ 0,079``): a cost per parent is often less than
    a cent apart from the next one, and rounding would hide what a shorter text saves.
    """
    return format_money(amount, precise=precise)


def embedded_tools() -> dict[str, bool]:
    """Which built-in stand-ins run here: the phone simulator and the mail outbox."""
    settings = runtime().settings
    return {
        "simulator": settings.sms_backend == "simulator",
        "outbox": settings.mail.backend == "outbox",
    }


def capabilities(actor: Actor | None) -> dict[str, bool]:
    """What the navigation offers: only what the actor's role may open (no link that 403s)."""
    role = actor.role if actor else None
    return {
        "reports": role in {Role.ADMIN, Role.COORDINATOR},
        "admin": role == Role.ADMIN,
    }


async def page(
    request: Request[Any, Any, Any],
    template: str,
    *,
    actor: Actor | None,
    section: str = "",
    status_code: int = 200,
    **context: Any,
) -> Template:
    """A page in the staff layout: top bar, organisation and language switchers, notices."""
    orgs = await organisations_of(actor) if actor else []
    current_org = next((o for o in orgs if actor and o.id == actor.org_id), None)
    shell = {
        "actor": actor,
        "orgs": orgs,
        "current_org": current_org,
        "section": section,
        "page_languages": allowed_languages(request),
        "lang": current_language(),
        "here": request.url.path,
        "flashes": take_flashes(request),
        "tools": embedded_tools(),
        "money": money,
        "number": format_number,
        "can": capabilities(actor),
    }
    return Template(
        template_name=template,
        context={**shell, **context},
        status_code=status_code,
        media_type=MediaType.HTML,  # handlers that may also redirect are typed Any
    )
