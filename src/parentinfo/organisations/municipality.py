"""A municipality's start page: its area's figures and who shares them, not a school's
dashboard of sessions to run."""

from __future__ import annotations

from dataclasses import dataclass

from parentinfo.accounts.actor import Actor
from parentinfo.lib.enums import OrganisationKind
from parentinfo.organisations.agreements import AgreementRow, agreements_view
from parentinfo.organisations.models import Organisation
from parentinfo.reports import presentation
from parentinfo.reports.api import build_report
from parentinfo.reports.service import report_filter


@dataclass(frozen=True)
class MunicipalityHome:
    """The figures of every organisation sharing with the municipality, and the agreements."""

    report: presentation.Presented
    agreements: list[AgreementRow]


async def is_municipality(*, actor: Actor) -> bool:
    """True when the active organisation is a municipality."""
    return await Organisation.filter(id=actor.org_id, kind=OrganisationKind.MUNICIPALITY).exists()


async def load_municipality_home(*, actor: Actor) -> MunicipalityHome:
    """The report (last twelve months, small counts hidden) and, for admins, the agreements."""
    everything = report_filter(start=None, end=None, organisation=None, topic=None, language=None)
    report = await build_report(actor=actor, flt=everything)
    view = await agreements_view(actor=actor) if actor.role.value == "admin" else None
    return MunicipalityHome(report=report, agreements=view.asked_by_us if view else [])
