"""Municipality links: an organisation agrees to share aggregate figures with its municipality."""

from __future__ import annotations

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, Forbidden, NotFound
from parentinfo.lib.clock import now
from parentinfo.lib.enums import OrganisationKind
from parentinfo.organisations.models import MunicipalityLink, Organisation
from parentinfo.privacy.audit import record

INVITED, ACCEPTED, WITHDRAWN = "invited", "accepted", "withdrawn"


async def invite_organisation(*, actor: Actor, organisation_slug: str) -> MunicipalityLink:
    """A municipality's admin asks an organisation in its area to share its figures."""
    actor.require_admin()
    municipality = await Organisation.get(id=actor.org_id)
    if municipality.kind != OrganisationKind.MUNICIPALITY:
        raise Forbidden("Only a municipality can ask organisations to share their figures.")
    organisation = await Organisation.get_or_none(slug=organisation_slug)
    if organisation is None or organisation.id == municipality.id:
        raise NotFound(f"No organisation with slug {organisation_slug!r}.")
    link = await MunicipalityLink.get_or_none(municipality=municipality, organisation=organisation)
    if link is not None and link.status != WITHDRAWN:
        raise Conflict(f"{organisation.name} has already been asked (status: {link.status}).")
    if link is None:
        link = await MunicipalityLink.create(municipality=municipality, organisation=organisation)
    else:
        link.status, link.responded_at = INVITED, None
        await link.save(update_fields=["status", "responded_at"])
    await record(
        actor=actor,
        action="municipality.invite",
        subject_type="organisation",
        subject_id=organisation.id,
    )
    return link


async def respond(*, actor: Actor, link_id: int, accept: bool) -> MunicipalityLink:
    """The organisation's admin accepts, or withdraws (also after accepting)."""
    actor.require_admin()
    link = await MunicipalityLink.get_or_none(id=link_id, organisation_id=actor.org_id)
    if link is None:
        raise NotFound("No such request from a municipality.")
    if accept and link.status == ACCEPTED:
        raise Conflict("Already shared with this municipality.")
    link.status = ACCEPTED if accept else WITHDRAWN
    link.responded_at = now()
    fields = ["status", "responded_at"]
    if accept:  # who agreed, and since when (responded_at), stay known after a withdrawal
        link.agreed_by_id = actor.user_id
        fields.append("agreed_by_id")
    await link.save(update_fields=fields)
    await record(
        actor=actor,
        action="municipality." + ("accept" if accept else "withdraw"),
        subject_type="link",
        subject_id=link.id,
    )
    return link


async def links_for(*, actor: Actor) -> list[MunicipalityLink]:
    """The links the actor's organisation is part of, on either side."""
    related = ("municipality", "organisation", "agreed_by")
    return await MunicipalityLink.filter(municipality_id=actor.org_id).select_related(
        *related
    ) + await MunicipalityLink.filter(organisation_id=actor.org_id).select_related(*related)


async def organisations_in_scope(*, actor: Actor) -> set[int]:
    """Whose events the actor's report covers: their own, plus those sharing with them."""
    links = await MunicipalityLink.filter(municipality_id=actor.org_id, status=ACCEPTED)
    return {actor.org_id, *(link.organisation_id for link in links)}  # type: ignore[attr-defined]
