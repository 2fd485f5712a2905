"""``/api/v1/organisations``: the directory of organisations, and your own organisation."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.params import Parameter as QueryParameter
from litestar.types import ControllerRouterHandler
from msgspec import UNSET, Meta, UnsetType

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import ApiActor
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, OrganisationKind
from parentinfo.organisations import partners, service
from parentinfo.organisations.models import Organisation
from parentinfo.organisations.responses import error_responses

Language = Annotated[
    str, Meta(max_length=8, description=f"one of {', '.join(SUPPORTED_LANGUAGES)}")
]


class OrganisationOut(msgspec.Struct):
    """An organisation's public details, and the caller's role in it if any."""

    slug: str
    name: str
    kind: str
    languages: list[str]
    my_role: str | None = None


class OwnOrganisationOut(msgspec.Struct):
    """Your active organisation with its settings and contact details."""

    slug: str
    name: str
    kind: str
    languages: list[str]
    plain_sms_languages: list[str]
    contact_email: str
    contact_phone: str
    website: str
    my_role: str
    sender_name: str = ""
    retention_message_days: int | None = None
    retention_contact_months: int | None = None
    channel_order: str = ""  # "" is the service's default order


class OrganisationPatch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Changes to your organisation: only the fields sent are changed."""

    name: Annotated[str, Meta(min_length=1, max_length=200)] | UnsetType = UNSET
    languages: list[Language] | UnsetType = UNSET
    plain_sms_languages: (
        Annotated[
            list[Language],
            Meta(description="languages sent by SMS without diacritics, to stay in GSM-7"),
        ]
        | UnsetType
    ) = UNSET
    contact_email: Annotated[str, Meta(max_length=254)] | UnsetType = UNSET
    contact_phone: Annotated[str, Meta(max_length=32)] | UnsetType = UNSET
    website: Annotated[str, Meta(max_length=300)] | UnsetType = UNSET
    sender_name: (
        Annotated[str, Meta(max_length=60, description="how mail to parents is signed")] | UnsetType
    ) = UNSET
    retention_message_days: (
        Annotated[int | None, Meta(description="7 to 365; null: the deployment's default")]
        | UnsetType
    ) = UNSET
    retention_contact_months: (
        Annotated[int | None, Meta(description="1 to 24; null: the deployment's default")]
        | UnsetType
    ) = UNSET
    channel_order: (
        Annotated[
            str,
            Meta(
                max_length=40,
                description=(
                    "the order in which a parent's channels are tried, comma-separated, each "
                    "of whatsapp, sms, email once (those left out follow in the default "
                    "order; a parent who asked to be called is called first, the call list "
                    "comes last); empty: the default order"
                ),
                examples=["whatsapp,sms,email"],
            ),
        ]
        | UnsetType
    ) = UNSET


class OrganisationIn(msgspec.Struct, forbid_unknown_fields=True):
    """A new partner organisation or municipality."""

    name: Annotated[str, Meta(max_length=200)]
    kind: Annotated[str, Meta(description="school, library, …, municipality, other")]
    languages: list[Language]
    admin_email: Annotated[
        str, Meta(max_length=254, description="invite its first admin; empty: you become it")
    ] = ""


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


def own_organisation_out(organisation: Organisation, actor: Actor) -> OwnOrganisationOut:
    """Serialise the active organisation, settings included."""
    return OwnOrganisationOut(
        slug=organisation.slug,
        name=organisation.name,
        kind=organisation.kind.value,
        languages=list(organisation.languages),
        plain_sms_languages=list(organisation.plain_sms_languages),
        contact_email=organisation.contact_email,
        contact_phone=organisation.contact_phone,
        website=organisation.website,
        my_role=actor.role.value,
        sender_name=organisation.sender_name,
        retention_message_days=organisation.retention_message_days,
        retention_contact_months=organisation.retention_contact_months,
        channel_order=organisation.channel_order,
    )


# The kinds are stated in the schema (a client and the fuzzer know them); the service still
# answers an unknown one with a 422 that lists them.
KindQuery = Annotated[
    str | None,
    QueryParameter(
        description="one of " + ", ".join(k.value for k in OrganisationKind),
        schema_extra={"enum": [k.value for k in OrganisationKind]},
    ),
]


@get("/organisations", summary="List organisations", responses=error_responses())
async def list_organisations(actor: ApiActor, kind: KindQuery = None) -> list[OrganisationOut]:
    """Every organisation's public details; filter with ``?kind=library``."""
    organisations = await service.list_organisations(actor=actor, kind=kind)
    return [organisation_out(o, actor) for o in organisations]


@get("/organisations/me", summary="Get your organisation", responses=error_responses())
async def get_own_organisation(actor: ApiActor) -> OwnOrganisationOut:
    """The organisation you act for (``X-Organisation``, else your first), with its settings."""
    return own_organisation_out(await service.active_organisation(actor=actor), actor)


@patch("/organisations/me", summary="Change your organisation", responses=error_responses())
async def update_own_organisation(
    actor: ApiActor, data: JSONBody[OrganisationPatch]
) -> OwnOrganisationOut:
    """Admins change the name, languages, plain-SMS languages and contact details."""
    changes = {
        name: getattr(data, name)
        for name in data.__struct_fields__
        if getattr(data, name) is not UNSET
    }
    organisation = await service.update_organisation(actor=actor, changes=changes)
    return own_organisation_out(organisation, actor)


@post(
    "/organisations",
    summary="Add a partner organisation or a municipality",
    status_code=201,
    responses=error_responses(),
)
async def create_organisation(actor: ApiActor, data: JSONBody[OrganisationIn]) -> OrganisationOut:
    """Admins make an organisation; its first admin is invited by email, or it is you."""
    new = partners.NewOrganisation(
        name=data.name, kind=data.kind, languages=list(data.languages), admin_email=data.admin_email
    )
    organisation = await partners.create_organisation(actor=actor, new=new)
    return organisation_out(organisation, actor)


@get("/organisations/{slug:str}", summary="Get an organisation", responses=error_responses(404))
async def get_organisation(actor: ApiActor, slug: FromPath[str]) -> OrganisationOut:
    """One organisation's public details."""
    return organisation_out(await service.get_organisation(actor=actor, slug=slug), actor)


routes: list[ControllerRouterHandler] = [
    list_organisations,
    get_own_organisation,
    update_own_organisation,
    create_organisation,
    get_organisation,
]
