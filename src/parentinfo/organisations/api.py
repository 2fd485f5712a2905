"""``/api/v1/organisations``: the directory of organisations (public details only)."""

from __future__ import annotations

import msgspec
from litestar import get
from litestar.params import FromPath, FromQuery
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import ApiActor
from parentinfo.organisations import service
from parentinfo.organisations.models import Organisation


class OrganisationOut(msgspec.Struct):
    """An organisation's public details, and the caller's role in it if any."""

    slug: str
    name: str
    kind: str
    languages: list[str]
    my_role: str | None = None


def organisation_out(organisation: Organisation, actor: Actor) -> OrganisationOut:
    """Serialise for the API."""
    role = actor.memberships.get(organisation.id)
    return OrganisationOut(
        slug=organisation.slug,
        name=organisation.name,
        kind=organisation.kind.value,
        languages=list(organisation.languages),
        my_role=role.value if role else None,
    )


@get("/organisations", summary="List organisations")
async def list_organisations(
    actor: ApiActor, kind: FromQuery[str | None] = None
) -> list[OrganisationOut]:
    """Every organisation's public details; filter with ``?kind=library``."""
    organisations = await service.list_organisations(actor=actor, kind=kind)
    return [organisation_out(o, actor) for o in organisations]


@get("/organisations/{slug:str}", summary="Get an organisation")
async def get_organisation(actor: ApiActor, slug: FromPath[str]) -> OrganisationOut:
    """One organisation's public details."""
    return organisation_out(await service.get_organisation(actor=actor, slug=slug), actor)


routes: list[ControllerRouterHandler] = [list_organisations, get_organisation]
