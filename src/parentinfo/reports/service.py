"""The reach report from the database: fetch the rows in scope, let :mod:`figures` count them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.firsts import first_checkins
from parentinfo.attendance.models import CheckIn
from parentinfo.errors import NotFound, invalid_field
from parentinfo.events.models import Event, EventHost
from parentinfo.lib.enums import (
    SUPPORTED_LANGUAGES,
    EventStatus,
    HostStatus,
    OrganisationKind,
    Topic,
)
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.reports import figures
from parentinfo.reports.links import organisations_in_scope
from parentinfo.rsvp.models import Invitation

HELD = (EventStatus.PUBLISHED, EventStatus.DONE)


@dataclass(frozen=True)
class ReportFilter:
    """What the report covers: a period in local dates, and optional narrowing."""

    start: date
    end: date  # inclusive
    organisation: str | None = None
    topic: str | None = None
    language: str | None = None


def report_filter(
    *,
    start: date | None,
    end: date | None,
    organisation: str | None,
    topic: str | None,
    language: str | None,
) -> ReportFilter:
    """Validate the filter; by default the last twelve months up to today."""
    end = end or date.today()
    start = start or end - timedelta(days=365)
    if start > end:
        raise invalid_field("start", "must be on or before end")
    if topic and topic not in {t.value for t in Topic}:
        raise invalid_field("topic", f"must be one of {', '.join(t.value for t in Topic)}")
    if language and language not in SUPPORTED_LANGUAGES:
        raise invalid_field("language", f"must be one of {', '.join(SUPPORTED_LANGUAGES)}")
    return ReportFilter(start, end, organisation or None, topic or None, language or None)


async def reach_report(*, actor: Actor, flt: ReportFilter, tz: str) -> figures.Reach:
    """The report for the actor's organisation (and, for a municipality, those sharing with it)."""
    scope = await organisations_in_scope(actor=actor)
    if flt.organisation:
        chosen = await Organisation.get_or_none(slug=flt.organisation)
        if chosen is None or chosen.id not in scope:
            raise NotFound(f"No organisation {flt.organisation!r} in this report.")
        scope = {chosen.id}
    counted = await _counted_organisations(actor=actor, scope=scope)
    return figures.compute(await _inputs(scope=scope, counted=counted, flt=flt, tz=tz))


async def _counted_organisations(*, actor: Actor, scope: set[int]) -> set[int] | None:
    """Whose invitations and messages a report counts; ``None`` for every host's.

    An organisation's own report shows its sessions whole, co-hosts' parents included. A
    municipality's report counts only the parents of organisations in its scope: itself
    and those whose sharing agreement is accepted now (a withdrawal takes the past with
    it). A co-host that never agreed is left out even on a session a sharing one hosts.
    """
    organisation = await Organisation.get(id=actor.org_id)
    return scope if organisation.kind == OrganisationKind.MUNICIPALITY else None


async def _inputs(
    *, scope: set[int], counted: set[int] | None, flt: ReportFilter, tz: str
) -> figures.Inputs:
    zone = ZoneInfo(tz)
    start = datetime.combine(flt.start, time.min, zone)
    end = datetime.combine(flt.end + timedelta(days=1), time.min, zone)
    hosted = await EventHost.filter(
        organisation_id__in=scope, status=HostStatus.ACCEPTED
    ).values_list("event_id", flat=True)
    query = Event.filter(
        status__in=HELD, starts_at__gte=start, starts_at__lt=end, id__in=list(hosted)
    )
    if flt.topic:
        query = query.filter(topic=flt.topic)
    event_rows = await query.values("id", "topic", "starts_at", "organisation__slug")
    events = [
        figures.EventRow(r["id"], str(r["topic"]), r["starts_at"], r["organisation__slug"])
        for r in event_rows
    ]
    event_ids = [e.id for e in events]
    invitation_query = Invitation.filter(event_id__in=event_ids)
    message_query = OutboundMessage.filter(event_id__in=event_ids)
    if counted is not None:
        invitation_query = invitation_query.filter(organisation_id__in=list(counted))
        message_query = message_query.filter(organisation_id__in=list(counted))
    if flt.language:
        invitation_query = invitation_query.filter(language=flt.language)
    invitation_rows = await invitation_query.values(
        "id", "event_id", "organisation__slug", "language", "answer", "party_size", "contact_id"
    )
    invitations = [
        figures.InvitationRow(
            r["id"],
            r["event_id"],
            r["organisation__slug"],
            r["language"],
            str(r["answer"]),
            r["party_size"],
            r["contact_id"],
        )
        for r in invitation_rows
    ]
    invitation_ids = [i.id for i in invitations]
    checkin_rows = await CheckIn.filter(invitation_id__in=invitation_ids, undone_at=None).values(
        "invitation_id", "party_size", "first_visit"
    )
    if flt.language:
        message_query = message_query.filter(language=flt.language)
    message_rows = await message_query.values(
        "event_id", "invitation_id", "channel", "status", "language", "segments"
    )
    return figures.Inputs(
        events=events,
        invitations=invitations,
        checkins=[figures.CheckInRow(r["invitation_id"], r["party_size"]) for r in checkin_rows],
        messages=[
            figures.MessageRow(
                r["event_id"],
                r["invitation_id"],
                str(r["channel"]),
                str(r["status"]),
                r["language"],
                r["segments"],
            )
            for r in message_rows
        ],
        first_time_invitations=await _first_time(
            invitations, {r["invitation_id"]: r["first_visit"] for r in checkin_rows}
        ),
    )


async def _first_time(
    invitations: list[figures.InvitationRow], checked_in: dict[int, bool | None]
) -> frozenset[int]:
    """Check-ins that were the contact's first check-in anywhere (walk-ins are new contacts too).

    ``checked_in`` maps the invitations checked in to their stored ``first_visit``: the
    answer kept for a parent who was erased. For everyone else their history decides.
    """
    contact_ids = {
        i.contact_id for i in invitations if i.id in checked_in and i.contact_id is not None
    }
    firsts = set((await first_checkins(contact_ids)).values())
    return frozenset(
        i.id
        for i in invitations
        if i.id in checked_in
        and (i.id in firsts if i.contact_id is not None else bool(checked_in[i.id]))
    )
