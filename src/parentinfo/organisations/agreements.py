"""The agreements to share aggregate figures with a municipality, as the administration pages
show them: both sides, who agreed and since when. The rules live in
:mod:`parentinfo.reports.links`, which the report reads; this adds the view and checks input."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.models import User
from parentinfo.errors import NotFound, invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import OrganisationKind
from parentinfo.organisations.models import MunicipalityLink, Organisation
from parentinfo.reports import links


@dataclass(frozen=True)
class AgreementRow:
    """One agreement: who shares with which municipality, its state, since when, by whom."""

    id: int
    municipality: str
    organisation: str
    status: str
    since: datetime | None
    agreed_by: str


@dataclass(frozen=True)
class AgreementsView:
    """The page: as a municipality (asked of others) and as an organisation (asked of us)."""

    is_municipality: bool
    asked_by_us: list[AgreementRow]
    asked_of_us: list[AgreementRow]
    candidates: list[Organisation]


async def _rows(found: list[MunicipalityLink]) -> list[AgreementRow]:
    user_ids = {link.agreed_by_id for link in found if link.agreed_by_id}  # type: ignore[attr-defined]
    emails = dict(await User.filter(id__in=list(user_ids)).values_list("id", "email"))
    return [
        AgreementRow(
            link.id,
            link.municipality.name,
            link.organisation.name,
            link.status,
            link.responded_at if link.status == links.ACCEPTED else None,
            str(emails.get(link.agreed_by_id, "")),  # type: ignore[attr-defined]
        )
        for link in found
    ]


async def agreements_view(*, actor: Actor) -> AgreementsView:
    """Both sides of the active organisation's agreements (admins only)."""
    actor.require_admin()
    own = await Organisation.get(id=actor.org_id)
    related = ("municipality", "organisation")
    ours = await MunicipalityLink.filter(municipality_id=actor.org_id).select_related(*related)
    theirs = await MunicipalityLink.filter(organisation_id=actor.org_id).select_related(*related)
    is_municipality = own.kind == OrganisationKind.MUNICIPALITY
    taken = {link.organisation_id for link in ours if link.status != links.WITHDRAWN}  # type: ignore[attr-defined]
    candidates = (
        [
            o
            for o in await Organisation.exclude(kind=OrganisationKind.MUNICIPALITY).order_by("name")
            if o.id not in taken and o.id != own.id
        ]
        if is_municipality
        else []
    )
    return AgreementsView(is_municipality, await _rows(ours), await _rows(theirs), candidates)


async def ask(*, actor: Actor, organisation_slug: str) -> MunicipalityLink:
    """A municipality's admin asks an organisation to share (422 when none was chosen)."""
    if not organisation_slug.strip():
        raise invalid_field("organisation", _("Choose the organisation to ask."))
    return await links.invite_organisation(actor=actor, organisation_slug=organisation_slug)


async def answer(*, actor: Actor, link_id: int, answer: str) -> MunicipalityLink:
    """The asked organisation's admin agrees (``accept``) or stops sharing (``withdraw``)."""
    if answer not in {"accept", "withdraw"}:
        raise NotFound(_("No such answer."))
    return await links.respond(actor=actor, link_id=link_id, accept=answer == "accept")
